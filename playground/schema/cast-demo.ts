import * as z from 'zod';
import {parseOptions} from '../lab/options';
import {StepLog, num, type StepParam} from '../lab/step';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import type {SparkType, StructType} from './types';
import {isAtomic, sameType, sqlTypeName} from './types';

const incomingTable = 'schema_lab_incoming';
const targetTable = 'schema_lab_table';

/** DuckDB's type for a Spark atomic type (timestamps without a zone on both sides: the lab has no ICU). */
function duckType(type: SparkType): string | undefined {
  switch (type.kind) {
    case 'byte':
      return 'TINYINT';
    case 'short':
      return 'SMALLINT';
    case 'int':
      return 'INTEGER';
    case 'long':
      return 'BIGINT';
    case 'float':
      return 'FLOAT';
    case 'double':
      return 'DOUBLE';
    case 'decimal':
      return `DECIMAL(${type.precision},${type.scale})`;
    case 'string':
    case 'char':
    case 'varchar':
      return 'VARCHAR';
    case 'boolean':
      return 'BOOLEAN';
    case 'binary':
      return 'BLOB';
    case 'date':
      return 'DATE';
    case 'timestamp':
    case 'timestamp_ntz':
      return 'TIMESTAMP';
    default:
      return undefined;
  }
}

/**
 * Generated values of a Spark type, from a hash of the row number, the seed (`$1`) and the column's
 * position, with 2% NULLs. Text columns hold what plant feeds send: decimals, integers, "n/a" and
 * empty strings.
 */
function generatedValueSql(type: SparkType, position: number): string {
  const h = `hash(i, $1::BIGINT, ${position})`;
  const decimalText = `CAST(round(CAST(${h} % 100000 AS DOUBLE) / 100 - 200, 2) AS VARCHAR)`;
  const value = (() => {
    switch (type.kind) {
      case 'byte':
        return `CAST(${h} % 200 AS INTEGER) - 100`;
      case 'short':
      case 'int':
        return `CAST(${h} % 40000 AS INTEGER) - 5000`;
      case 'long':
        return `CAST(${h} % 10000000000 AS BIGINT) - 1000`;
      case 'float':
      case 'double':
        return `round(CAST(${h} % 100000 AS DOUBLE) / 100 - 200, 2)`;
      case 'decimal':
        return `CAST(CAST(${h} % 100000 AS DOUBLE) / 100 - 200 AS DECIMAL(${type.precision},${type.scale}))`;
      case 'string':
      case 'char':
      case 'varchar':
        return `CASE ${h} % 10 WHEN 0 THEN 'n/a' WHEN 1 THEN '' WHEN 2 THEN CAST(CAST(${h} % 500 AS INTEGER) AS VARCHAR) ELSE ${decimalText} END`;
      case 'boolean':
        return `${h} % 2 = 0`;
      case 'binary':
        return `CAST(CAST(i AS VARCHAR) AS BLOB)`;
      case 'date':
        return `DATE '2026-01-01' + CAST(${h} % 365 AS INTEGER)`;
      case 'timestamp':
      case 'timestamp_ntz':
        return `TIMESTAMP '2026-01-01 00:00:00' + to_seconds(CAST(${h} % 31536000 AS BIGINT))`;
      default:
        return 'NULL';
    }
  })();
  return `CASE WHEN hash(i, $1::BIGINT, -${position + 1}) % 50 = 0 THEN NULL ELSE ${value} END`;
}

/**
 * The cast as Spark's `try_cast` does it, where DuckDB's TRY_CAST differs: to an integer type Spark
 * truncates fractions toward zero (DuckDB rounds) and accepts only whole-number text ('21.5' gives
 * NULL; DuckDB would round it to 22).
 */
function sparkTryCastSql(column: string, from: SparkType, to: SparkType, toDuck: string): string {
  const integralTarget = to.kind === 'byte' || to.kind === 'short' || to.kind === 'int' || to.kind === 'long';
  if (integralTarget && (from.kind === 'string' || from.kind === 'char' || from.kind === 'varchar')) {
    return `CASE WHEN regexp_full_match(trim(${column}), '[+-]?[0-9]+') THEN TRY_CAST(trim(${column}) AS ${toDuck}) END`;
  }
  if (integralTarget && (from.kind === 'float' || from.kind === 'double' || from.kind === 'decimal')) {
    return `TRY_CAST(trunc(${column}) AS ${toDuck})`;
  }
  return `TRY_CAST(${column} AS ${toDuck})`;
}

const optionsSchema = z.strictObject({
  rows: z.number().int().min(10, 'Use at least 10 rows.').max(100_000, 'The cast demo runs on at most 100,000 rows.').default(1_000),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
});
export type CastDemoOptions = z.input<typeof optionsSchema>;

