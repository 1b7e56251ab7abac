import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {test, expect, type Locator} from '@playwright/test';
import {resolveHocon} from '../../playground/deploy/hocon';
import {watchPage, waitForHydration, openFresh, pasteInto, seriousViolations} from './site';

const confDir = join(__dirname, '../../docs/06-databricks-deployment/hocon-configurations/conf');
const files: Record<string, string> = {
  'application.conf': readFileSync(join(confDir, 'application.conf'), 'utf8'),
  'environments/dev.conf': readFileSync(join(confDir, 'environments/dev.conf'), 'utf8'),
  'environments/qa.conf': readFileSync(join(confDir, 'environments/qa.conf'), 'utf8'),
  'environments/prod.conf': readFileSync(join(confDir, 'environments/prod.conf'), 'utf8'),
};

/** Replaces the editor's text as a paste does (typed newlines would be auto-indented by Monaco). */
async function pasteIntoEditor(editor: Locator, text: string): Promise<void> {
  await editor.click();
  await editor.page().keyboard.press('ControlOrMeta+A');
  await editor.locator('textarea').evaluate((textarea, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    textarea.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
  }, text);
}

/** The table as [key, value, the first line of "set by"] rows of text. */
async function rowsOf(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell.querySelector('code')?.textContent ?? '').trim())));
}

test('resolves the HOCON files in the browser as in Node, follows an edit and an environment variable, and marks an error', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await openFresh(page, '/docs/databricks-deployment/hocon-configurations');
  const lab = page.getByRole('region', {name: 'HOCON configuration lab'});
  await lab.scrollIntoViewIfNeeded();

  // The browser path gives what resolveHocon gives in Node: every key, value and provenance line.
  const prod = lab.getByRole('table', {name: 'Effective configuration in prod'});
  await expect(prod.getByRole('row', {name: /platform\.catalog/})).toContainText('application.conf:5');
  const inNode = await resolveHocon(files, 'prod');
  if (!inNode.ok) throw new Error(JSON.stringify(inNode.problems));
  const rows = await rowsOf(prod);
  expect(rows.map(([key, value]) => [key, value])).toEqual(inNode.values.map((value) => [value.path, JSON.stringify(value.value)]));
  expect(rows.map((row) => row[2])).toEqual(inNode.values.map((value) => `${value.location.file}:${value.location.line}`));
  await expect(prod.getByRole('row', {name: /kafka\.bootstrap-servers/})).toContainText('${?KAFKA_BOOTSTRAP_SERVERS} at environments/prod.conf:12: not set');

  // Set variables on the cluster: the bootstrap servers follow, the batch limit does not (prod.conf assigns it later).
  await pasteInto(page, '#hocon-lab textarea[aria-describedby="hocon-variables-hint"]', 'KAFKA_BOOTSTRAP_SERVERS=kafka-dr-1.plant.example:9093\nMAX_OFFSETS_PER_TRIGGER=20000');
  await expect(prod.getByRole('row', {name: /kafka\.bootstrap-servers/})).toContainText('"kafka-dr-1.plant.example:9093"');
  await expect(prod.getByRole('row', {name: /kafka\.bootstrap-servers/})).toContainText('KAFKA_BOOTSTRAP_SERVERS through environments/prod.conf:12');
  await expect(prod.getByRole('row', {name: /max-offsets-per-trigger/})).toContainText('MAX_OFFSETS_PER_TRIGGER is set, but environments/prod.conf:14');
  await lab.getByRole('radio', {name: 'qa'}).check();
  await expect(lab.getByRole('table', {name: 'Effective configuration in qa'}).getByRole('row', {name: /max-offsets-per-trigger/})).toContainText('"20000"');

  // Edit prod.conf in Monaco: drop the assignment that shadows the variable, and prod takes it.
  await lab.getByRole('radio', {name: 'prod'}).check();
  await lab.getByRole('button', {name: 'environments/prod.conf', exact: true}).click();
  const editor = lab.locator('.monaco-editor').first();
  await expect(editor).toBeVisible({timeout: 30_000});
  // The files resolve as they are typed: the editor's hint offers no run key that would do nothing.
  const hintId = await editor.locator('textarea').getAttribute('aria-describedby');
  await expect(page.locator(`[id="${hintId}"]`)).toContainText('to leave the editor press Esc');
  await expect(page.locator(`[id="${hintId}"]`)).not.toContainText('Enter runs');
  await pasteIntoEditor(editor, files['environments/prod.conf']!.replace(/\n\s*max-offsets-per-trigger = 1000000/, ''));
  await expect(prod.getByRole('row', {name: /max-offsets-per-trigger/})).toContainText('"20000"');
  await expect(prod.getByRole('row', {name: /max-offsets-per-trigger/})).toContainText('MAX_OFFSETS_PER_TRIGGER through application.conf:23');

  // A syntax error: the library's message with file, line and column, and a marker in the editor.
  await pasteIntoEditor(editor, files['environments/prod.conf']!.replace('plants = [DE01, DE02, PL01, US03, MX02]', 'plants = [DE01, DE02'));
  const listed = lab.getByRole('list', {name: 'HOCON problems'});
  await expect(listed).toContainText('environments/prod.conf:');
  await expect(lab.locator('.monaco-editor .squiggly-error').first()).toBeAttached({timeout: 30_000});

  // The edit survives a reload; Reset brings back the page's files.
  await page.reload();
  await waitForHydration(page);
  await expect(page.getByRole('list', {name: 'HOCON problems'})).toBeVisible();
  await page.getByRole('button', {name: 'Reset the files'}).click();
  await expect(page.getByRole('table', {name: 'Effective configuration in prod'})).toBeVisible();

  expect(await seriousViolations(page, '#hocon-lab')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedAssets.filter((failure) => !failure.endsWith('net::ERR_ABORTED'))).toEqual([]);
});
