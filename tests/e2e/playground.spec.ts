import {test, expect, type Page, type Locator} from '@playwright/test';
import {datasetChecksumSql} from '../../playground';
import {openNodeEngine} from '../../playground/node';
import {loadDataset} from '../../playground';
import {watchPage, waitForHydration} from './site';

const labPage = '/docs/schema-evolution/map-type-flattening';
const labName = /^SQL lab on sensor_events \(10,000 rows, seed 42\)$/;

function lab(page: Page): Locator {
  return page.getByRole('region', {name: labName});
}

/**
 * Waits for the lab's editor to be mounted. The editor loads when the lab comes near the screen, and how long
 * Monaco's chunk takes depends on the machine's load (over 30 s once, while the other worker ran the flattening
 * lab on the same two cores). So the test waits for the editor's own signal, `data-editor="ready"` (set when
 * Monaco has mounted it), for as long as the test may run, instead of guessing a time for it.
 */
async function editorReady(labRegion: Locator): Promise<void> {
  await expect(labRegion.locator('[data-editor="ready"]')).toHaveCount(1, {timeout: 0});
}

/** Replaces the editor's text the way a paste does (typing would trigger Monaco's auto-closing). */
async function setSql(page: Page, labRegion: Locator, sql: string): Promise<void> {
  await labRegion.scrollIntoViewIfNeeded();
  await editorReady(labRegion);
  const editor = labRegion.locator('.monaco-editor').first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

async function runAndWait(labRegion: Locator): Promise<void> {
  await labRegion.getByRole('button', {name: 'Run', exact: true}).click();
  await expect(labRegion.getByRole('status')).toHaveText(/^Ready\. The query (returned|failed|was cancelled)/, {timeout: 90_000});
}

test.describe.configure({mode: 'serial'});

test('a page without a lab loads neither DuckDB nor Monaco', async ({page}) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto('/docs/schema-evolution/production-patterns/schema-versioning');
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  expect(requested.filter((url) => /duckdb|monaco|editor\.worker|\.wasm/i.test(url))).toEqual([]);
});

