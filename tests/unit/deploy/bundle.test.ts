import {describe, expect, it} from 'vitest';
import {diffTargets, getPath, resolveBundle, shortUserName, summarizeJobs, toPlain, type BundleContext, type BundleResult} from '../../../playground';
import {resolveReferences} from '../../../playground/deploy/references';
import {DeployError, map, merge, mergeElementsByKey, parseYamlFile, scalar, type Value} from '../../../playground/deploy/tree';

const anna: BundleContext = {userName: 'anna.schmidt@example.com'};

function ok(result: BundleResult) {
  if (!result.ok) throw new Error(`expected a resolution, got ${JSON.stringify(result.problems)}`);
  return result;
}

function errorsOf(result: BundleResult) {
  return result.problems.filter((problem) => problem.severity === 'error');
}

const yaml = (text: string): Value => parseYamlFile('test.yml', text);

describe('merge (libs/dyn/merge/merge.go)', () => {
  it('merges maps recursively with the second winning, concatenates sequences and replaces primitives', () => {
    const merged = merge(yaml('a: {x: 1, y: [1]}\nb: keep'), yaml('a: {x: 2, z: 3, y: [2]}\nc: new'));
    expect(toPlain(merged)).toEqual({a: {x: 2, y: [1, 2], z: 3}, b: 'keep', c: 'new'});
  });

  it('treats nil as absent on either side', () => {
    expect(toPlain(merge(scalar(null), scalar('x')))).toBe('x');
    expect(toPlain(merge(scalar('x'), scalar(null)))).toBe('x');
  });

  it('refuses a map meeting a string, as the CLI does, at the location of the override', () => {
    expect(() => merge(yaml('a: {x: 1}'), parseYamlFile('targets/prod.yml', 'a: text'))).toThrow('cannot merge map with string');
    try {
      merge(yaml('a: 1'), parseYamlFile('targets/prod.yml', '\na: text'));
    } catch (error) {
      expect((error as DeployError).problem).toMatchObject({message: 'cannot merge int with string', file: 'targets/prod.yml', line: 2, column: 4});
    }
  });

  it('merges sequence elements by key, later ones into the first, sorted by key (elements_by_key.go)', () => {
    const merged = mergeElementsByKey(yaml('- {key: foo, value: 42}\n- {key: bar, value: 43}\n- {key: foo, value: 44, extra: 1}'), 'key');
    expect(toPlain(merged)).toEqual([
      {key: 'bar', value: 43},
      {key: 'foo', value: 44, extra: 1},
    ]);
  });
});

describe('reference resolution (libs/dyn/dynvar/resolve.go, cases from resolve_test.go)', () => {
  const lookupIn = (root: Value) => (path: string) => {
    const value = getPath(root, path);
    return value === undefined ? undefined : {value};
  };
  const resolveAll = (text: string) => {
    const root = yaml(text);
    return resolveReferences(root, lookupIn(root));
  };

  it('concatenates references in a string ("${a}${b}${a}" is "aba")', () => {
    expect(toPlain(resolveAll('a: a\nb: b\nc: "${a}${b}${a}"'))).toEqual({a: 'a', b: 'b', c: 'aba'});
  });

  it('keeps the type of a pure reference and interpolates primitives into strings', () => {
    expect(toPlain(resolveAll('n: 8\nw: ${n}\nlabel: "workers ${n}"'))).toEqual({n: 8, w: 8, label: 'workers 8'});
  });

  it('reports a cycle the same way every time: "b -> c -> d -> b"', () => {
    expect(() => resolveAll('a: a\nb: ${c}\nc: ${d}\nd: ${b}')).toThrow('cycle detected in field resolution: b -> c -> d -> b');
    expect(() => resolveAll('a: ${a}')).toThrow('cycle detected in field resolution: a -> a');
  });

  it('refuses to interpolate a map into a string', () => {
    expect(() => resolveAll('m: {x: 1}\ns: "value ${m}"')).toThrow('cannot interpolate non-primitive value of type map into string');
  });

  it('leaves job dynamic value references ({{job.parameters.x}}) alone', () => {
    expect(toPlain(resolveAll('p: "{{job.parameters.catalog}}"'))).toEqual({p: '{{job.parameters.catalog}}'});
  });
});

