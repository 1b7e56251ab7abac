import {beforeAll, describe, expect, it} from 'vitest';
import {loadDataset} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

beforeAll(async () => {
  await loadDataset(engine, {name: 'test_results', rows: 20_000, seed: 42});
  await loadDataset(engine, {name: 'machines', rows: 400, seed: 42});
  await loadDataset(engine, {name: 'plants', seed: 42});
}, 60_000);

async function count(sql: string): Promise<number> {
  return Number((await engine.query(`SELECT count(*) AS n FROM (${sql})`)).getChild('n')?.get(0));
}

describe('test_results', () => {
  it('passes exactly the units inside the limits, and fails a few', async () => {
    expect(await count('SELECT * FROM test_results WHERE passed <> (measured_value BETWEEN lower_limit AND upper_limit)')).toBe(0);
    const failed = await count('SELECT * FROM test_results WHERE NOT passed');
    expect(failed).toBeGreaterThan(400);
    expect(failed).toBeLessThan(2_000);
  });

  it('names the shift by the plant’s local hour: A from 06:00, B from 14:00, C from 22:00', async () => {
    const local = `hour(t.test_ts + to_minutes(p.utc_offset_minutes))`;
    const wrong = await count(`
      SELECT * FROM test_results t JOIN machines m USING (machine_id) JOIN plants p USING (plant_id)
      WHERE t.shift <> CASE WHEN ${local} BETWEEN 6 AND 13 THEN 'A' WHEN ${local} BETWEEN 14 AND 21 THEN 'B' ELSE 'C' END`);
    expect(wrong).toBe(0);
    expect(await count('SELECT * FROM test_results t JOIN machines m USING (machine_id) JOIN plants p USING (plant_id)')).toBe(20_000);
  });

  it('comes from test rigs only, one serial number per tested unit', async () => {
    expect(await count(`SELECT * FROM test_results JOIN machines USING (machine_id) WHERE machine_type <> 'test_rig'`)).toBe(0);
    expect(await count('SELECT DISTINCT serial_number FROM test_results')).toBe(20_000);
  });
});

describe('machines and plants', () => {
  it('give every machine its own id and serial number, on a line of its plant', async () => {
    expect(await count('SELECT DISTINCT machine_id FROM machines')).toBe(400);
    expect(await count('SELECT DISTINCT serial_number FROM machines')).toBe(400);
    expect(await count(`SELECT * FROM machines WHERE NOT starts_with(line_id, plant_id || '-L')`)).toBe(0);
    expect(await count('SELECT * FROM machines LEFT JOIN plants USING (plant_id) WHERE plants.plant_id IS NULL')).toBe(0);
  });

  it('keep the plant → site → division → region hierarchy strict', async () => {
    expect(await count('SELECT site FROM plants GROUP BY site HAVING count(DISTINCT division) > 1')).toBe(0);
    expect(await count('SELECT division FROM plants GROUP BY division HAVING count(DISTINCT region) > 1')).toBe(0);
    expect(await count('SELECT DISTINCT site FROM plants')).toBeLessThan(10);
  });
});
