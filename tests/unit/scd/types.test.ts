import {describe, expect, it} from 'vitest';
import {checkScd2Invariants, mergeScd1, mergeScd2, mergeScd3, mergeScd6, type SqlEngine} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';
import {loadBatch, type BatchChange} from './batches';

const engine = nodeEngineForFile();
const hour = 3_600_000;
const t = (hours: number) => Date.UTC(2026, 0, 1) + hours * hour;
const A = ['2.1.0', 'L1', '0.125', 'auto'];
const B = ['2.2.0', 'L1', '0.125', 'auto'];
const C = ['2.2.0', 'L2', '0.125', 'auto'];
const L = ['2.1.5', 'L1', '0.125', 'auto'];
const change = (changeId: number, at: number, values: string[], op: BatchChange['op'] = 'update'): BatchChange => ({changeId, key: 'M1', op, at, values});

async function rows(db: SqlEngine, sql: string): Promise<Record<string, unknown>[]> {
  return (await db.query(sql)).toArray().map((row) => row.toJSON() as Record<string, unknown>);
}

describe('type 1: overwrite', () => {
  it('keeps the latest values, ignores a late change, removes a deleted key and brings it back', async () => {
    const state = async () => rows(engine, `SELECT firmware, line_id, epoch_ms(updated_at)::DOUBLE AS updated FROM scd1`);
    await loadBatch(engine, [change(1, t(1), A, 'insert')]);
    expect(await mergeScd1(engine, {dimension: 'scd1'})).toMatchObject({inserted: 1});
    await loadBatch(engine, [change(2, t(3), B), change(3, t(2), L)]);
    expect(await mergeScd1(engine, {dimension: 'scd1'})).toMatchObject({updated: 1});
    expect(await state()).toEqual([{firmware: '2.2.0', line_id: 'L1', updated: t(3)}]);
    await loadBatch(engine, [change(4, t(2), L)]);
    expect(await mergeScd1(engine, {dimension: 'scd1'})).toMatchObject({inserted: 0, updated: 0, deleted: 0});
    await loadBatch(engine, [change(5, t(4), B, 'delete')]);
    expect(await mergeScd1(engine, {dimension: 'scd1'})).toMatchObject({deleted: 1});
    expect(await state()).toEqual([]);
    await loadBatch(engine, [change(6, t(5), C, 'insert')]);
    await mergeScd1(engine, {dimension: 'scd1'});
    expect(await state()).toEqual([{firmware: '2.2.0', line_id: 'L2', updated: t(5)}]);
  });
});

describe('type 3: previous-value columns', () => {
  it('applies the batch in time order, skips changes that alter nothing, and keeps the value before the last change', async () => {
    const state = async () => rows(engine, `SELECT firmware, line_id, previous_firmware, previous_line_id FROM scd3`);
    await loadBatch(engine, [change(1, t(1), A, 'insert')]);
    await mergeScd3(engine, {dimension: 'scd3'});
    expect(await state()).toEqual([{firmware: '2.1.0', line_id: 'L1', previous_firmware: null, previous_line_id: null}]);
    await loadBatch(engine, [change(4, t(5), C), change(2, t(3), B), change(3, t(4), B)]);
    expect(await mergeScd3(engine, {dimension: 'scd3'})).toMatchObject({updated: 1});
    expect(await state()).toEqual([{firmware: '2.2.0', line_id: 'L2', previous_firmware: '2.2.0', previous_line_id: 'L1'}]);
    await loadBatch(engine, [change(5, t(2), L)]);
    expect(await mergeScd3(engine, {dimension: 'scd3'})).toMatchObject({inserted: 0, updated: 0});
    await loadBatch(engine, [change(6, t(6), C)]);
    expect(await mergeScd3(engine, {dimension: 'scd3'})).toMatchObject({updated: 0});
    await loadBatch(engine, [change(7, t(7), C, 'delete')]);
    expect(await mergeScd3(engine, {dimension: 'scd3'})).toMatchObject({deleted: 1});
  });
});