const base = `bundle:
  name: mfg
variables:
  catalog:
    description: catalog
  workers:
    default: 2
  scope:
    default: kafka
resources:
  jobs:
    ingest:
      name: ingest
      schedule:
        quartz_cron_expression: "0 0 * * * ?"
        timezone_id: UTC
      tasks:
        - task_key: load
          job_cluster_key: main
          spark_python_task:
            python_file: ./src/load.py
            parameters: ["--catalog", "\${var.catalog}", "--scope", "\${var.scope}"]
      job_clusters:
        - job_cluster_key: main
          new_cluster:
            spark_version: 15.4.x-scala2.12
            node_type_id: Standard_D8ds_v5
            num_workers: \${var.workers}
targets:
  dev:
    mode: development
    default: true
    variables:
      catalog: mfg_dev
  prod:
    mode: production
    workspace:
      root_path: /Workspace/Users/\${workspace.current_user.userName}/.bundle/\${bundle.name}/\${bundle.target}
    variables:
      catalog: mfg_prod
      workers: 8
    resources:
      jobs:
        ingest:
          job_clusters:
            - job_cluster_key: main
              new_cluster:
                node_type_id: Standard_E8ds_v5
`;

describe('resolveBundle: target overrides (Root.MergeTargetOverrides, merge_job_clusters.go)', () => {
  it('merges a target job cluster into the base one by job_cluster_key: overridden fields win, the rest stays', () => {
    const prod = ok(resolveBundle({'databricks.yml': base}, 'prod', anna));
    const clusters = toPlain(getPath(prod.config, 'resources.jobs.ingest.job_clusters'));
    expect(clusters).toEqual([{job_cluster_key: 'main', new_cluster: {spark_version: '15.4.x-scala2.12', node_type_id: 'Standard_E8ds_v5', num_workers: 8}}]);
  });

  it('records where each effective value was written', () => {
    const prod = ok(resolveBundle({'databricks.yml': base}, 'prod', anna));
    const cluster = summarizeJobs(prod.config)[0]!.clusters[0]!;
    expect(cluster.nodeType!.location).toMatchObject({file: 'databricks.yml', line: 48});
    expect(cluster.sparkVersion!.location).toMatchObject({file: 'databricks.yml', line: 26});
    // The worker count is reported where it is used, and carries the variable it came from.
    expect(cluster.workers).toMatchObject({value: 8, location: {line: 28}, references: [{path: 'var.workers', value: '8', location: {line: 41}}]});
  });

  it('appends target tasks with a new task_key and merges those with an existing one', () => {
    const files = {
      'databricks.yml': `${base.replace('      catalog: mfg_prod\n', '      catalog: mfg_prod\n')}`,
      'targets/extra.yml': `targets:
  prod:
    resources:
      jobs:
        ingest:
          tasks:
            - task_key: load
              max_retries: 3
            - task_key: check
              depends_on: [{task_key: load}]
              job_cluster_key: main
              spark_python_task: {python_file: ./src/check.py}
`,
    };
    const withInclude = {...files, 'databricks.yml': files['databricks.yml'].replace('variables:', 'include:\n  - targets/*.yml\nvariables:')};
    const prod = ok(resolveBundle(withInclude, 'prod', anna));
    const tasks = toPlain(getPath(prod.config, 'resources.jobs.ingest.tasks')) as {task_key: string; max_retries?: number}[];
    expect(tasks.map((task) => task.task_key)).toEqual(['check', 'load']);
    expect(tasks[1]!.max_retries).toBe(3);
  });

  it('replaces run_as instead of merging it', () => {
    const files = {'databricks.yml': `${base}    run_as:\n      service_principal_name: sp-prod\n`.replace('run_as:\n      service_principal_name: sp-prod\n', 'run_as:\n      service_principal_name: sp-prod\n')};
    const withRoot = files['databricks.yml'].replace('variables:\n  catalog:', 'run_as:\n  user_name: someone@example.com\nvariables:\n  catalog:');
    const prod = ok(resolveBundle({'databricks.yml': withRoot}, 'prod', anna));
    expect(toPlain(getPath(prod.config, 'run_as'))).toEqual({service_principal_name: 'sp-prod'});
  });

  it('lists the available targets for an unknown one', () => {
    const result = resolveBundle({'databricks.yml': base}, 'staging', anna);
    expect(result.ok).toBe(false);
    expect(result.problems[0]!.message).toBe('staging: no such target. Available targets: dev, prod');
  });

  it('picks the target marked default when none is given', () => {
    expect(ok(resolveBundle({'databricks.yml': base}, undefined, anna)).target).toBe('dev');
  });
});

