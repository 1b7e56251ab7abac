import {beforeAll, describe, expect, it} from 'vitest';
import {loadDataset, quoteIdentifier} from '../../../playground';
import {flattenSql, naiveFlattenSql, planFlatten, type FlattenPlan, type PlannedKey} from '../../../playground/flatten';
import {nodeEngineForFile} from '../nodeEngine';

/*
 * What "the same values" means: for every event and every key, the naive plan's pivoted value
 * (first(value) of the key's pair, VARCHAR) IS NOT DISTINCT FROM the targeted plan's raw element
 * access `customExtension['key']` (VARCHAR): equal strings, or both NULL (the key absent, or sent
 * with a NULL value; neither plan can tell those apart). The targeted plan's typed column must
 * then equal the key's typed expression applied to the naive value, written out independently here.
 */

const engine = nodeEngineForFile();
let plan: FlattenPlan;

const rows = 100_000;

beforeAll(async () => {
  await loadDataset(engine, {name: 'sensor_events', rows, seed: 42});
  plan = await planFlatten(engine);
  await engine.query(`CREATE TABLE targeted_raw AS ${flattenSql(plan, {typed: false})}`);
  await engine.query(`CREATE TABLE targeted AS ${flattenSql(plan)}`);
  await engine.query(`CREATE TABLE naive AS ${naiveFlattenSql({keys: plan.keys})}`);
}, 90_000);

async function first(sql: string): Promise<Record<string, number>> {
  const row = (await engine.query(sql)).toArray()[0]?.toJSON() as Record<string, unknown>;
  return Object.fromEntries(Object.entries(row).map(([name, value]) => [name, Number(value)]));
}

/** The typed value of a naive VARCHAR, per type, as the plan promises it. */
function expectedTyped(key: PlannedKey, value: string): string {
  switch (key.type) {
    case 'string':
      return value;
    case 'integer':
      return `CASE WHEN regexp_full_match(${value}, '-?[0-9]+') THEN TRY_CAST(${value} AS BIGINT) END`;
    case 'decimal':
      return `TRY_CAST(${value} AS DOUBLE)`;
    case 'boolean':
      return `TRY_CAST(${value} AS BOOLEAN)`;
    case 'timestamp':
      return `TRY_CAST(${value} AS TIMESTAMP)`;
    case 'json':
      return `TRY_CAST(${value} AS ${key.sqlType})`;
  }
}

