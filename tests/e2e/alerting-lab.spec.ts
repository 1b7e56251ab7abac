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

  // Executor memory pressure: Spark's executor metrics drive ExecutorGcPressure, and each notification
  // carries its summary as Prometheus renders the template (humanizePercentage of $value).
  await lab.getByRole('radio', {name: 'Executor memory pressure'}).check();
  await expect(states.getByRole('row', {name: /ExecutorGcPressure PLANT_01 executor 1/})).toContainText('47–117');
  await expect(states.getByRole('row', {name: /ExecutorGcPressure PLANT_01 executor 2/})).toContainText('47–117');
  await lab.getByRole('slider', {name: 'Minute'}).fill('60');
  await expect(notifications).toContainText('Executor 1 of PLANT_01 spends 33.54% of its task time in GC');
  await expect(notifications).toContainText('bronze_sensor_events (PLANT_01) micro-batches exceed the 30 s budget');
  await expect(lab.getByRole('img', {name: /^GC share of task time, worst executor per plant at minute 60: PLANT_01: 34\.8 %;/})).toBeVisible();

  // Edit the summary's template: humanize instead of humanizePercentage prints the ratio with an SI prefix;
  // a misspelt function is refused where promtool check rules refuses it.
  const pageRules = await rulesEditor.inputValue();
  await rulesEditor.fill(pageRules.replace('{{ $value | humanizePercentage }}', '{{ $value | humanize }}'));
  await expect(notifications).toContainText('Executor 1 of PLANT_01 spends 335.4m of its task time in GC');
  await rulesEditor.fill(pageRules.replace('{{ $value | humanizePercentage }}', '{{ $value | humanise }}'));
  await expect(rulesProblems).toContainText('ExecutorGcPressure: annotation "summary": template: __alert_ExecutorGcPressure:1: function "humanise" not defined');
  await page.getByRole('button', {name: "Reset to the page's files"}).click();
  await expect(notifications).toContainText('Executor 2 of PLANT_01 spends 34.79% of its task time in GC');

  // A silence (silence.go): StreamingBatchTooSlow at PLANT_01 from minute 40 until before minute 90.
  await lab.getByRole('button', {name: 'Add an example silence'}).click();
  await expect(notifications).toContainText('StreamingBatchTooSlow PLANT_01: silenced by silence #1 (firmware rollback at PLANT_01 in progress)');
  await expect(lab.getByRole('list', {name: 'Silences at this minute'})).toContainText('active at minute 60');
  await lab.getByRole('slider', {name: 'Minute'}).fill('100');
  await expect(lab.getByRole('list', {name: 'Silences at this minute'})).toContainText('expired at minute 100');
  await expect(notifications).not.toContainText('silenced by');
  await expect(notifications).toContainText('bronze_sensor_events (PLANT_01) micro-batches exceed the 30 s budget');
  const silencesEditor = lab.getByRole('textbox', {name: /^Silences/});
  const example = await silencesEditor.inputValue();
  await silencesEditor.fill(example.replace('endsAt: 1h30m', 'endsAt: 30m'));
  await expect(lab.getByRole('list', {name: 'Problems in the silences'})).toContainText('Line 1, column 1: silence 1: end time must not be before start time');
  await page.getByRole('button', {name: "Reset to the page's files"}).click();
  await expect(silencesEditor).toHaveValue('');

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

test("the Grafana page links each panel's metrics to the section that defines them", async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await openFresh(page, '/docs/monitoring-observability/grafana-dashboards');
  const panels = page.getByRole('table', {name: 'Panels of spark-performance.json and the metrics they read'});
  const heapRow = panels.getByRole('row', {name: /Executor peak heap/});
  await expect(heapRow).toContainText('max by (plant, executor_id) (metrics_executor_JVMHeapMemory_bytes');
  await heapRow.getByRole('link', {name: 'metrics_executor_JVMHeapMemory_bytes'}).click();
  await expect(page).toHaveURL(/\/docs\/monitoring-observability\/prometheus-monitoring#executor-memory-sparks-own-endpoint$/);
  await expect(page.getByRole('heading', {name: "Executor memory: Spark's own endpoint"})).toBeInViewport();
  await page.goBack();
  const lagRow = page.getByRole('table', {name: 'Panels of streaming-pipeline.json and the metrics they read'}).getByRole('row', {name: /worst partition/i}).first();
  await expect(lagRow.getByRole('link').first()).toHaveAttribute('href', /#(recording-rules|streaming-progress-the-fields-that-matter)$/);
  expect(await seriousViolations(page, 'main')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});
