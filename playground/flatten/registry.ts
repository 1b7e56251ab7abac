import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {assignColumnNames} from './naming';
import {identifierSchema, instantSchema, parseStepOptions, type StepInput} from '../lab/options';
import {failureShareSchema, sourceShape} from './options';
import {batchFilter, chooseType, failureShareOf, jsonCastTypes, profileScope, type CastColumn, type ProfileScope} from './profile';
import {StepLog, isoTimestamp, num, str, timed, type StepParam, type StepResult} from '../lab/step';
import {sourceColumns, tableColumns} from './tables';
import {castTypeFor, castTypeFromSql, type ValueType} from './value-types';

/** The options steps 8 and 9 share: the batch, the registry table and the flattened table. */
export const registryShape = {
  ...sourceShape,
  /** The batch: events with `from <= time < to` (either bound optional); `id` labels it in results. */
  batch: z
    .strictObject({
      id: z.string().min(1).default('batch'),
      from: instantSchema.optional(),
      to: instantSchema.optional(),
    })
    .default({id: 'batch'}),
  timeColumn: identifierSchema.default('event_ts'),
  registry: identifierSchema.default('flatten_key_registry'),
  table: identifierSchema.default('events_flat'),
  maxFailureShare: failureShareSchema.default(0.05),
};

const registrySchema = z.strictObject(registryShape);

/** Options of step 8. */
export type UpdateKeyRegistryOptions = StepInput<typeof registrySchema>;

/** Validated options of steps 8 and 9. */
export type RegistryOptions = z.output<typeof registrySchema>;

/** A row of the key registry. */
export interface RegistryEntry {
  key: string;
  column: string;
  /** The column's DuckDB type, fixed when the key was registered. */
  type: string;
  valueType: ValueType;
  /** The earliest and latest event carrying the key, over the batches registered so far (ISO 8601 UTC). */
  firstSeen: string;
  lastSeen: string;
}

/** A registered key whose values in this batch no longer fit its type. */
export interface DriftedKey {
  key: string;
  column: string;
  registeredType: ValueType;
  /** Share of the batch's non-null values the registered type fails on; they become NULL. */
  batchFailureShare: number;
  /** The type this batch alone would suggest. */
  batchType: ValueType;
}

/** A batch as results report it. */
export interface BatchInfo {
  id: string;
  from: string | null;
  to: string | null;
  rows: number;
}

/** What a registry update did; shared by steps 8 and 9. */
export interface RegistryUpdate {
  batch: BatchInfo;
  /** Keys first seen in this batch, now registered with their type and column. */
  newKeys: RegistryEntry[];
  /** Registered keys this batch carried again (their last_seen moved). */
  seenAgain: number;
  /** Columns added to the flattened table, in order. */
  addedColumns: {key: string; column: string; type: string}[];
  drift: DriftedKey[];
  /** The whole registry after the update, by first_seen. */
  registry: RegistryEntry[];
}

/** A registry update and what an append needs next: the source's columns and every registered key's cast. */
export interface RegistryRun {
  update: RegistryUpdate;
  baseColumns: string[];
  castColumns: CastColumn[];
}

/** The batch's WHERE clause and parameters. */
export function registryBatchFilter(options: RegistryOptions): {sql: string; params: StepParam[]} {
  return batchFilter(options.timeColumn, options.batch.from ?? null, options.batch.to ?? null);
}

function entryFromRow(row: Record<string, unknown>): RegistryEntry {
  const type = str(row, 'type');
  return {
    key: str(row, 'key'),
    column: str(row, 'column_name'),
    type,
    valueType: castTypeFromSql(type).type,
    firstSeen: isoTimestamp(num(row, 'first_seen')),
    lastSeen: isoTimestamp(num(row, 'last_seen')),
  };
}

/**
 * Runs a registry update inside the caller's transaction: creates the registry if needed,
 * profiles the whole batch in one pass, registers new keys with a type and a unique column name,
 * moves first/last seen of known keys (never their type), and adds missing columns to the
 * flattened table when it exists.
 */
