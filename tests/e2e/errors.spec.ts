import {test, expect} from '@playwright/test';
import {pasteInto, watchPage, waitForHydration, seriousViolations} from './site';

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

  expect(await seriousViolations(page, '#trace-decoder')).toEqual([]);

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

/** A one-line trace the decoder recognises: one known error. */
const oneLineTrace = 'org.apache.spark.sql.AnalysisException: [DELTA_MERGE_INCOMPATIBLE_DATATYPE] Failed to merge incompatible data types IntegerType and StringType';

test('the decoder and its error catalog load once there is text to decode, not with the page', async ({page}) => {
  // A string only the decoder's own module holds (its refusal of an over-long paste).
  const decoderScripts: string[] = [];
  page.on('response', async (response) => {
    if (response.url().endsWith('.js') && (await response.text().catch(() => '')).includes('That is more than 1 MB of text')) {
      decoderScripts.push(response.url());
    }
  });
  await page.goto('/errors/decode');
  await waitForHydration(page);
  const decoder = page.getByRole('region', {name: 'Stack trace decoder'});
  await expect(decoder.getByRole('status')).toHaveText('Paste a trace to decode it.');
  await page.waitForLoadState('networkidle');
  expect(decoderScripts).toEqual([]);
  await pasteInto(page, '#trace-input', oneLineTrace);
  await expect(decoder.getByRole('status')).toHaveText(/^Decoded 1 line in \d+ ms: 1 known error\.$/);
  // The listener reads each body asynchronously: poll rather than read the list once.
  await expect.poll(() => decoderScripts.length).toBe(1);
});

test('a decoder that cannot load says so in the status line and keeps the text in the box', async ({page}) => {
  await page.goto('/errors/decode');
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  // The network drops every script from here on: the decoder's chunk, requested with the first text, fails.
  await page.route('**/*.js', (route) => route.abort());
  const decoder = page.getByRole('region', {name: 'Stack trace decoder'});
  await pasteInto(page, '#trace-input', oneLineTrace);
  await expect(decoder.getByRole('status')).toHaveText(/^The decoder could not be loaded \([\s\S]+\)\. Reload the page to try again; your text stays in the box\.$/);
  await expect(decoder.getByRole('textbox')).toHaveValue(oneLineTrace);
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

test('regression: a pasted message that matches nothing in the index leads to the decoder, which opens with it', async ({page}) => {
  await page.goto('/errors');
  await waitForHydration(page);
  const pasted = "[DELTA_MERGE_INCOMPATIBLE_DATATYPE] Failed to merge incompatible data types IntegerType and StringType";
  await page.getByRole('searchbox', {name: 'Code or message'}).fill(pasted);
  await expect(page.getByRole('status')).toHaveText(/^0 of \d+ errors match\.$/);
  await page.getByRole('link', {name: 'Decode what you pasted'}).click();
  await expect(page).toHaveURL(/\/errors\/decode$/);
  await waitForHydration(page);
  await expect(page.locator('#trace-input')).toHaveValue(pasted);
  await expect(page.getByRole('region', {name: 'Stack trace decoder'}).getByRole('list', {name: 'Known errors'})).toContainText('DELTA_MERGE_INCOMPATIBLE_DATATYPE');
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

/** A Databricks notebook cell as copied: IPython's coloured traceback, Py4J's header, the JVM chain after ": ". */
const notebookPaste = [
  '\x1b[0;31m---------------------------------------------------------------------------\x1b[0m',
  '\x1b[0;31mPy4JJavaError\x1b[0m                             Traceback (most recent call last)',
  'File \x1b[0;32m<command-4127839917>, line 12\x1b[0m',
  '\x1b[0;32m---> 12\x1b[0m query\x1b[38;5;241m.\x1b[39mawaitTermination()',
  '\x1b[0;31mPy4JJavaError\x1b[0m: An error occurred while calling o412.awaitTermination.',
  ": org.apache.spark.sql.streaming.StreamingQueryException: [STREAM_FAILED] Query [id = 5f1c2d8e-4b7a-4c1e-9f3d-2a6b8c0d1e2f, runId = 9a2e7c41-0d3b-4f5e-8a1c-6b2d9e0f3a4c] terminated with exception: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'telemetry' and 'telemetry' SQLSTATE: XXKST",
  '\tat org.apache.spark.sql.execution.streaming.StreamExecution.runStream(StreamExecution.scala:372)',
  "Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'telemetry' and 'telemetry' SQLSTATE: 22005",
  'Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_MERGE_INCOMPATIBLE_DATATYPE] Failed to merge incompatible data types IntegerType and StringType SQLSTATE: 42K09',
].join('\n');

test('a Py4J notebook paste shows the root cause first, why, the drawn chain and the first fix steps, offline and axe clean', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto('/errors/decode');
  await waitForHydration(page);
  const decoder = page.getByRole('region', {name: 'Stack trace decoder'});
  await pasteInto(page, '#trace-input', notebookPaste);
  await expect(decoder.getByRole('status')).toHaveText(/^Decoded 9 lines in \d+ ms: 3 known errors\.$/);
  const root = decoder.getByRole('region', {name: /^Root cause:/});
  await expect(root.getByRole('heading', {level: 3})).toHaveText('Root cause: DELTA_MERGE_INCOMPATIBLE_DATATYPE');
  await expect(root).toContainText('It is the deepest known link of the cause chain (link 4 of 4)');
  await expect(root).toContainText('Found on line 9.');
  await expect(root.getByRole('listitem').first()).toContainText('delta.enableTypeWidening');
  await expect(root.getByRole('link', {name: 'schema evolution errors'})).toHaveAttribute('href', '/docs/production-playbooks/troubleshooting/schema-evolution-errors');

  const chain = decoder.getByRole('list', {name: 'Cause chain'}).getByRole('listitem');
  await expect(chain).toHaveText([
    /^Py4JJavaError \(line 5\)$/,
    /^org\.apache\.spark\.sql\.streaming\.StreamingQueryException — STREAM_FAILED \(line 6\)$/,
    /^org\.apache\.spark\.sql\.delta\.DeltaAnalysisException — DELTA_FAILED_TO_MERGE_FIELDS \(line 8\)$/,
    /^org\.apache\.spark\.sql\.delta\.DeltaAnalysisException — DELTA_MERGE_INCOMPATIBLE_DATATYPE \(line 9\) ← root cause$/,
  ]);
  const known = decoder.getByRole('list', {name: 'Known errors'}).getByRole('listitem');
  await expect(known.first().getByRole('link').first()).toHaveText('DELTA_MERGE_INCOMPATIBLE_DATATYPE');
  await expect(known.first()).toContainText('Line 9 (by its error class)');

  expect(await seriousViolations(page, '#trace-decoder')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('searching an exception class finds its own error page first', async ({page}) => {
  await page.goto(`/search?q=${encodeURIComponent('SaslAuthenticationException')}`);
  await waitForHydration(page);
  const results = page.locator('article h2 a[href]');
  await expect(results.first()).toBeVisible();
  const first = await results.first().evaluate((link) => new URL((link as HTMLAnchorElement).href).pathname);
  expect(first).toBe('/errors/org.apache.kafka.common.errors.SaslAuthenticationException');
});
