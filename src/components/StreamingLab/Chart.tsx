import type {ReactNode} from 'react';
import type {SimulatedBatch} from '@site/playground';
import styles from './styles.module.css';

const width = 720;
const height = 260;
const margin = {left: 64, right: 12, top: 12, bottom: 40};

const shortTime = (ms: number) => new Date(ms).toISOString().slice(5, 16).replace('T', ' ');

/**
 * The chart Spark's programming guide draws for watermarks: processing time across, event time up.
 * Each batch's newest event time is a dot, the watermark it ran with is the step line, and batches
 * that dropped rows as late are marked below the axis with their count. A table with the same
 * numbers follows in the lab for screen readers.
 */
export function WatermarkChart({batches}: {batches: readonly SimulatedBatch[]}): ReactNode {
  const points = batches
    .map((batch) => ({
      x: batch.triggerMs,
      max: batch.progress.eventTime?.max ? Date.parse(batch.progress.eventTime.max) : null,
      watermark: batch.progress.eventTime ? Date.parse(batch.progress.eventTime.watermark) : null,
      late: Object.values(batch.lateRowsByPlant).reduce((sum, count) => sum + count, 0),
    }))
    .filter((point) => point.watermark !== null);
  if (points.length === 0) {
    return <p>No watermark is set, so the chart has nothing to draw: without one, Spark neither drops late rows nor closes windows.</p>;
  }
  const xs = points.map((point) => point.x);
  const ys = points.flatMap((point) => [point.max ?? Infinity, point.watermark! > 0 ? point.watermark! : Infinity]).filter(Number.isFinite);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs, xMin + 1);
  const yMin = Math.min(...ys);
  const yMax = Math.max(...ys, yMin + 1);
  const x = (value: number) => margin.left + ((value - xMin) / (xMax - xMin)) * (width - margin.left - margin.right);
  const y = (value: number) => height - margin.bottom - ((Math.max(value, yMin) - yMin) / (yMax - yMin)) * (height - margin.top - margin.bottom);
  const line = points
    .filter((point) => point.watermark! > 0)
    .map((point, index) => `${index === 0 ? 'M' : 'H'}${x(point.x).toFixed(1)}${index === 0 ? ` ${y(point.watermark!).toFixed(1)}` : ` V${y(point.watermark!).toFixed(1)}`}`)
    .join(' ');
  const lateTotal = points.reduce((sum, point) => sum + point.late, 0);
  return (
    <figure className={styles.chart}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Watermark against event time over ${points.length} batches; ${lateTotal} rows dropped as late`}>
        <line x1={margin.left} x2={width - margin.right} y1={height - margin.bottom} y2={height - margin.bottom} className={styles.axis} />
        <line x1={margin.left} x2={margin.left} y1={margin.top} y2={height - margin.bottom} className={styles.axis} />
        <text x={margin.left} y={height - 6} className={styles.label}>
          {shortTime(xMin)}
        </text>
        <text x={width - margin.right} y={height - 6} textAnchor="end" className={styles.label}>
          {shortTime(xMax)} (processing time)
        </text>
        <text x={4} y={margin.top + 10} className={styles.label}>
          {shortTime(yMax)}
        </text>
        <text x={4} y={height - margin.bottom} className={styles.label}>
          {shortTime(yMin)}
        </text>
        <path d={line} className={styles.watermark} />
        {points.map((point) =>
          point.max === null ? null : <circle key={`max-${point.x}`} cx={x(point.x)} cy={y(point.max)} r={2.2} className={styles.maxEvent} />,
        )}
        {points.map((point) =>
          point.late === 0 ? null : (
            <g key={`late-${point.x}`}>
              <line x1={x(point.x)} x2={x(point.x)} y1={height - margin.bottom + 2} y2={height - margin.bottom + 14} className={styles.late} />
              <text x={x(point.x) + 3} y={height - margin.bottom + 14} className={styles.lateLabel}>
                {point.late}
              </text>
            </g>
          ),
        )}
      </svg>
      <figcaption>
        <span className={styles.keyMax}>●</span> newest event time in the batch · <span className={styles.keyWatermark}>━</span> watermark the batch ran
        with · <span className={styles.keyLate}>|</span> rows dropped as late ({lateTotal} in all)
      </figcaption>
    </figure>
  );
}
