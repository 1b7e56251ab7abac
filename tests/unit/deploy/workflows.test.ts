import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {summarizeWorkflow, type WorkflowSummary} from '../../../playground';

const dir = join(__dirname, '../../../docs/06-databricks-deployment/github-actions-cicd/workflows');
const read = (file: string): WorkflowSummary => {
  const result = summarizeWorkflow(file, readFileSync(join(dir, file), 'utf8'));
  if (!result.ok) throw new Error(result.message);
  return result.workflow;
};

describe('summarizeWorkflow on the workflows next to the page', () => {
  it('reads the pull-request workflow: trigger, paths, the validate job after the tests, per target, with OIDC', () => {
    const validate = read('bundle-validate.yml');
    expect(validate.name).toBe('bundle-validate');
    expect(validate.triggers).toEqual([{event: 'pull_request', branches: ['main'], paths: ['bundle/**', 'conf/**', 'src/**', 'tests/**', '.github/workflows/**']}]);
    expect(validate.concurrency).toEqual({group: 'bundle-validate-${{ github.event.pull_request.number }}', cancelInProgress: true});
    expect(validate.jobs.map((job) => [job.id, job.stage, job.needs, job.environment, job.authType, job.idToken])).toEqual([
      ['unit-tests', 0, [], undefined, undefined, false],
      ['validate', 1, ['unit-tests'], 'validate', 'github-oidc', true],
    ]);
    expect(validate.jobs[1]!.matrix).toEqual({target: ['qa', 'prod']});
    expect(validate.jobs[1]!.steps.map((step) => step.label)).toEqual(['actions/checkout@v4', 'databricks/setup-cli@main', 'Validate the ${{ matrix.target }} target']);
    expect(validate.jobs[1]!.line).toBe(34);
  });

  it('reads the deploy workflow: push and manual runs with a ref, QA then prod, no stored secret', () => {
    const deploy = read('databricks-deploy.yml');
    expect(deploy.triggers).toEqual([{event: 'push', branches: ['main']}, {event: 'workflow_dispatch', inputs: ['ref']}]);
    expect(deploy.concurrency).toEqual({group: 'databricks-deploy', cancelInProgress: false});
    expect(deploy.jobs.map((job) => `${job.stage}:${job.id}:${job.environment}:${job.authType}`)).toEqual(['0:deploy-qa:qa:github-oidc', '1:deploy-prod:prod:github-oidc']);
    expect(deploy.jobs.every((job) => job.idToken && job.secrets.length === 0)).toBe(true);
    expect(deploy.jobs[0]!.steps.map((step) => step.run ?? step.uses)).toContain('scripts/deploy_to_workspace.sh qa');
  });

  it('names a job a workflow needs but does not define, and a YAML error with its line', () => {
    expect(summarizeWorkflow('x.yml', 'on: push\njobs:\n  b:\n    needs: a\n    runs-on: ubuntu-latest\n')).toEqual({ok: false, message: 'job b needs a, which the workflow does not define', line: 3});
    const broken = summarizeWorkflow('x.yml', 'on: push\njobs:\n  a: [\n');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.line).toBe(4);
  });

  it('lists the secrets a job reads', () => {
    const result = summarizeWorkflow('x.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    env:\n      DATABRICKS_TOKEN: ${{ secrets.DATABRICKS_TOKEN }}\n    steps:\n      - run: databricks bundle deploy\n');
    expect(result.ok && result.workflow.jobs[0]!.secrets).toEqual(['DATABRICKS_TOKEN']);
  });
});
