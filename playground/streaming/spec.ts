import * as z from 'zod';
import {identifierSchema, instantSchema, parseOptions, seedSchema} from '../lab/options';

const secondMs = 1_000;
const minuteMs = 60 * secondMs;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

/** A Kafka topic name as Kafka accepts it (`Topic.validate`): 1–249 of `[a-zA-Z0-9._-]`. */
const topicSchema = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,249}$/, 'A Kafka topic name has 1–249 characters of a-z, A-Z, 0-9, ".", "_" and "-".')
  .refine((name) => name !== '.' && name !== '..', 'A Kafka topic cannot be named "." or "..".');

const durationMs = (min: number, max: number, what: string) =>
  z.number().int(`${what} is a whole number of milliseconds.`).min(min, `${what} must be at least ${min} ms.`).max(max, `${what} must be at most ${max} ms.`);

/** The query the stream runs: the events as they are (bronze), or a count per plant and event-time window. */
const querySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('events'),
    /** `dropDuplicatesWithinWatermark("event_id")` (Spark 3.5+). */
    dropDuplicatesWithinWatermark: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal('window'),
    /** `window(event_ts, size)`; with `slideMs`, a sliding window. */
    sizeMs: durationMs(secondMs, dayMs, 'The window size'),
    slideMs: durationMs(secondMs, dayMs, 'The slide').optional(),
    outputMode: z.enum(['append', 'update', 'complete']).default('append'),
    dropDuplicatesWithinWatermark: z.boolean().default(false),
  }),
]);

const outageSchema = z
  .strictObject({
    /** The plant whose gateway lost its connection. */
    plantId: z.string().min(1).max(64),
    /** When the connection dropped and came back: events made in between arrive in one burst at `to`. */
    from: instantSchema,
    to: instantSchema,
  })
  .refine((outage) => Date.parse(outage.from) < Date.parse(outage.to), 'The outage must end after it starts.');

const checkpointResetSchema = z.strictObject({
  /** The checkpoint is deleted after this batch committed; the query restarts on an empty one. */
  afterBatch: z.number().int().min(0),
  /**
   * Where the restarted query reads from: Kafka's `startingOffsets` for a new query, `latest` by default,
   * `earliest`, or the offsets the old query had reached (a JSON `startingOffsets` an operator copies).
   */
  startingOffsets: z.enum(['latest', 'earliest', 'resume']).default('latest'),
});

const faultsSchema = z
  .strictObject({
    outage: outageSchema.optional(),
    /** Per mille of records whose first transactional send was aborted and retried: the aborted copy stays in the log. */
    abortedPerMille: z.number().int().min(0).max(500).default(0),
    /** The sink wrote this batch, then the driver died before the commit log: the batch runs again on restart. */
    crashAfterSinkWrite: z.number().int().min(0).optional(),
    checkpointReset: checkpointResetSchema.optional(),
  })
  .default({abortedPerMille: 0});

const sinkSchema = z.strictObject({
  /**
   * `delta`: `writeStream.format("delta")`, the Delta sink; `append` and `merge`: `foreachBatch` writing the
   * batch with an append or a MERGE.
   */
  kind: z.enum(['delta', 'append', 'merge']).default('delta'),
  /**
   * The `txnAppId`/`txnVersion` a `foreachBatch` writer sets (`txnVersion` = batch id): none, one fixed
   * app id, or one derived from the checkpoint (a new checkpoint gets a new app id).
   */
  txnAppId: z.enum(['none', 'fixed', 'per-checkpoint']).default('none'),
});

/** A stream to simulate: Kafka topic, trigger, watermark, query, faults and sink. */
export const streamSpecSchema = z
  .strictObject({
    source: identifierSchema.default('sensor_events'),
    topic: topicSchema.default('mfg.sensor-events'),
    partitions: z.number().int().min(1).max(64).default(8),
    /** Only records arriving (processing time) in [from, to) are simulated; the whole dataset when absent. */
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    triggerIntervalMs: durationMs(secondMs, 7 * dayMs, 'The trigger interval').default(hourMs),
    maxOffsetsPerTrigger: z.number().int().min(1).max(100_000_000).optional(),
    /** `withWatermark("event_ts", delay)`; null for no watermark. */
    watermarkDelayMs: durationMs(0, 30 * dayMs, 'The watermark delay').nullable().default(10 * minuteMs),
    query: querySchema.default({kind: 'events', dropDuplicatesWithinWatermark: false}),
    /** `kafka.isolation.level`; the Kafka consumer's default is read_uncommitted. */
    isolationLevel: z.enum(['read_uncommitted', 'read_committed']).default('read_uncommitted'),
    faults: faultsSchema,
    sink: sinkSchema.default({kind: 'delta', txnAppId: 'none'}),
    /** Seeds the aborted records and the query ids. */
    seed: seedSchema.default(42),
  })
  .refine((spec) => !spec.from || !spec.to || Date.parse(spec.from) < Date.parse(spec.to), {
    message: 'The time range must end after it starts.',
    path: ['to'],
  });

/** A validated stream spec. */
export type StreamSpec = z.output<typeof streamSpecSchema>;
/** A stream spec as callers write it: defaults may be left out. */
export type StreamSpecInput = z.input<typeof streamSpecSchema>;

/** An error Spark or Delta raises when the query starts, with its class where it has one. */
export interface StreamStartError {
  errorClass: string | null;
  exceptionClass: string;
  message: string;
  /** The spec field the reader changes to fix it. */
  field: string;
}

/**
 * The start-up checks Spark and Delta make on this kind of query, with their texts:
 * `UnsupportedOperationChecker.checkForStreaming` (Spark 3.5 and 4.0) and `DeltaDataSource.createSink`.
 */
export function startErrors(spec: StreamSpec): StreamStartError[] {
  const errors: StreamStartError[] = [];
  const {query} = spec;
  const outputMode = query.kind === 'window' ? query.outputMode : 'append';
  const modeName = outputMode[0]!.toUpperCase() + outputMode.slice(1);
  if (query.kind === 'window' && outputMode === 'append' && spec.watermarkDelayMs === null) {
    errors.push({
      errorClass: null,
      exceptionClass: 'org.apache.spark.sql.AnalysisException',
      message: 'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark',
      field: 'watermarkDelayMs',
    });
  }
  if (query.dropDuplicatesWithinWatermark && spec.watermarkDelayMs === null) {
    // Deduplicate within watermark needs an event-time column: findEventTimeColumn(...).get in
    // StreamingDeduplicateWithinWatermarkExec; the analyzer refuses the plan first.
    errors.push({
      errorClass: null,
      exceptionClass: 'org.apache.spark.sql.AnalysisException',
      message: 'dropDuplicatesWithinWatermark is not supported with streaming DataFrames/DataSets without watermark.',
      field: 'watermarkDelayMs',
    });
  }
  if (spec.sink.kind === 'delta' && outputMode === 'update') {
    errors.push({
      errorClass: 'DELTA_UNSUPPORTED_OUTPUT_MODE',
      exceptionClass: 'org.apache.spark.sql.delta.DeltaAnalysisException',
      message: `Data source org.apache.spark.sql.delta.sources.DeltaDataSource does not support ${modeName} output mode`,
      field: 'sink.kind',
    });
  }
  return errors;
}

/** Validates a spec at the boundary; a RangeError names each field that is wrong. */
export function parseStreamSpec(input: unknown): StreamSpec {
  return parseOptions(streamSpecSchema, input, 'Stream');
}
