import * as z from 'zod';
import {parseOptions} from '../lab/options';
import {resolveReferences, type LookupResult} from './references';
import {validateBundleSchema} from './schema';
import {
  DeployError,
  get,
  getPath,
  map,
  mapValues,
  merge,
  mergeElementsByKey,
  parseYamlFile,
  scalar,
  setPath,
  stringValue,
  toPlain,
  type DeployProblem,
  type Location,
  type Value,
} from './tree';

/**
 * The effective configuration of one bundle target, as `databricks bundle validate -t <target>`
 * computes it offline. Each step cites the Databricks CLI (github.com/databricks/cli) code it
 * follows; steps that need the workspace (lookups, uploads) are shown, not performed.
 */

export const bundleContextSchema = z
  .object({
    /** The deploying identity's user name: an e-mail, or a service principal's application ID. */
    userName: z.string().min(1, 'The user name cannot be empty.'),
    /** A service principal's display name (its short name comes from it). */
    displayName: z.string().optional(),
    /** `--var name=value` flags. */
    vars: z.record(z.string(), z.string()).default({}),
    /** The process environment; only `BUNDLE_VAR_*` entries matter. */
    env: z.record(z.string(), z.string()).default({}),
    /** The checked-out branch, for targets that pin `git.branch`. */
    gitBranch: z.string().optional(),
  })
  .strict();

export type BundleContext = z.input<typeof bundleContextSchema>;

/** Where a variable's value came from, highest precedence first. */
export type VariableSource = 'flag' | 'environment' | 'target' | 'default' | 'lookup';

export interface ResolvedVariable {
  name: string;
  source: VariableSource;
  /** The value (plain data), or undefined for an unresolved lookup. */
  value?: unknown;
  /** For a lookup variable: the kind of object and its name, resolved by the CLI against the workspace. */
  lookup?: {kind: string; name: string};
  location: Location;
}

export interface BundleResolution {
  target: string;
  /** The resolved configuration with locations. */
  config: Value;
  variables: ResolvedVariable[];
  problems: DeployProblem[];
}

export type BundleResult = ({ok: true} & BundleResolution) | {ok: false; target?: string; problems: DeployProblem[]};

const rootFile = 'databricks.yml';

/** Resolves `target` from the bundle files (`databricks.yml` and what it includes) for `context`. */
export function resolveBundle(files: Record<string, string>, target: string | undefined, context: BundleContext): BundleResult {
  const options = parseOptions(bundleContextSchema, context, 'resolveBundle');
  try {
    return resolve(files, target, options);
  } catch (error) {
    if (error instanceof DeployError) return {ok: false, target, problems: [error.problem]};
    throw error;
  }
}

