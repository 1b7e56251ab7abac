import {DataType, type Table, type Vector} from 'apache-arrow';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {StepLog, num, timed, type Clock, type StepParam} from '../lab/step';
import {parseScdSpec, scdColumns, type ScdColumns, type ScdSpec, type ScdSpecInput} from './spec';

/** What one batch did to a dimension. */
export interface ScdMergeResult {
  /** Change rows in the batch, and those left after dropping exact repeats of a key and instant. */
  batchRows: number;
  distinctChanges: number;
  /** Changes that altered nothing (same values as the version in effect at their time, or a repeated delete). */
  unchanged: number;
  /** Versions written for the first time. */
  inserted: number;
  /** Existing versions rewritten: closed (their open end set), re-closed by a late change, or corrected. */
  updated: number;
  /** Of `updated`, versions that were current and are no longer. */
  closed: number;
  /** Versions replaced by a delete at the same instant as their start (in `invalidate` mode a delete has no row). */
  removed: number;
  /**
   * How the batch was written: `append` when every key has one change newer than its stored
   * history (the staged-updates MERGE alone), `rebuild` otherwise (the history of the touched keys
   * rebuilt, then merged). Both write the same rows for a batch `append` can take.
   */
  path: 'append' | 'rebuild';
  /** The statements run, each with its parameters; the MERGE is the last. The staging table stays until the next merge replaces it. */
  sql: string[];
  params: StepParam[][];
  elapsedMs: number;
}

/** The hash of a row's tracked values: stable, NULL-aware, and the same text Spark's sha2(..., 256) hashes. */
export function rowHashSql(spec: ScdSpec, prefix = ''): string {
  const parts = spec.trackedColumns.map((column) => `coalesce(CAST(${prefix}${quoteIdentifier(column)} AS VARCHAR), '\\N')`);
  return `sha256(concat_ws(chr(31), ${parts.join(', ')}))`;
}

/** Collects parameters in order and returns a `?` for each. */
class Params {
  readonly values: StepParam[] = [];
  add(value: StepParam): string {
    this.values.push(value);
    return '?';
  }
}

/** The dimension's columns in table order. */
export function dimensionColumns(spec: ScdSpec, columns: ScdColumns): string[] {
  return [
    columns.surrogateKey,
    spec.naturalKey,
    ...spec.trackedColumns,
    columns.validFrom,
    columns.validTo,
    ...(columns.isCurrent ? [columns.isCurrent] : []),
    columns.rowHash,
    ...(spec.deletes === 'new_record' ? [columns.isDeleted] : []),
    ...(columns.updatedAt ? [columns.updatedAt] : []),
  ];
}

/** Creates the dimension with the batch's column types if it does not exist yet. */
function createDimensionSql(spec: ScdSpec, columns: ScdColumns): string {
  const q = quoteIdentifier;
  const select = [
    spec.naming === 'dbt' ? `''::VARCHAR AS ${q(columns.surrogateKey)}` : `0::BIGINT AS ${q(columns.surrogateKey)}`,
    q(spec.naturalKey),
    ...spec.trackedColumns.map(q),
    `CAST(${q(spec.changedAt)} AS TIMESTAMP) AS ${q(columns.validFrom)}`,
    `CAST(${q(spec.changedAt)} AS TIMESTAMP) AS ${q(columns.validTo)}`,
    ...(columns.isCurrent ? [`true AS ${q(columns.isCurrent)}`] : []),
    `''::VARCHAR AS ${q(columns.rowHash)}`,
    ...(spec.deletes === 'new_record' ? [`false AS ${q(columns.isDeleted)}`] : []),
    ...(columns.updatedAt ? [`CAST(${q(spec.changedAt)} AS TIMESTAMP) AS ${q(columns.updatedAt)}`] : []),
  ];
  return `CREATE TABLE IF NOT EXISTS ${q(spec.dimension)} AS\nSELECT\n  ${select.join(',\n  ')}\nFROM ${q(spec.batch)}\nLIMIT 0`;
}

