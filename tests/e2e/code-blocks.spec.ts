import {test, expect} from '@playwright/test';
import {waitForHydration} from './site';

const path = '/docs/schema-evolution/map-type-flattening';

/** The Prism themes of docusaurus.config.ts: vsLight (attribute names darkened) and oceanicNext. */
const themes = {
  light: {background: 'rgb(255, 255, 255)', keyword: 'rgb(0, 0, 255)'},
  dark: {background: 'rgb(40, 44, 52)', keyword: 'rgb(197, 165, 197)'},
} as const;

for (const colorScheme of ['light', 'dark'] as const) {
  test(`code blocks are hydrated, not rebuilt, and take the ${colorScheme} Prism theme`, async ({browser}) => {
    const context = await browser.newContext({colorScheme});
    const page = await context.newPage();
    // The server's first Python block, noted before any script runs.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        (window as unknown as {servedBlock: Element | null}).servedBlock = document.querySelector('pre.language-python');
      });
    });
    await page.goto(path);
    await waitForHydration(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    const block = page.locator('pre.language-python').first();
    // The copy button is browser-only: once it is there, the render after hydration has happened.
    await expect(page.locator('.theme-code-block').first().getByRole('button', {name: 'Copy code to clipboard'})).toBeAttached();
    await expect(block).toHaveCSS('background-color', themes[colorScheme].background);
    await expect(block.locator('.token.keyword').first()).toHaveCSS('color', themes[colorScheme].keyword);
    // The very element the server sent: React hydrated it instead of remounting every block (a long task).
    expect(await block.evaluate((element) => element === (window as unknown as {servedBlock: Element | null}).servedBlock)).toBe(true);
    await context.close();
  });
}
