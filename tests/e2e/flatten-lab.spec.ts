import {test, expect, type Locator, type Page} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {watchPage, waitForHydration} from './site';

const labPage = '/docs/schema-evolution/map-type-flattening';

function flattenLab(page: Page): Locator {
  return page.getByRole('region', {name: /^The 11 steps on 10,000 generated sensor events \(seed 42\)$/});
}

async function openLab(page: Page): Promise<Locator> {
  await page.goto(labPage);
  await waitForHydration(page);
  const lab = flattenLab(page);
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.getByRole('button', {name: 'Run all 11 steps'})).toBeVisible({timeout: 30_000});
  return lab;
}

/** Replaces the step editor's text the way a paste does. */
async function setStepSql(page: Page, lab: Locator, sql: string): Promise<void> {
  const editor = lab.locator('.monaco-editor').first();
  await expect(editor).toBeVisible({timeout: 30_000});
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
}

test.describe.configure({mode: 'serial'});

test('runs all 11 steps, shows each one, compares naive and targeted and exports the plan, offline', async ({page, baseURL}) => {
  test.setTimeout(240_000);
  const problems = watchPage(page, new URL(baseURL!).origin);
  const lab = await openLab(page);
  await lab.getByRole('button', {name: 'Run all 11 steps'}).click();
  await expect(lab.getByRole('status')).toHaveText(/^All 11 steps done in /, {timeout: 180_000});
  const steps = lab.getByRole('navigation', {name: 'Flattening steps'});
  await expect(steps.getByLabel('done', {exact: true})).toHaveCount(11);

  await steps.getByRole('button', {name: /^1\. Discover keys/}).click();
  const coverage = lab.getByRole('figure', {name: /^Key coverage/});
  await expect(coverage).toBeVisible();
  await expect(coverage.getByRole('listitem')).toHaveCount(40);
  await expect(coverage.getByRole('listitem').filter({hasText: 'vib_mm_s'})).toContainText('100.0% (full 100.0%)');

  await steps.getByRole('button', {name: /^4\. Infer types/}).click();
  const schema = lab.getByRole('region', {name: /^Inferred schema/});
  await expect(schema.getByRole('row').filter({hasText: 'ext_temp_c'})).toContainText('DOUBLE');
  await expect(schema.getByRole('row').filter({hasText: 'ext_config'})).toContainText('STRUCT(');

  await steps.getByRole('button', {name: /^8\. Keep a registry/}).click();
  await expect(lab.getByRole('region', {name: 'The key registry after each batch'})).toContainText('edge_ts, energy_kwh, fw_build, health_score, oee_pct');
  await expect(lab.getByRole('region', {name: /^Preview of step 8/})).toBeVisible();

  await steps.getByRole('button', {name: /^11\. Monitor/}).click();
  await expect(lab.getByRole('alert').filter({hasText: 'events_flat'})).toContainText(/^Warning: events_flat has \d+ columns/);

  await lab.getByRole('button', {name: 'Compare on 10,000 events'}).click();
  await expect(lab.getByRole('status')).toHaveText(/^Compared on 10,000 events\./, {timeout: 120_000});
  const comparison = lab.getByRole('group', {name: 'Naive vs targeted on 10,000 events'});
  const time = comparison.getByRole('figure', {name: /^Time in this browser/});
  await expect(time.getByRole('listitem')).toHaveCount(2);
  await expect(time).toContainText(/Naive: explode \+ pivot\s*\d[\d,]* ms/);
  const shuffle = comparison.getByRole('figure', {name: /^Bytes a Spark cluster would shuffle/});
  await expect(shuffle.getByRole('listitem').filter({hasText: 'Targeted'})).toContainText('0 bytes');
  await expect(shuffle.getByRole('listitem').filter({hasText: 'Naive'})).toContainText(/\d+\.\d (KiB|MiB)/);

  // The three runs in numbers, and the verdict worded from the same measured times.
  const numbers = comparison.getByRole('region', {name: 'Naive vs targeted, in numbers'});
  await expect(numbers.getByRole('rowheader')).toHaveText(['Naive: explode + pivot', 'Targeted: sampled plan + projection', 'Targeted, keys in ≥ 20.0% of events']);
  const totalMs = async (plan: string) => {
    const [planTime, runTime] = await numbers.getByRole('row').filter({has: page.getByRole('rowheader', {name: plan, exact: true})}).getByRole('cell').allTextContents();
    return [planTime!, runTime!].reduce((sum, text) => sum + Number(/^([\d,]+) ms$/.exec(text)![1]!.replaceAll(',', '')), 0);
  };
  const naiveMs = await totalMs('Naive: explode + pivot');
  const targetedMs = await totalMs('Targeted: sampled plan + projection');
  const why = comparison.getByText(/^Here the (naive|targeted) plan was faster/);
  await expect(why).toContainText(
    /The naive plan is one pass: [\d.]+ ms per 1,000 events\. The targeted plan first samples and plans \([\d,]+ ms, [\d.]+% of its time\), then projects at [\d.]+ ms per 1,000 events\./,
  );
  await expect(why).toContainText(/(would win from about [\d,]+ events|never pays for itself on this data)/);
  if (Math.abs(naiveMs - targetedMs) > 2) {
    await expect(why).toContainText(naiveMs < targetedMs ? 'Here the naive plan was faster' : 'Here the targeted plan was faster');
  }
  await expect(comparison.getByText(/^The last row promotes only the \d+ keys carried by at least 20\.0% of the sampled events/)).toContainText(
    /The other \d+ keys get no column and stay readable in the map column, which both targeted tables keep \(the naive table has no map\)\./,
  );

  await expect(lab.locator('pre').filter({hasText: 'PLAN = ['})).toContainText('"key": "vib_mm_s"');
  await lab.getByRole('radio', {name: 'Spark SQL'}).check();
  await expect(lab.locator('pre').filter({hasText: 'CREATE OR REPLACE TABLE'})).toContainText('CREATE OR REPLACE TABLE mfg_prod.silver.sensor_events_flat');
  await lab.getByRole('textbox', {name: 'Target table'}).fill('silver.flat; DROP TABLE x');
  await expect(lab.getByRole('alert').filter({hasText: 'table name'})).toHaveText(
    'Target table: Use a table name such as mfg_prod.bronze.sensor_events: up to three parts of letters, digits and _.',
  );

  for (const colorMode of ['light', 'dark']) {
    // Buttons fade to their new colours: axe checks the colours the reader is left with, once the transitions end.
    await page.evaluate(async (mode) => {
      document.documentElement.setAttribute('data-theme', mode);
      await Promise.all(document.getAnimations().map((animation) => animation.finished));
    }, colorMode);
    const accessibility = await new AxeBuilder({page}).include('#flatten-lab').withTags(['wcag2a', 'wcag2aa']).analyze();
    const serious = accessibility.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${colorMode} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  }

  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test("a step's SQL can be edited and run; a mistake gets DuckDB's message and the edit survives a reload", async ({page}) => {
  test.setTimeout(180_000);
  const lab = await openLab(page);
  const steps = lab.getByRole('navigation', {name: 'Flattening steps'});
  await steps.getByRole('button', {name: /^2\. Extract known keys/}).click();
  await lab.getByRole('button', {name: 'Run step 2'}).click();
  await expect(lab.getByRole('status')).toHaveText('Step 2 done.', {timeout: 120_000});
  await expect(lab.locator('.monaco-editor').first()).toContainText('CREATE OR REPLACE TABLE', {timeout: 30_000});

  await setStepSql(page, lab, 'SELECT count(*) AS n, count(ext_temp_c) AS with_temp FROM events_extracted');
  await lab.getByRole('button', {name: 'Run this SQL'}).click();
  await expect(lab.getByRole('status')).toHaveText(/^Your SQL for step 2 ran in/, {timeout: 60_000});
  const preview = lab.getByRole('region', {name: /^Result of your SQL for step 2/});
  await expect(preview.locator('tbody tr').first().locator('td').first()).toHaveText('10000');

  await setStepSql(page, lab, 'SELEC count(*) FROM events_extracted');
  await lab.getByRole('button', {name: 'Run this SQL'}).click();
  await expect(lab.getByRole('alert')).toContainText('Parser Error');
  await expect(lab.getByRole('status')).toHaveText(/Your edits are kept\./);

  await page.reload();
  await waitForHydration(page);
  const reloaded = flattenLab(page);
  await reloaded.scrollIntoViewIfNeeded();
  await reloaded.getByRole('navigation', {name: 'Flattening steps'}).getByRole('button', {name: /^2\. Extract known keys/}).click();
  await expect(reloaded.getByText('Your edited SQL, saved in this browser.')).toBeVisible({timeout: 30_000});
  await expect(reloaded.locator('.monaco-editor').first()).toContainText('SELEC count(*) FROM events_extracted', {timeout: 30_000});
  await expect(reloaded.getByRole('button', {name: 'Restore step SQL'})).toBeEnabled();
});
