import {DeployError, mapValues, type Location, type Reference, type Value} from './tree';

/**
 * A `${...}` reference as the CLI recognises it (libs/dyn/dynvar/ref.go): segments of letters,
 * digits, `-` and `_` starting with a letter, separated by dots, with optional `[n]` indexes.
 * `{{job.parameters.x}}` (a job's dynamic value reference) is not one and stays as written.
 */
const baseVariable = '[a-zA-Z]+(?:[-_]*[a-zA-Z0-9]+)*';
const referencePattern = new RegExp(`\\$\\{(${baseVariable}(?:\\.${baseVariable}(?:\\[[0-9]+\\])*)*(?:\\[[0-9]+\\])*)\\}`, 'g');

/** The references in a string, in order of appearance. */
export function referencesIn(text: string): string[] {
  return [...text.matchAll(referencePattern)].map((match) => match[1]!);
}

/** True when the whole string is one reference, so the value keeps its type (an int stays an int). */
export function isPureReference(text: string): boolean {
  const matches = [...text.matchAll(referencePattern)];
  return matches.length === 1 && matches[0]![0] === text;
}

/** What a lookup finds: a value, or `skip` to leave the reference in place (a lookup variable, `${resources...}`). */
export type LookupResult = {value: Value; definedAt?: Location} | 'skip';

/**
 * Resolves every reference in `root`, transcribing dynvar.Resolve (libs/dyn/dynvar/resolve.go):
 * references are collected with their paths and resolved in sorted path order, so a cycle is
 * reported the same way every time ("cycle detected in field resolution: a -> b -> a"); a
 * reference whose whole string is one reference takes the referenced value with its type; others
 * are interpolated as strings, which only primitives may be ("cannot interpolate non-primitive
 * value of type map into string"); a missing key is "reference does not exist: ${x}".
 */
export function resolveReferences(root: Value, lookup: (path: string) => LookupResult | undefined, only: (path: string) => boolean = () => true): Value {
  const collected = new Map<string, Value & {kind: 'string'}>();
  mapValues(root, (value, path) => {
    if (only(path) && value.kind === 'string' && referencesIn(value.value as string).length > 0) collected.set(path, value as Value & {kind: 'string'});
    return value;
  });

  const lookups = new Map<string, {value?: Value; error?: DeployError; skipped?: boolean}>();
  const resolved = new Map<string, Value>();

  const resolveKey = (key: string, seen: string[], at: Value): {value?: Value; skipped?: boolean} => {
    const cached = lookups.get(key);
    if (cached) {
      if (cached.error) throw cached.error;
      return cached;
    }
    const found = lookup(key);
    if (found === undefined) {
      const error = new DeployError({severity: 'error', message: `reference does not exist: \${${key}}`, ...at.location, path: seen[0]});
      lookups.set(key, {error});
      throw error;
    }
    if (found === 'skip') {
      lookups.set(key, {skipped: true});
      return {skipped: true};
    }
    let value = found.value;
    if (value.kind === 'string' && referencesIn(value.value as string).length > 0) {
      value = resolveRef(value as Value & {kind: 'string'}, seen);
    }
    const definedAt = found.definedAt ?? found.value.location;
    const withOrigin = {...value, definedAt} as Value & {definedAt: Location};
    lookups.set(key, {value: withOrigin});
    return {value: withOrigin};
  };

  const resolveRef = (ref: Value & {kind: 'string'}, seen: string[]): Value => {
    const text = ref.value as string;
    const dependencies = referencesIn(text);
    const values: (Value | undefined)[] = [];
    let complete = true;
    for (const dependency of dependencies) {
      if (seen.includes(dependency)) {
        throw new DeployError({severity: 'error', message: `cycle detected in field resolution: ${[...seen, dependency].join(' -> ')}`, ...ref.location, path: seen[0]});
      }
      const result = resolveKey(dependency, [...seen, dependency], ref);
      if (result.skipped) complete = false;
      values.push(result.value);
    }
    const references: Reference[] = dependencies.flatMap((path, index) => {
      const value = values[index] as (Value & {definedAt?: Location}) | undefined;
      return value && value.kind !== 'map' && value.kind !== 'sequence' ? [{path, value: String(value.value), location: value.definedAt ?? value.location}] : [];
    });

    if (isPureReference(text) && complete) {
      // The CLI keeps the location of the reference: a value is reported where it is used.
      const value = values[0]!;
      const {definedAt: _definedAt, ...plain} = value as Value & {definedAt?: Location};
      if (plain.kind === 'map' || plain.kind === 'sequence') return relocate(plain, ref.location);
      return {...plain, location: ref.location, references};
    }
    let index = 0;
    const interpolated = text.replace(referencePattern, (whole) => {
      const value = values[index];
      index += 1;
      if (value === undefined) return whole;
      if (value.kind === 'map' || value.kind === 'sequence') {
        throw new DeployError({severity: 'error', message: `cannot interpolate non-primitive value of type ${value.kind} into string`, ...ref.location, path: seen[0]});
      }
      return value.value === null ? '<nil>' : String(value.value);
    });
    return {kind: 'string', value: interpolated, location: ref.location, references};
  };

  for (const key of [...collected.keys()].sort()) {
    resolved.set(key, resolveRef(collected.get(key)!, [key]));
  }
  return mapValues(root, (value, path) => resolved.get(path) ?? value);
}

/** A complex variable's value used in a job keeps its own locations for its fields. */
function relocate(value: Value, location: Location): Value {
  return {...value, location} as Value;
}
