import {windowsOf} from './windows';

/**
 * One streaming query's stateful execution, batch by batch, transcribed from Spark 3.5 / 4.0:
 * the watermark (`WatermarkTracker.updateWatermark`), late-row filtering and state eviction
 * (`StateStoreSaveExec`, `StreamingDeduplicateWithinWatermarkExec`, `WatermarkSupport`), which
 * watermark each uses (`IncrementalExecution`: the previous batch's watermark filters late rows, the
 * current one evicts, since Spark 3.4 / SPARK-40925) and when a batch without data must run
 * (`shouldRunAnotherBatch`). Rows are plain numbers; the Kafka and sink sides live elsewhere.
 */

/** An input row: its dedup key, its group (the plant) and its event time. */
export interface InputRow {
  id: number;
  group: number;
  eventMs: number;
}

/** A windowed count as the aggregation emits it. */
export interface WindowRow {
  windowStartMs: number;
  windowEndMs: number;
  group: number;
  count: number;
}

/** What the query computes after the watermark. */
export interface QueryShape {
  /** `withWatermark` delay; null for no watermark. */
  watermarkDelayMs: number | null;
  /** `dropDuplicatesWithinWatermark` on the row id. */
  dropDuplicatesWithinWatermark: boolean;
  /** `groupBy(window(event_ts, size, slide), plant).count()`, or none for the rows themselves. */
  aggregation: {sizeMs: number; slideMs: number; outputMode: 'append' | 'update' | 'complete'} | null;
}

/** `StateOperatorProgress` fields of one stateful operator, as Spark names them. */
export interface StateOperatorProgress {
  operatorName: 'dedupeWithinWatermark' | 'stateStoreSave';
  numRowsTotal: number;
  numRowsUpdated: number;
  numRowsRemoved: number;
  numRowsDroppedByWatermark: number;
  customMetrics?: {numDroppedDuplicateRows: number};
}

/** `EventTimeStats` of the rows the watermark operator saw in a batch. */
export interface EventTimeStats {
  minMs: number;
  maxMs: number;
  avgMs: number;
  count: number;
}

/** What one batch did. */
export interface BatchExecution {
  /** The watermark the batch ran with (`batchWatermarkMs` in the offset log; `eventTime.watermark`). */
  batchWatermarkMs: number;
  /** The previous batch's watermark, which filtered late rows. */
  lateRowWatermarkMs: number;
  eventTime: EventTimeStats | null;
  stateOperators: StateOperatorProgress[];
  /** Input rows that reached the output of a stateless query or the dedup. */
  rows: InputRow[];
  /** Windows emitted: evicted (append), updated (update) or all (complete). */
  windows: WindowRow[];
  /** Input rows that were dropped as late, by group (not a Spark metric: Spark counts aggregated rows). */
  lateRowsByGroup: Map<number, number>;
  /** Ids of the input rows dropped as late. */
  lateRowIds: number[];
  /** The watermark after the batch (`nextBatchWatermarkMs` in the commit log). */
  nextWatermarkMs: number;
}

interface WindowState {
  windowStartMs: number;
  windowEndMs: number;
  group: number;
  count: number;
}

/** The query's state between batches: what a checkpoint's state store and commit log hold. */
export class StreamingQueryState {
  private readonly shape: QueryShape;
  /** Global watermark (`WatermarkTracker.globalWatermarkMs`). */
  private watermarkMs = 0;
  /** The watermark the last executed batch ran with, if any ran. */
  private lastBatchWatermarkMs: number | null = null;
  private readonly dedupState = new Map<number, number>();
  private readonly windowState = new Map<number, WindowState>();

  constructor(shape: QueryShape) {
    this.shape = shape;
  }

  /** A copy to run a batch again from, as a restart reloads the state of the last committed batch. */
  snapshot(): StreamingQueryState {
    const copy = new StreamingQueryState(this.shape);
    copy.watermarkMs = this.watermarkMs;
    copy.lastBatchWatermarkMs = this.lastBatchWatermarkMs;
    for (const [id, expiresAt] of this.dedupState) copy.dedupState.set(id, expiresAt);
    for (const [key, state] of this.windowState) copy.windowState.set(key, {...state});
    return copy;
  }

