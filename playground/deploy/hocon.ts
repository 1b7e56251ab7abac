import type {DeployProblem, Location} from './tree';

/**
 * The effective HOCON configuration of one environment, parsed by @pushcorn/hocon-parser (the
 * npm HOCON library that implements `include`, substitutions and `${?VAR}`), with the file and
 * line that set each value.
 *
 * The same code runs in Node and in the browser. The files come from an in-memory map through a
 * `memory:` source registered with the library (its own FileSource reads the disk), and the
 * environment variables from the map given to `resolveHocon`, never from the process. In the
 * browser the library's Node imports (path, url, util, assert, os, process, Buffer) are served by
 * their browser packages (src/plugins/hoconBrowser.ts). The library is loaded on first use, so a
 * page that never resolves HOCON never downloads it. The Python side loads the same files with pyhocon.
 */

export interface HoconValue {
  path: string;
  value: unknown;
  /** The assignment that set the value (the last one that took effect). */
  location: Location;
  /** `${?VAR}` lines for this key whose variable was not set, so the earlier value stayed. */
  unsetOverrides: {variable: string; location: Location}[];
  /** Set from an environment variable through `${?VAR}` or `${VAR}`. */
  fromEnvironment?: string;
  /** `${?VAR}` lines whose variable was set but a later plain assignment won. */
  shadowedOverrides: {variable: string; location: Location}[];
}

export type HoconResult = {ok: true; config: Record<string, unknown>; values: HoconValue[]} | {ok: false; problems: DeployProblem[]};

