import {quoteIdentifier} from '../sql/quote';
import {sampleClause, type SampleSize} from './options';
import {sqlString} from '../sql/literal';
import {num, optionalNum, str, type Row, type StepLog, type StepParam} from '../lab/step';
import {castSql, castTypeFor, failureSql, inferJsonFields, jsonObjectSql, valueTypes, type CastType, type ValueType} from './value-types';

/**
 * Which events a profile reads: a seeded sample of the whole source, or every event of a batch
 * (a time range, bounds optional).
 */
export type ProfileScope =
  | {kind: 'sample'; source: string; mapColumn: string; sampleClause: string}
  | {kind: 'batch'; source: string; mapColumn: string; timeColumn: string; from: string | null; to: string | null};

/** The sampled scope most steps profile: the source's map column under the step's sample clause. */
export function sampleScope(options: {source: string; mapColumn: string; sample: SampleSize; seed: number}): ProfileScope {
  return {
    kind: 'sample',
    source: options.source,
    mapColumn: options.mapColumn,
    sampleClause: sampleClause(options.sample, options.seed),
  };
}

/** The temporary table `withSampleTable` keeps a sample in while a plan profiles it. */
export const planSampleTable = 'flatten_plan_sample';

/**
 * Draws the seeded sample once into a temporary table and runs `work` on a scope reading it, so the
 * profile and the JSON inference read the stored sample instead of each sampling the whole source
 * again. The sample is drawn over row ids, which cost almost nothing to scan, and the maps are read
 * through a semi-join on the sampled ids instead of sampling the map column itself. The reservoir
 * and its seed see the same rows in the same order either way, so they pick the same rows (a unit
 * test checks it).
 * `source` must be a table (views have no row ids).
 */
