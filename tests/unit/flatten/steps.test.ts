import {beforeAll, describe, expect, it} from 'vitest';
import {loadDataset, type StepResult} from '../../../playground';
import {
  applyDefaults,
  discoverKeys,
  explodeSubset,
  extractKnownKeys,
  inferTypes,
  optimizeLayout,
  parseJsonValues,
  partitionBeforeExplode,
} from '../../../playground/flatten';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

const rows = 100_000;
const malformed = `('N/A', '12,5', '', '--')`;

beforeAll(async () => {
  await loadDataset(engine, {name: 'sensor_events', rows, seed: 42});
}, 60_000);

/** The first row of a query, BIGINTs as numbers. */
async function first(sql: string): Promise<Record<string, unknown>> {
  const row = (await engine.query(sql)).toArray()[0]?.toJSON() as Record<string, unknown>;
  return Object.fromEntries(Object.entries(row).map(([name, value]) => [name, typeof value === 'bigint' ? Number(value) : value]));
}

/** Checks what every step result must be: plain data, one parameter list per statement. */
function expectPlainStep(result: StepResult, step: number): void {
  expect(result.step).toBe(step);
  expect(result.sql.length).toBeGreaterThan(0);
  expect(result.params).toHaveLength(result.sql.length);
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
}

describe('step 1: discoverKeys', () => {
  it('finds every key with the default sample and reports coverage against the full scan', async () => {
    const result = await discoverKeys(engine);
    expectPlainStep(result, 1);
    const full = await first(`SELECT count(DISTINCT key) AS n FROM (SELECT unnest(map_keys(customExtension)) AS key FROM sensor_events)`);
    expect(result.sample).toEqual({size: {rows: 1_000}, seed: 42, rows: 1_000});
    expect(result.keys).toHaveLength(full.n as number);
    expect(result.missedBySample).toEqual([]);
    expect(result.metrics).toMatchObject({rowsIn: rows, rowsOut: full.n});
    const vibration = result.keys.find((key) => key.key === 'vib_mm_s');
    expect(vibration).toMatchObject({sampleEvents: 1_000, sampleCoverage: 1, fullEvents: rows, fullCoverage: 1});
    const temp = result.keys.find((key) => key.key === 'temp_c')!;
    const tempFull = await first(`SELECT count(*) AS n FROM sensor_events WHERE map_contains(customExtension, 'temp_c')`);
    expect(temp.fullEvents).toBe(tempFull.n);
    expect(temp.sampleCoverage).toBeCloseTo(temp.sampleEvents / 1_000, 10);
    expect(Math.abs(temp.sampleCoverage - temp.fullCoverage!)).toBeLessThan(0.05);
  });

  it('shows what a tiny sample misses, the same way every time', async () => {
    const tiny = await discoverKeys(engine, {sample: {rows: 20}, seed: 1});
    const again = await discoverKeys(engine, {sample: {rows: 20}, seed: 1});
    expect(again.keys).toEqual(tiny.keys);
    expect(tiny.sample.rows).toBe(20);
    expect(tiny.missedBySample!.length).toBeGreaterThan(0);
    for (const missed of tiny.missedBySample!) {
      expect(missed.fullEvents).toBeGreaterThan(0);
      expect(tiny.keys.some((key) => key.key === missed.key)).toBe(false);
    }
    expect(tiny.keys.length + tiny.missedBySample!.length).toBe((await discoverKeys(engine)).keys.length);
  });

  it('misses the keys the rollout added when the sample is small enough', async () => {
    const rolloutKeys = ['edge_ts', 'energy_kwh', 'fw_build', 'health_score', 'oee_pct'];
    const tiny = await discoverKeys(engine, {sample: {percent: 0.01}, seed: 3});
    expect(tiny.sample.rows).toBeLessThan(30);
    const missed = tiny.missedBySample!.map((key) => key.key);
    expect(missed.filter((key) => rolloutKeys.includes(key)).length).toBeGreaterThan(0);
  });

  it('skips the full scan on request', async () => {
    const result = await discoverKeys(engine, {compareWithFullScan: false});
    expect(result.missedBySample).toBeNull();
    expect(result.keys.every((key) => key.fullEvents === null)).toBe(true);
    expect(result.sql).toHaveLength(3);
  });

  it('validates its options', async () => {
    await expect(discoverKeys(engine, {sample: {rows: 0}})).rejects.toThrow(RangeError);
    await expect(discoverKeys(engine, {sample: {rows: 10}, unknown: 1} as never)).rejects.toThrow(/unknown/i);
    await expect(discoverKeys(engine, {source: 'no_such_table'})).rejects.toThrow(/no table "no_such_table"/);
  });

  it('times itself with the injected clock', async () => {
    const ticks = [1_000, 1_250];
    const result = await discoverKeys(engine, {compareWithFullScan: false, now: () => ticks.shift() ?? 0});
    expect(result.metrics.elapsedMs).toBe(250);
  });
});

