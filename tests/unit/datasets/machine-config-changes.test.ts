import {beforeAll, describe, expect, it} from 'vitest';
import {loadDataset} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

beforeAll(async () => {
  await loadDataset(engine, {name: 'machine_config_changes', rows: 20_000, seed: 42});
  // One row per change (duplicates removed), with the state the machine had before it.
  await engine.query(`
    CREATE TABLE changes AS
    SELECT *,
           lag(op) OVER history AS previous_op,
           lag(firmware) OVER history AS previous_firmware,
           lag(line_id) OVER history AS previous_line_id,
           lag(calibration_offset) OVER history AS previous_offset,
           lag(operating_mode) OVER history AS previous_mode,
           row_number() OVER history AS position
    FROM (SELECT DISTINCT * FROM machine_config_changes)
    WINDOW history AS (PARTITION BY machine_id ORDER BY changed_at, change_id)`);
}, 60_000);

async function count(sql: string): Promise<number> {
  return Number((await engine.query(`SELECT count(*) AS n FROM (${sql})`)).getChild('n')?.get(0));
}

describe('machine_config_changes', () => {
  it('delivers some changes twice, as exact duplicates', async () => {
    const duplicated = await count('SELECT * FROM machine_config_changes GROUP BY ALL HAVING count(*) > 1');
    expect(duplicated).toBeGreaterThan(100);
    expect(await count('SELECT DISTINCT change_id FROM machine_config_changes')).toBe(await count('SELECT DISTINCT * FROM machine_config_changes'));
  });

  it('delivers some changes out of order: a later change of a machine is ingested first', async () => {
    const overtaken = await count(`
      SELECT * FROM changes a JOIN changes b USING (machine_id)
      WHERE a.changed_at < b.changed_at AND a.ingested_at > b.ingested_at`);
    expect(overtaken).toBeGreaterThan(10);
  });

  it('starts every machine with an insert and inserts it again after a delete', async () => {
    expect(await count(`SELECT * FROM changes WHERE position = 1 AND op <> 'insert'`)).toBe(0);
    expect(await count(`SELECT * FROM changes WHERE previous_op = 'delete' AND op <> 'insert'`)).toBe(0);
    expect(await count(`SELECT * FROM changes WHERE op = 'delete'`)).toBeGreaterThan(100);
    expect(await count(`SELECT * FROM changes WHERE op = 'insert' AND position > 1`)).toBeGreaterThan(100);
  });

  it('contains updates that change nothing next to ones that change one thing', async () => {
    const unchanged = `firmware = previous_firmware AND line_id = previous_line_id AND calibration_offset = previous_offset AND operating_mode = previous_mode`;
    expect(await count(`SELECT * FROM changes WHERE op = 'update' AND ${unchanged}`)).toBeGreaterThan(100);
    expect(await count(`SELECT * FROM changes WHERE op = 'update' AND NOT (${unchanged})`)).toBeGreaterThan(1_000);
  });

  it('rolls firmware forward once per machine, on the machines dimension rollout', async () => {
    expect(await count(`SELECT * FROM changes WHERE op = 'update' AND firmware < previous_firmware`)).toBe(0);
    expect(await count(`SELECT * FROM changes WHERE op = 'update' AND firmware > previous_firmware`)).toBeGreaterThan(100);
    await loadDataset(engine, {name: 'machines', rows: 400, seed: 42});
    const behind = await count(`
      SELECT c.machine_id FROM changes c JOIN machines m USING (machine_id)
      GROUP BY c.machine_id HAVING arg_max(c.firmware, c.changed_at) > any_value(m.firmware)`);
    expect(behind).toBe(0);
  });
});