describe('resolveBundle: variables (set_variables.go, precedence order in the bundle docs)', () => {
  const sourceOf = (result: BundleResult, name: string) => ok(result).variables.find((variable) => variable.name === name);

  it('takes --var over BUNDLE_VAR_ over the target over the default', () => {
    expect(sourceOf(resolveBundle({'databricks.yml': base}, 'prod', anna), 'workers')).toMatchObject({source: 'target', value: 8});
    expect(sourceOf(resolveBundle({'databricks.yml': base}, 'dev', anna), 'workers')).toMatchObject({source: 'default', value: 2});
    const env = {BUNDLE_VAR_workers: '4'};
    expect(sourceOf(resolveBundle({'databricks.yml': base}, 'prod', {...anna, env}), 'workers')).toMatchObject({source: 'environment', value: '4'});
    expect(sourceOf(resolveBundle({'databricks.yml': base}, 'prod', {...anna, env, vars: {workers: '6'}}), 'workers')).toMatchObject({source: 'flag', value: '6'});
  });

  it('accepts a digit string from the environment in an integer field, as the CLI normalises it, and refuses other text', () => {
    expect(resolveBundle({'databricks.yml': base}, 'prod', {...anna, env: {BUNDLE_VAR_workers: '4'}}).ok).toBe(true);
    expect(errorsOf(resolveBundle({'databricks.yml': base}, 'prod', {...anna, env: {BUNDLE_VAR_workers: 'four'}}))[0]!.message).toBe('cannot parse "four" as an integer');
  });

  it('names the variable, file and line when a target assigns an undeclared variable', () => {
    const result = resolveBundle({'databricks.yml': base.replace('      catalog: mfg_prod', '      catalog: mfg_prod\n      catalogue: mfg_prod')}, 'prod', anna);
    expect(errorsOf(result)[0]).toMatchObject({message: 'variable catalogue is not defined but is assigned a value', file: 'databricks.yml', line: 41});
  });

  it('refuses a required variable without a value, at its declaration', () => {
    const result = resolveBundle({'databricks.yml': base.replace('    variables:\n      catalog: mfg_dev\n', '')}, 'dev', anna);
    expect(errorsOf(result)[0]).toMatchObject({
      message:
        'no value assigned to required variable catalog. Assignment can be done using "--var", by setting the BUNDLE_VAR_catalog environment variable, or in .databricks/bundle/<target>/variable-overrides.json file',
      file: 'databricks.yml',
      line: 5,
    });
  });

  it('refuses --var for a variable the bundle does not declare', () => {
    expect(errorsOf(resolveBundle({'databricks.yml': base}, 'dev', {...anna, vars: {nope: 'x'}}))[0]!.message).toBe('variable nope has not been defined');
  });

  it('reports a reference to a missing variable where it is used', () => {
    const result = resolveBundle({'databricks.yml': base.replace('"${var.scope}"', '"${var.scop}"')}, 'dev', anna);
    expect(errorsOf(result)[0]).toMatchObject({message: 'reference does not exist: ${var.scop}', file: 'databricks.yml', line: 22});
  });

  it('reports a variable that refers to itself in a target as the CLI does', () => {
    const result = resolveBundle({'databricks.yml': base.replace('      catalog: mfg_prod', '      catalog: ${var.catalog}')}, 'prod', anna);
    expect(errorsOf(result)[0]!.message).toBe('cycle detected in field resolution: variables.catalog.default -> var.catalog -> var.catalog');
  });

  it('keeps a lookup variable unresolved (the CLI asks the workspace) and shows what it looks up', () => {
    const files = {'databricks.yml': base.replace('  scope:\n    default: kafka', '  scope:\n    default: kafka\n  policy:\n    lookup:\n      cluster_policy: mfg-jobs-medium').replace('            num_workers:', '            policy_id: ${var.policy}\n            num_workers:')};
    const dev = ok(resolveBundle(files, 'dev', anna));
    expect(dev.variables.find((variable) => variable.name === 'policy')).toMatchObject({source: 'lookup', lookup: {kind: 'cluster_policy', name: 'mfg-jobs-medium'}});
    expect(toPlain(getPath(dev.config, 'resources.jobs.ingest.job_clusters[0].new_cluster.policy_id'))).toBe('${var.policy}');
  });

  it('rejects a complex variable from the environment', () => {
    const files = {'databricks.yml': base.replace('  scope:\n    default: kafka', '  scope:\n    default: kafka\n  cluster:\n    type: complex\n    default: {num_workers: 1}')};
    expect(errorsOf(resolveBundle(files, 'dev', {...anna, env: {BUNDLE_VAR_cluster: 'x'}}))[0]!.message).toBe(
      'setting via environment variables (BUNDLE_VAR_cluster) is not supported for complex variable cluster',
    );
  });
});

