import {readFileSync} from 'node:fs';
import {test, expect} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {generateSampleLog} from '../../playground';
import {watchPage, waitForHydration, seriousViolations} from './site';
import {lz4BlockStream, snappyJavaStream, utf8, zstdFrame} from '../unit/sparklog/spark-codecs';

const labPage = '/docs/performance-optimization/spark-ui-analysis';

test('opens a sample, shows the skew finding, the stage table and the task chart, then reads a dropped log file and refuses a broken one', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto(labPage);
  await waitForHydration(page);
  const lab = page.getByRole('region', {name: 'Spark UI analysis'});
  await lab.scrollIntoViewIfNeeded();

  await lab.getByRole('combobox', {name: 'Sample event log'}).selectOption('skewed-join');
  await lab.getByRole('button', {name: 'Open sample'}).click();
  await expect(lab.getByRole('status')).toContainText('Read sample: skewed-join', {timeout: 30_000});
  const findings = lab.getByRole('list', {name: 'Findings'});
  await expect(findings).toContainText('Data skew: one task reads far more than the others in stage 2');
  await expect(findings).toContainText('Failed task attempts in stage 2');
  await expect(findings).toContainText('SparkOutOfMemoryError');
  await expect(findings.getByRole('link', {name: 'Shuffle optimization: salting and broadcast'}).first()).toHaveAttribute('href', '/docs/performance-optimization/shuffle-optimization');

  // The stage table and the chart of the stage the first finding names.
  const stageRow = lab.getByRole('row', {name: /^2\.0 COMPLETE/});
  await expect(stageRow).toContainText('200 / 200 (1, 1)');
  const chart = lab.getByTestId('task-chart');
  await expect(chart).toHaveAttribute('aria-label', /^Task durations of stage 2\.0: 202 attempts/);
  await expect(lab.getByRole('table', {name: /taskSummary/})).toContainText('executorRunTime');
  const download = page.waitForEvent('download');
  await lab.getByRole('button', {name: 'Download the stages as JSON (REST API field names)'}).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('app-20260309020000-0042-stages.json');
  const stages = JSON.parse(readFileSync((await saved.path())!, 'utf8')) as {stageId: number; numFailedTasks: number; shuffleReadBytes: number}[];
  expect(stages.map((stage) => stage.stageId)).toEqual([0, 1, 2]);
  expect(stages[2]).toMatchObject({numFailedTasks: 1});
  await lab.getByRole('button', {name: 'Show stage 0.0'}).click();
  await expect(chart).toHaveAttribute('aria-label', /^Task durations of stage 0\.0: 160 attempts/);

  // A log file of the reader's own: the explode + pivot sample, dropped as a file.
  await lab.getByLabel('Event log files').setInputFiles({name: 'app-20260309020000-0043', mimeType: 'application/octet-stream', buffer: Buffer.from(generateSampleLog({scenario: 'explode-pivot'}))});
  await expect(lab.getByRole('status')).toContainText('Read app-20260309020000-0043', {timeout: 30_000});
  await expect(lab.getByRole('heading', {name: 'mfg_silver_flatten_naive'})).toBeVisible();
  await expect(findings).toContainText('The shuffle writes more than the stage read in stage 0');
  await expect(findings.getByRole('link', {name: 'MAP flattening without explode + pivot'})).toBeVisible();

  // A broken log: the line and what was expected, next to where it was dropped.
  await lab.getByLabel('Event log files').setInputFiles({name: 'broken.log', mimeType: 'text/plain', buffer: Buffer.from('{"Event":"SparkListenerLogStart","Spark Version":"3.5.1"}\nnot json\n{"Event":"SparkListenerApplicationEnd","Timestamp":1}\n')});
  await expect(lab.getByRole('alert')).toContainText('broken.log could not be read: broken.log: line 2: expected one JSON object per line');

  expect(await seriousViolations(page, '#spark-log-lab')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedAssets).toEqual([]);
});

