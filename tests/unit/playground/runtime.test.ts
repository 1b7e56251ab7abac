import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AsyncDuckDB} from '@duckdb/duckdb-wasm';
import {EngineError, PlaygroundRuntime, type RuntimeStatus} from '../../../playground';
import {openNodeDatabase} from '../../../playground/node';

const statuses: RuntimeStatus[] = [];
let runtime: PlaygroundRuntime;

beforeAll(() => {
  runtime = new PlaygroundRuntime(openNodeDatabase, (status) => statuses.push(status));
});

afterAll(async () => {
  await runtime.close();
});

const countEvents = async () => (await runtime.run('SELECT count(*) AS n FROM sensor_events')).getChild('n')?.get(0);

describe('PlaygroundRuntime on DuckDB-WASM in Node', () => {
  it('starts on demand, generates a dataset with progress, and skips an identical second request', async () => {
    await runtime.ensureDataset({name: 'sensor_events', rows: 20_000, seed: 7});
    expect(statuses[0]).toEqual({phase: 'starting'});
    // The start reports its last step, opening the database, before the dataset is generated.
    expect(statuses.find((status) => status.phase === 'starting' && status.progress !== undefined)).toEqual({phase: 'starting', progress: {step: 'opening'}});
    const generating = statuses.filter((status) => status.phase === 'generating');
    expect(generating.at(-1)).toMatchObject({dataset: 'sensor_events', rowsDone: 20_000, rowsTotal: 20_000});
    expect(await countEvents()).toBe(20_000n);
    expect(await runtime.ensureDataset({name: 'sensor_events', rows: 20_000, seed: 7})).toBeUndefined();
  }, 60_000);

  it('brings a dropped dataset back on reset', async () => {
    await runtime.run('DROP TABLE sensor_events');
    await expect(countEvents()).rejects.toThrow(/Table with name sensor_events does not exist/);
    await runtime.resetDataset('sensor_events');
    expect(await countEvents()).toBe(20_000n);
  }, 60_000);

  it('cancels a runaway query and keeps the datasets', async () => {
    const runaway = runtime.run('SELECT count(*) FROM range(10000000000) t(x) WHERE x % 7 = 3');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await runtime.cancel()).toBe('cancelled');
    await expect(runaway).rejects.toBeInstanceOf(EngineError);
    expect(await countEvents()).toBe(20_000n);
  }, 60_000);

  it('runs work of several statements as one unit, and cancel stops it before its later statements', async () => {
    const statementsRun: string[] = [];
    const work = runtime.withEngine(async (engine) => {
      statementsRun.push('first');
      await engine.query('CREATE OR REPLACE TABLE unit_a AS SELECT 1 AS x');
      statementsRun.push('runaway');
      await engine.query('SELECT count(*) FROM range(10000000000) t(x) WHERE x % 7 = 3');
      statementsRun.push('after');
      await engine.query('CREATE OR REPLACE TABLE unit_b AS SELECT 2 AS x');
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await runtime.cancel()).toBe('cancelled');
    await expect(work).rejects.toMatchObject({info: {kind: 'cancelled'}});
    expect(statementsRun).toEqual(['first', 'runaway']);
    expect((await runtime.run('SELECT x FROM unit_a')).getChild('x')?.get(0)).toBe(1);
    await expect(runtime.run('SELECT x FROM unit_b')).rejects.toThrow(/unit_b does not exist/);
  }, 60_000);

  it('restarts into a fresh instance with every dataset restored', async () => {
    await runtime.run('CREATE TABLE scratch AS SELECT 1 AS x');
    await runtime.restart('engine-failed');
    expect(statuses).toContainEqual({phase: 'restarting', reason: 'engine-failed'});
    expect(await countEvents()).toBe(20_000n);
    await expect(runtime.run('SELECT * FROM scratch')).rejects.toThrow(/scratch does not exist/);
  }, 60_000);

  it('says there is nothing to cancel when no query runs', async () => {
    expect(await runtime.cancel()).toBe('nothing-running');
  });
});

describe('a broken instance', () => {
  it('is restarted with its datasets restored, without the reader doing anything (regression: a terminated worker)', async () => {
    const databases: AsyncDuckDB[] = [];
    const recovering = new PlaygroundRuntime(async () => {
      const db = await openNodeDatabase();
      databases.push(db);
      return db;
    });
    try {
      await recovering.ensureDataset({name: 'plants', rows: 10, seed: 1});
      const plants = Number((await recovering.run('SELECT count(*) AS n FROM plants')).getChild('n')?.get(0));
      await databases[0]!.terminate();
      const failure = await recovering.run('SELECT count(*) AS n FROM plants').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(EngineError);
      expect((failure as EngineError).info.kind).toBe('engine-failed');
      expect(databases).toHaveLength(2);
      expect(Number((await recovering.run('SELECT count(*) AS n FROM plants')).getChild('n')?.get(0))).toBe(plants);
    } finally {
      await recovering.close();
    }
  }, 60_000);
});