describe('resolveBundle: development mode (apply_target_mode.go, apply_presets.go)', () => {
  it('prefixes names with the short user name, tags the job and pauses its schedule', () => {
    const dev = ok(resolveBundle({'databricks.yml': base}, 'dev', anna));
    const job = summarizeJobs(dev.config)[0]!;
    expect(job.name.value).toBe('[dev anna_schmidt] ingest');
    expect(job.runs).toMatchObject({kind: 'schedule', pauseStatus: {value: 'PAUSED'}});
    expect(job.tags).toEqual({dev: 'anna_schmidt'});
    expect(job.maxConcurrentRuns!.value).toBe(4);
  });

  it('keeps an explicit UNPAUSED on the job: development mode only fills what is empty', () => {
    const files = {'databricks.yml': base.replace('        timezone_id: UTC', '        timezone_id: UTC\n        pause_status: UNPAUSED')};
    expect(summarizeJobs(ok(resolveBundle(files, 'dev', anna)).config)[0]!.runs.pauseStatus!.value).toBe('UNPAUSED');
  });

  it('leaves production names alone and unpauses by default, with one concurrent run', () => {
    const job = summarizeJobs(ok(resolveBundle({'databricks.yml': base}, 'prod', anna)).config)[0]!;
    expect(job.name.value).toBe('ingest');
    expect(job.runs.pauseStatus!.value).toBe('UNPAUSED');
    expect(job.maxConcurrentRuns!.value).toBe(1);
  });

  it('derives the short name as the CLI does (iamutil.GetShortUserName)', () => {
    expect(shortUserName({userName: 'Anna.Schmidt+ops@example.com'})).toBe('anna_schmidt_ops');
    expect(shortUserName({userName: '9f0c3a52-2b7e-4d0c-9c4b-1f3e5a7d8c21', displayName: 'sp-mfg-deploy'})).toBe('sp_mfg_deploy');
  });

  it('refuses a name prefix without the user in development mode', () => {
    const files = {'databricks.yml': base.replace('    mode: development\n', '    mode: development\n    presets:\n      name_prefix: "[dev] "\n')};
    expect(errorsOf(resolveBundle(files, 'dev', anna))[0]).toMatchObject({
      message: "prefix should contain the current username or ${workspace.current_user.short_name} to ensure uniqueness when using 'mode: development'",
      line: 33,
    });
  });

  it('defaults the workspace paths to the user home and rewrites python_file to the synced copy', () => {
    const dev = ok(resolveBundle({'databricks.yml': base}, 'dev', anna));
    expect(toPlain(getPath(dev.config, 'workspace.root_path'))).toBe('/Workspace/Users/anna.schmidt@example.com/.bundle/mfg/dev');
    expect(summarizeJobs(dev.config)[0]!.tasks[0]!.entryPoint!.value).toBe('/Workspace/Users/anna.schmidt@example.com/.bundle/mfg/dev/files/src/load.py');
  });
});

