import * as z from 'zod';
import {getPath, toPlain, type DeployProblem, type Value} from './tree';

/**
 * The bundle fields the site's bundle uses, written from the CLI's published JSON schema
 * (bundle/schema/jsonschema.json in github.com/databricks/cli, `databricks bundle schema`) and the
 * Jobs API it mirrors. Objects are loose: a field the site does not use is not an error here, the
 * CLI knows it. Types follow the CLI's normalisation (libs/dyn/convert/normalize.go): an integer
 * field takes an integer or a string of digits, and any field may still hold a `${...}` reference
 * that resolves at deploy time (a lookup, `${resources...}`).
 */

const reference = /^\$\{[^}]+\}$/;

/** What a type error says, in the CLI's words: "expected int, found string". */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (Array.isArray(value)) return 'sequence';
  if (typeof value === 'object') return 'map';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return typeof value === 'boolean' ? 'bool' : 'string';
}

const typed = (expected: string, check: (value: unknown) => boolean) =>
  z.unknown().superRefine((value, context) => {
    if (typeof value === 'string' && reference.test(value)) return;
    if (!check(value)) context.addIssue({code: 'custom', message: `expected ${expected}, found ${kindOf(value)}`});
  });

const string = typed('string', (value) => typeof value === 'string');
const bool = typed('bool', (value) => typeof value === 'boolean');
const int = z.unknown().superRefine((value, context) => {
  if (typeof value === 'number' && Number.isInteger(value)) return;
  if (typeof value === 'string' && (reference.test(value) || /^-?\d+$/.test(value))) return;
  context.addIssue({code: 'custom', message: typeof value === 'string' ? `cannot parse "${value}" as an integer` : `expected int, found ${kindOf(value)}`});
});
const oneOf = (values: readonly string[]) =>
  z.unknown().superRefine((value, context) => {
    if (typeof value === 'string' && (values.includes(value) || reference.test(value))) return;
    context.addIssue({code: 'custom', message: `expected one of ${values.join(', ')}, found ${typeof value === 'string' ? `"${value}"` : kindOf(value)}`});
  });
const strings = z.record(z.string(), string);

const pauseStatus = oneOf(['PAUSED', 'UNPAUSED']);

/** compute.DataSecurityMode in the Databricks SDK. */
export const dataSecurityModes = [
  'DATA_SECURITY_MODE_AUTO',
  'DATA_SECURITY_MODE_STANDARD',
  'DATA_SECURITY_MODE_DEDICATED',
  'NONE',
  'SINGLE_USER',
  'USER_ISOLATION',
  'LEGACY_TABLE_ACL',
  'LEGACY_PASSTHROUGH',
  'LEGACY_SINGLE_USER',
  'LEGACY_SINGLE_USER_STANDARD',
] as const;

export const clusterSchema = z.looseObject({
  spark_version: string.optional(),
  node_type_id: string.optional(),
  driver_node_type_id: string.optional(),
  num_workers: int.optional(),
  autoscale: z.looseObject({min_workers: int.optional(), max_workers: int.optional()}).optional(),
  policy_id: string.optional(),
  instance_pool_id: string.optional(),
  driver_instance_pool_id: string.optional(),
  data_security_mode: oneOf(dataSecurityModes).optional(),
  runtime_engine: oneOf(['STANDARD', 'PHOTON', 'NULL']).optional(),
  autotermination_minutes: int.optional(),
  spark_conf: strings.optional(),
  spark_env_vars: strings.optional(),
  custom_tags: strings.optional(),
});

const permissionSchema = z.looseObject({
  level: string,
  group_name: string.optional(),
  user_name: string.optional(),
  service_principal_name: string.optional(),
});

const taskSchema = z.looseObject({
  task_key: string,
  depends_on: z.array(z.looseObject({task_key: string})).optional(),
  job_cluster_key: string.optional(),
  existing_cluster_id: string.optional(),
  new_cluster: clusterSchema.optional(),
  spark_python_task: z.looseObject({python_file: string, parameters: z.array(string).optional()}).optional(),
  notebook_task: z.looseObject({notebook_path: string, base_parameters: strings.optional()}).optional(),
  max_retries: int.optional(),
  timeout_seconds: int.optional(),
});

export const jobSchema = z.looseObject({
  name: string.optional(),
  description: string.optional(),
  max_concurrent_runs: int.optional(),
  timeout_seconds: int.optional(),
  tags: strings.optional(),
  schedule: z.looseObject({quartz_cron_expression: string, timezone_id: string, pause_status: pauseStatus.optional()}).optional(),
  continuous: z.looseObject({pause_status: pauseStatus.optional()}).optional(),
  trigger: z.looseObject({pause_status: pauseStatus.optional()}).optional(),
  email_notifications: z.looseObject({on_failure: z.array(string).optional(), on_success: z.array(string).optional()}).optional(),
  parameters: z.array(z.looseObject({name: string, default: string})).optional(),
  tasks: z.array(taskSchema).optional(),
  job_clusters: z.array(z.looseObject({job_cluster_key: string, new_cluster: clusterSchema})).optional(),
  permissions: z.array(permissionSchema).optional(),
  run_as: z.looseObject({service_principal_name: string.optional(), user_name: string.optional()}).optional(),
  queue: z.looseObject({enabled: bool}).optional(),
});