describe('step 2: extractKnownKeys', () => {
  it('extracts with element access, one row out per row in, colliding names numbered', async () => {
    const result = await extractKnownKeys(engine, {keys: ['temp_c', 'status', 'temp (C)']});
    expectPlainStep(result, 2);
    expect(result.metrics).toMatchObject({rowsIn: rows, rowsOut: rows, columns: 12});
    expect(result.rowsPerInputRow).toBe(1);
    expect(result.extracted.map(({key, column}) => [key, column])).toEqual([
      ['temp_c', 'ext_temp_c'],
      ['status', 'ext_status'],
      ['temp (C)', 'ext_temp_c_2'],
    ]);
    expect(result.sql.some((sql) => /unnest|PIVOT/i.test(sql))).toBe(false);
    const check = await first(`
      SELECT count(*) FILTER (WHERE e.ext_temp_c IS DISTINCT FROM s.customExtension['temp_c']) AS temp_mismatches,
             count(e.ext_temp_c) AS temp_values,
             count(e.ext_temp_c_2) AS absent_values
      FROM events_extracted e JOIN sensor_events s USING (event_id)`);
    expect(check).toEqual({temp_mismatches: 0, temp_values: result.extracted[0]!.nonNull, absent_values: 0});
  });

  it('needs at least one key, each once', async () => {
    await expect(extractKnownKeys(engine, {keys: []})).rejects.toThrow(RangeError);
    await expect(extractKnownKeys(engine, {keys: ['a', 'a']})).rejects.toThrow(/once/);
  });
});

describe('step 3: applyDefaults', () => {
  it('fills a domain default only where the key is absent and leaves sent NULLs and other keys NULL', async () => {
    const result = await applyDefaults(engine);
    expectPlainStep(result, 3);
    expect(result.params[1]).toEqual(['NONE']);
    const [alarm, temp] = result.keys;
    const expected = await first(`
      SELECT count(*) FILTER (WHERE NOT map_contains(customExtension, 'alarm_code')) AS alarm_absent,
             count(*) FILTER (WHERE map_contains(customExtension, 'alarm_code') AND customExtension['alarm_code'] IS NULL) AS alarm_null,
             count(*) FILTER (WHERE NOT map_contains(customExtension, 'temp_c')) AS temp_absent
      FROM sensor_events`);
    expect(alarm).toMatchObject({key: 'alarm_code', default: 'NONE', absentRows: expected.alarm_absent, defaultedRows: expected.alarm_absent, nullValueRows: expected.alarm_null});
    expect(alarm!.nonNull).toBe(rows - (expected.alarm_null as number));
    expect(temp).toMatchObject({key: 'temp_c', default: null, absentRows: expected.temp_absent, defaultedRows: 0});
    const table = await first(`
      SELECT count(*) FILTER (WHERE NOT map_contains(customExtension, 'alarm_code') AND ext_alarm_code <> 'NONE') AS wrong_default,
             count(*) FILTER (WHERE map_contains(customExtension, 'alarm_code') AND customExtension['alarm_code'] IS NULL AND ext_alarm_code IS NOT NULL) AS filled_sent_null,
             count(*) FILTER (WHERE NOT map_contains(customExtension, 'temp_c') AND ext_temp_c IS NOT NULL) AS filled_temp
      FROM events_with_defaults`);
    expect(table).toEqual({wrong_default: 0, filled_sent_null: 0, filled_temp: 0});
  });
});

