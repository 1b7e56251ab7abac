import {Table, type Vector} from 'apache-arrow';
import {bigintColumn, doubleColumn, integerColumn, timestampColumn} from '../datasets/arrow-columns';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {StreamingQueryState, type InputRow, type StateOperatorProgress, type WindowRow} from './microbatch';
import {parseStreamSpec, startErrors, type StreamSpec, type StreamSpecInput, type StreamStartError} from './spec';
import {streamTables, writeTopic, type TopicRecords} from './topic';
import {pacer} from '../lab/pause';

/** The most triggers one simulation runs; more is a spec mistake (an interval far too short for the range). */
export const maxTriggers = 20_000;

/** Kafka source offsets as Spark writes them: topic → partition → next offset to read. */
export type PartitionOffsets = Record<string, Record<string, number>>;

/**
 * One batch's `StreamingQueryProgress`, with Spark's field names (the timing fields, which a
 * simulation cannot measure, are left out).
 */
export interface StreamingQueryProgress {
  id: string;
  runId: string;
  name: string;
  timestamp: string;
  batchId: number;
  numInputRows: number;
  eventTime?: {avg?: string; max?: string; min?: string; watermark: string};
  stateOperators: StateOperatorProgress[];
  sources: {
    description: string;
    startOffset: PartitionOffsets | null;
    endOffset: PartitionOffsets;
    latestOffset: PartitionOffsets;
    numInputRows: number;
  }[];
  /** v1 sinks (the Delta sink, foreachBatch) report no output rows: -1, as Spark prints it. */
  sink: {description: string; numOutputRows: number};
}

/** What the sink did with a batch. */
export interface SinkWrite {
  action: 'written' | 'skipped';
  /** Rows the batch handed to the sink. */
  rows: number;
  /** The app id the skip check used: the query id for the Delta sink, `txnAppId` for foreachBatch. */
  appId: string | null;
  /** The version recorded for that app id before this write (`txn.txnVersion(appId)`), -1 for none. */
  recordedVersion: number;
}

/** One micro-batch of the simulation. */
export interface SimulatedBatch {
  progress: StreamingQueryProgress;
  /** 0 for the first checkpoint, 1 after a reset. */
  checkpoint: number;
  /** Where the batch started reading (the progress leaves it null for a first batch). */
  startOffsets: PartitionOffsets;
  triggerMs: number;
  /** A batch run again after a crash between the sink write and the commit log. */
  replay: boolean;
  /** Input rows dropped as late, by plant. */
  lateRowsByPlant: Record<string, number>;
  /** Rows the batch emitted (events or windows). */
  emitted: number;
  /** For emitted windows: how long after a window's end it reached the sink (trigger time minus window end), least and most. */
  windowDelayMs: {min: number; max: number} | null;
  sinkWrite: SinkWrite;
  /** Rows in the sink table after the batch. */
  sinkRows: number;
  /** The commit log entry written after the batch, null when the batch crashed before it. */
  nextBatchWatermarkMs: number | null;
}

/** How the sink table differs from the truth (what the topic's committed records say). */
export interface StreamOutcome {
  kind: 'events' | 'window';
  /** Rows (events) or windows the truth has. */
  truthRows: number;
  sinkRows: number;
  /** Truth rows absent from the sink, with why. */
  missing: {total: number; droppedAsLate: number; skippedByIdempotentWrite: number; neverRead: number};
  /** Extra copies in the sink (a row written twice counts once). */
  duplicates: number;
  /** Windows: emitted with a count below the truth's (late rows dropped). */
  undercounted: number;
  /** Windows: a count above the truth's (aborted records read, a batch written twice). */
  overcounted: number;
  /** Windows not emitted yet because the watermark has not passed their end (append mode). */
  open: number;
  /** Windows whose count equals the truth's. */
  exact: number;
  /** Examples of differing rows, at most 10. */
  examples: {plant: string; eventId?: number; windowStart?: string; truth: number; sink: number; why: string}[];
}

/** The result of a simulation: every batch, and the sink against the truth. */
export type StreamSimulation =
  | {status: 'refused'; spec: StreamSpec; errors: StreamStartError[]}
  | {status: 'ran'; spec: StreamSpec; plants: string[]; topicRecords: number; batches: SimulatedBatch[]; outcome: StreamOutcome};

