import {machineTypes} from '../datasets/machines';
import type {SqlEngine} from '../sql/engine';
import {inlineParams} from '../sql/inline';
import {quoteIdentifier} from '../sql/quote';
import {appendWithSchemaEvolution, type AppendWithSchemaEvolutionResult} from './append';
import {applyDefaults, type ApplyDefaultsResult} from './defaults';
import {explodeSubset, type ExplodeSubsetResult} from './explode';
import {extractKnownKeys, type ExtractKnownKeysResult} from './extract';
import {discoverKeys, type DiscoverKeysResult} from './key-discovery';
import {optimizeLayout, type OptimizeLayoutResult} from './layout';
import {monitorColumnCount, type MonitorColumnCountResult} from './monitor';
import {parseJsonValues, type ParseJsonValuesResult} from './json-values';
import {partitionBeforeExplode, type PartitionBeforeExplodeResult} from './partition';
import {updateKeyRegistry, type UpdateKeyRegistryResult} from './registry';
import {isoTimestamp, type Clock, type StepResult} from '../lab/step';
import {inferTypes, type InferTypesResult} from './type-inference';

/** The tables the lab writes, so a reader can query them in the step editors. */
export const flattenLabTables = {
  extracted: 'events_extracted',
  defaulted: 'events_with_defaults',
  json: 'events_json',
  exploded: 'exploded_subset',
  registry: 'lab_key_registry',
  registryTable: 'lab_registry_flat',
  flat: 'events_flat',
  ordered: 'events_by_machine',
} as const;

/** Every table the steps write, registries included. */
export const flattenLabStepTables: readonly string[] = [...Object.values(flattenLabTables), 'flat_registry'];

/** The tables `compareFlattenPlans` writes by default. */
export const flattenCompareTables: readonly string[] = ['flat_targeted', 'flat_promoted', 'flat_naive'];

/**
 * Drops tables the lab wrote. DuckDB in a browser tab holds every table in memory (about 3 GiB
 * at most); at a million events the steps' tables and the comparison's do not fit together.
 */
export async function dropTables(engine: SqlEngine, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await engine.query(`DROP TABLE IF EXISTS ${quoteIdentifier(table)}`);
  }
}

/** The column threshold step 11 checks in the lab: low enough that the flattened table reaches its warning level. */
export const labColumnThreshold = 50;

/** What one lab step produced: its results (two batches for steps 8 and 9) and the statements it ran. */
export type FlattenLabOutcome =
  | {step: 1; results: [DiscoverKeysResult]}
  | {step: 2; results: [ExtractKnownKeysResult]}
  | {step: 3; results: [ApplyDefaultsResult]}
  | {step: 4; results: [InferTypesResult]}
  | {step: 5; results: [ParseJsonValuesResult]}
  | {step: 6; results: [ExplodeSubsetResult]}
  | {step: 7; results: [PartitionBeforeExplodeResult]}
  | {step: 8; results: [UpdateKeyRegistryResult, UpdateKeyRegistryResult]}
  | {step: 9; results: [AppendWithSchemaEvolutionResult, AppendWithSchemaEvolutionResult]}
  | {step: 10; results: [OptimizeLayoutResult]}
  | {step: 11; results: [MonitorColumnCountResult]};

/** A step of the lab: what it shows and how it runs on the `sensor_events` table. */
export interface FlattenLabStep {
  step: FlattenLabOutcome['step'];
  title: string;
  /** One sentence: what the step buys. */
  goal: string;
  /** Statements run before the step so that running it again gives the same result. */
  setupSql: string[];
  /** A query showing what the step wrote, run after it; absent where the result itself is the preview. */
  previewSql?: string;
  run(engine: SqlEngine, now?: Clock): Promise<FlattenLabOutcome>;
}

const preview = (table: string, orderBy = ''): string => `SELECT * FROM ${quoteIdentifier(table)}${orderBy ? ` ORDER BY ${orderBy}` : ''} LIMIT 20`;

