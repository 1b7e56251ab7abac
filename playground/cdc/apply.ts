import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {StepLog, num, timed, type Clock, type Row, type StepParam} from '../lab/step';
import {parseCdcSpec, type CdcSpec, type CdcSpecInput} from './spec';
import {sourceTables, type SourceTable} from './source';

/**
 * The SCD engine's type 2 MERGE, injected by the caller (`mergeScd2` from the playground's public
 * surface): capability folders never import each other, so the CDC engine writes change rows in
 * the shape that MERGE takes and lets the caller's function apply them.
 */
export type Scd2Merge = (
  engine: SqlEngine,
  spec: {
    dimension: string;
    batch: string;
    naturalKey: string;
    trackedColumns: string[];
    changedAt: string;
    sequence: string;
    operation: string;
    deleteValue: string;
    deletes: 'invalidate' | 'new_record';
    surrogateKey: string;
  },
) => Promise<{inserted: number; updated: number; closed: number; unchanged: number; removed: number}>;

/** What the caller supplies besides the spec. */
export interface CdcDependencies {
  /** Required for an SCD2 target. */
  mergeScd2?: Scd2Merge;
  now?: Clock;
}

/** Why a target row differs from the source's true state. */
export type DifferenceKind =
  /** The source has the row; the target does not (a delete applied too late or an insert lost). */
  | 'missing'
  /** The source deleted the row; the target still has it (a delete lost, or a row re-inserted by an older change after a hard delete). */
  | 'not_deleted'
  /** Both have the row; the target holds an older change, committed in the same millisecond as the latest one. */
  | 'same_millisecond'
  /** Both have the row; the target holds an older change. */
  | 'stale';

/** One key whose target row differs from the source. */
export interface Difference {
  key: string;
  kind: DifferenceKind;
  /** The columns that differ (all columns for `missing` and `not_deleted`). */
  columns: string[];
  /** The target's and the source's values of those columns, as text. */
  targetValues: Record<string, string | null>;
  sourceValues: Record<string, string | null>;
  /** The position and commit time of the change each side holds (the target's LSN is unknown for SCD2). */
  targetLsn: number | null;
  sourceLsn: number | null;
  targetTsMs: number | null;
  sourceTsMs: number | null;
  /** For `not_deleted`: the LSN of the source's delete. */
  deletedAtLsn: number | null;
}

/** The target compared with the source's true state at the stream position the batch reached. */
export interface Convergence {
  converged: boolean;
  /** Live rows in the source at that position, and in the target. */
  sourceRows: number;
  targetRows: number;
  counts: Record<DifferenceKind, number>;
  /** The first differences, by key. */
  differences: Difference[];
}

/** What one micro-batch did. */
export interface CdcBatchResult {
  batch: number;
  batches: number;
  /** Kafka records in the batch, and of them tombstones (skipped) and change events. */
  records: number;
  tombstones: number;
  changeEvents: number;
  /** Change events dropped because a later one for the same key was in the batch (repeats included). */
  supersededInBatch: number;
  /** Rows the MERGE inserted, updated (soft deletes included) and deleted; for SCD2 the type 2 counts. */
  inserted: number;
  updated: number;
  deleted: number;
  /** Latest changes the MERGE skipped because the target already held a newer position (SCD1 only). */
  skippedAsOlder: number;
  convergence: Convergence;
  sql: string[];
  params: StepParam[][];
  elapsedMs: number;
}

const differenceSample = 50;

/** The staging table holding a batch's parsed change events. */
export function changesTable(spec: CdcSpec): string {
  return `${spec.targetTable}__changes`;
}

/** The columns the consumer writes besides the source's: lineage that makes the MERGE idempotent. */
export const lineageColumns = ['_cdc_op', '_cdc_lsn', '_cdc_ts_ms', '_kafka_partition', '_kafka_offset'] as const;

/** The order that decides the latest change of a key, newest first. */
function latestFirst(spec: CdcSpec): string {
  switch (spec.ordering) {
    case 'lsn':
      return '_cdc_lsn DESC';
    case 'ts_ms':
      // source.ts_ms ties (same millisecond) have no defined order: in Spark they fall as the
      // shuffle delivers them. A hash of the record's place stands in for that order here.
      return '_cdc_ts_ms DESC, hash(_kafka_partition, _kafka_offset) DESC';
    case 'kafka_offset':
      return '_kafka_offset DESC';
  }
}

