import {test, expect} from '@playwright/test';
import {readerArrives, seriousViolations, waitForHydration, watchPage} from './site';

test('a lab below the fold waits for a reader: an untouched page renders only its stand-in, a reader gets the lab', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto('/docs/dimensional-modeling/slowly-changing-dimensions');
  await waitForHydration(page, {reader: false});
  await page.waitForLoadState('networkidle');
  const lab = page.getByRole('region', {name: 'Machine configuration changes, applied as SCD types 1, 2, 3 and 6'});
  // A background tab, a link preview or a page-load audit: loaded and idle, and the lab is not rendered.
  await page.waitForTimeout(3_000);
  await expect(page.locator('[data-lab-waiting]').filter({hasText: 'The SCD lab loads here'})).toHaveCount(1);
  await expect(lab).toHaveCount(0);

  await readerArrives(page);
  await expect(lab).toBeAttached();
  await expect(page.locator('[data-lab-waiting]').filter({hasText: 'The SCD lab loads here'})).toHaveCount(0);
  await lab.scrollIntoViewIfNeeded();
  expect(await seriousViolations(page)).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
});

test('Tab onto a SQL lab that has not mounted yet: the lab takes its place and the focus, and the next Tab is in the lab', async ({page}) => {
  // Nothing comes into view for the page (no IntersectionObserver reports), so only the focus can mount the lab.
  await page.addInitScript(() => {
    window.IntersectionObserver = class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
      takeRecords(): IntersectionObserverEntry[] {
        return [];
      }
    } as unknown as typeof IntersectionObserver;
  });
  await page.goto('/docs/dimensional-modeling/incremental-loading');
  await waitForHydration(page, {reader: false});
  const standIn = page.locator('[data-lab-waiting]').first();
  await expect(standIn).toContainText('What the change stream holds');

  // The heading's own link comes just before the lab's code; focus it as a script does (not a reader), then Tab.
  await page.locator('a.hash-link[href="#what-a-change-stream-delivers"]').focus();
  await page.keyboard.press('Tab');
  const lab = page.getByRole('region', {name: /^SQL lab: what the change stream holds/});
  await expect(lab).toBeAttached();
  // Focus did not fall to the page: it is on the frame around the lab.
  expect(await lab.evaluate((region) => document.activeElement !== document.body && document.activeElement!.contains(region))).toBe(true);
  await page.keyboard.press('Tab');
  await expect(lab.getByRole('button', {name: 'Run', exact: true})).toBeFocused();
});
