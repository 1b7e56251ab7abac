import {beforeAll, describe, expect, it} from 'vitest';
import {loadDataset} from '../../../playground';
import {machineTypes} from '../../../playground/datasets/machines';
import {
  appendWithSchemaEvolution,
  monitorColumnCount,
  updateKeyRegistry,
  type AppendWithSchemaEvolutionResult,
  type UpdateKeyRegistryResult,
} from '../../../playground/flatten';
import {nodeEngineForFile} from '../nodeEngine';

/*
 * Two batches around the firmware rollout: batch 1 holds the events before the first machine's
 * rollout, batch 2 the rest. The rollout adds five keys and turns vib_mm_s into a decimal.
 */

const engine = nodeEngineForFile();
let rollout: string;
let batchRows: [number, number];

const rows = 100_000;
const rolloutKeys = ['edge_ts', 'energy_kwh', 'fw_build', 'health_score', 'oee_pct'];

beforeAll(async () => {
  await loadDataset(engine, {name: 'sensor_events', rows, seed: 42});
  const firmwareAfter = machineTypes.map((type) => type.firmwareAfter);
  const first = await engine.query(
    `SELECT min(event_ts) AS rollout FROM sensor_events WHERE firmware IN (${firmwareAfter.map(() => '?').join(', ')})`,
    firmwareAfter,
  );
  rollout = new Date(Number(first.getChild('rollout')?.get(0))).toISOString();
  const counts = await engine.query(`SELECT count(*) FILTER (WHERE event_ts < ?::TIMESTAMP) AS before, count(*) AS total FROM sensor_events`, [rollout]);
  const before = Number(counts.getChild('before')?.get(0));
  batchRows = [before, Number(counts.getChild('total')?.get(0)) - before];
}, 60_000);

function batch1() {
  return {id: 'before-rollout', to: rollout};
}

function batch2() {
  return {id: 'after-rollout', from: rollout};
}

