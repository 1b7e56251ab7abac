import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {assignColumnNames} from './naming';
import {parseStepOptions, seedSchema, type StepInput} from '../lab/options';
import {failureShareSchema, keyListSchema, sampleSchema, sourceShape, type SampleSize} from './options';
import {chooseType, countCastFailures, failureShareOf, jsonCastTypes, profileScope, sampleScope} from './profile';
import {StepLog, share, timed, type StepResult} from '../lab/step';
import {sourceColumns} from './tables';
import {castTypeFor, valueTypes, type JsonField, type ValueType} from './value-types';

const inferSchema = z.strictObject({
  ...sourceShape,
  sample: sampleSchema.default({rows: 10_000}),
  seed: seedSchema.default(42),
  maxFailureShare: failureShareSchema.default(0.05),
  /** Only these keys; every key in the sample when absent. */
  keys: keyListSchema.optional(),
});

/** Options of step 4: a sample (10,000 rows, seed 42) and the failure share a type may have (5%). */
export type InferTypesOptions = StepInput<typeof inferSchema>;

/** How one candidate type fared on a key's sampled values. */
export interface TypeCandidate {
  type: ValueType;
  /** Non-null sampled values that do not fit the type, and their share. */
  failures: number;
  failureShare: number;
}

/** One key's inferred type. */
export interface InferredKey {
  key: string;
  column: string;
  /** Sampled events carrying the key, and how many of those values were not NULL. */
  sampleEvents: number;
  sampleValues: number;
  /** Every candidate in `valueTypes` order (most specific first). */
  candidates: TypeCandidate[];
  /** The first candidate within `maxFailureShare`; `string` when none is. */
  chosen: ValueType;
  sqlType: string;
  /** The STRUCT's fields for a JSON key. */
  fields: JsonField[];
  /** The final TRY_CAST over the whole source: non-null values, and those it turned into NULL. */
  cast: {values: number; failed: number; failureShare: number};
}

/** Step 4's result. */
export interface InferTypesResult extends StepResult {
  sample: {size: SampleSize; seed: number; rows: number};
  maxFailureShare: number;
  keys: InferredKey[];
}

/**
 * Step 4: profiles every key's sampled values in one aggregation (the share of values each
 * candidate type fails on), fixes each key's type once, then casts the whole source with TRY_CAST,
 * which turns a value that does not fit into NULL instead of failing the job as a plain CAST
 * does under ANSI mode, and counts those NULLs per key.
 */
export async function inferTypes(engine: SqlEngine, input: InferTypesOptions = {}): Promise<InferTypesResult> {
  const {options, now} = parseStepOptions(inferSchema, input, 'inferTypes');
  const log = new StepLog(engine);
  const {value, elapsedMs} = await timed(now, async () => {
    const base = (await sourceColumns(log, options.source, options.mapColumn)).map((column) => column.name);
    const scope = sampleScope(options);
    const profile = await profileScope(log, scope);
    const wanted = options.keys ? new Set(options.keys) : null;
    const profiles = profile.keys.filter((key) => wanted === null || wanted.has(key.key));
    const chosen = new Map(profiles.map((key) => [key.key, chooseType(key, options.maxFailureShare)]));
    const jsonCasts = await jsonCastTypes(
      log,
      scope,
      profiles.filter((key) => chosen.get(key.key) === 'json').map((key) => key.key),
    );
    const names = assignColumnNames(
      profiles.map((key) => key.key),
      base,
    );
    const columns = profiles.map((key) => ({
      key: key.key,
      column: names.get(key.key)!,
      cast: jsonCasts.get(key.key) ?? castTypeFor(chosen.get(key.key) ?? 'string'),
    }));
    const casts = await countCastFailures(log, options.source, options.mapColumn, columns);
    return {profile, profiles, columns, casts};
  });
  return {
    step: 4,
    title: "Infer each key's type once, cast with TRY_CAST",
    sql: log.sql,
    params: log.params,
    metrics: {rowsIn: value.casts.rows, rowsOut: value.columns.length, columns: value.columns.length, elapsedMs},
    sample: {size: options.sample, seed: options.seed, rows: value.profile.scannedRows},
    maxFailureShare: options.maxFailureShare,
    keys: value.profiles.map((profile, index): InferredKey => {
      const {column, cast} = value.columns[index]!;
      const counted = value.casts.counts[index]!;
      return {
        key: profile.key,
        column,
        sampleEvents: profile.events,
        sampleValues: profile.nonNull,
        candidates: valueTypes.map((type) => ({type, failures: profile.failures[type], failureShare: failureShareOf(profile, type)})),
        chosen: cast.type,
        sqlType: cast.sqlType,
        fields: cast.fields,
        cast: {values: counted.values, failed: counted.failed, failureShare: share(counted.failed, counted.values)},
      };
    }),
  };
}
