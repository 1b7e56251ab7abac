import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {columnPrefix} from './naming';
import {identifierSchema, parseStepOptions, type StepInput} from '../lab/options';
import {StepLog, timed, type StepResult} from '../lab/step';
import {tableColumns} from './tables';

/** Delta collects file statistics on this many leading columns by default (`delta.dataSkippingNumIndexedCols`). */
export const deltaStatsColumns = 32;

const monitorSchema = z
  .strictObject({
    table: identifierSchema.default('events_flat'),
    threshold: z.number().int().gt(0).default(100),
    /** The share of the threshold from which the level is `warning`. */
    warningShare: z.number().gt(0).lt(1).default(0.8),
  });

/** Options of step 11: the table and its column threshold (100, warning from 80%). */
export type MonitorColumnCountOptions = StepInput<typeof monitorSchema>;

/** `ok` below the warning mark, `warning` from it up to the threshold, `critical` above the threshold. */
export type ColumnCountLevel = 'ok' | 'warning' | 'critical';

/** Step 11's result. */
export interface MonitorColumnCountResult extends StepResult {
  table: string;
  /** All columns, and the promoted `ext_` ones among them. */
  columnCount: number;
  promotedColumns: number;
  threshold: number;
  /** The column count from which the level is `warning`. */
  warningAt: number;
  level: ColumnCountLevel;
  /** Columns left before the threshold (negative once over it). */
  headroom: number;
  /** Promoted columns past Delta's first 32, which get no file statistics unless configured. */
  promotedWithoutDeltaStats: string[];
}

/** The level for a column count. */
export function columnCountLevel(columns: number, threshold: number, warningAt: number): ColumnCountLevel {
  if (columns > threshold) {
    return 'critical';
  }
  return columns >= warningAt ? 'warning' : 'ok';
}

/**
 * Step 11: counts the table's columns from the catalog (the table, not a DataFrame built from it)
 * against a threshold, with a warning level. It also lists promoted columns beyond Delta's first
 * 32, where data skipping and Z-ordering have no statistics unless `delta.dataSkippingStatsColumns`
 * names them.
 */
export async function monitorColumnCount(engine: SqlEngine, input: MonitorColumnCountOptions = {}): Promise<MonitorColumnCountResult> {
  const {options, now} = parseStepOptions(monitorSchema, input, 'monitorColumnCount');
  const log = new StepLog(engine);
  const {value: columns, elapsedMs} = await timed(now, () => tableColumns(log, options.table));
  if (columns.length === 0) {
    throw new RangeError(`There is no table ${JSON.stringify(options.table)} to monitor: run step 9 first.`);
  }
  const promoted = columns.filter((column) => column.name.startsWith(columnPrefix));
  const warningAt = Math.ceil(options.threshold * options.warningShare);
  return {
    step: 11,
    title: 'Monitor the column count',
    sql: log.sql,
    params: log.params,
    // The check reads the catalog, not the rows.
    metrics: {rowsIn: 0, rowsOut: columns.length, columns: 2, elapsedMs},
    table: options.table,
    columnCount: columns.length,
    promotedColumns: promoted.length,
    threshold: options.threshold,
    warningAt,
    level: columnCountLevel(columns.length, options.threshold, warningAt),
    headroom: options.threshold - columns.length,
    promotedWithoutDeltaStats: columns
      .slice(deltaStatsColumns)
      .filter((column) => column.name.startsWith(columnPrefix))
      .map((column) => column.name),
  };
}
