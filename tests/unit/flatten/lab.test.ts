import {beforeAll, describe, expect, it} from 'vitest';
import {loadDataset} from '../../../playground';
import {
  compareFlattenPlans,
  defaultMinCoverage,
  flattenLabSteps,
  labColumnThreshold,
  labStepScript,
  type CompareFlattenResult,
  type FlattenLabOutcome,
} from '../../../playground/flatten';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();
const rows = 10_000;
const outcomes = new Map<number, FlattenLabOutcome>();

async function count(sql: string, params: string[] = []): Promise<number> {
  return Number((await engine.query(sql, params)).getChildAt(0)?.get(0));
}

beforeAll(async () => {
  await loadDataset(engine, {name: 'sensor_events', rows, seed: 42});
  for (const step of flattenLabSteps) {
    outcomes.set(step.step, await step.run(engine));
  }
}, 60_000);

describe('the flattening lab runs the 11 steps in order', () => {
  it('has the steps 1 to 11, each with a title and a goal', () => {
    expect(flattenLabSteps.map((step) => step.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const step of flattenLabSteps) {
      expect(step.title.length).toBeGreaterThan(10);
      expect(step.goal.length).toBeGreaterThan(30);
      expect(outcomes.get(step.step)?.results.every((result) => result.step === step.step)).toBe(true);
    }
  });

  it('step 2 extracts every discovered key as a column, one row per event', async () => {
    const outcome = outcomes.get(2);
    if (outcome?.step !== 2) throw new Error('step 2 did not run');
    const [result] = outcome.results;
    const keys = await count(`SELECT count(DISTINCT key) FROM (SELECT unnest(map_keys(customExtension)) AS key FROM sensor_events)`);
    expect(result.extracted).toHaveLength(keys);
    expect(result.rowsPerInputRow).toBe(1);
    expect(await count('SELECT count(*) FROM events_extracted')).toBe(rows);
  });

  it('step 8 registers the rollout keys in the second batch, first seen at or after the split', () => {
    const outcome = outcomes.get(8);
    if (outcome?.step !== 8) throw new Error('step 8 did not run');
    const [before, after] = outcome.results;
    expect(before.newKeys.length).toBeGreaterThan(20);
    expect(after.newKeys.map((entry) => entry.key).sort()).toEqual(['edge_ts', 'energy_kwh', 'fw_build', 'health_score', 'oee_pct']);
    for (const entry of after.newKeys) {
      expect(entry.firstSeen >= (after.batch.from ?? '')).toBe(true);
    }
    expect(before.batch.to).toBe(after.batch.from);
    expect(before.batch.rows + after.batch.rows).toBe(rows);
  });

  it('step 9 appends both batches, the second adding the rollout columns', async () => {
    const outcome = outcomes.get(9);
    if (outcome?.step !== 9) throw new Error('step 9 did not run');
    const [before, after] = outcome.results;
    expect(before.created).toBe(true);
    expect(after.columnsAfter - after.columnsBefore).toBe(5);
    expect(await count('SELECT count(*) FROM events_flat')).toBe(rows);
  });

  it('step 11 warns: the flattened table is past 80% of the lab threshold', async () => {
    const outcome = outcomes.get(11);
    if (outcome?.step !== 11) throw new Error('step 11 did not run');
    const [result] = outcome.results;
    const columns = await count(`SELECT count(*) FROM information_schema.columns WHERE table_name = 'events_flat'`);
    expect(result.columnCount).toBe(columns);
    expect(result.threshold).toBe(labColumnThreshold);
    expect(result.level).toBe(columns >= labColumnThreshold ? 'critical' : 'warning');
  });

  it('gives the same results when a step runs again', async () => {
    for (const stepNumber of [8, 9]) {
      const step = flattenLabSteps[stepNumber - 1]!;
      const again = await step.run(engine);
      const first = outcomes.get(stepNumber)!;
      expect(again.results.map((result) => result.metrics.rowsOut)).toEqual(first.results.map((result) => result.metrics.rowsOut));
    }
  });

  it("runs each step's script as a reader would edit it, ending on the step's preview", async () => {
    for (const step of flattenLabSteps) {
      const script = labStepScript(step, outcomes.get(step.step)!.results);
      const last = await engine.query(script);
      if (step.previewSql) {
        const preview = await engine.query(step.previewSql);
        expect(last.numRows, `step ${step.step}`).toBe(preview.numRows);
        expect(last.numRows, `step ${step.step}`).toBeGreaterThan(0);
      }
    }
  }, 60_000);
});

describe('compareFlattenPlans: naive and targeted on the same data', () => {
  let result: CompareFlattenResult;

  beforeAll(async () => {
    result = await compareFlattenPlans(engine);
  }, 60_000);

  it('measures the data: events, key/value pairs and their average widths', async () => {
    expect(result.events).toBe(rows);
    expect(result.pairs).toBe(await count('SELECT sum(cardinality(customExtension)) FROM sensor_events'));
    expect(result.distinctKeys).toBe(40);
    expect(result.widths.id).toBe(8);
    const keyBytes = await count(`SELECT sum(strlen(key)) FROM (SELECT unnest(map_keys(customExtension)) AS key FROM sensor_events)`);
    expect(result.widths.key).toBeCloseTo(keyBytes / result.pairs, 10);
  });

  it("estimates Spark's shuffle as one partial-aggregation row per event: 1 + 2 × keys slots plus padded strings", async () => {
    const fixedPerEvent = 8 * Math.ceil((1 + 2 * 40) / 64) + 8 * (1 + 2 * 40);
    const padded = await count(`SELECT sum(CASE WHEN value IS NULL THEN 0 ELSE ceil(strlen(value) / 8) * 8 END) FROM (
      SELECT unnest(map_values(customExtension)) AS value FROM sensor_events)`);
    const withPairs = await count('SELECT count(*) FROM sensor_events WHERE cardinality(customExtension) > 0');
    expect(result.naive.estimatedShuffleBytes).toBe(withPairs * fixedPerEvent + padded);
    expect(result.naiveShuffleRows).toBe(withPairs);
  });

  it('computes the shuffle of a hand-made table exactly', async () => {
    await engine.query(`CREATE OR REPLACE TABLE tiny_events AS
      SELECT * FROM (VALUES
        (1, MAP {'a': 'x'}),
        (2, MAP {'a': 'yyyyyyyyy', 'b': NULL}),
        (3, MAP([], []))
      ) AS t(event_id, customExtension)`);
    const tiny = await compareFlattenPlans(engine, {source: 'tiny_events', sample: {rows: 3}, targetedTable: 'tiny_t', naiveTable: 'tiny_n'});
    // Two keys: 5 fields of 8 bytes and one null-bit word per row, for the two events with pairs; 'x' pads to 8, 9 bytes to 16.
    expect(tiny.naive.estimatedShuffleBytes).toBe(2 * (8 + 5 * 8) + 8 + 16);
    expect(tiny).toMatchObject({events: 3, pairs: 3, distinctKeys: 2, naiveShuffleRows: 2});
    expect(tiny.targeted.estimatedShuffleBytes).toBe(0);
  });

  it('the targeted plan writes one row per event and shuffles nothing', async () => {
    expect(result.targeted).toMatchObject({outputRows: rows, intermediateRows: 0, rowsMaterialized: rows, estimatedShuffleBytes: 0});
    expect(result.targeted.columns).toBe(await count(`SELECT count(*) FROM information_schema.columns WHERE table_name = 'flat_targeted'`));
    expect(result.targeted.planMs).toBeGreaterThan(0);
  });

  it('the naive plan materializes every pair and drops the events with an empty map', async () => {
    const withPairs = await count('SELECT count(*) FROM sensor_events WHERE cardinality(customExtension) > 0');
    const keys = await count(`SELECT count(DISTINCT key) FROM (SELECT unnest(map_keys(customExtension)) AS key FROM sensor_events)`);
    expect(result.naive).toMatchObject({outputRows: withPairs, intermediateRows: result.pairs, rowsMaterialized: result.pairs + withPairs, columns: 1 + keys});
    expect(result.naive.sql).toMatch(/^CREATE OR REPLACE TABLE "flat_naive" AS\nPIVOT/);
    expect(result.timeRatio).toBeCloseTo(result.naive.runMs / (result.targeted.planMs + result.targeted.runMs), 10);
  });

  it('promotes only the keys at or above the coverage threshold, keeps the map, and writes every event', async () => {
    const {promoted, plan} = result;
    expect(promoted.minCoverage).toBe(defaultMinCoverage);
    expect(promoted.promotedKeys).toEqual(plan.keys.filter((key) => key.coverage >= defaultMinCoverage).map((key) => key.key));
    expect(promoted.heldBackKeys).toEqual(plan.keys.filter((key) => key.coverage < defaultMinCoverage).map((key) => key.key));
    // The generated fleet: vib_mm_s on every event and the keys all machine types send pass; the per-type keys stay in the map.
    expect(promoted.promotedKeys).toContain('vib_mm_s');
    expect(promoted.promotedKeys.length).toBeGreaterThan(5);
    expect(promoted.heldBackKeys.length).toBeGreaterThan(10);
    expect(promoted).toMatchObject({outputRows: rows, rowsMaterialized: rows, intermediateRows: 0, estimatedShuffleBytes: 0, planMs: result.targeted.planMs});
    expect(promoted.columns).toBe(plan.baseColumns.length + promoted.promotedKeys.length);
    expect(promoted.sql).toMatch(/^CREATE OR REPLACE TABLE "flat_promoted" AS\nSELECT\n {2}"event_id",/);
    expect(promoted.sql).toContain('  "customExtension",\n');
    for (const key of promoted.heldBackKeys) {
      expect(promoted.sql).not.toContain(`['${key}']`);
    }
    // Measured, then dropped: only its row count is kept.
    expect(await count(`SELECT count(*) FROM information_schema.tables WHERE table_name = 'flat_promoted'`)).toBe(0);
  });

  it('states from the measured times which plan won and what the planning costs', () => {
    const {verdict, targeted, naive} = result;
    expect(verdict.targetedMs).toBeCloseTo(targeted.planMs + targeted.runMs, 10);
    expect(verdict.naiveMs).toBeCloseTo(naive.runMs, 10);
    expect(verdict.faster).toBe(verdict.naiveMs < verdict.targetedMs ? 'naive' : 'targeted');
    expect(verdict.targetedPlanMs).toBe(targeted.planMs);
    expect(verdict.planShare).toBeCloseTo(targeted.planMs / verdict.targetedMs, 10);
    expect(verdict.naiveMsPerThousand).toBeCloseTo((naive.runMs / rows) * 1_000, 10);
    expect(verdict.projectionMsPerThousand).toBeCloseTo((targeted.runMs / rows) * 1_000, 10);
  });
});
