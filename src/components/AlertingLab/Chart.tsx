import type {ReactNode} from 'react';
import type {Labels} from '@site/playground';
import styles from './styles.module.css';

const width = 600;
const height = 120;
export const palette = ['#2874a6', '#d35400', '#1e8449', '#8e44ad'];

function describeLabels(labels: Labels): string {
  const values = Object.values(labels);
  return values.length === 0 ? 'value' : values.join(' ');
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 10_000 ? `${Math.round(value / 1000).toLocaleString('en-US')}k` : Math.round(value * 10) / 10 + '';
}

/** A line chart of a range query, with the selected minute marked. */
export default function Chart({title, expr, unit, lines, cursor, steps}: {title: string; expr: string; unit: string; lines: {labels: Labels; values: (number | null)[]}[]; cursor: number; steps: number}): ReactNode {
  const max = Math.max(1, ...lines.flatMap((line) => line.values.filter((value): value is number => value !== null)));
  const x = (index: number) => (index / Math.max(1, steps - 1)) * width;
  const y = (value: number) => height - (value / max) * (height - 6) - 3;
  const atCursor = lines.map((line) => `${describeLabels(line.labels)}: ${line.values[cursor] === null ? 'no value' : `${formatNumber(line.values[cursor]!)} ${unit}`}`).join('; ');
  return (
    <figure className={styles.chart}>
      <figcaption>
        <strong>{title}</strong> <code>{expr}</code>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={`${title} at minute ${cursor}: ${atCursor}`}>
        {lines.map((line, index) => {
          const segments: string[][] = [[]];
          line.values.forEach((value, step) => {
            if (value === null) segments.push([]);
            else segments[segments.length - 1]!.push(`${x(step).toFixed(1)},${y(value).toFixed(1)}`);
          });
          return segments.filter((points) => points.length > 0).map((points, part) => <polyline key={`${index}-${part}`} points={points.join(' ')} fill="none" stroke={palette[index % palette.length]} strokeWidth={2} vectorEffect="non-scaling-stroke" />);
        })}
        <line x1={x(cursor)} x2={x(cursor)} y1={0} y2={height} className={styles.cursor} vectorEffect="non-scaling-stroke" />
      </svg>
      <ul className={styles.legend}>
        {lines.map((line, index) => (
          <li key={index}>
            <span className={styles.swatch} style={{background: palette[index % palette.length]}} aria-hidden="true" /> {describeLabels(line.labels)}: {line.values[cursor] === null ? '–' : `${formatNumber(line.values[cursor]!)} ${unit}`}
          </li>
        ))}
        <li className={styles.scale}>top of chart: {formatNumber(max)} {unit}</li>
      </ul>
    </figure>
  );
}
