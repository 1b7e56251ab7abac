import {test, expect, type Page} from '@playwright/test';
import {readerArrives, watchEngineDownloads, watchPage, waitForHydration} from './site';

/** Collects every text the element matched by `selector` shows from now on. */
async function recordTexts(page: Page, selector: string): Promise<() => Promise<string[]>> {
  await page.evaluate((target) => {
    const seen: string[] = [];
    (window as unknown as {seenTexts: string[]}).seenTexts = seen;
    const element = document.querySelector(target)!;
    new MutationObserver(() => seen.push(element.textContent ?? '')).observe(element, {childList: true, characterData: true, subtree: true});
  }, selector);
  return () => page.evaluate(() => (window as unknown as {seenTexts: string[]}).seenTexts);
}

test('/playground: nothing starts on a page nobody touches (no engine, no Monaco); once a reader is there, the lab in view loads the editor and starts the engine and its small dataset before the click, so the first run only runs the query', async ({page, baseURL}) => {
  test.setTimeout(180_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  const downloads = watchEngineDownloads(page);
  await page.goto('/playground');
  await waitForHydration(page, {reader: false});
  await page.waitForLoadState('networkidle');
  // A background tab, a link preview or a page-load audit: loaded, idle, the lab in view, and no reader.
  await page.waitForTimeout(3_000);
  expect(downloads).toEqual([]);
  expect(await page.locator('html').getAttribute('data-sql-prestart')).toBeNull();
  // Nor does Monaco load (2.8 MB of script): the editor shows its text.
  await expect(page.locator('.monaco-editor')).toHaveCount(0);
  await expect(page.getByLabel(/^SQL editor \(loading the editor\)$/)).toBeVisible();
  await readerArrives(page);
  await page.waitForSelector('html[data-sql-prestart="done"]', {timeout: 150_000});
  expect(downloads).toHaveLength(1);
  await expect(page.locator('.monaco-editor')).toHaveCount(1, {timeout: 60_000});

  const query = page.getByRole('region', {name: 'Query'});
  const statuses = await recordTexts(page, 'section[aria-label="Query"] [role="status"]');
  await query.getByRole('button', {name: 'Run', exact: true}).click();
  await expect(query.getByRole('status')).toHaveText(/^Ready\. The query returned \d+ rows in \d+ ms\.$/, {timeout: 60_000});
  await expect(query.locator('table tbody tr').first()).toBeVisible();
  // Nothing was started or generated after the click: the engine and the 10,000 events were ready.
  expect((await statuses()).filter((text) => /Starting the SQL engine|Generating/.test(text))).toEqual([]);
  expect(downloads).toHaveLength(1);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('a lab far below the fold starts nothing until the reader scrolls near it; the first batch then runs on the started engine', async ({page, baseURL}) => {
  test.setTimeout(180_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  const downloads = watchEngineDownloads(page);
  await page.goto('/docs/dimensional-modeling/slowly-changing-dimensions');
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  const lab = page.locator('#scd-lab');
  await lab.waitFor();
  // The precondition: the lab is further below the viewport than the 400 px margin.
  const distance = await lab.evaluate((element) => element.getBoundingClientRect().top - window.innerHeight);
  expect(distance).toBeGreaterThan(400);
  // Idle time after load passes; the engine must not start (a wait, not a timed assertion).
  await page.waitForTimeout(3_000);
  expect(downloads).toEqual([]);
  expect(await page.locator('html').getAttribute('data-sql-engine')).toBeNull();

  await lab.scrollIntoViewIfNeeded();
  await page.waitForSelector('html[data-sql-prestart="done"]', {timeout: 150_000});
  expect(downloads).toHaveLength(1);
  const statuses = await recordTexts(page, '#scd-lab [role="status"]');
  await lab.getByRole('button', {name: 'Apply batch 1 of 5'}).click();
  await expect(lab.getByRole('status')).toHaveText('Applied 1 of 5 batches. Invariants of the type 2 history: clean.', {timeout: 120_000});
  expect((await statuses()).filter((text) => /Starting the SQL engine|Generating/.test(text))).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});
