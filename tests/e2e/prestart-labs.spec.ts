import {test, expect} from '@playwright/test';
import {watchEngineDownloads, watchPage, waitForHydration} from './site';

/**
 * Every DuckDB lab starts the engine (and its small datasets) speculatively once it is near the
 * viewport on a loaded, idle page: it reaches "ready" before the reader clicks anything, from the
 * site's own files. (The /playground, MAP flattening and SCD labs are covered in prestart.spec.ts.)
 */
const labs = [
  {name: 'change data capture', path: '/docs/enterprise-integration/change-data-capture/lab', lab: '#cdc-lab'},
  {name: 'data quality rules', path: '/docs/testing-validation/data-quality-testing/lab', lab: '#quality-lab'},
  {name: 'streaming (Kafka to Delta)', path: '/docs/streaming-architecture/kafka-to-delta-lake', lab: '[id^="streaming-lab-"]'},
  {name: 'log analysis', path: '/docs/monitoring-observability/logging', lab: '#log-analysis-lab'},
  {name: 'schema (cast demo)', path: '/docs/schema-evolution/delta-type-conflicts', lab: '#schema-lab'},
  {name: 'tutorial SQL exercise', path: '/docs/tutorials/day-3-schema-evolution', lab: 'section[id^="exercise-"]'},
];

for (const {name, path, lab} of labs) {
  test(`${name}: the lab in view starts the SQL engine before any click, from this site only`, async ({page, baseURL}) => {
    test.setTimeout(180_000);
    const problems = watchPage(page, new URL(baseURL!).origin);
    const downloads = watchEngineDownloads(page);
    await page.goto(path);
    await waitForHydration(page);
    await page.locator(lab).first().scrollIntoViewIfNeeded();
    await page.waitForSelector('html[data-sql-prestart="done"]', {timeout: 150_000});
    await expect(page.locator('html')).toHaveAttribute('data-sql-engine', 'ready');
    expect(downloads).toHaveLength(1);
    expect(problems.outsideRequests).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });
}

test('data quality rules: the first run after the speculative start neither starts the engine nor generates the test results', async ({page, baseURL}) => {
  test.setTimeout(180_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto('/docs/testing-validation/data-quality-testing/lab');
  await waitForHydration(page);
  const lab = page.locator('#quality-lab');
  await lab.scrollIntoViewIfNeeded();
  await page.waitForSelector('html[data-sql-prestart="done"]', {timeout: 150_000});
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as {seenTexts: string[]}).seenTexts = seen;
    const status = document.querySelector('#quality-lab [role="status"]')!;
    new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, {childList: true, characterData: true, subtree: true});
  });
  await lab.getByRole('button', {name: 'Run the rules'}).click();
  await expect(lab.getByRole('status')).toHaveText(/^Ran \d+ rules: \d+ failed\./, {timeout: 120_000});
  const seen = await page.evaluate(() => (window as unknown as {seenTexts: string[]}).seenTexts);
  expect(seen.filter((text) => /Starting the SQL engine|Generating/.test(text))).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});
