import {isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode} from 'yaml';

/** Where a value was written: the file (relative to the bundle root) and its 1-based line and column. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

/**
 * A configuration value that remembers where it came from, like the Databricks CLI's `dyn.Value`
 * (libs/dyn/value.go): every map, sequence and scalar carries its location through merges and
 * variable resolution.
 */
export type Value = MapValue | SequenceValue | ScalarValue;

export interface MapValue {
  kind: 'map';
  entries: Map<string, Value>;
  location: Location;
  /** Only scalars hold a value; reading it on a map gives undefined. */
  value?: undefined;
  references?: undefined;
}

export interface SequenceValue {
  kind: 'sequence';
  items: Value[];
  location: Location;
  value?: undefined;
  references?: undefined;
}

export interface ScalarValue {
  kind: 'string' | 'int' | 'float' | 'bool' | 'nil';
  value: string | number | boolean | null;
  location: Location;
  /** The variables and substitutions a resolved string or value came from. */
  references?: Reference[];
}

/** A `${...}` reference that produced (part of) a value, with where its value was defined. */
export interface Reference {
  path: string;
  value: string;
  location: Location;
}

/** A problem with the file, line and configuration path it concerns, as the CLI reports diagnostics. */
export interface DeployProblem {
  severity: 'error' | 'warning' | 'recommendation';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  path?: string;
}

/** An error that stops resolution; it carries the problem to show next to the file. */
export class DeployError extends Error {
  constructor(readonly problem: DeployProblem) {
    super(problem.message);
  }
}

export const nowhere: Location = {file: '', line: 0, column: 0};

export function map(entries: Iterable<[string, Value]>, location: Location = nowhere): MapValue {
  return {kind: 'map', entries: new Map(entries), location};
}

export function scalar(value: string | number | boolean | null, location: Location = nowhere): ScalarValue {
  return {kind: kindOf(value), value, location};
}

function kindOf(value: string | number | boolean | null): ScalarValue['kind'] {
  if (value === null) return 'nil';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return 'string';
}

/** Parses one YAML file into located values; a syntax error becomes a DeployError at its line. */
export function parseYamlFile(file: string, text: string): Value {
  const lines = new LineCounter();
  const document = parseDocument(text, {lineCounter: lines, prettyErrors: false, uniqueKeys: true});
  const error = document.errors[0];
  if (error) {
    const {line, col} = lines.linePos(error.pos[0]);
    throw new DeployError({severity: 'error', message: `yaml: ${error.message.split('\n')[0]}`, file, line, column: col});
  }
  const at = (offset: number | undefined): Location => {
    const {line, col} = lines.linePos(offset ?? 0);
    return {file, line, column: col};
  };
  return convert(document, document.contents as YamlNode | null, text, at) ?? map([], at(0));
}

function convert(document: Document, node: YamlNode | null, text: string, at: (offset: number | undefined) => Location): Value | undefined {
  if (node === null || node === undefined) return undefined;
  if (isAlias(node)) return convert(document, node.resolve(document) as YamlNode, text, at);
  const location = at(node.range?.[0]);
  if (isMap(node)) {
    const entries = new Map<string, Value>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const keyLocation = at(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
      // A key with no value is YAML null; the CLI keeps it as a nil value at the key's position.
      entries.set(key, convert(document, pair.value as YamlNode | null, text, at) ?? scalar(null, keyLocation));
    }
    return {kind: 'map', entries, location};
  }
  if (isSeq(node)) {
    return {kind: 'sequence', items: node.items.map((item) => convert(document, item as YamlNode | null, text, at) ?? scalar(null, location)), location};
  }
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value === 'number') {
      // YAML 1.2 reads 2.0 as a number; the CLI (yaml.v3) keeps it a float, so look at the source.
      const source = node.range ? text.slice(node.range[0], node.range[1]) : String(value);
      return {kind: /[.eE]/.test(source) && !/^0x/i.test(source) ? 'float' : 'int', value, location};
    }
    if (value === null || typeof value === 'boolean' || typeof value === 'string') return scalar(value, location);
    return scalar(String(value), location);
  }
  return undefined;
}

export function get(value: Value | undefined, key: string): Value | undefined {
  return value?.kind === 'map' ? value.entries.get(key) : undefined;
}

/** The value at a dotted path with `[n]` indexes (`resources.jobs.x.tasks[0].task_key`). */
export function getPath(value: Value | undefined, path: string): Value | undefined {
  let current = value;
  for (const part of splitPath(path)) {
    if (current === undefined) return undefined;
    if (typeof part === 'number') {
      current = current.kind === 'sequence' ? current.items[part] : undefined;
    } else {
      current = get(current, part);
    }
  }
  return current;
}

export function splitPath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const segment of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(segment);
    if (!match) {
      parts.push(segment);
      continue;
    }
    if (match[1]) parts.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) parts.push(Number(index[1]));
  }
  return parts;
}

