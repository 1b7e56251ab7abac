import {test, expect} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {pasteInto, watchPage, waitForHydration} from './site';

test('the decoder names the root cause of a pasted trace, its chain and playbook, and links to the error page, offline', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto('/errors/decode');
  await waitForHydration(page);
  const decoder = page.getByRole('region', {name: 'Stack trace decoder'});
  await decoder.getByRole('button', {name: 'Silver stream: a type change'}).click();
  await expect(decoder.getByRole('status')).toHaveText(/^Decoded 1[0-9] lines in \d+ ms: 3 known errors\.$/);
  const chain = decoder.getByRole('list', {name: 'Cause chain'}).getByRole('listitem');
  await expect(chain).toHaveCount(4);
  await expect(chain.last()).toContainText('DELTA_MERGE_INCOMPATIBLE_DATATYPE');
  const known = decoder.getByRole('list', {name: 'Known errors'}).getByRole('listitem');
  await expect(known.first()).toContainText('currentDataType');
  await expect(known.first()).toContainText('IntegerType');
  await expect(known.first().getByRole('link', {name: 'schema evolution errors'})).toHaveAttribute('href', '/docs/production-playbooks/troubleshooting/schema-evolution-errors');

  const accessibility = await new AxeBuilder({page}).include('#trace-decoder').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(accessibility.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);

  await known.first().getByRole('link', {name: 'DELTA_MERGE_INCOMPATIBLE_DATATYPE'}).click();
  await expect(page).toHaveURL(/\/errors\/DELTA_MERGE_INCOMPATIBLE_DATATYPE$/);
  await expect(page.getByRole('heading', {level: 1, name: 'DELTA_MERGE_INCOMPATIBLE_DATATYPE'})).toBeVisible();
  await expect(page.getByText('Failed to merge incompatible data types <currentDataType> and <updateDataType>')).toBeVisible();
  await expect(page.getByRole('link', {name: 'DELTA_FAILED_TO_MERGE_FIELDS'}).first()).toBeVisible();

  await page.goto('/errors/decode');
  await waitForHydration(page);
  await expect(decoder.getByRole('textbox')).toHaveValue(/DELTA_MERGE_INCOMPATIBLE_DATATYPE/);
  await decoder.getByRole('button', {name: 'Something the reference does not know'}).click();
  await expect(decoder.getByRole('status')).toHaveText(/: not recognised\.$/);
  await expect(decoder.locator('code', {hasText: 'com.example.plant.mes.MesClientException'})).toBeVisible();
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('a pasted log over 1 MB is refused in words and kept in the box', async ({page}) => {
  await page.goto('/errors/decode');
  await waitForHydration(page);
  const decoder = page.getByRole('region', {name: 'Stack trace decoder'});
  // As a paste would: the whole text arrives in one input event (Playwright's fill is slow with a megabyte).
  await pasteInto(page, '#trace-input', 'INFO nothing to see here\n'.repeat(45_000));
  await expect(decoder.getByRole('status')).toHaveText(/^That is more than 1 MB of text\./);
  await expect(decoder.getByText(/^Your text is 1,125,000 characters/)).toBeVisible();
});

test('the error index filters by system, SQLSTATE class and words', async ({page}) => {
  await page.goto('/errors');
  await waitForHydration(page);
  const rows = page.getByRole('region', {name: 'Errors'}).locator('tbody tr');
  const total = await rows.count();
  expect(total).toBeGreaterThanOrEqual(60);
  await page.getByRole('combobox', {name: 'System'}).selectOption('Kafka');
  const kafka = await rows.count();
  expect(kafka).toBeGreaterThan(5);
  await expect(rows.locator('td:nth-child(2)')).toHaveText(Array(kafka).fill('Kafka'));
  await page.getByRole('combobox', {name: 'System'}).selectOption('');
  await page.getByRole('combobox', {name: 'SQLSTATE class'}).selectOption('42');
  for (const cell of await rows.locator('td:nth-child(3)').allTextContents()) {
    expect(cell).toMatch(/^42/);
  }
  await page.getByRole('combobox', {name: 'SQLSTATE class'}).selectOption('');
  await page.getByRole('searchbox', {name: 'Code or message'}).fill('INCOMPATIBLE_DATATYPE');
  await expect(rows.getByRole('link', {name: 'DELTA_MERGE_INCOMPATIBLE_DATATYPE', exact: true})).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/^\d+ of \d+ errors match\.$/);
});

// The incident engineer types the whole code, a part of it, or words from the message.
for (const query of ['DELTA_MERGE_INCOMPATIBLE_DATATYPE', 'INCOMPATIBLE_DATATYPE', 'Failed to merge incompatible data types']) {
  test(`the search finds the error page for "${query}"`, async ({page}) => {
    await page.goto(`/search?q=${encodeURIComponent(query)}`);
    await waitForHydration(page);
    const results = page.locator('article h2 a[href]');
    await expect(results.first()).toBeVisible();
    const hrefs = await results.evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    expect(hrefs).toContain('/errors/DELTA_MERGE_INCOMPATIBLE_DATATYPE');
  });
}