/** A row as the sink holds it. */
interface SinkRow {
  eventId: number;
  group: number;
  eventMs: number;
  windowStartMs: number;
  count: number;
  batchId: number;
  checkpoint: number;
}

const isoTime = (ms: number) => new Date(ms).toISOString();

/** A deterministic UUID-shaped id from the seed and a label, for query and run ids. */
function stableId(seed: number, label: string): string {
  let hash = 0x811c9dc5 ^ seed;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const char of `${label}#${round}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
    hex.push((hash >>> 0).toString(16).padStart(8, '0'));
  }
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-4${text.slice(13, 16)}-a${text.slice(17, 20)}-${text.slice(20, 32)}`;
}

/** The query name the exports and checkpoint paths use. */
export function streamQueryName(spec: StreamSpec): string {
  return spec.query.kind === 'window' ? 'silver_plant_event_counts' : 'bronze_sensor_events';
}

/** The Delta table the stream writes in an environment catalog: bronze events or silver window counts. */
export function streamTargetTable(spec: StreamSpec, catalog: string): string {
  return spec.query.kind === 'window' ? `${catalog}.silver.plant_event_counts` : `${catalog}.bronze.sensor_events`;
}

/**
 * Simulates the stream in `spec` over the dataset already loaded in `engine`: the Kafka topic is
 * written to `stream_topic`, the batches run by trigger, and the sink's final content is written to
 * `stream_sink` and compared with the truth by SQL.
 */
export async function simulateStream(engine: SqlEngine, input: StreamSpecInput): Promise<StreamSimulation> {
  const spec = parseStreamSpec(input);
  const errors = startErrors(spec);
  if (errors.length > 0) return {status: 'refused', spec, errors};
  const topic = await writeTopic(engine, spec);
  const run = await runTriggers(spec, topic);
  await writeSink(engine, spec, run.sink);
  const outcome = await compareWithTruth(engine, spec, topic, run);
  return {status: 'ran', spec, plants: topic.plants, topicRecords: topic.arrivalMs.length, batches: run.batches, outcome};
}

interface RunResult {
  batches: SimulatedBatch[];
  sink: SinkRow[];
  /** Per topic record: 1 once a batch read it. */
  read: Uint8Array;
  /** Event ids dropped as late at least once. */
  lateIds: Set<number>;
  /** Event ids in batches whose write was skipped. */
  skippedIds: Set<number>;
  finalWatermarkMs: number;
}

