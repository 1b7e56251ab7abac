import {test, expect, type Browser} from '@playwright/test';
import {waitForHydration} from './site';

type ColorScheme = 'light' | 'dark';

/** Opens the home page in `colorScheme` and returns the fill of the diagram's first node. */
async function diagramNodeFill(browser: Browser, colorScheme: ColorScheme): Promise<string> {
  const context = await browser.newContext({colorScheme});
  const page = await context.newPage();
  await page.goto('/');
  await waitForHydration(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
  const diagram = page.locator('.docusaurus-mermaid-container svg');
  await expect(diagram).toBeVisible();
  // The rendered diagram holds the platform's stages as text, not the Mermaid source.
  for (const label of ['Kafka (SASL_SSL)', 'Spark Structured Streaming', 'Bronze: raw events']) {
    await expect(diagram.getByText(label)).toBeVisible();
  }
  const fill = await diagram
    .locator('.node rect, .node polygon')
    .first()
    .evaluate((shape) => getComputedStyle(shape).fill);
  await context.close();
  return fill;
}

test('the home page architecture diagram renders as SVG in light and dark mode, in each theme', async ({browser}) => {
  const lightFill = await diagramNodeFill(browser, 'light');
  const darkFill = await diagramNodeFill(browser, 'dark');
  expect(lightFill).not.toBe(darkFill);
});

test('a Mermaid diagram in a docs page renders as SVG', async ({page}) => {
  await page.goto('/docs/architecture/platform-overview');
  await waitForHydration(page);
  await expect(page.locator('.docusaurus-mermaid-container svg').first()).toBeVisible();
});