function resolve(files: Record<string, string>, requestedTarget: string | undefined, context: z.output<typeof bundleContextSchema>): BundleResult {
  const problems: DeployProblem[] = [];
  const rootText = files[rootFile];
  if (rootText === undefined) {
    throw new DeployError({severity: 'error', message: `unable to locate bundle root: ${rootFile} not found`});
  }
  let root = parseYamlFile(rootFile, rootText);
  root = loadIncludes(root, files);
  // `environments` is the deprecated name of `targets` (bundle/config/mutator/environments_compat.go).
  if (get(root, 'targets') === undefined && get(root, 'environments') !== undefined) root = setPath(root, ['targets'], get(root, 'environments')!);

  const targets = get(root, 'targets');
  const target = requestedTarget ?? defaultTarget(targets);
  const targetValue = get(targets, target);
  if (targets === undefined || targets.kind !== 'map') throw new DeployError({severity: 'error', message: 'no targets defined', file: rootFile, line: 1, column: 1});
  if (targetValue === undefined) {
    throw new DeployError({severity: 'error', message: `${target}: no such target. Available targets: ${[...targets.entries.keys()].join(', ')}`});
  }

  root = rewriteShorthands(root, target);
  const targetVariables = new Set(entries(getPath(root, `targets.${target}.variables`)).map(([name]) => name));
  root = mergeTargetOverrides(root, target);
  const mode = stringValue(getPath(root, 'bundle.mode'));
  if (mode !== undefined && mode !== 'development' && mode !== 'production') {
    const at = getPath(root, 'bundle.mode')!.location;
    throw new DeployError({severity: 'error', message: `unsupported value '${mode}' specified for 'mode': must be either 'development' or 'production'`, ...at, path: `targets.${target}.mode`});
  }

  root = populateWorkspace(root, target, context);
  const variables = setVariables(root, targetVariables, context);
  root = variables.root;

  // Complex variables first, so a job that uses one gets its fields resolved
  // (ResolveVariableReferencesInComplexVariables), then everything outside resources.
  const beforeVariables = root;
  root = resolveReferences(root, (path) => lookupReference(beforeVariables, path, variables.lookups), (path) => /^variables\.[^.]+\.value[.[]/.test(path));
  const beforeRest = root;
  root = resolveReferences(root, (path) => lookupReference(beforeRest, path, variables.lookups), (path) => !/^resources(\.|$)/.test(path));
  // Resources last (ResolveVariableReferencesOnlyResources), so a cycle among variables is reported from the variables.
  const beforeResources = root;
  root = resolveReferences(root, (path) => lookupReference(beforeResources, path, variables.lookups), (path) => /^resources(\.|$)/.test(path));
  root = translatePaths(root);
  root = mergeResourceSequences(root);
  problems.push(...validateGitBranch(root, context));
  if (mode === 'development') {
    problems.push(...validateDevelopmentMode(root, context));
    root = applyDevelopmentPresets(root, context);
  }
  root = applyPresets(root);
  root = applyJobDefaults(root);
  root = applyBundlePermissions(root);
  if (mode === 'production') problems.push(...validateProductionMode(root, targetValue, context));
  problems.push(...validateJobClusterKeys(root));
  problems.push(...validateBundleSchema(root));
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) return {ok: false, target, problems};
  return {ok: true, target, config: root, variables: variables.resolved, problems};
}

/** The targets the bundle declares (in databricks.yml or an included file), or none when the files do not load. */
export function bundleTargets(files: Record<string, string>): string[] {
  try {
    const rootText = files[rootFile];
    if (rootText === undefined) return [];
    const root = loadIncludes(parseYamlFile(rootFile, rootText), files);
    const targets = get(root, 'targets') ?? get(root, 'environments');
    return targets?.kind === 'map' ? [...targets.entries.keys()] : [];
  } catch (error) {
    if (error instanceof DeployError) return [];
    throw error;
  }
}

/** The target marked `default: true`, or the only one (bundle/config/mutator/default_target.go, select_default_target.go). */
function defaultTarget(targets: Value | undefined): string {
  if (targets?.kind !== 'map' || targets.entries.size === 0) return 'default';
  if (targets.entries.size === 1) return [...targets.entries.keys()][0]!;
  const defaults = [...targets.entries].filter(([, value]) => get(value, 'default')?.value === true).map(([name]) => name);
  if (defaults.length > 1) throw new DeployError({severity: 'error', message: `multiple targets are marked as default (${defaults.join(', ')})`});
  if (defaults.length === 0) throw new DeployError({severity: 'error', message: `please specify target`});
  return defaults[0]!;
}

/**
 * Loads the files the root's `include` globs match (bundle/config/loader/process_root_includes.go):
 * each pattern in order, its matches sorted, a file only once, YAML or JSON only; a pattern
 * without glob characters that matches nothing is an error. Globs follow Go's filepath.Glob, so
 * `*` never crosses a `/` and `**` is the same as `*`.
 */
