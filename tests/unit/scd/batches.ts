import type {SqlEngine} from '../../../playground';
import type {Change} from './reference';

/** A change as the batch table holds it. */
export type BatchChange = Change;

/** Replaces the batch table with `changes`. */
export async function loadBatch(db: SqlEngine, changes: readonly Change[], table = 'scd_batch'): Promise<void> {
  await db.query(`CREATE OR REPLACE TABLE ${table} (
    change_id BIGINT, machine_id VARCHAR, op VARCHAR, changed_at TIMESTAMP,
    firmware VARCHAR, line_id VARCHAR, calibration_offset DECIMAL(6,3), operating_mode VARCHAR)`);
  for (const change of changes) {
    const [firmware, line, offset, mode] = change.values;
    await db.query(`INSERT INTO ${table} VALUES (?, ?, ?, epoch_ms(?::BIGINT), ?, ?, ?::DECIMAL(6,3), ?)`, [
      change.changeId,
      change.key,
      change.op,
      change.at,
      firmware ?? null,
      line ?? null,
      offset ?? null,
      mode ?? null,
    ]);
  }
}