describe('step 8: updateKeyRegistry across a firmware rollout', () => {
  let first: UpdateKeyRegistryResult;
  let second: UpdateKeyRegistryResult;

  beforeAll(async () => {
    await engine.query('CREATE TABLE flat8 AS SELECT * FROM sensor_events LIMIT 0');
    first = await updateKeyRegistry(engine, {batch: batch1(), registry: 'registry8', table: 'flat8'});
    second = await updateKeyRegistry(engine, {batch: batch2(), registry: 'registry8', table: 'flat8'});
  }, 30_000);

  it('registers the keys of batch 1 with their first and last event, and adds their columns', async () => {
    expect(first.step).toBe(8);
    expect(first.batch).toEqual({id: 'before-rollout', from: null, to: rollout, rows: batchRows[0]});
    const keys = await engine.query(
      `SELECT DISTINCT unnest(map_keys(customExtension)) AS key FROM sensor_events WHERE event_ts < ?::TIMESTAMP ORDER BY key`,
      [rollout],
    );
    expect(first.newKeys.map((key) => key.key).sort()).toEqual(keys.toArray().map((row) => row.key));
    expect(first.newKeys.filter((key) => rolloutKeys.includes(key.key))).toEqual([]);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    expect(first.params).toHaveLength(first.sql.length);
    expect(first.seenAgain).toBe(0);
    expect(first.addedColumns.map((column) => column.column).sort()).toEqual(first.newKeys.map((key) => key.column).sort());
    for (const key of first.newKeys) {
      expect(key.firstSeen <= key.lastSeen).toBe(true);
      expect(key.lastSeen < rollout).toBe(true);
    }
    // Before the rollout vib_mm_s sends only whole numbers, so the batch registers it as an integer.
    expect(first.newKeys.find((key) => key.key === 'vib_mm_s')).toMatchObject({column: 'ext_vib_mm_s', type: 'BIGINT', valueType: 'integer'});
    expect(first.sql.filter((sql) => sql.startsWith('ALTER TABLE "flat8" ADD COLUMN'))).toHaveLength(first.newKeys.length);
  });

  it('adds the rollout keys in batch 2, first seen after the rollout, as new columns', async () => {
    expect(second.newKeys.map((key) => key.key).sort()).toEqual(rolloutKeys);
    for (const key of second.newKeys) {
      expect(key.firstSeen >= rollout).toBe(true);
    }
    expect(second.addedColumns).toEqual(second.newKeys.map((key) => ({key: key.key, column: key.column, type: key.type})));
    expect(second.addedColumns.find((column) => column.key === 'edge_ts')).toEqual({key: 'edge_ts', column: 'ext_edge_ts', type: 'TIMESTAMP'});
    expect(second.seenAgain).toBe(first.newKeys.length);
    expect(second.registry).toHaveLength(first.newKeys.length + rolloutKeys.length);
    const columns = await engine.query(`SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'flat8'`);
    expect(Number(columns.getChild('n')?.get(0))).toBe(9 + second.registry.length);
  });

  it('keeps a registered type and reports the drift of vib_mm_s instead', async () => {
    const vibration = second.registry.find((key) => key.key === 'vib_mm_s')!;
    expect(vibration.type).toBe('BIGINT');
    expect(vibration.firstSeen).toBe(first.newKeys.find((key) => key.key === 'vib_mm_s')!.firstSeen);
    expect(vibration.lastSeen >= rollout).toBe(true);
    const drift = second.drift.find((key) => key.key === 'vib_mm_s');
    expect(drift).toMatchObject({registeredType: 'integer', batchType: 'decimal'});
    expect(drift!.batchFailureShare).toBeGreaterThan(0.2);
    expect(second.drift.map((key) => key.key)).toEqual(['vib_mm_s']);
  });

  it('stores the registry as a table with the documented columns', async () => {
    const table = await engine.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'registry8' ORDER BY ordinal_position`);
    expect(table.toArray().map((row) => [row.column_name, row.data_type])).toEqual([
      ['key', 'VARCHAR'],
      ['column_name', 'VARCHAR'],
      ['first_seen', 'TIMESTAMP'],
      ['last_seen', 'TIMESTAMP'],
      ['type', 'VARCHAR'],
    ]);
  });

  it('adds no column when the flattened table does not exist yet', async () => {
    const result = await updateKeyRegistry(engine, {batch: batch1(), registry: 'registry_alone', table: 'no_flat_table'});
    expect(result.newKeys.length).toBe(first.newKeys.length);
    expect(result.addedColumns).toEqual([]);
  });

  it('refuses a batch bound that is not a date', async () => {
    await expect(updateKeyRegistry(engine, {batch: {id: 'x', from: 'yesterday'}})).rejects.toThrow(RangeError);
  });
});

describe('step 9: appendWithSchemaEvolution across a firmware rollout', () => {
  let first: AppendWithSchemaEvolutionResult;
  let second: AppendWithSchemaEvolutionResult;

  beforeAll(async () => {
    first = await appendWithSchemaEvolution(engine, {batch: batch1()});
    second = await appendWithSchemaEvolution(engine, {batch: batch2()});
  }, 30_000);

  it('creates the table with batch 1 and its keys as typed columns', () => {
    expect(first.step).toBe(9);
    expect(first).toMatchObject({created: true, columnsBefore: 0, rowsAppended: batchRows[0], tableRows: batchRows[0]});
    expect(first.columnsAfter).toBe(9 + first.newKeys.length);
    expect(first.sql[0]).toBe('BEGIN TRANSACTION');
    expect(first.sql.at(-1)).toBe('COMMIT');
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it('rolls the whole batch back when a statement fails', async () => {
    await engine.query('CREATE TABLE no_map AS SELECT 1 AS event_id, TIMESTAMP \'2026-01-05\' AS event_ts');
    await expect(appendWithSchemaEvolution(engine, {source: 'no_map', table: 'rolled_back', registry: 'rolled_back_registry'})).rejects.toThrow(
      /no column "customExtension"/,
    );
    const left = await engine.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('rolled_back', 'rolled_back_registry')`);
    expect(Number(left.getChild('n')?.get(0))).toBe(0);
  });

  it('appends batch 2, adding the rollout keys as columns with ALTER TABLE ... ADD COLUMN', async () => {
    expect(second).toMatchObject({created: false, columnsBefore: first.columnsAfter, rowsAppended: batchRows[1], tableRows: rows});
    expect(second.columnsAfter).toBe(first.columnsAfter + rolloutKeys.length);
    expect(second.addedColumns.map((column) => column.key).sort()).toEqual(rolloutKeys);
    const alters = second.sql.filter((sql) => sql.startsWith('ALTER TABLE'));
    expect(alters).toContain('ALTER TABLE "events_flat" ADD COLUMN "ext_edge_ts" TIMESTAMP');
    expect(alters).toHaveLength(rolloutKeys.length);
    const check = await engine.query(`
      SELECT count(*) FILTER (WHERE event_ts < ?::TIMESTAMP AND (ext_edge_ts IS NOT NULL OR ext_oee_pct IS NOT NULL)) AS old_rows_filled,
             count(ext_edge_ts) AS edge_values,
             count(*) FILTER (WHERE customExtension['edge_ts'] IS NOT NULL) AS edge_raw,
             count(DISTINCT event_id) AS events
      FROM events_flat`, [rollout]);
    const row = check.toArray()[0]!.toJSON() as Record<string, bigint>;
    expect(Number(row.old_rows_filled)).toBe(0);
    expect(Number(row.events)).toBe(rows);
    expect(Number(row.edge_values)).toBeGreaterThan(0);
    expect(Number(row.edge_values)).toBeLessThanOrEqual(Number(row.edge_raw));
  });

  it('keeps the column types of batch 1, so the decimal vib_mm_s values of batch 2 fail the cast', async () => {
    const types = await engine.query(`SELECT data_type FROM information_schema.columns WHERE table_name = 'events_flat' AND column_name = 'ext_vib_mm_s'`);
    expect(types.getChild('data_type')?.get(0)).toBe('BIGINT');
    const vibration = second.castFailures.find((entry) => entry.key === 'vib_mm_s');
    const decimals = await engine.query(
      `SELECT count(*) AS n FROM sensor_events WHERE event_ts >= ?::TIMESTAMP AND customExtension['vib_mm_s'] IS NOT NULL AND NOT regexp_full_match(customExtension['vib_mm_s'], '-?[0-9]+')`,
      [rollout],
    );
    expect(vibration?.failed).toBe(Number(decimals.getChild('n')?.get(0)));
    expect(second.drift.map((key) => key.key)).toEqual(['vib_mm_s']);
  });
});

