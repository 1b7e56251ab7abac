/**
 * The longest main-thread task (PerformanceObserver 'longtask', as the browser reports them: tasks over
 * 50 ms) while each DuckDB lab runs the heaviest action it offers, in Chromium against the production
 * build; issue 19's goal: the page never freezes for more than 200 ms. A page with no task over 50 ms
 * reports 0. The SCD lab's "Measure the merge" on 1M machines is measured in firstResult.ts.
 *
 * From tests/bench/run.ts: `benchLongestTasks(browser, baseURL)` with the Chromium run.ts launches;
 * alone, against a served production build (LONG_TASKS='CDC|schema' runs the cases whose names match):
 *   npx docusaurus serve --port 3315 --no-open & BASE_URL=http://127.0.0.1:3315 npx tsx tests/bench/longTasks.ts
 */
import type {Browser, Page} from '@playwright/test';
import {benchRow, type BenchRow} from './rows';
import {launchBenchChromium} from './browser';
import {waitForHydration} from '../e2e/site';

const runs = 3;
const actionTimeoutMs = 300_000;

interface LongTaskCase {
  /** The lab and its heaviest action, as the row names it. */
  name: string;
  path: string;
  /** The lab's outer element, scrolled into view first. */
  lab: string;
  /** Chooses the action's options and starts it. */
  start: (page: Page) => Promise<void>;
  /** Resolves once the action's result is shown. */
  finished: (page: Page) => Promise<unknown>;
}

/** Waits on a cheap DOM check (role locators re-read the accessibility tree of large pages on every frame). */
const untilText = (page: Page, selector: string, pattern: RegExp) =>
  page.waitForFunction(({selector, source}) => new RegExp(source).test(document.querySelector(selector)?.textContent ?? ''), {selector, source: pattern.source}, {polling: 100, timeout: actionTimeoutMs});

const cases: LongTaskCase[] = [
  {
    name: '/playground: Run on 1,000,000 sensor events',
    path: '/playground',
    lab: 'section[aria-label="Query"]',
    start: async (page) => {
      await page.locator('form[aria-label="Dataset settings"] input[list="row-presets"]').fill('1000000');
      await page.getByRole('region', {name: 'Query'}).getByRole('button', {name: 'Run', exact: true}).click();
    },
    finished: (page) => untilText(page, 'section[aria-label="Query"] [role="status"]', /^Ready\. The query (returned|failed)/),
  },
  {
    name: 'MAP flattening lab: Compare on 1,000,000 events',
    path: '/docs/schema-evolution/map-type-flattening',
    lab: '#flatten-lab',
    start: async (page) => {
      await page.locator('input[name="flatten-lab-size"][value="1000000"]').check();
      await page.getByRole('button', {name: 'Compare on 1,000,000 events'}).click();
    },
    finished: (page) => untilText(page, '#flatten-lab [role="status"]', /^Compared on|failed/),
  },
  {
    name: 'CDC lab: Measure 100,000 records in 20 micro-batches',
    path: '/docs/enterprise-integration/change-data-capture/lab',
    lab: '#cdc-lab',
    start: (page) => page.getByRole('button', {name: /^Measure [\d,]+ records in \d+ micro-batches$/}).click(),
    finished: (page) => untilText(page, '#cdc-lab [role="status"]', /^Measured:|failed/),
  },
  {
    name: 'streaming lab (Kafka to Delta): Measure 1M events in micro-batches',
    path: '/docs/streaming-architecture/kafka-to-delta-lake',
    lab: '#streaming-lab-watermark',
    start: (page) => page.getByRole('button', {name: 'Measure 1M events in micro-batches'}).click(),
    finished: (page) => page.waitForFunction(() => document.querySelectorAll('ol[aria-label="Stream measurements"] > li').length >= 1 || /failed/.test(document.querySelector('#streaming-lab-watermark [role="status"]')?.textContent ?? ''), undefined, {polling: 100, timeout: actionTimeoutMs}),
  },
  {
    name: 'quality rules lab: Run the rules',
    path: '/docs/testing-validation/data-quality-testing/lab',
    lab: '#quality-lab',
    start: (page) => page.getByRole('button', {name: 'Run the rules'}).click(),
    finished: (page) => untilText(page, '#quality-lab [role="status"]', /^Ran \d+ rules|could not run/),
  },
  {
    name: "log analysis lab: Run on the incident's logs",
    path: '/docs/monitoring-observability/logging',
    lab: '#log-analysis-lab',
    start: (page) => page.getByRole('button', {name: "Run on the incident's logs"}).click(),
    finished: (page) => page.waitForFunction(() => document.querySelector('#log-analysis-lab table, #log-analysis-lab [role="alert"]') !== null, undefined, {polling: 100, timeout: actionTimeoutMs}),
  },
  {
    name: 'schema lab: Apply the cast in DuckDB',
    path: '/docs/schema-evolution/delta-type-conflicts',
    lab: '#schema-lab',
    start: (page) => page.getByRole('button', {name: 'Apply the cast in DuckDB'}).click(),
    finished: (page) => page.waitForFunction(() => /The MERGE wrote/.test(document.querySelector('#schema-lab')?.textContent ?? '') || document.querySelector('#schema-lab [role="alert"]') !== null, undefined, {polling: 100, timeout: actionTimeoutMs}),
  },
  {
    name: 'tutorial day 3: Check the first SQL exercise',
    path: '/docs/tutorials/day-3-schema-evolution',
    lab: 'section[id^="exercise-"]',
    start: (page) => page.locator('section[id^="exercise-"]').first().getByRole('button', {name: 'Check', exact: true}).click(),
    finished: (page) => page.waitForFunction(() => !/Checking your answer|Starting the SQL engine|Generating/.test(document.querySelector('section[id^="exercise-"]')?.textContent ?? 'Checking'), undefined, {polling: 100, timeout: actionTimeoutMs}),
  },
];