describe('step 4: inferTypes', () => {
  it('types vib_mm_s decimal over the whole range, integers before the rollout and decimals after', async () => {
    const result = await inferTypes(engine, {sample: {rows: 1_000_000}});
    expectPlainStep(result, 4);
    expect(result.sample.rows).toBe(rows);
    const vibration = result.keys.find((key) => key.key === 'vib_mm_s')!;
    expect(vibration.chosen).toBe('decimal');
    expect(vibration.sqlType).toBe('DOUBLE');
    const integer = vibration.candidates.find((candidate) => candidate.type === 'integer')!;
    // Every decimal from after the rollout fails integer, not only the malformed values.
    expect(integer.failureShare).toBeGreaterThan(0.2);
    expect(vibration.candidates.map((candidate) => candidate.type)).toEqual(['boolean', 'integer', 'decimal', 'timestamp', 'json', 'string']);
  });

  it("counts temp_c's '12,5', 'N/A', '' and '--' as decimal failures, and as failed casts", async () => {
    const result = await inferTypes(engine, {sample: {rows: 1_000_000}, keys: ['temp_c']});
    expect(result.keys.map((key) => key.key)).toEqual(['temp_c']);
    const temp = result.keys[0]!;
    const expected = await first(`
      SELECT count(value) AS non_null,
             count(*) FILTER (WHERE value IN ${malformed}) AS malformed,
             count(*) FILTER (WHERE value IN ('12,5', 'N/A')) AS comma_or_na
      FROM (SELECT customExtension['temp_c'] AS value FROM sensor_events)`);
    expect(expected.comma_or_na).toBeGreaterThan(0);
    expect(temp.chosen).toBe('decimal');
    expect(temp.sampleValues).toBe(expected.non_null);
    expect(temp.candidates.find((candidate) => candidate.type === 'decimal')!.failures).toBe(expected.malformed);
    expect(temp.candidates.find((candidate) => candidate.type === 'string')!.failures).toBe(0);
    expect(temp.cast).toEqual({values: expected.non_null, failed: expected.malformed, failureShare: (expected.malformed as number) / (expected.non_null as number)});
  });

  it('chooses from a sampled profile and types every key of the dataset sensibly', async () => {
    const result = await inferTypes(engine);
    expect(result.sample.rows).toBe(10_000);
    const chosen = Object.fromEntries(result.keys.map((key) => [key.key, key.sqlType]));
    expect(chosen).toMatchObject({
      vib_mm_s: 'DOUBLE',
      uptime_s: 'BIGINT',
      door_open: 'BOOLEAN',
      last_maint: 'TIMESTAMP',
      edge_ts: 'TIMESTAMP',
      status: 'VARCHAR',
      fw_build: 'VARCHAR',
      config: 'STRUCT("mode" VARCHAR, "recipe" VARCHAR, "slots" BIGINT)',
      calibration: 'STRUCT("offset" DOUBLE, "by" VARCHAR)',
    });
    for (const key of result.keys) {
      // About 2% of values are malformed; nothing else should fail the chosen type.
      expect(key.cast.failureShare, key.key).toBeLessThan(0.06);
    }
  });

  it.each([
    {key: 'ints', values: ['1', '-2', '12.5', 'N/A'], max: 0.5, chosen: 'integer', failures: {integer: 2, decimal: 1, boolean: 4}, castFailed: 2},
    {key: 'flags', values: ['true', 'false', 'TRUE', '1'], max: 0.3, chosen: 'boolean', failures: {boolean: 1, integer: 3}, castFailed: 0},
    {key: 'stamps', values: ['2026-01-05T10:00:00Z', '2026-01-06', '--', null], max: 0.4, chosen: 'timestamp', failures: {timestamp: 1, decimal: 3}, castFailed: 1},
    {key: 'blobs', values: ['{"a":1}', '{"a":2.5}', '', ' {"a":3} '], max: 0.3, chosen: 'json', failures: {json: 1}, castFailed: 1},
    {key: 'codes', values: ['E-104', 'NONE', '12'], max: 0.5, chosen: 'string', failures: {integer: 2, string: 0}, castFailed: 0},
    {key: 'empty', values: [null, null], max: 0.5, chosen: 'string', failures: {integer: 0}, castFailed: 0},
  ] as const)('table-driven: $key is $chosen', async ({key, values, max, chosen, failures, castFailed}) => {
    const table = `probe_${key}`;
    const rowsSql = values.map((value, index) => `(${index + 1}, ${value === null ? 'NULL' : `'${value}'`})`).join(', ');
    await engine.query(`CREATE OR REPLACE TABLE ${table} AS
      SELECT id AS event_id, MAP(['${key}'], [value::VARCHAR]) AS customExtension FROM (VALUES ${rowsSql}) t(id, value)`);
    const result = await inferTypes(engine, {source: table, maxFailureShare: max});
    const inferred = result.keys[0]!;
    expect(inferred.chosen).toBe(chosen);
    for (const [type, count] of Object.entries(failures)) {
      expect(inferred.candidates.find((candidate) => candidate.type === type)!.failures, type).toBe(count);
    }
    expect(inferred.cast.failed).toBe(castFailed);
  });

  it('rejects a failure share outside (0, 1)', async () => {
    await expect(inferTypes(engine, {maxFailureShare: 0})).rejects.toThrow(RangeError);
    await expect(inferTypes(engine, {maxFailureShare: 1})).rejects.toThrow(RangeError);
  });
});