export async function runRegistryUpdate(log: StepLog, options: RegistryOptions): Promise<RegistryRun> {
  const registry = quoteIdentifier(options.registry);
  const filter = registryBatchFilter(options);
  const source = await sourceColumns(log, options.source, options.mapColumn);
  await log.rows(`CREATE TABLE IF NOT EXISTS ${registry} (
  "key" VARCHAR PRIMARY KEY,
  "column_name" VARCHAR NOT NULL UNIQUE,
  "first_seen" TIMESTAMP NOT NULL,
  "last_seen" TIMESTAMP NOT NULL,
  "type" VARCHAR NOT NULL
)`);
  const batchRows = num(
    await log.one(`SELECT count(*) AS batch_rows FROM ${quoteIdentifier(options.source)}${filter.sql ? ` ${filter.sql}` : ''}`, filter.params),
    'batch_rows',
  );
  const scope: ProfileScope = {
    kind: 'batch',
    source: options.source,
    mapColumn: options.mapColumn,
    timeColumn: options.timeColumn,
    from: options.batch.from ?? null,
    to: options.batch.to ?? null,
  };
  const profile = await profileScope(log, scope);
  const registered = new Map(
    (await log.rows(`SELECT "key", "column_name", "type" FROM ${registry}`)).map((row) => [
      str(row, 'key'),
      {column: str(row, 'column_name'), cast: castTypeFromSql(str(row, 'type'))},
    ]),
  );
  const flat = await tableColumns(log, options.table);

  const fresh = profile.keys.filter((key) => !registered.has(key.key));
  const freshTypes = new Map(fresh.map((key) => [key.key, chooseType(key, options.maxFailureShare)]));
  const jsonCasts = await jsonCastTypes(
    log,
    scope,
    fresh.filter((key) => freshTypes.get(key.key) === 'json').map((key) => key.key),
  );
  const names = assignColumnNames(
    fresh.map((key) => key.key),
    [...Array.from(registered.values(), (entry) => entry.column), ...source.map((column) => column.name), ...flat.map((column) => column.name)],
  );
  if (fresh.length > 0) {
    await log.rows(
      `INSERT INTO ${registry} ("key", "column_name", "first_seen", "last_seen", "type")
VALUES
  ${fresh.map(() => '(?, ?, ?::TIMESTAMP, ?::TIMESTAMP, ?)').join(',\n  ')}`,
      fresh.flatMap((key) => [
        key.key,
        names.get(key.key)!,
        isoTimestamp(key.firstSeenMs!),
        isoTimestamp(key.lastSeenMs!),
        (jsonCasts.get(key.key) ?? castTypeFor(freshTypes.get(key.key)!)).sqlType,
      ]),
    );
  }
  const seen = profile.keys.filter((key) => registered.has(key.key));
  if (seen.length > 0) {
    await log.rows(
      `UPDATE ${registry} AS r
SET
  "first_seen" = least(r."first_seen", b."first_seen"),
  "last_seen" = greatest(r."last_seen", b."last_seen")
FROM (VALUES
  ${seen.map(() => '(?, ?::TIMESTAMP, ?::TIMESTAMP)').join(',\n  ')}
) AS b("key", "first_seen", "last_seen")
WHERE r."key" = b."key"`,
      seen.flatMap((key) => [key.key, isoTimestamp(key.firstSeenMs!), isoTimestamp(key.lastSeenMs!)]),
    );
  }
  const entries = (
    await log.rows(`SELECT "key", "column_name", "first_seen", "last_seen", "type"
FROM ${registry}
ORDER BY "first_seen", "key"`)
  ).map(entryFromRow);

  const addedColumns: RegistryUpdate['addedColumns'] = [];
  if (flat.length > 0) {
    const present = new Set(flat.map((column) => column.name.toLowerCase()));
    for (const entry of entries.filter((candidate) => !present.has(candidate.column.toLowerCase()))) {
      await log.rows(`ALTER TABLE ${quoteIdentifier(options.table)} ADD COLUMN ${quoteIdentifier(entry.column)} ${castTypeFromSql(entry.type).sqlType}`);
      addedColumns.push({key: entry.key, column: entry.column, type: entry.type});
    }
  }
  const freshKeys = new Set(fresh.map((key) => key.key));
  return {
    update: {
      batch: {id: options.batch.id, from: options.batch.from ?? null, to: options.batch.to ?? null, rows: batchRows},
      newKeys: entries.filter((entry) => freshKeys.has(entry.key)),
      seenAgain: seen.length,
      addedColumns,
      drift: seen.flatMap((key): DriftedKey[] => {
        const entry = registered.get(key.key)!;
        const batchFailureShare = failureShareOf(key, entry.cast.type);
        return batchFailureShare > options.maxFailureShare
          ? [{key: key.key, column: entry.column, registeredType: entry.cast.type, batchFailureShare, batchType: chooseType(key, options.maxFailureShare)}]
          : [];
      }),
      registry: entries,
    },
    baseColumns: source.map((column) => column.name),
    castColumns: entries.map((entry) => ({key: entry.key, column: entry.column, cast: castTypeFromSql(entry.type)})),
  };
}

/** Runs `work` in a transaction whose BEGIN and COMMIT are part of the step's SQL; rolls back on failure. */
export async function inTransaction<T>(log: StepLog, work: () => Promise<T>): Promise<T> {
  await log.rows('BEGIN TRANSACTION');
  try {
    const value = await work();
    await log.rows('COMMIT');
    return value;
  } catch (error) {
    // A failed statement may already have ended the transaction; the original error is the one to report.
    await log.rows('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Step 8's result. */
export interface UpdateKeyRegistryResult extends StepResult, RegistryUpdate {
  registryTable: string;
  table: string;
}

/**
 * Step 8: keeps a registry of known keys (`key`, `column_name`, `first_seen`, `last_seen`,
 * `type`) up to date batch by batch. A key's type is fixed when it is first registered, so a
 * column's type never flips between batches; a registered key whose values stop fitting its type
 * is reported as drift instead. Newly discovered keys become columns of the flattened table
 * (ALTER TABLE ... ADD COLUMN) when it exists. In production a person reviews the proposals
 * before promotion; here every key is promoted.
 */
export async function updateKeyRegistry(engine: SqlEngine, input: UpdateKeyRegistryOptions = {}): Promise<UpdateKeyRegistryResult> {
  const {options, now} = parseStepOptions(registrySchema, input, 'updateKeyRegistry');
  const log = new StepLog(engine);
  const {value, elapsedMs} = await timed(now, () => inTransaction(log, () => runRegistryUpdate(log, options)));
  const {update, castColumns} = value;
  return {
    step: 8,
    title: 'Promote new keys through a registry',
    sql: log.sql,
    params: log.params,
    metrics: {rowsIn: update.batch.rows, rowsOut: update.registry.length, columns: castColumns.length, elapsedMs},
    registryTable: options.registry,
    table: options.table,
    ...update,
  };
}