/** The micro-batch loop: triggers, Kafka offsets, the query's state, faults and the sink. */
async function runTriggers(spec: StreamSpec, topic: TopicRecords): Promise<RunResult> {
  const partitions = spec.partitions;
  const total = topic.arrivalMs.length;
  const read = new Uint8Array(total);
  const lateIds = new Set<number>();
  const skippedIds = new Set<number>();
  const batches: SimulatedBatch[] = [];
  const shape = {
    watermarkDelayMs: spec.watermarkDelayMs,
    dropDuplicatesWithinWatermark: spec.query.dropDuplicatesWithinWatermark,
    aggregation:
      spec.query.kind === 'window'
        ? {sizeMs: spec.query.sizeMs, slideMs: spec.query.slideMs ?? spec.query.sizeMs, outputMode: spec.query.outputMode}
        : null,
  };
  const outputMode = spec.query.kind === 'window' ? spec.query.outputMode : 'append';
  const name = streamQueryName(spec);
  const sinkTableName = streamTargetTable(spec, 'mfg_prod');

  // The sink: rows, and per app id the last recorded txnVersion (Delta's SetTransaction actions).
  let sink: SinkRow[] = [];
  const txnVersions = new Map<string, number>();

  let checkpoint = 0;
  let state = new StreamingQueryState(shape);
  let batchId = 0;
  let queryId = stableId(spec.seed, `${name}/${checkpoint}`);
  // Next offset to read per partition (relative to the partition's first record).
  let committed = new Int32Array(partitions);
  let pendingReset = false;
  let crashDone = false;

  const firstArrival = total === 0 ? 0 : Math.min(...Array.from({length: partitions}, (_, p) => topic.arrivalMs[topic.partitionStart[p]!] ?? Infinity));
  const lastArrival = total === 0 ? 0 : Math.max(...Array.from({length: partitions}, (_, p) => (topic.partitionStart[p + 1]! > topic.partitionStart[p]! ? topic.arrivalMs[topic.partitionStart[p + 1]! - 1]! : -Infinity)));
  const interval = spec.triggerIntervalMs;
  const startMs = spec.from ? Date.parse(spec.from) : Math.floor(firstArrival / interval) * interval;
  const rangeEnd = spec.to ? Date.parse(spec.to) : lastArrival + interval;
  const triggers = Math.ceil((rangeEnd - startMs) / interval) + 1;
  if (triggers > maxTriggers + 1) {
    throw new RangeError(
      `Stream: ${triggers.toLocaleString('en-US')} triggers of ${interval} ms would cover this range; the limit is ${maxTriggers.toLocaleString('en-US')}. Raise the trigger interval or narrow the time range.`,
    );
  }

  // Records of partition p that have arrived by `atMs` (arrival is ascending within a partition).
  const availableBy = (partition: number, atMs: number): number => {
    let low = topic.partitionStart[partition]!;
    let high = topic.partitionStart[partition + 1]!;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (topic.arrivalMs[middle]! <= atMs) low = middle + 1;
      else high = middle;
    }
    return low - topic.partitionStart[partition]!;
  };

  const offsetsJson = (offsets: ArrayLike<number>): PartitionOffsets => {
    const byPartition: Record<string, number> = {};
    for (let p = 0; p < partitions; p++) byPartition[String(p)] = offsets[p]!;
    return {[spec.topic]: byPartition};
  };

  const appIdFor = (): string | null => {
    if (spec.sink.kind === 'delta') return queryId;
    if (spec.sink.txnAppId === 'fixed') return `${name}`;
    if (spec.sink.txnAppId === 'per-checkpoint') return `${name}-${queryId}`;
    return null;
  };

  const writeToSink = (batch: number, rows: SinkRow[]): SinkWrite => {
    const appId = appIdFor();
    const recordedVersion = appId === null ? -1 : (txnVersions.get(appId) ?? -1);
    // DeltaSink.addBatch and DeltaCommand.hasBeenExecuted: skip when txnVersion(appId) >= this version.
    if (appId !== null && recordedVersion >= batch) {
      return {action: 'skipped', rows: rows.length, appId, recordedVersion};
    }
    if (spec.sink.kind === 'delta' && outputMode === 'complete') {
      sink = rows;
    } else if (spec.sink.kind === 'merge') {
      const keyOf = (row: SinkRow) => (spec.query.kind === 'window' ? `${row.windowStartMs}|${row.group}` : String(row.eventId));
      const positions = new Map(sink.map((row, index) => [keyOf(row), index]));
      for (const row of rows) {
        const position = positions.get(keyOf(row));
        // MERGE ... WHEN MATCHED UPDATE SET * WHEN NOT MATCHED INSERT *: a window's newest count wins;
        // an event already present is left as it is.
        if (position === undefined) {
          positions.set(keyOf(row), sink.length);
          sink.push(row);
        } else if (spec.query.kind === 'window') {
          sink[position] = row;
        }
      }
    } else {
      for (const row of rows) sink.push(row);
    }
    if (appId !== null) txnVersions.set(appId, batch);
    return {action: 'written', rows: rows.length, appId, recordedVersion};
  };

  // Triggers run over the range, then on until the backlog a rate limit left behind is read.
  // A month of 1M events is hundreds of milliseconds of batches: the page gets its turn between them.
  const pause = pacer();
  for (let trigger = 0; ; trigger++) {
    await pause();
    const triggerMs = startMs + trigger * interval;
    if (trigger > maxTriggers) {
      throw new RangeError(`Stream: the backlog is still not read after ${maxTriggers.toLocaleString('en-US')} triggers. Raise maxOffsetsPerTrigger or the trigger interval.`);
    }
    if (pendingReset) {
      // The checkpoint is gone: a new query id, batch ids from 0, no state, watermark 0.
      pendingReset = false;
      checkpoint += 1;
      state = new StreamingQueryState(shape);
      batchId = 0;
      queryId = stableId(spec.seed, `${name}/${checkpoint}`);
      const reset = spec.faults.checkpointReset!;
      if (reset.startingOffsets === 'earliest') committed = new Int32Array(partitions);
      else if (reset.startingOffsets === 'latest') committed = Int32Array.from({length: partitions}, (_, p) => availableBy(p, triggerMs));
    }
    const latest = Int32Array.from({length: partitions}, (_, p) => availableBy(p, triggerMs));
    let end: Int32Array = latest;
    if (spec.maxOffsetsPerTrigger !== undefined) end = rateLimit(spec.maxOffsetsPerTrigger, committed, latest);
    const hasData = end.some((offset, p) => offset > committed[p]!);
    if (!hasData && !state.needsAnotherBatch()) {
      if (trigger >= triggers) break;
      continue;
    }

    const readBatch = (): InputRow[] => {
      const rows: InputRow[] = [];
      for (let p = 0; p < partitions; p++) {
        const base = topic.partitionStart[p]!;
        for (let offset = committed[p]!; offset < end[p]!; offset++) {
          const index = base + offset;
          read[index] = 1;
          // read_committed skips records of aborted transactions (KafkaConsumer, isolation.level).
          if (topic.aborted[index] === 1 && spec.isolationLevel === 'read_committed') continue;
          rows.push({id: topic.eventId[index]!, group: topic.group[index]!, eventMs: topic.eventMs[index]!});
        }
      }
      return rows;
    };

    const runOnce = (runState: StreamingQueryState, replay: boolean): SimulatedBatch => {
      const input = readBatch();
      const execution = runState.runBatch(input);
      for (const id of execution.lateRowIds) lateIds.add(id);
      const rows: SinkRow[] =
        spec.query.kind === 'window'
          ? execution.windows.map((window: WindowRow) => ({eventId: 0, group: window.group, eventMs: 0, windowStartMs: window.windowStartMs, count: window.count, batchId, checkpoint}))
          : execution.rows.map((row) => ({eventId: row.id, group: row.group, eventMs: row.eventMs, windowStartMs: 0, count: 1, batchId, checkpoint}));
      const sinkWrite = writeToSink(batchId, rows);
      if (sinkWrite.action === 'skipped') for (const row of input) skippedIds.add(row.id);
      const lateRowsByPlant: Record<string, number> = {};
      for (const [group, count] of execution.lateRowsByGroup) lateRowsByPlant[topic.plants[group]!] = count;
      const eventTime = execution.eventTime;
      return {
        progress: {
          id: queryId,
          runId: stableId(spec.seed, `${name}/${checkpoint}/run${replay ? 1 : 0}`),
          name,
          timestamp: isoTime(triggerMs),
          batchId,
          numInputRows: input.length,
          ...(spec.watermarkDelayMs !== null
            ? {
                eventTime: eventTime
                  ? {avg: isoTime(Math.round(eventTime.avgMs)), max: isoTime(eventTime.maxMs), min: isoTime(eventTime.minMs), watermark: isoTime(execution.batchWatermarkMs)}
                  : {watermark: isoTime(execution.batchWatermarkMs)},
              }
            : {}),
          stateOperators: execution.stateOperators,
          sources: [
            {
              description: `KafkaV2[Subscribe[${spec.topic}]]`,
              startOffset: batchId === 0 ? null : offsetsJson(committed),
              endOffset: offsetsJson(end),
              latestOffset: offsetsJson(latest),
              numInputRows: input.length,
            },
          ],
          // DeltaSink's description is DeltaSink[<the table's storage location>]; the simulation has no storage.
          sink: {description: spec.sink.kind === 'delta' ? `DeltaSink[<location of ${sinkTableName}>]` : 'ForeachBatchSink', numOutputRows: -1},
        },
        checkpoint,
        startOffsets: offsetsJson(committed),
        triggerMs,
        replay,
        lateRowsByPlant,
        emitted: rows.length,
        windowDelayMs: windowDelay(execution.windows, triggerMs),
        sinkWrite,
        sinkRows: sink.length,
        nextBatchWatermarkMs: execution.nextWatermarkMs,
      };
    };

    if (spec.faults.crashAfterSinkWrite === batchId && checkpoint === 0 && !crashDone) {
      // The sink wrote the batch, the driver died before commits/<batchId>: the restart finds the
      // offsets entry without its commit and runs the same batch again from the state of the one before.
      crashDone = true;
      const before = state.snapshot();
      batches.push({...runOnce(state, false), nextBatchWatermarkMs: null});
      state = before;
      batches.push(runOnce(state, true));
    } else {
      batches.push(runOnce(state, false));
    }
    committed = Int32Array.from(end);
    if (spec.faults.checkpointReset && checkpoint === 0 && spec.faults.checkpointReset.afterBatch === batchId) pendingReset = true;
    batchId += 1;
  }
  return {batches, sink, read, lateIds, skippedIds, finalWatermarkMs: state.currentWatermarkMs};
}