describe('step 5: parseJsonValues', () => {
  it('parses config and calibration into STRUCTs and counts the malformed values as failures', async () => {
    const result = await parseJsonValues(engine);
    expectPlainStep(result, 5);
    expect(result.keys.map((key) => [key.key, key.structType])).toEqual([
      ['calibration', 'STRUCT("offset" DOUBLE, "by" VARCHAR)'],
      ['config', 'STRUCT("mode" VARCHAR, "recipe" VARCHAR, "slots" BIGINT)'],
    ]);
    const config = result.keys.find((key) => key.key === 'config')!;
    const expected = await first(`
      SELECT count(customExtension['config']) AS values,
             count(*) FILTER (WHERE customExtension['config'] IN ${malformed}) AS malformed
      FROM sensor_events`);
    expect(config).toMatchObject({values: expected.values, failed: expected.malformed});
    expect(config.parsed + config.failed).toBe(config.values);
    expect(config.failureExamples.map((example) => example.value).sort()).toEqual(['', '--', '12,5', 'N/A']);
    expect(config.fields.every((field) => field.nullShare === 0)).toBe(true);
    const parsed = await first(`
      SELECT ext_config.slots AS slots, ext_config.mode AS mode, ext_calibration.offset AS calibration_offset
      FROM events_json WHERE ext_config IS NOT NULL AND ext_calibration IS NOT NULL ORDER BY event_id LIMIT 1`);
    expect(typeof parsed.slots).toBe('number');
    expect(['auto', 'manual', 'setup']).toContain(parsed.mode);
    expect(typeof parsed.calibration_offset).toBe('number');
  });

  it('reports a field that goes missing inside the JSON, and an added field as a failed parse', async () => {
    await engine.query(`CREATE OR REPLACE TABLE json_drift AS
      SELECT id AS event_id, MAP(['config'], [value]) AS customExtension FROM (VALUES
        (1, '{"mode":"auto","slots":4}'),
        (2, '{"mode":"manual","slots":2}'),
        (3, '{"mode":"auto"}')) t(id, value)`);
    const inferred = await parseJsonValues(engine, {source: 'json_drift', target: 'json_drift_parsed'});
    const config = inferred.keys[0]!;
    expect(config.structType).toBe('STRUCT("mode" VARCHAR, "slots" BIGINT)');
    expect(config.fields.find((field) => field.name === 'slots')).toMatchObject({nonNull: 2, nullShare: 1 / 3});
    expect(config.failed).toBe(0);
    // DuckDB fails the whole cast when the object has a field the STRUCT lacks.
    const cast = await first(`SELECT TRY_CAST('{"mode":"auto","slots":4,"zone":"A"}' AS ${config.structType}) IS NULL AS failed`);
    expect(cast.failed).toBe(true);
  });
});

describe('step 6: explodeSubset', () => {
  it('explodes one plant and one day only, into one row per key', async () => {
    const result = await explodeSubset(engine, {plantId: 'PLANT_03', day: '2026-01-20'});
    expectPlainStep(result, 6);
    expect(result.params[0]).toEqual(['PLANT_03', '2026-01-20', '2026-01-20']);
    const expected = await first(`
      SELECT count(*) AS subset_rows, sum(cardinality(customExtension))::BIGINT AS pairs
      FROM sensor_events
      WHERE plant_id = 'PLANT_03' AND event_ts >= DATE '2026-01-20' AND event_ts < DATE '2026-01-21'`);
    const all = await first(`SELECT sum(cardinality(customExtension))::BIGINT AS pairs FROM sensor_events`);
    expect(result.subset).toMatchObject({plantId: 'PLANT_03', day: '2026-01-20', rows: expected.subset_rows, shareOfSource: (expected.subset_rows as number) / rows});
    expect(result.explodedRows).toBe(expected.pairs);
    expect(result.fullExplosionRows).toBe(all.pairs);
    expect(result.rowsPerEvent).toBeGreaterThan(5);
    expect(result.rowsPerEvent).toBeLessThan(15);
    expect(result.keys.reduce((sum, key) => sum + key.entries, 0)).toBe(result.explodedRows);
    expect(await first(`SELECT count(*) AS n FROM exploded_subset`)).toEqual({n: expected.pairs});
    expect(result.metrics).toMatchObject({rowsIn: expected.subset_rows, rowsOut: expected.pairs, columns: 3});
  });

  it('refuses a day that is not a date', async () => {
    await expect(explodeSubset(engine, {day: '2026-13-45'})).rejects.toThrow(RangeError);
    await expect(explodeSubset(engine, {day: "2026-01-12'; DROP TABLE sensor_events; --"})).rejects.toThrow(RangeError);
  });
});

