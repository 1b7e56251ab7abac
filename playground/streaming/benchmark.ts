import type {StreamSpecInput} from './spec';

/**
 * The stream `npm run bench` times, in Node and in the browser lab alike: a million sensor events
 * (the generated month) in 60 micro-batches of 12 hours, counted per plant and hour, append mode.
 */
export const streamBenchmark: {rows: number; seed: number; spec: StreamSpecInput} = {
  rows: 1_000_000,
  seed: 42,
  spec: {
    source: 'sensor_events',
    from: '2026-01-05T00:00:00Z',
    to: '2026-02-04T00:00:00Z',
    triggerIntervalMs: 12 * 3_600_000,
    watermarkDelayMs: 10 * 60_000,
    query: {kind: 'window', sizeMs: 3_600_000, outputMode: 'append'},
    isolationLevel: 'read_committed',
  },
};