function windowDelay(windows: readonly WindowRow[], triggerMs: number): {min: number; max: number} | null {
  if (windows.length === 0) return null;
  const delays = windows.map((window) => triggerMs - window.windowEndMs);
  return {min: Math.min(...delays), max: Math.max(...delays)};
}

/**
 * `KafkaMicroBatchStream.rateLimit`: `maxOffsetsPerTrigger` shared by the partitions in proportion to
 * their backlog, rounded down, but up when below one so no partition starves (Spark 3.5 and 4.0).
 */
export function rateLimit(limit: number, from: Int32Array, until: Int32Array): Int32Array {
  let total = 0;
  for (let p = 0; p < until.length; p++) total += Math.max(until[p]! - from[p]!, 0);
  if (total < 1) return until;
  return Int32Array.from(until, (end, p) => {
    const size = end - from[p]!;
    if (size <= 0) return end;
    const prorate = limit * (size / total);
    const off = from[p]! + (prorate < 1 ? Math.ceil(prorate) : Math.floor(prorate));
    return Math.min(end, off);
  });
}

async function writeSink(engine: SqlEngine, spec: StreamSpec, sink: SinkRow[]): Promise<void> {
  const plantIndexes = Int32Array.from(sink, (row) => row.group);
  const columns: Record<string, Vector> =
    spec.query.kind === 'window'
      ? {
          window_start: timestampColumn(Float64Array.from(sink, (row) => row.windowStartMs)),
          plant_index: integerColumn(plantIndexes),
          readings: bigintColumn(sink.map((row) => row.count)),
        }
      : {
          event_id: bigintColumn(sink.map((row) => row.eventId)),
          plant_index: integerColumn(plantIndexes),
          event_ts: timestampColumn(Float64Array.from(sink, (row) => row.eventMs)),
        };
  await engine.insertArrow(
    streamTables.sink,
    new Table({
      ...columns,
      batch_id: integerColumn(Int32Array.from(sink, (row) => row.batchId)),
      checkpoint: integerColumn(Int32Array.from(sink, (row) => row.checkpoint)),
      write_order: doubleColumn(Float64Array.from(sink, (_, index) => index)),
    }),
    'create',
  );
}