describe('step 7: partitionBeforeExplode', () => {
  it('estimates the shuffle and the spread of repartition(200, "machine_id") from the data', async () => {
    const result = await partitionBeforeExplode(engine);
    expectPlainStep(result, 7);
    const {spark} = result;
    const machines = await first(`SELECT count(DISTINCT machine_id) AS machines, sum(cardinality(customExtension))::BIGINT AS pairs FROM sensor_events`);
    expect(spark.call).toBe('repartition(200, "machine_id")');
    expect(spark.partitions).toHaveLength(200);
    expect(spark.shuffledRows).toBe(rows);
    expect(spark.partitions.reduce((sum, partition) => sum + partition.rows, 0)).toBe(rows);
    expect(spark.partitions.reduce((sum, partition) => sum + partition.values, 0)).toBe(machines.machines);
    expect(spark.partitions.reduce((sum, partition) => sum + partition.explodedRows, 0)).toBe(machines.pairs);
    expect(spark.emptyPartitions).toBe(spark.partitions.filter((partition) => partition.rows === 0).length);
    expect(spark.rowsPerPartition.mean).toBe(rows / 200);
    expect(spark.skew).toBeCloseTo(spark.rowsPerPartition.max / spark.rowsPerPartition.mean, 10);
    // 400 machines in 200 hash partitions: some stay empty and some get several machines.
    expect(spark.emptyPartitions).toBeGreaterThan(0);
    expect(spark.skew).toBeGreaterThan(1.5);
    expect(result.duckdbShuffles).toBe(false);
    expect(result.notes.join(' ')).toMatch(/explode is a narrow transformation/);
    expect(result.notes.join(' ')).toMatch(/no shuffle/);
  });

  it('takes the partition count as an option', async () => {
    const result = await partitionBeforeExplode(engine, {partitions: 8});
    expect(result.spark.partitions).toHaveLength(8);
    expect(result.spark.emptyPartitions).toBe(0);
    await expect(partitionBeforeExplode(engine, {partitions: 0})).rejects.toThrow(RangeError);
  });
});

describe('step 10: optimizeLayout', () => {
  it('orders by machine and time and measures segment skipping before and after', async () => {
    const result = await optimizeLayout(engine);
    expectPlainStep(result, 10);
    expect(result.orderBy).toEqual(['machine_id', 'event_ts']);
    const {before, after} = result;
    expect(before.rows).toBe(rows);
    expect(after.rows).toBe(rows);
    // In arrival order every segment holds every machine: a machine filter skips nothing.
    expect(before.machine.avgSegmentsRead).toBe(before.machine.segments);
    expect(before.machine.rowShare).toBe(1);
    // Ordered, a machine's rows sit in one segment, or two at a boundary.
    expect(after.machine.avgSegmentsRead).toBeLessThan(1.5);
    expect(after.machine.rowShare).toBeLessThan(0.5);
    // The price: a day is now spread over every segment.
    expect(before.day.avgSegmentsRead).toBeLessThan(before.day.segments);
    expect(after.day.avgSegmentsRead).toBe(after.day.segments);
    expect(result.explanation.join(' ')).toContain('pragma_storage_info');
    const order = await first(`
      SELECT count(*) FILTER (WHERE machine_id < prev_machine OR (machine_id = prev_machine AND event_ts < prev_ts)) AS out_of_order
      FROM (SELECT machine_id, event_ts, lag(machine_id) OVER (ORDER BY rowid) AS prev_machine, lag(event_ts) OVER (ORDER BY rowid) AS prev_ts
            FROM events_by_machine)`);
    expect(order.out_of_order).toBe(0);
  });
});
