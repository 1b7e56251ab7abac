import {describe, expect, it} from 'vitest';
import {checkScd2Invariants, mergeScd2, type SqlEngine} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';
import {applyBatch, inOrderBatches, randomBatches, type Change, type Version} from './reference';
import {loadBatch} from './batches';

const engine = nodeEngineForFile();

const hour = 3_600_000;
const t = (hours: number) => Date.UTC(2026, 0, 1) + hours * hour;

/** The dimension as versions, in key and time order. */
async function readDimension(db: SqlEngine, table: string, deletedColumn: string | null = null): Promise<Version[]> {
  const result = await db.query(
    `SELECT machine_id, epoch_ms(valid_from) AS valid_from, epoch_ms(valid_to) AS valid_to,
       firmware, line_id, CAST(calibration_offset AS VARCHAR) AS offset_text, operating_mode${deletedColumn ? `, ${deletedColumn} AS deleted` : ''}
     FROM ${table} ORDER BY machine_id, valid_from`,
  );
  return result.toArray().map((row) => {
    const value = row.toJSON() as Record<string, unknown>;
    const deleted = value.deleted === true;
    return {
      key: String(value.machine_id),
      validFrom: Number(value.valid_from),
      validTo: value.valid_to === null ? null : Number(value.valid_to),
      values: deleted ? null : [value.firmware, value.line_id, value.offset_text, value.operating_mode].map(String),
      deleted,
    };
  });
}

const change = (changeId: number, key: string, at: number, values: string[], op: Change['op'] = 'update'): Change => ({changeId, key, op, at, values});
const A = ['2.1.0', 'L1', '0.125', 'auto'];
const B = ['2.2.0', 'L1', '0.125', 'auto'];
const C = ['2.2.0', 'L2', '0.125', 'auto'];
const L = ['2.1.5', 'L1', '0.125', 'auto'];

