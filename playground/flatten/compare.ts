import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {naiveFlattenSql} from './naive';
import {identifierSchema, parseStepOptions, seedSchema, type StepInput} from '../lab/options';
import {failureShareSchema, sampleSchema, sourceShape} from './options';
import {flattenSql, planFlatten, promoteByCoverage, type FlattenPlan} from './plan';
import {StepLog, num, timed} from '../lab/step';
import {tableColumns} from './tables';

/**
 * The coverage from which the comparison's registry-style run promotes a key: in the generated
 * fleet the keys every machine type sends reach it, the keys of one machine type do not.
 */
export const defaultMinCoverage = 0.2;

const compareSchema = z.strictObject({
  ...sourceShape,
  idColumn: identifierSchema.default('event_id'),
  sample: sampleSchema.default({rows: 10_000}),
  seed: seedSchema.default(42),
  maxFailureShare: failureShareSchema.default(0.05),
  targetedTable: identifierSchema.default('flat_targeted'),
  naiveTable: identifierSchema.default('flat_naive'),
  /** The promotion threshold of the third run: keys at least this share of sampled events carry. */
  minCoverage: z.number().min(0).max(1).default(defaultMinCoverage),
  promotedTable: identifierSchema.default('flat_promoted'),
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

/** The targeted plan restricted to the keys a registry with a coverage threshold promotes. */
export interface PromotedRun extends PlanRun {
  minCoverage: number;
  /** Keys with a column, and the sampled keys left in the map. */
  promotedKeys: string[];
  heldBackKeys: string[];
}

/**
 * Why one plan was faster on this data, from this run's figures: the targeted plan pays for its
 * sampled planning before it writes a row; the naive plan has no such step but does more per event.
 */
export interface CompareVerdict {
  faster: 'naive' | 'targeted';
  naiveMs: number;
  targetedMs: number;
  /** The targeted plan's sampling and planning, and its share of the targeted time. */
  targetedPlanMs: number;
  planShare: number;
  /** Milliseconds per 1,000 events: the naive plan, and the targeted projection alone. */
  naiveMsPerThousand: number;
  projectionMsPerThousand: number;
  /**
   * Events from which the targeted plan would be faster if its planning cost stayed as measured
   * and both runs grew linearly: plan time over what the projection saves per event. Null when
   * the projection saves nothing per event here.
   */
  breakEvenEvents: number | null;
}

/** The two plans side by side. */
export interface CompareFlattenResult {
  events: number;
  /** Key/value pairs in all maps: the rows an explode produces. */
  pairs: number;
  /** Average widths in bytes of the id, a key and a value (a NULL value counts 0). */
  widths: {id: number; key: number; value: number};
  /** Distinct keys in the whole table: the naive pivot's columns. */
  distinctKeys: number;
  /** The rows the naive plan shuffles in Spark (one partial-aggregation row per event with pairs) and their average size. */
  naiveShuffleRows: number;
  naiveShuffleRowBytes: number;
  targeted: PlanRun;
  /** The same plan and sample, promoting only the keys at or above the coverage threshold. */
  promoted: PromotedRun;
  naive: PlanRun;
  verdict: CompareVerdict;
  /** The naive plan's time over the targeted plan's, each with the work it does to find the keys. */
  timeRatio: number;
  plan: FlattenPlan;
}

/** Id types Spark stores in an UnsafeRow's fixed 8-byte slot; any other id adds its bytes. */
const fixedWidthIds = new Set(['BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'UBIGINT', 'UINTEGER', 'DOUBLE', 'TIMESTAMP', 'DATE']);

/**
 * Bytes of the rows the naive plan sends through Spark's exchange, for string values.
 *
 * Spark (3.5, 4.0) resolves `groupBy(id).pivot(key, keys).agg(first(value))` with string values
 * into one aggregation by id holding a `first(if(key = k, value, null))` per key: the two-step
 * PivotFirst plan covers only numeric and boolean values. `first` keeps two buffer fields (the
 * value and whether one is set), string buffers rule out hash aggregation, and a sort-based
 * partial aggregation merges each event's pairs inside its task (they all come from one input
 * row). So one partial row per event crosses the network: an UnsafeRow of 1 + 2 × keys fields,
 * 8 bytes each plus a null bit, and the bytes of its non-null strings rounded up to 8. Before
 * compression, and without the sort of every exploded row each task does first.
 */
function naiveShuffleBytes(eventsWithPairs: number, distinctKeys: number, paddedValueBytes: number, paddedIdBytes: number): number {
  const fields = 1 + 2 * distinctKeys;
  const fixedBytes = 8 * Math.ceil(fields / 64) + 8 * fields;
  return eventsWithPairs * fixedBytes + paddedValueBytes + paddedIdBytes;
}

/** The verdict from the measured times; per-event figures need at least one event. */
export function verdictOf(events: number, targeted: PlanRun, naive: PlanRun): CompareVerdict {
  const naiveMs = naive.planMs + naive.runMs;
  const targetedMs = targeted.planMs + targeted.runMs;
  const perThousand = (ms: number) => (events === 0 ? 0 : (ms / events) * 1_000);
  const savedPerEvent = events === 0 ? 0 : (naive.runMs - targeted.runMs) / events;
  return {
    faster: naiveMs < targetedMs ? 'naive' : 'targeted',
    naiveMs,
    targetedMs,
    targetedPlanMs: targeted.planMs,
    planShare: targetedMs === 0 ? 0 : targeted.planMs / targetedMs,
    naiveMsPerThousand: perThousand(naive.runMs),
    projectionMsPerThousand: perThousand(targeted.runMs),
    breakEvenEvents: savedPerEvent > 0 ? Math.ceil((targeted.planMs - naive.planMs) / savedPerEvent) : null,
  };
}

/**
 * Runs the targeted plan and the naive explode-and-pivot on the same source and measures both.
 * Each finds the keys its own way: the targeted plan from a sample, the naive PIVOT (like Spark's
 * pivot without a value list) with a first query over all the data. The targeted plan is a
 * per-row projection and shuffles nothing; the naive plan's shuffle is `naiveShuffleBytes`.
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
  const padded = (bytes: string) => `((${bytes} + 7) // 8) * 8`;
  const stats = await log.one(
    `SELECT
  count(*) AS events,
  count(*) FILTER (WHERE cardinality(${map}) > 0) AS events_with_pairs,
  coalesce(sum(cardinality(${map})), 0)::BIGINT AS pairs,
  coalesce(sum(list_sum(list_transform(map_keys(${map}), k -> strlen(k)))), 0)::BIGINT AS key_bytes,
  coalesce(sum(list_sum(list_transform(map_values(${map}), v -> coalesce(strlen(v), 0)))), 0)::BIGINT AS value_bytes,
  coalesce(sum(list_sum(list_transform(map_values(${map}), v -> coalesce(${padded('strlen(v)')}, 0)))), 0)::BIGINT AS padded_value_bytes,
  coalesce(avg(strlen(CAST(${id} AS VARCHAR))), 0) AS id_text_bytes,
  coalesce(sum(${padded(`strlen(CAST(${id} AS VARCHAR))`)}) FILTER (WHERE cardinality(${map}) > 0), 0)::BIGINT AS padded_id_bytes,
  (SELECT count(DISTINCT key) FROM (SELECT unnest(map_keys(${map})) AS key FROM ${source})) AS distinct_keys
FROM ${source}`,
  );
  const events = num(stats, 'events');
  const pairs = num(stats, 'pairs');
  const fixedId = fixedWidthIds.has(idType);
  const widths = {
    id: fixedId ? 8 : num(stats, 'id_text_bytes'),
    key: pairs === 0 ? 0 : num(stats, 'key_bytes') / pairs,
    value: pairs === 0 ? 0 : num(stats, 'value_bytes') / pairs,
  };
  const eventsWithPairs = num(stats, 'events_with_pairs');
  const distinctKeys = num(stats, 'distinct_keys');
  const shuffleBytes = naiveShuffleBytes(eventsWithPairs, distinctKeys, num(stats, 'padded_value_bytes'), fixedId ? 0 : num(stats, 'padded_id_bytes'));

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
  const promotedPlan = promoteByCoverage(plan, options.minCoverage);
  const promotedSql = `CREATE OR REPLACE TABLE ${quoteIdentifier(options.promotedTable)} AS\n${flattenSql(promotedPlan)}`;
  const targetedRun = await timed(now, () => log.rows(targetedSql));
  const promotedRun = await timed(now, () => log.rows(promotedSql));
  // The promoted table holds the same rows as the targeted one; only the count is kept, not its memory.
  const promotedRows = num(await log.one(`SELECT count(*) AS promoted_rows FROM ${quoteIdentifier(options.promotedTable)}`), 'promoted_rows');
  await log.rows(`DROP TABLE ${quoteIdentifier(options.promotedTable)}`);
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
    estimatedShuffleBytes: shuffleBytes,
  };
  const promoted: PromotedRun = {
    sql: promotedSql,
    table: options.promotedTable,
    planMs: plan.elapsedMs,
    runMs: promotedRun.elapsedMs,
    intermediateRows: 0,
    outputRows: promotedRows,
    rowsMaterialized: promotedRows,
    columns: plan.baseColumns.length + promotedPlan.keys.length,
    estimatedShuffleBytes: 0,
    minCoverage: options.minCoverage,
    promotedKeys: promotedPlan.keys.map((key) => key.key),
    heldBackKeys: promotedPlan.heldBack.map((key) => key.key),
  };
  const targetedTotal = targeted.planMs + targeted.runMs;
  return {
    events,
    pairs,
    widths,
    distinctKeys,
    naiveShuffleRows: eventsWithPairs,
    naiveShuffleRowBytes: eventsWithPairs === 0 ? 0 : shuffleBytes / eventsWithPairs,
    targeted,
    promoted,
    naive,
    verdict: verdictOf(events, targeted, naive),
    timeRatio: targetedTotal === 0 ? 0 : naive.runMs / targetedTotal,
    plan,
  };
}
