import {beforeAll, describe, expect, it} from 'vitest';
import {loadDataset} from '../../../playground';
import {openNodeEngine} from '../../../playground/node';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

beforeAll(async () => {
  await loadDataset(engine, {name: 'sensor_events', rows: 100_000, seed: 42});
  await engine.query(`
    CREATE TABLE entries AS
    SELECT event_id, event_ts, machine_type, firmware, unnest(map_keys(customExtension)) AS key, unnest(map_values(customExtension)) AS value
    FROM sensor_events`);
  // The newer of each type's two firmware versions sorts last.
  await engine.query(`
    CREATE TABLE rolled_out AS
    SELECT e.* FROM entries e JOIN (SELECT machine_type, max(firmware) AS firmware FROM sensor_events GROUP BY ALL) USING (machine_type, firmware)`);
}, 60_000);

/** The first row of a query, as plain values. */
async function first(sql: string): Promise<Record<string, unknown>> {
  return (await engine.query(sql)).toArray()[0]?.toJSON() as Record<string, unknown>;
}

const malformed = `value IN ('N/A', '12,5', '', '--')`;

describe('sensor_events', () => {
  it('numbers events 1 to rows inside the 30-day window from 2026-01-05', async () => {
    expect(
      await first(`SELECT count(DISTINCT event_id)::INTEGER AS ids, min(event_id)::INTEGER AS low, max(event_id)::INTEGER AS high,
                          min(event_ts) >= TIMESTAMP '2026-01-05' AND max(event_ts) < TIMESTAMP '2026-02-04' AS in_window
                   FROM sensor_events`),
    ).toEqual({ids: 100_000, low: 1, high: 100_000, in_window: true});
  });

  it('carries 5 to 15 keys per event and about 40 keys overall', async () => {
    const keys = await first(`SELECT min(cardinality(customExtension))::INTEGER AS fewest, max(cardinality(customExtension))::INTEGER AS most FROM sensor_events`);
    expect(keys).toEqual({fewest: 5, most: 15});
    const distinct = await first(`SELECT count(DISTINCT key)::INTEGER AS n FROM entries`);
    expect(distinct.n).toBeGreaterThanOrEqual(35);
    expect(distinct.n).toBeLessThanOrEqual(45);
  });

  it('sends keys by machine type: a CNC mill never reports a molder key', async () => {
    const crossed = await first(`SELECT count(*)::INTEGER AS n FROM entries WHERE machine_type = 'cnc_mill' AND key IN ('melt_temp_c', 'inj_bar', 'belt_mps')`);
    expect(crossed.n).toBe(0);
  });

  it('adds keys with the firmware rollout: they appear only after the first rollout, days into the window', async () => {
    const rollout = await first(`SELECT min(event_ts) AS first_rollout FROM rolled_out`);
    const late = await engine.query(`
      SELECT key, min(event_ts) AS first_seen FROM entries GROUP BY key
      HAVING min(event_ts) >= (SELECT min(event_ts) FROM rolled_out) ORDER BY key`);
    expect(late.toArray().map((row) => row.key)).toEqual(['edge_ts', 'energy_kwh', 'fw_build', 'health_score', 'oee_pct']);
    expect(Number(rollout.first_rollout)).toBeGreaterThan(Date.UTC(2026, 0, 10));
    const beforeRollout = await first(`SELECT count(*)::INTEGER AS n FROM entries WHERE key = 'edge_ts' AND event_id NOT IN (SELECT event_id FROM rolled_out)`);
    expect(beforeRollout.n).toBe(0);
  });

  it('turns vib_mm_s from whole numbers into decimals with the rollout', async () => {
    const shapes = await first(`
      SELECT count(*) FILTER (WHERE NOT regexp_full_match(value, '[0-9]+') AND event_id NOT IN (SELECT event_id FROM rolled_out))::INTEGER AS non_integers_before,
             count(*) FILTER (WHERE NOT regexp_full_match(value, '[0-9]+\\.[0-9]{2}') AND event_id IN (SELECT event_id FROM rolled_out))::INTEGER AS non_decimals_after,
             count(*) FILTER (WHERE event_id IN (SELECT event_id FROM rolled_out))::INTEGER AS after
      FROM entries WHERE key = 'vib_mm_s' AND value IS NOT NULL AND NOT ${malformed}`);
    expect(shapes).toMatchObject({non_integers_before: 0, non_decimals_after: 0});
    expect(shapes.after).toBeGreaterThan(1_000);
  });

  it('sends about 2% malformed values and some NULL values', async () => {
    const shares = await first(`
      SELECT avg(CASE WHEN ${malformed} THEN 1 ELSE 0 END) AS malformed_share,
             count(DISTINCT value) FILTER (WHERE ${malformed})::INTEGER AS malformed_kinds,
             count(*) FILTER (WHERE value IS NULL)::INTEGER AS nulls
      FROM entries`);
    expect(shares.malformed_share).toBeGreaterThan(0.015);
    expect(shares.malformed_share).toBeLessThan(0.025);
    expect(shares.malformed_kinds).toBe(4);
    expect(shares.nulls).toBeGreaterThan(1_000);
  });

  it.each([
    [0, 0, 0],
    [0.1, 0.08, 0.12],
  ])('follows a malformed rate of %d', async (malformedRate, low, high) => {
    const scratch = await openNodeEngine();
    try {
      await loadDataset(scratch, {name: 'sensor_events', rows: 10_000, seed: 42, malformedRate});
      const share = (
        await scratch.query(`
          SELECT avg(CASE WHEN ${malformed} THEN 1 ELSE 0 END) AS share
          FROM (SELECT unnest(map_values(customExtension)) AS value FROM sensor_events)`)
      ).getChild('share')?.get(0);
      expect(share).toBeGreaterThanOrEqual(low);
      expect(share).toBeLessThanOrEqual(high);
    } finally {
      await scratch.close();
    }
  });

  it('arrives late with a long tail: seconds at the median, hours at p99, days at worst', async () => {
    const delays = await first(`
      SELECT quantile_cont(epoch(ingest_ts - event_ts), 0.5) AS p50, quantile_cont(epoch(ingest_ts - event_ts), 0.99) AS p99,
             max(epoch(ingest_ts - event_ts)) AS worst, min(epoch(ingest_ts - event_ts)) AS best
      FROM sensor_events`);
    expect(delays.best).toBeGreaterThan(0);
    expect(delays.p50).toBeLessThan(60);
    expect(delays.p99).toBeGreaterThan(3_600);
    expect(delays.worst).toBeGreaterThan(86_400);
  });

  it('sends config as JSON that TRY_CAST parses into a STRUCT', async () => {
    const parsed = await first(`
      WITH config AS (
        SELECT TRY_CAST(value AS STRUCT(mode VARCHAR, recipe VARCHAR, slots INTEGER)) AS parsed
        FROM entries WHERE key = 'config' AND value IS NOT NULL AND NOT ${malformed})
      SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE parsed IS NULL OR parsed.slots NOT BETWEEN 1 AND 8 OR parsed.mode NOT IN ('auto', 'manual', 'setup'))::INTEGER AS bad
      FROM config`);
    expect(parsed.bad).toBe(0);
    expect(parsed.n).toBeGreaterThan(1_000);
  });

  it('uses machines that exist in machines, with the same plant, line and type', async () => {
    await loadDataset(engine, {name: 'machines', rows: 400, seed: 42});
    const joined = await first(`
      SELECT count(*)::INTEGER AS events, count(m.machine_id)::INTEGER AS matched,
             count(*) FILTER (WHERE m.plant_id <> e.plant_id OR m.line_id <> e.line_id OR m.machine_type <> e.machine_type)::INTEGER AS disagreeing,
             count(DISTINCT e.machine_id)::INTEGER AS machines
      FROM sensor_events e LEFT JOIN machines m USING (machine_id)`);
    expect(joined).toMatchObject({events: 100_000, matched: 100_000, disagreeing: 0});
    expect(joined.machines).toBeGreaterThan(390);
  });
});