/** One fresh page: the lab in view, the observer installed, the action run; the longest task during it. */
async function longestTask(browser: Browser, baseURL: string, labCase: LongTaskCase): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(new URL(labCase.path, baseURL).href);
    await waitForHydration(page);
    await page.locator(labCase.lab).first().scrollIntoViewIfNeeded();
    // Measured from a quiet page: the speculative start (download, compile) is not the action's.
    await page.waitForSelector('html[data-sql-prestart="done"]', {timeout: actionTimeoutMs}).catch(() => undefined);
    await page.evaluate(() => {
      const state = window as unknown as {longestTaskMs: number};
      state.longestTaskMs = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          state.longestTaskMs = Math.max(state.longestTaskMs, entry.duration);
        }
      }).observe({type: 'longtask'});
    });
    await labCase.start(page);
    await labCase.finished(page);
    // Tasks that finish with the result (rendering it) are reported after it: give the observer a frame.
    await page.waitForTimeout(500);
    return await page.evaluate(() => (window as unknown as {longestTaskMs: number}).longestTaskMs);
  } finally {
    await context.close();
  }
}

/** Medians of 3 fresh pages per lab; `onRow` hears each row as soon as it is measured. */
export async function benchLongestTasks(
  browser: Browser,
  baseURL: string,
  only = '',
  onRow: (row: BenchRow<'chromium-wasm'>) => void = () => {},
): Promise<BenchRow<'chromium-wasm'>[]> {
  const rows: BenchRow<'chromium-wasm'>[] = [];
  for (const labCase of cases.filter((candidate) => new RegExp(only).test(candidate.name))) {
    const runsMs: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      runsMs.push(await longestTask(browser, baseURL, labCase));
    }
    const row = benchRow('chromium-wasm', `longest main-thread task (goal ≤ 200 ms): ${labCase.name}`, runsMs);
    rows.push(row);
    onRow(row);
  }
  return rows;
}

async function main(): Promise<void> {
  const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3311';
  const browser = await launchBenchChromium();
  try {
    await benchLongestTasks(browser, baseURL, process.env.LONG_TASKS ?? '', (row) => process.stdout.write(`${JSON.stringify(row)}\n`));
  } finally {
    await browser.close();
  }
}

if (process.argv[1]?.endsWith('longTasks.ts')) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
