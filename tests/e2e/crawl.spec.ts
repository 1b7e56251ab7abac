import {readFileSync} from 'node:fs';
import {test as base, expect, type Page} from '@playwright/test';
import {mountEveryLab, seriousViolations, watchPage, waitForHydration} from './site';

// Read from the build on disk so that one test per page exists before the server starts.
const sitemap = readFileSync('build/sitemap.xml', 'utf8');
const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);

/**
 * One browser page per worker for the whole crawl, as a reader moving from page to page has: a new context per
 * page cost more than the page itself (an empty HTTP and code cache: the site's scripts, styles and search index fetched
 * and compiled again). Every page is still checked on its own: its own listeners, a full navigation, and
 * about:blank in between so that nothing of the previous page is counted.
 */
const test = base.extend<object, {crawlPage: Page}>({
  crawlPage: [
    async ({browser}, use, workerInfo) => {
      const {baseURL, serviceWorkers} = workerInfo.project.use;
      const context = await browser.newContext({baseURL, serviceWorkers});
      await use(await context.newPage());
      await context.close();
    },
    {scope: 'worker'},
  ],
});

test('the sitemap lists the home page, all 11 sections and the general docs', () => {
  expect(paths).toContain('/');
  for (const section of [
    'authentication-security',
    'schema-evolution',
    'streaming-architecture',
    'dimensional-modeling',
    'performance-optimization',
    'databricks-deployment',
    'enterprise-integration',
    'testing-validation',
    'monitoring-observability',
    'production-playbooks',
    'real-world-case-studies',
  ]) {
    expect(paths).toContain(`/docs/${section}`);
  }
  expect(paths).toContain('/docs/architecture/platform-overview');
  expect(paths).toContain('/docs/reference/glossary');
});

test('the accessibility check still reports what it must: low contrast, an image without text, a nameless button', async ({crawlPage: page}) => {
  await page.setContent(`<html lang="en"><head><title>axe check</title></head><body><main>
    <p style="color:#aaa;background:#fff">Barely readable text</p>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
    <button></button>
  </main></body></html>`);
  const serious = await seriousViolations(page);
  expect(serious.map((line) => line.split(':')[0])).toEqual(expect.arrayContaining(['color-contrast', 'image-alt', 'button-name']));
});

for (const path of paths) {
  test(`crawl ${path}: hydrates with no console error, outside request, failed asset or serious a11y violation`, async ({
    crawlPage: page,
    baseURL,
  }) => {
    await page.goto('about:blank');
    for (const event of ['console', 'pageerror', 'request', 'response', 'requestfailed'] as const) {
      page.removeAllListeners(event);
    }
    const problems = watchPage(page, new URL(baseURL!).origin);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    // A crawler, not a reader: no engine starts, and every lab on the page is brought into view so it mounts.
    await waitForHydration(page, {reader: false});
    await mountEveryLab(page);
    await page.waitForLoadState('networkidle');

    const serious = await seriousViolations(page);

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.outsideRequests).toEqual([]);
    expect(problems.failedAssets).toEqual([]);
    expect(serious).toEqual([]);
  });
}

// Dark mode has its own colours: check the pages that use the most of them (code, tables, diagrams).
for (const path of ['/', '/docs/schema-evolution/delta-type-conflicts', '/docs/authentication-security/kafka-sasl-ssl']) {
  test(`dark mode ${path}: no serious a11y violation`, async ({browser}) => {
    const context = await browser.newContext({colorScheme: 'dark'});
    const page = await context.newPage();
    await page.goto(path);
    await waitForHydration(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
}
