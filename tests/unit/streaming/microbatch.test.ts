import {describe, expect, it} from 'vitest';
import {StreamingQueryState, windowsOf, type BatchExecution, type InputRow, type QueryShape} from '../../../playground';

/*
 * Cases transcribed from Spark's own suites (sql/core/src/test/scala/org/apache/spark/sql/streaming/):
 * EventTimeWatermarkSuite and StreamingDeduplicationWithinWatermarkSuite. Their MemoryStream tests run
 * one batch per AddData and then, while a stateful operator asks for it, a batch without data
 * (`testStream` + `processAllAvailable`); `addData` below does the same. Times are in seconds there.
 */
const s = (seconds: number) => seconds * 1000;

function rows(...seconds: number[]): InputRow[] {
  return seconds.map((second) => ({id: second, group: 0, eventMs: s(second)}));
}

/** Runs one data batch and every no-data batch the query asks for after it, like `AddData` + `CheckNewAnswer`. */
function addData(query: StreamingQueryState, input: InputRow[]): BatchExecution[] {
  const executions = [query.runBatch(input)];
  while (query.needsAnotherBatch()) executions.push(query.runBatch([]));
  return executions;
}

const windowStarts = (executions: BatchExecution[]) =>
  executions.flatMap((execution) => execution.windows.map((window) => [window.windowStartMs / 1000, window.count]));
const lastOperator = (executions: BatchExecution[]) => executions.at(-1)!.stateOperators.at(-1)!;
const sum = (executions: BatchExecution[], field: 'numRowsUpdated' | 'numRowsDroppedByWatermark') =>
  executions.reduce((total, execution) => total + execution.stateOperators.at(-1)![field], 0);

const fiveSecondWindows = (outputMode: 'append' | 'update' | 'complete'): QueryShape => ({
  watermarkDelayMs: s(10),
  dropDuplicatesWithinWatermark: false,
  aggregation: {sizeMs: s(5), slideMs: s(5), outputMode},
});

describe('windows as Spark assigns them (TimeWindowing)', () => {
  it('puts a timestamp in one tumbling window, [start, end)', () => {
    expect(windowsOf(s(12), s(5))).toEqual([s(10)]);
    expect(windowsOf(s(15), s(5))).toEqual([s(15)]);
    expect(windowsOf(s(14.999), s(5))).toEqual([s(10)]);
  });

  it('puts a timestamp in size / slide sliding windows, oldest first', () => {
    // The programming guide's example: 10-minute windows sliding every 5 minutes; 12:07 is in 12:00–12:10 and 12:05–12:15.
    const minute = 60_000;
    const twelveOhSeven = Date.UTC(2026, 0, 5, 12, 7);
    expect(windowsOf(twelveOhSeven, 10 * minute, 5 * minute)).toEqual([Date.UTC(2026, 0, 5, 12, 0), Date.UTC(2026, 0, 5, 12, 5)]);
    expect(windowsOf(s(10), s(10), s(3))).toEqual([s(3), s(6), s(9)]);
  });
});

