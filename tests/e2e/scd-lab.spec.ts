import {test, expect} from '@playwright/test';
import {watchPage, waitForHydration, seriousViolations} from './site';

const labPage = '/docs/dimensional-modeling/slowly-changing-dimensions';

test('applies three batches as SCD 1, 2, 3 and 6, shows a clean invariants check, the timeline and the export, offline', async ({page, baseURL}) => {
  test.setTimeout(180_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto(labPage);
  await waitForHydration(page);
  const lab = page.getByRole('region', {name: 'Machine configuration changes, applied as SCD types 1, 2, 3 and 6'});
  await lab.scrollIntoViewIfNeeded();

  for (const batch of [1, 2, 3]) {
    await lab.getByRole('button', {name: `Apply batch ${batch} of 5`}).click();
    await expect(lab.getByRole('status')).toHaveText(`Applied ${batch} of 5 batches. Invariants of the type 2 history: clean.`, {timeout: 120_000});
  }
  const batches = lab.getByRole('region', {name: 'What each batch did'});
  await expect(batches.locator('tbody tr')).toHaveCount(3);
  await expect(batches.locator('tbody tr').first().locator('td').first()).toHaveText('2,000');
  await expect(batches.locator('tbody tr td:last-child')).toHaveText(['clean', 'clean', 'clean']);
  await expect(lab.getByText(/^Clean: [\d,]+ versions of [\d,]+ machines/)).toBeVisible();

  const timeline = lab.getByRole('figure', {name: /^Validity intervals of M\d+, coloured by firmware$/});
  await expect(timeline).toBeVisible();
  const versions = timeline.getByRole('listitem').filter({hasText: '→'});
  expect(await versions.count()).toBeGreaterThan(1);
  await expect(timeline.getByRole('list', {name: 'Firmware colours'}).getByRole('listitem').first()).toBeVisible();
  await expect(lab.getByRole('region', {name: /^Type 2: history for M\d+/})).toBeVisible();
  await expect(lab.getByRole('region', {name: /^Type 6: history with current and previous values for M\d+/})).toContainText('current_firmware');

  await lab.getByText('The MERGE that applied batch 3 to the type 2 dimension').click();
  await expect(lab.locator('pre').filter({hasText: 'MERGE INTO "dim_machine_scd2"'})).toBeVisible();
  await expect(lab.locator('pre').filter({hasText: 'MERGE INTO mfg_prod.gold.dim_machine AS d'})).toContainText('SELECT NULL AS merge_key');

  await lab.getByRole('button', {name: 'Measure the merge'}).click();
  await expect(lab.getByRole('list', {name: 'Merge measurements'}).getByRole('listitem')).toHaveText(
    /^10,000 machines: MERGE [\d.]+ ms \+ invariants check [\d.]+ ms = [\d.]+ ms$/,
    {timeout: 60_000},
  );

  expect(await seriousViolations(page, '#scd-lab')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});
