import {test, expect, type Locator, type Page} from '@playwright/test';
import {waitForHydration} from './site';

/** Replaces an editor's text the way a paste does (typing would trigger Monaco's auto-closing). */
async function replaceText(page: Page, editor: Locator, text: string): Promise<void> {
  await expect(editor).toBeVisible({timeout: 90_000});
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** Vertical distance in CSS pixels from the bottom of `above` to the top of `below` (negative if `below` is higher). */
async function gapBetween(above: Locator, below: Locator): Promise<number> {
  const top = await above.boundingBox();
  const bottom = await below.boundingBox();
  return bottom!.y - (top!.y + top!.height);
}

test("a failing edit of a flattening step shows its error under that step's editor and removes the stale result", async ({page}) => {
  test.setTimeout(180_000);
  await page.goto('/docs/schema-evolution/map-type-flattening');
  await waitForHydration(page);
  const lab = page.getByRole('region', {name: /^The 11 steps on 10,000 generated sensor events/});
  await lab.scrollIntoViewIfNeeded();
  await lab.getByRole('navigation', {name: 'Flattening steps'}).getByRole('button', {name: /^2\. Extract known keys/}).click();
  await lab.getByRole('button', {name: 'Run step 2'}).click();
  await expect(lab.getByRole('status')).toHaveText('Step 2 done.', {timeout: 120_000});
  const editor = lab.locator('.monaco-editor').first();
  await expect(editor).toContainText('CREATE OR REPLACE TABLE', {timeout: 30_000});

  await replaceText(page, editor, 'SELECT count(*) AS n FROM events_extracted');
  await lab.getByRole('button', {name: 'Run this SQL'}).click();
  const result = lab.getByRole('region', {name: /^Result of your SQL for step 2/});
  await expect(result.locator('td').first()).toHaveText('10000', {timeout: 60_000});

  await replaceText(page, editor, 'SELEC count(*) FROM events_extracted');
  const runThis = lab.getByRole('button', {name: 'Run this SQL'});
  await runThis.click();
  const error = lab.getByRole('alert').filter({hasText: 'Parser Error'});
  await expect(error).toBeVisible({timeout: 60_000});
  // Next to what caused it: right under the editor's buttons, not above the step's findings.
  const gap = await gapBetween(runThis, error);
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThan(80);
  await expect(result).toHaveCount(0);
  // The step's own results stay: the edit did not make step 2 fail.
  await expect(lab.getByRole('navigation', {name: 'Flattening steps'}).getByLabel('done', {exact: true})).toHaveCount(1);
});

test('in /playground an over-limit row count takes the old result away and says why next to the setting', async ({page}) => {
  test.setTimeout(180_000);
  await page.goto('/playground');
  await waitForHydration(page);
  const query = page.getByRole('region', {name: 'Query'});
  await page.getByRole('form', {name: 'Dataset settings'}).locator('select').selectOption({label: 'Plants'});
  await page.getByLabel('Rows').fill('20');
  await replaceText(page, query.locator('.monaco-editor').first(), 'SELECT count(*) AS n FROM plants');
  await query.getByRole('button', {name: 'Run', exact: true}).click();
  await expect(query.getByRole('status')).toHaveText(/^Ready\. The query returned 1 rows/, {timeout: 90_000});
  await expect(query.getByRole('region', {name: /^Query result/})).toBeVisible();

  await page.getByLabel('Rows').fill('99000000');
  const settings = page.getByRole('form', {name: 'Dataset settings'});
  await expect(settings.getByRole('alert')).toContainText('more than this lab can generate');
  await query.getByRole('button', {name: 'Run', exact: true}).click();
  await expect(query.getByRole('status')).toHaveText(/^Not run: .*more than this lab can generate/);
  await expect(query.getByRole('region', {name: /^Query result/})).toHaveCount(0);
});