describe('resolveBundle: production mode, permissions, includes and types', () => {
  it('requires an explicit root_path in production unless every job runs as someone', () => {
    const files = {'databricks.yml': base.replace(/    workspace:\n      root_path: .*\n/, '')};
    expect(errorsOf(resolveBundle(files, 'prod', anna))[0]!.message).toBe("target with 'mode: production' must set 'workspace.root_path' to make sure only one copy is deployed");
    const withRunAs = {'databricks.yml': files['databricks.yml'].replace('    variables:\n      catalog: mfg_prod', '    run_as:\n      service_principal_name: sp-prod\n    variables:\n      catalog: mfg_prod')};
    const result = resolveBundle(withRunAs, 'prod', anna);
    expect(result.ok).toBe(true);
    expect(result.problems[0]!.severity).toBe('recommendation');
  });

  it('adds bundle permissions to every job, CAN_RUN as CAN_MANAGE_RUN (apply_bundle_permissions.go)', () => {
    const files = {'databricks.yml': base.replace('resources:\n  jobs:', 'permissions:\n  - level: CAN_RUN\n    group_name: operators\nresources:\n  jobs:')};
    const job = summarizeJobs(ok(resolveBundle(files, 'prod', anna)).config)[0]!;
    expect(job.permissions.map((permission) => [permission.principal, permission.level.value])).toEqual([['operators', 'CAN_MANAGE_RUN']]);
    const invalid = {'databricks.yml': base.replace('resources:\n  jobs:', 'permissions:\n  - level: CAN_MANAGE_RUN\n    group_name: operators\nresources:\n  jobs:')};
    expect(errorsOf(resolveBundle(invalid, 'prod', anna))[0]!.message).toBe('invalid permission level: CAN_MANAGE_RUN, allowed values: [CAN_MANAGE, CAN_VIEW, CAN_RUN]');
  });

  it('includes files by Go glob rules: * does not cross a directory and ** is the same as *', () => {
    const job = 'resources:\n  jobs:\n    other:\n      name: other\n';
    const withInclude = (pattern: string) => ({'databricks.yml': base.replace('variables:', `include:\n  - "${pattern}"\nvariables:`), 'resources/jobs/deep/other.yml': job});
    expect(Object.keys(toPlain(getPath(ok(resolveBundle(withInclude('resources/*/*/*.yml'), 'dev', anna)).config, 'resources.jobs')) as object)).toEqual(['ingest', 'other']);
    expect(Object.keys(toPlain(getPath(ok(resolveBundle(withInclude('resources/**/*.yml'), 'dev', anna)).config, 'resources.jobs')) as object)).toEqual(['ingest']);
    expect(errorsOf(resolveBundle(withInclude('resources/missing.yml'), 'dev', anna))[0]!.message).toBe("resources/missing.yml defined in 'include' section does not match any files");
  });

  it('refuses the same resource key in two files, naming both places', () => {
    const files = {'databricks.yml': base.replace('variables:', 'include:\n  - more.yml\nvariables:'), 'more.yml': 'resources:\n  pipelines:\n    ingest:\n      name: x\n'};
    expect(errorsOf(resolveBundle(files, 'dev', anna))[0]!.message).toBe('multiple resources have been defined with the same key: ingest (databricks.yml:15:7, more.yml:4:7)');
  });

  it('reports a wrong type with the file and line of the value', () => {
    const result = resolveBundle({'databricks.yml': base}, 'prod', {...anna, vars: {workers: 'eight'}});
    expect(errorsOf(result)[0]).toMatchObject({message: 'cannot parse "eight" as an integer', file: 'databricks.yml', line: 28, path: 'resources.jobs.ingest.job_clusters[0].new_cluster.num_workers'});
    const mode = resolveBundle({'databricks.yml': base.replace('    mode: production', '    mode: prod')}, 'prod', anna);
    expect(errorsOf(mode)[0]!.message).toBe("unsupported value 'prod' specified for 'mode': must be either 'development' or 'production'");
  });

  it('reports a YAML syntax error at its line', () => {
    const result = resolveBundle({'databricks.yml': base.replace('  name: mfg', '  name: [mfg')}, 'dev', anna);
    expect(errorsOf(result)[0]).toMatchObject({file: 'databricks.yml'});
    expect(errorsOf(result)[0]!.line).toBeGreaterThan(1);
  });

  it('diffs two targets down to the values that differ', () => {
    const dev = ok(resolveBundle({'databricks.yml': base}, 'dev', anna));
    const prod = ok(resolveBundle({'databricks.yml': base}, 'prod', anna));
    const paths = diffTargets(dev.config, prod.config).map((difference) => difference.path);
    expect(paths).toContain('resources.jobs.ingest.job_clusters[0].new_cluster.num_workers');
    expect(paths).toContain('resources.jobs.ingest.name');
    expect(paths).toContain('resources.jobs.ingest.schedule.pause_status');
    expect(paths).not.toContain('resources.jobs.ingest.job_clusters[0].new_cluster.spark_version');
    const workers = diffTargets(dev.config, prod.config).find((difference) => difference.path.endsWith('num_workers'))!;
    expect([workers.left!.value, workers.right!.value]).toEqual([2, 8]);
  });

  it('validates its input context at the boundary', () => {
    expect(() => resolveBundle({'databricks.yml': base}, 'dev', {userName: ''})).toThrow(RangeError);
    expect(map([]).kind).toBe('map');
  });
});
