import {readFileSync} from 'node:fs';
import {test, expect, type Page} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {watchPage, waitForHydration} from './site';

// Read from the build on disk so that one test per page exists before the server starts.
const sitemap = readFileSync('build/sitemap.xml', 'utf8');
const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);

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

/** Serious and critical axe violations (WCAG 2 A and AA) on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const accessibility = await new AxeBuilder({page}).withTags(['wcag2a', 'wcag2aa']).analyze();
  return accessibility.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

for (const path of paths) {
  test(`crawl ${path}: hydrates with no console error, outside request, failed asset or serious a11y violation`, async ({
    page,
    baseURL,
  }) => {
    const problems = watchPage(page, new URL(baseURL!).origin);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await waitForHydration(page);
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
