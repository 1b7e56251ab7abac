import {beforeAll, describe, expect, it} from 'vitest';
import {loadDataset} from '../../../playground';
import {planFlatten} from '../../../playground/flatten';
import {planSampleTable, withSampleTable} from '../../../playground/flatten/profile';
import {StepLog} from '../../../playground/lab/step';
import {nodeEngineForFile} from '../nodeEngine';

/*
 * The plan draws its sample over row ids and reads only the sampled rows' maps (sampling the map
 * column itself read every map of the source). It must be the very sample `USING SAMPLE` on the
 * map column draws, for row counts and for percentages.
 */

const engine = nodeEngineForFile();

async function count(sql: string): Promise<number> {
  return Number((await engine.query(sql)).getChildAt(0)?.get(0));
}

beforeAll(async () => {
  await loadDataset(engine, {name: 'sensor_events', rows: 100_000, seed: 7, malformedRate: 0.02});
}, 60_000);

describe('the plan sample', () => {
  for (const [label, sample, clause] of [
    ['10,000 rows', {rows: 10_000}, 'USING SAMPLE reservoir(10000 ROWS) REPEATABLE (42)'],
    ['2 percent', {percent: 2}, 'USING SAMPLE bernoulli(2 PERCENT) REPEATABLE (42)'],
  ] as const) {
    it(`holds the same maps as sampling the map column directly (${label})`, async () => {
      const log = new StepLog(engine);
      const differences = await withSampleTable(log, {source: 'sensor_events', mapColumn: 'customExtension', sample, seed: 42}, async () => {
        const direct = `SELECT customExtension::VARCHAR AS m FROM sensor_events ${clause}`;
        const stored = `SELECT customExtension::VARCHAR AS m FROM ${planSampleTable}`;
        return {
          rows: await count(`SELECT count(*) FROM ${planSampleTable}`),
          directRows: await count(`SELECT count(*) FROM (${direct})`),
          missing: await count(`SELECT count(*) FROM (${direct} EXCEPT ALL ${stored})`),
          extra: await count(`SELECT count(*) FROM (${stored} EXCEPT ALL ${direct})`),
        };
      });
      expect(differences.rows).toBe(differences.directRows);
      expect(differences.rows).toBeGreaterThan(1_000);
      expect(differences).toMatchObject({missing: 0, extra: 0});
      // The temporary table is gone afterwards.
      expect(await count(`SELECT count(*) FROM information_schema.tables WHERE table_name = '${planSampleTable}'`)).toBe(0);
      expect(log.sql[0]).toMatch(/WHERE rowid IN \(SELECT rowid FROM "sensor_events" USING SAMPLE/);
    });
  }

  it('is dropped when planning fails, and the plan reads it once', async () => {
    const log = new StepLog(engine);
    await expect(withSampleTable(log, {source: 'sensor_events', mapColumn: 'customExtension', sample: {rows: 10}, seed: 1}, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await count(`SELECT count(*) FROM information_schema.tables WHERE table_name = '${planSampleTable}'`)).toBe(0);
    const plan = await planFlatten(engine);
    expect(plan.sql.filter((sql) => sql.includes('USING SAMPLE'))).toHaveLength(1);
    expect(plan.sample.rows).toBe(10_000);
  });
});
