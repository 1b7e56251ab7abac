import type {StreamSpecInput} from '@site/playground';

const minute = 60_000;
const hour = 60 * minute;

/** Which page the lab is on: it decides the first settings and which panels open first. */
export type StreamingLabVariant = 'watermark' | 'exactly-once' | 'recovery' | 'case-study';

/** The form's state: every choice the reader makes, as plain values. */
export interface StreamForm {
  rows: 10_000 | 100_000;
  triggerMs: number;
  watermarkMs: number | null;
  query: 'events' | 'tumbling' | 'sliding';
  outputMode: 'append' | 'update' | 'complete';
  dedup: boolean;
  fault: 'none' | 'outage' | 'crash' | 'checkpoint-reset' | 'aborted';
  startingOffsets: 'latest' | 'earliest' | 'resume';
  isolationLevel: 'read_uncommitted' | 'read_committed';
  sink: 'delta' | 'append' | 'merge';
  txnAppId: 'none' | 'fixed' | 'per-checkpoint';
  maxOffsetsPerTrigger: number | null;
}

/** Three days of the generated month, in which the outage below happens. */
const range = {from: '2026-01-08T00:00:00Z', to: '2026-01-11T00:00:00Z'};
const outage = {plantId: 'PLANT_03', from: '2026-01-09T02:00:00Z', to: '2026-01-09T08:00:00Z'};
/** The batch after which the crash or the checkpoint deletion happens. */
export const faultBatch = 40;

export const presets: Record<StreamingLabVariant, StreamForm> = {
  watermark: {
    rows: 10_000,
    triggerMs: 15 * minute,
    watermarkMs: 30 * minute,
    query: 'tumbling',
    outputMode: 'append',
    dedup: false,
    fault: 'outage',
    startingOffsets: 'latest',
    isolationLevel: 'read_committed',
    sink: 'delta',
    txnAppId: 'none',
    maxOffsetsPerTrigger: null,
  },
  'exactly-once': {
    rows: 10_000,
    triggerMs: 15 * minute,
    watermarkMs: 30 * minute,
    query: 'events',
    outputMode: 'append',
    dedup: false,
    fault: 'checkpoint-reset',
    startingOffsets: 'resume',
    isolationLevel: 'read_committed',
    sink: 'append',
    txnAppId: 'fixed',
    maxOffsetsPerTrigger: null,
  },
  recovery: {
    rows: 10_000,
    triggerMs: hour,
    watermarkMs: 30 * minute,
    query: 'tumbling',
    outputMode: 'append',
    dedup: false,
    fault: 'crash',
    startingOffsets: 'latest',
    isolationLevel: 'read_committed',
    sink: 'append',
    txnAppId: 'none',
    maxOffsetsPerTrigger: null,
  },
  'case-study': {
    rows: 100_000,
    triggerMs: 5 * minute,
    watermarkMs: 10 * minute,
    query: 'tumbling',
    outputMode: 'append',
    dedup: true,
    fault: 'outage',
    startingOffsets: 'latest',
    isolationLevel: 'read_committed',
    sink: 'delta',
    txnAppId: 'none',
    maxOffsetsPerTrigger: 400,
  },
};

/** The engine's spec for a form. */
export function specOf(form: StreamForm): StreamSpecInput {
  const query: StreamSpecInput['query'] =
    form.query === 'events'
      ? {kind: 'events', dropDuplicatesWithinWatermark: form.dedup}
      : {kind: 'window', sizeMs: hour, ...(form.query === 'sliding' ? {slideMs: 15 * minute} : {}), outputMode: form.outputMode, dropDuplicatesWithinWatermark: form.dedup};
  const faults: NonNullable<StreamSpecInput['faults']> =
    form.fault === 'outage'
      ? {outage}
      : form.fault === 'crash'
        ? {crashAfterSinkWrite: faultBatch}
        : form.fault === 'checkpoint-reset'
          ? {checkpointReset: {afterBatch: faultBatch, startingOffsets: form.startingOffsets}}
          : form.fault === 'aborted'
            ? {abortedPerMille: 50}
            : {};
  return {
    source: 'sensor_events',
    ...range,
    triggerIntervalMs: form.triggerMs,
    watermarkDelayMs: form.watermarkMs,
    ...(form.maxOffsetsPerTrigger ? {maxOffsetsPerTrigger: form.maxOffsetsPerTrigger} : {}),
    query,
    isolationLevel: form.isolationLevel,
    faults,
    sink: {kind: form.sink, txnAppId: form.txnAppId},
  };
}

/** The outage the lab injects, in words. */
export const outageText = `${outage.plantId} loses its connection from 02:00 to 08:00 UTC on 9 January; its readings arrive in one burst when it returns`;
