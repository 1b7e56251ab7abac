import {beforeAll, describe, expect, it} from 'vitest';
import {applyScdLabBatch, checkScd2Invariants, keysWithMostVersions, loadDataset, mergeScd1, mergeScd2, mergeScd3, mergeScd6, scd2History, scdLabBatchInPlace, scdLabDimensions, scdMergeScenario, stageScdBatch} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

beforeAll(async () => {
  await loadDataset(engine, {name: 'machine_config_changes', rows: 10_000, seed: 42});
}, 60_000);

async function count(sql: string): Promise<number> {
  return Number((await engine.query(sql)).getChildAt(0)?.get(0));
}

describe('the SCD lab on machine_config_changes', () => {
  it('cuts the stream into batches by arrival, every change in exactly one batch, late arrivals counted', async () => {
    let total = 0;
    let outOfOrder = 0;
    for (let batch = 1; batch <= 5; batch += 1) {
      const staged = await stageScdBatch(engine, {batch, batches: 5});
      expect(staged.rows).toBe(await count('SELECT count(*) FROM scd_batch'));
      total += staged.rows;
      outOfOrder += staged.outOfOrder;
      expect(staged.lateChanges).toBeLessThanOrEqual(staged.outOfOrder);
      if (batch === 1) {
        expect(staged.lateChanges).toBe(0);
      }
    }
    expect(total).toBe(10_000);
    expect(outOfOrder).toBeGreaterThan(0);
    await expect(stageScdBatch(engine, {batch: 6, batches: 5})).rejects.toThrow('stageScdBatch: batch 6 does not exist; there are 5.');
  });

  it('applies the five batches as types 1, 2, 3 and 6 with clean type 2 history, and the same current state in all four', async () => {
    for (let batch = 1; batch <= 5; batch += 1) {
      await stageScdBatch(engine, {batch, batches: 5});
      await mergeScd1(engine, {dimension: 'lab_scd1'});
      const merged = await mergeScd2(engine, {dimension: 'lab_scd2'});
      await mergeScd3(engine, {dimension: 'lab_scd3'});
      await mergeScd6(engine, {dimension: 'lab_scd6'});
      expect(merged.inserted).toBeGreaterThan(0);
      expect((await checkScd2Invariants(engine, {dimension: 'lab_scd2'})).violations).toEqual([]);
    }
    const current2 = await count(`SELECT count(*) FROM lab_scd2 WHERE is_current`);
    expect(await count('SELECT count(*) FROM lab_scd6 WHERE is_current')).toBe(current2);
    const sameCurrent = await count(`SELECT count(*) FROM lab_scd2 s2 JOIN lab_scd6 s6 USING (machine_sk)
      WHERE s2.is_current AND s6.current_firmware IS NOT DISTINCT FROM s2.firmware`);
    expect(sameCurrent).toBe(current2);

    const [busiest] = await keysWithMostVersions(engine, {dimension: 'lab_scd2'}, 5);
    const history = await scd2History(engine, {dimension: 'lab_scd2'}, busiest!.key);
    expect(history).toHaveLength(busiest!.versions);
    for (const [index, version] of history.entries()) {
      const next = history[index + 1];
      if (next && version.validTo !== null) {
        expect(version.validTo <= next.validFrom).toBe(true);
      }
      expect(version.isCurrent).toBe(version.validTo === null && index === history.length - 1);
    }
    expect(Object.keys(history[0]!.values)).toEqual(['firmware', 'line_id', 'calibration_offset', 'operating_mode']);
  }, 60_000);
});

describe('applyScdLabBatch: one step of the lab, as the click and the speculative start run it', () => {
  it('stages batch 1 and applies it to the four dimensions with the same counts as the separate loads', async () => {
    const applied = await applyScdLabBatch(engine, {batch: 1, batches: 5});
    await stageScdBatch(engine, {batch: 1, batches: 5});
    const separate = {
      scd1: await mergeScd1(engine, {dimension: 'separate_scd1'}),
      scd2: await mergeScd2(engine, {dimension: 'separate_scd2'}),
      scd3: await mergeScd3(engine, {dimension: 'separate_scd3'}),
      scd6: await mergeScd6(engine, {dimension: 'separate_scd6'}),
    };
    expect(applied.staged).toMatchObject({batch: 1, batches: 5, rows: 2_000, lateChanges: 0});
    const counts = ({inserted, updated}: {inserted: number; updated: number}) => ({inserted, updated});
    for (const type of ['scd1', 'scd2', 'scd3', 'scd6'] as const) {
      expect(counts(applied[type])).toEqual(counts(separate[type]));
      expect(await count(`SELECT count(*) FROM ${scdLabDimensions[type]}`)).toBe(await count(`SELECT count(*) FROM separate_${type}`));
    }
    expect(applied.invariants.violations).toEqual([]);
    expect(applied.invariants.rows).toBe(await count(`SELECT count(*) FROM ${scdLabDimensions.scd2}`));
  }, 60_000);

  it('knows whether the dimensions still hold an applied batch: not once a table is dropped or the history changed', async () => {
    for (const table of Object.values(scdLabDimensions)) {
      await engine.query(`DROP TABLE IF EXISTS ${table}`);
    }
    const applied = await applyScdLabBatch(engine, {batch: 1, batches: 5});
    expect(await scdLabBatchInPlace(engine, applied)).toBe(true);
    await engine.query(`DELETE FROM ${scdLabDimensions.scd2} WHERE machine_id = (SELECT min(machine_id) FROM ${scdLabDimensions.scd2})`);
    expect(await scdLabBatchInPlace(engine, applied)).toBe(false);
    const again = await applyScdLabBatch(engine, {batch: 1, batches: 5});
    await engine.query(`DROP TABLE ${scdLabDimensions.scd3}`);
    expect(await scdLabBatchInPlace(engine, again)).toBe(false);
  }, 60_000);
});

describe('scdMergeScenario (the benchmark)', () => {
  it('merges 2,000 changes and 500 new machines into a 10,000-row dimension and finds it clean', async () => {
    const result = await scdMergeScenario(engine);
    expect(result.merge).toMatchObject({batchRows: 2_500, inserted: 2_500, closed: 2_000, updated: 2_000, unchanged: 0});
    expect(result.invariants).toMatchObject({rows: 4_500, keys: 2_500, violations: []});
    expect(await checkScd2Invariants(engine, {dimension: 'bench_dim_machine'})).toMatchObject({rows: 12_500, keys: 10_500, violations: []});
    expect(result.timedSql.some((sql) => sql.startsWith('MERGE INTO "bench_dim_machine"'))).toBe(true);
    expect(result.timedSql.join('\n')).not.toContain('?');
  }, 60_000);

  it('replays its own statements to the same dimension (what the benchmark runs on native DuckDB)', async () => {
    const result = await scdMergeScenario(engine, {dimension: 'replayed'});
    const before = await count('SELECT count(*) FROM replayed');
    await engine.query('DROP TABLE replayed');
    for (const sql of [...result.setupSql, ...result.timedSql]) {
      await engine.query(sql);
    }
    expect(await count('SELECT count(*) FROM replayed')).toBe(before);
    expect(await count('SELECT count(*) FROM replayed WHERE is_current')).toBe(10_500);
  }, 60_000);
});
