import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {inlineParams} from '../sql/inline';
import {quoteIdentifier} from '../sql/quote';
import {parseOptions} from '../lab/options';
import {isoTimestamp} from '../lab/step';
import {checkScd2Invariants, type Scd2InvariantReport} from './invariants';
import {mergeScd2, type ScdMergeResult} from './scd2';
import {mergeScd1, mergeScd3, mergeScd6, type Scd6Result, type ScdLoadResult} from './other-types';
import {parseScdSpec, scdColumns, type ScdSpecInput} from './spec';

const batchSchema = z.strictObject({
  batch: z.number().int().min(1),
  batches: z.number().int().min(1).max(100),
});

/** One batch of the change stream, as the lab staged it. */
export interface StagedBatch {
  batch: number;
  batches: number;
  rows: number;
  /** The arrival window of the batch (ingested_at), ISO 8601 UTC. */
  arrivedFrom: string | null;
  arrivedTo: string | null;
  /** Changes that arrived after a later change of the same machine (out of order), in this batch or an earlier one. */
  outOfOrder: number;
  /** Of those, changes older than the machine's latest change in an earlier batch: they land inside stored history. */
  lateChanges: number;
}

/** The table the lab stages a batch into: the `batch` of every SCD spec's default. */
export const scdBatchTable = 'scd_batch';

/**
 * Stages batch `batch` of `batches` of `machine_config_changes` into `scd_batch`: the changes cut
 * into equal parts by arrival (ingested_at, then change_id), as a stream delivers them, so a
 * batch holds duplicates, out-of-order changes and deletes as they came.
 */
export async function stageScdBatch(engine: SqlEngine, input: {batch: number; batches: number}): Promise<StagedBatch> {
  const {batch, batches} = parseOptions(batchSchema, input, 'stageScdBatch');
  if (batch > batches) {
    throw new RangeError(`stageScdBatch: batch ${batch} does not exist; there are ${batches}.`);
  }
  const table = quoteIdentifier(scdBatchTable);
  await engine.query(
    `CREATE OR REPLACE TABLE ${table} AS
SELECT * EXCLUDE (batch_no)
FROM (SELECT *, ntile(?) OVER (ORDER BY ingested_at, change_id) AS batch_no FROM machine_config_changes)
WHERE batch_no = ?`,
    [batches, batch],
  );
  const stats = await engine.query(
    `WITH numbered AS (
  SELECT
    *,
    ntile(?) OVER (ORDER BY ingested_at, change_id) AS batch_no,
    max(changed_at) OVER (PARTITION BY machine_id ORDER BY ingested_at, change_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_arrived
  FROM machine_config_changes
),
earlier AS (SELECT machine_id, max(changed_at) AS latest FROM numbered WHERE batch_no < ? GROUP BY machine_id)
SELECT
  count(*) AS n,
  min(b.ingested_at) AS arrived_from,
  max(b.ingested_at) AS arrived_to,
  count(*) FILTER (WHERE b.changed_at < e.latest) AS late,
  count(*) FILTER (WHERE b.changed_at < b.latest_arrived) AS out_of_order
FROM numbered AS b
LEFT JOIN earlier AS e USING (machine_id)
WHERE b.batch_no = ?`,
    [batches, batch, batch],
  );
  const row = stats.toArray()[0]?.toJSON() as Record<string, unknown>;
  const time = (value: unknown) => (value === null || value === undefined ? null : isoTimestamp(Number(value)));
  return {
    batch,
    batches,
    rows: Number(row.n),
    arrivedFrom: time(row.arrived_from),
    arrivedTo: time(row.arrived_to),
    outOfOrder: Number(row.out_of_order),
    lateChanges: Number(row.late),
  };
}

/** The SCD lab's four dimensions of `machine_config_changes`, one per type. */
export const scdLabDimensions = {scd1: 'dim_machine_scd1', scd2: 'dim_machine_scd2', scd3: 'dim_machine_scd3', scd6: 'dim_machine_scd6'} as const;

/** What applying one batch did to the SCD lab's four dimensions, and the type 2 history's invariants after it. */
export interface ScdLabBatch {
  staged: StagedBatch;
  scd1: ScdLoadResult;
  scd2: ScdMergeResult;
  scd3: ScdLoadResult;
  scd6: Scd6Result;
  invariants: Scd2InvariantReport;
}

/**
 * One step of the SCD lab: stages batch `batch` of `batches` of `machine_config_changes`, merges it
 * into the four dimensions (types 1, 2, 3 and 6) and checks the type 2 history.
 */