describe('type 6: type 2 history with current and previous columns', () => {
  it('writes the current values on every version and the previous version beside each', async () => {
    await loadBatch(engine, [change(1, t(1), A, 'insert'), change(2, t(3), B)]);
    await mergeScd6(engine, {dimension: 'scd6'});
    await loadBatch(engine, [change(3, t(5), C)]);
    const result = await mergeScd6(engine, {dimension: 'scd6'});
    expect(result).toMatchObject({inserted: 1, closed: 1, rewritten: 3});
    expect(await rows(engine, `SELECT firmware, line_id, current_firmware, current_line_id, previous_firmware, is_current FROM scd6 ORDER BY valid_from`)).toEqual([
      {firmware: '2.1.0', line_id: 'L1', current_firmware: '2.2.0', current_line_id: 'L2', previous_firmware: null, is_current: false},
      {firmware: '2.2.0', line_id: 'L1', current_firmware: '2.2.0', current_line_id: 'L2', previous_firmware: '2.1.0', is_current: false},
      {firmware: '2.2.0', line_id: 'L2', current_firmware: '2.2.0', current_line_id: 'L2', previous_firmware: '2.2.0', is_current: true},
    ]);
    await loadBatch(engine, [change(4, t(6), C, 'delete')]);
    await mergeScd6(engine, {dimension: 'scd6'});
    expect(await rows(engine, `SELECT DISTINCT current_firmware FROM scd6`)).toEqual([{current_firmware: null}]);
  });
});

describe('checkScd2Invariants', () => {
  it('finds nothing wrong in history the merge wrote, and names each kind of damage', async () => {
    await loadBatch(engine, [
      change(1, t(1), A, 'insert'),
      change(2, t(3), B),
      {changeId: 3, key: 'M2', op: 'insert', at: t(1), values: A},
      {changeId: 4, key: 'M2', op: 'delete', at: t(2), values: A},
      {changeId: 5, key: 'M2', op: 'insert', at: t(4), values: C},
      {changeId: 6, key: 'M3', op: 'insert', at: t(1), values: A},
    ]);
    await mergeScd2(engine, {dimension: 'scd2_checked'});
    const clean = await checkScd2Invariants(engine, {dimension: 'scd2_checked'});
    expect(clean).toMatchObject({rows: 5, keys: 3, violations: [], gapsAfterDelete: 1});

    await engine.query(`UPDATE scd2_checked SET valid_to = TIMESTAMP '2026-01-01 05:00:00' WHERE machine_id = 'M1' AND valid_from = TIMESTAMP '2026-01-01 01:00:00'`);
    await engine.query(`UPDATE scd2_checked SET is_current = false WHERE machine_id = 'M3'`);
    await engine.query(`INSERT INTO scd2_checked SELECT machine_sk + 100, machine_id, firmware, line_id, calibration_offset, operating_mode,
      TIMESTAMP '2026-01-02 00:00:00', TIMESTAMP '2026-01-02 00:00:00', false, row_hash FROM scd2_checked WHERE machine_id = 'M2' AND is_current`);
    const damaged = await checkScd2Invariants(engine, {dimension: 'scd2_checked'});
    expect(damaged.violations.map((violation) => [violation.kind, violation.key])).toEqual([
      ['current-flag-mismatch', 'M3'],
      // The inserted row is now M2's last version and it is closed, so M2 reads as deleted while a row is current.
      ['deleted-with-current', 'M2'],
      ['empty-interval', 'M2'],
      ['live-without-current', 'M3'],
      ['overlap', 'M1'],
      ['overlap', 'M2'],
    ]);
    expect(damaged.violations.find((violation) => violation.kind === 'overlap' && violation.key === 'M1')?.detail).toBe(
      'ends 2026-01-01 05:00:00 after the next version starts 2026-01-01 03:00:00',
    );
  });

  it('finds two versions of a key that start at the same time', async () => {
    await loadBatch(engine, [change(1, t(1), A, 'insert'), change(2, t(3), B)]);
    await mergeScd2(engine, {dimension: 'scd2_twins'});
    await engine.query(`INSERT INTO scd2_twins SELECT machine_sk + 100, machine_id, firmware, line_id, calibration_offset, operating_mode,
      valid_from, TIMESTAMP '2026-01-01 02:00:00', false, row_hash FROM scd2_twins WHERE valid_from = TIMESTAMP '2026-01-01 01:00:00'`);
    const report = await checkScd2Invariants(engine, {dimension: 'scd2_twins'});
    expect(report.violations.filter((violation) => violation.kind === 'overlap').map((violation) => [violation.key, violation.validFrom])).toEqual([
      ['M1', '2026-01-01 01:00:00'],
    ]);
    expect(report).toMatchObject({rows: 3, keys: 1});
  });
});