/** How a batch's changes are reduced: one per key and instant, one per key, or kept (one row per key already). */
type ChangeGrouping = 'key-and-instant' | 'key' | 'none';

/**
 * The batch's changes, the highest sequence winning: one row per key and instant, or one per key.
 * Each row holds the key, the change's time, whether it is a delete and the tracked values. A hash
 * aggregate, which is cheaper here than a window over many small groups; with `none` the batch
 * already holds one row per key and is read as it is.
 */
function latestChangesSql(spec: ScdSpec, deleteValue: string, grouping: ChangeGrouping): string {
  const q = quoteIdentifier;
  const sequence = q(spec.sequence);
  const changedAt = `CAST(${q(spec.changedAt)} AS TIMESTAMP)`;
  if (grouping === 'none') {
    return `SELECT
    ${q(spec.naturalKey)},
    ${changedAt} AS event_at,
    ${q(spec.operation)} = ${deleteValue} AS is_delete,
    ${spec.trackedColumns.map(q).join(',\n    ')}
  FROM ${q(spec.batch)}`;
  }
  const perInstant = grouping === 'key-and-instant';
  return `SELECT
    ${q(spec.naturalKey)},
    ${perInstant ? changedAt : `arg_max(${changedAt}, ${sequence})`} AS event_at,
    arg_max(${q(spec.operation)}, ${sequence}) = ${deleteValue} AS is_delete,
    ${spec.trackedColumns.map((column) => `arg_max(${q(column)}, ${sequence}) AS ${q(column)}`).join(',\n    ')}
  FROM ${q(spec.batch)}
  GROUP BY ${q(spec.naturalKey)}${perInstant ? `, ${changedAt}` : ''}`;
}

/** The staging table's name for a dimension. */
export function stagingTable(spec: ScdSpec): string {
  return `${spec.dimension}__scd_stage`;
}

/**
 * Builds the new history of every key the batch touches, as rows to MERGE. The key's timeline is
 * its existing versions, the ends of versions closed by a delete, and the batch's changes, in
 * time order (ties by sequence, the batch last). A change equal to the state in effect before it
 * writes nothing; an existing version is never removed, so surrogate keys stay stable; each kept
 * version ends where the next kept event starts, which places a late change inside history and
 * shortens its neighbour.
 */
