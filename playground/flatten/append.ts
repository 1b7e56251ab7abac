import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {parseStepOptions, type StepInput} from '../lab/options';
import {rawSql} from './profile';
import {inTransaction, registryBatchFilter, registryShape, runRegistryUpdate, type RegistryUpdate} from './registry';
import {StepLog, num, timed, type StepResult} from '../lab/step';
import {projectionSql, tableColumns} from './tables';
import {castSql} from './value-types';

const appendSchema = z.strictObject(registryShape);

/** Options of step 9 (the same as step 8's). */
export type AppendWithSchemaEvolutionOptions = StepInput<typeof appendSchema>;

/** Step 9's result. */
export interface AppendWithSchemaEvolutionResult extends StepResult, RegistryUpdate {
  registryTable: string;
  table: string;
  /** Whether this batch created the flattened table. */
  created: boolean;
  /** The table's column count before the batch (0 when it did not exist) and after. */
  columnsBefore: number;
  columnsAfter: number;
  rowsAppended: number;
  /** The table's rows after the append. */
  tableRows: number;
  /** Per column, the batch's non-null values that TRY_CAST turned into NULL; only columns with some. */
  castFailures: {key: string; column: string; failed: number}[];
}

/**
 * Step 9: appends a batch to the flattened table, evolving its schema first. New keys become
 * columns through ALTER TABLE ... ADD COLUMN, typed from the registry, so the table's types never
 * follow whatever one batch contained; rows appended before a column existed read NULL in it.
 * This is the analogue of a Delta append with `mergeSchema`, which adds new columns at the end of
 * the schema. The original map stays in the table, so keys not promoted yet are never lost. The
 * batch is one transaction; appending the same batch twice appends its rows twice.
 */
export async function appendWithSchemaEvolution(
  engine: SqlEngine,
  input: AppendWithSchemaEvolutionOptions = {},
): Promise<AppendWithSchemaEvolutionResult> {
  const {options, now} = parseStepOptions(appendSchema, input, 'appendWithSchemaEvolution');
  const log = new StepLog(engine);
  const table = quoteIdentifier(options.table);
  const source = quoteIdentifier(options.source);
  const filter = registryBatchFilter(options);
  const {value, elapsedMs} = await timed(now, () =>
    inTransaction(log, async () => {
      const before = await tableColumns(log, options.table);
      await log.rows(`CREATE TABLE IF NOT EXISTS ${table} AS\nSELECT * FROM ${source} LIMIT 0`);
      const {update, baseColumns, castColumns} = await runRegistryUpdate(log, options);
      const appended = await log.one(
        `INSERT INTO ${table} BY NAME\n${projectionSql(
          options.source,
          baseColumns,
          castColumns.map(({key, column, cast}) => ({column, expression: castSql(cast, rawSql(options.mapColumn, key))})),
          filter.sql,
        )}`,
        filter.params,
      );
      const counts = await log.one(
        `SELECT
  (SELECT count(*) FROM ${table}) AS table_rows${castColumns
    .map(({key, column}) => {
      const failed = quoteIdentifier(`${column} failed`);
      return `,\n  count(${rawSql(options.mapColumn, key)}) FILTER (WHERE ${quoteIdentifier(column)} IS NULL) AS ${failed}`;
    })
    .join('')}
FROM ${table}${filter.sql ? `\n${filter.sql}` : ''}`,
        filter.params,
      );
      const after = await tableColumns(log, options.table);
      return {before, update, castColumns, appended: num(appended, 'Count'), counts, after};
    }),
  );
  const {update, castColumns} = value;
  return {
    step: 9,
    title: 'Append batches with schema evolution',
    sql: log.sql,
    params: log.params,
    metrics: {rowsIn: update.batch.rows, rowsOut: value.appended, columns: value.after.length, elapsedMs},
    registryTable: options.registry,
    table: options.table,
    created: value.before.length === 0,
    columnsBefore: value.before.length,
    columnsAfter: value.after.length,
    rowsAppended: value.appended,
    tableRows: num(value.counts, 'table_rows'),
    castFailures: castColumns
      .map(({key, column}) => ({key, column, failed: num(value.counts, `${column} failed`)}))
      .filter((entry) => entry.failed > 0),
    ...update,
  };
}
