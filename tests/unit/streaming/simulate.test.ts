import {beforeAll, describe, expect, it} from 'vitest';
import {loadDataset, murmur2, partitionForKey, rateLimit, simulateStream, type StreamSimulation, type StreamSpecInput} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

/*
 * A hand-made topic: one plant, one machine, one partition, so every batch can be worked out by hand.
 * Minutes after 12:00 on 2026-01-05: [event time, arrival].
 */
const noon = Date.UTC(2026, 0, 5, 12, 0);
const at = (minutes: number) => new Date(noon + minutes * 60_000).toISOString();
const handEvents: [number, number][] = [
  [1, 2], // e1
  [4, 6], // e2
  [12, 13], // e3
  [23, 24], // e4
  [2, 26], // e5: late by event time, but its window is still open for late-row filtering
  [31, 33], // e6
  [5, 36], // e7: its window ended before the previous batch's watermark: dropped
];

async function createHandTable(name: string, events: [number, number][], plant = 'PLANT_01'): Promise<void> {
  const values = events.map(([event, arrival], index) => `(${index + 1}, '${plant}', 'M-1', TIMESTAMP '${at(event).slice(0, 19).replace('T', ' ')}', TIMESTAMP '${at(arrival).slice(0, 19).replace('T', ' ')}')`);
  await engine.query(`CREATE OR REPLACE TABLE ${name} (event_id BIGINT, plant_id VARCHAR, machine_id VARCHAR, event_ts TIMESTAMP, ingest_ts TIMESTAMP);
    INSERT INTO ${name} VALUES ${values.join(', ')}`);
}

const handSpec = (overrides: Partial<StreamSpecInput>): StreamSpecInput => ({
  source: 'hand_events',
  partitions: 1,
  from: at(0),
  triggerIntervalMs: 5 * 60_000,
  watermarkDelayMs: 10 * 60_000,
  ...overrides,
});

function ran(simulation: StreamSimulation) {
  if (simulation.status !== 'ran') throw new Error(`refused: ${JSON.stringify(simulation.errors)}`);
  return simulation;
}

beforeAll(async () => {
  await createHandTable('hand_events', handEvents);
  await loadDataset(engine, {name: 'sensor_events', rows: 10_000, seed: 42});
}, 60_000);

describe('Kafka pieces', () => {
  it('murmur2 gives the values of Kafka\'s UtilsTest.testMurmur2', () => {
    const cases: [string, number][] = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [key, hash] of cases) expect(murmur2(new TextEncoder().encode(key))).toBe(hash);
    expect(partitionForKey('foobar', 8)).toBe((-790332482 & 0x7fffffff) % 8);
  });

  it('maxOffsetsPerTrigger shares the limit by backlog, rounding small shares up (KafkaMicroBatchStream.rateLimit)', () => {
    // Backlogs 9,000 / 900 / 9: 1,000 × share → 908.2 → 908, 90.8 → 90, 0.908 → 1 (never starved).
    expect(Array.from(rateLimit(1000, Int32Array.from([0, 0, 0]), Int32Array.from([9000, 900, 9])))).toEqual([908, 90, 1]);
    // Twenty partitions with 3 records each and a limit of 5: every share rounds up to 1, twenty records in all.
    const twenty = rateLimit(5, new Int32Array(20), new Int32Array(20).fill(3));
    expect(Array.from(twenty).reduce((a, b) => a + b, 0)).toBe(20);
    // Nothing new: the end offsets stay.
    expect(Array.from(rateLimit(10, Int32Array.from([4, 4]), Int32Array.from([4, 4])))).toEqual([4, 4]);
  });
});

