import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {
  defaultQualityRules,
  expectationSuitePath,
  loadDataset,
  qualityTables,
  qualityToDeltaDdl,
  qualityToExpectationSuite,
  qualityToPySpark,
  runQualityRules,
  stageQualityBatch,
  type QualityRunResult,
  type StagedQualityBatch,
} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();
let staged: StagedQualityBatch;
let run: QualityRunResult;

beforeAll(async () => {
  await loadDataset(engine, {name: 'test_results', rows: 10_000, seed: 42});
  await loadDataset(engine, {name: 'machines', rows: 400, seed: 42});
  staged = await stageQualityBatch(engine, {seed: 42});
  run = await runQualityRules(engine, {table: qualityTables.batch}, defaultQualityRules);
}, 120_000);

const outcome = (name: string) => run.rules.find((rule) => rule.name === name)!;

describe('the lab batch of test results', () => {
  it('holds each defect and splits into valid and quarantined rows with nothing dropped', () => {
    expect(staged.baselineRows + staged.batchRows - staged.defects.repeatedTest).toBe(10_000);
    expect(Object.values(staged.defects).every((count) => count > 0)).toBe(true);
    expect(run.rowsIn).toBe(staged.batchRows);
    expect(run.rowsValid + run.rowsQuarantined).toBe(run.rowsIn);
    expect(run.accounted).toBe(true);
  });

  it('finds exactly the defects the staging wrote', () => {
    expect(outcome('machine_id_present').failing).toBe(staged.defects.missingMachine);
    expect(outcome('machine_known').failing).toBe(staged.defects.unknownMachine);
    expect(outcome('measured_value_plausible').failing).toBe(staged.defects.disconnectedProbe);
    expect(outcome('shift_known').failing).toBe(staged.defects.badShift);
    expect(outcome('serial_number_format').failing).toBe(staged.defects.badSerial);
    expect(outcome('test_id_unique').failing).toBe(2 * staged.defects.repeatedTest);
  });

  it('flags the silent rig at PLANT_04, the stale batch and the product drift', () => {
    const completeness = outcome('rigs_reporting');
    expect(completeness.passed).toBe(false);
    expect(completeness.sample[0]!.group).toBe('PLANT_04');
    expect(outcome('results_fresh').passed).toBe(false);
    expect(outcome('results_fresh').measure!).toBeGreaterThan(60);
    const drift = outcome('product_mix_stable');
    expect(drift.passed).toBe(false);
    expect(drift.sample[0]!.bin).toBe('ECU-4410');
  });
});

describe('the exports', () => {
  it('Delta DDL: NOT NULL and guarded CHECK constraints, the rest named with the reason', () => {
    const ddl = qualityToDeltaDdl(defaultQualityRules, {table: 'mfg_prod.silver.test_result'});
    expect(ddl).toContain('ALTER TABLE mfg_prod.silver.test_result ALTER COLUMN `machine_id` SET NOT NULL;');
    expect(ddl).toContain("ALTER TABLE mfg_prod.silver.test_result ADD CONSTRAINT shift_known CHECK (`shift` IS NULL OR `shift` IN ('A', 'B', 'C'));");
    expect(ddl).toContain("ADD CONSTRAINT serial_number_format CHECK (`serial_number` IS NULL OR `serial_number` RLIKE '^[A-Z]{3}-[0-9A-F]{8}$');");
    expect(ddl).toContain('-- test_id_unique (unique): Delta enforces no uniqueness');
    expect(ddl).toContain('-- machine_known (references): Delta enforces no foreign key');
  });

  it('PySpark: parses with python3 and passes pyflakes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quality-export-'));
    const file = join(dir, 'quality_checks.py');
    writeFileSync(file, qualityToPySpark(defaultQualityRules));
    const names = execFileSync('python3', ['-c', 'import ast, sys\ntree = ast.parse(open(sys.argv[1]).read())\nprint(",".join(sorted(n.name for n in tree.body if isinstance(n, ast.FunctionDef))))', file], {encoding: 'utf8'});
    expect(names.trim()).toBe('with_reasons,write_with_quarantine');
    expect(execFileSync('/usr/bin/python3', ['-m', 'pyflakes', file], {encoding: 'utf8'})).toBe('');
  });

  it('Great Expectations: JSON with real expectation types, one or more per rule', () => {
    const suite = JSON.parse(qualityToExpectationSuite(defaultQualityRules, {}, run.rules)) as {name: string; expectations: {type: string; kwargs: Record<string, unknown>; meta: {rule: string}}[]};
    expect(suite.name).toBe('silver_test_result');
    // Expectation classes of GX Core (great_expectations/expectations/core/), checked against its source.
    const real = new Set([
      'expect_column_values_to_not_be_null',
      'expect_column_values_to_be_between',
      'expect_column_values_to_be_in_set',
      'expect_column_values_to_match_regex',
      'expect_column_values_to_be_unique',
      'expect_compound_columns_to_be_unique',
      'expect_column_max_to_be_between',
      'expect_column_distinct_values_to_contain_set',
      'expect_column_kl_divergence_to_be_less_than',
    ]);
    expect(suite.expectations.every((expectation) => real.has(expectation.type))).toBe(true);
    expect(new Set(suite.expectations.map((expectation) => expectation.meta.rule))).toEqual(new Set(defaultQualityRules.map((rule) => rule.name)));
    const drift = suite.expectations.find((expectation) => expectation.type === 'expect_column_kl_divergence_to_be_less_than')!;
    const partition = drift.kwargs.partition_object as {values: string[]; weights: number[]};
    expect(partition.values).toContain('ECU-4410');
    expect(partition.weights.reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(1, 2);
    expect(expectationSuitePath()).toBe('great-expectations/expectations/silver_test_result.json');
  });

  it('the suite next to the data quality page is the export of the lab rules', () => {
    const file = join(__dirname, '../../../docs/08-testing-validation/data-quality-testing', expectationSuitePath());
    expect(readFileSync(file, 'utf8')).toBe(qualityToExpectationSuite(defaultQualityRules, {}, run.rules));
  });
});
