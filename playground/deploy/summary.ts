import {get, type Location, type Reference, type Value} from './tree';

/** A value shown with where it was written and the variables it came through. */
export interface Located<T> {
  value: T;
  location: Location;
  references?: Reference[];
}

export interface ClusterSummary {
  key: string;
  sparkVersion?: Located<string>;
  nodeType?: Located<string>;
  /** A fixed worker count, or autoscaling bounds. */
  workers?: Located<number | string>;
  minWorkers?: Located<number | string>;
  maxWorkers?: Located<number | string>;
  policyId?: Located<string>;
  dataSecurityMode?: Located<string>;
}

export interface JobSummary {
  key: string;
  name: Located<string>;
  /** How the job starts and whether that is paused. */
  runs: {kind: 'continuous' | 'schedule' | 'trigger' | 'manual'; pauseStatus?: Located<string>; cron?: Located<string>};
  maxConcurrentRuns?: Located<number>;
  tasks: {key: string; clusterKey?: string; entryPoint?: Located<string>; parameters: string[]}[];
  clusters: ClusterSummary[];
  permissions: {principal: string; level: Located<string>}[];
  tags: Record<string, string>;
}

function located<T>(value: Value | undefined): Located<T> | undefined {
  if (value === undefined || value.kind === 'map' || value.kind === 'sequence') return undefined;
  return {value: value.value as T, location: value.location, ...(value.references && value.references.length > 0 ? {references: value.references} : {})};
}

function items(value: Value | undefined): Value[] {
  return value?.kind === 'sequence' ? value.items : [];
}

function cluster(key: string, spec: Value | undefined): ClusterSummary {
  return {
    key,
    sparkVersion: located(get(spec, 'spark_version')),
    nodeType: located(get(spec, 'node_type_id')),
    workers: located(get(spec, 'num_workers')),
    minWorkers: located(get(get(spec, 'autoscale'), 'min_workers')),
    maxWorkers: located(get(get(spec, 'autoscale'), 'max_workers')),
    policyId: located(get(spec, 'policy_id')),
    dataSecurityMode: located(get(spec, 'data_security_mode')),
  };
}

/** The jobs of a resolved configuration, reduced to what decides how they run and on what. */
export function summarizeJobs(config: Value): JobSummary[] {
  const jobs = get(get(config, 'resources'), 'jobs');
  if (jobs?.kind !== 'map') return [];
  return [...jobs.entries].map(([key, job]) => {
    const kind = get(job, 'continuous') ? 'continuous' : get(job, 'schedule') ? 'schedule' : get(job, 'trigger') ? 'trigger' : 'manual';
    const block = kind === 'manual' ? undefined : get(job, kind);
    const tags = get(job, 'tags');
    return {
      key,
      name: located<string>(get(job, 'name')) ?? {value: key, location: job.location},
      runs: {kind, pauseStatus: located(get(block, 'pause_status')), cron: located(get(block, 'quartz_cron_expression'))},
      maxConcurrentRuns: located(get(job, 'max_concurrent_runs')),
      tasks: items(get(job, 'tasks')).map((task) => {
        const python = get(task, 'spark_python_task');
        const notebook = get(task, 'notebook_task');
        return {
          key: String(get(task, 'task_key')?.value ?? ''),
          clusterKey: get(task, 'job_cluster_key')?.value as string | undefined,
          entryPoint: located(get(python, 'python_file') ?? get(notebook, 'notebook_path')),
          parameters: items(get(python, 'parameters')).map((parameter) => String(parameter.kind === 'map' || parameter.kind === 'sequence' ? '' : parameter.value)),
        };
      }),
      clusters: items(get(job, 'job_clusters')).map((entry) => cluster(String(get(entry, 'job_cluster_key')?.value ?? ''), get(entry, 'new_cluster'))),
      permissions: items(get(job, 'permissions')).map((permission) => {
        const principal = ['group_name', 'user_name', 'service_principal_name'].map((field) => get(permission, field)).find(Boolean);
        return {principal: String(principal?.kind === 'map' || principal?.kind === 'sequence' ? '' : (principal?.value ?? '')), level: located<string>(get(permission, 'level'))!};
      }),
      tags: tags?.kind === 'map' ? Object.fromEntries([...tags.entries].map(([tag, value]) => [tag, String(value.kind === 'map' || value.kind === 'sequence' ? '' : value.value)])) : {},
    };
  });
}