export interface CastDemoColumn {
  name: string;
  from: SparkType;
  to: SparkType;
  /** Non-NULL incoming values that the cast turned into NULL. */
  nulled: number;
  /** Some of those values, as text. */
  examples: string[];
  /** Values the cast kept but changed (rounded, truncated), and some of them as `before → after`. */
  changed: number;
  changedExamples: string[];
}

export interface CastDemoResult {
  rows: number;
  /** Rows the MERGE inserted into the table after the cast. */
  merged: number;
  columns: CastDemoColumn[];
  /** Conflicting columns the demo leaves out (nested or complex types). */
  skipped: string[];
  sql: string[];
  params: StepParam[][];
}

/**
 * Applies the "cast the source" fix in DuckDB: generates incoming rows of the new types for the
 * top-level columns whose types differ, MERGEs them into a table of the table's types through the
 * cast Spark's `try_cast` would do, and reports which values it turned into NULL or changed.
 */
export async function runCastDemo(engine: SqlEngine, current: StructType, update: StructType, input: CastDemoOptions = {}): Promise<CastDemoResult> {
  const {rows, seed} = parseOptions(optionsSchema, input, 'runCastDemo');
  const incoming = new Map(update.fields.map((field) => [field.name.toLowerCase(), field]));
  const columns: {name: string; from: SparkType; to: SparkType; fromDuck: string; toDuck: string}[] = [];
  const skipped: string[] = [];
  for (const field of current.fields) {
    const source = incoming.get(field.name.toLowerCase());
    if (!source || sameType(source.type, field.type)) {
      continue;
    }
    const fromDuck = isAtomic(source.type) ? duckType(source.type) : undefined;
    const toDuck = isAtomic(field.type) ? duckType(field.type) : undefined;
    if (fromDuck && toDuck) {
      columns.push({name: field.name, from: source.type, to: field.type, fromDuck, toDuck});
    } else {
      skipped.push(`${field.name} (${sqlTypeName(source.type)} → ${sqlTypeName(field.type)})`);
    }
  }
  const log = new StepLog(engine);
  const q = quoteIdentifier;
  if (columns.length === 0) {
    return {rows, merged: 0, columns: [], skipped, sql: log.sql, params: log.params};
  }
  await log.rows(
    `CREATE OR REPLACE TABLE ${q(incomingTable)} AS\nSELECT\n  i AS row_id,\n  ${columns.map((column, position) => `CAST(${generatedValueSql(column.from, position)} AS ${column.fromDuck}) AS ${q(column.name)}`).join(',\n  ')}\nFROM range($2::BIGINT) AS t(i)`,
    [seed, rows],
  );
  await log.rows(`CREATE OR REPLACE TABLE ${q(targetTable)} (row_id BIGINT, ${columns.map((column) => `${q(column.name)} ${column.toDuck}`).join(', ')})`);
  const merge = await log.table(
    `MERGE INTO ${q(targetTable)} AS t
USING (
  SELECT row_id, ${columns.map((column) => `${sparkTryCastSql(q(column.name), column.from, column.to, column.toDuck)} AS ${q(column.name)}`).join(', ')}
  FROM ${q(incomingTable)}
) AS s
ON t.row_id = s.row_id
WHEN NOT MATCHED THEN INSERT (row_id, ${columns.map((column) => q(column.name)).join(', ')}) VALUES (s.row_id, ${columns.map((column) => `s.${q(column.name)}`).join(', ')})
RETURNING merge_action`,
  );
  const results: CastDemoColumn[] = [];
  for (const column of columns) {
    const row = await log.one(
      `WITH pairs AS (
  SELECT i.${q(column.name)} AS before, t.${q(column.name)} AS after
  FROM ${q(incomingTable)} AS i JOIN ${q(targetTable)} AS t USING (row_id)
)
SELECT
  count(*) FILTER (WHERE before IS NOT NULL AND after IS NULL) AS nulled,
  coalesce(list(DISTINCT CAST(before AS VARCHAR)) FILTER (WHERE before IS NOT NULL AND after IS NULL), []) AS examples,
  count(*) FILTER (WHERE after IS NOT NULL AND CAST(after AS ${column.fromDuck}) IS DISTINCT FROM before) AS changed,
  coalesce(list(DISTINCT CAST(before AS VARCHAR) || ' → ' || CAST(after AS VARCHAR)) FILTER (WHERE after IS NOT NULL AND CAST(after AS ${column.fromDuck}) IS DISTINCT FROM before), []) AS changed_examples
FROM pairs`,
    );
    const texts = (value: unknown) => Array.from((value ?? []) as Iterable<unknown>, String).sort().slice(0, 8);
    results.push({
      name: column.name,
      from: column.from,
      to: column.to,
      nulled: num(row, 'nulled'),
      examples: texts(row.examples),
      changed: num(row, 'changed'),
      changedExamples: texts(row.changed_examples),
    });
  }
  return {rows, merged: merge.numRows, columns: results, skipped, sql: log.sql, params: log.params};
}
