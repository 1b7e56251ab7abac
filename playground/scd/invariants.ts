import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {identifierSchema, parseOptions} from '../lab/options';
import {quoteIdentifier} from '../sql/quote';
import {StepLog, str, type StepParam} from '../lab/step';
import {parseScdSpec, scdColumns, type ScdSpecInput} from './spec';

/** The kinds of broken type 2 history. */
export type Scd2ViolationKind =
  | 'overlap'
  | 'gap'
  | 'empty-interval'
  | 'several-current'
  | 'live-without-current'
  | 'deleted-with-current'
  | 'current-flag-mismatch';

/** One violation: the key, the version it concerns (by start) and what is wrong, in words. */
export interface Scd2Violation {
  kind: Scd2ViolationKind;
  key: string;
  validFrom: string | null;
  detail: string;
}

const scopeSchema = z.strictObject({keysOf: identifierSchema.optional()});

/**
 * Which keys to check: all (the default), or only the keys present in a table, such as the batch
 * just merged (the history of the other keys did not change).
 */
export type Scd2CheckScope = z.input<typeof scopeSchema>;

/** The result of `checkScd2Invariants`. */
export interface Scd2InvariantReport {
  table: string;
  /** Versions and keys checked (with `keysOf`, only the keys in that table). */
  rows: number;
  keys: number;
  /** Gaps that a delete explains (in `invalidate` mode a deleted key has no row until it returns). */
  gapsAfterDelete: number;
  violations: Scd2Violation[];
  sql: string[];
  params: StepParam[][];
}

const shown = 200;

/**
 * Checks a type 2 dimension: per key, no overlapping intervals, no interval that ends where it
 * starts or earlier, no gap between versions (with `new_record` deletes; with `invalidate` a gap
 * is where a deleted key was away), exactly one current row for a live key and none for a deleted
 * one, and a current flag that agrees with the open end. At most 200 violations are listed.
 */
export async function checkScd2Invariants(engine: SqlEngine, input: ScdSpecInput = {}, scope: Scd2CheckScope = {}): Promise<Scd2InvariantReport> {
  const spec = parseScdSpec(input, 'checkScd2Invariants');
  const {keysOf} = parseOptions(scopeSchema, scope, 'checkScd2Invariants');
  const columns = scdColumns(spec);
  const q = quoteIdentifier;
  const log = new StepLog(engine);
  const params: StepParam[] = [];
  const open = (column: string) => {
    if (spec.openEnd === 'null') {
      return `${column} IS NULL`;
    }
    params.push(spec.openEnd.farFuture);
    return `${column} = ?::TIMESTAMP`;
  };
  const key = q(spec.naturalKey);
  const from = q(columns.validFrom);
  const to = q(columns.validTo);
  const deletedFlag = spec.deletes === 'new_record' ? q(columns.isDeleted) : 'false';
  const currentFlag = columns.isCurrent ? q(columns.isCurrent) : `(${open(to)})`;
  const isOpen = open(to);
  const rows = await log.rows(
    `WITH ordered AS (
  SELECT
    CAST(${key} AS VARCHAR) AS key,
    ${from} AS valid_from,
    ${to} AS valid_to,
    ${currentFlag} AS is_current,
    ${isOpen} AS is_open,
    ${deletedFlag} AS is_deleted,
    CASE WHEN lead(${key}) OVER by_start = ${key} THEN lead(${from}) OVER by_start END AS next_from
  FROM ${q(spec.dimension)}${keysOf ? `
  WHERE ${key} IN (SELECT ${key} FROM ${q(keysOf)})` : ''}
  -- One sort by key and start instead of a partitioned window: cheaper for many small keys.
  WINDOW by_start AS (ORDER BY ${key}, ${from})
),
per_key AS (
  SELECT key, count(*) FILTER (WHERE is_current) AS current_rows, bool_or(next_from IS NULL AND is_open AND NOT is_deleted) AS live
  FROM ordered
  GROUP BY key
)
SELECT 'overlap' AS kind, key, CAST(valid_from AS VARCHAR) AS valid_from,
  'ends ' || coalesce(CAST(valid_to AS VARCHAR), 'never') || ' after the next version starts ' || CAST(next_from AS VARCHAR) AS detail
FROM ordered WHERE next_from IS NOT NULL AND (is_open OR valid_to > next_from)
UNION ALL
SELECT ${spec.deletes === 'new_record' ? "'gap'" : "'gap-after-delete'"}, key, CAST(valid_from AS VARCHAR),
  'ends ' || CAST(valid_to AS VARCHAR) || ', the next version starts ' || CAST(next_from AS VARCHAR)
FROM ordered WHERE next_from IS NOT NULL AND NOT is_open AND valid_to < next_from
UNION ALL
SELECT 'empty-interval', key, CAST(valid_from AS VARCHAR), 'ends ' || CAST(valid_to AS VARCHAR) || ', not after it starts'
FROM ordered WHERE NOT is_open AND valid_to <= valid_from
UNION ALL
SELECT 'current-flag-mismatch', key, CAST(valid_from AS VARCHAR),
  CASE WHEN is_current THEN 'flagged current but its interval is closed' ELSE 'its interval is open but it is not flagged current' END
FROM ordered WHERE is_current <> is_open
UNION ALL
SELECT 'several-current', key, NULL, CAST(current_rows AS VARCHAR) || ' current rows' FROM per_key WHERE current_rows > 1
UNION ALL
SELECT 'live-without-current', key, NULL, 'its last version is open but not current' FROM per_key WHERE live AND current_rows = 0
UNION ALL
SELECT 'deleted-with-current', o.key, CAST(o.valid_from AS VARCHAR), 'the key is deleted but this row is current'
FROM ordered AS o JOIN per_key AS p USING (key)
WHERE NOT p.live AND o.is_current AND NOT o.is_deleted
UNION ALL
SELECT 'totals', CAST(count(*) AS VARCHAR), NULL, CAST(sum(versions) AS VARCHAR)
FROM (SELECT count(*) AS versions FROM ordered GROUP BY key)
ORDER BY kind, key, valid_from`,
    params,
  );
  // The last row carries the totals (keys, versions), so the check is one round trip.
  const totals = rows.find((row) => row.kind === 'totals');
  const violations = rows
    .filter((row) => row.kind !== 'gap-after-delete' && row.kind !== 'totals')
    .map((row) => ({
      kind: str(row, 'kind') as Scd2ViolationKind,
      key: str(row, 'key'),
      validFrom: row.valid_from === null ? null : str(row, 'valid_from'),
      detail: str(row, 'detail'),
    }));
  return {
    table: spec.dimension,
    rows: Number(totals?.detail ?? 0),
    keys: Number(totals?.key ?? 0),
    gapsAfterDelete: rows.filter((row) => row.kind === 'gap-after-delete').length,
    violations: violations.slice(0, shown),
    sql: log.sql,
    params: log.params,
  };
}
