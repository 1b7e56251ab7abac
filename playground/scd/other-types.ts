import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {StepLog, timed, type Clock, type StepParam} from '../lab/step';
import {mergeScd2, rowHashSql, type ScdMergeResult} from './scd2';
import {parseScdSpec, scdColumns, type ScdSpec, type ScdSpecInput} from './spec';

/** What a type 1, 3 or 6 load did. */
export interface ScdLoadResult {
  inserted: number;
  updated: number;
  deleted: number;
  sql: string[];
  params: StepParam[][];
  elapsedMs: number;
}

/** The column holding a tracked column's previous value (type 3 and 6). */
export function previousColumn(column: string): string {
  return `previous_${column}`;
}

/** The column holding a tracked column's current value on every version (type 6). */
export function currentColumn(column: string): string {
  return `current_${column}`;
}

/**
 * The batch's latest change per key, deletes included, as `latest` (one row per key): the state a
 * type 1 or type 3 table ends in. Exact repeats are one change.
 */
function latestChangeSql(spec: ScdSpec, deleteParam: string): string {
  const q = quoteIdentifier;
  return `SELECT
    ${q(spec.naturalKey)},
    CAST(${q(spec.changedAt)} AS TIMESTAMP) AS event_at,
    ${q(spec.operation)} = ${deleteParam} AS is_delete,
    ${spec.trackedColumns.map(q).join(', ')},
    ${rowHashSql(spec)} AS row_hash
  FROM ${q(spec.batch)}
  QUALIFY row_number() OVER (PARTITION BY ${q(spec.naturalKey)} ORDER BY ${q(spec.changedAt)} DESC, ${q(spec.sequence)} DESC) = 1`;
}

function countActions(rows: readonly Record<string, unknown>[]): Pick<ScdLoadResult, 'inserted' | 'updated' | 'deleted'> {
  const count = (action: string) => rows.filter((row) => row.merge_action === action).length;
  return {inserted: count('INSERT'), updated: count('UPDATE'), deleted: count('DELETE')};
}

/**
 * Type 1: one row per key holding its latest values; a change overwrites, a delete removes the
 * row. A change older than the row's `updated_at` is ignored: overwriting with it would bring old
 * values back.
 */
export async function mergeScd1(engine: SqlEngine, input: ScdSpecInput = {}, now?: Clock): Promise<ScdLoadResult> {
  const spec = parseScdSpec(input, 'mergeScd1');
  const q = quoteIdentifier;
  const log = new StepLog(engine);
  const tracked = spec.trackedColumns.map(q);
  const key = q(spec.naturalKey);
  const {value, elapsedMs} = await timed(now ?? (() => performance.now()), async () => {
    await log.rows(`CREATE TABLE IF NOT EXISTS ${q(spec.dimension)} AS
SELECT ${key}, ${tracked.join(', ')}, CAST(${q(spec.changedAt)} AS TIMESTAMP) AS updated_at, ''::VARCHAR AS row_hash
FROM ${q(spec.batch)}
LIMIT 0`);
    const actions = await log.rows(
      `MERGE INTO ${q(spec.dimension)} AS d
USING (${latestChangeSql(spec, '?')}) AS s
ON d.${key} = s.${key}
WHEN MATCHED AND s.event_at > d.updated_at AND s.is_delete THEN DELETE
WHEN MATCHED AND s.event_at > d.updated_at AND s.row_hash <> d.row_hash THEN UPDATE SET
  ${tracked.map((column) => `${column} = s.${column}`).join(',\n  ')},
  updated_at = s.event_at,
  row_hash = s.row_hash
WHEN NOT MATCHED AND NOT s.is_delete THEN INSERT (${key}, ${tracked.join(', ')}, updated_at, row_hash)
  VALUES (s.${key}, ${tracked.map((column) => `s.${column}`).join(', ')}, s.event_at, s.row_hash)
RETURNING merge_action`,
      [spec.deleteValue],
    );
    return countActions(actions);
  });
  return {...value, sql: log.sql, params: log.params, elapsedMs};
}

