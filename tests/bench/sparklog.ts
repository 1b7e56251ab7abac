/**
 * Benchmark of the Spark UI analysis lab: parse + analyse a generated 100 MB event log, in Node
 * (the engine alone) and, given a page of the production build, in Chromium through the lab (its
 * Web Worker's own clock, and the wall time from handing over the file to the findings on screen).
 *
 * Called from tests/bench/run.ts as `measurements.push(...(await benchSparklog({page, baseURL})))`.
 */
import {benchRow} from './rows';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Page} from '@playwright/test';
import {analyzeEventLog, generateSampleLog, parseEventLog} from '../../playground';
import {waitForHydration} from '../e2e/site';

export interface SparklogBenchRow {
  environment: 'node' | 'chromium';
  name: string;
  medianMs: number;
  runsMs: number[];
}

const runs = 5;
/** The small-files sample at this scale writes about 100 MB (about 57,000 task attempts). */
const scale = 23;
const labPage = '/docs/performance-optimization/spark-ui-analysis';

function row(environment: SparklogBenchRow['environment'], name: string, runsMs: number[]): SparklogBenchRow {
  return benchRow(environment, name, runsMs);
}

export async function benchSparklog({page, baseURL}: {page?: Page; baseURL?: string} = {}): Promise<SparklogBenchRow[]> {
  const log = generateSampleLog({scenario: 'small-files', scale});
  const bytes = new TextEncoder().encode(log);
  const label = `event log ${(bytes.length / 1e6).toFixed(0)} MB`;
  const rows: SparklogBenchRow[] = [];

  const nodeRuns: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const analysis = analyzeEventLog(parseEventLog(bytes));
    nodeRuns.push(performance.now() - started);
    if (analysis.findings.length === 0) throw new Error('The benchmark log produced no finding: the analysis did not run as expected.');
  }
  rows.push(row('node', `parse + analyse ${label} (parseEventLog + analyzeEventLog)`, nodeRuns));

  if (page && baseURL) {
    const workerRuns: number[] = [];
    const wallRuns: number[] = [];
    // Playwright hands files over 50 MB to the page only from disk.
    const folder = mkdtempSync(join(tmpdir(), 'sparklog-bench-'));
    const path = join(folder, 'app-bench-events.log');
    writeFileSync(path, bytes);
    for (let run = 0; run < runs; run += 1) {
      await page.goto(new URL(labPage, baseURL).href);
      await waitForHydration(page);
      const input = page.locator('#spark-log-lab input[type="file"]');
      await input.waitFor();
      const started = Date.now();
      await input.setInputFiles(path);
      const status = page.locator('#spark-log-lab [role="status"][data-elapsed-ms]');
      await status.waitFor({timeout: 120_000});
      await page.locator('#spark-log-lab ol[aria-label="Findings"]').waitFor();
      wallRuns.push(Date.now() - started);
      workerRuns.push(Number(await status.getAttribute('data-elapsed-ms')));
    }
    rmSync(folder, {recursive: true, force: true});
    rows.push(row('chromium', `parse + analyse ${label} in the lab's worker`, workerRuns));
    rows.push(row('chromium', `${label}: file handed over → findings shown (wall)`, wallRuns));
  }
  return rows;
}