function stagingSql(spec: ScdSpec, columns: ScdColumns, params: Params): string {
  const q = quoteIdentifier;
  const dim = q(spec.dimension);
  const key = q(spec.naturalKey);
  const tracked = spec.trackedColumns.map(q);
  const deleted = `'DELETED'`;
  const deleteValue = params.add(spec.deleteValue);
  const openEnd = spec.openEnd === 'null' ? 'NULL::TIMESTAMP' : `${params.add(spec.openEnd.farFuture)}::TIMESTAMP`;
  const isOpen = (column: string) => (spec.openEnd === 'null' ? `${column} IS NULL` : `${column} = ${params.add(spec.openEnd.farFuture)}::TIMESTAMP`);
  const existingDeleted = spec.deletes === 'new_record' ? `d.${q(columns.isDeleted)}` : 'false';
  const nullTracked = tracked.map((column) => `NULL AS ${column}`).join(', ');
  return `CREATE OR REPLACE TEMP TABLE ${q(stagingTable(spec))} AS
WITH batch_changes AS (
  ${latestChangesSql(spec, deleteValue, 'key-and-instant')}
),
affected AS (SELECT DISTINCT ${key} FROM batch_changes),
existing AS MATERIALIZED (
  SELECT d.*
  FROM ${dim} AS d
  WHERE d.${key} IN (SELECT ${key} FROM affected)
),
timeline AS (
  SELECT ${key}, event_at, is_delete, ${tracked.join(', ')}, NULL::${spec.naming === 'dbt' ? 'VARCHAR' : 'BIGINT'} AS existing_sk, NULL::VARCHAR AS existing_hash, 2 AS origin
  FROM batch_changes
  UNION ALL
  SELECT d.${key}, d.${q(columns.validFrom)}, ${existingDeleted}, ${tracked.map((column) => `d.${column}`).join(', ')}, d.${q(columns.surrogateKey)},
    CASE WHEN ${existingDeleted} THEN ${deleted} ELSE d.${q(columns.rowHash)} END, 1
  FROM existing AS d
  UNION ALL
  SELECT d.${key}, d.${q(columns.validTo)}, true, ${nullTracked}, NULL, ${deleted}, 0
  FROM existing AS d
  WHERE NOT (${isOpen(`d.${q(columns.validTo)}`)})
    AND NOT EXISTS (SELECT 1 FROM existing AS n WHERE n.${key} = d.${key} AND n.${q(columns.validFrom)} = d.${q(columns.validTo)})
),
merged AS (
  SELECT
    ${key},
    event_at,
    arg_max(is_delete, origin) AS is_delete,
    ${tracked.map((column) => `arg_max(${column}, origin) AS ${column}`).join(',\n    ')},
    max(existing_sk) AS existing_sk,
    max(existing_hash) AS existing_hash,
    max(origin) = 2 AS from_batch
  FROM timeline
  GROUP BY ${key}, event_at
),
hashed AS (
  SELECT *,
    CASE WHEN is_delete THEN ${deleted} WHEN NOT from_batch THEN existing_hash ELSE ${rowHashSql(spec)} END AS state_hash
  FROM merged
),
judged AS (
  SELECT
    *,
    state_hash <> coalesce(lag(state_hash) OVER (PARTITION BY ${key} ORDER BY event_at), ${deleted}) AS is_change
  FROM hashed
),
bounded AS (
  SELECT
    *,
    existing_sk IS NOT NULL OR is_change AS keep,
    min(CASE WHEN existing_sk IS NOT NULL OR is_change THEN event_at END)
      OVER (PARTITION BY ${key} ORDER BY event_at ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_kept
  FROM judged
)
SELECT
  ${key},
  ${tracked.join(',\n  ')},
  event_at AS ${q(columns.validFrom)},
  coalesce(next_kept, ${openEnd}) AS ${q(columns.validTo)},
  next_kept IS NULL AS is_current,
  CASE WHEN is_delete THEN NULL ELSE state_hash END AS ${q(columns.rowHash)},
  is_delete,
  existing_sk,
  from_batch,
  keep AND ${spec.deletes === 'new_record' ? 'true' : 'NOT is_delete'} AS writes_row,
  existing_sk IS NOT NULL AND NOT (keep AND ${spec.deletes === 'new_record' ? 'true' : 'NOT is_delete'}) AS drops_row,
  from_batch AND (NOT is_change OR existing_hash IS NOT DISTINCT FROM state_hash) AS unchanged
FROM bounded`;
}

