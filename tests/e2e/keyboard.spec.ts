import {test, expect, type Page, type Route} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {mountEveryLab, waitForHydration} from './site';

/** The element that has focus, described well enough to compare before and after. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) {
      return 'body';
    }
    return `${element.tagName.toLowerCase()} ${element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? ''}`;
  });
}

test('focus stays where the reader tabbed to when the search index finishes loading', async ({page}) => {
  // Hold the index back until the reader has left the search box, as on a slow link.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/search-index[^/]*\.json/, async (route: Route) => {
    await held;
    await route.continue();
  });
  await page.goto('/docs/schema-evolution');
  await waitForHydration(page);
  const search = page.getByRole('navigation', {name: 'Main'}).locator('input.navbar__search-input');
  await search.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(search).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(search).not.toBeFocused();
  const afterTab = await focused(page);
  expect(afterTab).not.toBe('body');

  const indexLoaded = page.waitForResponse(/search-index[^/]*\.json/);
  release();
  await indexLoaded;
  // The box is ready once its autocomplete has taken the input over (role="combobox"); the plugin focuses it then.
  await expect(search).toHaveAttribute('role', 'combobox');
  expect(await focused(page)).toBe(afterTab);
  await expect(search).not.toBeFocused();

  // Typing in the box still searches: leaving it did not break it.
  await search.focus();
  await search.fill('schema');
  await expect(page.getByRole('option').first()).toBeVisible();
});

const editorPage = '/docs/dimensional-modeling/incremental-loading';
const labName = /^SQL lab: what the change stream holds, on machine_config_changes/;

/** Whether focus is in a Monaco editor's textarea. */
async function editorFocused(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.matches('.monaco-editor textarea') ?? false);
}

/** Presses `key` until `done` holds, at most `limit` times; fails if it never does. */
async function pressUntil(page: Page, key: string, done: () => Promise<boolean>, limit = 8): Promise<void> {
  for (let press = 0; press < limit; press += 1) {
    await page.keyboard.press(key);
    if (await done()) {
      return;
    }
  }
  throw new Error(`${limit} presses of ${key} did not get there; focus is on ${await focused(page)}`);
}

test('a lab works from the keyboard alone: into the editor, out of it, Run, and the result', async ({page}) => {
  test.setTimeout(180_000);
  await page.goto(editorPage);
  await waitForHydration(page);
  const lab = page.getByRole('region', {name: labName});
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.locator('.monaco-editor')).toBeVisible({timeout: 90_000});
  const run = lab.getByRole('button', {name: 'Run', exact: true});
  const copy = lab.getByRole('button', {name: 'Copy', exact: true});

  await run.focus();
  await pressUntil(page, 'Tab', () => editorFocused(page));
  // The editor is named by the lab and described by the visible line that says how to leave it.
  const textarea = lab.locator('.monaco-editor textarea');
  await expect(textarea).toHaveAccessibleName(/^SQL editor: SQL lab: what the change stream holds/);
  await expect(textarea).toHaveAccessibleDescription(/Ctrl\+Enter runs\. Tab indents; to leave the editor press Esc, then Tab or Shift\+Tab\. Ctrl\+M makes Tab always move focus/);
  await expect(lab.getByText('to leave the editor press Esc, then Tab or Shift+Tab.')).toBeVisible();

  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('SELECT count(*) AS changes FROM machine_config_changes');
  // Tab is the editor's (it indents) until Esc hands the next one to the page.
  await page.keyboard.press('Tab');
  expect(await editorFocused(page)).toBe(true);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect(copy).toBeFocused();
  await pressUntil(page, 'Shift+Tab', async () => (await focused(page)) === 'button Run');
  await page.keyboard.press('Enter');
  await expect(lab.getByRole('status')).toHaveText(/^Ready\. The query returned 1 rows/, {timeout: 120_000});

  // Forward again: through the toolbar, into the editor, out with Esc + Tab, onto the result.
  await pressUntil(page, 'Tab', () => editorFocused(page));
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  const result = lab.getByRole('region', {name: /^Result of SQL lab: what the change stream holds/});
  await expect(result).toBeFocused();
  await expect(result.getByRole('cell', {name: '10000'})).toBeVisible();

  // Esc is a one-off: back in the editor, Tab indents again.
  await pressUntil(page, 'Shift+Tab', () => editorFocused(page));
  await page.keyboard.press('Tab');
  expect(await editorFocused(page)).toBe(true);
  // Monaco's own switch still works: Ctrl+M makes Tab move focus until it is pressed again.
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  await expect(result).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  expect(await editorFocused(page)).toBe(true);
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  expect(await editorFocused(page)).toBe(true);
});

