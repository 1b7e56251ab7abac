import {describe, expect, it, vi} from 'vitest';
import {applyChanges, sourceTables, type SqlEngine} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

// Each case applies a whole stream on DuckDB-WASM; on a loaded machine that takes longer than the default 5 s.
vi.setConfig({testTimeout: 120_000});

/** One hand-written change event for the `machine` table; `op: null` is a tombstone. */
interface HandEvent {
  partition: number;
  offset: number;
  key: string;
  op: 'r' | 'c' | 'u' | 'd' | null;
  lsn: number;
  tsMs: number;
  firmware?: string;
}

/** Writes events in the order given (the read order) as generateChangeStream shapes them. */
async function writeEvents(db: SqlEngine, events: HandEvent[]): Promise<void> {
  const columns = ['machine_id', ...sourceTables.machine.columns.map((column) => column.name)];
  const image = (event: HandEvent) =>
    `{${columns
      .map((column) => {
        const value = column === 'machine_id' ? `'${event.key}'` : column === 'firmware' ? `'${event.firmware ?? '4.1.0'}'` : column === 'updated_at' ? `${event.tsMs * 1000}::BIGINT` : 'NULL::VARCHAR';
        return `'${column}': ${value}`;
      })
      .join(', ')}}`;
  const rows = events.map((event, index) => {
    const value =
      event.op === null
        ? 'NULL'
        : `{'before': ${event.op === 'u' || event.op === 'd' ? image(event) : 'NULL'}, 'after': ${event.op === 'd' ? 'NULL' : image(event)}, 'source': {'ts_ms': ${event.tsMs}::BIGINT, 'lsn': ${event.lsn}::BIGINT}, 'op': '${event.op}', 'ts_ms': ${event.tsMs + 5}::BIGINT}`;
    return `SELECT ${index}::BIGINT AS read_order, 'mes_de01.public.machine' AS topic, ${event.partition} AS kafka_partition, ${event.offset}::BIGINT AS kafka_offset, {'machine_id': '${event.key}'} AS "key", ${value} AS "value"`;
  });
  // The first row fixes the struct types: give it a full value (not a tombstone).
  await db.query(`CREATE OR REPLACE TABLE hand_events AS ${rows.join('\nUNION ALL BY NAME\n')}`);
}

const spec = {source: 'machine', events: 'hand_events', targetTable: 'hand_target', batches: 2} as const;

describe('the documented failure of ordering by source.ts_ms', () => {
  // Two updates of M00001 commit in the same millisecond (LSN 300 and 400); the second is read in the next micro-batch.
  const events: HandEvent[] = [
    {partition: 0, offset: 0, key: 'M00001', op: 'c', lsn: 100, tsMs: 1_000, firmware: '4.1.0'},
    {partition: 0, offset: 1, key: 'M00001', op: 'u', lsn: 300, tsMs: 2_000, firmware: '4.2.0'},
    {partition: 0, offset: 2, key: 'M00001', op: 'u', lsn: 400, tsMs: 2_000, firmware: '5.0.0'},
    {partition: 0, offset: 3, key: 'M00002', op: 'c', lsn: 500, tsMs: 3_000, firmware: '4.1.0'},
  ];

  it('keeps the first of the two same-millisecond updates: the MERGE guard ts_ms > target.ts_ms rejects the second', async () => {
    await writeEvents(engine, events);
    const results = await applyChanges(engine, {...spec, ordering: 'ts_ms', deletes: 'soft'});
    expect(results.map((result) => result.convergence.converged)).toEqual([true, false]);
    expect(results[1]!.convergence.differences).toEqual([
      {
        key: 'M00001',
        kind: 'same_millisecond',
        columns: ['firmware'],
        targetValues: {firmware: '4.2.0'},
        sourceValues: {firmware: '5.0.0'},
        targetLsn: 300,
        sourceLsn: 400,
        targetTsMs: 2_000,
        sourceTsMs: 2_000,
        deletedAtLsn: null,
      },
    ]);
    expect(results[1]!.skippedAsOlder).toBe(1);
  });

  it('converges when the same stream is ordered by LSN', async () => {
    await writeEvents(engine, events);
    const results = await applyChanges(engine, {...spec, ordering: 'lsn', deletes: 'soft'});
    expect(results.map((result) => result.convergence.converged)).toEqual([true, true]);
  });
});

describe('a delete followed by a re-sent older change', () => {
  // M00001 is created and deleted (with its tombstone); after a connector restart its update (LSN 200) is sent again.
  const events: HandEvent[] = [
    {partition: 1, offset: 0, key: 'M00001', op: 'c', lsn: 100, tsMs: 1_000},
    {partition: 1, offset: 1, key: 'M00001', op: 'u', lsn: 200, tsMs: 1_500, firmware: '4.2.0'},
    {partition: 1, offset: 2, key: 'M00001', op: 'd', lsn: 300, tsMs: 2_000},
    {partition: 1, offset: 3, key: 'M00001', op: null, lsn: 300, tsMs: 2_000},
    {partition: 1, offset: 4, key: 'M00001', op: 'u', lsn: 200, tsMs: 1_500, firmware: '4.2.0'},
    {partition: 1, offset: 5, key: 'M00002', op: 'c', lsn: 400, tsMs: 3_000},
  ];

  it('resurrects the row under hard deletes', async () => {
    await writeEvents(engine, events);
    const results = await applyChanges(engine, {...spec, ordering: 'lsn', deletes: 'hard', batches: 2});
    expect(results[1]!.tombstones).toBe(1);
    expect(results[0]!.deleted).toBe(0);
    expect(results.map((result) => result.convergence.converged)).toEqual([true, false]);
    expect(results[1]!.convergence.differences.map(({key, kind, targetLsn, deletedAtLsn}) => ({key, kind, targetLsn, deletedAtLsn}))).toEqual([
      {key: 'M00001', kind: 'not_deleted', targetLsn: 200, deletedAtLsn: 300},
    ]);
  });

  it('keeps it deleted under soft deletes: the flagged row still holds the delete\'s LSN', async () => {
    await writeEvents(engine, events);
    const results = await applyChanges(engine, {...spec, ordering: 'lsn', deletes: 'soft', batches: 2});
    expect(results.map((result) => result.convergence.converged)).toEqual([true, true]);
    const flagged = (await engine.query(`SELECT machine_id, _cdc_lsn, _cdc_deleted FROM hand_target ORDER BY machine_id`)).toArray().map((row) => row.toJSON());
    expect(flagged.map((row) => [row.machine_id, Number(row._cdc_lsn), row._cdc_deleted])).toEqual([
      ['M00001', 300, true],
      ['M00002', 400, false],
    ]);
  });
});
