import {isMap, isSeq, LineCounter, parseDocument} from 'yaml';

/**
 * What a GitHub Actions workflow does and when, read from its YAML with the `yaml` package: the
 * triggers (`on`), the jobs with their `needs`, `environment`, matrix and steps, and how each job
 * authenticates to Databricks (the CLI's `DATABRICKS_AUTH_TYPE`, the OIDC `id-token: write`
 * permission, secrets it reads). Keys follow GitHub's "Workflow syntax for GitHub Actions".
 */

export interface WorkflowTrigger {
  event: string;
  branches?: string[];
  paths?: string[];
  /** workflow_dispatch inputs, by name. */
  inputs?: string[];
}

export interface WorkflowStep {
  /** The step's `name`, else its `uses` or first `run` line. */
  label: string;
  uses?: string;
  run?: string;
  line: number;
}

export interface WorkflowJob {
  id: string;
  needs: string[];
  environment?: string;
  runsOn?: string;
  matrix?: Record<string, unknown[]>;
  /** DATABRICKS_AUTH_TYPE of the job (or the workflow). */
  authType?: string;
  /** `permissions: id-token: write`: the job may request a GitHub OIDC token. */
  idToken: boolean;
  /** `secrets.*` the job reads. */
  secrets: string[];
  steps: WorkflowStep[];
  /** 0 for jobs without `needs`, then one more than the latest job they need. */
  stage: number;
  line: number;
}

export interface WorkflowSummary {
  file: string;
  name: string;
  triggers: WorkflowTrigger[];
  concurrency?: {group: string; cancelInProgress: boolean};
  jobs: WorkflowJob[];
}

export type WorkflowResult = {ok: true; workflow: WorkflowSummary} | {ok: false; message: string; line?: number};

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)]);
const record = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** Reads one workflow file. */
export function summarizeWorkflow(file: string, text: string): WorkflowResult {
  const lines = new LineCounter();
  const document = parseDocument(text, {lineCounter: lines});
  if (document.errors.length > 0) return {ok: false, message: document.errors[0]!.message.split('\n')[0]!, line: lines.linePos(document.errors[0]!.pos[0]).line};
  const root = record(document.toJS());
  const lineOf = (...path: (string | number)[]) => {
    const node = document.getIn(path, true) as {range?: [number, number, number]} | undefined;
    return node?.range ? lines.linePos(node.range[0]).line : 0;
  };

  const on = root.on ?? root.true; // YAML 1.1 readers turn `on` into true; the yaml package keeps the key.
  const triggers: WorkflowTrigger[] = (typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys(record(on))).map((event) => {
    const options = record(record(on)[event]);
    const trigger: WorkflowTrigger = {event};
    if (options.branches !== undefined) trigger.branches = strings(options.branches);
    if (options.paths !== undefined) trigger.paths = strings(options.paths);
    if (options.inputs !== undefined) trigger.inputs = Object.keys(record(options.inputs));
    return trigger;
  });

  const workflowEnv = record(root.env);
  const jobsNode = document.get('jobs', true);
  if (!isMap(jobsNode)) return {ok: false, message: 'a workflow needs a jobs map', line: lineOf('jobs')};
  /** The line of the job's key (`  validate:`). */
  const jobLine = (id: string) => {
    const pair = jobsNode.items.find((item) => (item.key as {value?: unknown} | null)?.value === id);
    const range = (pair?.key as {range?: [number, number, number]} | null)?.range;
    return range ? lines.linePos(range[0]).line : 0;
  };
  const jobs: WorkflowJob[] = Object.entries(record(root.jobs)).map(([id, value]) => {
    const job = record(value);
    const env = {...workflowEnv, ...record(job.env)};
    const permissions = record(job.permissions ?? root.permissions);
    const environment = typeof job.environment === 'string' ? job.environment : (record(job.environment).name as string | undefined);
    const stepsNode = document.getIn(['jobs', id, 'steps'], true);
    const steps = (Array.isArray(job.steps) ? job.steps : []).map((step, index) => {
      const s = record(step);
      const run = typeof s.run === 'string' ? s.run.trim() : undefined;
      const uses = typeof s.uses === 'string' ? s.uses : undefined;
      return {label: typeof s.name === 'string' ? s.name : (uses ?? run?.split('\n')[0] ?? ''), ...(uses ? {uses} : {}), ...(run ? {run} : {}), line: isSeq(stepsNode) ? lineOf('jobs', id, 'steps', index) : 0};
    });
    const secrets = [...new Set([...JSON.stringify(job).matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]!))];
    const matrix = record(record(job.strategy).matrix);
    return {
      id,
      needs: strings(job.needs),
      ...(environment ? {environment} : {}),
      ...(job['runs-on'] !== undefined ? {runsOn: strings(job['runs-on']).join(', ')} : {}),
      ...(Object.keys(matrix).length > 0 ? {matrix: Object.fromEntries(Object.entries(matrix).filter(([, values]) => Array.isArray(values)) as [string, unknown[]][])} : {}),
      ...(typeof env.DATABRICKS_AUTH_TYPE === 'string' ? {authType: env.DATABRICKS_AUTH_TYPE} : {}),
      idToken: permissions['id-token'] === 'write' || root.permissions === 'write-all',
      secrets,
      steps,
      stage: 0,
      line: jobLine(id),
    };
  });
  const byId = new Map(jobs.map((job) => [job.id, job]));
  for (const job of jobs) {
    const unknown = job.needs.find((need) => !byId.has(need));
    if (unknown) return {ok: false, message: `job ${job.id} needs ${unknown}, which the workflow does not define`, line: job.line};
  }
  // Stages from `needs`: a cycle would never settle, and GitHub refuses it.
  for (let pass = 0; pass <= jobs.length; pass += 1) {
    let changed = false;
    for (const job of jobs) {
      const stage = Math.max(0, ...job.needs.map((need) => byId.get(need)!.stage + 1));
      if (stage !== job.stage) {
        job.stage = stage;
        changed = true;
      }
    }
    if (!changed) break;
    if (pass === jobs.length) return {ok: false, message: 'the jobs need each other in a cycle'};
  }
  const concurrency = root.concurrency;
  return {
    ok: true,
    workflow: {
      file,
      name: typeof root.name === 'string' ? root.name : file,
      triggers,
      ...(concurrency !== undefined ? {concurrency: {group: typeof concurrency === 'string' ? concurrency : String(record(concurrency).group ?? ''), cancelInProgress: record(concurrency)['cancel-in-progress'] === true}} : {}),
      jobs: [...jobs].sort((a, b) => a.stage - b.stage),
    },
  };
}