test('Tab onto an editor before Monaco has loaded: focus stays on its text, then Monaco has it', async ({page}) => {
  test.setTimeout(120_000);
  // A page that never goes idle: the editor starts loading only when the reader reaches it (the path a fast Tab or
  // a busy main thread takes), and Chromium blurs an element React removes.
  await page.addInitScript(() => {
    window.requestIdleCallback = () => 0;
  });
  await page.goto(editorPage);
  await waitForHydration(page);
  // Labs mount in idle time or when they come near the screen: bring them near.
  await mountEveryLab(page);
  const lab = page.getByRole('region', {name: labName});
  await lab.scrollIntoViewIfNeeded();
  const text = lab.getByLabel(/\(loading the editor\)$/);
  await expect(text).toBeVisible();

  // Hold back the scripts the editor needs until focus has been checked on its text.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  await page.route(/\.js$/, async (route: Route) => {
    asked += 1;
    await held;
    await route.continue();
  });
  await lab.getByRole('button', {name: 'Copy', exact: true}).focus();
  await pressUntil(page, 'Tab', async () => (await focused(page)).endsWith('(loading the editor)'));
  await expect.poll(() => asked).toBeGreaterThan(0);
  await expect(text).toBeFocused();

  // Between the text and Monaco, no task may find the focus on the page's body (a Tab pressed then would skip the
  // editor): watch every task until Monaco has it.
  await page.evaluate(() => {
    const watch = window as unknown as {focusFellToBody: boolean};
    watch.focusFellToBody = false;
    const check = () => {
      watch.focusFellToBody ||= document.activeElement === document.body;
      if (!document.activeElement?.matches('.monaco-editor textarea')) {
        setTimeout(check, 0);
      }
    };
    check();
  });
  release();
  await expect.poll(() => editorFocused(page), {timeout: 90_000}).toBe(true);
  expect(await page.evaluate(() => (window as unknown as {focusFellToBody: boolean}).focusFellToBody)).toBe(false);
  await page.keyboard.insertText('SELECT 42 AS typed');
  await expect(lab.locator('.monaco-editor .view-lines')).toContainText('SELECT 42 AS typed');
});

test('Esc closes what Monaco opened before it leaves the editor', async ({page}) => {
  await page.goto(editorPage);
  await waitForHydration(page);
  const lab = page.getByRole('region', {name: labName});
  await lab.scrollIntoViewIfNeeded();
  const editor = lab.locator('.monaco-editor');
  await expect(editor).toBeVisible({timeout: 90_000});
  await editor.click();
  await page.keyboard.press('ControlOrMeta+F');
  const find = lab.locator('.find-widget.visible');
  await expect(find).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(find).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await editorFocused(page)).toBe(false);
});

test('the editor meets WCAG AA contrast in dark mode', async ({page}) => {
  await page.addInitScript(() => window.localStorage.setItem('theme', 'dark'));
  await page.goto(editorPage);
  await waitForHydration(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const lab = page.getByRole('region', {name: labName});
  await lab.scrollIntoViewIfNeeded();
  const editor = lab.locator('.monaco-editor');
  await expect(editor).toBeVisible({timeout: 90_000});
  // A comment, a string, an operator and a function: the tokens axe flagged in Monaco's own dark theme.
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText("-- changes per machine\nSELECT machine_id, count(*) + 1 AS n, upper('x') FROM machine_config_changes GROUP BY machine_id");
  await expect(editor.locator('.mtk1').first()).toBeVisible();
  // Monaco tokenizes after the text changes: wait until the tokens have their colours before axe looks at them.
  const colours = () => editor.locator('.view-line span span').evaluateAll((spans) => new Set(spans.map((span) => getComputedStyle(span).color)).size);
  await expect.poll(colours).toBeGreaterThan(3);
  const accessibility = await new AxeBuilder({page}).include('.monaco-editor').withTags(['wcag2a', 'wcag2aa']).analyze();
  const contrast = accessibility.violations.filter((violation) => violation.id === 'color-contrast');
  expect(contrast.flatMap((violation) => violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary}`))).toEqual([]);
});