/**
 * Type 3: one row per key with its current values and, per tracked column, the value before the
 * last change (`previous_<column>`). The batch's changes newer than the row apply in time order;
 * a change that alters nothing is skipped, so `previous_` always differs from the current state.
 * A delete as the latest change removes the row.
 */
export async function mergeScd3(engine: SqlEngine, input: ScdSpecInput = {}, now?: Clock): Promise<ScdLoadResult> {
  const spec = parseScdSpec(input, 'mergeScd3');
  const q = quoteIdentifier;
  const log = new StepLog(engine);
  const tracked = spec.trackedColumns.map(q);
  const previous = spec.trackedColumns.map((column) => q(previousColumn(column)));
  const key = q(spec.naturalKey);
  const dim = q(spec.dimension);
  const {value, elapsedMs} = await timed(now ?? (() => performance.now()), async () => {
    await log.rows(`CREATE TABLE IF NOT EXISTS ${dim} AS
SELECT ${key}, ${tracked.join(', ')}, ${tracked.map((column, index) => `${column} AS ${previous[index]}`).join(', ')},
  CAST(${q(spec.changedAt)} AS TIMESTAMP) AS updated_at, ''::VARCHAR AS row_hash
FROM ${q(spec.batch)}
LIMIT 0`);
    const actions = await log.rows(
      `MERGE INTO ${dim} AS d
USING (
  WITH changes AS (
    SELECT ${key}, CAST(${q(spec.changedAt)} AS TIMESTAMP) AS event_at, ${q(spec.operation)} = ? AS is_delete,
      ${tracked.join(', ')}, ${rowHashSql(spec)} AS row_hash, 1 AS origin
    FROM ${q(spec.batch)}
    QUALIFY row_number() OVER (PARTITION BY ${key}, ${q(spec.changedAt)} ORDER BY ${q(spec.sequence)} DESC) = 1
  ),
  timeline AS (
    SELECT c.* FROM changes AS c LEFT JOIN ${dim} AS e ON e.${key} = c.${key}
    WHERE e.updated_at IS NULL OR c.event_at > e.updated_at
    UNION ALL
    SELECT e.${key}, e.updated_at, false, ${tracked.map((column) => `e.${column}`).join(', ')}, e.row_hash, 0
    FROM ${dim} AS e WHERE e.${key} IN (SELECT ${key} FROM changes)
  ),
  judged AS (
    SELECT *, CASE WHEN is_delete THEN 'DELETED' ELSE row_hash END AS state,
      coalesce(lag(CASE WHEN is_delete THEN 'DELETED' ELSE row_hash END) OVER (PARTITION BY ${key} ORDER BY event_at, origin), 'DELETED') AS previous_state
    FROM timeline
  ),
  kept AS (
    SELECT *,
      ${tracked.map((column, index) => `lag(${column}) OVER (PARTITION BY ${key} ORDER BY event_at, origin) AS ${previous[index]}`).join(',\n      ')},
      row_number() OVER (PARTITION BY ${key} ORDER BY event_at DESC, origin DESC) = 1 AS is_last
    FROM judged
    WHERE origin = 0 OR state <> previous_state
  )
  SELECT * FROM kept WHERE is_last AND origin = 1
) AS s
ON d.${key} = s.${key}
WHEN MATCHED AND s.is_delete THEN DELETE
WHEN MATCHED THEN UPDATE SET
  ${previous.map((column) => `${column} = s.${column}`).join(',\n  ')},
  ${tracked.map((column) => `${column} = s.${column}`).join(',\n  ')},
  updated_at = s.event_at,
  row_hash = s.row_hash
WHEN NOT MATCHED AND NOT s.is_delete THEN INSERT (${key}, ${tracked.join(', ')}, ${previous.join(', ')}, updated_at, row_hash)
  VALUES (s.${key}, ${tracked.map((column) => `s.${column}`).join(', ')}, ${previous.map((column) => `s.${column}`).join(', ')}, s.event_at, s.row_hash)
RETURNING merge_action`,
      [spec.deleteValue],
    );
    return countActions(actions);
  });
  return {...value, sql: log.sql, params: log.params, elapsedMs};
}