/**
 * Where the lab splits the events into two batches: the first event of a machine on rolled-out
 * firmware, so batch 2 brings new keys. Data with no rollout in it splits at the median time.
 */
export async function rolloutSplit(engine: SqlEngine): Promise<string> {
  const firmware = machineTypes.map((type) => type.firmwareAfter);
  const table = await engine.query(
    `SELECT
  coalesce(min(event_ts) FILTER (WHERE firmware IN (${firmware.map(() => '?').join(', ')})), quantile_disc(event_ts, 0.5)) AS split
FROM sensor_events`,
    firmware,
  );
  const split = table.getChild('split')?.get(0) as number | null | undefined;
  if (split === null || split === undefined) {
    throw new RangeError('sensor_events is empty: generate it before running the lab.');
  }
  return isoTimestamp(Number(split));
}

const dropRegistry = [
  `DROP TABLE IF EXISTS ${quoteIdentifier(flattenLabTables.registry)}`,
  `CREATE OR REPLACE TABLE ${quoteIdentifier(flattenLabTables.registryTable)} AS SELECT * FROM sensor_events LIMIT 0`,
];
const dropFlat = [`DROP TABLE IF EXISTS ${quoteIdentifier(flattenLabTables.flat)}`, `DROP TABLE IF EXISTS ${quoteIdentifier('flat_registry')}`];

async function runAll(engine: SqlEngine, statements: readonly string[]): Promise<void> {
  for (const sql of statements) {
    await engine.query(sql);
  }
}

