import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {assignColumnNames} from './naming';
import {parseStepOptions, seedSchema, type StepInput} from '../lab/options';
import {failureShareSchema, sampleSchema, sourceShape, type SampleSize} from './options';
import {chooseType, failureShareOf, jsonCastTypes, profileScope, rawSql, withSampleTable} from './profile';
import {StepLog, share, timed, type StepParam} from '../lab/step';
import {projectionSql, sourceColumns} from './tables';
import {castSql, castTypeFor, type JsonField, type ValueType} from './value-types';

const planSchema = z.strictObject({
  ...sourceShape,
  sample: sampleSchema.default({rows: 10_000}),
  seed: seedSchema.default(42),
  maxFailureShare: failureShareSchema.default(0.05),
});

/** Options of `planFlatten`: source, sample (10,000 rows unless given), seed and the failure share a type may have. */
export type PlanFlattenOptions = StepInput<typeof planSchema>;

/** One key of the plan: where it goes and how it is typed. */
export interface PlannedKey {
  key: string;
  /** The target column, `ext_<key>` sanitized to `[0-9a-z_]` and unique in the table. */
  column: string;
  type: ValueType;
  /** The column's DuckDB type; for a JSON key the STRUCT its objects are cast to. */
  sqlType: string;
  /** The STRUCT's fields for a JSON key, empty otherwise. */
  fields: JsonField[];
  /** Share of sampled events that carry the key. */
  coverage: number;
  /** Share of the key's sampled non-null values the chosen type fails on (they become NULL). */
  failureShare: number;
}

/** The targeted plan: discovery and type inference on a sample, ready for `flattenSql`. */
export interface FlattenPlan {
  source: string;
  mapColumn: string;
  /** The source's columns, kept as they are (the map included, so no key is ever lost). */
  baseColumns: string[];
  sample: {size: SampleSize; seed: number; rows: number};
  maxFailureShare: number;
  /** Keys in key order; columns follow this order. */
  keys: PlannedKey[];
  /** The statements planning ran, and their parameters. */
  sql: string[];
  params: StepParam[][];
  elapsedMs: number;
}

/**
 * Plans the targeted flattening: samples the source, profiles every key's values in one pass,
 * picks each key's type, infers JSON keys' STRUCTs and names the columns.
 */
export async function planFlatten(engine: SqlEngine, input: PlanFlattenOptions = {}): Promise<FlattenPlan> {
  const {options, now} = parseStepOptions(planSchema, input, 'planFlatten');
  const log = new StepLog(engine);
  const {value, elapsedMs} = await timed(now, async () => {
    const columns = await sourceColumns(log, options.source, options.mapColumn);
    const {profile, types, jsonCasts} = await withSampleTable(log, options, async (scope) => {
      const sampled = await profileScope(log, scope);
      const chosen = new Map(sampled.keys.map((key) => [key.key, chooseType(key, options.maxFailureShare)]));
      const jsonKeys = sampled.keys.filter((key) => chosen.get(key.key) === 'json').map((key) => key.key);
      return {profile: sampled, types: chosen, jsonCasts: await jsonCastTypes(log, scope, jsonKeys)};
    });
    const baseColumns = columns.map((column) => column.name);
    const names = assignColumnNames(
      profile.keys.map((key) => key.key),
      baseColumns,
    );
    const keys = profile.keys.map((key): PlannedKey => {
      const cast = jsonCasts.get(key.key) ?? castTypeFor(types.get(key.key) ?? 'string');
      return {
        key: key.key,
        column: names.get(key.key)!,
        type: cast.type,
        sqlType: cast.sqlType,
        fields: cast.fields,
        coverage: share(key.events, profile.scannedRows),
        failureShare: failureShareOf(key, cast.type),
      };
    });
    return {baseColumns, keys, sampleRows: profile.scannedRows};
  });
  return {
    source: options.source,
    mapColumn: options.mapColumn,
    baseColumns: value.baseColumns,
    sample: {size: options.sample, seed: options.seed, rows: value.sampleRows},
    maxFailureShare: options.maxFailureShare,
    keys: value.keys,
    sql: log.sql,
    params: log.params,
    elapsedMs,
  };
}

/** A plan narrowed to the keys a registry with a coverage threshold would promote. */
export interface PromotedPlan extends FlattenPlan {
  /** The share of sampled events a key must appear in to get its own column. */
  minCoverage: number;
  /** Keys the sample saw below the threshold: they get no column and stay readable in the map column, which every plan keeps. */
  heldBack: PlannedKey[];
}

/**
 * The plan with only the keys at least `minCoverage` of the sampled events carry, as a key
 * registry that promotes by coverage would: rare keys stay in the map (element access still reads
 * them) until enough events carry them. Nothing is lost: the map column stays in the table.
 */
export function promoteByCoverage(plan: FlattenPlan, minCoverage: number): PromotedPlan {
  if (!(minCoverage >= 0 && minCoverage <= 1)) {
    throw new RangeError(`promoteByCoverage: minCoverage must be a share between 0 and 1, got ${minCoverage}.`);
  }
  return {
    ...plan,
    keys: plan.keys.filter((key) => key.coverage >= minCoverage),
    minCoverage,
    heldBack: plan.keys.filter((key) => key.coverage < minCoverage),
  };
}

/** How `flattenSql` renders the key columns. */
export interface FlattenSqlOptions {
  /**
   * `true` (the default): each column TRY_CAST to its type. `false`: the raw VARCHAR values from
   * element access, which is what the naive plan produces, for comparing the two.
   */
  typed?: boolean;
}

/**
 * The targeted flattening as one SELECT: the base columns, then one column per key by element
 * access (`map['key']`, NULL when absent) and TRY_CAST. A per-row projection: no explosion, no
 * re-aggregation, so in Spark no shuffle.
 */
export function flattenSql(plan: FlattenPlan, options: FlattenSqlOptions = {}): string {
  const typed = options.typed ?? true;
  return projectionSql(
    plan.source,
    plan.baseColumns,
    plan.keys.map((key) => {
      const raw = rawSql(plan.mapColumn, key.key);
      return {column: key.column, expression: typed ? castSql({type: key.type, sqlType: key.sqlType, fields: key.fields}, raw) : raw};
    }),
  );
}