export function stringValue(value: Value | undefined): string | undefined {
  return value?.kind === 'string' ? (value.value as string) : undefined;
}

/** The value as plain JSON data, without locations. */
export function toPlain(value: Value | undefined): unknown {
  if (value === undefined) return undefined;
  if (value.kind === 'map') return Object.fromEntries([...value.entries].map(([key, entry]) => [key, toPlain(entry)]));
  if (value.kind === 'sequence') return value.items.map(toPlain);
  return value.value;
}

/** The CLI's names of kinds (libs/dyn/kind.go), used in its merge and type errors. */
export function kindName(value: Value): string {
  return value.kind;
}

/**
 * Merges `b` into `a` as libs/dyn/merge/merge.go does: nil yields the other side, maps merge
 * recursively with `b` winning, sequences concatenate, primitives are replaced, and a map meeting
 * a sequence or a scalar is an error ("cannot merge map with string").
 */
export function merge(a: Value | undefined, b: Value | undefined): Value | undefined {
  if (a === undefined || a.kind === 'nil') return b;
  if (b === undefined || b.kind === 'nil') return a;
  if (a.kind === 'map') {
    if (b.kind !== 'map') throw mergeError(a, b);
    const entries = new Map(a.entries);
    for (const [key, value] of b.entries) {
      const existing = entries.get(key);
      entries.set(key, existing === undefined ? value : merge(existing, value)!);
    }
    // The CLI keeps the location of the first value.
    return {kind: 'map', entries, location: a.location};
  }
  if (a.kind === 'sequence') {
    if (b.kind !== 'sequence') throw mergeError(a, b);
    return {kind: 'sequence', items: [...a.items, ...b.items], location: a.location};
  }
  if (a.kind !== b.kind) throw mergeError(a, b);
  return b;
}

function mergeError(a: Value, b: Value): DeployError {
  return new DeployError({severity: 'error', message: `cannot merge ${kindName(a)} with ${kindName(b)}`, ...b.location});
}

/**
 * Merges the elements of a sequence that share a key (libs/dyn/merge/elements_by_key.go): the
 * first element with a key is the base, later ones (a target's overrides are appended) merge into
 * it, and the result is sorted by key as the CLI does to match Terraform.
 */
export function mergeElementsByKey(sequence: Value | undefined, key: string): Value | undefined {
  if (sequence?.kind !== 'sequence') return sequence;
  const seen = new Map<string, Value>();
  for (const element of sequence.items) {
    const keyValue = get(element, key);
    if (keyValue !== undefined && keyValue.kind !== 'string' && keyValue.kind !== 'nil') {
      throw new DeployError({severity: 'error', message: `${key} must be a string`, ...keyValue.location});
    }
    const name = keyValue?.kind === 'string' ? (keyValue.value as string) : '';
    const base = seen.get(name);
    seen.set(name, base === undefined ? element : merge(base, element)!);
  }
  const keys = [...seen.keys()].sort();
  return {kind: 'sequence', items: keys.map((name) => seen.get(name)!), location: sequence.location};
}

/** Returns a copy of `root` with `value` at `path` (maps are created on the way). */
export function setPath(root: Value, path: string[], value: Value): Value {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const base = root.kind === 'map' ? root : map([], root.location);
  const entries = new Map(base.entries);
  const child = entries.get(head) ?? map([], value.location);
  entries.set(head, setPath(child, rest, value));
  return {kind: 'map', entries, location: base.location};
}

/** Applies `fn` to every value, children first, keeping the tree's shape. */
export function mapValues(value: Value, fn: (value: Value, path: string) => Value, path = ''): Value {
  if (value.kind === 'map') {
    const entries = new Map<string, Value>();
    for (const [key, entry] of value.entries) entries.set(key, mapValues(entry, fn, path ? `${path}.${key}` : key));
    return fn({kind: 'map', entries, location: value.location}, path);
  }
  if (value.kind === 'sequence') {
    return fn({kind: 'sequence', items: value.items.map((item, index) => mapValues(item, fn, `${path}[${index}]`)), location: value.location}, path);
  }
  return fn(value, path);
}

/** Every leaf (scalar) with its path; empty maps and sequences appear as leaves too. */
export function leaves(value: Value | undefined, path = ''): {path: string; value: Value}[] {
  if (value === undefined) return [];
  if (value.kind === 'map') {
    if (value.entries.size === 0) return [{path, value}];
    return [...value.entries].flatMap(([key, entry]) => leaves(entry, path ? `${path}.${key}` : key));
  }
  if (value.kind === 'sequence') {
    if (value.items.length === 0) return [{path, value}];
    return value.items.flatMap((item, index) => leaves(item, `${path}[${index}]`));
  }
  return [{path, value}];
}
