import {test, expect} from '@playwright/test';
import {watchPage, waitForHydration, seriousViolations} from './site';

const labPage = '/docs/testing-validation/data-quality-testing/lab';

test('explains bad rules next to the editor, quarantines failing rows without losing any, links the Delta errors and exports a GX suite, offline', async ({page, baseURL}) => {
  test.setTimeout(180_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto(labPage);
  await waitForHydration(page);
  const lab = page.getByRole('region', {name: 'Quality rules on a batch of test results: valid rows go on, failing rows to quarantine'});
  await lab.scrollIntoViewIfNeeded();
  const editor = lab.getByRole('textbox', {name: /^Rules \(JSON/});
  const run = lab.getByRole('button', {name: 'Run the rules'});

  await editor.fill('[{"name": "machine_id_present", "kind": "not_null" "column": "machine_id"}]');
  await expect(lab.locator('#quality-rules-problem')).toHaveText(/^Line 1, column \d+: Not valid JSON: /);
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await expect(run).toBeDisabled();
  await editor.fill('[{"name": "machine_id_present", "kind": "not_empty", "column": "machine_id"}]');
  await expect(lab.locator('#quality-rules-problem')).toContainText('0.kind: ');
  await editor.fill('[{"name": "measured", "kind": "range", "column": "measured_value", "min": 5, "max": 1}]');
  await expect(lab.locator('#quality-rules-problem')).toHaveText('0: min must not be above max.');

  await lab.getByRole('button', {name: "Back to the lab's rules"}).click();
  await expect(lab.locator('#quality-rules-problem')).toHaveCount(0);
  await run.click();
  await expect(lab.getByRole('status')).toHaveText(/^Ran 9 rules: \d+ failed\. [\d,]+ rows in = [\d,]+ valid \+ [\d,]+ quarantined\.$/, {timeout: 150_000});
  const status = await lab.getByRole('status').textContent();
  const [, rowsIn, valid, quarantined] = /([\d,]+) rows in = ([\d,]+) valid \+ ([\d,]+) quarantined/.exec(status!)!.map((text) => Number(text.replaceAll(',', '')));
  expect(valid! + quarantined!).toBe(rowsIn);
  expect(quarantined).toBeGreaterThan(0);

  const rules = lab.getByRole('region', {name: 'What each rule found'});
  const notNull = rules.getByRole('row').filter({hasText: 'machine_id_present'});
  await expect(notNull).toContainText('quarantined');
  await expect(notNull.getByRole('link', {name: 'DELTA_NOT_NULL_CONSTRAINT_VIOLATED'})).toHaveAttribute('href', '/errors/DELTA_NOT_NULL_CONSTRAINT_VIOLATED');
  await expect(rules.getByRole('row').filter({hasText: 'shift_known'}).getByRole('link', {name: 'DELTA_VIOLATE_CONSTRAINT_WITH_VALUES'})).toBeVisible();
  await expect(rules.getByRole('row').filter({hasText: 'test_id_unique'})).toContainText('No constraint: Delta enforces no uniqueness.');

  const shiftDetails = lab.locator('details').filter({hasText: 'shift_known: failing rows, the SQL and the Delta constraint'});
  await shiftDetails.getByText('shift_known: failing rows, the SQL and the Delta constraint').click();
  await expect(shiftDetails.getByText(/would reject the [\d,]+ rows of this batch with a NULL there/)).toBeVisible();
  await expect(shiftDetails.getByRole('region', {name: 'Sample of shift_known'})).toContainText('X');

  await lab.getByRole('radio', {name: 'Great Expectations suite'}).check();
  await expect(lab.locator('pre').filter({hasText: '"type": "expect_column_values_to_not_be_null"'})).toBeVisible();

  expect(await seriousViolations(page, '#quality-lab')).toEqual([]);
  // At phone width the lab (its results included) fits: nothing pushes the page sideways.
  await page.setViewportSize({width: 390, height: 844});
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  const labBox = await page.locator('#quality-lab').boundingBox();
  expect(labBox!.width).toBeLessThanOrEqual(390);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});
