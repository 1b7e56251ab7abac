import {test, expect, type BrowserContext, type Page} from '@playwright/test';
import {watchPage, waitForHydration} from './site';

// The other specs block service workers (playwright.config.ts): a fresh context per test would otherwise download
// the whole precache each time. Here the real one runs, as a reader's browser runs it.
test.use({serviceWorkers: 'allow'});

const labPage = '/docs/schema-evolution/map-type-flattening';
const labName = /^SQL lab on sensor_events \(10,000 rows, seed 42\)$/;

/** Every request the context made outside the site, the service worker's included. */
function outsideRequestsOf(context: BrowserContext, origin: string): string[] {
  const outside: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') {
      outside.push(request.url());
    }
  });
  return outside;
}

/** Waits until the service worker has precached the site and controls the page (it claims open pages on activation). */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {timeout: 0});
}

async function runLab(page: Page): Promise<void> {
  const lab = page.getByRole('region', {name: labName});
  await lab.getByRole('button', {name: 'Run', exact: true}).click();
  await expect(lab.getByRole('status')).toHaveText(/^Ready\. The query returned \d+ rows/, {timeout: 0});
  await expect(lab.getByRole('region', {name: /Result of/}).locator('tbody tr').first()).toBeVisible();
}

test('after one visit the site works offline: pages open, search finds, a lab that ran once runs again', async ({page, context, baseURL}) => {
  // The first visit downloads the precache (about 50 MB) and DuckDB (34 MB) from the local server.
  test.setTimeout(300_000);
  const origin = new URL(baseURL!).origin;
  const outside = outsideRequestsOf(context, origin);

  // First visit, online: the home page, then a lab that runs once.
  await page.goto('/');
  await waitForHydration(page);
  await waitForServiceWorker(page);
  await page.goto(labPage);
  await waitForHydration(page);
  await runLab(page);

  await context.setOffline(true);
  const problems = watchPage(page, origin);

  // A page never opened before, by address (a full page load) and then by a link (the site's own router).
  const glossary = await page.goto('/docs/reference/glossary');
  expect(glossary?.status()).toBe(200);
  await waitForHydration(page);
  await expect(page.getByRole('heading', {level: 1, name: 'Glossary'})).toBeVisible();
  await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Catalog', exact: true}).click();
  await expect(page).toHaveURL(/\/docs\/architecture\/patterns-catalog$/);
  await expect(page.getByRole('heading', {level: 1})).toBeVisible();

  // The search page and the navbar search read the precached index.
  await page.goto(`/search?q=${encodeURIComponent('INCOMPATIBLE_DATATYPE')}`);
  await waitForHydration(page);
  const hrefs = page.locator('article h2 a[href]');
  await expect(hrefs.first()).toBeVisible();
  expect(await hrefs.evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname))).toContain(
    '/docs/schema-evolution/delta-type-conflicts',
  );
  const input = page.getByRole('navigation', {name: 'Main'}).getByPlaceholder('Search');
  await input.fill('INCOMPATIBLE_DATATYPE');
  await expect(page.getByRole('option', {name: /Delta Lake type conflicts$/}).first()).toBeVisible();

  // The lab that ran once starts its engine from the cache, editor included.
  await page.goto(labPage);
  await waitForHydration(page);
  await runLab(page);
  const lab = page.getByRole('region', {name: labName});
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.locator('[data-editor="ready"]')).toHaveCount(1, {timeout: 0});

  expect(problems.consoleErrors).toEqual([]);
  // Docusaurus prefetches the chunks of linked pages; the test's next navigation aborts some of them (ERR_ABORTED).
  expect(problems.failedAssets.filter((failure) => !failure.endsWith('net::ERR_ABORTED'))).toEqual([]);
  expect(outside).toEqual([]);
});
