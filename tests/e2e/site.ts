import {expect, type Page, type Request} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Everything a page did that the site forbids: console errors, outside requests, failed assets. */
export interface PageProblems {
  consoleErrors: string[];
  outsideRequests: string[];
  failedAssets: string[];
}

/** Records problems on `page` from now on; read the returned object after navigating. */
export function watchPage(page: Page, origin: string): PageProblems {
  const problems: PageProblems = {consoleErrors: [], outsideRequests: [], failedAssets: []};
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    const isLocal = url.origin === origin || url.protocol === 'data:' || url.protocol === 'blob:';
    if (!isLocal) {
      problems.outsideRequests.push(request.url());
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.failedAssets.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    problems.failedAssets.push(`failed ${request.url()}: ${request.failure()?.errorText ?? ''}`);
  });
  return problems;
}

/**
 * Waits until React has hydrated the server-rendered page; then a reader arrives (the pointer moves), as in a test
 * that uses the page as a person does: labs below the fold mount once the page is idle, and engines may start
 * speculatively (src/components/BrowserLab/LabMount.tsx, src/duckdb/usePrestart.ts). `{reader: false}` keeps the
 * page untouched, as a crawler or a background tab leaves it.
 */
export async function waitForHydration(page: Page, {reader = true}: {reader?: boolean} = {}): Promise<void> {
  await page.waitForSelector('html[data-has-hydrated="true"]', {timeout: 30_000});
  if (reader) {
    await readerArrives(page);
  }
}

/**
 * Scrolls through the page a screen at a time, as a script does (no reader), until every lab on it has mounted
 * (each mounts when it comes within a screen of view); then back to the top.
 */
export async function mountEveryLab(page: Page): Promise<void> {
  const screen = page.viewportSize()?.height ?? 720;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let top = 0; top < height + screen; top += screen) {
    await page.evaluate(async (y) => {
      window.scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    }, top);
  }
  await expect(page.locator('[data-lab-waiting]')).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Records the engine downloads the page makes (the DuckDB-WASM module; the build names it by its hash). */
export function watchEngineDownloads(page: Page): string[] {
  const downloads: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('.wasm')) {
      downloads.push(request.url());
    }
  });
  return downloads;
}

/**
 * A reader arrives: the pointer moves over the page. Labs start their engine speculatively only once a reader
 * is present (src/duckdb/readerPresence.ts), never on a page nobody touches.
 */
export async function readerArrives(page: Page): Promise<void> {
  await page.mouse.move(5, 5);
  await page.mouse.move(40, 40);
}

/** The paths of every URL in the built site's sitemap. */
export async function sitemapPaths(baseURL: string): Promise<string[]> {
  const response = await fetch(new URL('/sitemap.xml', baseURL));
  const xml = await response.text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
}

/**
 * Puts `text` into a textarea as one paste does: the value at once and one input event, which
 * React's onChange sees. Playwright's fill takes minutes with a megabyte of text.
 */
export async function pasteInto(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).evaluate((element, value) => {
    const textarea = element as HTMLTextAreaElement;
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(textarea, value);
    textarea.dispatchEvent(new Event('input', {bubbles: true}));
  }, text);
}

/** Opens `path` with the site's browser storage empty, as a first-time reader sees it. */
export async function openFresh(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await waitForHydration(page);
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await waitForHydration(page);
}

/**
 * The serious and critical axe violations (WCAG 2 A and AA) on the page, or inside `selector`, one "rule: targets"
 * line each. Axe runs every rule on every element either way; two options make it cheaper without checking less:
 * - legacy mode runs axe.run in the page. The default (runPartial, then finishRun) opens a second page per check,
 *   injects axe there again and copies every rule's partial result into it: most of the crawl's time. What it adds
 *   is cross-origin iframes, which the site cannot have (the crawl forbids requests outside the site).
 * - `resultTypes: ['violations']` builds selectors and HTML for failing nodes only, not for every passing one.
 */
export async function seriousViolations(page: Page, selector?: string): Promise<string[]> {
  const builder = new AxeBuilder({page}).withTags(['wcag2a', 'wcag2aa']).options({resultTypes: ['violations']}).setLegacyMode();
  const accessibility = await (selector === undefined ? builder : builder.include(selector)).analyze();
  return accessibility.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