describe('mergeScd2 on hand-made batches', () => {
  it('inserts new keys, applies several changes of a key in event order and writes nothing for a change that alters nothing', async () => {
    await loadBatch(engine, [change(1, 'M1', t(1), A, 'insert'), change(2, 'M2', t(1), A, 'insert')]);
    const first = await mergeScd2(engine, {dimension: 'dim_hand'});
    expect(first).toMatchObject({batchRows: 2, distinctChanges: 2, inserted: 2, updated: 0, closed: 0, unchanged: 0});

    await loadBatch(engine, [change(5, 'M1', t(5), C), change(3, 'M1', t(3), B), change(4, 'M1', t(4), B), change(6, 'M2', t(2), A)]);
    const second = await mergeScd2(engine, {dimension: 'dim_hand'});
    expect(second).toMatchObject({inserted: 2, updated: 1, closed: 1, unchanged: 2});
    expect(await readDimension(engine, 'dim_hand')).toEqual([
      {key: 'M1', validFrom: t(1), validTo: t(3), values: A, deleted: false},
      {key: 'M1', validFrom: t(3), validTo: t(5), values: B, deleted: false},
      {key: 'M1', validFrom: t(5), validTo: null, values: C, deleted: false},
      {key: 'M2', validFrom: t(1), validTo: null, values: A, deleted: false},
    ]);
  });

  it('puts a late change into history at its time and shortens the version before it', async () => {
    await loadBatch(engine, [change(7, 'M1', t(2), L)]);
    const late = await mergeScd2(engine, {dimension: 'dim_hand'});
    expect(late).toMatchObject({inserted: 1, updated: 1, closed: 0});
    expect((await readDimension(engine, 'dim_hand')).filter((version) => version.key === 'M1').map((version) => [version.validFrom, version.validTo])).toEqual([
      [t(1), t(2)],
      [t(2), t(3)],
      [t(3), t(5)],
      [t(5), null],
    ]);
  });

  it('closes the current version on a delete, keeps surrogate keys, and changes nothing when the batch runs again', async () => {
    const before = await engine.query(`SELECT machine_sk FROM dim_hand WHERE machine_id = 'M2'`);
    await loadBatch(engine, [change(8, 'M2', t(6), A, 'delete')]);
    expect(await mergeScd2(engine, {dimension: 'dim_hand'})).toMatchObject({inserted: 0, updated: 1, closed: 1});
    const again = await mergeScd2(engine, {dimension: 'dim_hand'});
    expect(again).toMatchObject({inserted: 0, updated: 0, closed: 0, unchanged: 1});
    const m2 = await engine.query(`SELECT machine_sk, epoch_ms(valid_to)::DOUBLE AS valid_to, is_current FROM dim_hand WHERE machine_id = 'M2'`);
    expect(m2.toArray().map((row) => row.toJSON())).toEqual([{machine_sk: before.getChild('machine_sk')?.get(0), valid_to: t(6), is_current: false}]);
  });

  it('keeps a row hash that changes only with the tracked values and unique surrogate keys', async () => {
    const check = await engine.query(`SELECT count(DISTINCT machine_sk) AS sks, count(*) AS n, count(DISTINCT row_hash) AS hashes FROM dim_hand`);
    expect(check.toArray()[0]?.toJSON()).toEqual({sks: 5n, n: 5n, hashes: 4n});
  });

  it('writes a deleted version instead with deletes=new_record, and dbt snapshot columns with naming=dbt', async () => {
    await loadBatch(engine, [change(1, 'M1', t(1), A, 'insert'), change(2, 'M1', t(4), A, 'delete')]);
    await mergeScd2(engine, {dimension: 'dim_dbt', deletes: 'new_record', naming: 'dbt'});
    const rows = await engine.query(
      `SELECT dbt_scd_id, epoch_ms(dbt_valid_from)::DOUBLE AS f, epoch_ms(dbt_valid_to)::DOUBLE AS t, epoch_ms(dbt_updated_at)::DOUBLE AS u, dbt_is_deleted FROM dim_dbt ORDER BY f`,
    );
    const plain = rows.toArray().map((row) => row.toJSON());
    expect(plain.map(({f, t: to, u, dbt_is_deleted}) => [f, to, u, dbt_is_deleted])).toEqual([
      [t(1), t(4), t(1), false],
      [t(4), null, t(4), true],
    ]);
    expect(plain[0]?.dbt_scd_id).toMatch(/^[0-9a-f]{32}$/);
    const columns = await engine.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'dim_dbt' ORDER BY ordinal_position`);
    expect(columns.getChild('column_name')?.toArray()).toEqual([
      'dbt_scd_id', 'machine_id', 'firmware', 'line_id', 'calibration_offset', 'operating_mode',
      'dbt_valid_from', 'dbt_valid_to', 'row_hash', 'dbt_is_deleted', 'dbt_updated_at',
    ]);
  });

  it('ends open versions on a far-future date when asked', async () => {
    await loadBatch(engine, [change(1, 'M1', t(1), A, 'insert'), change(2, 'M1', t(3), B)]);
    await mergeScd2(engine, {dimension: 'dim_far', openEnd: {farFuture: '9999-12-31'}});
    await mergeScd2(engine, {dimension: 'dim_far', openEnd: {farFuture: '9999-12-31'}});
    const rows = await engine.query(`SELECT CAST(valid_to AS VARCHAR) AS valid_to, is_current FROM dim_far ORDER BY valid_from`);
    expect(rows.toArray().map((row) => row.toJSON())).toEqual([
      {valid_to: '2026-01-01 03:00:00', is_current: false},
      {valid_to: '9999-12-31 00:00:00', is_current: true},
    ]);
  });

  it('takes the single MERGE for one new change per key, the highest change id winning among repeats of a key and instant', async () => {
    await loadBatch(engine, [change(1, 'M1', t(1), A, 'insert'), change(2, 'M2', t(1), A, 'insert')]);
    expect(await mergeScd2(engine, {dimension: 'dim_repeats'})).toMatchObject({path: 'append', inserted: 2});
    await loadBatch(engine, [change(4, 'M1', t(2), C), change(3, 'M1', t(2), B), change(5, 'M2', t(2), A), change(6, 'M3', t(2), B, 'insert')]);
    expect(await mergeScd2(engine, {dimension: 'dim_repeats'})).toMatchObject({
      path: 'append',
      batchRows: 4,
      distinctChanges: 3,
      unchanged: 1,
      inserted: 2,
      updated: 1,
      closed: 1,
    });
    expect((await readDimension(engine, 'dim_repeats')).filter((version) => version.validTo === null).map((version) => [version.key, version.values])).toEqual([
      ['M1', C],
      ['M2', A],
      ['M3', B],
    ]);
  });

  it('refuses a spec it cannot apply, naming the field', async () => {
    await expect(mergeScd2(engine, {trackedColumns: []})).rejects.toThrow(/mergeScd2: trackedColumns: Track at least one column\./);
    await expect(mergeScd2(engine, {openEnd: {farFuture: 'forever'}})).rejects.toThrow(/Use a date such as 9999-12-31/);
  });
});

describe('mergeScd2 against a replay of the change log', () => {
  for (const deletes of ['invalidate', 'new_record'] as const) {
    it(`matches the replay, with clean invariants, on 40 random streams with duplicates, late changes and deletes (${deletes})`, async () => {
      for (let seed = 1; seed <= 40; seed += 1) {
        const table = `dim_random_${deletes}`;
        await engine.query(`DROP TABLE IF EXISTS ${table}`);
        let expected: Version[] = [];
        for (const batch of randomBatches(seed, 4, 12)) {
          await loadBatch(engine, batch);
          await mergeScd2(engine, {dimension: table, deletes});
          expected = applyBatch(expected, batch, deletes);
          const actual = await readDimension(engine, table, deletes === 'new_record' ? 'is_deleted' : null);
          expect(actual, `seed ${seed}`).toEqual(expected);
          expect((await checkScd2Invariants(engine, {dimension: table, deletes})).violations, `seed ${seed}`).toEqual([]);
        }
        const rerun = await mergeScd2(engine, {dimension: table, deletes});
        expect(rerun, `seed ${seed}: re-running the last batch`).toMatchObject({inserted: 0, updated: 0});
      }
    }, 120_000);

    it(`writes in-order batches with the single staged-updates MERGE, exactly as the replay (${deletes})`, async () => {
      let appended = 0;
      for (let seed = 1; seed <= 30; seed += 1) {
        const table = `dim_in_order_${deletes}`;
        await engine.query(`DROP TABLE IF EXISTS ${table}`);
        let expected: Version[] = [];
        for (const batch of inOrderBatches(seed, 6, 3)) {
          await loadBatch(engine, batch);
          const result = await mergeScd2(engine, {dimension: table, deletes});
          appended += result.path === 'append' ? 1 : 0;
          expected = applyBatch(expected, batch, deletes);
          expect(await readDimension(engine, table, deletes === 'new_record' ? 'is_deleted' : null), `seed ${seed}`).toEqual(expected);
          expect((await checkScd2Invariants(engine, {dimension: table, deletes})).violations, `seed ${seed}`).toEqual([]);
        }
      }
      expect(appended).toBeGreaterThan(150);
    }, 120_000);
  }
});