test('the lab shows static SQL, then runs it on generated data with no outside request', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto(labPage);
  await waitForHydration(page);
  const region = lab(page);
  await expect(region.getByText('customExtension').first()).toBeVisible();
  await runAndWait(region);
  const result = region.getByRole('region', {name: /Result of/});
  await expect(result).toBeVisible();
  await expect(result.getByRole('columnheader', {name: /coverage_pct/})).toBeVisible();
  await expect(result.locator('tbody tr').first()).toBeVisible();
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('typed SQL runs with Ctrl+Enter; invalid SQL and JSON functions get clear messages', async ({page}) => {
  await page.goto(labPage);
  await waitForHydration(page);
  const region = lab(page);
  await setSql(page, region, 'SELECT plant_id, count(*) AS events FROM sensor_events GROUP BY plant_id ORDER BY plant_id');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(region.getByRole('status')).toHaveText(/^Ready\. The query returned \d+ rows/, {timeout: 90_000});
  await expect(region.getByRole('columnheader', {name: /events BIGINT/})).toBeVisible();

  await setSql(page, region, 'SELEC plant_id FROM sensor_events');
  await runAndWait(region);
  await expect(region.getByRole('alert')).toContainText('Parser Error: syntax error at or near "SELEC"');

  await setSql(page, region, `SELECT json_extract(customExtension['config'], '$.mode') FROM sensor_events`);
  await runAndWait(region);
  await expect(region.getByRole('alert')).toContainText('no json extension');
  await expect(region.getByRole('alert')).toContainText('TRY_CAST');

  await setSql(page, region, 'SELECT count(*) AS n FROM sensor_events');
  await runAndWait(region);
  await expect(region.getByRole('cell', {name: '10000'})).toBeVisible();
});

test('Cancel stops a runaway query within 2 s and the editor keeps its text', async ({page}) => {
  await page.goto(labPage);
  await waitForHydration(page);
  const region = lab(page);
  const runaway = 'SELECT count(*) FROM range(10000000000) t(x) WHERE x % 7 = 3';
  await setSql(page, region, 'SELECT 1');
  await runAndWait(region);
  await setSql(page, region, runaway);
  await region.getByRole('button', {name: 'Run', exact: true}).click();
  await expect(region.getByRole('status')).toHaveText(/Running the query/);
  const cancelledAt = Date.now();
  await region.getByRole('button', {name: 'Cancel'}).click();
  await expect(region.getByRole('status')).toHaveText(/cancelled|restarted/, {timeout: 5_000});
  expect(Date.now() - cancelledAt).toBeLessThan(2_000);
  await expect(region.locator('.monaco-editor')).toContainText('range(10000000000)');
});

test('DROP TABLE is undone by Reset, and a 5M-row result is capped on screen', async ({page}) => {
  await page.goto(labPage);
  await waitForHydration(page);
  const region = lab(page);
  await setSql(page, region, 'DROP TABLE sensor_events');
  await runAndWait(region);
  await setSql(page, region, 'SELECT count(*) AS n FROM sensor_events');
  await runAndWait(region);
  await expect(region.getByRole('alert')).toContainText('Reset brings the datasets back');
  await region.getByRole('button', {name: 'Reset'}).click();
  await expect(region.getByRole('status')).toHaveText('Reset: the original SQL and data are back.', {timeout: 60_000});
  await setSql(page, region, 'SELECT count(*) AS n FROM sensor_events');
  await runAndWait(region);
  await expect(region.getByRole('cell', {name: '10000'})).toBeVisible();

  await setSql(page, region, 'SELECT * FROM range(5000000) t(x)');
  await runAndWait(region);
  await expect(region.getByRole('region', {name: /5,000,000 rows \(first 1,000 shown\)/})).toBeVisible();
  await expect(region.locator('tbody tr')).toHaveCount(1_000);
});

test('edits survive a reload; a share link reproduces SQL, dataset, rows and seed; a broken link says so', async ({
  page,
  context,
}) => {
  await page.goto(labPage);
  await waitForHydration(page);
  const region = lab(page);
  const sql = "SELECT machine_type, count(*) AS events FROM sensor_events WHERE plant_id <> 'nowhere' GROUP BY ALL";
  await setSql(page, region, sql);
  await page.reload();
  await waitForHydration(page);
  await editorReady(lab(page));
  await expect(lab(page).locator('.monaco-editor')).toContainText("plant_id <> 'nowhere'");

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await lab(page).getByRole('button', {name: 'Share'}).click();
  await expect(lab(page).getByRole('status')).toHaveText(/Share link copied/);
  const link = page.url();
  expect(link).toContain('state=');

  const colleague = await context.browser()!.newContext();
  const other = await colleague.newPage();
  await other.goto(link);
  await waitForHydration(other);
  await expect(lab(other).getByText('Showing the SQL and data from a shared link.')).toBeVisible();
  await editorReady(lab(other));
  await expect(lab(other).locator('.monaco-editor')).toContainText("plant_id <> 'nowhere'");

  await other.goto(link.replace(/state=[^&#]+/, 'state=eyJzcWwiOiJTRUxFQ1Q'));
  await waitForHydration(other);
  await expect(lab(other).getByText(/This share link is damaged/)).toBeVisible();
  await colleague.close();
});

test('the same seed gives the same rows in the browser as in Node (checksum)', async ({page}) => {
  const request = {name: 'sensor_events' as const, rows: 10_000, seed: 42};
  const engine = await openNodeEngine();
  let nodeChecksum: string;
  try {
    await loadDataset(engine, request);
    nodeChecksum = JSON.stringify((await engine.query(datasetChecksumSql('sensor_events'))).toArray()[0]?.toJSON(), (_key, value) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
  } finally {
    await engine.close();
  }

  await page.goto(labPage);
  await waitForHydration(page);
  const region = lab(page);
  await setSql(page, region, datasetChecksumSql('sensor_events'));
  await runAndWait(region);
  const cells = await region.locator('tbody tr').first().locator('td').allTextContents();
  const headers = await region.locator('thead th').evaluateAll((ths) => ths.map((th) => th.querySelector('span')?.textContent ?? ''));
  const browserChecksum = JSON.stringify(Object.fromEntries(headers.map((header, index) => [header, cells[index]])));
  expect(browserChecksum).toBe(nodeChecksum);
});

test('the full-page lab lists datasets, refuses absurd sizes, and shows the schema and history', async ({page}) => {
  await page.goto('/playground');
  await waitForHydration(page);
  const rows = page.getByLabel('Rows');
  await rows.fill('999999999');
  await expect(page.getByRole('alert').filter({hasText: '999,999,999 rows'})).toContainText(
    'the limit is 5,000,000 rows',
  );
  await rows.fill('10000');
  await expect(page.getByRole('combobox', {name: 'Dataset'}).locator('option')).toHaveCount(5);
  const query = page.getByRole('region', {name: 'Query'});
  await query.getByRole('button', {name: 'Run', exact: true}).click();
  await expect(query.getByRole('status')).toHaveText(/^Ready\. The query returned 20 rows/, {timeout: 90_000});
  const schema = page.getByRole('complementary', {name: 'Schema'});
  await expect(schema.getByText('sensor_events')).toBeVisible();
  await expect(page.getByRole('region', {name: 'History'}).getByRole('listitem')).toHaveCount(1);
});

test('the engine modules behind the lab are rendered in the page and a deep link opens one', async ({page}) => {
  await page.goto('/playground#source-playground-runtime-ts');
  await waitForHydration(page);
  const module = page.locator('#source-playground-runtime-ts');
  await expect(module).toHaveAttribute('open', '');
  await expect(module.getByText('export class PlaygroundRuntime')).toBeVisible();
  await expect(page.locator('#source-playground-sql-duckdb-ts')).not.toHaveAttribute('open', '');
});

test('the MAP-flattening page shows its PySpark production modules, deep-linkable', async ({page}) => {
  const anchor = 'source-docs-02-schema-evolution-map-type-flattening-src-progressive-flattener-py';
  await page.goto(`${labPage}#${anchor}`);
  await waitForHydration(page);
  const module = page.locator(`#${anchor}`);
  await expect(module).toHaveAttribute('open', '');
  await expect(module.getByText('def flatten(events: DataFrame')).toBeVisible();
  await expect(page.locator('details[id^="source-docs-02-schema-evolution-map-type-flattening-src-"]')).toHaveCount(5);
});
