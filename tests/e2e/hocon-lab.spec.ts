import {test, expect} from '@playwright/test';
import {watchPage, waitForHydration, seriousViolations} from './site';

test('shows each environment with the file and line behind every value, and what a cluster environment variable changes', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto('/docs/databricks-deployment/hocon-configurations');
  await waitForHydration(page);
  const lab = page.getByRole('region', {name: 'HOCON configuration lab'});
  await lab.scrollIntoViewIfNeeded();

  const prod = lab.getByRole('table', {name: 'Effective configuration in prod'});
  await expect(prod.getByRole('row', {name: /platform\.catalog/})).toContainText('"mfg_prod"');
  await expect(prod.getByRole('row', {name: /platform\.catalog/})).toContainText('application.conf:5');
  await expect(prod.getByRole('row', {name: /kafka\.bootstrap-servers/})).toContainText('${?KAFKA_BOOTSTRAP_SERVERS} at environments/prod.conf:12: not set');

  // Set on the cluster: the bootstrap servers follow, the batch limit does not (prod.conf assigns it later).
  await lab.getByRole('checkbox', {name: /KAFKA_BOOTSTRAP_SERVERS/}).check();
  await lab.getByRole('checkbox', {name: /MAX_OFFSETS_PER_TRIGGER/}).check();
  await expect(prod.getByRole('row', {name: /kafka\.bootstrap-servers/})).toContainText('"kafka-dr-1.plant.example:9093"');
  await expect(prod.getByRole('row', {name: /max-offsets-per-trigger/})).toContainText('1000000');
  await expect(prod.getByRole('row', {name: /max-offsets-per-trigger/})).toContainText('MAX_OFFSETS_PER_TRIGGER is set, but environments/prod.conf:14');

  await lab.getByRole('radio', {name: 'qa'}).check();
  const qa = lab.getByRole('table', {name: 'Effective configuration in qa'});
  await expect(qa.getByRole('row', {name: /max-offsets-per-trigger/})).toContainText('"20000"');

  expect(await seriousViolations(page, '#hocon-lab')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});
