import {test, expect, type Browser, type Page} from '@playwright/test';
import {waitForHydration} from './site';

type ColorScheme = 'light' | 'dark';

/**
 * Collects the text of every script the page loads. Mermaid's own bundle names its flowchart
 * renderer `flowchart-v2`; the diagrams the build renders (src/plugins/mermaidSvg.ts) never do.
 */
function watchScripts(page: Page): Promise<string>[] {
  const scripts: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') {
      scripts.push(response.text().catch(() => ''));
    }
  });
  return scripts;
}

/** Opens the home page in `colorScheme` and returns the fill of the diagram's first node. */
async function diagramNodeFill(browser: Browser, colorScheme: ColorScheme): Promise<string> {
  const context = await browser.newContext({colorScheme});
  const page = await context.newPage();
  const scripts = watchScripts(page);
  await page.goto('/');
  await waitForHydration(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
  // The SVG is in the served HTML, named by its accTitle.
  const diagram = page.getByRole('img', {name: /^The platform: plants publish to Kafka/});
  await expect(diagram).toBeVisible();
  expect(await diagram.evaluate((svg) => svg.tagName)).toBe('svg');
  for (const label of ['Kafka (SASL_SSL)', 'Spark Structured Streaming', 'Bronze: raw events']) {
    await expect(diagram.getByText(label, {exact: true})).toBeVisible();
  }
  const fill = await diagram.locator('rect').nth(2).evaluate((shape) => getComputedStyle(shape).fill);
  await page.waitForLoadState('networkidle');
  const loaded = await Promise.all(scripts);
  expect(loaded.length).toBeGreaterThan(0);
  expect(loaded.filter((text) => text.includes('flowchart-v2'))).toEqual([]);
  await context.close();
  return fill;
}

test('the home page architecture diagram is build-time SVG, coloured by the theme, with no Mermaid script', async ({browser}) => {
  const lightFill = await diagramNodeFill(browser, 'light');
  const darkFill = await diagramNodeFill(browser, 'dark');
  expect(lightFill).toMatch(/^rgb/);
  expect(darkFill).toMatch(/^rgb/);
  expect(lightFill).not.toBe(darkFill);
});

test('a docs page diagram is in the served HTML as SVG with an accessible name, and loads no Mermaid script', async ({page, request}) => {
  const html = await (await request.get('/docs/architecture/platform-overview')).text();
  // The build minifies the HTML, so attribute quotes may be gone.
  expect(html).toMatch(/<svg role="?img"? aria-label="Flowchart: /);
  const scripts = watchScripts(page);
  await page.goto('/docs/architecture/platform-overview');
  await waitForHydration(page);
  const diagram = page.getByRole('img', {name: /^Flowchart: (?=.*Kafka \(SASL_SSL\))(?=.*Dead-letter topic)/});
  await expect(diagram).toBeVisible();
  await expect(diagram.getByText('Preprocessed topics', {exact: true})).toBeVisible();
  // It fits the column: scaled down, never wider than its container.
  const widths = await diagram.evaluate((svg) => [svg.getBoundingClientRect().width, svg.parentElement!.getBoundingClientRect().width]);
  expect(widths[0]).toBeLessThanOrEqual(widths[1]! + 0.5);
  await page.waitForLoadState('networkidle');
  expect((await Promise.all(scripts)).filter((text) => text.includes('flowchart-v2'))).toEqual([]);
});
