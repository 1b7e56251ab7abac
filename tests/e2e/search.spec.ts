import {test, expect} from '@playwright/test';
import {watchPage, waitForHydration} from './site';

// An incident engineer may type the whole error code, a part of it, or its words.
const searches = [
  'DELTA_MERGE_INCOMPATIBLE_DATATYPE',
  'INCOMPATIBLE_DATATYPE',
  'merge incompatible datatype',
];
const pageHoldingTheCode = '/docs/schema-evolution/delta-type-conflicts';

for (const query of searches) {
  test(`the search page finds ${pageHoldingTheCode} for "${query}" without leaving the site`, async ({page, baseURL}) => {
    const problems = watchPage(page, new URL(baseURL!).origin);
    await page.goto(`/search?q=${encodeURIComponent(query)}`);
    await waitForHydration(page);
    const results = page.locator('article h2 a[href]');
    await expect(results.first()).toBeVisible();
    const hrefs = await results.evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    expect(hrefs).toContain(pageHoldingTheCode);
    expect(problems.outsideRequests).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });
}

test('the navbar search suggests the page for a part of the code and opens it', async ({page}) => {
  await page.goto('/');
  await waitForHydration(page);
  const input = page.getByRole('navigation', {name: 'Main'}).getByPlaceholder('Search');
  await input.fill('INCOMPATIBLE_DATATYPE');
  const suggestion = page.getByRole('option', {name: /Delta Lake type conflicts$/}).first();
  await expect(suggestion).toBeVisible();
  await suggestion.click();
  await expect(page).toHaveURL(new RegExp(`${pageHoldingTheCode}\\?_highlight=incompatible_datatype`));
  await expect(page.getByRole('heading', {level: 1, name: 'Delta Lake type conflicts'})).toBeVisible();
});
