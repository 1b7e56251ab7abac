import type {ReactNode} from 'react';
import type {HistoryVersion} from '@site/playground';
import styles from './styles.module.css';

/** Colours for firmware versions, each at least 3:1 against the light and the dark page background. */
const palette = ['#1f6fb2', '#b5541c', '#2e7d32', '#8e3b9e', '#9a6b00', '#00838f', '#c2185b', '#5d6b7a'];

const dayMs = 24 * 60 * 60 * 1000;

function shortTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/**
 * A machine's type 2 history as a timeline: one bar per version over its validity interval,
 * coloured by firmware, with the versions also listed in words below it.
 */
export function Timeline({machine, history}: {machine: string; history: readonly HistoryVersion[]}): ReactNode {
  if (history.length === 0) {
    return <p>{machine} has no versions yet.</p>;
  }
  const times = history.flatMap((version) => [Date.parse(version.validFrom), ...(version.validTo ? [Date.parse(version.validTo)] : [])]);
  const start = Math.min(...times);
  const lastKnown = Math.max(...times);
  const end = lastKnown + Math.max(dayMs, (lastKnown - start) * 0.1);
  const span = end - start;
  const firmwareOf = (version: HistoryVersion) => version.values.firmware ?? 'NULL';
  const firmwares = [...new Set(history.map(firmwareOf))];
  const colour = (firmware: string) => palette[firmwares.indexOf(firmware) % palette.length];
  const position = (iso: string) => ((Date.parse(iso) - start) / span) * 100;
  return (
    <figure className={styles.timeline} aria-label={`Validity intervals of ${machine}, coloured by firmware`}>
      <figcaption>
        {machine}: {history.length} versions from {shortTime(history[0]!.validFrom)}; colour = firmware
      </figcaption>
      <ul className={styles.legend} aria-label="Firmware colours">
        {firmwares.map((firmware) => (
          <li key={firmware}>
            <span className={styles.swatch} style={{background: colour(firmware)}} aria-hidden="true" /> {firmware}
          </li>
        ))}
      </ul>
      <div className={styles.track} aria-hidden="true">
        {history.map((version) => {
          const left = position(version.validFrom);
          const right = version.validTo ? position(version.validTo) : 100;
          return (
            <span
              key={version.validFrom}
              className={`${styles.segment} ${version.validTo ? '' : styles.open}`}
              style={{left: `${left}%`, width: `${Math.max(0.4, right - left)}%`, background: colour(firmwareOf(version))}}
              title={`${firmwareOf(version)} from ${shortTime(version.validFrom)}${version.validTo ? ` to ${shortTime(version.validTo)}` : ' (open)'}`}
            />
          );
        })}
      </div>
      <ol className={styles.versions}>
        {history.map((version) => (
          <li key={version.validFrom}>
            {shortTime(version.validFrom)} → {version.validTo ? shortTime(version.validTo) : version.isCurrent ? 'now (current)' : 'open'}:{' '}
            {Object.entries(version.values)
              .map(([column, value]) => `${column} ${value ?? 'NULL'}`)
              .join(', ')}
          </li>
        ))}
      </ol>
    </figure>
  );
}
