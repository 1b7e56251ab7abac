import {describe, expect, it} from 'vitest';
import {
  datasetChecksumSql,
  datasetColumns,
  datasetDescriptions,
  datasetNames,
  loadDataset,
  type DatasetName,
  type DatasetProgress,
  type SqlEngine,
} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

async function checksum(name: DatasetName, seed: number): Promise<{row_count: bigint; checksum: string}> {
  await loadDataset(engine, {name, rows: 10_000, seed});
  const row = (await engine.query(datasetChecksumSql(name))).toArray()[0]?.toJSON();
  return row as {row_count: bigint; checksum: string};
}

describe('loadDataset', () => {
  it.each(datasetNames)('loads %s with the documented columns and types', async (name) => {
    const summary = await loadDataset(engine, {name, rows: 10_000, seed: 42});
    const described = await engine.query(`DESCRIBE ${name}`);
    const columns = described.toArray().map((row) => ({name: row.column_name, type: row.column_type}));
    expect(columns).toEqual(datasetColumns[name]);
    expect(summary).toEqual({name, rows: name === 'plants' ? 10 : 10_000, seed: 42, columns: datasetColumns[name]});
    expect(datasetDescriptions[name].title.length).toBeGreaterThan(0);
  });

  it.each(datasetNames.filter((name) => name !== 'plants'))(
    'gives %s the same checksum for the same seed and another for another seed',
    async (name) => {
      const first = await checksum(name, 42);
      expect(await checksum(name, 42)).toEqual(first);
      expect(first.row_count).toBe(10_000n);
      expect((await checksum(name, 43)).checksum).not.toBe(first.checksum);
    },
  );

  it('keeps plants the same ten rows whatever the seed and row count', async () => {
    const first = await checksum('plants', 42);
    expect(await checksum('plants', 43)).toEqual(first);
    expect(first.row_count).toBe(10n);
  });

  it('generates the same events however the load is sliced (chunks of rows, slices of the map pool)', async () => {
    // The checksum the load gave with 100,000-row chunks and with the pool in one table, before either was sliced.
    await loadDataset(engine, {name: 'sensor_events', rows: 60_000, seed: 42});
    const row = (await engine.query(datasetChecksumSql('sensor_events'))).toArray()[0]?.toJSON();
    expect({rows: row?.row_count, checksum: String(row?.checksum)}).toEqual({rows: 60_000n, checksum: '551523434366753773102848'});
  }, 60_000);

  it('pins the generated values, so a generator change is a visible decision', async () => {
    await loadDataset(engine, {name: 'sensor_events', rows: 10_000, seed: 42});
    const event = await engine.query(
      `SELECT event_id, plant_id, line_id, machine_id, machine_type, firmware, event_ts::VARCHAR AS event_ts,
              ingest_ts::VARCHAR AS ingest_ts, customExtension::VARCHAR AS extension
       FROM sensor_events WHERE event_id = 1`,
    );
    expect(event.toArray()[0]?.toJSON()).toMatchInlineSnapshot(`
      {
        "event_id": 1n,
        "event_ts": "2026-01-05 00:00:04.908",
        "extension": "{vib_mm_s=9, temp_c=71.57, power_kw=46.70, uptime_s=474297, scrap_count=9, alarm_code=W-507, operator_id=OP-3659, door_open=false, config='{"mode":"setup","recipe":"R-147","slots":8}', last_maint='2026-01-01T09:59:51Z', melt_temp_c=294.4, inj_bar=609, cycle_time_s=60.37}",
        "firmware": "4.0.3",
        "ingest_ts": "2026-01-05 00:00:24.547",
        "line_id": "PLANT_01-L3",
        "machine_id": "M00354",
        "machine_type": "injection_molder",
        "plant_id": "PLANT_01",
      }
    `);
    await loadDataset(engine, {name: 'machines', rows: 400, seed: 42});
    const machine = await engine.query(`SELECT * EXCLUDE (install_date), install_date::VARCHAR AS install_date FROM machines WHERE machine_id = 'M00017'`);
    expect(machine.toArray()[0]?.toJSON()).toMatchInlineSnapshot(`
      {
        "capacity_per_hour": 80,
        "firmware": "3.5.0",
        "install_date": "2021-12-27",
        "line_id": "PLANT_06-L1",
        "machine_id": "M00017",
        "machine_type": "robot_cell",
        "manufacturer": "Arcline Robotics",
        "model": "AR-16 Cell",
        "plant_id": "PLANT_06",
        "serial_number": "RBT-D1CDDF0C",
      }
    `);
  });

  it('reports progress after each chunk of 25,000 rows', async () => {
    const progress: DatasetProgress[] = [];
    await loadDataset(engine, {name: 'test_results', rows: 60_000, seed: 1}, (step) => progress.push(step));
    expect(progress).toEqual([
      {rowsDone: 25_000, rowsTotal: 60_000},
      {rowsDone: 50_000, rowsTotal: 60_000},
      {rowsDone: 60_000, rowsTotal: 60_000},
    ]);
  });

  it('leaves the previous table in place when a load fails part-way', async () => {
    await loadDataset(engine, {name: 'machines', rows: 1_000, seed: 5});
    let inserts = 0;
    const failing: SqlEngine = {
      ...engine,
      insertArrow: async (name, table, mode) => {
        inserts++;
        if (inserts === 2) {
          throw new Error('the tab ran out of memory');
        }
        await engine.insertArrow(name, table, mode);
      },
    };
    await expect(loadDataset(failing, {name: 'machines', rows: 150_000, seed: 6})).rejects.toThrow('the tab ran out of memory');
    const count = await engine.query('SELECT count(*) AS n FROM machines');
    expect(count.getChild('n')?.get(0)).toBe(1_000n);
  });

  it('refuses an invalid request with the message parseDatasetRequest gives', async () => {
    await expect(loadDataset(engine, {name: 'machines', rows: 0})).rejects.toThrow(
      '0 rows is too few: ask for at least 1 row (presets: 10k, 100k, 1M).',
    );
  });
});
