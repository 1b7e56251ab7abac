import {test, expect, type Locator, type Page} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {watchPage, waitForHydration} from './site';
import {findLesson} from '../../playground';

const lessonPage = '/docs/tutorials/day-3-schema-evolution';

/** Replaces the exercise editor's text as a paste does (typed brackets and quotes would be auto-closed by Monaco). */
async function replaceAnswer(page: Page, exercise: Locator, text: string): Promise<void> {
  const editor = exercise.locator('.monaco-editor').first();
  await expect(editor).toBeVisible({timeout: 30_000});
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test('a learner gets a wrong answer explained, then solves a day-3 exercise; progress survives a reload, offline and axe clean', async ({page, baseURL}) => {
  test.setTimeout(180_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto(lessonPage);
  await waitForHydration(page);
  const exercise = page.getByRole('region', {name: /^Extract a key with its type/});
  await exercise.scrollIntoViewIfNeeded();
  const result = exercise.getByRole('status', {name: 'Check result: Extract a key with its type'});
  const lessonProgress = page.getByRole('region', {name: 'Lesson progress'});
  await expect(lessonProgress).toContainText('0 of 5 exercises solved');
  await expect(exercise.getByRole('button', {name: 'Solution (after your first check)'})).toBeDisabled();

  await exercise.getByRole('button', {name: 'Show hint 1 of 3'}).click();
  await expect(exercise.getByRole('list', {name: 'Hints'}).getByRole('listitem')).toHaveCount(1);

  // A string where a DOUBLE is asked for: the explanation names the column and both types.
  await replaceAnswer(page, exercise, "SELECT plant_id, max(customExtension['temp_c']) AS avg_temp_c\nFROM sensor_events\nGROUP BY plant_id");
  await exercise.getByRole('button', {name: 'Check', exact: true}).click();
  await expect(result).toContainText('Column `avg_temp_c` is VARCHAR, expected DOUBLE.', {timeout: 90_000});
  await expect(exercise.getByRole('button', {name: 'Show the solution'})).toBeEnabled();

  // A CAST that meets a malformed value: DuckDB's own error, as the learner's error.
  await replaceAnswer(page, exercise, "SELECT plant_id, avg(CAST(customExtension['temp_c'] AS DOUBLE)) AS avg_temp_c\nFROM sensor_events\nGROUP BY plant_id");
  await expect(result).toContainText('Check your answer to see');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(exercise.getByRole('alert')).toContainText(/Your query failed: Conversion Error: Could not convert string '.*' to DOUBLE/, {timeout: 30_000});

  // A runaway query stops on Cancel, with a message where the result goes.
  await replaceAnswer(page, exercise, 'SELECT count(*) AS avg_temp_c FROM range(10000000000) t(x) WHERE x % 7 = 3');
  await exercise.getByRole('button', {name: 'Check', exact: true}).click();
  await expect(result).toContainText('Checking your answer');
  await exercise.getByRole('button', {name: 'Cancel'}).click();
  await expect(exercise.getByRole('alert')).toContainText('The query was cancelled.', {timeout: 10_000});

  // The right answer, checked from the keyboard.
  await replaceAnswer(page, exercise, "SELECT plant_id, avg(TRY_CAST(customExtension['temp_c'] AS DOUBLE)) AS avg_temp_c\nFROM sensor_events\nGROUP BY plant_id");
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(result).toHaveText('Correct: your answer gives the expected result.', {timeout: 30_000});
  await expect(exercise.getByRole('heading', {name: /Extract a key with its type/})).toContainText('Solved');
  await expect(lessonProgress).toContainText('1 of 5 exercises solved');
  await exercise.getByRole('button', {name: 'Show the solution'}).click();
  await expect(exercise.getByRole('region', {name: 'Solution: Extract a key with its type'})).toContainText('TRY_CAST');

  const accessibility = await new AxeBuilder({page}).include('#exercise-typed-temperature').withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = accessibility.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);

  await page.reload();
  await waitForHydration(page);
  const reloaded = page.getByRole('region', {name: /^Extract a key with its type/});
  await expect(reloaded.getByRole('heading', {name: /Extract a key with its type/})).toContainText('Solved');
  await expect(page.getByRole('region', {name: 'Lesson progress'})).toContainText('1 of 5 exercises solved');
  await expect(reloaded.getByRole('button', {name: 'Show the solution'})).toBeEnabled();

  await page.goto('/docs/tutorials/what-you-can-do');
  await waitForHydration(page);
  const summary = page.getByRole('region', {name: 'What you solved'});
  await expect(summary.getByRole('heading', {name: /Day 3 .*: 1 of 5 solved/})).toBeVisible();
  await expect(summary.getByRole('listitem').filter({hasText: 'Extract a key with its type'})).toHaveText('Solved: Extract a key with its type');

  await page.goto('/docs/tutorials');
  await waitForHydration(page);
  const track = page.getByRole('region', {name: 'Tutorial progress'});
  await expect(track.getByRole('row', {name: /Day 3/})).toContainText('1 of 5');
  await track.getByRole('button', {name: 'Reset progress'}).click();
  await track.getByRole('button', {name: 'Yes, reset'}).click();
  await expect(track.getByRole('row', {name: /Day 3/})).toContainText('0 of 5');

  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('the schema exercise explains the Delta error and is solved from the keyboard; the lesson page is axe clean in dark mode', async ({browser, baseURL}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({colorScheme: 'dark'});
  const page = await context.newPage();
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto(lessonPage);
  await waitForHydration(page);
  const exercise = page.getByRole('region', {name: /^Make an evolved schema acceptable to Delta/});
  await exercise.scrollIntoViewIfNeeded();
  const result = exercise.getByRole('status', {name: 'Check result: Make an evolved schema acceptable to Delta'});

  // The starting schema as it is: Delta's own error chain.
  await exercise.getByRole('button', {name: 'Check', exact: true}).click();
  await expect(result).toContainText('Delta refuses the write with DELTA_FAILED_TO_MERGE_FIELDS');
  await expect(result).toContainText('[DELTA_MERGE_INCOMPATIBLE_DATATYPE] Failed to merge incompatible data types IntegerType and StringType');

  // Dropping the field instead of casting it is accepted by Delta but loses the column's data.
  await replaceAnswer(page, exercise, 'event_id BIGINT,\nmachine_id STRING,\nevent_ts TIMESTAMP,\ntemp_c DOUBLE,\nhealth_score INT');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(result).toContainText('field `good_count` is gone');

  await replaceAnswer(page, exercise, 'event_id BIGINT,\nmachine_id STRING,\nevent_ts TIMESTAMP,\ntemp_c DOUBLE,\ngood_count INT,\nhealth_score INT');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(result).toHaveText('Correct: your answer gives the expected result.');
  await expect(page.getByRole('region', {name: 'Lesson progress'})).toContainText('1 of 5 exercises solved');

  await page.waitForLoadState('networkidle');
  const accessibility = await new AxeBuilder({page}).withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = accessibility.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  await context.close();
});

test('keyboard only: a day-2 Kafka exercise is checked wrong (Kafka\'s own refusal), then solved, with Tab into Monaco, Ctrl+M out of it and Enter on Check; progress survives a reload', async ({page, baseURL}) => {
  test.setTimeout(120_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto('/docs/tutorials/day-2-security-streaming');
  await waitForHydration(page);
  const exercise = page.locator('#exercise-shaded-jaas');
  const result = exercise.getByRole('status', {name: 'Check result: A JAAS string that works on Databricks'});
  await expect(page.getByRole('region', {name: 'Lesson progress'})).toContainText('0 of 4 exercises solved');

  const focusIn = (selector: string) => page.evaluate((inside) => document.activeElement?.closest(inside) !== null, selector);
  // From the top of the page, Tab until the focus is on this exercise's editor: Monaco, or its text while Monaco
  // loads (Monaco then takes the focus).
  const editor = '#exercise-shaded-jaas .monaco-editor, #exercise-shaded-jaas pre[aria-label$="(loading the editor)"]';
  for (let presses = 0; presses < 400 && !(await focusIn(editor)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect.poll(() => focusIn('#exercise-shaded-jaas .monaco-editor'), {timeout: 30_000}).toBe(true);

  // The starting configuration, checked from the editor: Kafka's own refusal, explained.
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(result).toContainText('Line 4: JAAS config entry not terminated by semi-colon');

  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(
    [
      'bootstrap.servers=broker-1.plant-03.example:9093',
      'security.protocol=SASL_SSL',
      'sasl.mechanism=SCRAM-SHA-512',
      'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-dbx-ingest" password="{password}";',
    ].join('\n'),
  );
  await expect(result).toContainText('Check your answer to see');

  // Ctrl+M switches Monaco's Tab to moving the focus; Tab then reaches Check.
  await page.keyboard.press('Control+M');
  const check = exercise.getByRole('button', {name: 'Check', exact: true});
  for (let presses = 0; presses < 5 && !(await check.evaluate((button) => button === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(check).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(result).toHaveText('Correct: your answer gives the expected result.');
  await expect(exercise.getByRole('heading', {name: /A JAAS string that works on Databricks/})).toContainText('Solved');
  await expect(page.getByRole('region', {name: 'Lesson progress'})).toContainText('1 of 4 exercises solved');

  const accessibility = await new AxeBuilder({page}).include('#exercise-shaded-jaas').withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = accessibility.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);

  await page.reload();
  await waitForHydration(page);
  await expect(page.locator('#exercise-shaded-jaas').getByRole('heading', {name: /A JAAS string that works on Databricks/})).toContainText('Solved');
  await expect(page.getByRole('region', {name: 'Lesson progress'})).toContainText('1 of 4 exercises solved');
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('an incident is answered with the form, a skewed stage with its field and a watermark with its field: wrong answers explained, then solved; the pages are axe clean', async ({page, baseURL}) => {
  test.setTimeout(150_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto('/docs/tutorials/day-5-operations');
  await waitForHydration(page);
  const incident = page.getByRole('region', {name: /^The bronze stream stopped at 02:04/});
  await incident.scrollIntoViewIfNeeded();
  const verdict = incident.getByRole('status', {name: 'Check result: The bronze stream stopped at 02:04'});
  const code = incident.getByRole('textbox', {name: 'Root cause (error class or exception class)'});
  await code.fill('STREAM_FAILED');
  await incident.getByRole('combobox', {name: 'Playbook'}).selectOption({label: 'Kafka authentication failures'});
  await incident.getByRole('radio', {name: 'Update the secret and restart the stream so every executor rebuilds its JAAS string'}).check();
  await code.press('Enter');
  await expect(verdict).toContainText('`STREAM_FAILED` is in the log, but it is not the root cause');
  await code.fill('kafkashaded.org.apache.kafka.common.errors.SaslAuthenticationException');
  await code.press('Enter');
  await expect(verdict).toHaveText('Correct: your answer gives the expected result.');
  await incident.getByRole('button', {name: 'Show the solution'}).click();
  await expect(incident.getByRole('region', {name: 'Solution: The bronze stream stopped at 02:04'})).toContainText('Playbook: Kafka authentication failures');
  await expect(page.getByRole('region', {name: 'Lesson progress'})).toContainText('1 of 5 exercises solved');
  let accessibility = await new AxeBuilder({page}).include('#exercise-rotated-password').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(accessibility.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);

  // The skewed stage: the stage table from the event-log analysis, a stage id, Enter.
  const skew = page.getByRole('region', {name: /^Find the skewed stage/});
  await skew.scrollIntoViewIfNeeded();
  await expect(skew.getByRole('table')).toContainText('Slowest task');
  const stage = skew.getByRole('textbox', {name: 'The stage id'});
  await stage.fill('0');
  await stage.press('Enter');
  await expect(skew.getByRole('status')).toContainText('The analysis finds no skew in stage 0');
  await stage.fill('2');
  await stage.press('Enter');
  await expect(skew.getByRole('status')).toHaveText('Correct: your answer gives the expected result.');
  await expect(page.getByRole('region', {name: 'Lesson progress'})).toContainText('2 of 5 exercises solved');
  accessibility = await new AxeBuilder({page}).include('#exercise-skewed-stage').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(accessibility.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);

  await page.goto('/docs/tutorials/day-2-security-streaming');
  await waitForHydration(page);
  const stream = page.getByRole('region', {name: /^A watermark that keeps PLANT_03/});
  await stream.scrollIntoViewIfNeeded();
  const delay = stream.getByRole('textbox', {name: /^Watermark delay/});
  const streamVerdict = stream.getByRole('status');
  await delay.fill('4 hours');
  await delay.press('Enter');
  await expect(streamVerdict).toContainText('With a watermark of 4 hours, 1 reading of PLANT_03 is dropped as late.', {timeout: 90_000});
  await delay.fill('5 hours');
  await delay.press('Enter');
  await expect(streamVerdict).toHaveText('Correct: your answer gives the expected result.', {timeout: 60_000});
  accessibility = await new AxeBuilder({page}).include('#exercise-outage-watermark').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(accessibility.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);

  await page.goto('/docs/tutorials');
  await waitForHydration(page);
  const track = page.getByRole('region', {name: 'Tutorial progress'});
  await expect(track.getByRole('row', {name: /Day 2/})).toContainText('1 of 4');
  await expect(track.getByRole('row', {name: /Day 5/})).toContainText('2 of 5');
  await expect(track.getByRole('row', {name: /Final drill/})).toContainText('0 of 4');
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('a learner completes day 3: every exercise answered by typing into its editor, the lesson counted as done after a reload', async ({page}) => {
  test.setTimeout(300_000);
  const lesson = findLesson('day-3')!;
  await page.goto(lessonPage);
  await waitForHydration(page);
  const lessonProgress = page.getByRole('region', {name: 'Lesson progress'});
  for (const [index, exercise] of lesson.exercises.entries()) {
    if (exercise.kind !== 'sql' && exercise.kind !== 'schema') {
      throw new Error(`Day 3 has a ${exercise.kind} exercise; this test types SQL and schemas only.`);
    }
    const section = page.locator(`#exercise-${exercise.id}`);
    await section.scrollIntoViewIfNeeded();
    await replaceAnswer(page, section, exercise.solution);
    await section.getByRole('button', {name: 'Check', exact: true}).click();
    await expect(section.getByRole('status', {name: `Check result: ${exercise.title}`})).toHaveText('Correct: your answer gives the expected result.', {timeout: 90_000});
    await expect(lessonProgress).toContainText(`${index + 1} of ${lesson.exercises.length} exercises solved`);
  }
  await page.reload();
  await waitForHydration(page);
  await expect(lessonProgress).toContainText(`${lesson.exercises.length} of ${lesson.exercises.length} exercises solved`);
});