function loadIncludes(root: Value, files: Record<string, string>): Value {
  const include = get(root, 'include');
  if (include === undefined) return root;
  if (include.kind !== 'sequence') throw new DeployError({severity: 'error', message: `expected sequence, found ${include.kind}`, ...include.location, path: 'include'});
  const seen = new Set([rootFile]);
  let merged = root;
  for (const entry of include.items) {
    const pattern = stringValue(entry);
    if (pattern === undefined) throw new DeployError({severity: 'error', message: `expected string, found ${entry.kind}`, ...entry.location, path: 'include'});
    if (pattern.startsWith('/')) throw new DeployError({severity: 'error', message: `${pattern}: includes must be relative paths`, ...entry.location, path: 'include'});
    const matcher = globToRegExp(pattern);
    const matches = Object.keys(files).filter((file) => matcher.test(file)).sort();
    if (matches.length === 0 && !/[*?[]/.test(pattern)) {
      throw new DeployError({severity: 'error', message: `${pattern} defined in 'include' section does not match any files`, ...entry.location, path: 'include'});
    }
    for (const file of matches) {
      if (seen.has(file)) continue;
      seen.add(file);
      if (!/\.(ya?ml|json)$/.test(file)) {
        throw new DeployError({severity: 'error', message: "Files in the 'include' configuration section must be YAML or JSON files.", ...entry.location, path: 'include'});
      }
      const included = parseYamlFile(file, files[file]!);
      verifySafeMerge(merged, included);
      merged = merge(merged, withoutKey(included, 'include'))!;
    }
  }
  return merged;
}

function withoutKey(value: Value, key: string): Value {
  if (value.kind !== 'map') return value;
  const entries = new Map(value.entries);
  entries.delete(key);
  return {...value, entries};
}

/** Go's filepath.Match syntax: `*` any run of non-separators, `?` one, `[...]` a class. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = pattern.indexOf(']', index + 1);
      if (end < 0) {
        source += '\\[';
        continue;
      }
      const body = pattern.slice(index + 1, end).replace(/^\^/, '^').replace(/\\/g, '\\\\');
      source += `[${body}]`;
      index = end;
    } else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Resource keys are unique across all resource types and files
 * (bundle/config/validate/unique_resource_keys.go): "multiple resources have been defined with the same key".
 */
function verifySafeMerge(root: Value, included: Value): void {
  const known = new Map<string, Location>();
  for (const [, resources] of (get(root, 'resources') as Value & {kind: 'map'})?.entries ?? []) {
    if (resources.kind === 'map') for (const [key, value] of resources.entries) known.set(key, value.location);
  }
  for (const [, resources] of (get(included, 'resources') as Value & {kind: 'map'})?.entries ?? []) {
    if (resources.kind !== 'map') continue;
    for (const [key, value] of resources.entries) {
      const first = known.get(key);
      if (first) {
        throw new DeployError({
          severity: 'error',
          message: `multiple resources have been defined with the same key: ${key} (${first.file}:${first.line}:${first.column}, ${value.location.file}:${value.location.line}:${value.location.column})`,
          ...value.location,
        });
      }
    }
  }
}

/**
 * A target's `variables:` may give a bare value; the CLI rewrites it to `{default: value}`, and
 * for a complex variable to `{type: complex, default: value}` (rewriteShorthands in bundle/config/root.go).
 */
function rewriteShorthands(root: Value, target: string): Value {
  const targetVariables = getPath(root, `targets.${target}.variables`);
  if (targetVariables?.kind !== 'map') return root;
  const allowed = [['default', 'type', 'description'], ['default', 'type'], ['default', 'description'], ['lookup', 'description'], ['default'], ['lookup']];
  const isFullDefinition = (value: Value) =>
    value.kind === 'map' && allowed.some((keys) => keys.length === value.entries.size && keys.every((key) => value.entries.has(key)));
  const entries = new Map<string, Value>();
  for (const [name, value] of targetVariables.entries) {
    if (value.kind === 'map' && isFullDefinition(value)) {
      entries.set(name, value);
      continue;
    }
    const declaredType = stringValue(getPath(root, `variables.${name}.type`));
    const rewritten: [string, Value][] = declaredType === 'complex' && (value.kind === 'map' || value.kind === 'sequence') ? [['type', scalar('complex', value.location)], ['default', value]] : [['default', value]];
    entries.set(name, map(rewritten, value.location));
  }
  return setPath(root, ['targets', target, 'variables'], {kind: 'map', entries, location: targetVariables.location});
}

/**
 * Root.MergeTargetOverrides (bundle/config/root.go): checks every target variable is declared,
 * merges bundle, workspace, artifacts, resources, sync, permissions, variables and presets into
 * the root (maps recursively, sequences appended), and replaces run_as, mode and compute_id.
 */
function mergeTargetOverrides(root: Value, target: string): Value {
  const targetValue = getPath(root, `targets.${target}`)!;
  const declared = get(root, 'variables');
  const overrides = get(targetValue, 'variables');
  if (overrides?.kind === 'map') {
    for (const [name, value] of overrides.entries) {
      if (get(declared, name) === undefined) {
        throw new DeployError({severity: 'error', message: `variable ${name} is not defined but is assigned a value`, ...value.location, path: `targets.${target}.variables.${name}`});
      }
    }
  }
  let out = withoutKey(withoutKey(root, 'targets'), 'environments');
  for (const field of ['bundle', 'workspace', 'artifacts', 'resources', 'sync', 'permissions', 'variables', 'presets']) {
    const override = get(targetValue, field);
    if (override === undefined) continue;
    const merged = merge(get(out, field), override);
    if (merged) out = setPath(out, [field], merged);
  }
  for (const [field, path] of [['run_as', ['run_as']], ['mode', ['bundle', 'mode']], ['compute_id', ['bundle', 'compute_id']]] as const) {
    const value = get(targetValue, field);
    if (value !== undefined && value.kind !== 'nil') out = setPath(out, [...path], value);
  }
  const git = get(targetValue, 'git');
  if (git !== undefined) out = setPath(out, ['bundle', 'git'], merge(getPath(out, 'bundle.git'), git)!);
  return setPath(out, ['bundle', 'target'], scalar(target, targetValue.location));
}

/**
 * The deploying user and the default workspace paths: root_path `~/.bundle/<name>/<target>`
 * (bundle/config/mutator/default_workspace_root.go), `~` expanded to `/Workspace/Users/<user name>`
 * (expand_workspace_root.go), then files, artifacts, resources and state below it (default_workspace_paths.go).
 */
function populateWorkspace(root: Value, target: string, context: z.output<typeof bundleContextSchema>): Value {
  const user = map([
    ['userName', scalar(context.userName)],
    ['short_name', scalar(shortUserName(context))],
  ]);
  let out = setPath(root, ['workspace', 'current_user'], user);
  const bundleName = stringValue(getPath(out, 'bundle.name')) ?? '';
  const rootPathValue = getPath(out, 'workspace.root_path');
  let rootPath = stringValue(rootPathValue) ?? `~/.bundle/${bundleName}/${target}`;
  if (rootPath.startsWith('~/')) rootPath = `/Workspace/Users/${context.userName}/${rootPath.slice(2)}`;
  out = setPath(out, ['workspace', 'root_path'], scalar(rootPath, rootPathValue?.location));
  for (const [field, suffix] of [['file_path', 'files'], ['artifact_path', 'artifacts'], ['resource_path', 'resources'], ['state_path', 'state']] as const) {
    if (getPath(out, `workspace.${field}`) === undefined) out = setPath(out, ['workspace', field], scalar(`${rootPath}/${suffix}`, rootPathValue?.location));
  }
  return out;
}

/**
 * The user's short name (libs/iamutil GetShortUserName): the part of the user name (for a service
 * principal, its display name) before `@`, lower-cased, every run of characters other than letters
 * and digits turned into one `_` (libs/textutil NormalizeString).
 */
export function shortUserName(context: {userName: string; displayName?: string}): string {
  const name = isServicePrincipal(context.userName) && context.displayName ? context.displayName : context.userName;
  const local = name.split('@')[0]!;
  return local
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

/** A service principal's user name is its application ID, a UUID (libs/iamutil IsServicePrincipal). */
function isServicePrincipal(userName: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userName);
}

/**
 * Each variable's value by precedence (bundle/config/mutator/set_variables.go and Root.InitializeVariables;
 * docs "Substitutions and variables in Databricks Asset Bundles", precedence order): `--var`, then
 * `BUNDLE_VAR_<name>`, then the target's value (merged over the default), then the default; a lookup
 * is resolved against the workspace, so offline it stays unresolved; nothing at all is an error.
 */
function setVariables(root: Value, targetVariables: Set<string>, context: z.output<typeof bundleContextSchema>) {
  const declared = get(root, 'variables');
  const resolved: ResolvedVariable[] = [];
  const lookups = new Set<string>();
  for (const name of Object.keys(context.vars)) {
    if (get(declared, name) === undefined) throw new DeployError({severity: 'error', message: `variable ${name} has not been defined`, file: '--var'});
  }
  let out = root;
  if (declared?.kind !== 'map') return {root: out, resolved, lookups};
  for (const [name, definition] of declared.entries) {
    const type = stringValue(get(definition, 'type'));
    const defaultValue = get(definition, 'default');
    const lookup = get(definition, 'lookup');
    const flag = context.vars[name];
    const environment = context.env[`BUNDLE_VAR_${name}`];
    let value: Value | undefined;
    let source: VariableSource;
    if (flag !== undefined) {
      value = scalar(flag, {file: `--var ${name}`, line: 0, column: 0});
      source = 'flag';
    } else if (environment !== undefined) {
      if (type === 'complex') {
        throw new DeployError({severity: 'error', message: `setting via environment variables (BUNDLE_VAR_${name}) is not supported for complex variable ${name}`, ...definition.location, path: `variables.${name}`});
      }
      value = scalar(environment, {file: `BUNDLE_VAR_${name}`, line: 0, column: 0});
      source = 'environment';
    } else if (lookup?.kind === 'map') {
      const [kind, lookupName] = [...lookup.entries][0] ?? ['', scalar('')];
      lookups.add(name);
      resolved.push({name, source: 'lookup', lookup: {kind, name: String(lookupName.value)}, location: lookup.location});
      continue;
    } else if (defaultValue !== undefined) {
      value = defaultValue;
      source = targetVariables.has(name) ? 'target' : 'default';
    } else {
      throw new DeployError({
        severity: 'error',
        message: `no value assigned to required variable ${name}. Assignment can be done using "--var", by setting the BUNDLE_VAR_${name} environment variable, or in .databricks/bundle/<target>/variable-overrides.json file`,
        ...definition.location,
        path: `variables.${name}`,
      });
    }
    out = setPath(out, ['variables', name, 'value'], value);
    resolved.push({name, source, value: toPlain(value), location: value.location});
  }
  return {root: out, resolved, lookups};
}

/**
 * How a reference is looked up (bundle/config/mutator/resolve_variable_references.go): `${var.x}` is
 * `${variables.x.value}`, only the `bundle`, `workspace` and `variables` prefixes are resolved, and
 * anything else (`${resources.jobs.x.id}`) stays as written until deploy.
 */
function lookupReference(root: Value, path: string, lookups: Set<string>): LookupResult | undefined {
  let rewritten = path;
  if (path === 'var' || path.startsWith('var.')) {
    const [, name, ...rest] = path.split('.');
    rewritten = ['variables', name, 'value', ...rest].join('.');
    if (name !== undefined && lookups.has(name)) return 'skip';
  }
  if (!/^(bundle|workspace|variables)(\.|$)/.test(rewritten)) return 'skip';
  const value = getPath(root, rewritten);
  if (value === undefined) return undefined;
  return {value};
}

/**
 * A task's local python_file is relative to the YAML file that declares it; the CLI rewrites it to
 * its synced copy under workspace.file_path (bundle/config/mutator/translate_paths.go). A path
 * that leaves the bundle root cannot be synced.
 */
function translatePaths(root: Value): Value {
  const filePath = stringValue(getPath(root, 'workspace.file_path')) ?? '';
  let out = root;
  for (const [name, job] of entries(getPath(out, 'resources.jobs'))) {
    const tasks = get(job, 'tasks');
    if (tasks?.kind !== 'sequence') continue;
    const translated = tasks.items.map((task) => {
      const file = getPath(task, 'spark_python_task.python_file');
      const local = stringValue(file);
      if (local === undefined || /^(\/|[a-z]+:|\$\{)/i.test(local)) return task;
      const parts: string[] = [];
      for (const part of [...file!.location.file.split('/').slice(0, -1), ...local.split('/')]) {
        if (part === '..') {
          if (parts.length === 0) throw new DeployError({severity: 'error', message: `path ${local} is not contained in sync root path`, ...file!.location});
          parts.pop();
        } else if (part !== '.' && part !== '') parts.push(part);
      }
      return setPath(task, ['spark_python_task', 'python_file'], {...file!, kind: 'string', value: `${filePath}/${parts.join('/')}`} as Value);
    });
    out = setPath(out, ['resources', 'jobs', name, 'tasks'], {...tasks, items: translated});
  }
  return out;
}

/**
 * After resolution the CLI merges the elements of a job's job_clusters by job_cluster_key, its
 * tasks by task_key and its parameters by name (bundle/config/mutator/resourcemutator/
 * merge_job_clusters.go, merge_job_tasks.go, merge_job_parameters.go), and a pipeline's clusters by label.
 */
function mergeResourceSequences(root: Value): Value {
  const jobs = getPath(root, 'resources.jobs');
  let out = root;
  if (jobs?.kind === 'map') {
    for (const [name, job] of jobs.entries) {
      let merged = job;
      for (const [field, key] of [['job_clusters', 'job_cluster_key'], ['tasks', 'task_key'], ['parameters', 'name']] as const) {
        const sequence = get(merged, field);
        if (sequence !== undefined) merged = setPath(merged, [field], mergeElementsByKey(sequence, key)!);
      }
      out = setPath(out, ['resources', 'jobs', name], merged);
    }
  }
  return out;
}

function validateGitBranch(root: Value, context: z.output<typeof bundleContextSchema>): DeployProblem[] {
  const branch = getPath(root, 'bundle.git.branch');
  const expected = stringValue(branch);
  if (expected === undefined || context.gitBranch === undefined || expected === context.gitBranch) return [];
  // bundle/config/mutator/validate_git_details.go; `--force` skips it.
  return [{severity: 'error', message: `not on the right Git branch:\n  expected according to configuration: ${expected}\n  actual: ${context.gitBranch}`, ...branch!.location, path: 'bundle.git.branch'}];
}

/** validateDevelopmentMode (bundle/config/mutator/resourcemutator/validate_target_mode.go). */
function validateDevelopmentMode(root: Value, context: z.output<typeof bundleContextSchema>): DeployProblem[] {
  const problems: DeployProblem[] = [];
  const short = shortUserName(context);
  const pause = getPath(root, 'presets.trigger_pause_status');
  if (stringValue(pause) === 'UNPAUSED') {
    problems.push({severity: 'error', message: "target with 'mode: development' cannot set trigger pause status to UNPAUSED by default", ...pause!.location, path: 'presets.trigger_pause_status'});
  }
  const prefix = getPath(root, 'presets.name_prefix');
  const prefixText = stringValue(prefix);
  if (prefixText && !prefixText.includes(context.userName) && !prefixText.includes(short)) {
    problems.push({severity: 'error', message: "prefix should contain the current username or ${workspace.current_user.short_name} to ensure uniqueness when using 'mode: development'", ...prefix!.location, path: 'presets.name_prefix'});
  }
  const rootPath = getPath(root, 'workspace.root_path');
  const rootPathText = stringValue(rootPath) ?? '';
  if (!rootPathText.includes(context.userName) && !rootPathText.includes(short)) {
    problems.push({severity: 'error', message: "root_path must start with '~/' or contain the current username to ensure uniqueness when using 'mode: development'", ...rootPath!.location, path: 'workspace.root_path'});
  }
  return problems;
}

/**
 * Development mode's presets (transformDevelopmentMode in apply_target_mode.go), each only where
 * the bundle does not set it: name prefix `[dev <short name>] `, a `dev` tag, four concurrent runs,
 * triggers paused, pipelines in development mode.
 */
function applyDevelopmentPresets(root: Value, context: z.output<typeof bundleContextSchema>): Value {
  const short = shortUserName(context);
  const mode = getPath(root, 'bundle.mode')!.location;
  let out = root;
  const preset = (key: string, value: Value) => {
    if (getPath(out, `presets.${key}`) === undefined) out = setPath(out, ['presets', key], value);
  };
  preset('name_prefix', scalar(`[dev ${short}] `, mode));
  if (getPath(out, 'presets.tags.dev') === undefined) out = setPath(out, ['presets', 'tags', 'dev'], scalar(short, mode));
  preset('jobs_max_concurrent_runs', scalar(4, mode));
  preset('trigger_pause_status', scalar('PAUSED', mode));
  if (getPath(out, 'presets.pipelines_development')?.value !== false) out = setPath(out, ['presets', 'pipelines_development'], scalar(true, mode));
  return out;
}

/**
 * ApplyPresets (apply_presets.go) for jobs and pipelines: the name prefix, tags the resource does
 * not set, max_concurrent_runs where unset, and the pause status of a schedule, trigger or
 * continuous run only where the job leaves it empty (an explicit UNPAUSED survives development mode).
 */
function applyPresets(root: Value): Value {
  const presets = get(root, 'presets');
  if (presets === undefined) return root;
  const prefix = get(presets, 'name_prefix');
  const tags = get(presets, 'tags');
  const maxRuns = get(presets, 'jobs_max_concurrent_runs');
  const pause = get(presets, 'trigger_pause_status');
  let out = root;
  for (const [name, job] of entries(getPath(out, 'resources.jobs'))) {
    let updated = job;
    const jobName = get(updated, 'name');
    if (prefix) updated = setPath(updated, ['name'], scalar(`${prefix.value}${jobName?.value ?? ''}`, jobName?.location ?? job.location));
    for (const [tag, value] of entries(tags)) {
      if (!stringValue(getPath(updated, `tags.${tag}`))) updated = setPath(updated, ['tags', tag], value);
    }
    const runs = get(updated, 'max_concurrent_runs');
    if (maxRuns && (runs === undefined || runs.value === 0)) updated = setPath(updated, ['max_concurrent_runs'], maxRuns);
    if (pause) {
      for (const field of ['schedule', 'continuous', 'trigger']) {
        const block = get(updated, field);
        if (block !== undefined && !stringValue(get(block, 'pause_status'))) updated = setPath(updated, [field, 'pause_status'], pause);
      }
    }
    out = setPath(out, ['resources', 'jobs', name], updated);
  }
  for (const [name, pipeline] of entries(getPath(out, 'resources.pipelines'))) {
    let updated = pipeline;
    const pipelineName = get(updated, 'name');
    if (prefix) updated = setPath(updated, ['name'], scalar(`${prefix.value}${pipelineName?.value ?? ''}`, pipelineName?.location ?? pipeline.location));
    if (get(presets, 'pipelines_development')?.value === true) updated = setPath(updated, ['development'], scalar(true, get(presets, 'pipelines_development')!.location));
    if (stringValue(pause) === 'PAUSED') updated = setPath(updated, ['continuous'], scalar(false, pause!.location));
    out = setPath(out, ['resources', 'pipelines', name], updated);
  }
  return out;
}

function entries(value: Value | undefined): [string, Value][] {
  return value?.kind === 'map' ? [...value.entries] : [];
}

/**
 * The job defaults the CLI sets after presets (resource_mutator.go, the same as the Terraform
 * provider's): name "Untitled", one concurrent run, schedules, triggers and continuous runs UNPAUSED,
 * queueing enabled.
 */
function applyJobDefaults(root: Value): Value {
  let out = root;
  for (const [name, job] of entries(getPath(out, 'resources.jobs'))) {
    let updated = job;
    if (get(updated, 'name') === undefined) updated = setPath(updated, ['name'], scalar('Untitled', job.location));
    if (get(updated, 'max_concurrent_runs') === undefined) updated = setPath(updated, ['max_concurrent_runs'], scalar(1, job.location));
    for (const field of ['schedule', 'trigger', 'continuous']) {
      const block = get(updated, field);
      if (block !== undefined && get(block, 'pause_status') === undefined) updated = setPath(updated, [field, 'pause_status'], scalar('UNPAUSED', block.location));
    }
    if (get(updated, 'queue') === undefined) updated = setPath(updated, ['queue', 'enabled'], scalar(true, job.location));
    out = setPath(out, ['resources', 'jobs', name], updated);
  }
  return out;
}

/**
 * Bundle-level permissions added to every job and pipeline (apply_bundle_permissions.go): only
 * CAN_MANAGE, CAN_VIEW and CAN_RUN are allowed; CAN_RUN becomes CAN_MANAGE_RUN on a job; a
 * principal the resource already names keeps the resource's own level.
 */
function applyBundlePermissions(root: Value): Value {
  const permissions = get(root, 'permissions');
  if (permissions?.kind !== 'sequence') return root;
  const allowed = ['CAN_MANAGE', 'CAN_VIEW', 'CAN_RUN'];
  for (const permission of permissions.items) {
    const level = get(permission, 'level');
    if (!allowed.includes(String(level?.value))) {
      throw new DeployError({severity: 'error', message: `invalid permission level: ${level?.value}, allowed values: [${allowed.join(', ')}]`, ...(level ?? permission).location, path: 'permissions'});
    }
  }
  const levels: Record<string, Record<string, string>> = {
    jobs: {CAN_MANAGE: 'CAN_MANAGE', CAN_VIEW: 'CAN_VIEW', CAN_RUN: 'CAN_MANAGE_RUN'},
    pipelines: {CAN_MANAGE: 'CAN_MANAGE', CAN_VIEW: 'CAN_VIEW', CAN_RUN: 'CAN_RUN'},
  };
  const principals = ['user_name', 'group_name', 'service_principal_name'];
  let out = root;
  for (const type of ['jobs', 'pipelines']) {
    for (const [name, resource] of entries(getPath(out, `resources.${type}`))) {
      const own = get(resource, 'permissions');
      const ownItems = own?.kind === 'sequence' ? own.items : [];
      const added = permissions.items.flatMap((permission) => {
        const overlaps = ownItems.some((existing) => principals.some((key) => get(existing, key) !== undefined && get(existing, key)?.value === get(permission, key)?.value));
        if (overlaps) return [];
        const level = levels[type]![String(get(permission, 'level')!.value)]!;
        return [mapValues(permission, (value, path) => (path === 'level' ? scalar(level, value.location) : value))];
      });
      if (added.length === 0) continue;
      out = setPath(out, ['resources', type, name, 'permissions'], {kind: 'sequence', items: [...ownItems, ...added], location: own?.location ?? permissions.location});
    }
  }
  return out;
}

/** validateProductionMode (validate_target_mode.go): pipelines not in development, one copy per target. */
function validateProductionMode(root: Value, targetValue: Value, context: z.output<typeof bundleContextSchema>): DeployProblem[] {
  for (const [, pipeline] of entries(getPath(root, 'resources.pipelines'))) {
    if (get(pipeline, 'development')?.value === true) {
      return [{severity: 'error', message: "target with 'mode: production' cannot include a pipeline with 'development: true'", ...get(pipeline, 'development')!.location}];
    }
  }
  if (getPath(targetValue, 'workspace.root_path') !== undefined) return [];
  const runAsEverywhere = get(root, 'run_as') !== undefined || entries(getPath(root, 'resources.jobs')).every(([, job]) => get(job, 'run_as') !== undefined);
  const advice = "set 'workspace.root_path' to make sure only one copy is deployed";
  const at = getPath(root, 'bundle.mode')!.location;
  if (runAsEverywhere || isServicePrincipal(context.userName)) return [{severity: 'recommendation', message: `target with 'mode: production' should ${advice}`, ...at}];
  return [{severity: 'error', message: `target with 'mode: production' must ${advice}`, ...at}];
}

/** validate/job_cluster_key_defined.go: a task's job_cluster_key must name one of the job's clusters. */
function validateJobClusterKeys(root: Value): DeployProblem[] {
  const problems: DeployProblem[] = [];
  for (const [name, job] of entries(getPath(root, 'resources.jobs'))) {
    const clusters = get(job, 'job_clusters');
    const keys = new Set((clusters?.kind === 'sequence' ? clusters.items : []).map((cluster) => stringValue(get(cluster, 'job_cluster_key'))));
    const tasks = get(job, 'tasks');
    (tasks?.kind === 'sequence' ? tasks.items : []).forEach((task, index) => {
      const key = get(task, 'job_cluster_key');
      const text = stringValue(key);
      if (text && !keys.has(text)) {
        problems.push({severity: 'warning', message: `job_cluster_key ${text} is not defined`, ...key!.location, path: `resources.jobs.${name}.tasks[${index}].job_cluster_key`});
      }
    });
  }
  return problems;
}

/** The resolved configuration as plain data, as `databricks bundle validate --output json` prints it. */
export function bundleToJson(resolution: BundleResolution): unknown {
  return toPlain(resolution.config);
}
