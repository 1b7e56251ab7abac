import {describe, expect, it, vi} from 'vitest';
import {deltaCheckViolation, deltaNotNullViolation, errorCatalog, quarantineReasonsColumn, runQualityRules, type QualityRuleInput, type SqlEngine} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

// Each case applies a whole stream on DuckDB-WASM; on a loaded machine that takes longer than the default 5 s.
vi.setConfig({testTimeout: 120_000});

/** A hand-made batch of test results and a two-machine dimension. */
async function handMade(db: SqlEngine): Promise<void> {
  await db.query(`CREATE OR REPLACE TABLE hand_batch AS SELECT * FROM (VALUES
    (1, 'M00001', 'A', 'ECU-0A1B2C3D', 12.1, TIMESTAMP '2026-02-01 10:00:00', 'PLANT_01'),
    (2, NULL,     'B', 'ECU-0A1B2C3E', 12.0, TIMESTAMP '2026-02-01 10:05:00', 'PLANT_01'),
    (3, 'M00002', 'X', 'ecu-0a1b2c3f', -999.0, TIMESTAMP '2026-02-01 10:10:00', 'PLANT_02'),
    (3, 'M00002', 'C', 'xxECU-0A1B2C40', NULL, TIMESTAMP '2026-02-01 10:15:00', 'PLANT_02'),
    (4, 'M09999', NULL, NULL, 400.0, TIMESTAMP '2026-02-01 10:20:00', 'PLANT_01'),
    (NULL, 'M00001', 'A', 'ECU-0A1B2C41', 0.0, TIMESTAMP '2026-02-01 10:25:00', 'PLANT_01')
  ) AS t(test_id, machine_id, shift, serial_number, measured_value, test_ts, plant_id)`);
  await db.query(`CREATE OR REPLACE TABLE hand_machines AS SELECT * FROM (VALUES
    ('M00001', 'PLANT_01', 'test_rig'), ('M00002', 'PLANT_02', 'test_rig'), ('M00003', 'PLANT_02', 'test_rig'), ('M00004', 'PLANT_02', 'robot_cell')
  ) AS t(machine_id, plant_id, machine_type)`);
}

async function outcomeOf(rule: QualityRuleInput) {
  await handMade(engine);
  const result = await runQualityRules(engine, {table: 'hand_batch', validTable: 'hand_valid', quarantineTable: 'hand_quarantine'}, [rule]);
  expect(result.accounted).toBe(true);
  return {result, outcome: result.rules[0]!};
}

const failingIds = (outcome: {sample: Record<string, string | null>[]}) => outcome.sample.map((row) => row.test_id);

