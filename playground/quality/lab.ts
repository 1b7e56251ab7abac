import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {identifierSchema, parseOptions, seedSchema} from '../lab/options';
import type {QualityRuleInput} from './rules';

const stageSchema = z.strictObject({
  seed: seedSchema.default(42),
  /** The tables the test results and the machines were loaded into. */
  source: identifierSchema.default('test_results'),
  machines: identifierSchema.default('machines'),
});

/** The tables the lab stages: yesterday's batch (the drift baseline) and today's, with defects. */
export const qualityTables = {baseline: 'quality_baseline', batch: 'quality_batch'} as const;

/** What the staged batch holds, by defect kind, as the staging wrote it. */
export interface StagedQualityBatch {
  baselineRows: number;
  batchRows: number;
  defects: {missingMachine: number; unknownMachine: number; disconnectedProbe: number; badShift: number; badSerial: number; repeatedTest: number; switchedProduct: number};
}

/**
 * Splits the loaded `test_results` into two days of batches and damages today's the way plants
 * do: a gateway that drops the machine id (and every id of one rig at PLANT_04), a rig not yet in the machine dimension, a probe that
 * reports -999.0 when disconnected, a shift code from a misconfigured rig, lower-case serial
 * numbers from a new scanner, a result delivered twice, and one line switched to another product
 * (a distribution drift, not a row defect). Which rows are hit depends on the seed only.
 */
export async function stageQualityBatch(engine: SqlEngine, input: z.input<typeof stageSchema> = {}): Promise<StagedQualityBatch> {
  const {seed, source, machines} = parseOptions(stageSchema, input, 'stageQualityBatch');
  const q = quoteIdentifier;
  const roll = (salt: string) => `hash(test_id, ${seed}::BIGINT, '${salt}') % 1000`;
  await engine.query(
    `CREATE OR REPLACE TABLE ${q(qualityTables.baseline)} AS
SELECT * FROM ${q(source)} WHERE test_ts < (SELECT min(test_ts) + (max(test_ts) - min(test_ts)) / 2 FROM ${q(source)})`,
  );
  await engine.query(
    `CREATE OR REPLACE TABLE ${q(qualityTables.batch)} AS
WITH today AS (
  SELECT * FROM ${q(source)} WHERE test_ts >= (SELECT min(test_ts) + (max(test_ts) - min(test_ts)) / 2 FROM ${q(source)})
),
damaged AS (
  SELECT
    test_id,
    CASE
      WHEN ${roll('machine')} < 8 OR machine_id = (SELECT min(machine_id) FROM ${q(machines)} WHERE plant_id = 'PLANT_04' AND machine_type = 'test_rig') THEN NULL
      WHEN ${roll('machine')} < 14 THEN 'M09999' ELSE machine_id END AS machine_id,
    CASE WHEN ${roll('product')} < 150 THEN 'ECU-4410' ELSE product_sku END AS product_sku,
    CASE WHEN ${roll('serial')} < 10 THEN lower(serial_number) ELSE serial_number END AS serial_number,
    test_ts,
    CASE WHEN ${roll('shift')} < 5 THEN 'X' ELSE shift END AS shift,
    CASE WHEN ${roll('probe')} < 10 THEN -999.0 ELSE measured_value END AS measured_value,
    lower_limit, upper_limit, passed, duration_ms
  FROM today
)
SELECT * FROM damaged
UNION ALL
SELECT * FROM damaged WHERE ${roll('repeat')} < 5
ORDER BY test_id`,
  );
  const counts = (
    await engine.query(
      `SELECT
  (SELECT count(*) FROM ${q(qualityTables.baseline)}) AS baseline_rows,
  count(*) AS batch_rows,
  count(*) FILTER (WHERE machine_id IS NULL) AS missing_machine,
  count(*) FILTER (WHERE machine_id = 'M09999') AS unknown_machine,
  count(*) FILTER (WHERE measured_value = -999.0) AS disconnected_probe,
  count(*) FILTER (WHERE shift = 'X') AS bad_shift,
  count(*) FILTER (WHERE serial_number <> upper(serial_number)) AS bad_serial,
  count(*) - count(DISTINCT test_id) AS repeated_test,
  count(*) FILTER (WHERE ${roll('product')} < 150) AS switched_product
FROM ${q(qualityTables.batch)}`,
    )
  ).toArray()[0]!.toJSON() as Record<string, unknown>;
  const n = (name: string) => Number(counts[name]);
  return {
    baselineRows: n('baseline_rows'),
    batchRows: n('batch_rows'),
    defects: {
      missingMachine: n('missing_machine'),
      unknownMachine: n('unknown_machine'),
      disconnectedProbe: n('disconnected_probe'),
      badShift: n('bad_shift'),
      badSerial: n('bad_serial'),
      repeatedTest: n('repeated_test'),
      switchedProduct: n('switched_product'),
    },
  };
}

/** The rules the lab starts with: one of each kind, for the staged test results. */
export const defaultQualityRules: QualityRuleInput[] = [
  {name: 'machine_id_present', kind: 'not_null', column: 'machine_id'},
  {name: 'measured_value_plausible', kind: 'range', column: 'measured_value', min: 0, max: 1_000_000},
  {name: 'shift_known', kind: 'allowed_set', column: 'shift', values: ['A', 'B', 'C']},
  {name: 'serial_number_format', kind: 'regex', column: 'serial_number', pattern: '^[A-Z]{3}-[0-9A-F]{8}$'},
  {name: 'test_id_unique', kind: 'unique', columns: ['test_id']},
  {name: 'machine_known', kind: 'references', column: 'machine_id', table: 'machines', referencedColumn: 'machine_id'},
  {name: 'results_fresh', kind: 'freshness', column: 'test_ts', maxAgeMinutes: 60, asOf: '2026-02-04T02:00:00Z'},
  {name: 'rigs_reporting', kind: 'completeness', keyColumn: 'machine_id', groupColumn: 'plant_id', expectedTable: 'machines', expectedWhere: {column: 'machine_type', equals: 'test_rig'}, minRatio: 0.9},
  {name: 'product_mix_stable', kind: 'drift', column: 'product_sku', baselineTable: qualityTables.baseline, maxDivergence: 0.05},
];
