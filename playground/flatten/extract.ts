import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {assignColumnNames} from './naming';
import {identifierSchema, parseStepOptions, type StepInput} from '../lab/options';
import {keyListSchema, sourceShape} from './options';
import {rawSql} from './profile';
import {StepLog, num, share, timed, type StepResult} from '../lab/step';
import {projectionSql, sourceColumns} from './tables';

const extractSchema = z.strictObject({
  ...sourceShape,
  keys: keyListSchema,
  target: identifierSchema.default('events_extracted'),
});

/** Options of step 2: the known keys to extract and the table to write (`events_extracted`). */
export type ExtractKnownKeysOptions = StepInput<typeof extractSchema>;

/** One extracted key. */
export interface ExtractedColumn {
  key: string;
  column: string;
  /** Rows where the key was present with a value, and their share of all rows. */
  nonNull: number;
  coverage: number;
}

/** Step 2's result. */
export interface ExtractKnownKeysResult extends StepResult {
  table: string;
  extracted: ExtractedColumn[];
  /** Output rows per input row: 1, since element access never multiplies rows. */
  rowsPerInputRow: number;
}

/**
 * Step 2: extracts known keys with element access (`map['key']`, Spark's `getItem`), all in one
 * SELECT: a per-row expression, so one output row per input row and no shuffle. Values stay
 * VARCHAR here; step 4 types them.
 */
export async function extractKnownKeys(engine: SqlEngine, input: ExtractKnownKeysOptions): Promise<ExtractKnownKeysResult> {
  const {options, now} = parseStepOptions(extractSchema, input, 'extractKnownKeys');
  const log = new StepLog(engine);
  const {value, elapsedMs} = await timed(now, async () => {
    const base = (await sourceColumns(log, options.source, options.mapColumn)).map((column) => column.name);
    const names = assignColumnNames(options.keys, base);
    const columns = options.keys.map((key) => ({key, column: names.get(key)!}));
    await log.rows(
      `CREATE OR REPLACE TABLE ${quoteIdentifier(options.target)} AS\n${projectionSql(
        options.source,
        base,
        columns.map(({key, column}) => ({column, expression: rawSql(options.mapColumn, key)})),
      )}`,
    );
    const counts = await log.one(`SELECT
  (SELECT count(*) FROM ${quoteIdentifier(options.source)}) AS rows_in,
  count(*) AS rows_out,
  ${columns.map(({column}) => `count(${quoteIdentifier(column)}) AS ${quoteIdentifier(column)}`).join(',\n  ')}
FROM ${quoteIdentifier(options.target)}`);
    return {base, columns, counts};
  });
  const rowsOut = num(value.counts, 'rows_out');
  return {
    step: 2,
    title: 'Extract known keys without exploding',
    sql: log.sql,
    params: log.params,
    metrics: {rowsIn: num(value.counts, 'rows_in'), rowsOut, columns: value.base.length + value.columns.length, elapsedMs},
    table: options.target,
    extracted: value.columns.map(({key, column}) => ({
      key,
      column,
      nonNull: num(value.counts, column),
      coverage: share(num(value.counts, column), rowsOut),
    })),
    rowsPerInputRow: share(rowsOut, num(value.counts, 'rows_in')),
  };
}
