import {test, expect} from '@playwright/test';
import {waitForHydration} from './site';

const pages = [
  '/',
  '/docs/schema-evolution/delta-type-conflicts',
  '/docs/architecture/patterns-catalog',
  '/docs/production-playbooks/error-reference',
];

for (const viewport of [
  {name: 'phone', width: 375, height: 740},
  {name: 'laptop', width: 1366, height: 768},
]) {
  for (const path of pages) {
    test(`${path} fits a ${viewport.name} screen (${viewport.width}px) without sideways scrolling`, async ({page}) => {
      await page.setViewportSize({width: viewport.width, height: viewport.height});
      await page.goto(path);
      await waitForHydration(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
}

test('on a phone the sidebar opens from the menu button and is keyboard reachable', async ({page}) => {
  await page.setViewportSize({width: 375, height: 740});
  await page.goto('/docs/schema-evolution');
  await waitForHydration(page);
  const menu = page.getByRole('button', {name: /toggle navigation bar/i});
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', {name: 'Patterns', exact: true}).last()).toBeVisible();
});