describe('targeted plan vs naive explode-and-pivot on 100k events', () => {
  it('plans every key of the data from a sample, with types and JSON STRUCTs', async () => {
    const keys = await engine.query(`SELECT DISTINCT unnest(map_keys(customExtension)) AS key FROM sensor_events ORDER BY key`);
    expect(plan.keys.map((key) => key.key)).toEqual(keys.toArray().map((row) => row.key));
    expect(plan.sample.rows).toBe(10_000);
    expect(plan.baseColumns).toContain('customExtension');
    const byKey = Object.fromEntries(plan.keys.map((key) => [key.key, key]));
    expect(byKey.vib_mm_s).toMatchObject({column: 'ext_vib_mm_s', type: 'decimal', sqlType: 'DOUBLE', coverage: 1});
    expect(byKey.config).toMatchObject({type: 'json', sqlType: 'STRUCT("mode" VARCHAR, "recipe" VARCHAR, "slots" BIGINT)'});
    expect(byKey.config!.fields.map((field) => field.name)).toEqual(['mode', 'recipe', 'slots']);
    for (const key of plan.keys) {
      expect(key.failureShare, key.key).toBeLessThanOrEqual(plan.maxFailureShare);
    }
    expect(flattenSql(plan)).not.toMatch(/unnest|PIVOT|GROUP BY/i);
  });

  it('produces the same rows: one per event, the same event ids', async () => {
    const counts = await first(`
      SELECT (SELECT count(*) FROM targeted) AS targeted,
             (SELECT count(*) FROM naive) AS naive,
             (SELECT count(DISTINCT event_id) FROM naive) AS naive_ids,
             (SELECT count(*) FROM targeted t FULL JOIN naive n USING (event_id) WHERE t.event_id IS NULL OR n.event_id IS NULL) AS unmatched`);
    expect(counts).toEqual({targeted: rows, naive: rows, naive_ids: rows, unmatched: 0});
  });

  it('produces the same raw value for every key of every event', async () => {
    const columns = plan.keys.map((key) => quoteIdentifier(key.column));
    const mismatches = await first(`
      SELECT ${columns.map((column) => `count(*) FILTER (WHERE t.${column} IS DISTINCT FROM n.${column}) AS ${column}`).join(',\n')},
             ${columns.map((column) => `count(t.${column})`).join(' + ')} AS compared_values
      FROM targeted_raw t JOIN naive n USING (event_id)`);
    const {compared_values: compared, ...perKey} = mismatches;
    expect(Object.values(perKey).every((count) => count === 0)).toBe(true);
    expect(Object.keys(perKey)).toHaveLength(plan.keys.length);
    const pairs = await first(`SELECT count(*) AS pairs FROM (SELECT unnest(map_values(customExtension)) AS value FROM sensor_events) WHERE value IS NOT NULL`);
    expect(compared).toBe(pairs.pairs);
  });

  it('types each column as TRY_CAST of the naive value', async () => {
    const checks = plan.keys.map((key) => {
      const column = quoteIdentifier(key.column);
      return `count(*) FILTER (WHERE t.${column} IS DISTINCT FROM ${expectedTyped(key, `n.${column}`)}) AS ${column}`;
    });
    const mismatches = await first(`SELECT ${checks.join(',\n')} FROM targeted t JOIN naive n USING (event_id)`);
    expect(mismatches).toEqual(Object.fromEntries(plan.keys.map((key) => [key.column, 0])));
    const types = await engine.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'targeted' AND column_name LIKE 'ext_%'`);
    // DuckDB prints STRUCT field names quoted only where they must be; compare without quotes.
    const unquoted = (type: string) => type.replaceAll('"', '');
    const declared = Object.fromEntries(types.toArray().map((row) => [row.column_name, unquoted(String(row.data_type))]));
    expect(declared).toEqual(Object.fromEntries(plan.keys.map((key) => [key.column, unquoted(key.sqlType)])));
  });

  it('rounds nothing: an integer key sent as 12.5 becomes NULL, not 13', async () => {
    const integerKey = plan.keys.find((key) => key.type === 'integer')!;
    await engine.query(`CREATE TABLE rounding AS SELECT 1::BIGINT AS event_id, MAP([?], ['12.5']) AS customExtension`, [integerKey.key]);
    const probe = {...plan, source: 'rounding', baseColumns: ['event_id', 'customExtension']};
    const row = (await engine.query(flattenSql(probe))).toArray()[0]?.toJSON() as Record<string, unknown>;
    expect(row[integerKey.column]).toBeNull();
  });

  it('keeps events with an empty or NULL map, which the naive pivot drops', async () => {
    await engine.query(`CREATE TABLE sparse AS SELECT * FROM (VALUES
      (1::BIGINT, MAP(['temp_c'], ['20.5'])),
      (2::BIGINT, MAP([]::VARCHAR[], []::VARCHAR[])),
      (3::BIGINT, NULL::MAP(VARCHAR, VARCHAR))) t(event_id, customExtension)`);
    const probe = {...plan, source: 'sparse', baseColumns: ['event_id', 'customExtension']};
    const targeted = await engine.query(`SELECT event_id FROM (${flattenSql(probe)}) ORDER BY event_id`);
    const naive = await engine.query(`SELECT event_id FROM (${naiveFlattenSql({source: 'sparse', keys: plan.keys})}) ORDER BY event_id`);
    expect(targeted.toArray().map((row) => Number(row.event_id))).toEqual([1, 2, 3]);
    expect(naive.toArray().map((row) => Number(row.event_id))).toEqual([1]);
  });
});
