import {test, expect} from '@playwright/test';
import {watchPage, waitForHydration, openFresh, seriousViolations} from './site';

const labPage = '/docs/monitoring-observability/alerting';

test('walks an incident, shows the inhibition bug and its fix, and reacts to an edited rule', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await openFresh(page, labPage);
  const lab = page.getByRole('region', {name: 'Alerting lab'});
  await lab.scrollIntoViewIfNeeded();

  // The stale-table incident: the bronze table goes stale, and an unrelated Kafka Streams backlog follows.
  await lab.getByRole('radio', {name: 'Stale table'}).check();
  const states = lab.getByRole('table', {name: 'Alert states over the incident'});
  await expect(states.getByRole('row', {name: /DeltaTableNotUpdated/})).toContainText('45–49');
  await expect(states.getByRole('row', {name: /DeltaTableNotUpdated/})).toContainText('50–119');
  await expect(states.getByRole('row', {name: /KStreamsConsumerLagHigh/})).toContainText('56–109');
  await lab.getByRole('slider', {name: 'Minute'}).fill('90');
  await expect(lab.getByRole('heading', {name: 'Notifications at minute 90'})).toBeVisible();
  const notifications = lab.getByRole('table', {name: 'Notifications'});
  await expect(notifications).toContainText('KStreamsConsumerLagHigh mfg-sensor-preprocessing');
  await expect(notifications).not.toContainText('muted by');

  // The page's original inhibit rule: the critical table alert, without plant or query_name, mutes the unrelated warning.
  await lab.getByRole('button', {name: 'Load the original inhibit rule (the bug)'}).click();
  await expect(notifications).toContainText('KStreamsConsumerLagHigh mfg-sensor-preprocessing: muted by inhibit rule #2 (source DeltaTableNotUpdated mfg_prod.bronze.test_results)');
  await lab.getByRole('button', {name: "Reset to the page's files"}).click();
  await expect(notifications).not.toContainText('muted by');

  // Slow sink: the query's own critical lag alert mutes its warnings, as intended.
  await lab.getByRole('radio', {name: 'Slow sink'}).check();
  await lab.getByRole('slider', {name: 'Minute'}).fill('90');
  await expect(notifications).toContainText('StreamingBatchTooSlow PLANT_02: muted by inhibit rule #2 (source KafkaConsumerLagHigh PLANT_02)');
  await expect(notifications.getByRole('row', {name: /pagerduty-data-platform/})).toContainText('KafkaConsumerLagHigh PLANT_02');
  await expect(states.getByRole('row', {name: /StreamingBatchTooSlow/})).toContainText('40–109');

  // Edit a rule: a 60 s budget instead of 30 s, and the lab lists what changed.
  const rulesEditor = lab.getByRole('textbox', {name: 'alert-rules.yml'});
  const rules = await rulesEditor.inputValue();
  await rulesEditor.fill(rules.replace('max_over_time(mfg_streaming_batch_duration_seconds[10m]) > 30', 'max_over_time(mfg_streaming_batch_duration_seconds[10m]) > 60'));
  await expect(lab.getByRole('list', {name: "Differences from the page's rules"})).toContainText('StreamingBatchTooSlow PLANT_02: firing at minutes 40–109 → never');
  await expect(states).not.toContainText('StreamingBatchTooSlow');

  // A broken expression is reported next to the editor, with its line; the text stays as typed.
  const broken = rules.replace('expr: mfg_streaming_query_active == 0', 'expr: mfg_streaming_query_active ==');
  await rulesEditor.fill(broken);
  const rulesProblems = lab.getByRole('list', {name: 'Problems in the alert rules'});
  await expect(rulesProblems).toContainText('StreamingQueryDown: unexpected end of input');
  await expect(rulesProblems).toContainText(`Line ${broken.split('\n').findIndex((line) => line.includes('expr: mfg_streaming_query_active ==')) + 1}`);
  await page.reload();
  await waitForHydration(page);
  await expect(page.getByRole('textbox', {name: 'alert-rules.yml'})).toHaveValue(broken);
  await page.getByRole('button', {name: "Reset to the page's files"}).click();
  await expect(page.getByRole('table', {name: 'Alert states over the incident'})).toContainText('KafkaConsumerLagHigh');

  expect(await seriousViolations(page, '#alerting-lab')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('turns a pasted StreamingQueryProgress into the metrics the listener pushes, and reports broken JSON with its line', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await openFresh(page, '/docs/monitoring-observability/prometheus-monitoring');
  const lab = page.getByRole('region', {name: 'Progress to metrics'});
  await lab.scrollIntoViewIfNeeded();
  const metrics = lab.getByRole('table', {name: 'Metrics pushed for this progress'});
  await expect(metrics.getByRole('row', {name: /mfg_kafka_consumer_lag_records\{topic="mfg.sensor-events.raw",partition="1"\}/})).toContainText('609,500');
  await expect(metrics.getByRole('row', {name: /mfg_streaming_batch_duration_seconds/})).toContainText('9.12');

  const editor = lab.getByRole('textbox', {name: 'StreamingQueryProgress (the JSON of query.lastProgress)'});
  const sample = await editor.inputValue();
  await editor.fill(sample.replace('"batchDuration" : 9120', '"batchDuration" : 45000'));
  await expect(metrics.getByRole('row', {name: /mfg_streaming_batch_duration_seconds/})).toContainText('45');
  await editor.fill(sample.replace('"batchDuration" : 9120,', '"batchDuration" : 9120'));
  await expect(lab.getByRole('alert')).toContainText('Line 8');
  await lab.getByRole('button', {name: 'Reset to the sample progress'}).click();
  await expect(metrics.getByRole('row', {name: /mfg_streaming_batch_duration_seconds/})).toContainText('9.12');

  expect(await seriousViolations(page, '#progress-metrics-lab')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test("runs the logging page's queries on an incident's logs in DuckDB", async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await openFresh(page, '/docs/monitoring-observability/logging');
  const lab = page.getByRole('region', {name: 'Log analysis lab'});
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.getByRole('combobox', {name: 'Incident'})).toHaveValue('stale-table');
  await expect(lab.getByRole('combobox', {name: 'Query'})).toHaveValue('error-classes');
  await lab.getByRole('button', {name: "Run on the incident's logs"}).click();
  const result = lab.getByRole('region', {name: /^Query result/});
  await expect(result).toContainText('DELTA_CONCURRENT_APPEND.WITHOUT_HINT', {timeout: 60_000});
  await expect(result).toContainText('45');
  await expect(lab).toContainText('log lines loaded into pipeline_logs');

  await lab.getByRole('combobox', {name: 'Query'}).selectOption('silent-queries');
  await lab.getByRole('button', {name: "Run on the incident's logs"}).click();
  await expect(result).toContainText('bronze_test_results');

  await lab.getByRole('combobox', {name: 'Incident'}).selectOption('slow-sink');
  await lab.getByRole('combobox', {name: 'Query'}).selectOption('batch-timeline');
  await lab.getByRole('button', {name: "Run on the incident's logs"}).click();
  await expect(result).toContainText('micro-batch took longer than the trigger interval');

  expect(await seriousViolations(page, '#log-analysis-lab')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('the Grafana page offers each dashboard JSON as a download', async ({page}) => {
  await page.goto('/docs/monitoring-observability/grafana-dashboards');
  await waitForHydration(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', {name: 'Download kafka-cluster.json'}).click()]);
  expect(download.suggestedFilename()).toBe('kafka-cluster.json');
  const dashboard = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'))) as {uid: string; panels: unknown[]};
  expect(dashboard.uid).toBe('mfg-kafka-cluster');
  expect(dashboard.panels).toHaveLength(4);
});