describe('EventTimeWatermarkSuite', () => {
  it('"event time and watermark metrics": watermark 0, then 5, and the window (10, 3) once it passes 15', () => {
    const query = new StreamingQueryState(fiveSecondWindows('append'));
    const first = addData(query, rows(15));
    expect(first[0]!.eventTime).toEqual({minMs: s(15), maxMs: s(15), avgMs: s(15), count: 1});
    expect(first[0]!.batchWatermarkMs).toBe(0);
    expect(windowStarts(first)).toEqual([]);
    const second = addData(query, rows(10, 12, 14));
    expect(second[0]!.eventTime).toEqual({minMs: s(10), maxMs: s(14), avgMs: s(12), count: 3});
    expect(second[0]!.batchWatermarkMs).toBe(s(5));
    expect(windowStarts(second)).toEqual([]);
    const third = addData(query, rows(25));
    expect(third[0]!.batchWatermarkMs).toBe(s(5));
    expect(windowStarts(third)).toEqual([[10, 3]]);
  });

  it('"event time and watermark metrics with Trigger.Once": no batch without data, so output waits for the next data', () => {
    const query = new StreamingQueryState(fiveSecondWindows('append'));
    expect(query.runBatch(rows(15)).batchWatermarkMs).toBe(0);
    expect(query.runBatch(rows(10, 12, 14)).batchWatermarkMs).toBe(s(5));
    const third = query.runBatch(rows(25));
    expect([third.batchWatermarkMs, third.windows]).toEqual([s(5), []]);
    const fourth = query.runBatch(rows(50));
    expect(fourth.batchWatermarkMs).toBe(s(15));
    expect(windowStarts([fourth])).toEqual([[10, 3]]);
    const fifth = query.runBatch(rows(50));
    expect(fifth.batchWatermarkMs).toBe(s(40));
    expect(windowStarts([fifth])).toEqual([[15, 1], [25, 1]]);
  });

  it('"append mode": (10, 5) emitted when the watermark reaches 15; a row at 10 afterwards is dropped', () => {
    const query = new StreamingQueryState(fiveSecondWindows('append'));
    expect(windowStarts(addData(query, rows(10, 11, 12, 13, 14, 15)))).toEqual([]);
    const advance = addData(query, rows(25));
    expect(windowStarts(advance)).toEqual([[10, 5]]);
    expect(lastOperator(advance).numRowsTotal).toBe(2);
    const late = addData(query, rows(10));
    expect(windowStarts(late)).toEqual([]);
    expect(lastOperator(late).numRowsTotal).toBe(2);
    expect(sum(late, 'numRowsDroppedByWatermark')).toBe(1);
  });

  it('"update mode": every updated window each batch, late 10 ignored, state kept at 2', () => {
    const query = new StreamingQueryState(fiveSecondWindows('update'));
    expect(windowStarts(addData(query, rows(10, 11, 12, 13, 14, 15)))).toEqual([[10, 5], [15, 1]]);
    const advance = addData(query, rows(25));
    expect(windowStarts(advance)).toEqual([[25, 1]]);
    expect(lastOperator(advance).numRowsTotal).toBe(2);
    const mixed = addData(query, rows(10, 25));
    expect(windowStarts(mixed)).toEqual([[25, 2]]);
    expect(lastOperator(mixed).numRowsTotal).toBe(2);
    const late = addData(query, rows(10));
    expect(windowStarts(late)).toEqual([]);
    expect(lastOperator(late).numRowsTotal).toBe(2);
  });

  it('"complete mode": no eviction and no late rows dropped', () => {
    const query = new StreamingQueryState(fiveSecondWindows('complete'));
    expect(windowStarts(addData(query, rows(10, 11, 12)))).toEqual([[10, 3]]);
    expect(windowStarts(addData(query, rows(25)))).toEqual([[10, 3], [25, 1]]);
    expect(windowStarts(addData(query, rows(25)))).toEqual([[10, 3], [25, 2]]);
    expect(windowStarts(addData(query, rows(10)))).toEqual([[10, 4], [25, 2]]);
    expect(windowStarts(addData(query, rows(25)))).toEqual([[10, 4], [25, 3]]);
  });

  it('a restart keeps the watermark in the checkpoint: 10 and 17 are dropped, (25, 2) waits for 40 (after "recovery")', () => {
    const query = new StreamingQueryState(fiveSecondWindows('append'));
    addData(query, rows(10, 11, 12, 13, 14, 15));
    expect(windowStarts(addData(query, rows(25)))).toEqual([[10, 5]]);
    const restarted = query.snapshot();
    expect(windowStarts(addData(restarted, rows(10, 27, 30)))).toEqual([[15, 1]]);
    expect(windowStarts(addData(restarted, rows(17)))).toEqual([]);
    expect(windowStarts(addData(restarted, rows(40)))).toEqual([[25, 2]]);
  });

  it('"group by on raw timestamp" is not a window query; no eviction without a watermark in update mode', () => {
    const query = new StreamingQueryState({watermarkDelayMs: null, dropDuplicatesWithinWatermark: false, aggregation: {sizeMs: s(5), slideMs: s(5), outputMode: 'update'}});
    addData(query, rows(10));
    const later = addData(query, rows(100));
    expect(later).toHaveLength(1);
    expect(lastOperator(later).numRowsTotal).toBe(2);
    expect(later[0]!.eventTime).toBeNull();
  });
});

