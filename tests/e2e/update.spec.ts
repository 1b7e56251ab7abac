import {createHash} from 'node:crypto';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {linkSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import serveHandler from 'serve-handler';
import {test, expect, type Page} from '@playwright/test';
import {seriousViolations, waitForHydration, watchPage} from './site';

// The other specs block service workers (playwright.config.ts); this one tests the real one.
test.use({serviceWorkers: 'allow'});

const buildDir = join(__dirname, '../../build');
// The end of the footer's copyright line (main.js writes its dash as \u2014, the HTML as —), and the next build's.
const copyright = 'MIT License. Works offline.';
const nextCopyright = 'MIT License. Works offline. Redeployed.';

/**
 * The site at one origin whose files can be swapped for the next build's, as a deployment does. Its own port (the
 * OS picks a free one), so a full run's other servers never answer for it. Every request goes through
 * serve-handler with the options `docusaurus serve` passes (@docusaurus/core lib/commands/serve.js; baseUrl is '/').
 */
async function startSite(): Promise<{origin: string; deploy: (dir: string) => void; close: () => Promise<void>}> {
  let publicDir = buildDir;
  const server = createServer((request, response) => {
    void serveHandler(request, response, {cleanUrls: true, public: publicDir, trailingSlash: false, directoryListing: false});
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const {port} = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    deploy: (dir) => {
      publicDir = dir;
    },
    close: () =>
      new Promise((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}

const md5 = (content: string | Buffer) => createHash('md5').update(content).digest('hex');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true, recursive: true})
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The next build, made from build/ in a second instead of a second `docusaurus build` (a minute or two here): the
 * footer text changed in docusaurus.config.ts. That change reaches exactly these files of a real build:
 * - the main bundle, which holds the site config: new content, so a new content-hashed name `main.<hash>.js`;
 * - every page's HTML: the footer is server-rendered into each, and each loads the main bundle by name;
 * - sw.js: workbox-build's injectManifest writes each precached file's URL and revision, the md5 of its content
 *   (getFileHash/getStringHash in workbox-build lib/), into the worker, so the worker's bytes change and the
 *   browser's update check installs it.
 * Unchanged files are hard links to build/'s (a changed file is written as a new file, never through a link).
 */
function makeNextBuild(dir: string): string {
  rmSync(dir, {recursive: true, force: true});
  for (const file of filesUnder(buildDir)) {
    const target = join(dir, relative(buildDir, file));
    mkdirSync(join(target, '..'), {recursive: true});
    linkSync(file, target);
  }
  const rewrite = (file: string, content: string) => {
    unlinkSync(file);
    writeFileSync(file, content);
  };

  const jsDir = join(dir, 'assets/js');
  const mainName = readdirSync(jsDir).find((name) => /^main\.[0-9a-f]{8}\.js$/.test(name))!;
  const main = readFileSync(join(jsDir, mainName), 'utf8');
  expect(main.includes(copyright), `${mainName} holds the footer`).toBe(true);
  const nextMain = main.replace(copyright, nextCopyright);
  const nextMainName = `main.${md5(nextMain).slice(0, 8)}.js`;
  unlinkSync(join(jsDir, mainName));
  writeFileSync(join(jsDir, nextMainName), nextMain);

  const revisions = new Map<string, {url: string; revision: string}>([
    [`assets/js/${mainName}`, {url: `assets/js/${nextMainName}`, revision: md5(nextMain)}],
  ]);
  for (const file of filesUnder(dir).filter((name) => name.endsWith('.html'))) {
    const html = readFileSync(file, 'utf8');
    if (html.includes(mainName)) {
      const nextHtml = html.replaceAll(mainName, nextMainName).replaceAll(copyright, nextCopyright);
      rewrite(file, nextHtml);
      const url = relative(dir, file);
      revisions.set(url, {url, revision: md5(nextHtml)});
    }
  }
  expect(revisions.size).toBeGreaterThan(100);

  const swFile = join(dir, 'sw.js');
  let replaced = 0;
  const sw = readFileSync(swFile, 'utf8').replace(/\{"revision":"[0-9a-f]{32}","url":"([^"]+)"\}/g, (entry, url: string) => {
    const next = revisions.get(url);
    if (!next) {
      return entry;
    }
    replaced++;
    return JSON.stringify({revision: next.revision, url: next.url});
  });
  expect(replaced).toBe(revisions.size);
  rewrite(swFile, sw);
  return dir;
}

/** The worker precached the build and controls the page (it claims open pages when it activates). */
async function waitForController(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {timeout: 0});
}