export async function withSampleTable<T>(
  log: StepLog,
  options: {source: string; mapColumn: string; sample: SampleSize; seed: number},
  work: (scope: ProfileScope) => Promise<T>,
): Promise<T> {
  const table = quoteIdentifier(planSampleTable);
  const source = quoteIdentifier(options.source);
  await log.rows(`CREATE OR REPLACE TEMP TABLE ${table} AS
SELECT ${quoteIdentifier(options.mapColumn)}
FROM ${source}
WHERE rowid IN (SELECT rowid FROM ${source} ${sampleClause(options.sample, options.seed)})`);
  try {
    return await work({kind: 'sample', source: planSampleTable, mapColumn: options.mapColumn, sampleClause: ''});
  } finally {
    await log.rows(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** What one key's values look like in the scope. */
export interface KeyProfile {
  key: string;
  /** Events carrying the key (a map holds a key at most once). */
  events: number;
  /** Of those, the events whose value is not NULL. */
  nonNull: number;
  /** Non-null values each type fails on. */
  failures: Record<ValueType, number>;
  /** The earliest and latest event time carrying the key (batch scopes only). */
  firstSeenMs: number | null;
  lastSeenMs: number | null;
}

/** Profiles of every key in a scope, and how many events the scope held. */
export interface ScopeProfile {
  scannedRows: number;
  keys: KeyProfile[];
}

/** The WHERE clause of a batch (empty without bounds) and its parameters. */
export function batchFilter(timeColumn: string, from: string | null, to: string | null): {sql: string; params: StepParam[]} {
  const time = quoteIdentifier(timeColumn);
  const conditions: string[] = [];
  const params: StepParam[] = [];
  if (from !== null) {
    conditions.push(`${time} >= ?::TIMESTAMP`);
    params.push(from);
  }
  if (to !== null) {
    conditions.push(`${time} < ?::TIMESTAMP`);
    params.push(to);
  }
  return {sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params};
}

/** The CTEs `<scope>` (the events read) and `entries` (their key/value pairs). */
function scopeCtes(scope: ProfileScope): {sql: string; name: string; params: StepParam[]} {
  const map = quoteIdentifier(scope.mapColumn);
  const source = quoteIdentifier(scope.source);
  const entries = `entries AS (
  SELECT
    unnest(map_keys(${map})) AS key,
    unnest(map_values(${map})) AS value${scope.kind === 'batch' ? `,\n    ${quoteIdentifier(scope.timeColumn)} AS seen_at` : ''}
  FROM ${scope.kind === 'sample' ? 'sampled' : 'batch'}
)`;
  if (scope.kind === 'sample') {
    return {
      name: 'sampled',
      params: [],
      sql: `WITH sampled AS (
  SELECT ${map}
  FROM ${source}${scope.sampleClause ? `\n  ${scope.sampleClause}` : ''}
),
${entries}`,
    };
  }
  const filter = batchFilter(scope.timeColumn, scope.from, scope.to);
  return {
    name: 'batch',
    params: filter.params,
    sql: `WITH batch AS (
  SELECT ${map}, ${quoteIdentifier(scope.timeColumn)}
  FROM ${source}${filter.sql ? `\n  ${filter.sql}` : ''}
),
${entries}`,
  };
}

/**
 * One aggregation over the scope's key/value pairs: per key, the events carrying it, its non-null
 * values and how many of them each type fails on. One pass, not one query per key.
 */
export function profileSql(scope: ProfileScope): {sql: string; params: StepParam[]} {
  const ctes = scopeCtes(scope);
  const failureColumns = valueTypes
    .filter((type) => type !== 'string')
    .map((type) => `  count(value) FILTER (WHERE ${failureSql(type, 'value')}) AS ${type}_failures`);
  const seen = scope.kind === 'batch' ? ['  min(seen_at) AS first_seen', '  max(seen_at) AS last_seen'] : [];
  return {
    params: ctes.params,
    sql: `${ctes.sql}
SELECT
  key,
  (SELECT count(*) FROM ${ctes.name}) AS scanned_rows,
  count(*) AS events,
  count(value) AS non_null,
${[...failureColumns, ...seen].join(',\n')}
FROM entries
GROUP BY key
ORDER BY key`,
  };
}

function profileFromRow(row: Row): KeyProfile {
  const failures = {string: 0} as Record<ValueType, number>;
  for (const type of valueTypes) {
    if (type !== 'string') {
      failures[type] = num(row, `${type}_failures`);
    }
  }
  return {
    key: str(row, 'key'),
    events: num(row, 'events'),
    nonNull: num(row, 'non_null'),
    failures,
    firstSeenMs: optionalNum(row, 'first_seen'),
    lastSeenMs: optionalNum(row, 'last_seen'),
  };
}

/** Runs the profile of a scope. */
export async function profileScope(log: StepLog, scope: ProfileScope): Promise<ScopeProfile> {
  const {sql, params} = profileSql(scope);
  const rows = await log.rows(sql, params);
  return {scannedRows: rows[0] ? num(rows[0], 'scanned_rows') : 0, keys: rows.map(profileFromRow)};
}

/** The share of a key's non-null values `type` fails on (0 for a key with none). */
export function failureShareOf(profile: KeyProfile, type: ValueType): number {
  return profile.nonNull === 0 ? 0 : profile.failures[type] / profile.nonNull;
}

/**
 * The first type in `valueTypes` that at most `maxFailureShare` of the non-null values fail on;
 * `string` when none does, or when every value is NULL (no evidence for anything narrower).
 */
export function chooseType(profile: KeyProfile, maxFailureShare: number): ValueType {
  if (profile.nonNull === 0) {
    return 'string';
  }
  return valueTypes.find((type) => failureShareOf(profile, type) <= maxFailureShare) ?? 'string';
}

/** How many distinct JSON texts per key the STRUCT inference reads. */
const jsonSamplesPerKey = 1_000;

/**
 * Infers the STRUCT of each JSON key from distinct object texts in the scope (up to 1,000 per key,
 * picked by hash so the pick does not favour a prefix), and returns each key's cast.
 */
export async function jsonCastTypes(log: StepLog, scope: ProfileScope, keys: readonly string[]): Promise<Map<string, CastType>> {
  const casts = new Map<string, CastType>();
  if (keys.length === 0) {
    return casts;
  }
  const ctes = scopeCtes(scope);
  const rows = await log.rows(
    `${ctes.sql}
SELECT key, value
FROM entries
WHERE key IN (${keys.map(() => '?').join(', ')})
  AND ${jsonObjectSql('value')}
GROUP BY key, value
QUALIFY row_number() OVER (PARTITION BY key ORDER BY hash(value), value) <= ${jsonSamplesPerKey}
ORDER BY key, hash(value), value`,
    [...ctes.params, ...keys],
  );
  for (const key of keys) {
    const texts = rows.filter((row) => row.key === key).map((row) => str(row, 'value'));
    casts.set(key, castTypeFor('json', inferJsonFields(texts)));
  }
  return casts;
}

/** A key's value in a row of the source: element access on the map, NULL when the key is absent. */
export function rawSql(mapColumn: string, key: string): string {
  return `${quoteIdentifier(mapColumn)}[${sqlString(key)}]`;
}

/** A key to cast: its column name and type. */
export interface CastColumn {
  key: string;
  column: string;
  cast: CastType;
}

/** Per column: non-null raw values and the values TRY_CAST turned into NULL. */
export interface CastCount {
  column: string;
  values: number;
  failed: number;
}

/**
 * Counts, in one pass over `table`, the non-null values of each key and how many of them the
 * typed expression turned into NULL. Aliases hold a space, so no `ext_` column name can collide.
 */
export async function countCastFailures(
  log: StepLog,
  table: string,
  mapColumn: string,
  columns: readonly CastColumn[],
): Promise<{rows: number; counts: CastCount[]}> {
  const selects = columns.flatMap(({key, column, cast}) => {
    const raw = rawSql(mapColumn, key);
    return [
      `  count(${raw}) AS ${quoteIdentifier(`${column} values`)}`,
      `  count(${raw}) FILTER (WHERE ${castSql(cast, raw)} IS NULL) AS ${quoteIdentifier(`${column} failed`)}`,
    ];
  });
  const row = await log.one(`SELECT
  count(*) AS row_count${selects.length > 0 ? `,\n${selects.join(',\n')}` : ''}
FROM ${quoteIdentifier(table)}`);
  return {
    rows: num(row, 'row_count'),
    counts: columns.map(({column}) => ({column, values: num(row, `${column} values`), failed: num(row, `${column} failed`)})),
  };
}
