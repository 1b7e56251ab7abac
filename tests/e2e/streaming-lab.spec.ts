import {test, expect, type Locator, type Page} from '@playwright/test';
import {seriousViolations, watchPage, waitForHydration} from './site';

async function openLab(page: Page, path: string, title: string): Promise<Locator> {
  await page.goto(path);
  await waitForHydration(page);
  const lab = page.getByRole('region', {name: title});
  await lab.scrollIntoViewIfNeeded();
  return lab;
}

async function runStream(lab: Locator): Promise<void> {
  await lab.getByRole('button', {name: 'Run the stream'}).click();
  await expect(lab.getByRole('status').first()).toHaveText(/^(Ran [\d,]+ batches over [\d,]+ Kafka records|Spark would not start this query)/, {timeout: 120_000});
}

test('Kafka to Delta: an outage loses PLANT_03 readings as late; no watermark in append mode is refused with Spark\'s words', async ({page, baseURL}) => {
  test.setTimeout(180_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  const lab = await openLab(page, '/docs/streaming-architecture/kafka-to-delta-lake', 'Kafka to Delta: watermark, windows and late data, batch by batch');
  await runStream(lab);
  const outcome = lab.getByRole('region', {name: 'The sink against the truth'});
  await expect(outcome).toContainText('The sink differs from the truth.');
  await expect(outcome).toContainText(/[\d,]+ counted short \(late readings dropped\)/);
  await expect(lab.getByRole('img', {name: /^Watermark against event time over [\d,]+ batches; [\d,]+ rows dropped as late$/})).toBeVisible();
  const batches = lab.getByRole('region', {name: 'Batches'});
  await expect(batches.locator('tbody tr').filter({hasText: /PLANT_03 \d+/}).first()).toBeVisible();
  await lab.getByText("A batch's StreamingQueryProgress").click();
  await expect(lab.locator('pre').filter({hasText: '"numRowsDroppedByWatermark"'})).toBeVisible();
  await expect(lab.locator('pre').filter({hasText: 'events = events.withWatermark("event_ts", "30 minutes")'})).toContainText('"kafka.isolation.level", "read_committed"');
  expect(await seriousViolations(page, '#streaming-lab-watermark')).toEqual([]);

  await lab.getByLabel('Watermark delay').selectOption('none');
  await runStream(lab);
  await expect(lab.getByRole('alert')).toHaveText(
    'org.apache.spark.sql.AnalysisException: Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark',
  );
  await expect(lab.getByRole('region', {name: 'The sink against the truth'})).toHaveCount(0);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('exactly-once: a new checkpoint with a fixed txnAppId loses rows; an app id per checkpoint does not', async ({page, baseURL}) => {
  test.setTimeout(180_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  const lab = await openLab(page, '/docs/streaming-architecture/exactly-once-semantics', 'Exactly-once: faults against sinks, the gold table against the truth');
  await runStream(lab);
  const outcome = lab.getByRole('region', {name: 'The sink against the truth'});
  await expect(outcome).toContainText(/[\d,]+ readings missing: [\d,]+ skipped by Delta because their batch id was already recorded for the app id/);
  await expect(lab.getByRole('region', {name: 'Batches'}).locator('tbody')).toContainText('skipped: txnAppId already at version 40');

  await lab.getByRole('radio', {name: 'app id per checkpoint'}).check();
  await runStream(lab);
  await expect(outcome).toContainText('The sink matches the truth.');
  await expect(lab.locator('pre').filter({hasText: 'APP_ID = f"{QUERY_NAME}@{CHECKPOINT}"'})).toBeVisible();
  expect(await seriousViolations(page, '#streaming-lab-exactly-once')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('failure recovery: a crash before the commit leaves offsets/40 alone, and a plain append writes the replay twice', async ({page, baseURL}) => {
  test.setTimeout(180_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  const lab = await openLab(page, '/docs/streaming-architecture/failure-recovery', 'Failure recovery: the checkpoint Spark writes, and what a restart replays');
  await runStream(lab);
  await expect(lab.getByRole('region', {name: 'The sink against the truth'})).toContainText(/[\d,]+ duplicate rows/);
  await expect(lab.getByText('offsets/40 has no commits/40: a restart runs batch 40 again')).toBeVisible();
  await expect(lab.locator('pre').filter({hasText: '"batchWatermarkMs"'}).last()).toContainText('"spark.sql.streaming.multipleWatermarkPolicy":"min"');
  const checkpoint = lab.locator('details').filter({hasText: 'The checkpoint: offsets and commits'});
  await expect(checkpoint.getByText(/batch 40 \(crashed before its commit\)/)).toBeVisible();
  await checkpoint.getByRole('button', {name: 'Next'}).click();
  await expect(checkpoint.getByText(/batch 40 \(replay\)/)).toBeVisible();
  await expect(lab.getByText(/Every offsets entry has its commit: a restart plans batch 41/)).toBeVisible();
  expect(await seriousViolations(page, '#streaming-lab-recovery')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('case study: the reconnect burst is spread over batches by maxOffsetsPerTrigger', async ({page, baseURL}) => {
  test.setTimeout(180_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  const lab = await openLab(page, '/docs/real-world-case-studies/multi-plant-streaming', 'Multi-plant streaming at small scale: a reconnect burst under a rate limit');
  await runStream(lab);
  await expect(lab.getByText(/^Windows reached the sink .+ after they ended .+ The largest batch read [\d,]+ records\.$/)).toBeVisible();
  expect(await seriousViolations(page, '#streaming-lab-case-study')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});