const variableSchema = z.looseObject({
  description: string.optional(),
  type: oneOf(['complex']).optional(),
  lookup: z.record(z.string(), string).optional(),
});

/** The top-level keys of a bundle (bundle/config/root.go); any other is "unknown field". */
export const rootFields = ['bundle', 'include', 'variables', 'workspace', 'artifacts', 'resources', 'targets', 'environments', 'sync', 'run_as', 'experimental', 'permissions', 'presets', 'scripts', 'python'];

export const bundleSchema = z.looseObject({
  bundle: z.looseObject({
    name: string,
    databricks_cli_version: string.optional(),
    mode: oneOf(['development', 'production']).optional(),
    git: z.looseObject({branch: string.optional(), origin_url: string.optional()}).optional(),
  }),
  include: z.array(string).optional(),
  variables: z.record(z.string(), variableSchema).optional(),
  workspace: z.looseObject({host: string.optional(), root_path: string.optional()}).optional(),
  resources: z.looseObject({jobs: z.record(z.string(), jobSchema).optional()}).optional(),
  run_as: z.looseObject({service_principal_name: string.optional(), user_name: string.optional()}).optional(),
  permissions: z.array(permissionSchema).optional(),
  presets: z
    .looseObject({
      name_prefix: string.optional(),
      tags: strings.optional(),
      jobs_max_concurrent_runs: int.optional(),
      trigger_pause_status: pauseStatus.optional(),
      pipelines_development: bool.optional(),
    })
    .optional(),
});

/** Checks a configuration tree against the schema; each problem names its file, line and path. */
export function validateBundleSchema(root: Value): DeployProblem[] {
  const problems: DeployProblem[] = [];
  if (root.kind === 'map') {
    for (const [key, value] of root.entries) {
      if (!rootFields.includes(key)) problems.push({severity: 'warning', message: `unknown field: ${key}`, ...value.location, path: key});
    }
  }
  const parsed = bundleSchema.safeParse(toPlain(root));
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
    const at = locate(root, issue.path as (string | number)[]);
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'required field is missing' : issue.message;
    problems.push({severity: 'error', message, ...at, path});
  }
  return problems;
}

/** The location of the deepest value that exists on the way to `path`. */
function locate(root: Value, path: (string | number)[]) {
  for (let length = path.length; length >= 0; length -= 1) {
    const text = path
      .slice(0, length)
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))
      .join('')
      .replace(/^\./, '');
    const value = text === '' ? root : getPath(root, text);
    if (value) return value.location;
  }
  return root.location;
}

/**
 * A cluster policy definition (Databricks "Compute policy reference"): each attribute path maps to
 * a rule of one type; fixed needs `value`, allowlist and blocklist need `values`, regex a
 * `pattern`, range a `minValue` or `maxValue`.
 */
const policyRule = z
  .object({
    type: z.enum(['fixed', 'forbidden', 'allowlist', 'blocklist', 'regex', 'range', 'unlimited']),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1).optional(),
    pattern: z.string().optional(),
    minValue: z.number().optional(),
    maxValue: z.number().optional(),
    defaultValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
    isOptional: z.boolean().optional(),
    hidden: z.boolean().optional(),
  })
  .strict()
  .superRefine((rule, context) => {
    if (rule.type === 'fixed' && rule.value === undefined) context.addIssue({code: 'custom', message: 'a fixed rule needs a value'});
    if ((rule.type === 'allowlist' || rule.type === 'blocklist') && rule.values === undefined) context.addIssue({code: 'custom', message: `an ${rule.type} rule needs values`});
    if (rule.type === 'regex') {
      if (rule.pattern === undefined) context.addIssue({code: 'custom', message: 'a regex rule needs a pattern'});
      else {
        try {
          new RegExp(rule.pattern);
        } catch {
          context.addIssue({code: 'custom', message: `the pattern ${rule.pattern} is not a valid regular expression`});
        }
      }
    }
    if (rule.type === 'range' && rule.minValue === undefined && rule.maxValue === undefined) context.addIssue({code: 'custom', message: 'a range rule needs minValue or maxValue'});
    if (rule.type === 'range' && rule.minValue !== undefined && rule.maxValue !== undefined && rule.minValue > rule.maxValue) context.addIssue({code: 'custom', message: 'minValue is above maxValue'});
  });

export const clusterPolicySchema = z.record(z.string().regex(/^[a-z_]+(?:\.[A-Za-z0-9_.*\-[\]]+)*$/, 'an attribute path such as autoscale.max_workers'), policyRule);