/** Compares the sink table with the truth in SQL, independently of the simulation's own bookkeeping. */
async function compareWithTruth(engine: SqlEngine, spec: StreamSpec, topic: TopicRecords, run: RunResult): Promise<StreamOutcome> {
  const topicTable = quoteIdentifier(streamTables.topic);
  const sinkTable = quoteIdentifier(streamTables.sink);
  const examples: StreamOutcome['examples'] = [];
  if (spec.query.kind === 'events') {
    const rows = (
      await engine.query(
        `WITH truth AS (SELECT event_id, plant_index FROM ${topicTable} WHERE NOT aborted),
              sink AS (SELECT event_id, count(*) AS copies FROM ${sinkTable} GROUP BY event_id)
         SELECT t.event_id::DOUBLE AS event_id, coalesce(t.plant_index, -1) AS plant_index, coalesce(s.copies, 0)::INTEGER AS copies
         FROM truth t FULL JOIN sink s USING (event_id)
         WHERE s.copies IS DISTINCT FROM 1 ORDER BY t.event_id`,
      )
    ).toArray();
    const truthRows = Number((await engine.query(`SELECT count(*) AS n FROM ${topicTable} WHERE NOT aborted`)).get(0)!.n);
    const sinkRows = run.sink.length;
    const missing = {total: 0, droppedAsLate: 0, skippedByIdempotentWrite: 0, neverRead: 0};
    let duplicates = 0;
    for (const row of rows) {
      const eventId = Number(row.event_id);
      const copies = Number(row.copies);
      const plant = topic.plants[Number(row.plant_index)] ?? '?';
      if (copies === 0) {
        missing.total += 1;
        const why = run.lateIds.has(eventId) ? 'droppedAsLate' : run.skippedIds.has(eventId) ? 'skippedByIdempotentWrite' : 'neverRead';
        missing[why] += 1;
        if (examples.length < 10) examples.push({plant, eventId, truth: 1, sink: 0, why});
      } else {
        duplicates += copies - 1;
        if (examples.length < 10) examples.push({plant, eventId, truth: 1, sink: copies, why: 'duplicate'});
      }
    }
    return {kind: 'events', truthRows, sinkRows, missing, duplicates, undercounted: 0, overcounted: 0, open: 0, exact: truthRows - missing.total, examples};
  }

  const {sizeMs} = spec.query;
  const slideMs = spec.query.slideMs ?? sizeMs;
  const rows = (
    await engine.query(
      `WITH events AS (SELECT plant_index, epoch_ms(event_ts) AS ts FROM ${topicTable} WHERE NOT aborted),
            windows AS (
              -- TimeWindowing: a reading is in the ceil(size / slide) windows starting at its last start and before it
              SELECT plant_index, (ts - ts % $2) - k * $2 AS window_start, ts FROM events, range(0, CAST($3 AS BIGINT)) r(k)
            ),
            truth AS (
              SELECT plant_index, window_start, count(*) AS readings FROM windows
              WHERE window_start <= ts AND ts < window_start + $1 GROUP BY ALL
            ),
            sink AS (
              SELECT plant_index, epoch_ms(window_start) AS window_start, count(*) AS copies,
                     arg_max(readings, write_order) AS readings
              FROM ${sinkTable} GROUP BY ALL
            )
       SELECT coalesce(t.plant_index, s.plant_index) AS plant_index, coalesce(t.window_start, s.window_start)::DOUBLE AS window_start,
              coalesce(t.readings, 0)::INTEGER AS truth, coalesce(s.readings, 0)::INTEGER AS sink, coalesce(s.copies, 0)::INTEGER AS copies
       FROM truth t FULL JOIN sink s ON t.plant_index = s.plant_index AND t.window_start = s.window_start
       ORDER BY 2, 1`,
      [sizeMs, slideMs, Math.ceil(sizeMs / slideMs)],
    )
  ).toArray();
  let undercounted = 0;
  let overcounted = 0;
  let open = 0;
  let exact = 0;
  let duplicates = 0;
  const missing = {total: 0, droppedAsLate: 0, skippedByIdempotentWrite: 0, neverRead: 0};
  const appendMode = spec.query.outputMode === 'append';
  for (const row of rows) {
    const windowStartMs = Number(row.window_start);
    const truth = Number(row.truth);
    const sinkCount = Number(row.sink);
    const copies = Number(row.copies);
    const plant = topic.plants[Number(row.plant_index)] ?? '?';
    duplicates += Math.max(copies - 1, 0);
    let why: string | null = null;
    if (copies === 0) {
      if (appendMode && windowStartMs + sizeMs > run.finalWatermarkMs) {
        open += 1;
        continue;
      }
      missing.total += 1;
      why = 'missing';
    } else if (sinkCount < truth) {
      undercounted += 1;
      why = 'undercounted';
    } else if (sinkCount > truth) {
      overcounted += 1;
      why = 'overcounted';
    } else {
      exact += 1;
      if (copies > 1) why = 'duplicate';
    }
    if (why && examples.length < 10) examples.push({plant, windowStart: isoTime(windowStartMs), truth, sink: sinkCount, why});
  }
  return {kind: 'window', truthRows: rows.filter((row) => Number(row.truth) > 0).length, sinkRows: run.sink.length, missing, duplicates, undercounted, overcounted, open, exact, examples};
}
