import {test, expect} from '@playwright/test';
import {parse} from 'yaml';
import {watchPage, waitForHydration, openFresh, seriousViolations} from './site';

const labPage = '/docs/databricks-deployment/cluster-management';

test('sizes a job cluster from the reader’s numbers, explains each number, and gives YAML checked against the policy', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await openFresh(page, labPage);
  const lab = page.getByRole('region', {name: 'Cluster sizing calculator'});
  await lab.scrollIntoViewIfNeeded();

  // The example: 50,000 events/s of 600 B, an 8-hour outage drained in an hour, 4 MiB/s per core.
  await expect(lab.getByRole('status').first()).toContainText('9 workers of Standard_D8ds_v5: 72 cores, spark.sql.shuffle.partitions 144.');
  const steps = lab.getByRole('definition');
  await expect(steps.filter({hasText: 'ResourceProfile.calculateOverHeadMemory'}).first()).toContainText('22,342 MiB');
  await expect(steps.filter({hasText: 'OffsetSeqMetadata'})).toContainText('144 partitions');
  const yamlBlock = lab.locator('pre').filter({hasText: 'job_clusters'});
  expect(parse(await yamlBlock.innerText())).toMatchObject({job_clusters: [{job_cluster_key: 'streaming', new_cluster: {num_workers: 9, node_type_id: 'Standard_D8ds_v5'}}]});
  await expect(lab.getByRole('status').filter({hasText: 'fits the mfg-jobs-medium policy'})).toBeVisible();

  // An absurd size: the message sits next to the field, the typed value stays.
  const events = lab.getByRole('spinbutton', {name: 'Events per second (all plants)'});
  await events.fill('1000000000000');
  await expect(events).toHaveAttribute('aria-invalid', 'true');
  await expect(lab.locator('#cluster-help-eventsPerSecond')).toHaveText('Events per second must be from 1 to 100,000,000.');
  await expect(events).toHaveValue('1000000000000');
  await expect(yamlBlock).toHaveCount(0);

  // Twice the events: the cluster grows past the policy's range, and the finding says so.
  await events.fill('100000');
  await expect(lab.getByRole('status').first()).toContainText('17 workers');
  await expect(lab.getByRole('list', {name: 'Policy findings'})).toContainText("num_workers = 17: above the policy's maxValue 16 (policy mfg-jobs-medium)");

  // Batch: autoscale from the floor to the computed size, AQE's coalescing shown.
  await lab.getByRole('radio', {name: 'Nightly batch load'}).check();
  await lab.getByRole('combobox', {name: 'Node type'}).selectOption('Standard_E8ds_v5');
  await lab.getByRole('spinbutton', {name: 'Throughput per core (MiB/s)'}).fill('8');
  await lab.getByRole('spinbutton', {name: 'Shuffle share of the input (%)'}).fill('75');
  await expect(lab.getByRole('status').first()).toContainText('2 to 6 workers of Standard_E8ds_v5: 48 cores, spark.sql.shuffle.partitions 7200.');
  await expect(steps.filter({hasText: 'CoalesceShufflePartitions'})).toContainText('7,200 tasks');
  const batchYaml = parse(await lab.locator('pre').filter({hasText: 'job_clusters'}).innerText());
  expect(batchYaml.job_clusters[0].new_cluster.autoscale).toEqual({min_workers: 2, max_workers: 6});

  // Download gives the same YAML.
  const downloading = page.waitForEvent('download');
  await lab.getByRole('button', {name: 'Download batch-job-cluster.yml'}).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('batch-job-cluster.yml');

  // The numbers survive a reload.
  await page.reload();
  await waitForHydration(page);
  await expect(page.getByRole('region', {name: 'Cluster sizing calculator'}).getByRole('status').first()).toContainText('2 to 6 workers');

  expect(await seriousViolations(page, '#cluster-sizing-lab')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedAssets.filter((failure) => !failure.endsWith('net::ERR_ABORTED'))).toEqual([]);
});
