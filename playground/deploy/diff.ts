import {leaves, type Location, type Value} from './tree';

/** One configuration path whose effective value differs between two targets. */
export interface TargetDifference {
  path: string;
  change: 'changed' | 'only-left' | 'only-right';
  left?: {value: unknown; location: Location};
  right?: {value: unknown; location: Location};
}

function leafValue(value: Value): unknown {
  if (value.kind === 'map') return {};
  if (value.kind === 'sequence') return [];
  return value.value;
}

/**
 * Every leaf path whose value differs between two resolved configurations, in path order. Paths
 * that only name the target itself (`bundle.target`) are left out: they differ by definition.
 */
export function diffTargets(left: Value, right: Value): TargetDifference[] {
  const leftLeaves = new Map(leaves(left).map((leaf) => [leaf.path, leaf.value]));
  const rightLeaves = new Map(leaves(right).map((leaf) => [leaf.path, leaf.value]));
  const paths = [...new Set([...leftLeaves.keys(), ...rightLeaves.keys()])].filter((path) => path !== 'bundle.target').sort();
  const differences: TargetDifference[] = [];
  for (const path of paths) {
    const a = leftLeaves.get(path);
    const b = rightLeaves.get(path);
    const side = (value: Value) => ({value: leafValue(value), location: value.location});
    if (a && b) {
      if (JSON.stringify(leafValue(a)) !== JSON.stringify(leafValue(b))) differences.push({path, change: 'changed', left: side(a), right: side(b)});
    } else if (a) differences.push({path, change: 'only-left', left: side(a)});
    else if (b) differences.push({path, change: 'only-right', right: side(b)});
  }
  return differences;
}