test('the lab fits a phone-width screen', async ({page}) => {
  await page.setViewportSize({width: 390, height: 844});
  await page.goto(labPage);
  await waitForHydration(page);
  const lab = page.getByRole('region', {name: 'Spark UI analysis'});
  await lab.getByRole('button', {name: 'Open sample'}).click();
  await expect(lab.getByRole('list', {name: 'Findings'})).toBeVisible({timeout: 30_000});
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the sizing calculator explains each number, updates on input, refuses an absurd value and exports the settings', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto('/docs/performance-optimization/billion-record-optimization');
  await waitForHydration(page);
  await page.evaluate(() => window.localStorage.removeItem('mdp.sparkSizingLab'));
  await page.reload();
  await waitForHydration(page);
  const lab = page.getByRole('region', {name: 'Spark sizing calculator'});
  await lab.scrollIntoViewIfNeeded();
  const results = lab.getByRole('definition');
  // 1,200 GiB in 48,000 files on 40 × 8 cores: split = min(128 MiB, (1200 GiB + 48,000 × 4 MiB) / 320) = 128 MiB; 25.6 MiB files pack four per task.
  await expect(lab).toContainText('Scan tasks');
  await expect(results.first()).toContainText('12,000 tasks');
  await expect(lab).toContainText('broadcast');

  await lab.getByLabel('Dimension size (MiB)', {exact: true}).fill('8');
  await expect(lab).toContainText('broadcast hash join');
  await lab.getByLabel('Executors', {exact: true}).fill('0');
  await expect(lab.getByText('Enter a number from 1 to 10,000.')).toBeVisible();
  await lab.getByLabel('Executors', {exact: true}).fill('40');
  await expect(lab.getByText('spark.sql.adaptive.advisoryPartitionSizeInBytes 64m')).toBeVisible();
  await expect(lab).toContainText('spark.conf.set("spark.sql.shuffle.partitions", "2000")');

  expect(await seriousViolations(page, '#spark-sizing-lab')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('the other pages of the section and the case study load cleanly', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  for (const path of ['/docs/performance-optimization/shuffle-optimization', '/docs/performance-optimization/adaptive-query-execution', '/docs/performance-optimization/benchmarking', '/docs/real-world-case-studies/billion-record-processing']) {
    await page.goto(path);
    await waitForHydration(page);
    await expect(page.getByRole('heading', {level: 1})).toBeVisible();
    const accessibility = await new AxeBuilder({page}).include('main').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(accessibility.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${path} ${violation.id}`)).toEqual([]);
  }
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedAssets).toEqual([]);
});

test('reads zstd, lz4 and snappy logs and a rolling log in the browser', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto(labPage);
  await waitForHydration(page);
  const lab = page.getByRole('region', {name: 'Spark UI analysis'});
  const log = utf8(generateSampleLog({scenario: 'small-files', scale: 0.2}));
  const compressed = {zstd: await zstdFrame(log), lz4: lz4BlockStream(log), snappy: snappyJavaStream(log)};
  for (const [codec, bytes] of Object.entries(compressed)) {
    const name = `app-20260309020000-0044.${codec}`;
    await lab.getByLabel('Event log files').setInputFiles({name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes)});
    await expect(lab.getByRole('status')).toContainText(`Read ${name}`, {timeout: 30_000});
    await expect(lab.getByText(`single file, ${codec}`)).toBeVisible();
    await expect(lab.getByRole('list', {name: 'Findings'})).toContainText('Tiny tasks');
  }
  const text = new TextDecoder().decode(log);
  const lines = text.split('\n');
  const half = Math.floor(lines.length / 2);
  await lab.getByLabel('Event log files').setInputFiles([
    {name: 'events_1_app-20260309020000-0044', mimeType: 'text/plain', buffer: Buffer.from(lines.slice(0, half).join('\n') + '\n')},
    {name: 'events_2_app-20260309020000-0044.lz4', mimeType: 'application/octet-stream', buffer: Buffer.from(lz4BlockStream(utf8(lines.slice(half).join('\n'))))},
    {name: 'appstatus_app-20260309020000-0044', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0)},
  ]);
  await expect(lab.getByText('rolling log of 2 files, lz4')).toBeVisible({timeout: 30_000});

  // A file dropped on the drop zone.
  const dataTransfer = await page.evaluateHandle((body) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([body], 'dropped-app.log'));
    return transfer;
  }, text);
  await lab.getByTestId('drop-zone').dispatchEvent('drop', {dataTransfer});
  await expect(lab.getByRole('status')).toContainText('Read dropped-app.log', {timeout: 30_000});
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
});
