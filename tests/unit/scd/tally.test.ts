import {describe, expect, it} from 'vitest';
import type {Table} from 'apache-arrow';
import {scdMergeScenario, scdScenarioSteps, type ScdScenarioStep} from '../../../playground';
import {tallyActions} from '../../../playground/scd/scd2';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

/** The tally as it was before it read Arrow's buffers: one JS value per row. */
function tallyByValues(table: Table) {
  const actions = [...(table.getChild('merge_action') ?? [])];
  return {
    inserted: actions.filter((action) => action === 'INSERT').length,
    updated: actions.filter((action) => action === 'UPDATE').length,
    removed: actions.filter((action) => action === 'DELETE').length,
    keys: new Set(table.getChild('changed_key') ?? []).size,
  };
}

describe('tallyActions: the MERGE RETURNING counts, read from Arrow buffers', () => {
  it('counts a real MERGE ... RETURNING merge_action, key like one value per row', async () => {
    await engine.query('CREATE OR REPLACE TABLE tally_target AS SELECT i AS id, i AS v FROM range(1000) t(i)');
    const table = await engine.query(`MERGE INTO tally_target AS t
USING (SELECT i AS id, CASE WHEN i % 7 = 0 THEN 'gone' ELSE 'keep' END AS flag FROM range(500, 1500) s(i)) AS s
ON t.id = s.id
WHEN MATCHED AND s.flag = 'gone' THEN DELETE
WHEN MATCHED THEN UPDATE SET v = t.v + 1
WHEN NOT MATCHED THEN INSERT VALUES (s.id, 0)
RETURNING merge_action, 'M' || CAST(id AS VARCHAR) AS changed_key`);
    const expected = tallyByValues(table);
    expect(expected.removed).toBeGreaterThan(0);
    expect(await tallyActions(table)).toEqual(expected);
    expect(await tallyActions(table)).toEqual({inserted: 500, updated: 500 - expected.removed, removed: expected.removed, keys: 1000});
  });

  it('counts keys that repeat across Arrow batches once, and non-ASCII keys by their bytes', async () => {
    const table = await engine.query(`SELECT CASE WHEN i % 2 = 0 THEN 'INSERT' ELSE 'UPDATE' END AS merge_action,
  CASE WHEN i % 3 = 0 THEN 'Größe-' ELSE 'M' END || CAST(i % 40000 AS VARCHAR) AS changed_key
FROM range(100000) t(i)`);
    expect(table.batches.length).toBeGreaterThan(1);
    expect(await tallyActions(table)).toEqual(tallyByValues(table));
  });

  it('falls back to values when the key column has NULLs, and counts NULL as one key like a Set does', async () => {
    const table = await engine.query(`SELECT 'INSERT' AS merge_action, CASE WHEN i % 5 = 0 THEN NULL ELSE CAST(i % 100 AS VARCHAR) END AS changed_key FROM range(3000) t(i)`);
    expect(await tallyActions(table)).toEqual(tallyByValues(table));
  });

  it('counts nothing in an empty result and no keys when the MERGE returns none', async () => {
    const empty = await engine.query(`SELECT 'INSERT' AS merge_action, 'k' AS changed_key WHERE false`);
    expect(await tallyActions(empty)).toEqual({inserted: 0, updated: 0, removed: 0, keys: 0});
    const noKeys = await engine.query(`SELECT 'UPDATE' AS merge_action FROM range(10)`);
    expect(await tallyActions(noKeys)).toEqual({inserted: 0, updated: 10, removed: 0, keys: 0});
  });
});

describe('scdMergeScenario progress', () => {
  it('reports its five steps in order, the timed ones last', async () => {
    const steps: ScdScenarioStep[] = [];
    const result = await scdMergeScenario(engine, {dimensionRows: 5_000, dimension: 'tally_progress_dim'}, (step) => steps.push(step));
    expect(steps).toEqual([...scdScenarioSteps]);
    expect(result.merge.inserted).toBe(2_500);
  });
});