describe('the late-row watermark is the previous batch\'s (Spark 3.4+, SPARK-40925)', () => {
  it('accepts a row for a window the current watermark closes, and emits the window with it in the same batch', () => {
    const query = new StreamingQueryState(fiveSecondWindows('append'));
    query.runBatch(rows(10, 11));
    query.runBatch(rows(25)); // ran with watermark 0 (from 11 - 10 = 1 after the first batch); watermark now 15
    // This batch runs with watermark 15 but filters late rows against the previous one (1):
    // window [10, 15) ends at 15 > 1, so 12 is kept, then the window is evicted with 3 rows.
    const batch = query.runBatch(rows(12));
    expect([batch.lateRowWatermarkMs, batch.batchWatermarkMs]).toEqual([s(1), s(15)]);
    expect(windowStarts([batch])).toEqual([[10, 3]]);
    expect(batch.lateRowIds).toEqual([]);
  });
});

describe('StreamingDeduplicationWithinWatermarkSuite', () => {
  const dedupShape: QueryShape = {watermarkDelayMs: s(2), dropDuplicatesWithinWatermark: true, aggregation: null};
  const keyed = (...pairs: [string, number][]): InputRow[] => pairs.map(([key, second]) => ({id: key.charCodeAt(0), group: 0, eventMs: s(second)}));
  const out = (executions: BatchExecution[]) => executions.flatMap((execution) => execution.rows.map((row) => [String.fromCharCode(row.id), row.eventMs / 1000]));

  it('"deduplicate with subset of columns which event time column is not in subset"', () => {
    const query = new StreamingQueryState(dedupShape);
    let batches = addData(query, keyed(['a', 17]));
    expect(out(batches)).toEqual([['a', 17]]);
    expect([lastOperator(batches).numRowsTotal, sum(batches, 'numRowsUpdated')]).toEqual([1, 1]);

    batches = addData(query, keyed(['a', 16]));
    expect(out(batches)).toEqual([]);
    expect([lastOperator(batches).numRowsTotal, sum(batches, 'numRowsUpdated')]).toEqual([1, 0]);

    batches = addData(query, keyed(['a', 13]));
    expect(out(batches)).toEqual([]);
    expect([lastOperator(batches).numRowsTotal, sum(batches, 'numRowsUpdated'), sum(batches, 'numRowsDroppedByWatermark')]).toEqual([1, 0, 1]);

    batches = addData(query, keyed(['b', 22], ['c', 21]));
    expect(out(batches)).toEqual([['b', 22], ['c', 21]]);
    expect([lastOperator(batches).numRowsTotal, sum(batches, 'numRowsUpdated')]).toEqual([2, 2]);

    batches = addData(query, keyed(['a', 21]));
    expect(out(batches)).toEqual([['a', 21]]);
    expect([lastOperator(batches).numRowsTotal, sum(batches, 'numRowsUpdated')]).toEqual([3, 1]);

    batches = addData(query, keyed(['d', 25]));
    expect(out(batches)).toEqual([['d', 25]]);
    expect([lastOperator(batches).numRowsTotal, sum(batches, 'numRowsUpdated')]).toEqual([2, 1]);
  });

  it('"deduplicate with all columns with event time column": duplicates dropped, late 5 dropped, state expires', () => {
    const query = new StreamingQueryState({watermarkDelayMs: s(10), dropDuplicatesWithinWatermark: true, aggregation: null});
    const values = (...seconds: number[]) => seconds.map((second) => ({id: second, group: 0, eventMs: s(second)}));
    let batches = addData(query, Array.from({length: 5}, () => values(10, 11, 12, 13, 14, 15)).flat());
    expect(out(batches).map(([, second]) => second)).toEqual([10, 11, 12, 13, 14, 15]);
    expect([lastOperator(batches).numRowsTotal, sum(batches, 'numRowsUpdated')]).toEqual([6, 6]);
    batches = addData(query, values(13, 14, 15, 16, 17));
    expect(out(batches).map(([, second]) => second)).toEqual([16, 17]);
    expect([lastOperator(batches).numRowsTotal, sum(batches, 'numRowsUpdated')]).toEqual([8, 2]);
    batches = addData(query, values(5));
    expect(out(batches)).toEqual([]);
    expect([lastOperator(batches).numRowsTotal, sum(batches, 'numRowsUpdated'), sum(batches, 'numRowsDroppedByWatermark')]).toEqual([8, 0, 1]);
    batches = addData(query, values(35));
    expect([lastOperator(batches).numRowsTotal, sum(batches, 'numRowsUpdated')]).toEqual([3, 1]);
    batches = addData(query, values(55));
    expect([lastOperator(batches).numRowsTotal, sum(batches, 'numRowsUpdated')]).toEqual([1, 1]);
  });
});