/** The 11 steps as the lab runs them on `sensor_events`, each repeatable on its own. */
export const flattenLabSteps: readonly FlattenLabStep[] = [
  {
    step: 1,
    title: 'Discover keys from a sample',
    goal: 'Find the keys and their coverage from a seeded 1,000-event sample, and see what the sample missed against a full scan.',
    setupSql: [],
    run: async (engine, now) => ({step: 1, results: [await discoverKeys(engine, {sample: {rows: 1_000}, now})]}),
  },
  {
    step: 2,
    title: 'Extract known keys without exploding',
    goal: 'One column per key by element access in a single projection: one output row per event.',
    setupSql: [],
    previewSql: preview(flattenLabTables.extracted),
    run: async (engine, now) => {
      const discovered = await discoverKeys(engine, {sample: {rows: 1_000}, compareWithFullScan: false, now});
      const keys = discovered.keys.map((key) => key.key);
      return {step: 2, results: [await extractKnownKeys(engine, {keys, target: flattenLabTables.extracted, now})]};
    },
  },
  {
    step: 3,
    title: 'Defaults only where the domain has one',
    goal: 'A missing key is already NULL; default alarm_code to NONE, and never default a missing temperature to 0.',
    setupSql: [],
    previewSql: preview(flattenLabTables.defaulted),
    run: async (engine, now) => ({step: 3, results: [await applyDefaults(engine, {target: flattenLabTables.defaulted, now})]}),
  },
  {
    step: 4,
    title: 'Infer types from a sample',
    goal: 'Profile every key once, choose the most specific type that almost every value fits, and count the values TRY_CAST turns into NULL.',
    setupSql: [],
    run: async (engine, now) => ({step: 4, results: [await inferTypes(engine, {now})]}),
  },
  {
    step: 5,
    title: 'Parse JSON values into STRUCTs',
    goal: "TRY_CAST(value AS STRUCT(...)) is the offline stand-in for Spark's from_json with an explicit schema.",
    setupSql: [],
    previewSql: preview(flattenLabTables.json),
    run: async (engine, now) => ({step: 5, results: [await parseJsonValues(engine, {target: flattenLabTables.json, now})]}),
  },
  {
    step: 6,
    title: 'Explode only a filtered subset',
    goal: 'The long format for one plant and one day, for discovery and debugging, never the whole history.',
    setupSql: [],
    previewSql: preview(flattenLabTables.exploded),
    run: async (engine, now) => ({step: 6, results: [await explodeSubset(engine, {target: flattenLabTables.exploded, now})]}),
  },
  {
    step: 7,
    title: 'Partitioning before an unavoidable explode',
    goal: 'What repartition(200, "machine_id") would cost in Spark, estimated from the data: a full shuffle and skewed tasks for nothing.',
    setupSql: [],
    run: async (engine, now) => ({step: 7, results: [await partitionBeforeExplode(engine, {now})]}),
  },
  {
    step: 8,
    title: 'Keep a registry of known keys',
    goal: 'Two batches around the firmware rollout: batch 2 registers the new keys with their first and last event and adds their columns.',
    setupSql: dropRegistry,
    previewSql: `SELECT * FROM ${quoteIdentifier(flattenLabTables.registry)} ORDER BY first_seen, key`,
    run: async (engine, now) => {
      await runAll(engine, dropRegistry);
      const split = await rolloutSplit(engine);
      const options = {registry: flattenLabTables.registry, table: flattenLabTables.registryTable, now};
      const before = await updateKeyRegistry(engine, {...options, batch: {id: 'before-rollout', to: split}});
      const after = await updateKeyRegistry(engine, {...options, batch: {id: 'after-rollout', from: split}});
      return {step: 8, results: [before, after]};
    },
  },
  {
    step: 9,
    title: 'Append batches, adding columns for new keys',
    goal: "ALTER TABLE ... ADD COLUMN for the keys a batch brings: the single-node analogue of Delta's mergeSchema.",
    setupSql: dropFlat,
    previewSql: preview(flattenLabTables.flat),
    run: async (engine, now) => {
      await runAll(engine, dropFlat);
      const split = await rolloutSplit(engine);
      const options = {registry: 'flat_registry', table: flattenLabTables.flat, now};
      const before = await appendWithSchemaEvolution(engine, {...options, batch: {id: 'before-rollout', to: split}});
      const after = await appendWithSchemaEvolution(engine, {...options, batch: {id: 'after-rollout', from: split}});
      return {step: 9, results: [before, after]};
    },
  },
  {
    step: 10,
    title: 'Order the layout by machine and time',
    goal: 'The single-node analogue of OPTIMIZE ... ZORDER BY: how many row groups a filter on one machine must read, before and after.',
    setupSql: [],
    previewSql: preview(flattenLabTables.ordered),
    run: async (engine, now) => ({step: 10, results: [await optimizeLayout(engine, {target: flattenLabTables.ordered, now})]}),
  },
  {
    step: 11,
    title: 'Monitor the column count',
    goal: `Warn before the flattened table outgrows its threshold (${labColumnThreshold} columns here) and list promoted columns past Delta's first 32 statistics columns.`,
    setupSql: [],
    run: async (engine, now) => {
      const tables = await engine.query('SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ?', [flattenLabTables.flat]);
      if (Number(tables.getChild('n')?.get(0)) === 0) {
        await runAll(engine, dropFlat);
        const options = {registry: 'flat_registry', table: flattenLabTables.flat, now};
        await appendWithSchemaEvolution(engine, {...options, batch: {id: 'all'}});
      }
      return {step: 11, results: [await monitorColumnCount(engine, {table: flattenLabTables.flat, threshold: labColumnThreshold, now})]};
    },
  },
];

/**
 * A step's statements as one script a reader can edit and run: its setup, every statement it
 * ran with the values inlined, and its preview query last, so running the script ends on the
 * preview.
 */
export function labStepScript(step: FlattenLabStep, results: readonly StepResult[]): string {
  const statements = [
    ...step.setupSql,
    ...results.flatMap((result) => result.sql.map((sql, index) => inlineParams(sql, result.params[index] ?? []))),
    ...(step.previewSql ? [step.previewSql] : []),
  ];
  return `${statements.join(';\n\n')};\n`;
}