/** The MERGE that writes the staged rows: a version is identified by its key and its start. */
function mergeSql(spec: ScdSpec, columns: ScdColumns): string {
  const q = quoteIdentifier;
  const key = q(spec.naturalKey);
  const from = q(columns.validFrom);
  const to = q(columns.validTo);
  const sourceValue = (column: string): string => {
    if (column === columns.isCurrent) {
      return 's.is_current';
    }
    if (column === columns.isDeleted) {
      return 's.is_delete';
    }
    if (column === columns.updatedAt) {
      return `s.${from}`;
    }
    return `s.${q(column)}`;
  };
  const all = dimensionColumns(spec, columns);
  const rewritten = all.filter((column) => column !== columns.surrogateKey && column !== spec.naturalKey && column !== columns.validFrom);
  const changed = [
    `d.${to} IS DISTINCT FROM s.${to}`,
    `d.${q(columns.rowHash)} IS DISTINCT FROM s.${q(columns.rowHash)}`,
    ...(columns.isCurrent ? [`d.${q(columns.isCurrent)} IS DISTINCT FROM s.is_current`] : []),
  ];
  const surrogate =
    spec.naming === 'dbt'
      ? `md5(CAST(${key} AS VARCHAR) || '|' || CAST(${from} AS VARCHAR))`
      : `coalesce(existing_sk, (SELECT coalesce(max(${q(columns.surrogateKey)}), 0) FROM ${q(spec.dimension)}) + row_number() OVER (PARTITION BY existing_sk IS NULL ORDER BY ${key}, ${from}))`;
  return `MERGE INTO ${q(spec.dimension)} AS d
USING (
  SELECT *, ${surrogate} AS ${q(columns.surrogateKey)}
  FROM ${q(stagingTable(spec))}
  WHERE writes_row OR drops_row
) AS s
ON d.${key} = s.${key} AND d.${from} = s.${from}
WHEN MATCHED AND s.drops_row THEN DELETE
WHEN MATCHED AND (${changed.join(' OR ')}) THEN UPDATE SET
  ${rewritten.map((column) => `${q(column)} = ${sourceValue(column)}`).join(',\n  ')}
WHEN NOT MATCHED THEN INSERT (${all.map(q).join(', ')})
  VALUES (${all.map(sourceValue).join(', ')})
RETURNING merge_action`;
}

/**
 * Whether the batch is the common case the single staged-updates MERGE handles exactly: at most one
 * change per key (after dropping exact repeats), each newer than everything stored for its key.
 * Then the history rebuild would only close current versions and append new ones. One scan of the
 * batch; `batch_keys = batch_rows` also tells the MERGE it need not pick a change per key.
 */
function fastPathCheckSql(spec: ScdSpec, columns: ScdColumns, params: Params): string {
  const q = quoteIdentifier;
  const key = q(spec.naturalKey);
  const to = `d.${q(columns.validTo)}`;
  const from = `d.${q(columns.validFrom)}`;
  const lastStored = spec.openEnd === 'null' ? `coalesce(${to}, ${from})` : `CASE WHEN ${to} = ${params.add(spec.openEnd.farFuture)}::TIMESTAMP THEN ${from} ELSE ${to} END`;
  return `WITH changes AS (
  SELECT ${key}, CAST(${q(spec.changedAt)} AS TIMESTAMP) AS event_at FROM ${q(spec.batch)}
)
SELECT
  count(*) AS batch_rows,
  count(DISTINCT (${key}, event_at)) AS distinct_changes,
  count(DISTINCT ${key}) AS batch_keys,
  NOT EXISTS (
    SELECT 1 FROM changes AS c JOIN ${q(spec.dimension)} AS d ON d.${key} = c.${key} WHERE c.event_at <= ${lastStored}
  ) AS after_history
FROM changes`;
}

/**
 * The common case in one statement: the staged-updates MERGE with a NULL merge key. Each change
 * keyed by its natural key closes the current version when its state differs; the same change with
 * a NULL key (only when it starts a version) matches nothing and is inserted. The rows it writes
 * are the ones the history rebuild would write for such a batch.
 */