describe('each rule kind on hand-made rows', () => {
  it('not_null fails the NULL only', async () => {
    const {outcome, result} = await outcomeOf({name: 'machine_present', kind: 'not_null', column: 'machine_id'});
    expect([outcome.failing, outcome.checked]).toEqual([1, 6]);
    expect(failingIds(outcome)).toEqual(['2']);
    expect([result.rowsValid, result.rowsQuarantined]).toEqual([5, 1]);
    expect(outcome.delta).toMatchObject({constraint: 'not_null', error: {code: 'DELTA_NOT_NULL_CONSTRAINT_VIOLATED', sqlState: '23502'}});
  });

  it('range is inclusive and lets NULL through; a bare CHECK would reject the NULL', async () => {
    const {outcome} = await outcomeOf({name: 'plausible', kind: 'range', column: 'measured_value', min: 0, max: 400});
    expect(failingIds(outcome)).toEqual(['3']);
    expect(outcome.nullRows).toBe(1);
    expect(outcome.delta).toMatchObject({
      constraint: 'check',
      checkExpression: '`measured_value` IS NULL OR `measured_value` BETWEEN 0 AND 400',
      unguardedExpression: '`measured_value` BETWEEN 0 AND 400',
      error: {code: 'DELTA_VIOLATE_CONSTRAINT_WITH_VALUES', sqlState: '23001'},
    });
  });

  it('allowed_set compares the text of the value', async () => {
    const {outcome} = await outcomeOf({name: 'shift_known', kind: 'allowed_set', column: 'shift', values: ['A', 'B', 'C']});
    expect(failingIds(outcome)).toEqual(['3']);
    expect(outcome.nullRows).toBe(1);
  });

  it('regex finds the pattern anywhere, as RLIKE does, unless anchored', async () => {
    const anchored = await outcomeOf({name: 'serial_format', kind: 'regex', column: 'serial_number', pattern: '^[A-Z]{3}-[0-9A-F]{8}$'});
    expect(failingIds(anchored.outcome)).toEqual(['3', '3']);
    const loose = await outcomeOf({name: 'serial_format', kind: 'regex', column: 'serial_number', pattern: '[A-Z]{3}-[0-9A-F]{8}'});
    expect(failingIds(loose.outcome)).toEqual(['3']);
  });

  it('unique fails every copy of a repeated key and ignores NULL keys', async () => {
    const {outcome} = await outcomeOf({name: 'test_unique', kind: 'unique', columns: ['test_id']});
    expect(outcome.failing).toBe(2);
    expect(failingIds(outcome)).toEqual(['3', '3']);
    expect(outcome.delta).toMatchObject({constraint: 'none', reason: 'no_unique_constraint'});
  });

  it('references fails an unknown machine and lets NULL through', async () => {
    const {outcome} = await outcomeOf({name: 'machine_known', kind: 'references', column: 'machine_id', table: 'hand_machines'});
    expect(failingIds(outcome)).toEqual(['4']);
    expect(outcome.delta).toMatchObject({constraint: 'none', reason: 'no_foreign_key'});
  });

  it('freshness compares the newest value with the time given', async () => {
    const fresh = await outcomeOf({name: 'fresh', kind: 'freshness', column: 'test_ts', maxAgeMinutes: 60, asOf: '2026-02-01T11:00:00Z'});
    expect([fresh.outcome.passed, fresh.outcome.measure]).toEqual([true, 35]);
    const stale = await outcomeOf({name: 'fresh', kind: 'freshness', column: 'test_ts', maxAgeMinutes: 30, asOf: '2026-02-01T11:00:00Z'});
    expect([stale.outcome.passed, stale.outcome.failing]).toEqual([false, 1]);
    expect(stale.result.rowsQuarantined).toBe(0);
  });

  it('completeness counts the expected machines reporting per plant', async () => {
    const {outcome, result} = await outcomeOf({
      name: 'rigs_reporting',
      kind: 'completeness',
      expectedTable: 'hand_machines',
      expectedWhere: {column: 'machine_type', equals: 'test_rig'},
      minRatio: 0.9,
    });
    expect(outcome.sample).toEqual([
      {group: 'PLANT_02', expected: '2', reporting: '1', ratio: '0.5'},
      {group: 'PLANT_01', expected: '1', reporting: '1', ratio: '1'},
    ]);
    expect([outcome.failing, outcome.measure]).toEqual([1, 0.5]);
    expect(result.rowsQuarantined).toBe(0);
  });

  it('drift is 0 for the same distribution and grows when one value takes over', async () => {
    await handMade(engine);
    await engine.query(`CREATE OR REPLACE TABLE hand_shifted AS SELECT * REPLACE ('A' AS shift) FROM hand_batch`);
    const same = await runQualityRules(engine, {table: 'hand_batch'}, [{name: 'shift_mix', kind: 'drift', column: 'shift', baselineTable: 'hand_batch'}]);
    expect(same.rules[0]!.measure).toBeCloseTo(0, 10);
    const shifted = await runQualityRules(engine, {table: 'hand_shifted'}, [{name: 'shift_mix', kind: 'drift', column: 'shift', baselineTable: 'hand_batch'}]);
    // All six rows are A now; the baseline had 2 of 5 non-null A: D = 1 * ln(1 / 0.4).
    expect(shifted.rules[0]!.measure).toBeCloseTo(Math.log(1 / 0.4), 6);
    expect(shifted.rules[0]!.passed).toBe(false);
  });

  it('drift bins a numeric column by the baseline deciles', async () => {
    await engine.query(`CREATE OR REPLACE TABLE hand_numbers AS SELECT i::DOUBLE AS v FROM range(1000) t(i)`);
    await engine.query(`CREATE OR REPLACE TABLE hand_numbers_high AS SELECT (i + 500)::DOUBLE AS v FROM range(1000) t(i)`);
    const same = await runQualityRules(engine, {table: 'hand_numbers'}, [{name: 'v_mix', kind: 'drift', column: 'v', baselineTable: 'hand_numbers'}]);
    expect(same.rules[0]!.measure).toBeCloseTo(0, 6);
    expect(same.rules[0]!.checked).toBe(10);
    const high = await runQualityRules(engine, {table: 'hand_numbers_high'}, [{name: 'v_mix', kind: 'drift', column: 'v', baselineTable: 'hand_numbers'}]);
    expect(high.rules[0]!.measure).toBeGreaterThan(1);
  });
});