/** What a type 6 load did: the type 2 merge, then the rewrite of the current and previous columns. */
export interface Scd6Result extends ScdMergeResult {
  /** Versions whose `current_` or `previous_` columns were rewritten. */
  rewritten: number;
}

/**
 * Type 6 (1 + 2 + 3): type 2 history, plus on every version the key's current values
 * (`current_<column>`, overwritten like type 1; NULL once the key is deleted) and the values of
 * the version before it (`previous_<column>`, like type 3).
 */
export async function mergeScd6(engine: SqlEngine, input: ScdSpecInput = {}, now?: Clock): Promise<Scd6Result> {
  const spec = parseScdSpec(input, 'mergeScd6');
  const columns = scdColumns(spec);
  const clock = now ?? (() => performance.now());
  const started = clock();
  const affectedKeys = `SELECT DISTINCT ${quoteIdentifier(spec.naturalKey)} FROM ${quoteIdentifier(spec.batch)}`;
  const merge = await mergeScd2(engine, spec, now);
  const q = quoteIdentifier;
  const log = new StepLog(engine);
  const key = q(spec.naturalKey);
  const from = q(columns.validFrom);
  for (const column of spec.trackedColumns) {
    await log.rows(`ALTER TABLE ${q(spec.dimension)} ADD COLUMN IF NOT EXISTS ${q(currentColumn(column))} ${await columnType(log, spec, column)}`);
    await log.rows(`ALTER TABLE ${q(spec.dimension)} ADD COLUMN IF NOT EXISTS ${q(previousColumn(column))} ${await columnType(log, spec, column)}`);
  }
  const params: StepParam[] = [];
  let current = `c.${q(columns.validTo)} IS NULL`;
  if (columns.isCurrent) {
    current = `c.${q(columns.isCurrent)}`;
  } else if (spec.openEnd !== 'null') {
    params.push(spec.openEnd.farFuture);
    current = `c.${q(columns.validTo)} = ?::TIMESTAMP`;
  }
  const notDeleted = spec.deletes === 'new_record' ? ` AND NOT c.${q(columns.isDeleted)}` : '';
  const rewrite = await log.rows(
    `UPDATE ${q(spec.dimension)} AS d
SET
  ${spec.trackedColumns.map((column) => `${q(currentColumn(column))} = v.${q(currentColumn(column))}`).join(',\n  ')},
  ${spec.trackedColumns.map((column) => `${q(previousColumn(column))} = v.${q(previousColumn(column))}`).join(',\n  ')}
FROM (
  SELECT
    h.${key},
    h.${from},
    ${spec.trackedColumns.map((column) => `lag(h.${q(column)}) OVER (PARTITION BY h.${key} ORDER BY h.${from}) AS ${q(previousColumn(column))}`).join(',\n    ')},
    ${spec.trackedColumns.map((column) => `c.${q(column)} AS ${q(currentColumn(column))}`).join(',\n    ')}
  FROM ${q(spec.dimension)} AS h
  LEFT JOIN ${q(spec.dimension)} AS c ON c.${key} = h.${key} AND ${current}${notDeleted}
  WHERE h.${key} IN (${affectedKeys})
) AS v
WHERE d.${key} = v.${key} AND d.${from} = v.${from}`,
    params,
  );
  return {
    ...merge,
    rewritten: Number(rewrite[0]?.Count ?? 0),
    sql: [...merge.sql, ...log.sql],
    params: [...merge.params, ...log.params],
    elapsedMs: clock() - started,
  };
}

/** A tracked column's type in the dimension, for the columns type 6 adds. */
async function columnType(log: StepLog, spec: ScdSpec, column: string): Promise<string> {
  const rows = await log.rows(`SELECT data_type FROM information_schema.columns WHERE table_name = ? AND column_name = ?`, [spec.dimension, column]);
  const type = rows[0]?.data_type;
  if (typeof type !== 'string' || !/^[A-Z][A-Z0-9_(), ]*$/.test(type)) {
    throw new RangeError(`mergeScd6: ${spec.dimension}.${column} has no type this function can copy.`);
  }
  return type;
}
