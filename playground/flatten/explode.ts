import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {daySchema, identifierSchema, parseStepOptions, type StepInput} from '../lab/options';
import {sourceShape} from './options';
import {StepLog, num, share, str, timed, type StepResult} from '../lab/step';

const explodeSchema = z.strictObject({
  ...sourceShape,
  plantId: z.string().min(1).default('PLANT_01'),
  day: daySchema.default('2026-01-12'),
  plantColumn: identifierSchema.default('plant_id'),
  timeColumn: identifierSchema.default('event_ts'),
  idColumn: identifierSchema.default('event_id'),
  target: identifierSchema.default('exploded_subset'),
});

/** Options of step 6: the plant and UTC day to explode (PLANT_01 on 2026-01-12 unless given). */
export type ExplodeSubsetOptions = StepInput<typeof explodeSchema>;

/** Step 6's result. */
export interface ExplodeSubsetResult extends StepResult {
  table: string;
  subset: {plantId: string; day: string; rows: number; shareOfSource: number};
  /** Key/value rows the subset exploded into, and per event. */
  explodedRows: number;
  rowsPerEvent: number;
  /** The rows exploding the whole source would produce: the sum of map sizes, counted without exploding. */
  fullExplosionRows: number;
  /** Keys in the subset, most frequent first. */
  keys: {key: string; entries: number}[];
}

/**
 * Step 6: explodes only where the long format is needed (discovery, debugging), and only after
 * filtering to one plant and one day. Exploding multiplies the rows by the number of keys per
 * event; in Spark `explode` is narrow and shuffles nothing itself, but everything downstream then
 * handles the multiplied rows, and a re-pivot shuffles all of them. The subset selects the id,
 * key and value, never `*` with the exploded pairs.
 */
export async function explodeSubset(engine: SqlEngine, input: ExplodeSubsetOptions = {}): Promise<ExplodeSubsetResult> {
  const {options, now} = parseStepOptions(explodeSchema, input, 'explodeSubset');
  const log = new StepLog(engine);
  const source = quoteIdentifier(options.source);
  const map = quoteIdentifier(options.mapColumn);
  const target = quoteIdentifier(options.target);
  const filter = `WHERE ${quoteIdentifier(options.plantColumn)} = ?
  AND ${quoteIdentifier(options.timeColumn)} >= ?::DATE
  AND ${quoteIdentifier(options.timeColumn)} < ?::DATE + INTERVAL 1 DAY`;
  const filterParams = [options.plantId, options.day, options.day];
  const {value, elapsedMs} = await timed(now, async () => {
    await log.rows(
      `CREATE OR REPLACE TABLE ${target} AS
SELECT
  ${quoteIdentifier(options.idColumn)},
  unnest(map_keys(${map})) AS key,
  unnest(map_values(${map})) AS value
FROM ${source}
${filter}`,
      filterParams,
    );
    const counts = await log.one(
      `SELECT
  (SELECT count(*) FROM ${source}) AS source_rows,
  (SELECT count(*) FROM ${source} ${filter.replaceAll('\n', '\n   ')}) AS subset_rows,
  (SELECT count(*) FROM ${target}) AS exploded_rows,
  (SELECT coalesce(sum(cardinality(${map})), 0)::BIGINT FROM ${source}) AS full_explosion_rows`,
      filterParams,
    );
    const keys = await log.rows(`SELECT key, count(*) AS entries
FROM ${target}
GROUP BY key
ORDER BY entries DESC, key`);
    return {counts, keys};
  });
  const subsetRows = num(value.counts, 'subset_rows');
  const explodedRows = num(value.counts, 'exploded_rows');
  const sourceRows = num(value.counts, 'source_rows');
  return {
    step: 6,
    title: 'Explode only a filtered subset',
    sql: log.sql,
    params: log.params,
    metrics: {rowsIn: subsetRows, rowsOut: explodedRows, columns: 3, elapsedMs},
    table: options.target,
    subset: {plantId: options.plantId, day: options.day, rows: subsetRows, shareOfSource: share(subsetRows, sourceRows)},
    explodedRows,
    rowsPerEvent: share(explodedRows, subsetRows),
    fullExplosionRows: num(value.counts, 'full_explosion_rows'),
    keys: value.keys.map((row) => ({key: str(row, 'key'), entries: num(row, 'entries')})),
  };
}
