import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {parseStepOptions, seedSchema, type StepInput} from '../lab/options';
import {sampleClause, sampleSchema, sourceShape, type SampleSize} from './options';
import {StepLog, num, share, str, timed, type StepResult} from '../lab/step';
import {sourceColumns} from './tables';

const discoverSchema = z.strictObject({
  ...sourceShape,
  sample: sampleSchema.default({rows: 1_000}),
  seed: seedSchema.default(42),
  /** Also count keys over the whole table, to show what the sample missed. */
  compareWithFullScan: z.boolean().default(true),
});

/** Options of step 1. The sample is 1,000 rows (reservoir, seed 42) unless given. */
export type DiscoverKeysOptions = StepInput<typeof discoverSchema>;

/** A key found in the sample. */
export interface DiscoveredKey {
  key: string;
  /** Sampled events carrying the key, and their share of the sample. */
  sampleEvents: number;
  sampleCoverage: number;
  /** The same over the whole table; null without the full scan. */
  fullEvents: number | null;
  fullCoverage: number | null;
}

/** A key the full scan found and the sample did not. */
export interface MissedKey {
  key: string;
  fullEvents: number;
  fullCoverage: number;
}

/** Step 1's result. */
export interface DiscoverKeysResult extends StepResult {
  sample: {size: SampleSize; seed: number; rows: number};
  /** Keys in the sample, most frequent first. */
  keys: DiscoveredKey[];
  /** Keys only the full scan found, most frequent first: the risk of deciding from a sample. Null without the full scan. */
  missedBySample: MissedKey[] | null;
}

function keyCountsSql(from: string, map: string): string {
  return `SELECT key, count(*) AS events
FROM (SELECT unnest(map_keys(${map})) AS key FROM ${from})
GROUP BY key
ORDER BY events DESC, key`;
}

/**
 * Step 1: discovers the map's keys from a seeded sample (USING SAMPLE, never LIMIT, which reads
 * the first rows of one file: one plant, one firmware) with each key's coverage. Counting keys
 * needs only `map_keys`, not the values. With `compareWithFullScan`, it also counts keys over the
 * whole table and lists those the sample missed, typically the rare ones a rollout just added.
 */
export async function discoverKeys(engine: SqlEngine, input: DiscoverKeysOptions = {}): Promise<DiscoverKeysResult> {
  const {options, now} = parseStepOptions(discoverSchema, input, 'discoverKeys');
  const log = new StepLog(engine);
  const source = quoteIdentifier(options.source);
  const map = quoteIdentifier(options.mapColumn);
  const {value, elapsedMs} = await timed(now, async () => {
    await sourceColumns(log, options.source, options.mapColumn);
    const sourceRows = num(await log.one(`SELECT count(*) AS source_rows FROM ${source}`), 'source_rows');
    const sampled = await log.rows(`WITH sampled AS (
  SELECT ${map}
  FROM ${source}
  ${sampleClause(options.sample, options.seed)}
)
SELECT
  key,
  count(*) AS events,
  (SELECT count(*) FROM sampled) AS sample_rows
FROM (SELECT unnest(map_keys(${map})) AS key FROM sampled)
GROUP BY key
ORDER BY events DESC, key`);
    const full = options.compareWithFullScan ? await log.rows(keyCountsSql(source, map)) : null;
    return {sourceRows, sampled, full};
  });
  const sampleRows = value.sampled[0] ? num(value.sampled[0], 'sample_rows') : 0;
  const fullCounts = value.full ? new Map(value.full.map((row) => [str(row, 'key'), num(row, 'events')])) : null;
  const keys = value.sampled.map((row): DiscoveredKey => {
    const key = str(row, 'key');
    const fullEvents = fullCounts ? (fullCounts.get(key) ?? 0) : null;
    return {
      key,
      sampleEvents: num(row, 'events'),
      sampleCoverage: share(num(row, 'events'), sampleRows),
      fullEvents,
      fullCoverage: fullEvents === null ? null : share(fullEvents, value.sourceRows),
    };
  });
  const found = new Set(keys.map((key) => key.key));
  const missedBySample = fullCounts
    ? Array.from(fullCounts)
        .filter(([key]) => !found.has(key))
        .map(([key, events]) => ({key, fullEvents: events, fullCoverage: share(events, value.sourceRows)}))
    : null;
  return {
    step: 1,
    title: 'Discover keys from a seeded sample',
    sql: log.sql,
    params: log.params,
    metrics: {rowsIn: value.sourceRows, rowsOut: keys.length, columns: keys.length, elapsedMs},
    sample: {size: options.sample, seed: options.seed, rows: sampleRows},
    keys,
    missedBySample,
  };
}
