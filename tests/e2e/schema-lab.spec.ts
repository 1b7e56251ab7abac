import {test, expect} from '@playwright/test';
import {watchPage, waitForHydration, seriousViolations} from './site';

const labPage = '/docs/schema-evolution/delta-type-conflicts';

test('checks a preset, prints the error Delta raises, offers the fixes and runs the cast in DuckDB, offline', async ({page, baseURL}) => {
  test.setTimeout(120_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto(labPage);
  await waitForHydration(page);
  const lab = page.getByRole('region', {name: 'Schema compatibility lab'});
  await lab.scrollIntoViewIfNeeded();

  await expect(lab.getByRole('combobox', {name: 'Preset'})).toHaveValue('temperature-double');
  await expect(lab.getByText('Refused with DELTA_FAILED_TO_MERGE_FIELDS.')).toBeVisible();
  const findings = lab.getByRole('region', {name: 'Findings per field'});
  await expect(findings.getByRole('row').filter({has: page.getByRole('rowheader', {name: 'temperature', exact: true})})).toContainText('incompatible');
  await expect(lab.getByLabel('Error text')).toHaveText(
    "org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'temperature' and 'temperature'\n" +
      'Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_MERGE_INCOMPATIBLE_DATATYPE] Failed to merge incompatible data types IntegerType and DoubleType',
  );
  await expect(lab.locator('details').filter({hasText: 'Cast the incoming data'})).toContainText('try_cast(`temperature` AS INT) AS `temperature`');
  await expect(lab.locator('details').filter({hasText: 'Widen the column with Delta type widening'})).toBeVisible();

  await lab.getByRole('button', {name: 'Apply the cast in DuckDB'}).click();
  await expect(lab.getByText('The MERGE wrote 1,000 of 1,000 rows.')).toBeVisible({timeout: 60_000});
  await expect(lab.getByRole('region', {name: 'Cast results'}).getByRole('row').filter({hasText: 'DOUBLE → INT'})).toBeVisible();

  await lab.getByRole('combobox', {name: 'Preset'}).selectOption('custom-extension-struct');
  await expect(lab.getByLabel('Error text')).toContainText(
    'Failed to merge incompatible data types StringType and StructType(StructField(value,DoubleType,true),StructField(unit,StringType,true))',
  );
  await lab.getByRole('combobox', {name: 'Preset'}).selectOption('decimal-precision');
  await expect(lab.getByText('Accepted: the table\'s schema becomes', {exact: false})).toBeVisible();

  // A typo in the incoming schema: a message with its position, and the edit survives a reload.
  // The second editor is the incoming schema's; Monaco's own layers take the click, not its hidden textarea.
  await lab.locator('.monaco-editor').nth(1).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('machine_id STRING,\ntemperature INTEGR');
  await expect(lab.getByRole('alert')).toHaveText("Incoming schema (line 2, column 13): Unknown type 'INTEGR'. Spark's types are BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL(p,s), STRING, CHAR(n), VARCHAR(n), BINARY, DATE, TIMESTAMP, TIMESTAMP_NTZ, ARRAY<…>, MAP<…> and STRUCT<…>.");
  await page.reload();
  await waitForHydration(page);
  await expect(page.getByRole('region', {name: 'Schema compatibility lab'}).getByRole('alert')).toContainText("Unknown type 'INTEGR'");

  expect(await seriousViolations(page, '#schema-lab')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('the Schema Registry lab checks a new Avro version under each mode, transitive ones against every version', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto('/docs/schema-evolution/schema-registry-integration');
  await waitForHydration(page);
  const lab = page.getByRole('region', {name: 'Schema Registry compatibility lab'});
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.getByRole('status')).toHaveText('Compatible under BACKWARD: checked against version 2.');

  await lab.getByRole('combobox', {name: 'New schema'}).selectOption('required-field');
  await expect(lab.getByRole('status')).toHaveText('Incompatible under BACKWARD: the registry refuses the schema (HTTP 409).');
  await expect(lab.getByRole('list', {name: 'Incompatibilities'})).toContainText('READER_FIELD_MISSING_DEFAULT_VALUE');

  await lab.getByRole('combobox', {name: 'New schema'}).selectOption('humidity-required');
  await expect(lab.getByRole('status')).toHaveText('Compatible under BACKWARD: checked against version 2.');
  await lab.getByRole('combobox', {name: 'Compatibility mode'}).selectOption('BACKWARD_TRANSITIVE');
  await expect(lab.getByRole('list', {name: 'Incompatibilities'}).getByRole('listitem')).toHaveText([/^Version 1: the new schema cannot read data written with version 1\. READER_FIELD_MISSING_DEFAULT_VALUE at \/fields\/3/]);

  await lab.getByRole('combobox', {name: 'New schema'}).selectOption('promote-temperature');
  await lab.getByRole('combobox', {name: 'Compatibility mode'}).selectOption('FORWARD');
  await expect(lab.getByRole('list', {name: 'Incompatibilities'})).toContainText('consumers still on version 2 cannot read data written with the new schema');

  expect(await seriousViolations(page, '#registry-lab')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});