describe('watermark and windows on a hand-worked topic', () => {
  it('append mode: the batches, watermarks, the window emitted with a late row, and a row dropped as late', async () => {
    const simulation = ran(await simulateStream(engine, handSpec({query: {kind: 'window', sizeMs: 10 * 60_000, outputMode: 'append'}})));
    const batches = simulation.batches.map((batch) => ({
      id: batch.progress.batchId,
      at: batch.progress.timestamp.slice(11, 16),
      rows: batch.progress.numInputRows,
      watermark: batch.progress.eventTime!.watermark.slice(11, 16),
      dropped: batch.progress.stateOperators[0]!.numRowsDroppedByWatermark,
      emitted: batch.emitted,
    }));
    expect(batches).toEqual([
      {id: 0, at: '12:05', rows: 1, watermark: '00:00', dropped: 0, emitted: 0},
      {id: 1, at: '12:10', rows: 1, watermark: '11:51', dropped: 0, emitted: 0},
      {id: 2, at: '12:15', rows: 1, watermark: '11:54', dropped: 0, emitted: 0},
      {id: 3, at: '12:20', rows: 0, watermark: '12:02', dropped: 0, emitted: 0},
      {id: 4, at: '12:25', rows: 1, watermark: '12:02', dropped: 0, emitted: 0},
      {id: 5, at: '12:30', rows: 1, watermark: '12:13', dropped: 0, emitted: 1},
      {id: 6, at: '12:35', rows: 1, watermark: '12:13', dropped: 0, emitted: 0},
      {id: 7, at: '12:40', rows: 1, watermark: '12:21', dropped: 1, emitted: 1},
    ]);
    expect(simulation.batches[0]!.progress.eventTime!.watermark).toBe('1970-01-01T00:00:00.000Z');
    expect(simulation.batches[7]!.lateRowsByPlant).toEqual({PLANT_01: 1});
    const outcome = simulation.outcome;
    expect([outcome.exact, outcome.undercounted, outcome.open, outcome.missing.total, outcome.duplicates]).toEqual([1, 1, 2, 0, 0]);
    expect(outcome.examples).toEqual([{plant: 'PLANT_01', windowStart: '2026-01-05T12:00:00.000Z', truth: 4, sink: 3, why: 'undercounted'}]);
    const sink = (await engine.query('SELECT strftime(window_start, \'%H:%M\') AS w, readings::INTEGER AS n, batch_id FROM stream_sink ORDER BY 1')).toArray().map((row) => row.toJSON());
    expect(sink).toEqual([{w: '12:00', n: 3, batch_id: 5}, {w: '12:10', n: 1, batch_id: 7}]);
  });

  it('update mode through a foreachBatch MERGE: every updated window, the late row lost, nothing left open', async () => {
    const simulation = ran(await simulateStream(engine, handSpec({query: {kind: 'window', sizeMs: 10 * 60_000, outputMode: 'update'}, sink: {kind: 'merge'}})));
    expect(simulation.batches.map((batch) => batch.emitted)).toEqual([1, 1, 1, 0, 1, 1, 1, 0]);
    const outcome = simulation.outcome;
    expect([outcome.exact, outcome.undercounted, outcome.open, outcome.duplicates]).toEqual([3, 1, 0, 0]);
  });

  it('update mode appended to a table: one row per update, so duplicates', async () => {
    const simulation = ran(await simulateStream(engine, handSpec({query: {kind: 'window', sizeMs: 10 * 60_000, outputMode: 'update'}, sink: {kind: 'append'}})));
    expect(simulation.outcome.duplicates).toBe(2); // window 12:00 written at counts 1, 2 and 3
  });

  it('dropDuplicatesWithinWatermark on events drops the late row and counts it', async () => {
    const simulation = ran(await simulateStream(engine, handSpec({query: {kind: 'events', dropDuplicatesWithinWatermark: true}})));
    const dropped = simulation.batches.map((batch) => batch.progress.stateOperators[0]!.numRowsDroppedByWatermark);
    // e5 (12:02) meets the late-row watermark 12:02 of batch 4 in batch 5: 12:02 <= 12:02, late; e7 (12:05) too.
    expect(dropped.reduce((a, b) => a + b, 0)).toBe(2);
    expect(simulation.outcome.missing).toEqual({total: 2, droppedAsLate: 2, skippedByIdempotentWrite: 0, neverRead: 0});
  });

  it('refuses what Spark and Delta refuse at start, with their texts', async () => {
    const noWatermark = await simulateStream(engine, handSpec({watermarkDelayMs: null, query: {kind: 'window', sizeMs: 60_000, outputMode: 'append'}}));
    expect(noWatermark.status).toBe('refused');
    expect(noWatermark.status === 'refused' && noWatermark.errors[0]!.message).toBe(
      'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark',
    );
    const deltaUpdate = await simulateStream(engine, handSpec({query: {kind: 'window', sizeMs: 60_000, outputMode: 'update'}, sink: {kind: 'delta'}}));
    expect(deltaUpdate.status === 'refused' && deltaUpdate.errors.map((error) => [error.errorClass, error.message])).toEqual([
      ['DELTA_UNSUPPORTED_OUTPUT_MODE', 'Data source org.apache.spark.sql.delta.sources.DeltaDataSource does not support Update output mode'],
    ]);
    await expect(simulateStream(engine, handSpec({triggerIntervalMs: 10}))).rejects.toThrow('triggerIntervalMs: The trigger interval must be at least 1000 ms.');
    await expect(simulateStream(engine, {source: 'sensor_events', triggerIntervalMs: 1000})).rejects.toThrow(/triggers of 1000 ms would cover this range; the limit is 20,000/);
  });
});

