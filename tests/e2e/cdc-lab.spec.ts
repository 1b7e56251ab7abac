import {test, expect} from '@playwright/test';
import {watchPage, waitForHydration, seriousViolations} from './site';

const labPage = '/docs/enterprise-integration/change-data-capture/lab';

test('refuses a bad option next to its field, shows the same-millisecond loss of source.ts_ms ordering and convergence by LSN, and exports the job, offline', async ({page, baseURL}) => {
  test.setTimeout(240_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto(labPage);
  await waitForHydration(page);
  const lab = page.getByRole('region', {name: 'A Debezium change stream applied in micro-batches, checked against the source'});
  await lab.scrollIntoViewIfNeeded();

  const records = lab.getByRole('textbox', {name: 'Kafka records to generate'});
  await records.fill('5000000');
  await expect(records).toHaveAttribute('aria-invalid', 'true');
  await expect(lab.locator('#cdc-events-problem')).toHaveText('At most 500,000 events: the stream is held in this tab.');
  await expect(lab.getByRole('button', {name: 'Apply the stream'})).toBeDisabled();
  await records.fill('2000');
  await expect(lab.locator('#cdc-events-problem')).toHaveCount(0);
  await lab.getByRole('textbox', {name: 'Micro-batches'}).fill('10');

  await lab.getByRole('radio', {name: 'Source commit time (source.ts_ms)'}).check();
  await lab.getByRole('button', {name: 'Apply the stream'}).click();
  await expect(lab.getByRole('status')).toHaveText(/^Applied 10 micro-batches: the target differs from the source after \d+ of them, first after batch \d+\.$/, {timeout: 180_000});
  const batches = lab.getByRole('region', {name: 'What each micro-batch did'});
  await expect(batches.locator('tbody tr')).toHaveCount(10);
  await expect(lab.getByRole('list', {name: /^Keys that differ after batch \d+$/}).getByRole('listitem').first()).toContainText('committed in the same millisecond');
  await expect(lab.getByText(/^The stream: [\d,]+ records on mes_de01\.public\.work_order/)).toBeVisible();

  await lab.getByRole('radio', {name: 'Log position (source.lsn)'}).check();
  await lab.getByRole('button', {name: 'Apply the stream'}).click();
  await expect(lab.getByRole('status')).toHaveText('Applied 10 micro-batches: the target equals the source after every one.', {timeout: 180_000});
  await expect(batches.locator('tbody tr td:last-child')).toHaveText(Array(10).fill('converged'));

  await lab.getByText('The MERGE that applied micro-batch 10').click();
  await expect(lab.locator('pre').filter({hasText: 'MERGE INTO "cdc_target" AS t'})).toContainText('s._cdc_lsn > t._cdc_lsn');
  await expect(lab.locator('pre').filter({hasText: 'MERGE INTO mfg_prod.silver.mes_work_order AS t'})).toContainText('`_cdc_deleted` = true');
  await lab.getByRole('radio', {name: 'PySpark foreachBatch'}).check();
  await expect(lab.locator('pre').filter({hasText: 'def apply_changes(batch_df: DataFrame, batch_id: int) -> None:'})).toBeVisible();

  expect(await seriousViolations(page, '#cdc-lab')).toEqual([]);
  // At phone width the lab (its results included) fits: nothing pushes the page sideways.
  await page.setViewportSize({width: 390, height: 844});
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  const labBox = await page.locator('#cdc-lab').boundingBox();
  expect(labBox!.width).toBeLessThanOrEqual(390);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});