test('a new build deployed after the first visit is offered in an announced prompt, and Refresh loads it under the new worker', async ({page, context}, testInfo) => {
  // The first visit downloads the precache (about 50 MB) from the local server.
  test.setTimeout(300_000);
  const site = await startSite();
  try {
    const nextBuild = makeNextBuild(testInfo.outputPath('next-build'));
    const footer = page.getByRole('contentinfo');
    const prompt = page.getByRole('status', {name: 'Site update'});

    // First visit: the worker installs, precaches this build and takes the page.
    await page.goto(`${site.origin}/`);
    await waitForHydration(page, {reader: false});
    await waitForController(page);
    await expect(footer).toContainText(copyright);
    await expect(footer).not.toContainText('Redeployed');

    // Deployed. The next load of the page is still answered by the old worker from its cache (pages asked for by
    // their clean URL, /docs/x, come from the network while online: src/pwa/swCustom.js); its update check
    // installs the new build's worker, which waits, and the prompt says so without taking the focus.
    site.deploy(nextBuild);
    const problems = watchPage(page, site.origin);
    await page.reload();
    await waitForHydration(page, {reader: false});
    await expect(prompt).toContainText('New version available', {timeout: 120_000});
    await expect(footer).not.toContainText('Redeployed');
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    expect(await seriousViolations(page, '#pwa-popup-container')).toEqual([]);

    // Later: the prompt goes; the new worker still waits, so the next page load offers it again. Dark mode first,
    // and a phone's screen, to check the prompt there too.
    await prompt.getByRole('button', {name: 'Later'}).click();
    await expect(prompt).toHaveCount(0);
    await page.evaluate(() => window.localStorage.setItem('theme', 'dark'));
    await page.setViewportSize({width: 390, height: 844});
    await page.reload();
    await waitForHydration(page, {reader: false});
    await expect(prompt).toContainText('New version available', {timeout: 60_000});
    await expect(footer).not.toContainText('Redeployed');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const box = await prompt.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page, '#pwa-popup-container')).toEqual([]);

    // A second tab of the site, open on the old build too, is offered the update as well.
    const otherTab = await context.newPage();
    await otherTab.goto(`${site.origin}/`);
    await waitForHydration(otherTab, {reader: false});
    const otherPrompt = otherTab.getByRole('status', {name: 'Site update'});
    await expect(otherPrompt).toContainText('New version available', {timeout: 60_000});

    // By keyboard: the prompt is the last thing on the page, so Shift+Tab from the top reaches Later, then Refresh.
    await page.keyboard.press('Shift+Tab');
    await expect(prompt.getByRole('button', {name: 'Later'})).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(prompt.getByRole('button', {name: 'Refresh'})).toBeFocused();
    await page.keyboard.press('Enter');

    // Refresh: the new worker takes over, then the page reloads from the new build.
    await expect(footer).toContainText(nextCopyright, {timeout: 120_000});
    await waitForHydration(page, {reader: false});
    await expect(prompt).toHaveCount(0);
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return {
        controlled: navigator.serviceWorker.controller !== null,
        controllerIsActive: registration?.active === navigator.serviceWorker.controller,
        waiting: registration?.waiting !== null,
      };
    });
    expect(worker).toEqual({controlled: true, controllerIsActive: true, waiting: false});

    // The other tab was not reloaded without its reader: the old build, and its prompt, until Refresh there, which
    // reloads at once (the new worker already controls it; nothing is waiting any more).
    await expect(otherTab.getByRole('contentinfo')).not.toContainText('Redeployed');
    await otherPrompt.getByRole('button', {name: 'Refresh'}).click();
    await expect(otherTab.getByRole('contentinfo')).toContainText(nextCopyright, {timeout: 60_000});
    await otherTab.close();

    // The new worker answers from its own precache: offline, the page still is the new build.
    await context.setOffline(true);
    await page.reload();
    await waitForHydration(page, {reader: false});
    await expect(footer).toContainText(nextCopyright);
    await expect(prompt).toHaveCount(0);

    expect(problems.consoleErrors).toEqual([]);
    // Docusaurus prefetches the chunks of linked pages; the test's next navigation aborts some of them (ERR_ABORTED).
    expect(problems.failedAssets.filter((failure) => !failure.endsWith('net::ERR_ABORTED'))).toEqual([]);
  } finally {
    await site.close();
  }
});
