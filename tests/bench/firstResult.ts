/**
 * Click → first result row on a fresh page (new browser context: empty cache, nothing started), with
 * the lab in view for 2 s before the click, as a first-time reader meets it: the full-page SQL lab,
 * the MAP flattening lab's step 1 and the SCD lab's first batch; and the same click once the
 * speculative engine start has finished, the floor the 2 s figure approaches on a faster machine. Also the longest main-thread task
 * while the SCD lab measures the merge on a 1M-machine dimension (the page must not freeze > 200 ms).
 *
 * From tests/bench/run.ts: `benchFirstResult(browser, baseURL)` with the Chromium run.ts launches;
 * alone, against a served production build:
 *   npx docusaurus serve --port 3315 --no-open & BASE_URL=http://127.0.0.1:3315 npx tsx tests/bench/firstResult.ts
 * (FIRST_RESULT_CASES=flatten for the MAP flattening lab's rows only)
 */
import type {Browser, Page} from '@playwright/test';
import {benchRow, type BenchRow} from './rows';
import {launchBenchChromium} from './browser';
import {waitForHydration} from '../e2e/site';

const runs = 3;
const inViewMs = 2_000;

interface FirstResultCase {
  name: string;
  path: string;
  /** The lab's outer element, scrolled into view before the wait. */
  lab: string;
  /** The button the reader clicks. */
  button: (page: Page) => ReturnType<Page['getByRole']>;
  /** The first result row the click leads to. */
  firstRow: string;
}

const cases: FirstResultCase[] = [
  {
    name: 'first result: /playground, Run → first result row (lab in view 2 s, fresh page)',
    path: '/playground',
    lab: 'section[aria-label="Query"]',
    button: (page) => page.getByRole('region', {name: 'Query'}).getByRole('button', {name: 'Run', exact: true}),
    firstRow: 'section[aria-label="Query"] table tbody tr',
  },
  {
    name: 'first result: MAP flattening lab, Run step 1 → first result row (lab in view 2 s, fresh page)',
    path: '/docs/schema-evolution/map-type-flattening',
    lab: '#flatten-lab',
    button: (page) => page.getByRole('button', {name: 'Run step 1', exact: true}),
    firstRow: '#flatten-lab article table tbody tr',
  },
  {
    name: 'first result: SCD lab, Apply batch 1 → first result row (lab in view 2 s, fresh page)',
    path: '/docs/dimensional-modeling/slowly-changing-dimensions',
    lab: '#scd-lab',
    button: (page) => page.getByRole('button', {name: 'Apply batch 1 of 5'}),
    firstRow: '[aria-label="What each batch did"] tbody tr',
  },
];

/** Clicks in the page and times, on the page's own clock, until `firstRow` exists. */
async function clickToFirstRow(page: Page, labCase: FirstResultCase): Promise<number> {
  const button = labCase.button(page);
  await button.waitFor();
  return button.evaluate(
    (element, selector) =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelector(selector)) {
            observer.disconnect();
            resolve(performance.now() - started);
          }
        });
        observer.observe(document.body, {childList: true, subtree: true});
        setTimeout(() => {
          observer.disconnect();
          reject(new Error(`No ${selector} within 5 minutes of the click.`));
        }, 300_000);
        (element as HTMLButtonElement).click();
      }),
    labCase.firstRow,
  );
}

async function openInView(browser: Browser, baseURL: string, path: string, lab: string): Promise<{page: Page; close: () => Promise<void>}> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL(path, baseURL).href);
  await waitForHydration(page);
  await page.locator(lab).first().scrollIntoViewIfNeeded();
  return {page, close: () => context.close()};
}

/** The longest main-thread task (PerformanceObserver 'longtask') while the SCD lab measures the merge on 1M machines. */
async function scdMeasureLongestTask(browser: Browser, baseURL: string): Promise<number> {
  const {page, close} = await openInView(browser, baseURL, '/docs/dimensional-modeling/slowly-changing-dimensions', '#scd-lab');
  try {
    await page.evaluate(() => {
      const state = window as unknown as {longestTaskMs: number};
      state.longestTaskMs = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          state.longestTaskMs = Math.max(state.longestTaskMs, entry.duration);
        }
      }).observe({type: 'longtask'});
    });
    await page.getByRole('combobox', {name: 'Dimension'}).selectOption('1000000');
    await page.getByRole('button', {name: 'Measure the merge'}).click();
    await page.waitForFunction(() => document.querySelectorAll('ol[aria-label="Merge measurements"] > li').length >= 1, undefined, {polling: 100, timeout: 300_000});
    return await page.evaluate(() => (window as unknown as {longestTaskMs: number}).longestTaskMs);
  } finally {
    await close();
  }
}

/** Medians of 3 fresh pages per lab. */
export async function benchFirstResult(browser: Browser, baseURL: string): Promise<BenchRow<'chromium-wasm'>[]> {
  const rows: BenchRow<'chromium-wasm'>[] = [];
  // FIRST_RESULT_CASES=flatten (a word of the row name) measures only the matching labs, and skips the SCD freeze row.
  const only = process.env.FIRST_RESULT_CASES;
  for (const labCase of cases.filter((candidate) => !only || candidate.name.toLowerCase().includes(only.toLowerCase()))) {
    const runsMs: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const {page, close} = await openInView(browser, baseURL, labCase.path, labCase.lab);
      try {
        await page.waitForTimeout(inViewMs);
        runsMs.push(await clickToFirstRow(page, labCase));
      } finally {
        await close();
      }
    }
    rows.push(benchRow('chromium-wasm', labCase.name, runsMs));
    // The floor of the same click: the speculative start has finished (on this shared 2-core machine it can take longer than 2 s).
    const readyMs: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const {page, close} = await openInView(browser, baseURL, labCase.path, labCase.lab);
      try {
        await page.waitForSelector('html[data-sql-prestart="done"]', {timeout: 300_000});
        readyMs.push(await clickToFirstRow(page, labCase));
      } finally {
        await close();
      }
    }
    rows.push(benchRow('chromium-wasm', labCase.name.replace('lab in view 2 s', 'speculative start finished'), readyMs));
  }
  const longest: number[] = [];
  for (let run = 0; run < (only ? 0 : runs); run += 1) {
    longest.push(await scdMeasureLongestTask(browser, baseURL));
  }
  if (longest.length > 0) {
    rows.push(benchRow('chromium-wasm', 'SCD2: Measure the merge on 1M machines, longest main-thread task (goal ≤ 200 ms)', longest));
  }
  return rows;
}

async function main(): Promise<void> {
  const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3311';
  const browser = await launchBenchChromium();
  try {
    for (const row of await benchFirstResult(browser, baseURL)) {
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1]?.endsWith('firstResult.ts')) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