describe('exactly-once: faults against sinks', () => {
  const events = (sink: StreamSpecInput['sink'], faults: StreamSpecInput['faults']) =>
    handSpec({watermarkDelayMs: null, query: {kind: 'events'}, sink, faults});

  it('a crash after the sink wrote batch 1: the Delta sink skips the replay, a plain append writes it twice', async () => {
    const delta = ran(await simulateStream(engine, events({kind: 'delta'}, {crashAfterSinkWrite: 1})));
    const replay = delta.batches.filter((batch) => batch.progress.batchId === 1);
    expect(replay.map((batch) => [batch.replay, batch.sinkWrite.action, batch.nextBatchWatermarkMs === null])).toEqual([
      [false, 'written', true],
      [true, 'skipped', false],
    ]);
    expect(replay[1]!.sinkWrite.appId).toBe(delta.batches[0]!.progress.id);
    expect([delta.outcome.duplicates, delta.outcome.missing.total]).toEqual([0, 0]);

    const append = ran(await simulateStream(engine, events({kind: 'append', txnAppId: 'none'}, {crashAfterSinkWrite: 1})));
    expect(append.outcome.duplicates).toBe(1);
    const idempotent = ran(await simulateStream(engine, events({kind: 'append', txnAppId: 'fixed'}, {crashAfterSinkWrite: 1})));
    expect(idempotent.outcome.duplicates).toBe(0);
    const merge = ran(await simulateStream(engine, events({kind: 'merge', txnAppId: 'none'}, {crashAfterSinkWrite: 1})));
    expect(merge.outcome.duplicates).toBe(0);
  });

  it('a deleted checkpoint with a fixed txnAppId: the new batches 0 and 1 are skipped and their rows lost', async () => {
    const fixed = ran(await simulateStream(engine, events({kind: 'append', txnAppId: 'fixed'}, {checkpointReset: {afterBatch: 1, startingOffsets: 'resume'}})));
    const second = fixed.batches.filter((batch) => batch.checkpoint === 1);
    expect(second.map((batch) => [batch.progress.batchId, batch.sinkWrite.action, batch.sinkWrite.recordedVersion])).toEqual([
      [0, 'skipped', 1],
      [1, 'skipped', 1],
      [2, 'written', 1],
      [3, 'written', 2],
      [4, 'written', 3],
    ]);
    expect(fixed.outcome.missing).toEqual({total: 2, droppedAsLate: 0, skippedByIdempotentWrite: 2, neverRead: 0});

    const perCheckpoint = ran(await simulateStream(engine, events({kind: 'append', txnAppId: 'per-checkpoint'}, {checkpointReset: {afterBatch: 1, startingOffsets: 'resume'}})));
    expect([perCheckpoint.outcome.missing.total, perCheckpoint.outcome.duplicates]).toEqual([0, 0]);
    const delta = ran(await simulateStream(engine, events({kind: 'delta'}, {checkpointReset: {afterBatch: 1, startingOffsets: 'resume'}})));
    expect(delta.batches.filter((batch) => batch.checkpoint === 1)[0]!.progress.id).not.toBe(delta.batches[0]!.progress.id);
    expect([delta.outcome.missing.total, delta.outcome.duplicates]).toEqual([0, 0]);
  });

  it('a deleted checkpoint with startingOffsets earliest replays everything; latest skips what arrived meanwhile', async () => {
    const earliest = ran(await simulateStream(engine, events({kind: 'append', txnAppId: 'none'}, {checkpointReset: {afterBatch: 1, startingOffsets: 'earliest'}})));
    expect(earliest.outcome.duplicates).toBe(2);
    const latest = ran(await simulateStream(engine, events({kind: 'delta'}, {checkpointReset: {afterBatch: 1, startingOffsets: 'latest'}})));
    // Batch 1 read e2 at 12:10; the restart at 12:15 starts after e3 (arrived 12:13), which no batch reads.
    expect(latest.outcome.missing).toEqual({total: 1, droppedAsLate: 0, skippedByIdempotentWrite: 0, neverRead: 1});
    expect(latest.outcome.examples[0]).toMatchObject({eventId: 3, why: 'neverRead'});
  });

  it('aborted transactions: read_uncommitted reads the aborted copies as duplicates, read_committed skips them', async () => {
    const faults = {abortedPerMille: 400};
    const expected = Number((await engine.query('SELECT count(*) AS n FROM sensor_events WHERE (event_id * 2654435761 + 42) % 1000 < 400')).get(0)!.n);
    expect(expected).toBeGreaterThan(2_000);
    const base = {source: 'sensor_events', triggerIntervalMs: 6 * 3_600_000, watermarkDelayMs: null, query: {kind: 'events' as const}, faults};
    const uncommitted = ran(await simulateStream(engine, {...base, isolationLevel: 'read_uncommitted'}));
    expect([uncommitted.outcome.duplicates, uncommitted.outcome.missing.total]).toEqual([expected, 0]);
    expect(uncommitted.topicRecords).toBe(10_000 + expected);
    const committed = ran(await simulateStream(engine, {...base, isolationLevel: 'read_committed'}));
    expect([committed.outcome.duplicates, committed.outcome.missing.total, committed.outcome.truthRows]).toEqual([0, 0, 10_000]);
    // The consumer still moves past the aborted records: offsets count them, input rows do not.
    const last = committed.batches.at(-1)!.progress.sources[0]!;
    const offsets = Object.values(last.endOffset['mfg.sensor-events']!).reduce((a, b) => a + b, 0);
    expect(offsets).toBe(10_000 + expected);
    expect(committed.batches.reduce((sum, batch) => sum + batch.progress.numInputRows, 0)).toBe(10_000);
  });
});

