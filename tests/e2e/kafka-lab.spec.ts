import {test, expect} from '@playwright/test';
import {watchPage, openFresh, seriousViolations} from './site';

const labPage = '/docs/authentication-security/kafka-sasl-ssl';
const password = 'Pl4nt-S3cret!x';

test('builds a SCRAM-SHA-512 configuration, lints a broken JAAS string with markers, and keeps secrets out of storage and the URL', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await openFresh(page, labPage);
  const lab = page.getByRole('region', {name: 'Kafka client configuration builder'});
  await lab.scrollIntoViewIfNeeded();

  await expect(lab.getByRole('combobox', {name: 'Preset'})).toHaveValue('scram-512');
  await expect(lab.getByRole('combobox', {name: 'SASL mechanism'})).toHaveValue('SCRAM-SHA-512');
  await lab.getByRole('tab', {name: 'JAAS'}).click();
  await expect(lab.getByRole('tabpanel')).toContainText('kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="{{secrets/');
  await lab.getByRole('tab', {name: 'PySpark'}).click();
  await expect(lab.getByRole('tabpanel')).toContainText('dbutils.secrets.get(scope="kafka-plant-a", key="sasl-password")');

  // An inline password for a local test broker: masked in every output, never saved.
  await lab.getByRole('combobox', {name: 'Password: where it comes from', exact: true}).selectOption('inline');
  await lab.getByLabel('Password: value', {exact: true}).fill(password);
  await lab.getByRole('tab', {name: 'Java properties'}).click();
  await expect(lab.getByRole('tabpanel')).toContainText('password="********"');
  await expect(lab.getByRole('tabpanel')).not.toContainText(password);
  await expect(lab.getByRole('list', {name: 'Diagnosis'})).toContainText('1 secret is written inline.');
  const stored = await page.evaluate(() => JSON.stringify(window.localStorage));
  expect(stored).not.toContain(password);
  expect(page.url()).not.toContain(password);
  await lab.getByLabel('Show inline secrets in the outputs').check();
  await expect(lab.getByRole('tabpanel')).toContainText(`password="${password}"`);

  // The lab's JAAS example lacks its final semicolon: Kafka's own message, at its position, with a marker.
  const findings = lab.getByRole('list', {name: 'JAAS findings'});
  await expect(findings).toContainText('Kafka refuses it: JAAS config entry not terminated by semi-colon');
  await expect(findings).toContainText('Line 3, column 12');
  await expect(lab.locator('.monaco-editor .squiggly-error').first()).toBeAttached({timeout: 30_000});

  // Switching the platform to a plain Kafka client flags the kafkashaded class.
  await lab.locator('.monaco-editor').last().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="{p}";');
  await expect(findings).toContainText('SCRAM-SHA-512 needs kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule');
  await expect(findings).toContainText('Databricks clusters ship Kafka relocated under kafkashaded.');

  expect(await seriousViolations(page, '#kafka-lab')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('regression: SASL_PLAINTEXT keeps the outputs, says the truststore is ignored and offers to remove it', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await openFresh(page, labPage);
  const lab = page.getByRole('region', {name: 'Kafka client configuration builder'});
  await lab.scrollIntoViewIfNeeded();
  await lab.getByRole('combobox', {name: 'Security protocol'}).selectOption('SASL_PLAINTEXT');
  await expect(lab.getByRole('note')).toContainText('SASL_PLAINTEXT does not use TLS, so the store below is left out of the outputs');
  await expect(lab.getByLabel('Truststore location')).toBeVisible();
  await lab.getByRole('tab', {name: 'Spark options'}).click();
  await expect(lab.getByRole('tabpanel')).toContainText('kafka.security.protocol=SASL_PLAINTEXT');
  await expect(lab.getByRole('tabpanel')).not.toContainText('truststore');
  await lab.getByRole('button', {name: 'Remove the stores'}).click();
  await expect(lab.getByRole('note')).toHaveCount(0);
  await expect(lab.getByLabel('Truststore location')).toHaveCount(0);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});