function fastMergeSql(spec: ScdSpec, columns: ScdColumns, params: Params, grouping: ChangeGrouping): string {
  const q = quoteIdentifier;
  const key = q(spec.naturalKey);
  const to = q(columns.validTo);
  const deleted = `'DELETED'`;
  const deleteValue = params.add(spec.deleteValue);
  const isOpen = (column: string) => (spec.openEnd === 'null' ? `${column} IS NULL` : `${column} = ${params.add(spec.openEnd.farFuture)}::TIMESTAMP`);
  const currentJoin = isOpen(`d.${to}`);
  const currentState = spec.deletes === 'new_record' ? `CASE WHEN d.${q(columns.isDeleted)} THEN ${deleted} ELSE d.${q(columns.rowHash)} END` : `d.${q(columns.rowHash)}`;
  const openEnd = spec.openEnd === 'null' ? 'NULL::TIMESTAMP' : `${params.add(spec.openEnd.farFuture)}::TIMESTAMP`;
  const mergeOpen = isOpen(`d.${to}`);
  const surrogate =
    spec.naming === 'dbt'
      ? `md5(CAST(c.${key} AS VARCHAR) || '|' || CAST(c.event_at AS VARCHAR))`
      : `(SELECT coalesce(max(${q(columns.surrogateKey)}), 0) FROM ${q(spec.dimension)}) + row_number() OVER (ORDER BY c.${key}, c.event_at)`;
  const all = dimensionColumns(spec, columns);
  const value = (column: string): string => {
    if (column === columns.surrogateKey) {
      return `s.new_sk`;
    }
    if (column === columns.validFrom || column === columns.updatedAt) {
      return 's.event_at';
    }
    if (column === columns.validTo) {
      return openEnd;
    }
    if (column === columns.isCurrent) {
      return 'true';
    }
    if (column === columns.rowHash) {
      return `CASE WHEN s.is_delete THEN NULL ELSE s.state_hash END`;
    }
    if (column === columns.isDeleted) {
      return 's.is_delete';
    }
    return `s.${q(column)}`;
  };
  return `MERGE INTO ${q(spec.dimension)} AS d
USING (
  WITH changes AS (
    ${latestChangesSql(spec, deleteValue, grouping)}
  ),
  hashed AS (
    SELECT *, CASE WHEN is_delete THEN ${deleted} ELSE ${rowHashSql(spec)} END AS state_hash FROM changes
  ),
  judged AS (
    SELECT c.*, coalesce(${currentState}, ${deleted}) AS current_state
    FROM hashed AS c
    LEFT JOIN ${q(spec.dimension)} AS d ON d.${key} = c.${key} AND ${currentJoin}
  ),
  versions AS (
    SELECT c.*, ${surrogate} AS new_sk
    FROM judged AS c
    WHERE c.state_hash <> c.current_state AND ${spec.deletes === 'new_record' ? 'true' : 'NOT c.is_delete'}
  )
  SELECT judged.*, judged.${key} AS merge_key, NULL AS new_sk FROM judged WHERE state_hash <> current_state
  UNION ALL
  SELECT versions.* EXCLUDE (new_sk), NULL, new_sk FROM versions
) AS s
ON d.${key} = s.merge_key AND ${mergeOpen}
WHEN MATCHED THEN UPDATE SET ${to} = s.event_at${columns.isCurrent ? `, ${q(columns.isCurrent)} = false` : ''}
WHEN NOT MATCHED AND s.merge_key IS NULL THEN INSERT (${all.map(q).join(', ')})
  VALUES (${all.map(value).join(', ')})
RETURNING merge_action, ${key} AS changed_key`;
}

/** What a MERGE's `RETURNING merge_action[, changed_key]` reports, counted on the Arrow columns: no object per row. */
interface MergeActions {
  inserted: number;
  updated: number;
  removed: number;
  /** Distinct keys the MERGE wrote (when it returns a key column). */
  keys: number;
}

/**
 * Rows tallied between two yields to the event loop. Loading a million-machine dimension returns a
 * million rows; in the browser the tally runs on the page's main thread, and counted in one go it
 * froze the page for seconds. Slices of this size take a few milliseconds each.
 */
const tallySliceRows = 16_384;

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** One Arrow chunk of a VARCHAR column as its buffers: the byte offsets of each value and the UTF-8 bytes. */
interface Utf8Chunk {
  length: number;
  offsets: Int32Array;
  bytes: Uint8Array;
}

/** The column's chunks as raw buffers, or undefined when it is not plain non-null Utf8 (then values are read one by one). */
function utf8Chunks(vector: Vector | null): Utf8Chunk[] | undefined {
  if (!vector || !DataType.isUtf8(vector.type) || vector.nullCount > 0) {
    return undefined;
  }
  return vector.data.map((data) => ({length: data.length, offsets: data.valueOffsets as Int32Array, bytes: data.values as Uint8Array}));
}