  /** The watermark the next batch runs with. */
  get currentWatermarkMs(): number {
    return this.watermarkMs;
  }

  private get isStateful(): boolean {
    return this.shape.dropDuplicatesWithinWatermark || this.shape.aggregation !== null;
  }

  /**
   * Whether the previous batch asks for one more even without new data: a stateful operator whose
   * eviction watermark is behind the new one (`StateStoreSaveExec.shouldRunAnotherBatch` for append
   * and update, `BaseStreamingDeduplicateExec.shouldRunAnotherBatch`), with
   * `spark.sql.streaming.noDataMicroBatches.enabled` at its default, true.
   */
  needsAnotherBatch(): boolean {
    if (this.shape.watermarkDelayMs === null || this.lastBatchWatermarkMs === null || !this.isStateful) return false;
    const evicting = this.shape.dropDuplicatesWithinWatermark || this.shape.aggregation?.outputMode !== 'complete';
    return evicting && this.watermarkMs > this.lastBatchWatermarkMs;
  }

  /** Runs one micro-batch on `input` (empty for a no-data batch). */
  runBatch(input: readonly InputRow[]): BatchExecution {
    const {watermarkDelayMs, aggregation} = this.shape;
    const hasWatermark = watermarkDelayMs !== null;
    const batchWatermarkMs = this.watermarkMs;
    // IncrementalExecution: late rows against the previous batch's watermark, eviction against this one.
    const lateRowWatermarkMs = this.lastBatchWatermarkMs ?? batchWatermarkMs;
    const lateRowsByGroup = new Map<number, number>();
    const lateRowIds: number[] = [];
    const markLate = (row: InputRow) => {
      lateRowsByGroup.set(row.group, (lateRowsByGroup.get(row.group) ?? 0) + 1);
      lateRowIds.push(row.id);
    };
    const stateOperators: StateOperatorProgress[] = [];

    let rows: readonly InputRow[] = input;
    if (this.shape.dropDuplicatesWithinWatermark && hasWatermark) {
      rows = this.deduplicate(rows, lateRowWatermarkMs, batchWatermarkMs, watermarkDelayMs, markLate, stateOperators);
    }
    let windows: WindowRow[] = [];
    if (aggregation) {
      windows = this.aggregate(rows, aggregation, hasWatermark, lateRowWatermarkMs, batchWatermarkMs, markLate, stateOperators);
    }

    const eventTime = hasWatermark ? eventTimeStats(input) : null;
    this.lastBatchWatermarkMs = batchWatermarkMs;
    // WatermarkTracker.updateWatermark: max event time of the batch minus the delay, only forward,
    // and only from a batch that had rows.
    if (hasWatermark && eventTime && eventTime.count > 0) {
      const candidate = eventTime.maxMs - watermarkDelayMs;
      if (candidate > this.watermarkMs) this.watermarkMs = candidate;
    }
    return {
      batchWatermarkMs,
      lateRowWatermarkMs,
      eventTime,
      stateOperators,
      rows: aggregation ? [] : [...rows],
      windows,
      lateRowsByGroup,
      lateRowIds,
      nextWatermarkMs: this.watermarkMs,
    };
  }

  /** `StreamingDeduplicateWithinWatermarkExec`: late rows dropped, first of each id kept until its expiry. */
  private deduplicate(
    input: readonly InputRow[],
    lateRowWatermarkMs: number,
    evictionWatermarkMs: number,
    delayMs: number,
    markLate: (row: InputRow) => void,
    operators: StateOperatorProgress[],
  ): InputRow[] {
    let dropped = 0;
    let duplicates = 0;
    let updated = 0;
    const kept: InputRow[] = [];
    for (const row of input) {
      // WatermarkSupport.watermarkExpression: eventTime <= watermark is late.
      if (row.eventMs <= lateRowWatermarkMs) {
        dropped += 1;
        markLate(row);
      } else if (this.dedupState.has(row.id)) {
        duplicates += 1;
      } else {
        this.dedupState.set(row.id, row.eventMs + delayMs);
        updated += 1;
        kept.push(row);
      }
    }
    let removed = 0;
    for (const [id, expiresAt] of this.dedupState) {
      if (evictionWatermarkMs >= expiresAt) {
        this.dedupState.delete(id);
        removed += 1;
      }
    }
    operators.push({
      operatorName: 'dedupeWithinWatermark',
      numRowsTotal: this.dedupState.size,
      numRowsUpdated: updated,
      numRowsRemoved: removed,
      numRowsDroppedByWatermark: dropped,
      customMetrics: {numDroppedDuplicateRows: duplicates},
    });
    return kept;
  }