export async function applyScdLabBatch(engine: SqlEngine, input: {batch: number; batches: number}): Promise<ScdLabBatch> {
  const staged = await stageScdBatch(engine, input);
  const scd1 = await mergeScd1(engine, {dimension: scdLabDimensions.scd1});
  const scd2 = await mergeScd2(engine, {dimension: scdLabDimensions.scd2});
  const scd3 = await mergeScd3(engine, {dimension: scdLabDimensions.scd3});
  const scd6 = await mergeScd6(engine, {dimension: scdLabDimensions.scd6});
  const invariants = await checkScd2Invariants(engine, {dimension: scdLabDimensions.scd2});
  return {staged, scd1, scd2, scd3, scd6, invariants};
}

/**
 * Whether the four dimensions still hold what `applied` left: all four exist and the type 2
 * dimension has the versions its check counted. A batch applied before the click (a speculative
 * start) is only shown if so: an engine restart or the reader's own SQL may have dropped a table since.
 */
export async function scdLabBatchInPlace(engine: SqlEngine, applied: ScdLabBatch): Promise<boolean> {
  const counts = Object.values(scdLabDimensions)
    .map((table) => `(SELECT count(*) FROM ${quoteIdentifier(table)})`)
    .join(', ');
  try {
    const row = (await engine.query(`SELECT ${counts}`)).toArray()[0]?.toArray() as unknown[] | undefined;
    return row !== undefined && Number(row[1]) === applied.invariants.rows;
  } catch {
    return false;
  }
}

const scenarioSchema = z.strictObject({
  dimensionRows: z.number().int().min(1).max(5_000_000).default(10_000),
  changes: z.number().int().min(0).default(2_000),
  newKeys: z.number().int().min(0).default(500),
  dimension: z.string().min(1).default('bench_dim_machine'),
});

/** Options of `scdMergeScenario`: a dimension of `dimensionRows` machines, then a batch of changes and new machines. */
export type ScdScenarioOptions = z.input<typeof scenarioSchema>;

/** What the scenario measured, and every statement it ran (values inlined) so another engine can replay it. */
export interface ScdScenarioResult {
  merge: ScdMergeResult;
  invariants: Scd2InvariantReport;
  mergeMs: number;
  checkMs: number;
  totalMs: number;
  /** Statements that build the dimension and the batch (not timed). */
  setupSql: string[];
  /** The MERGE's and the check's statements (timed). */
  timedSql: string[];
}

/** The scenario's steps in order, for a progress line: the first three build the data, the last two are timed. */
export const scdScenarioSteps = ['generate', 'load', 'stage', 'merge', 'check'] as const;
export type ScdScenarioStep = (typeof scdScenarioSteps)[number];

/** An engine that also writes down each statement it runs, values inlined. */
function recording(engine: SqlEngine, statements: string[]): SqlEngine {
  return {
    query: (sql, params) => {
      statements.push(inlineParams(sql, params ?? []));
      return engine.query(sql, params);
    },
    insertArrow: (name, table, mode) => engine.insertArrow(name, table, mode),
    cancel: () => engine.cancel(),
    close: () => engine.close(),
  };
}

/**
 * The benchmark scenario of the SCD lab: a type 2 dimension of `dimensionRows` current machines,
 * then one batch of `changes` changed machines and `newKeys` new ones, merged, and the history of
 * the machines the batch touched checked (the others did not change). The
 * data comes from `range` and hashes, so every run and every engine sees the same rows.
 */