/**
 * Counts distinct VARCHAR values exactly, on their UTF-8 bytes: an open-addressing table sized
 * once for `capacity` values, keyed by an FNV-1a hash and compared byte by byte. A JS Set of a
 * million strings decoded one by one took seconds and rehashed itself in long pauses.
 */
class DistinctBytes {
  private readonly chunks: Utf8Chunk[] = [];
  private readonly chunkOf: Int32Array;
  private readonly rowOf: Int32Array;
  private readonly hashes: Uint32Array;
  private readonly mask: number;
  size = 0;

  constructor(capacity: number) {
    let slots = 16;
    while (slots < capacity * 2) {
      slots *= 2;
    }
    this.chunkOf = new Int32Array(slots).fill(-1);
    this.rowOf = new Int32Array(slots);
    this.hashes = new Uint32Array(slots);
    this.mask = slots - 1;
  }

  add(chunk: Utf8Chunk): void {
    const chunkIndex = this.chunks.push(chunk) - 1;
    const {length, offsets, bytes} = chunk;
    for (let row = 0; row < length; row += 1) {
      const from = offsets[row]!;
      const to = offsets[row + 1]!;
      let hash = 0x811c9dc5;
      for (let at = from; at < to; at += 1) {
        hash = Math.imul(hash ^ bytes[at]!, 0x01000193);
      }
      hash >>>= 0;
      let slot = hash & this.mask;
      for (;;) {
        const other = this.chunkOf[slot]!;
        if (other === -1) {
          this.chunkOf[slot] = chunkIndex;
          this.rowOf[slot] = row;
          this.hashes[slot] = hash;
          this.size += 1;
          break;
        }
        if (this.hashes[slot] === hash && this.sameBytes(this.chunks[other]!, this.rowOf[slot]!, bytes, from, to)) {
          break;
        }
        slot = (slot + 1) & this.mask;
      }
    }
  }

  private sameBytes(chunk: Utf8Chunk, row: number, bytes: Uint8Array, from: number, to: number): boolean {
    const start = chunk.offsets[row]!;
    if (chunk.offsets[row + 1]! - start !== to - from) {
      return false;
    }
    for (let at = 0; at < to - from; at += 1) {
      if (chunk.bytes[start + at] !== bytes[from + at]) {
        return false;
      }
    }
    return true;
  }
}

/**
 * Counts the actions by the first byte of `merge_action` (DuckDB returns 'INSERT', 'UPDATE' or
 * 'DELETE') and the distinct `changed_key` values, on Arrow's buffers (decoding a string per row
 * took seconds for a million rows), yielding to the event loop between slices of rows.
 */
export async function tallyActions(table: Table): Promise<MergeActions> {
  const tally = {inserted: 0, updated: 0, removed: 0};
  const countAction = (first: unknown) => {
    if (first === 0x49 || first === 'INSERT') {
      tally.inserted += 1;
    } else if (first === 0x55 || first === 'UPDATE') {
      tally.updated += 1;
    } else if (first === 0x44 || first === 'DELETE') {
      tally.removed += 1;
    }
  };
  const distinct = new DistinctBytes(table.numRows);
  const otherKeys = new Set<unknown>();
  // All batches take one path, so a key is never counted once as bytes and again as a value.
  const keysAsBytes = table.batches.every((batch) => utf8Chunks(batch.getChild('changed_key')) !== undefined);
  let sinceYield = 0;
  for (const batch of table.batches) {
    const actions = batch.getChild('merge_action');
    const actionChunks = utf8Chunks(actions);
    if (actionChunks) {
      for (const {length, offsets, bytes} of actionChunks) {
        for (let row = 0; row < length; row += 1) {
          countAction(bytes[offsets[row]!]);
        }
      }
    } else {
      for (const action of actions ?? []) {
        countAction(action);
      }
    }
    const changed = batch.getChild('changed_key');
    if (keysAsBytes) {
      utf8Chunks(changed)?.forEach((chunk) => distinct.add(chunk));
    } else {
      for (const key of changed ?? []) {
        otherKeys.add(key);
      }
    }
    sinceYield += batch.numRows;
    if (sinceYield >= tallySliceRows) {
      sinceYield = 0;
      await yieldToEventLoop();
    }
  }
  return {...tally, keys: distinct.size + otherKeys.size};
}

