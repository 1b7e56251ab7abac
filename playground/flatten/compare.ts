import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {naiveFlattenSql} from './naive';
import {failureShareSchema, identifierSchema, parseStepOptions, sampleSchema, seedSchema, sourceShape, type StepInput} from './options';
import {flattenSql, planFlatten, type FlattenPlan} from './plan';
import {StepLog, num, optionalNum, timed} from './step';
import {tableColumns} from './tables';

const compareSchema = z.strictObject({
  ...sourceShape,
  idColumn: identifierSchema.default('event_id'),
  sample: sampleSchema.default({rows: 10_000}),
  seed: seedSchema.default(42),
  maxFailureShare: failureShareSchema.default(0.05),
  targetedTable: identifierSchema.default('flat_targeted'),
  naiveTable: identifierSchema.default('flat_naive'),
});

/** Options of `compareFlattenPlans`: the source, the targeted plan's sample and the two tables written. */
export type CompareFlattenOptions = StepInput<typeof compareSchema>;

/** What one plan did, measured on the same data. */
export interface PlanRun {
  /** The statement that materialized the plan's result. */
  sql: string;
  table: string;
  /** Time to plan (targeted: sampled discovery and type inference; naive: none, the PIVOT finds its keys) and to materialize. */
  planMs: number;
  runMs: number;
  /** Rows between the source and the result: the naive plan's key/value pairs, none for the projection. */
  intermediateRows: number;
  outputRows: number;
  /** Intermediate plus output rows. */
  rowsMaterialized: number;
  columns: number;
  /** Bytes a distributed engine would move across the network for this plan, estimated from the data. */
  estimatedShuffleBytes: number;
}

/** The two plans side by side. */
export interface CompareFlattenResult {
  events: number;
  /** Key/value pairs in all maps: the rows an explode produces. */
  pairs: number;
  /** Average widths in bytes of the id, a key and a value (a NULL value counts 0). */
  widths: {id: number; key: number; value: number};
  targeted: PlanRun;
  naive: PlanRun;
  /** The naive plan's time over the targeted plan's, each with the work it does to find the keys. */
  timeRatio: number;
  plan: FlattenPlan;
}

/** Bytes of a fixed-width id; anything else is measured as text. */
const fixedWidths: Record<string, number> = {BIGINT: 8, UBIGINT: 8, INTEGER: 4, UINTEGER: 4, HUGEINT: 16, UUID: 16};

/**
 * Runs the targeted plan and the naive explode-and-pivot on the same source and measures both.
 * Each finds the keys its own way: the targeted plan from a sample, the naive PIVOT (like Spark's
 * pivot without a value list) with a first query over all the data.
 *
 * Shuffle estimates follow how Spark plans each one. The targeted plan is a per-row projection:
 * nothing crosses the network. Spark resolves `groupBy(id).pivot(key, values).agg(first(value))`
 * into two aggregations, by (id, key) and then by id; every (id, key) pair is unique, so partial
 * aggregation removes nothing and all exploded rows go through the first exchange. The estimate
 * counts that exchange's payload, pairs × (id + key + value bytes), before compression and
 * UnsafeRow overhead, and leaves out the smaller second exchange: it is a lower bound.
 */
export async function compareFlattenPlans(engine: SqlEngine, input: CompareFlattenOptions = {}): Promise<CompareFlattenResult> {
  const {options, now} = parseStepOptions(compareSchema, input, 'compareFlattenPlans');
  const log = new StepLog(engine);
  const source = quoteIdentifier(options.source);
  const map = quoteIdentifier(options.mapColumn);
  const id = quoteIdentifier(options.idColumn);

  const columns = await tableColumns(log, options.source);
  const idType = columns.find((column) => column.name.toLowerCase() === options.idColumn.toLowerCase())?.type;
  if (!idType) {
    throw new RangeError(`compareFlattenPlans: table ${JSON.stringify(options.source)} has no column ${JSON.stringify(options.idColumn)}.`);
  }
  const stats = await log.one(
    `SELECT
  count(*) AS events,
  coalesce(sum(cardinality(${map})), 0)::BIGINT AS pairs,
  coalesce(sum(list_sum(list_transform(map_keys(${map}), k -> strlen(k)))), 0)::BIGINT AS key_bytes,
  coalesce(sum(list_sum(list_transform(map_values(${map}), v -> coalesce(strlen(v), 0)))), 0)::BIGINT AS value_bytes,
  avg(strlen(CAST(${id} AS VARCHAR))) AS id_text_bytes
FROM ${source}`,
  );
  const events = num(stats, 'events');
  const pairs = num(stats, 'pairs');
  const widths = {
    id: fixedWidths[idType] ?? optionalNum(stats, 'id_text_bytes') ?? 0,
    key: pairs === 0 ? 0 : num(stats, 'key_bytes') / pairs,
    value: pairs === 0 ? 0 : num(stats, 'value_bytes') / pairs,
  };

  const plan = await planFlatten(engine, {
    source: options.source,
    mapColumn: options.mapColumn,
    sample: options.sample,
    seed: options.seed,
    maxFailureShare: options.maxFailureShare,
    now,
  });
  const targetedSql = `CREATE OR REPLACE TABLE ${quoteIdentifier(options.targetedTable)} AS\n${flattenSql(plan)}`;
  const naiveSql = `CREATE OR REPLACE TABLE ${quoteIdentifier(options.naiveTable)} AS\n${naiveFlattenSql({
    source: options.source,
    mapColumn: options.mapColumn,
    idColumn: options.idColumn,
  })}`;
  const targetedRun = await timed(now, () => log.rows(targetedSql));
  const naiveRun = await timed(now, () => log.rows(naiveSql));
  const outputs = await log.one(
    `SELECT
  (SELECT count(*) FROM ${quoteIdentifier(options.targetedTable)}) AS targeted_rows,
  (SELECT count(*) FROM ${quoteIdentifier(options.naiveTable)}) AS naive_rows,
  (SELECT count(*) FROM information_schema.columns WHERE table_name = ?) AS naive_columns`,
    [options.naiveTable],
  );
  const targetedRows = num(outputs, 'targeted_rows');
  const naiveRows = num(outputs, 'naive_rows');
  const targetedColumns = plan.baseColumns.length + plan.keys.length;

  const targeted: PlanRun = {
    sql: targetedSql,
    table: options.targetedTable,
    planMs: plan.elapsedMs,
    runMs: targetedRun.elapsedMs,
    intermediateRows: 0,
    outputRows: targetedRows,
    rowsMaterialized: targetedRows,
    columns: targetedColumns,
    estimatedShuffleBytes: 0,
  };
  const naive: PlanRun = {
    sql: naiveSql,
    table: options.naiveTable,
    planMs: 0,
    runMs: naiveRun.elapsedMs,
    intermediateRows: pairs,
    outputRows: naiveRows,
    rowsMaterialized: pairs + naiveRows,
    columns: num(outputs, 'naive_columns'),
    estimatedShuffleBytes: Math.round(pairs * (widths.id + widths.key + widths.value)),
  };
  const targetedTotal = targeted.planMs + targeted.runMs;
  return {
    events,
    pairs,
    widths,
    targeted,
    naive,
    timeRatio: targetedTotal === 0 ? 0 : naive.runMs / targetedTotal,
    plan,
  };
}