/** The MERGE condition under which an incoming change may overwrite the target row. */
function newerThanTarget(spec: CdcSpec): string {
  switch (spec.ordering) {
    case 'lsn':
      return 's._cdc_lsn > t._cdc_lsn';
    case 'ts_ms':
      return 's._cdc_ts_ms > t._cdc_ts_ms';
    case 'kafka_offset':
      // Offsets of different partitions are not comparable, so arrival order has no guard: the last read wins.
      return 'true';
  }
}

/** The record range of batch `batch` of `batches` (0-based `read_order`, end exclusive). */
function batchRange(total: number, batch: number, batches: number): {from: number; to: number} {
  return {from: Math.floor(((batch - 1) * total) / batches), to: Math.floor((batch * total) / batches)};
}

function stageChangesSql(spec: CdcSpec, table: SourceTable): string {
  const q = quoteIdentifier;
  const key = q(table.key.name);
  return `CREATE OR REPLACE TABLE ${q(changesTable(spec))} AS
SELECT
  "key".${key} AS ${key},
  ${table.columns.map((column) => `coalesce("value"."after", "value"."before").${q(column.name)} AS ${q(column.name)}`).join(',\n  ')},
  "value".op AS _cdc_op,
  "value"."source".lsn AS _cdc_lsn,
  "value"."source".ts_ms AS _cdc_ts_ms,
  kafka_partition AS _kafka_partition,
  kafka_offset AS _kafka_offset
FROM ${q(spec.events)}
WHERE read_order >= ? AND read_order < ? AND "value" IS NOT NULL`;
}

function createTargetSql(spec: CdcSpec, table: SourceTable): string {
  const q = quoteIdentifier;
  const columns = [
    `${q(table.key.name)} ${table.key.type}`,
    ...table.columns.map((column) => `${q(column.name)} ${column.type}`),
    '_cdc_op VARCHAR',
    '_cdc_lsn BIGINT',
    '_cdc_ts_ms BIGINT',
    '_kafka_partition INTEGER',
    '_kafka_offset BIGINT',
    ...(spec.deletes === 'soft' ? ['_cdc_deleted BOOLEAN'] : []),
  ];
  return `CREATE TABLE IF NOT EXISTS ${q(spec.targetTable)} (\n  ${columns.join(',\n  ')}\n)`;
}

/** The type 1 MERGE: the latest change per key, applied when it is newer than the row it meets. */
export function scd1MergeSql(spec: CdcSpec, table: SourceTable): string {
  const q = quoteIdentifier;
  const key = q(table.key.name);
  const columns = table.columns.map((column) => q(column.name));
  const lineage = lineageColumns.map(q);
  const guard = newerThanTarget(spec);
  const setAll = [...columns, ...lineage].map((column) => `${column} = s.${column}`);
  const insertColumns = [key, ...columns, ...lineage, ...(spec.deletes === 'soft' ? ['_cdc_deleted'] : [])];
  const insertValues = (deleted: boolean) => [key, ...columns, ...lineage].map((column) => `s.${column}`).concat(spec.deletes === 'soft' ? [String(deleted)] : []);
  const deleteClause =
    spec.deletes === 'hard'
      ? `WHEN MATCHED AND ${guard} AND s._cdc_op = 'd' THEN DELETE`
      : `WHEN MATCHED AND ${guard} AND s._cdc_op = 'd' THEN UPDATE SET\n  ${[...lineage.map((column) => `${column} = s.${column}`), '_cdc_deleted = true'].join(',\n  ')}`;
  return `MERGE INTO ${q(spec.targetTable)} AS t
USING (
  SELECT * FROM ${q(changesTable(spec))}
  QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY ${latestFirst(spec)}) = 1
) AS s
ON t.${key} = s.${key}
${deleteClause}
WHEN MATCHED AND ${guard} THEN UPDATE SET
  ${[...setAll, ...(spec.deletes === 'soft' ? ['_cdc_deleted = false'] : [])].join(',\n  ')}
WHEN NOT MATCHED AND s._cdc_op <> 'd' THEN INSERT (${insertColumns.join(', ')})
  VALUES (${insertValues(false).join(', ')})${
    spec.deletes === 'soft'
      ? `
WHEN NOT MATCHED AND s._cdc_op = 'd' THEN INSERT (${insertColumns.join(', ')})
  VALUES (${insertValues(true).join(', ')})`
      : ''
  }
RETURNING merge_action`;
}