/**
 * Applies a batch of changes to a type 2 dimension with one MERGE INTO: surrogate key,
 * valid_from/valid_to, a current flag and a row hash of the tracked columns. Changes that alter
 * nothing write nothing, several changes to a key apply in event order, a late change lands in
 * history at its time, deletes close the current version (or add a deleted version), and
 * applying the same batch again changes nothing.
 */
export async function mergeScd2(engine: SqlEngine, input: ScdSpecInput = {}, now?: Clock): Promise<ScdMergeResult> {
  const spec = parseScdSpec(input, 'mergeScd2');
  const columns = scdColumns(spec);
  const log = new StepLog(engine);
  const q = quoteIdentifier;
  const {value, elapsedMs} = await timed(now ?? (() => performance.now()), async () => {
    await log.rows(createDimensionSql(spec, columns));
    const checkParams = new Params();
    const check = await log.one(fastPathCheckSql(spec, columns, checkParams), checkParams.values);
    const batchKeys = num(check, 'batch_keys');
    if (check.after_history === true && num(check, 'distinct_changes') === batchKeys) {
      const mergeParams = new Params();
      const grouping = num(check, 'batch_rows') === batchKeys ? 'none' : 'key';
      const actions = await tallyActions(await log.table(fastMergeSql(spec, columns, mergeParams, grouping), mergeParams.values));
      return {
        path: 'append' as const,
        counts: {
          batch_rows: check.batch_rows,
          distinct_changes: check.distinct_changes,
          unchanged: batchKeys - actions.keys,
          closed: actions.updated,
        },
        actions,
      };
    }
    const stageParams = new Params();
    await log.rows(stagingSql(spec, columns, stageParams), stageParams.values);
    const closedParams = new Params();
    const wasOpen = spec.openEnd === 'null' ? `d.${q(columns.validTo)} IS NULL` : `d.${q(columns.validTo)} = ${closedParams.add(spec.openEnd.farFuture)}::TIMESTAMP`;
    const counts = await log.one(
      `SELECT
  (SELECT count(*) FROM ${q(spec.batch)}) AS batch_rows,
  (SELECT count(*) FROM ${q(stagingTable(spec))} WHERE from_batch) AS distinct_changes,
  (SELECT count(*) FROM ${q(stagingTable(spec))} WHERE unchanged) AS unchanged,
  (SELECT count(*)
   FROM ${q(spec.dimension)} AS d
   JOIN ${q(stagingTable(spec))} AS s ON d.${q(spec.naturalKey)} = s.${q(spec.naturalKey)} AND d.${q(columns.validFrom)} = s.${q(columns.validFrom)}
   WHERE ${wasOpen} AND NOT s.is_current) AS closed`,
      closedParams.values,
    );
    const actions = await tallyActions(await log.table(mergeSql(spec, columns)));
    return {path: 'rebuild' as const, counts, actions};
  });
  const {inserted, updated, removed} = value.actions;
  return {
    batchRows: num(value.counts, 'batch_rows'),
    distinctChanges: num(value.counts, 'distinct_changes'),
    unchanged: num(value.counts, 'unchanged'),
    inserted,
    updated,
    closed: num(value.counts, 'closed'),
    removed,
    path: value.path,
    sql: log.sql,
    params: log.params,
    elapsedMs,
  };
}