describe('the generated sensor events', () => {
  it('a plant outage: its readings arrive in one burst, and the windows they belong to lose them as late', async () => {
    const spec: StreamSpecInput = {
      source: 'sensor_events',
      triggerIntervalMs: 15 * 60_000,
      from: '2026-01-08T00:00:00Z',
      to: '2026-01-11T00:00:00Z',
      watermarkDelayMs: 30 * 60_000,
      query: {kind: 'window', sizeMs: 3_600_000, outputMode: 'append'},
      faults: {outage: {plantId: 'PLANT_03', from: '2026-01-09T02:00:00Z', to: '2026-01-09T08:00:00Z'}},
    };
    const simulation = ran(await simulateStream(engine, spec));
    const late = simulation.batches.reduce((sum, batch) => sum + (batch.lateRowsByPlant.PLANT_03 ?? 0), 0);
    const outageReadings = Number(
      (await engine.query(`SELECT count(*) AS n FROM sensor_events WHERE plant_id = 'PLANT_03' AND event_ts >= TIMESTAMP '2026-01-09 02:00:00' AND event_ts < TIMESTAMP '2026-01-09 07:00:00' AND ingest_ts < TIMESTAMP '2026-01-09 08:00:00'`)).get(0)!.n,
    );
    // Every reading made more than an hour and a half before the connection came back is in a window
    // the watermark closed long before: all of them are dropped.
    expect(outageReadings).toBeGreaterThan(0);
    expect(late).toBeGreaterThanOrEqual(outageReadings);
    expect(simulation.outcome.undercounted).toBeGreaterThan(0);
    const withoutOutage = ran(await simulateStream(engine, {...spec, faults: {}}));
    const lateWithout = withoutOutage.batches.reduce((sum, batch) => sum + (batch.lateRowsByPlant.PLANT_03 ?? 0), 0);
    expect(late).toBeGreaterThan(lateWithout);
    // Spark's metric counts aggregated rows (one per late window and plant), never more than the input rows.
    for (const batch of simulation.batches) {
      const lateRows = Object.values(batch.lateRowsByPlant).reduce((a, b) => a + b, 0);
      expect(batch.progress.stateOperators[0]!.numRowsDroppedByWatermark).toBeLessThanOrEqual(lateRows);
    }
  });

  it('offsets in the progress are contiguous: each batch starts where the last ended', async () => {
    const simulation = ran(await simulateStream(engine, {source: 'sensor_events', triggerIntervalMs: 12 * 3_600_000, maxOffsetsPerTrigger: 150, query: {kind: 'events'}}));
    const sources = simulation.batches.map((batch) => batch.progress.sources[0]!);
    for (let index = 1; index < sources.length; index++) {
      expect(sources[index]!.startOffset).toEqual(sources[index - 1]!.endOffset);
    }
    for (const source of sources) {
      const read = Object.entries(source.endOffset['mfg.sensor-events']!).reduce((sum, [partition, end]) => sum + end - (source.startOffset?.['mfg.sensor-events']![partition] ?? 0), 0);
      expect(read).toBe(source.numInputRows);
      expect(read).toBeLessThanOrEqual(150 + 8);
    }
    expect(simulation.outcome.missing.total + simulation.outcome.duplicates).toBe(0);
  });
});