/** The change rows in the shape the type 2 MERGE takes: key, tracked columns, time, sequence and operation. */
function scd2StageSql(spec: CdcSpec, table: SourceTable): string {
  const q = quoteIdentifier;
  const sequence = spec.ordering === 'lsn' ? '_cdc_lsn' : spec.ordering === 'kafka_offset' ? '_kafka_offset' : 'hash(_kafka_partition, _kafka_offset) >> 1';
  return `CREATE OR REPLACE TABLE ${q(`${spec.targetTable}__scd2_batch`)} AS
SELECT
  ${q(table.key.name)},
  ${table.columns.map((column) => q(column.name)).join(',\n  ')},
  make_timestamp(_cdc_ts_ms * 1000) AS changed_at,
  CAST(${sequence} AS BIGINT) AS change_seq,
  CASE WHEN _cdc_op = 'd' THEN 'delete' ELSE 'upsert' END AS op
FROM ${q(changesTable(spec))}`;
}

/** The source's true state after the records read so far: per key, the change with the highest LSN. */
function truthSql(spec: CdcSpec, table: SourceTable): string {
  const q = quoteIdentifier;
  const key = q(table.key.name);
  return `SELECT
    "key".${key} AS ${key},
    ${table.columns.map((column) => `"value"."after".${q(column.name)} AS ${q(column.name)}`).join(',\n    ')},
    "value".op = 'd' AS is_deleted,
    "value"."source".lsn AS lsn,
    "value"."source".ts_ms AS ts_ms
  FROM ${q(spec.events)}
  WHERE read_order < ? AND "value" IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY "key".${key} ORDER BY "value"."source".lsn DESC) = 1`;
}

/** The target's live rows with the position of the change each holds. */
function targetStateSql(spec: CdcSpec, table: SourceTable): string {
  const q = quoteIdentifier;
  const columns = [table.key, ...table.columns].map((column) => q(column.name)).join(', ');
  if (spec.target === 'scd2') {
    const deleted = spec.deletes === 'soft' ? ' AND NOT is_deleted' : '';
    return `SELECT ${columns}, NULL::BIGINT AS lsn, epoch_ms(valid_from) AS ts_ms FROM ${q(spec.targetTable)} WHERE is_current${deleted}`;
  }
  const deleted = spec.deletes === 'soft' ? ' WHERE NOT _cdc_deleted' : '';
  return `SELECT ${columns}, _cdc_lsn AS lsn, _cdc_ts_ms AS ts_ms FROM ${q(spec.targetTable)}${deleted}`;
}

function convergenceSql(spec: CdcSpec, table: SourceTable): string {
  const q = quoteIdentifier;
  const key = q(table.key.name);
  const differs = table.columns.map((column) => `CASE WHEN g.${q(column.name)} IS DISTINCT FROM s.${q(column.name)} THEN '${column.name}' END`);
  const text = (alias: string) => `[${table.columns.map((column) => `CAST(${alias}.${q(column.name)} AS VARCHAR)`).join(', ')}]`;
  return `WITH truth AS (
  ${truthSql(spec, table)}
),
source_live AS (SELECT * FROM truth WHERE NOT is_deleted),
target_live AS (${targetStateSql(spec, table)}),
compared AS (
  SELECT
    CAST(coalesce(s.${key}, g.${key}) AS VARCHAR) AS key_text,
    s.${key} IS NOT NULL AS in_source,
    g.${key} IS NOT NULL AS in_target,
    list_filter([${differs.join(', ')}], c -> c IS NOT NULL) AS differing,
    ${text('g')} AS target_values,
    ${text('s')} AS source_values,
    g.lsn AS target_lsn, s.lsn AS source_lsn, g.ts_ms AS target_ts_ms, s.ts_ms AS source_ts_ms
  FROM source_live AS s
  FULL OUTER JOIN target_live AS g ON s.${key} = g.${key}
),
judged AS (
  SELECT
    c.*,
    CASE
      WHEN NOT in_target THEN 'missing'
      WHEN NOT in_source THEN 'not_deleted'
      WHEN len(differing) = 0 THEN NULL
      WHEN target_ts_ms = source_ts_ms THEN 'same_millisecond'
      ELSE 'stale'
    END AS kind,
    (SELECT t.lsn FROM truth AS t WHERE CAST(t.${key} AS VARCHAR) = c.key_text AND t.is_deleted) AS deleted_at_lsn
  FROM compared AS c
)
SELECT
  (SELECT count(*) FROM source_live) AS source_rows,
  (SELECT count(*) FROM target_live) AS target_rows,
  count(*) FILTER (WHERE kind = 'missing') AS missing,
  count(*) FILTER (WHERE kind = 'not_deleted') AS not_deleted,
  count(*) FILTER (WHERE kind = 'same_millisecond') AS same_millisecond,
  count(*) FILTER (WHERE kind = 'stale') AS stale,
  coalesce(list({
    'key': key_text, 'kind': kind, 'differing': differing, 'target_values': target_values, 'source_values': source_values,
    'target_lsn': target_lsn, 'source_lsn': source_lsn, 'target_ts_ms': target_ts_ms, 'source_ts_ms': source_ts_ms, 'deleted_at_lsn': deleted_at_lsn
  } ORDER BY key_text) FILTER (WHERE kind IS NOT NULL), []) AS differences
FROM judged`;
}

function optionalNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function toDifferences(table: SourceTable, rows: unknown): Difference[] {
  const list = (Array.isArray(rows) ? rows : [...((rows as Iterable<unknown> | null) ?? [])]) as Record<string, unknown>[];
  return list.slice(0, differenceSample).map((entry) => {
    const row = typeof (entry as {toJSON?: () => unknown}).toJSON === 'function' ? ((entry as {toJSON: () => Record<string, unknown>}).toJSON()) : entry;
    const asList = (value: unknown): (string | null)[] => [...((value as Iterable<string | null> | null) ?? [])];
    const kind = row.kind as DifferenceKind;
    const differing = asList(row.differing).filter((column): column is string => column !== null);
    const columns = kind === 'missing' || kind === 'not_deleted' ? table.columns.map((column) => column.name) : differing;
    const pickValues = (values: (string | null)[]) => Object.fromEntries(columns.map((column) => [column, values[table.columns.findIndex((candidate) => candidate.name === column)] ?? null]));
    return {
      key: String(row.key),
      kind,
      columns,
      targetValues: kind === 'missing' ? {} : pickValues(asList(row.target_values)),
      sourceValues: kind === 'not_deleted' ? {} : pickValues(asList(row.source_values)),
      targetLsn: optionalNumber(row.target_lsn),
      sourceLsn: optionalNumber(row.source_lsn),
      targetTsMs: optionalNumber(row.target_ts_ms),
      sourceTsMs: optionalNumber(row.source_ts_ms),
      deletedAtLsn: optionalNumber(row.deleted_at_lsn),
    };
  });
}

/**
 * Compares the target with the source's true state once the records before `readUpTo` (in read
 * order) are read: per key, the change with the highest `source.lsn` read so far. Converged means
 * the same live keys with the same values; otherwise each differing key says why.
 */
export async function checkConvergence(engine: SqlEngine, specInput: CdcSpecInput, readUpTo: number): Promise<Convergence> {
  const spec = parseCdcSpec(specInput, 'checkConvergence');
  const log = new StepLog(engine);
  return convergenceOf(log, spec, sourceTables[spec.source], readUpTo);
}

async function convergenceOf(log: StepLog, spec: CdcSpec, table: SourceTable, readUpTo: number): Promise<Convergence> {
  const row: Row = await log.one(convergenceSql(spec, table), [readUpTo]);
  const counts = {missing: num(row, 'missing'), not_deleted: num(row, 'not_deleted'), same_millisecond: num(row, 'same_millisecond'), stale: num(row, 'stale')};
  return {
    converged: Object.values(counts).every((count) => count === 0),
    sourceRows: num(row, 'source_rows'),
    targetRows: num(row, 'target_rows'),
    counts,
    differences: toDifferences(table, row.differences),
  };
}

/**
 * Applies micro-batch `batch` of `spec.batches` of the change stream to the target with one MERGE
 * and compares the target with the source's true state at that position. The batch's change
 * events are parsed from the envelope (tombstones skipped), reduced to the latest change per key
 * by the spec's ordering, and merged: an SCD1 target takes a change only when it is newer than the
 * row it meets (by LSN or `source.ts_ms`; arrival order has no such guard), deletes remove the row
 * or flag it; an SCD2 target goes through the injected type 2 MERGE.
 */
