import {describe, expect, it} from 'vitest';
import {incidentLogLines, loadPipelineLogs, logAnalysisQueries} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

/** Runs one of the page's queries; `wrap` reads its result through an outer SELECT (DuckDB's sum of BIGINT is a HUGEINT). */
async function run(id: string, wrap?: (sql: string) => string): Promise<Record<string, unknown>[]> {
  const query = logAnalysisQueries.find((candidate) => candidate.id === id)!;
  const table = await engine.query(wrap ? wrap(query.sql.replace(/;\s*$/, '')) : query.sql);
  return table.toArray().map((row) => JSON.parse(JSON.stringify(row.toJSON(), (_, value: unknown) => (typeof value === 'bigint' ? Number(value) : value))) as Record<string, unknown>);
}

describe("the logging page's log-analysis queries on the incidents' logs, in DuckDB", () => {
  it('are deterministic and every line is a JSON object with the page\'s fields', () => {
    const lines = incidentLogLines('stale-table', 42);
    expect(incidentLogLines('stale-table', 42)).toEqual(lines);
    for (const line of lines.slice(0, 50)) expect(Object.keys(JSON.parse(line) as object).slice(0, 5)).toEqual(['ts', 'level', 'logger', 'msg', 'context']);
  });

  it('stale table: all lines parse; the error-class query finds the Delta conflict loop and the silent-query check the stuck writer', async () => {
    const lines = incidentLogLines('stale-table', 42);
    expect(await loadPipelineLogs(engine, [...lines, 'JVM start-up banner, not JSON'])).toBe(lines.length);
    expect(await run('error-classes')).toEqual([{error_class: 'DELTA_CONCURRENT_APPEND.WITHOUT_HINT', plant: null, occurrences: 45, last_seen: Date.UTC(2026, 0, 12, 5, 58, 12)}]);
    expect((await run('errors-per-plant-hour')).map((row) => [new Date(row.hour as number).toISOString().slice(11, 16), row.errors])).toEqual([['04:00', 15], ['05:00', 30]]);
    expect(await run('silent-queries')).toEqual([{query_name: 'bronze_test_results', last_log: Date.UTC(2026, 0, 12, 5, 58, 12)}]);
  });

  it('slow sink: the timeline of batch 18690 shows the commit and the slow-batch warning on PLANT_02', async () => {
    await loadPipelineLogs(engine, incidentLogLines('slow-sink', 42));
    expect((await run('batch-timeline')).map((row) => [row.role, row.level, row.msg])).toEqual([
      ['driver', 'INFO', 'bronze batch committed'],
      ['driver', 'WARNING', 'micro-batch took longer than the trigger interval'],
    ]);
    expect(await run('silent-queries')).toEqual([]);
  });

  it('rejects by firmware: firmware 4.2.0 stands out on every plant', async () => {
    await loadPipelineLogs(engine, incidentLogLines('lag-spike', 42));
    const rows = await run('rejects-by-firmware', (sql) => `SELECT plant, firmware, CAST(rejected AS BIGINT) AS rejected FROM (${sql})`);
    expect(rows.length).toBeGreaterThan(3);
    const byFirmware = new Map<string, number>();
    for (const row of rows) byFirmware.set(row.firmware as string, (byFirmware.get(row.firmware as string) ?? 0) + (row.rejected as number));
    expect(Math.max(...byFirmware.values())).toBe(byFirmware.get('4.2.0'));
    expect(byFirmware.get('4.2.0')!).toBeGreaterThan(10 * (byFirmware.get('4.1.7') ?? 0));
  });
});
