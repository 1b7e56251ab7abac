import {evaluateInstant, labelsKey, type Labels, type SeriesSet} from './evaluate';
import {parsePromql} from './promql';
import type {AlertState, AlertTimeline} from './rules';

/** An expression evaluated at every time: one line per result label set, `null` where it had no value. */
export function rangeQuery(expr: string, series: SeriesSet, times: readonly number[]): {labels: Labels; values: (number | null)[]}[] {
  const node = parsePromql(expr);
  const lines = new Map<string, {labels: Labels; values: (number | null)[]}>();
  times.forEach((time, index) => {
    const result = evaluateInstant(node, series, time);
    const samples = result.type === 'scalar' ? [{labels: {}, value: result.value}] : result.samples;
    for (const sample of samples) {
      const key = labelsKey(sample.labels);
      const line = lines.get(key) ?? {labels: sample.labels, values: times.map(() => null)};
      line.values[index] = sample.value;
      lines.set(key, line);
    }
  });
  return [...lines.values()].sort((a, b) => labelsKey(a.labels).localeCompare(labelsKey(b.labels)));
}

/** The runs of one state in a timeline, as [first, last] step indexes. */
export function stateRuns(timeline: AlertTimeline, state: AlertState): [number, number][] {
  const runs: [number, number][] = [];
  timeline.states.forEach((current, index) => {
    if (current !== state) return;
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === index - 1) last[1] = index;
    else runs.push([index, index]);
  });
  return runs;
}
