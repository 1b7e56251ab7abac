import {describe, expect, it} from 'vitest';
import {Int64, Table, vectorFromArray} from 'apache-arrow';
import {EngineError, stringMapColumn} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

async function failure(work: Promise<unknown>): Promise<EngineError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof EngineError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the query to fail');
}

describe('the DuckDB-WASM engine in Node', () => {
  it('runs DuckDB 1.4.3 offline, with extension autoloading and external access off', async () => {
    const settings = await engine.query(
      "SELECT version() AS version, current_setting('autoload_known_extensions') AS autoload, current_setting('autoinstall_known_extensions') AS autoinstall, current_setting('enable_external_access') AS external",
    );
    expect(settings.toArray()[0]?.toJSON()).toEqual({version: 'v1.4.3', autoload: false, autoinstall: false, external: false});
  });

  it('binds values as parameters and returns the last statement of a script', async () => {
    const bound = await engine.query('SELECT ?::INTEGER + 1 AS next, ? AS plant', [41, "PLANT_'01"]);
    expect(bound.toArray()[0]?.toJSON()).toEqual({next: 42, plant: "PLANT_'01"});
    const script = await engine.query(
      'CREATE TABLE readings AS SELECT 1 AS id; INSERT INTO readings VALUES (2); SELECT count(*) AS n FROM readings',
    );
    expect(script.getChild('n')?.get(0)).toBe(2n);
    await engine.query('DROP TABLE readings');
  });

  it('keeps the schema of an empty result', async () => {
    const empty = await engine.query('SELECT 1::BIGINT AS event_id, now() AS ts WHERE false');
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields.map((field) => field.name)).toEqual(['event_id', 'ts']);
  });

  it('reports invalid SQL with DuckDB message as a sql error', async () => {
    const error = await failure(engine.query('SELEC 1'));
    expect(error.info.kind).toBe('sql');
    expect(error.info.message).toMatch(/Parser Error: syntax error at or near "SELEC"/);
  });

  it('names the json extension and the TRY_CAST alternative, then keeps working', async () => {
    const error = await failure(engine.query(`SELECT json_extract('{"a": 1}', '$.a')`));
    expect(error.info).toMatchObject({kind: 'missing-extension', extension: 'json'});
    expect(error.info.alternative).toContain('TRY_CAST');
    const parsed = await engine.query(`SELECT TRY_CAST('{"fw": "2.1", "slots": 4}' AS STRUCT(fw VARCHAR, slots INTEGER)).slots AS slots`);
    expect(parsed.getChild('slots')?.get(0)).toBe(4);
  });

  it('refuses time-zone conversion (ICU) with a message instead of hanging, and keeps working', async () => {
    const error = await failure(engine.query("SELECT TIMESTAMP '2026-01-01 06:00' AT TIME ZONE 'Europe/Berlin'"));
    expect(error.info).toMatchObject({kind: 'missing-extension', extension: 'icu'});
    const alive = await engine.query('SELECT 1 AS alive');
    expect(alive.getChild('alive')?.get(0)).toBe(1);
  });

  it('cancels a runaway query within 2 s and stays usable', async () => {
    const runaway = engine.query('SELECT count(*) FROM range(10000000000) t(x) WHERE x % 7 = 3');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cancelledAt = performance.now();
    expect(await engine.cancel()).toBe(true);
    const error = await failure(runaway);
    expect(performance.now() - cancelledAt).toBeLessThan(2_000);
    expect(error.info.kind).toBe('cancelled');
    expect((await engine.query('SELECT 42 AS answer')).getChild('answer')?.get(0)).toBe(42);
  });

  it('creates and appends to a table with a MAP(VARCHAR, VARCHAR) column from Arrow', async () => {
    const table = new Table({
      event_id: vectorFromArray([1n, 2n], new Int64()),
      customExtension: stringMapColumn(
        Int32Array.from([0, 2, 4]),
        ['temperature', 'rpm', 'temperature', 'rpm'],
        ['71', '1200', 'N/A', null],
      ),
    });
    await engine.insertArrow('map_events', table, 'create');
    await engine.insertArrow('map_events', table.slice(0, 1), 'append');
    const result = await engine.query(
      `SELECT event_id, customExtension['temperature'] AS temperature, TRY_CAST(customExtension['temperature'] AS INTEGER) AS typed
       FROM map_events ORDER BY event_id, typed NULLS LAST`,
    );
    expect(result.toArray().map((row) => row.toJSON())).toEqual([
      {event_id: 1n, temperature: '71', typed: 71},
      {event_id: 1n, temperature: '71', typed: 71},
      {event_id: 2n, temperature: 'N/A', typed: null},
    ]);
    const columns = await engine.query("SELECT data_type FROM information_schema.columns WHERE table_name = 'map_events' AND column_name = 'customExtension'");
    expect(columns.getChild('data_type')?.get(0)).toBe('MAP(VARCHAR, VARCHAR)');
  });
});
