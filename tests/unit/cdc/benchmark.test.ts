import {describe, expect, it, vi} from 'vitest';
import {applyChanges, cdcBenchmark, generateChangeStream, measureCdc} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

vi.setConfig({testTimeout: 120_000});

describe('measureCdc, the run npm run bench times', () => {
  it('times generation and the batches of a configuration that converges after every batch', async () => {
    const ticks = [0, 40, 40, 100];
    const clock = () => ticks.shift() ?? 100;
    const measured = await measureCdc(engine, {...cdcBenchmark, events: 3_000, spec: {...cdcBenchmark.spec, batches: 5}}, clock);
    expect(measured.generateMs).toBe(40);
    expect(measured.applyMs).toBe(60);
    expect(measured.batches).toBe(5);
    expect(measured.converged).toBe(true);
  });

  it('applies the same stream the engine functions give when called directly', async () => {
    const small = {...cdcBenchmark, events: 3_000, spec: {...cdcBenchmark.spec, batches: 4}};
    const target = async () => JSON.stringify((await engine.query('SELECT * FROM cdc_target ORDER BY ALL')).toArray(), (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
    await measureCdc(engine, small);
    const measured = await target();
    await generateChangeStream(engine, {source: small.spec.source, events: small.events, seed: small.seed});
    const direct = await applyChanges(engine, small.spec);
    expect(direct).toHaveLength(4);
    expect(measured).toBe(await target());
    expect(measured.length).toBeGreaterThan(1_000);
  });

  it('is the configuration the bench and the lab name: 100,000 records, 20 batches, LSN order, soft deletes, SCD1', () => {
    expect(cdcBenchmark).toEqual({events: 100_000, seed: 42, spec: {source: 'work_order', ordering: 'lsn', deletes: 'soft', target: 'scd1', batches: 20}});
  });
});
