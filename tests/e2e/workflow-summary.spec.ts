import {test, expect} from '@playwright/test';
import {watchPage, waitForHydration, seriousViolations} from './site';

test('the GitHub Actions page shows what each workflow job does and when, read from the workflow files', async ({page, baseURL}) => {
  const problems = watchPage(page, new URL(baseURL!).origin);
  await page.goto('/docs/databricks-deployment/github-actions-cicd');
  await waitForHydration(page);
  const validate = page.getByRole('table', {name: 'Jobs of bundle-validate.yml'});
  await expect(validate.locator('caption')).toContainText('runs on a pull request to main touching bundle/**');
  await expect(validate.getByRole('row', {name: /^validate/})).toContainText('for each target: qa, prod');
  await expect(validate.getByRole('row', {name: /^validate/})).toContainText('workload identity federation (id-token: write) as the principal of validate');
  const deploy = page.getByRole('table', {name: 'Jobs of databricks-deploy.yml'});
  await expect(deploy.locator('caption')).toContainText('started by hand (inputs ref)');
  await expect(deploy.locator('caption')).toContainText('queued, never cancelled');
  await expect(deploy.locator('tbody tr').nth(1)).toContainText('deploy-qa');
  await expect(deploy.locator('tbody tr').nth(1)).toContainText('scripts/deploy_to_workspace.sh prod');
  expect(await seriousViolations(page, 'table[aria-label^="Jobs of"]')).toEqual([]);
  expect(problems.outsideRequests).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});
