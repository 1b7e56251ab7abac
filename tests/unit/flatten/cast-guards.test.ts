import {beforeAll, describe, expect, it} from 'vitest';
import {loadDataset} from '../../../playground';
import {failureSql} from '../../../playground/flatten/value-types';
import {nodeEngineForFile} from '../nodeEngine';

/*
 * The profile's type tests check a value's shape before they cast it (a regular expression costs a
 * fraction of a TRY_CAST in DuckDB-WASM). A shape check may only skip casts that would fail: these tests
 * hold each guarded test against the bare cast on DuckDB's edge cases (taken from what its casts
 * accept: spaces around values, signs, `inf`/`nan`, digit separators, date separators, `(BC)`,
 * the special timestamps) and on every value of a generated dataset, malformed ones included.
 */

const engine = nodeEngineForFile();

/** What each type's test must equal: the cast alone (the integer's shape is part of its rule). */
const bareFailure = {
  integer: "NOT regexp_full_match(value, '-?[0-9]+') OR TRY_CAST(value AS BIGINT) IS NULL",
  decimal: 'TRY_CAST(value AS DOUBLE) IS NULL',
  timestamp: 'TRY_CAST(value AS TIMESTAMP) IS NULL',
} as const;

const edgeCases = [
  ...['1', ' 1', '\v1', '\f1', '\t-1 ', '\u00a01', '+1', '-1', '.5', '-.5', '+.5', '1.', '1e5', '1E-5', 'e5', '1_000', '0x10', '١', '1\n', '--1', '1,5', '12,5', 'N/A', '', ' '],
  ...['inf', 'INF', '-inf', '+inf', 'infinity', '-Infinity', '+infinity', ' infinity', 'Infinity ', 'infinityx', 'nan', 'NaN', '-nan', '+nan', ' nan ', 'true'],
  ...['2024-01-01', ' 2024-01-01', '\v2024-01-01', '2024/01/01', '2024\\01\\01', '2024 01 01', '-2024-01-01', '2024-1-1', '2024-01-01 (BC)', '2024-01-01T10:00:00'],
  ...['2024-01-01 10:00:00+02', '2024-01-01garbage', '2024-01-011', '20240101', '2024.01.01', '10:00:00', '1/2/2024'],
  ...['epoch', 'EPOCH', 'epoch\t', '-epoch', ' -infinity', 'now', 'today', 'allballs', '{"mode": "auto"}'],
];

async function differences(type: keyof typeof bareFailure, table: string): Promise<{values: number; failing: number; differing: string[]}> {
  const result = await engine.query(`SELECT
  count(value)::INTEGER AS values,
  (count(value) FILTER (WHERE ${bareFailure[type]}))::INTEGER AS failing,
  list(value) FILTER (WHERE (${failureSql(type, 'value')}) IS DISTINCT FROM (${bareFailure[type]})) AS differing
FROM ${table}
WHERE value IS NOT NULL`);
  const row = result.get(0)!.toJSON();
  return {values: Number(row.values), failing: Number(row.failing), differing: [...((row.differing as Iterable<string> | null) ?? [])]};
}

beforeAll(async () => {
  await engine.query('CREATE TABLE edge_values (value VARCHAR)');
  for (const value of edgeCases) {
    await engine.query('INSERT INTO edge_values VALUES (?)', [value]);
  }
  await loadDataset(engine, {name: 'sensor_events', rows: 20_000, seed: 11, malformedRate: 0.05});
  await engine.query('CREATE TABLE dataset_values AS SELECT unnest(map_values(customExtension)) AS value FROM sensor_events');
}, 60_000);

describe('the shape checked before a cast', () => {
  for (const type of ['integer', 'decimal', 'timestamp'] as const) {
    it(`never changes what the ${type} test says, on edge cases`, async () => {
      const found = await differences(type, 'edge_values');
      expect(found.differing).toEqual([]);
      // The cases hold values the cast accepts and values it refuses.
      expect(found.failing).toBeGreaterThan(0);
      expect(found.failing).toBeLessThan(found.values);
    });

    it(`never changes what the ${type} test says, on every value of a generated dataset`, async () => {
      const found = await differences(type, 'dataset_values');
      expect(found.differing).toEqual([]);
      expect(found.values).toBeGreaterThan(100_000);
      expect(found.failing).toBeGreaterThan(0);
      expect(found.failing).toBeLessThan(found.values);
    });
  }
});