export async function applyChangeBatch(engine: SqlEngine, specInput: CdcSpecInput, batch: number, deps: CdcDependencies = {}): Promise<CdcBatchResult> {
  const spec = parseCdcSpec(specInput, 'applyChangeBatch');
  if (!Number.isInteger(batch) || batch < 1 || batch > spec.batches) {
    throw new RangeError(`applyChangeBatch: batch ${batch} does not exist; there are ${spec.batches}.`);
  }
  if (spec.target === 'scd2' && !deps.mergeScd2) {
    throw new RangeError('applyChangeBatch: an SCD2 target needs the type 2 MERGE: pass mergeScd2 from the playground.');
  }
  const table = sourceTables[spec.source];
  const q = quoteIdentifier;
  const log = new StepLog(engine);
  const {value, elapsedMs} = await timed(deps.now ?? (() => performance.now()), async () => {
    const total = num(await log.one(`SELECT count(*) AS n FROM ${q(spec.events)}`), 'n');
    const {from, to} = batchRange(total, batch, spec.batches);
    await log.rows(stageChangesSql(spec, table), [from, to]);
    const staged = await log.one(
      `SELECT count(*) AS changes, count(DISTINCT ${q(table.key.name)}) AS keys FROM ${q(changesTable(spec))}`,
    );
    const changeEvents = num(staged, 'changes');
    const latest = num(staged, 'keys');
    let inserted = 0;
    let updated = 0;
    let deleted = 0;
    let skippedAsOlder = 0;
    if (spec.target === 'scd1') {
      await log.rows(createTargetSql(spec, table));
      const actions = await log.rows(scd1MergeSql(spec, table));
      inserted = actions.filter((action) => action.merge_action === 'INSERT').length;
      updated = actions.filter((action) => action.merge_action === 'UPDATE').length;
      deleted = actions.filter((action) => action.merge_action === 'DELETE').length;
      skippedAsOlder = latest - actions.length;
    } else {
      await log.rows(scd2StageSql(spec, table));
      const result = await deps.mergeScd2!(engine, {
        dimension: spec.targetTable,
        batch: `${spec.targetTable}__scd2_batch`,
        naturalKey: table.key.name,
        trackedColumns: table.columns.map((column) => column.name),
        changedAt: 'changed_at',
        sequence: 'change_seq',
        operation: 'op',
        deleteValue: 'delete',
        deletes: spec.deletes === 'soft' ? 'new_record' : 'invalidate',
        surrogateKey: `${table.name}_sk`,
      });
      inserted = result.inserted;
      updated = result.updated;
      deleted = result.removed;
    }
    const convergence = await convergenceOf(log, spec, table, to);
    return {records: to - from, changeEvents, latest, inserted, updated, deleted, skippedAsOlder, convergence};
  });
  return {
    batch,
    batches: spec.batches,
    records: value.records,
    tombstones: value.records - value.changeEvents,
    changeEvents: value.changeEvents,
    supersededInBatch: value.changeEvents - value.latest,
    inserted: value.inserted,
    updated: value.updated,
    deleted: value.deleted,
    skippedAsOlder: value.skippedAsOlder,
    convergence: value.convergence,
    sql: log.sql,
    params: log.params,
    elapsedMs,
  };
}

/** Drops the target and its staging tables, so a run starts from an empty target. */
export async function resetCdcTarget(engine: SqlEngine, specInput: CdcSpecInput = {}): Promise<void> {
  const spec = parseCdcSpec(specInput, 'resetCdcTarget');
  for (const name of [spec.targetTable, changesTable(spec), `${spec.targetTable}__scd2_batch`, `${spec.targetTable}__scd_stage`]) {
    await engine.query(`DROP TABLE IF EXISTS ${quoteIdentifier(name)}`);
  }
}

/** Applies every micro-batch to a fresh target, in order, and returns what each did. */
export async function applyChanges(engine: SqlEngine, specInput: CdcSpecInput = {}, deps: CdcDependencies = {}): Promise<CdcBatchResult[]> {
  const spec = parseCdcSpec(specInput, 'applyChanges');
  await resetCdcTarget(engine, spec);
  const results: CdcBatchResult[] = [];
  for (let batch = 1; batch <= spec.batches; batch += 1) {
    results.push(await applyChangeBatch(engine, spec, batch, deps));
  }
  return results;
}