  /** The streaming aggregation: partial counts per key, then `StateStoreSaveExec` for the output mode. */
  private aggregate(
    rows: readonly InputRow[],
    aggregation: NonNullable<QueryShape['aggregation']>,
    hasWatermark: boolean,
    lateRowWatermarkMs: number,
    evictionWatermarkMs: number,
    markLate: (row: InputRow) => void,
    operators: StateOperatorProgress[],
  ): WindowRow[] {
    const {sizeMs, slideMs, outputMode} = aggregation;
    // The batch's counts per (window, group): what reaches StateStoreSaveExec is one merged row per key.
    const batchCounts = new Map<number, WindowState>();
    const lateKeys = new Set<number>();
    const filtersLate = hasWatermark && outputMode !== 'complete';
    const tumbling = slideMs === sizeMs;
    for (const row of rows) {
      let accepted = 0;
      const starts = tumbling ? [row.eventMs - (row.eventMs % sizeMs)] : windowsOf(row.eventMs, sizeMs, slideMs);
      for (const windowStartMs of starts) {
        const windowEndMs = windowStartMs + sizeMs;
        const key = windowKey(windowStartMs, row.group);
        // WatermarkSupport.watermarkExpression on a window: window.end <= watermark is late.
        if (filtersLate && windowEndMs <= lateRowWatermarkMs) {
          lateKeys.add(key);
          continue;
        }
        accepted += 1;
        const counted = batchCounts.get(key);
        if (counted) counted.count += 1;
        else batchCounts.set(key, {windowStartMs, windowEndMs, group: row.group, count: 1});
      }
      if (accepted === 0 && filtersLate) markLate(row);
    }
    for (const [key, batch] of batchCounts) {
      const stored = this.windowState.get(key);
      if (stored) stored.count += batch.count;
      else this.windowState.set(key, {...batch});
    }
    const updatedKeys = [...batchCounts.keys()];
    let emitted: WindowRow[] = [];
    let removed = 0;
    if (outputMode === 'complete') {
      emitted = [...this.windowState.values()].map((state) => ({...state}));
    } else {
      if (outputMode === 'update') {
        emitted = updatedKeys.map((key) => ({...this.windowState.get(key)!}));
      }
      if (hasWatermark) {
        for (const [key, state] of this.windowState) {
          if (state.windowEndMs <= evictionWatermarkMs) {
            this.windowState.delete(key);
            removed += 1;
            if (outputMode === 'append') emitted.push({...state});
          }
        }
      }
    }
    operators.push({
      operatorName: 'stateStoreSave',
      numRowsTotal: this.windowState.size,
      numRowsUpdated: updatedKeys.length,
      numRowsRemoved: removed,
      numRowsDroppedByWatermark: lateKeys.size,
    });
    return emitted.sort((a, b) => a.windowStartMs - b.windowStartMs || a.group - b.group);
  }
}

/** One number per (window, group): window starts are whole milliseconds below 2^46, groups below 64. */
function windowKey(windowStartMs: number, group: number): number {
  return windowStartMs * 64 + group;
}

function eventTimeStats(rows: readonly InputRow[]): EventTimeStats | null {
  if (rows.length === 0) return null;
  let minMs = Infinity;
  let maxMs = -Infinity;
  let sum = 0;
  for (const row of rows) {
    if (row.eventMs < minMs) minMs = row.eventMs;
    if (row.eventMs > maxMs) maxMs = row.eventMs;
    sum += row.eventMs;
  }
  return {minMs, maxMs, avgMs: sum / rows.length, count: rows.length};
}
