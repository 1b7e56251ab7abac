/**
 * The CDC benchmark (`cdcBenchmark`: 100,000 Debezium records of the work-order stream applied in 20
 * micro-batches, LSN order, soft deletes, SCD1 target, convergence checked after every batch) on any
 * engine: Node DuckDB-WASM and native DuckDB from tests/bench/run.ts, and the CDC lab's "Measure"
 * button in Chromium (`cdcInLab`). Run the Node WASM rows alone with `npx tsx tests/bench/cdc.ts`.
 */
import type {Page} from '@playwright/test';
import {benchRow, type BenchRow} from './rows';
import {cdcBenchmark, measureCdc, type CdcMeasurement, type SqlEngine} from '../../playground';
import {openNodeEngine} from '../../playground/node';

const runs = 5;
const records = cdcBenchmark.events.toLocaleString('en-US');
const batches = cdcBenchmark.spec.batches!;

export const cdcRowNames = {
  generate: `CDC: generate ${records} Debezium records`,
  apply: `CDC: apply ${records} records in ${batches} micro-batches (MERGE + convergence check)`,
  batches: `CDC: the same, engine time of the ${batches} batches`,
};

/** The three rows from five measurements. */
export function cdcRows<E extends string>(environment: E, measured: readonly CdcMeasurement[]): BenchRow<E>[] {
  if (measured.some((run) => !run.converged || run.batches !== batches)) {
    throw new Error('benchCdc: a run did not converge after every batch; the benchmark would measure a broken engine.');
  }
  return [
    benchRow(environment, cdcRowNames.generate, measured.map((run) => run.generateMs)),
    benchRow(environment, cdcRowNames.apply, measured.map((run) => run.applyMs)),
    benchRow(environment, cdcRowNames.batches, measured.map((run) => run.batchesMs)),
  ];
}

/** Medians of 5 runs on `engine`. */
export async function benchCdc<E extends string>(environment: E, engine: SqlEngine): Promise<BenchRow<E>[]> {
  const measured: CdcMeasurement[] = [];
  for (let run = 0; run < runs; run += 1) {
    measured.push(await measureCdc(engine));
  }
  return cdcRows(environment, measured);
}

/**
 * The same in the CDC lab of the production build (`page` already on the change-data-capture page,
 * hydrated): clicks "Measure" five times and reads the times the lab lists (the lab's own clock).
 */
export async function cdcInLab(page: Page): Promise<BenchRow<'chromium-wasm'>[]> {
  const measured: CdcMeasurement[] = [];
  for (let run = 1; run <= runs; run += 1) {
    await page.getByRole('button', {name: `Measure ${records} records in ${batches} micro-batches`}).click();
    await page.waitForFunction((count) => document.querySelectorAll('ol[aria-label="CDC measurements"] > li').length >= count, run, {polling: 50, timeout: 300_000});
    const text = (await page.getByRole('list', {name: 'CDC measurements'}).getByRole('listitem').nth(run - 1).textContent()) ?? '';
    const match = /generate ([\d.]+) ms, apply ([\d.]+) ms \(batches ([\d.]+) ms\), (\d+) batches, (converged|diverged)/.exec(text);
    if (!match) {
      throw new Error(`The CDC lab did not list the measurement: ${text}`);
    }
    measured.push({generateMs: Number(match[1]), applyMs: Number(match[2]), batchesMs: Number(match[3]), batches: Number(match[4]), converged: match[5] === 'converged'});
  }
  return cdcRows('chromium-wasm', measured);
}

if (process.argv[1]?.endsWith('cdc.ts')) {
  openNodeEngine()
    .then(async (engine) => {
      try {
        process.stdout.write(`${JSON.stringify(await benchCdc('node-wasm', engine), null, 2)}\n`);
      } finally {
        await engine.close();
      }
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    });
}
