import type {ReactNode} from 'react';
import styles from './styles.module.css';

export interface Bar {
  label: string;
  value: number;
  /** The value as the reader should read it (units, separators). */
  text: string;
  /** A second, lighter bar drawn under the first, e.g. the full-scan share behind the sample's. */
  reference?: number;
  tone?: 'naive' | 'targeted';
}

/**
 * Horizontal bars scaled to `max`, each with its label and value in text, so the chart reads the
 * same to a screen reader as on screen.
 */
export function BarChart({title, bars, max, legend}: {title: string; bars: readonly Bar[]; max: number; legend?: ReactNode}): ReactNode {
  const scale = (value: number) => `${max <= 0 ? 0 : Math.max(0, Math.min(100, (value / max) * 100))}%`;
  return (
    <figure className={styles.chart} aria-label={title}>
      <figcaption className={styles.chartTitle}>{title}</figcaption>
      {legend}
      <ul className={styles.bars}>
        {bars.map((bar) => (
          <li key={bar.label} className={styles.barRow}>
            <span className={styles.barLabel}>{bar.label}</span>
            <span className={styles.track} aria-hidden="true">
              {bar.reference !== undefined && <span className={styles.referenceBar} style={{width: scale(bar.reference)}} />}
              <span className={`${styles.bar} ${bar.tone ? styles[bar.tone] : ''}`} style={{width: scale(bar.value)}} />
            </span>
            <span className={styles.barValue}>{bar.text}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