describe('step 11: monitorColumnCount', () => {
  it.each([
    {threshold: 100, level: 'ok'},
    {threshold: 60, level: 'warning'},
    {threshold: 49, level: 'warning'},
    {threshold: 48, level: 'critical'},
  ] as const)('the flattened table against $threshold columns is $level', async ({threshold, level}) => {
    await expectFlattenedTable();
    const result = await monitorColumnCount(engine, {threshold});
    expect(result.step).toBe(11);
    expect(result.columnCount).toBe(49);
    expect(result.promotedColumns).toBe(40);
    expect(result.level).toBe(level);
    expect(result.headroom).toBe(threshold - 49);
    expect(result.warningAt).toBe(Math.ceil(threshold * 0.8));
  });

  it("lists the promoted columns past Delta's first 32", async () => {
    await expectFlattenedTable();
    const result = await monitorColumnCount(engine);
    expect(result.promotedWithoutDeltaStats).toHaveLength(49 - 32);
    expect(result.promotedWithoutDeltaStats.every((column) => column.startsWith('ext_'))).toBe(true);
    expect(result.params).toEqual([['events_flat']]);
  });

  it('rejects a threshold of 0 and a table that does not exist', async () => {
    await expect(monitorColumnCount(engine, {threshold: 0})).rejects.toThrow(RangeError);
    await expect(monitorColumnCount(engine, {table: 'nowhere'})).rejects.toThrow(/no table/);
  });
});

/** Step 11 reads the table step 9 wrote above (vitest runs the blocks of a file in order). */
async function expectFlattenedTable(): Promise<void> {
  const exists = await engine.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'events_flat'`);
  expect(Number(exists.getChild('n')?.get(0))).toBe(1);
}