interface Assignment {
  path: string;
  value: unknown;
  unset: boolean;
  variable?: string;
  location: Location;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyNode = any;

interface TraceState {
  trace?: {assignments: Assignment[]; env: Record<string, string>; files: Record<string, string>};
  registered?: Promise<HoconLibrary>;
  queue: Promise<unknown>;
}

/** The part of the library this module uses (the package ships no types). */
interface HoconLibrary {
  (options: {url?: string; text?: string; strict?: boolean; env?: boolean}): Promise<unknown>;
  registerNode(clazz: unknown): void;
  registerComponent(...classes: unknown[]): void;
  Node: {UNSET: symbol};
  SourceAdapter: new (...args: unknown[]) => AnyNode;
  Context: new (options: {text?: string; url?: string; strict?: boolean; env?: boolean}) => {resolve(): Promise<unknown>; $: {node: unknown}};
}

/** Where the in-memory files live: `memory:///application.conf`. */
const memoryRoot = 'memory:///';

/**
 * The library keeps one class registry per process, but this module can be loaded more than once
 * (the site build loads its config through jiti without a require cache). The tracing classes are
 * registered once, and every copy of this module shares the state they write to.
 */
const state: TraceState = ((globalThis as Record<symbol, TraceState | undefined>)[Symbol.for('mdp.deploy.hoconTrace')] ??= {queue: Promise.resolve()});

type NodeClass = new (...args: unknown[]) => AnyNode;

/** The map key of an in-memory file from its `memory:` URL. */
function fileOfUrl(href: string | undefined): string {
  return href?.startsWith(memoryRoot) ? decodeURIComponent(href.slice(memoryRoot.length)) : (href ?? '');
}

function fileOf(node: AnyNode): string {
  return fileOfUrl(node.context?.url?.$?.href);
}

/** The first node of a class name in a parsed tree. */
function findNode(node: AnyNode, name: string, depth = 0): AnyNode | undefined {
  if (!node || depth > 8) return undefined;
  if (node.constructor?.name === name) return node;
  for (const child of [...(node.children ?? []), node.value]) {
    if (child && child !== node) {
      const found = findNode(child, name, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Registers the tracing node classes once per process, on base classes taken from a parsed probe:
 * they are the classes the parser itself instantiates, whichever copy of its modules a loader gave us.
 */
function loadLibrary(): Promise<HoconLibrary> {
  state.registered ??= (async () => {
    const loaded = (await import(/* webpackChunkName: "hocon-parser" */ '@pushcorn/hocon-parser')) as unknown as {default?: HoconLibrary} & HoconLibrary;
    const hoconParser = loaded.default ?? loaded;
    // parser.js reads plugins from the CLI user's ~/.pushcorn.conf in its default "cli" mode; as a library it must not.
    (hoconParser as unknown as {$mode: string}).$mode = 'library';

    /**
     * Files from the map given to resolveHocon, addressed as `memory:///path`. Relative includes and
     * cycles follow the library's FileSource (lib/sources/FileSource.js: appendPath, hasCycle).
     */
    class MemorySource extends hoconParser.SourceAdapter {
      async onLoad() {
        const file = fileOfUrl(this.context.url.href);
        return state.trace && Object.hasOwn(state.trace.files, file) ? state.trace.files[file] : this.notFound;
      }

      hasCycle() {
        const url = this.context.url;
        for (let parent = this.context.parent; parent; parent = parent.parent) if (url.equals(parent.url)) return true;
        return false;
      }

      appendPath(path: string) {
        if (this.context.isPathAbsolute(path)) return path;
        const url = this.context.url.clone();
        url.pop();
        url.join(path);
        return url.href;
      }
    }
    // The library registers a source under its class name ("MemorySource" → `memory:`), which minification would change.
    Object.defineProperty(MemorySource, 'name', {value: 'MemorySource'});
    hoconParser.registerComponent(MemorySource);

    const probe = new hoconParser.Context({text: 'a = ${?B}', strict: true, env: false});
    await probe.resolve();
    const FieldNode = findNode(probe.$.node, 'FieldNode').constructor as NodeClass;
    const SubstitutionNode = findNode(probe.$.node, 'SubstitutionNode').constructor as NodeClass;

    /** Environment variables come from the map given to resolveHocon, never from this process. */
    class MappedEnvironmentSubstitution extends SubstitutionNode {
      async onResolveFailure(scope: unknown) {
        const keys: string[] | undefined = await this.onResolveKey(scope);
        const name = keys?.join('.');
        this.$.keys = name;
        if (name === undefined || !state.trace || !Object.hasOwn(state.trace.env, name)) return undefined;
        this.$.fromEnvironment = true;
        return state.trace.env[name];
      }
    }

    /** The environment variable a field's value looked up, if its value is a substitution that reached the environment. */
    const environmentKey = (node: AnyNode): {key: string; found: boolean} | undefined => {
      if (!node) return undefined;
      if (node instanceof MappedEnvironmentSubstitution && typeof node.$.keys === 'string') return {key: node.$.keys, found: node.$.fromEnvironment === true};
      for (const child of node.children ?? []) {
        const key = environmentKey(child);
        if (key !== undefined) return key;
      }
      return undefined;
    };

    /** Records every field assignment in order; the library re-runs them until nothing changes, so the last pass wins. */
    class TracedField extends FieldNode {
      async onResolve(scope: unknown) {
        const parentPath: string[] = this.context.fullPath.slice();
        const value = await super.onResolve(scope);
        if (state.trace) {
          const key = this.key.$.resolution;
          const lookup = environmentKey(this.value);
          state.trace.assignments.push({
            path: [...parentPath, ...(Array.isArray(key) ? key : [key])].join('.'),
            value,
            unset: value === hoconParser.Node.UNSET,
            variable: lookup && (value === hoconParser.Node.UNSET || lookup.found) ? lookup.key : undefined,
            location: {file: fileOf(this), line: this.firstToken.line, column: this.firstToken.col},
          });
        }
        return value;
      }
    }

    hoconParser.registerNode(TracedField);
    hoconParser.registerNode(MappedEnvironmentSubstitution);
    return hoconParser;
  })();
  return state.registered;
}

/**
 * Resolves `environments/<env>.conf` (which includes the base file) from `files` (paths relative to
 * the configuration directory) with `env` as the process environment.
 */
export function resolveHocon(files: Record<string, string>, env: string, environment: Record<string, string> = {}): Promise<HoconResult> {
  const run = state.queue.then(() => resolveNow(files, env, environment));
  state.queue = run.catch(() => undefined);
  return run;
}

async function resolveNow(files: Record<string, string>, env: string, environment: Record<string, string>): Promise<HoconResult> {
  const entry = `environments/${env}.conf`;
  if (!(entry in files)) return {ok: false, problems: [{severity: 'error', message: `${entry} not found: the environments are ${Object.keys(files).filter((file) => file.startsWith('environments/')).join(', ')}`}]};
  try {
    const hoconParser = await loadLibrary();
    state.trace = {assignments: [], env: environment, files};
    const config = (await hoconParser({url: `${memoryRoot}${entry}`, strict: true, env: false})) as Record<string, unknown>;
    return {ok: true, config, values: provenance(config, state.trace.assignments)};
  } catch (error) {
    return {ok: false, problems: [problemOf(error, entry)]};
  } finally {
    state.trace = undefined;
  }
}

function provenance(config: Record<string, unknown>, assignments: Assignment[]): HoconValue[] {
  const leaves: {path: string; value: unknown}[] = [];
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
    } else leaves.push({path, value});
  };
  walk(config, '');
  return leaves.map(({path, value}) => {
    const forPath = assignments.filter((assignment) => assignment.path === path);
    const winner = forPath.filter((assignment) => !assignment.unset).at(-1);
    const seen = new Set<string>();
    const unsetOverrides = forPath
      .filter((assignment) => assignment.unset && assignment.variable)
      .filter((assignment) => {
        const key = `${assignment.location.file}:${assignment.location.line}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((assignment) => ({variable: assignment.variable!, location: assignment.location}));
    const shadowed = new Set<string>();
    const shadowedOverrides = forPath
      .filter((assignment) => !assignment.unset && assignment.variable && assignment !== winner && assignment.location.line !== winner?.location.line)
      .filter((assignment) => {
        const key = `${assignment.location.file}:${assignment.location.line}`;
        if (shadowed.has(key)) return false;
        shadowed.add(key);
        return true;
      })
      .map((assignment) => ({variable: assignment.variable!, location: assignment.location}));
    return {
      path,
      value,
      location: winner?.location ?? {file: '', line: 0, column: 0},
      unsetOverrides,
      shadowedOverrides,
      ...(winner?.variable ? {fromEnvironment: winner.variable} : {}),
    };
  });
}

/** The library's messages end with `Token: { value: "…", line: 3, col: 2 }`; keep the text, point at the line. */
function problemOf(error: unknown, entry: string): DeployProblem {
  const message = error instanceof Error ? error.message : String(error);
  const token = /Token: \{ value: "(?:[^"\\]|\\.)*", line: (\d+), col: (\d+)(?:, file: ([^ }]+))? \}/.exec(message);
  const source = /Source: [A-Za-z]+\.\d+@/.exec(message);
  const file = token?.[3] ? fileOfUrl(token[3]) : entry;
  const text = message.replace(/\s*\((?:Source: [^)]*)\)/, '').replace(/\s*Token: \{[^}]*\}/, '').replace(source?.[0] ?? '\u0000', '').trim();
  return {severity: 'error', message: text, file, ...(token ? {line: Number(token[1]), column: Number(token[2])} : {})};
}