describe('the programming guide\'s windowed word count with a watermark (10-minute windows sliding every 5, watermark 10 minutes, update mode)', () => {
  // Structured Streaming Programming Guide, "Handling Late Data and Watermarking": dog, owl, cat and
  // donkey counted per window, one trigger every 5 minutes from 12:10.
  const words = ['dog', 'owl', 'cat', 'donkey'];
  const at = (hhmm: string) => Date.UTC(2026, 0, 5, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3)));
  const batch = (...events: [string, string][]) => events.map(([time, word], index) => ({id: index, group: words.indexOf(word), eventMs: at(time)}));
  const shown = (execution: BatchExecution) =>
    execution.windows.map((window) => `${new Date(window.windowStartMs).toISOString().slice(11, 16)} ${words[window.group]} ${window.count}`).sort();
  const minute = 60_000;

  it('updates the windows of each trigger; from Spark 3.4 the late donkey at 12:04 still counts, where the guide\'s figure drops it', () => {
    const query = new StreamingQueryState({watermarkDelayMs: 10 * minute, dropDuplicatesWithinWatermark: false, aggregation: {sizeMs: 10 * minute, slideMs: 5 * minute, outputMode: 'update'}});
    expect(shown(query.runBatch(batch(['12:07', 'dog'], ['12:08', 'owl'])))).toEqual(['12:00 dog 1', '12:00 owl 1', '12:05 dog 1', '12:05 owl 1']);
    const second = query.runBatch(batch(['12:14', 'dog'], ['12:09', 'cat']));
    expect(shown(second)).toEqual(['12:00 cat 1', '12:05 cat 1', '12:05 dog 2', '12:10 dog 1']);
    // "when the engine observes the data (12:14, dog), it sets the watermark for the next trigger as 12:04"
    expect(second.nextWatermarkMs).toBe(at('12:04'));
    const third = query.runBatch(batch(['12:15', 'cat'], ['12:08', 'dog'], ['12:13', 'owl'], ['12:21', 'owl']));
    expect(third.batchWatermarkMs).toBe(at('12:04'));
    expect(shown(third)).toEqual(['12:00 dog 2', '12:05 dog 3', '12:05 owl 2', '12:10 cat 1', '12:10 owl 1', '12:15 cat 1', '12:15 owl 1', '12:20 owl 1']);
    expect(third.nextWatermarkMs).toBe(at('12:11'));
    // The guide: with the watermark at 12:11 the state of 12:00–12:10 is cleared and (12:04, donkey) is "too late".
    // Spark 3.4+ filters late rows against the previous batch's watermark (12:04): both of donkey's windows end after
    // it, so it is counted, and only then are the windows ending by 12:11 evicted.
    const fourth = query.runBatch(batch(['12:17', 'owl'], ['12:04', 'donkey']));
    expect([fourth.lateRowWatermarkMs, fourth.batchWatermarkMs]).toEqual([at('12:04'), at('12:11')]);
    expect(shown(fourth)).toEqual(['11:55 donkey 1', '12:00 donkey 1', '12:10 owl 2', '12:15 owl 2']);
    expect(fourth.stateOperators[0]!.numRowsRemoved).toBe(5); // 11:55 donkey and the four 12:00 windows
    // Now a row whose windows both end by 12:11 is dropped: one aggregated row per late window in Spark's metric.
    const fifth = query.runBatch(batch(['12:04', 'cat'], ['12:30', 'dog']));
    expect(fifth.lateRowIds).toEqual([0]);
    expect(fifth.stateOperators[0]!.numRowsDroppedByWatermark).toBe(2);
    expect(shown(fifth)).toEqual(['12:25 dog 1', '12:30 dog 1']);
  });
});
