import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {test, expect} from '@playwright/test';
import {watchPage, waitForHydration, openFresh, seriousViolations} from './site';
import type {Locator} from '@playwright/test';

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

const labPage = '/docs/databricks-deployment/asset-bundles';
const prodYml = readFileSync(join(__dirname, '../../docs/06-databricks-deployment/asset-bundles/bundle/targets/prod.yml'), 'utf8');

test('resolves the bundle per target, diffs two targets, and follows an edit to its effect and its error', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await openFresh(page, labPage);
  const lab = page.getByRole('region', {name: 'Asset Bundles lab'});
  await lab.scrollIntoViewIfNeeded();

  // dev: development mode names the jobs after the user and pauses them.
  const devJobs = lab.getByRole('table', {name: 'Effective jobs in dev'});
  await expect(devJobs).toContainText('[dev anna_schmidt] mfg-bronze-sensor-events-stream');
  await expect(devJobs.getByRole('row', {name: /bronze_sensor_events_stream/})).toContainText('PAUSED');
  await expect(lab.getByRole('status').first()).toContainText('No error or warning');

  // The diff between dev and prod names what differs, with both values.
  const diff = lab.getByRole('table', {name: 'Differences between dev and prod'});
  const workers = diff.getByRole('row', {name: /bronze_sensor_events_stream\.job_clusters\[0\]\.new_cluster\.num_workers/});
  await expect(workers).toContainText('2');
  await expect(workers).toContainText('8');
  await expect(diff).toContainText('resources.jobs.bronze_sensor_events_stream.name');

  // prod: production names, unpaused, the service principal deploys.
  await lab.getByRole('radio', {name: 'prod'}).check();
  await lab.getByRole('combobox', {name: 'Compare with'}).selectOption('qa');
  const prodJobs = lab.getByRole('table', {name: 'Effective jobs in prod'});
  await expect(prodJobs.getByRole('row', {name: /bronze_sensor_events_stream/})).toContainText('UNPAUSED');
  await expect(prodJobs).not.toContainText('[dev');
  await expect(lab.getByRole('list', {name: 'Variable values'})).toContainText('catalog = mfg_prod from the prod target');

  // Edit prod.yml in Monaco: the effective worker count and the diff follow.
  await lab.getByRole('button', {name: 'targets/prod.yml', exact: true}).click();
  const editor = lab.locator('.monaco-editor').first();
  await expect(editor).toBeVisible({timeout: 30_000});
  await pasteIntoEditor(editor, prodYml.replace('streaming_workers: 8', 'streaming_workers: 12'));
  const prodWorkers = lab.getByRole('table', {name: 'Differences between prod and qa'}).getByRole('row', {name: /bronze_sensor_events_stream\.job_clusters\[0\]\.new_cluster\.num_workers/});
  await expect(prodWorkers).toContainText('12');
  await expect(lab.getByRole('status').filter({hasText: 'fits the policy'})).toBeVisible();

  // Above the policy's range: the finding names the job, the cluster and where the value was written.
  await pasteIntoEditor(editor, prodYml.replace('streaming_workers: 8', 'streaming_workers: 20'));
  await expect(lab.getByRole('list', {name: 'Policy findings'})).toContainText("num_workers = 20: above the policy's maxValue 16 (policy mfg-jobs-medium)");

  // A variable the bundle does not declare: the CLI's message, the file and line, and a marker in the editor.
  await pasteIntoEditor(editor, prodYml.replace('      catalog: mfg_prod', '      catalogue: mfg_prod'));
  const listed = lab.getByRole('list', {name: 'Bundle problems'});
  await expect(listed).toContainText('variable catalogue is not defined but is assigned a value');
  await expect(listed).toContainText('targets/prod.yml:13');
  await expect(lab.locator('.monaco-editor .squiggly-error').first()).toBeAttached({timeout: 30_000});
  await expect(lab.getByRole('table', {name: 'Effective jobs in prod'})).toHaveCount(0);

  // The edit survives a reload; Reset brings back the page's files.
  await page.reload();
  await waitForHydration(page);
  await expect(page.getByRole('list', {name: 'Bundle problems'})).toContainText('variable catalogue is not defined');
  await page.getByRole('button', {name: 'Reset the files'}).click();
  await expect(page.getByRole('table', {name: 'Effective jobs in prod'})).toBeVisible();

  expect(await seriousViolations(page, '#bundle-lab')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  // A chunk still loading when the test reloads the page is aborted by the reload, not broken.
  expect(problems.failedAssets.filter((failure) => !failure.endsWith('net::ERR_ABORTED'))).toEqual([]);
});