describe('all rules together', () => {
  const rules: QualityRuleInput[] = [
    {name: 'machine_present', kind: 'not_null', column: 'machine_id'},
    {name: 'plausible', kind: 'range', column: 'measured_value', min: 0, max: 400},
    {name: 'shift_known', kind: 'allowed_set', column: 'shift', values: ['A', 'B', 'C']},
    {name: 'test_unique', kind: 'unique', columns: ['test_id']},
    {name: 'machine_known', kind: 'references', column: 'machine_id', table: 'hand_machines'},
    {name: 'fresh', kind: 'freshness', column: 'test_ts', maxAgeMinutes: 60, asOf: '2026-02-01T11:00:00Z'},
  ];

  it('quarantines each failing row once, with every rule it failed, and drops nothing', async () => {
    await handMade(engine);
    const result = await runQualityRules(engine, {table: 'hand_batch', validTable: 'hand_valid', quarantineTable: 'hand_quarantine'}, rules);
    expect([result.rowsIn, result.rowsValid, result.rowsQuarantined, result.accounted]).toEqual([6, 2, 4, true]);
    const quarantined = (await engine.query(`SELECT test_id, machine_id, ${quarantineReasonsColumn} AS reasons FROM hand_quarantine ORDER BY test_id NULLS LAST, machine_id NULLS FIRST, shift`))
      .toArray()
      .map((row) => {
        const value = row.toJSON() as Record<string, unknown>;
        return [value.test_id === null ? null : Number(value.test_id), value.machine_id, [...(value.reasons as Iterable<string>)]];
      });
    expect(quarantined).toEqual([
      [2, null, ['machine_present']],
      [3, 'M00002', ['test_unique']],
      [3, 'M00002', ['plausible', 'shift_known', 'test_unique']],
      [4, 'M09999', ['machine_known']],
    ]);
    for (const outcome of result.rules.filter((rule) => rule.scope === 'row')) {
      expect(quarantined.filter((row) => (row[2] as string[]).includes(outcome.name))).toHaveLength(outcome.failing);
    }
  });
});

describe('the boundary', () => {
  it('names the rule and field that are wrong', async () => {
    await handMade(engine);
    await expect(runQualityRules(engine, {table: 'hand_batch'}, [{name: 'Bad Name', kind: 'not_null', column: 'x'}])).rejects.toThrow(/rules: 0\.name: Name a rule with lowercase letters/);
    await expect(runQualityRules(engine, {table: 'hand_batch'}, [{name: 'r', kind: 'range', column: 'measured_value'}])).rejects.toThrow('A range needs min, max or both.');
    await expect(runQualityRules(engine, {table: 'hand_batch'}, [{name: 'r', kind: 'regex', column: 'shift', pattern: '(['}])).rejects.toThrow('Not a valid regular expression.');
    await expect(
      runQualityRules(engine, {table: 'hand_batch'}, [
        {name: 'r', kind: 'not_null', column: 'shift'},
        {name: 'r', kind: 'not_null', column: 'plant_id'},
      ]),
    ).rejects.toThrow('Give each rule its own name.');
    await expect(runQualityRules(engine, {table: 'hand_batch'}, [{name: 'r', kind: 'not_null', column: 'gateway'}])).rejects.toThrow(
      'runQualityRules: rule r reads gateway, which hand_batch does not have (it has test_id, machine_id, shift, serial_number, measured_value, test_ts, plant_id).',
    );
  });
});

describe('the Delta errors named next to the rules', () => {
  it('are the catalog entries of the error reference, code, SQLSTATE and text', () => {
    for (const error of [deltaNotNullViolation, deltaCheckViolation]) {
      const entry = errorCatalog.find((candidate) => candidate.code === error.code);
      expect(entry, error.code).toBeDefined();
      expect(entry!.sqlState).toBe(error.sqlState);
      expect(entry!.message.trim()).toBe(error.message.trim());
      expect(entry!.exceptionClass).toBe('org.apache.spark.sql.delta.schema.DeltaInvariantViolationException');
    }
  });
});