export async function scdMergeScenario(
  target: SqlEngine,
  input: ScdScenarioOptions = {},
  onStep: (step: ScdScenarioStep) => void = () => {},
): Promise<ScdScenarioResult> {
  const options = parseOptions(scenarioSchema, input, 'scdMergeScenario');
  const setupSql: string[] = [];
  const timedSql: string[] = [];
  const engine = recording(target, setupSql);
  if (options.changes > options.dimensionRows) {
    throw new RangeError(`scdMergeScenario: ${options.changes} changes need at least as many machines; the dimension has ${options.dimensionRows}.`);
  }
  const dimension = quoteIdentifier(options.dimension);
  const batch = quoteIdentifier(`${options.dimension}_batch`);
  onStep('generate');
  await engine.query(`DROP TABLE IF EXISTS ${dimension}`);
  await engine.query(
    `CREATE TABLE ${batch} AS
SELECT
  i AS change_id,
  'M' || lpad(CAST(i AS VARCHAR), 7, '0') AS machine_id,
  'insert' AS op,
  TIMESTAMP '2026-01-01 00:00:00' AS changed_at,
  '2.' || (hash(i, 'fw') % 3) || '.0' AS firmware,
  'L' || (hash(i, 'line') % 20) AS line_id,
  CAST((hash(i, 'cal') % 500) / 1000.0 AS DECIMAL(6,3)) AS calibration_offset,
  ['auto', 'manual', 'setup'][CAST(1 + hash(i, 'mode') % 3 AS BIGINT)] AS operating_mode
FROM range(?::BIGINT) AS t(i)`,
    [options.dimensionRows],
  );
  const spec = {dimension: options.dimension, batch: `${options.dimension}_batch`};
  onStep('load');
  await mergeScd2(engine, spec);
  onStep('stage');
  await engine.query(
    `CREATE OR REPLACE TABLE ${batch} AS
SELECT
  ?::BIGINT + i AS change_id,
  'M' || lpad(CAST(i AS VARCHAR), 7, '0') AS machine_id,
  'update' AS op,
  TIMESTAMP '2026-01-02 00:00:00' + to_minutes(i % 600) AS changed_at,
  '3.0.0' AS firmware,
  'L' || (hash(i, 'line') % 20) AS line_id,
  CAST((hash(i, 'cal') % 500) / 1000.0 AS DECIMAL(6,3)) AS calibration_offset,
  ['auto', 'manual', 'setup'][CAST(1 + hash(i, 'mode') % 3 AS BIGINT)] AS operating_mode
FROM range(?::BIGINT) AS t(i)
UNION ALL
SELECT
  ?::BIGINT + i,
  'M' || lpad(CAST(?::BIGINT + i AS VARCHAR), 7, '0'),
  'insert',
  TIMESTAMP '2026-01-02 00:00:00',
  '3.0.0',
  'L1',
  0.125,
  'auto'
FROM range(?::BIGINT) AS t(i)`,
    [options.dimensionRows, options.changes, 2 * options.dimensionRows, options.dimensionRows, options.newKeys],
  );
  const timed = recording(target, timedSql);
  onStep('merge');
  const started = performance.now();
  const merge = await mergeScd2(timed, spec);
  const merged = performance.now();
  onStep('check');
  const invariants = await checkScd2Invariants(timed, spec, {keysOf: spec.batch});
  const checked = performance.now();
  await target.query(`DROP TABLE ${batch}`);
  return {merge, invariants, mergeMs: merged - started, checkMs: checked - merged, totalMs: checked - started, setupSql, timedSql};
}

/** One version of a key, as the timeline draws it. */
export interface HistoryVersion {
  validFrom: string;
  /** NULL: open (current, or closed by nothing yet). */
  validTo: string | null;
  isCurrent: boolean;
  /** The tracked columns' values as text (NULL stays null). */
  values: Record<string, string | null>;
}

/** The type 2 history of one key, oldest first. */
export async function scd2History(engine: SqlEngine, specInput: ScdSpecInput, key: string): Promise<HistoryVersion[]> {
  const spec = parseScdSpec(specInput, 'scd2History');
  const columns = scdColumns(spec);
  const q = quoteIdentifier;
  const params: string[] = [];
  const open = spec.openEnd === 'null' ? `${q(columns.validTo)} IS NULL` : `${q(columns.validTo)} = ?::TIMESTAMP`;
  if (spec.openEnd !== 'null') {
    params.push(spec.openEnd.farFuture);
  }
  params.push(key);
  const result = await engine.query(
    `SELECT
  ${q(columns.validFrom)} AS valid_from,
  CASE WHEN ${open} THEN NULL ELSE ${q(columns.validTo)} END AS valid_to,
  ${columns.isCurrent ? q(columns.isCurrent) : `${q(columns.validTo)} IS NULL`} AS is_current,
  ${spec.trackedColumns.map((column) => `CAST(${q(column)} AS VARCHAR) AS ${q(column)}`).join(',\n  ')}
FROM ${q(spec.dimension)}
WHERE ${q(spec.naturalKey)} = ?
ORDER BY valid_from`,
    params,
  );
  return result.toArray().map((row) => {
    const value = row.toJSON() as Record<string, unknown>;
    return {
      validFrom: isoTimestamp(Number(value.valid_from)),
      validTo: value.valid_to === null ? null : isoTimestamp(Number(value.valid_to)),
      isCurrent: value.is_current === true,
      values: Object.fromEntries(spec.trackedColumns.map((column) => [column, value[column] === null ? null : String(value[column])])),
    };
  });
}

/** The keys with the most versions, most first (ties by key), for picking an interesting timeline. */
export async function keysWithMostVersions(engine: SqlEngine, specInput: ScdSpecInput, limit = 20): Promise<{key: string; versions: number}[]> {
  const spec = parseScdSpec(specInput, 'keysWithMostVersions');
  const key = quoteIdentifier(spec.naturalKey);
  const result = await engine.query(
    `SELECT CAST(${key} AS VARCHAR) AS key, count(*) AS versions FROM ${quoteIdentifier(spec.dimension)} GROUP BY ${key} ORDER BY versions DESC, key LIMIT ?`,
    [limit],
  );
  return result.toArray().map((row) => {
    const value = row.toJSON() as Record<string, unknown>;
    return {key: String(value.key), versions: Number(value.versions)};
  });
}
