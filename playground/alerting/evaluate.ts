import {matchesLabel, type AggregateOp, type BinaryOp, type PromqlNode} from './promql';

/**
 * Instant evaluation of the PromQL subset, transcribed from Prometheus 2.42 (promql/engine.go,
 * promql/functions.go), the version `promtool` on the CI machine runs. Two boundaries changed in
 * Prometheus 3.0 and are kept at 2.x here so the lab agrees with that promtool: the lookback window
 * and range selectors are closed on the left ([t - 5m, t]), where 3.0 excludes a sample exactly at
 * the lower bound.
 */

export type Labels = Readonly<Record<string, string>>;

/** One series: its labels (with `__name__`) and a value per scrape, `null` where it was not scraped. */
export interface Series {
  labels: Labels;
  values: (number | null)[];
}

/** Series sampled at a fixed interval from time 0: sample `i` is at `i * intervalMs`, as in a promtool test file. */
export interface SeriesSet {
  intervalMs: number;
  series: Series[];
}

export interface Sample {
  labels: Labels;
  value: number;
}

export type Value = {type: 'scalar'; value: number} | {type: 'vector'; samples: Sample[]};

/** Prometheus' default `--query.lookback-delta`. */
export const lookbackDeltaMs = 5 * 60_000;

interface Point {
  t: number;
  v: number;
}

/** An expression that cannot be evaluated (Prometheus' runtime errors such as duplicate series in one-to-one matching). */
export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}

function withoutName(labels: Labels): Record<string, string> {
  const {__name__: _name, ...rest} = labels;
  return rest;
}

/** The identity of a label set, for maps: sorted `name="value"` pairs. */
export function labelsKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(',');
}

function selectSeries(set: SeriesSet, matchers: {name: string; op: '=' | '!=' | '=~' | '!~'; value: string}[]): Series[] {
  return set.series.filter((series) => matchers.every((matcher) => matchesLabel(matcher, series.labels[matcher.name] ?? '')));
}

/** Points of a series with mint <= t <= maxt (2.x closed interval, engine.go matrixIterSlice). */
function pointsBetween(series: Series, intervalMs: number, mint: number, maxt: number): Point[] {
  const points: Point[] = [];
  const first = Math.max(0, Math.ceil(mint / intervalMs));
  const last = Math.min(series.values.length - 1, Math.floor(maxt / intervalMs));
  for (let index = first; index <= last; index += 1) {
    const value = series.values[index];
    if (value !== null && value !== undefined) points.push({t: index * intervalMs, v: value});
  }
  return points;
}

/** Evaluates `node` at time `t` (ms) over the series; the same entry point for rules and the lab. */
export function evaluateInstant(node: PromqlNode, set: SeriesSet, t: number): Value {
  return new Evaluator(set, t).eval(node);
}

class Evaluator {
  constructor(
    private readonly set: SeriesSet,
    private readonly t: number,
  ) {}

  eval(node: PromqlNode): Value {
    switch (node.kind) {
      case 'number':
        return {type: 'scalar', value: node.value};
      case 'negate': {
        const inner = this.eval(node.arg);
        if (inner.type === 'scalar') return {type: 'scalar', value: -inner.value};
        return {type: 'vector', samples: inner.samples.map((sample) => ({labels: withoutName(sample.labels), value: -sample.value}))};
      }
      case 'vector':
        return {type: 'vector', samples: this.instantSelector(node)};
      case 'matrix':
        throw new EvaluationError('a range vector cannot be the result of an expression here');
      case 'call':
        return this.call(node);
      case 'aggregate':
        return {type: 'vector', samples: aggregate(node.op, node.without, node.grouping, this.vector(node.arg))};
      case 'binary':
        return this.binary(node);
    }
  }

  private vector(node: PromqlNode): Sample[] {
    const value = this.eval(node);
    if (value.type !== 'vector') throw new EvaluationError('expected an instant vector');
    return value.samples;
  }

  private scalar(node: PromqlNode): number {
    const value = this.eval(node);
    if (value.type !== 'scalar') throw new EvaluationError('expected a scalar');
    return value.value;
  }

  /** engine.go vectorSelectorSingle: the newest sample in [t - lookback, t], stamped with t. */
  private instantSelector(node: Extract<PromqlNode, {kind: 'vector'}>): Sample[] {
    const refTime = this.t - node.offsetMs;
    const samples: Sample[] = [];
    for (const series of selectSeries(this.set, node.matchers)) {
      const points = pointsBetween(series, this.set.intervalMs, refTime - lookbackDeltaMs, refTime);
      const newest = points[points.length - 1];
      if (newest !== undefined) samples.push({labels: series.labels, value: newest.v});
    }
    return samples;
  }

  private rangeSelector(node: Extract<PromqlNode, {kind: 'matrix'}>): {labels: Labels; points: Point[]}[] {
    const maxt = this.t - node.selector.offsetMs;
    return selectSeries(this.set, node.selector.matchers)
      .map((series) => ({labels: series.labels, points: pointsBetween(series, this.set.intervalMs, maxt - node.rangeMs, maxt)}))
      .filter((series) => series.points.length > 0);
  }

  private call(node: Extract<PromqlNode, {kind: 'call'}>): Value {
    const [first, second] = node.args;
    switch (node.name) {
      case 'time':
        return {type: 'scalar', value: this.t / 1000};
      case 'vector':
        return {type: 'vector', samples: [{labels: {}, value: this.scalar(first!)}]};
      case 'abs':
      case 'clamp_min':
      case 'clamp_max': {
        const bound = second === undefined ? 0 : this.scalar(second);
        const apply = node.name === 'abs' ? Math.abs : node.name === 'clamp_min' ? (v: number) => Math.max(v, bound) : (v: number) => Math.min(v, bound);
        return {type: 'vector', samples: this.vector(first!).map((sample) => ({labels: withoutName(sample.labels), value: apply(sample.value)}))};
      }
      case 'absent':
        return {type: 'vector', samples: this.vector(first!).length > 0 ? [] : [{labels: absentLabels(first!), value: 1}]};
      case 'absent_over_time': {
        const matrix = first?.kind === 'matrix' ? this.rangeSelector(first) : [];
        return {type: 'vector', samples: matrix.length > 0 ? [] : [{labels: absentLabels(first!), value: 1}]};
      }
      default: {
        const matrixNode = first as Extract<PromqlNode, {kind: 'matrix'}>;
        const samples: Sample[] = [];
        for (const series of this.rangeSelector(matrixNode)) {
          const value = rangeFunction(node.name, series.points, this.t, matrixNode);
          if (value !== null) {
            // engine.go: every function but last_over_time drops the metric name.
            samples.push({labels: node.name === 'last_over_time' ? series.labels : withoutName(series.labels), value});
          }
        }
        return {type: 'vector', samples};
      }
    }
  }

  private binary(node: Extract<PromqlNode, {kind: 'binary'}>): Value {
    const left = this.eval(node.left);
    const right = this.eval(node.right);
    if (left.type === 'scalar' && right.type === 'scalar') {
      const result = scalarBinop(node.op, left.value, right.value);
      return {type: 'scalar', value: isComparison(node.op) ? (result.keep ? 1 : 0) : result.value};
    }
    if (left.type === 'vector' && right.type === 'vector') {
      if (node.op === 'and' || node.op === 'or' || node.op === 'unless') {
        return {type: 'vector', samples: setOperation(node.op, left.samples, right.samples, node.matching)};
      }
      return {type: 'vector', samples: vectorBinop(node.op, left.samples, right.samples, node.matching, node.returnBool)};
    }
    // engine.go VectorscalarBinop.
    const vector = left.type === 'vector' ? left.samples : (right as {samples: Sample[]}).samples;
    const scalar = left.type === 'scalar' ? left.value : (right as {value: number}).value;
    const swap = left.type === 'scalar';
    const out: Sample[] = [];
    for (const sample of vector) {
      const result = swap ? scalarBinop(node.op, scalar, sample.value) : scalarBinop(node.op, sample.value, scalar);
      // A comparison keeps the vector element's value even when the scalar is on the left.
      if (isComparison(node.op) && !node.returnBool && !result.keep) continue;
      const value = isComparison(node.op) ? (node.returnBool ? (result.keep ? 1 : 0) : sample.value) : result.value;
      const labels = dropsMetricName(node.op) || node.returnBool ? withoutName(sample.labels) : sample.labels;
      out.push({labels, value});
    }
    return {type: 'vector', samples: out};
  }
}

/** absent(): the labels of the argument's equality matchers (functions.go createLabelsForAbsentFunction). */
function absentLabels(node: PromqlNode): Labels {
  const selector = node.kind === 'vector' ? node : node.kind === 'matrix' ? node.selector : null;
  if (selector === null) return {};
  const labels: Record<string, string> = {};
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const matcher of selector.matchers) {
    if (matcher.name === '__name__') continue;
    if (seen.has(matcher.name)) repeated.add(matcher.name);
    seen.add(matcher.name);
    if (matcher.op === '=') labels[matcher.name] = matcher.value;
  }
  for (const name of repeated) delete labels[name];
  return labels;
}

function isComparison(op: BinaryOp): boolean {
  return op === '==' || op === '!=' || op === '>' || op === '<' || op === '>=' || op === '<=';
}

/** engine.go shouldDropMetricName: arithmetic drops the name, comparisons keep it. */
function dropsMetricName(op: BinaryOp): boolean {
  return op === '+' || op === '-' || op === '*' || op === '/' || op === '%' || op === '^';
}

/** engine.go vectorElemBinop / scalarBinop: the value and, for comparisons, whether the element is kept. */
function scalarBinop(op: BinaryOp, lhs: number, rhs: number): {value: number; keep: boolean} {
  switch (op) {
    case '+': return {value: lhs + rhs, keep: true};
    case '-': return {value: lhs - rhs, keep: true};
    case '*': return {value: lhs * rhs, keep: true};
    case '/': return {value: lhs / rhs, keep: true};
    case '%': return {value: lhs % rhs, keep: true};
    case '^': return {value: lhs ** rhs, keep: true};
    case '==': return {value: lhs, keep: lhs === rhs};
    case '!=': return {value: lhs, keep: lhs !== rhs};
    case '>': return {value: lhs, keep: lhs > rhs};
    case '<': return {value: lhs, keep: lhs < rhs};
    case '>=': return {value: lhs, keep: lhs >= rhs};
    case '<=': return {value: lhs, keep: lhs <= rhs};
    default: throw new EvaluationError(`operator ${op} needs two vectors`);
  }
}

/** engine.go signatureFunc: `on` hashes only the listed labels, otherwise every label but the listed ones and `__name__`. */
function signature(labels: Labels, matching: {on: boolean; labels: string[]} | null): string {
  if (matching?.on) {
    const kept: Record<string, string> = {};
    for (const name of matching.labels) if (labels[name] !== undefined) kept[name] = labels[name]!;
    return labelsKey(kept);
  }
  const rest = withoutName(labels);
  for (const name of matching?.labels ?? []) delete rest[name];
  return labelsKey(rest);
}

/** engine.go VectorAnd / VectorOr / VectorUnless. */
function setOperation(op: 'and' | 'or' | 'unless', lhs: Sample[], rhs: Sample[], matching: {on: boolean; labels: string[]} | null): Sample[] {
  const rightSigs = new Set(rhs.map((sample) => signature(sample.labels, matching)));
  if (op === 'and') return lhs.filter((sample) => rightSigs.has(signature(sample.labels, matching)));
  if (op === 'unless') return lhs.filter((sample) => !rightSigs.has(signature(sample.labels, matching)));
  const leftSigs = new Set(lhs.map((sample) => signature(sample.labels, matching)));
  return [...lhs, ...rhs.filter((sample) => !leftSigs.has(signature(sample.labels, matching)))];
}

/** engine.go VectorBinop for one-to-one matching, with resultMetric's label rules. */
function vectorBinop(op: BinaryOp, lhs: Sample[], rhs: Sample[], matching: {on: boolean; labels: string[]} | null, returnBool: boolean): Sample[] {
  const rightBySig = new Map<string, Sample>();
  for (const sample of rhs) {
    const sig = signature(sample.labels, matching);
    if (rightBySig.has(sig)) {
      throw new EvaluationError(`found duplicate series for the match group ${sig === '' ? '{}' : `{${sig}}`} on the right hand-side of the operation; many-to-many matching not allowed: matching labels must be unique on one side`);
    }
    rightBySig.set(sig, sample);
  }
  const matchedLeft = new Set<string>();
  const out: Sample[] = [];
  for (const sample of lhs) {
    const sig = signature(sample.labels, matching);
    const other = rightBySig.get(sig);
    if (other === undefined) continue;
    if (matchedLeft.has(sig)) {
      throw new EvaluationError(`multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)`);
    }
    matchedLeft.add(sig);
    const result = scalarBinop(op, sample.value, other.value);
    if (isComparison(op) && !returnBool && !result.keep) continue;
    const value = isComparison(op) ? (returnBool ? (result.keep ? 1 : 0) : sample.value) : result.value;
    let labels: Record<string, string> = dropsMetricName(op) || returnBool ? withoutName(sample.labels) : {...sample.labels};
    if (matching?.on) {
      const kept: Record<string, string> = {};
      for (const name of matching.labels) if (labels[name] !== undefined) kept[name] = labels[name]!;
      labels = kept;
    } else if (matching !== null) {
      for (const name of matching.labels) delete labels[name];
    }
    out.push({labels, value});
  }
  return out;
}

/** engine.go aggregation for sum/min/max/avg/count; `without` also drops the metric name. */
function aggregate(op: AggregateOp, without: boolean, grouping: string[], samples: Sample[]): Sample[] {
  const groups = new Map<string, {labels: Labels; values: number[]}>();
  for (const sample of samples) {
    let labels: Record<string, string>;
    if (without) {
      labels = withoutName(sample.labels);
      for (const name of grouping) delete labels[name];
    } else {
      labels = {};
      for (const name of grouping) if (sample.labels[name] !== undefined && sample.labels[name] !== '') labels[name] = sample.labels[name]!;
    }
    const key = labelsKey(labels);
    const group = groups.get(key) ?? {labels, values: []};
    group.values.push(sample.value);
    groups.set(key, group);
  }
  return [...groups.values()].map(({labels, values}) => ({labels, value: aggregateValues(op, values)}));
}

function aggregateValues(op: AggregateOp | 'min_over' | 'max_over', values: number[]): number {
  switch (op) {
    case 'sum':
      return values.reduce((total, value) => total + value, 0);
    case 'count':
      return values.length;
    case 'avg':
      return values.reduce((total, value) => total + value, 0) / values.length;
    case 'min':
    case 'min_over':
      // Go's aggregation replaces a NaN with any later number.
      return values.reduce((low, value) => (Number.isNaN(low) || value < low ? value : low));
    case 'max':
    case 'max_over':
      return values.reduce((high, value) => (Number.isNaN(high) || value > high ? value : high));
  }
}

/** functions.go: the range functions; rate/increase/delta through extrapolatedRate. */
function rangeFunction(name: string, points: Point[], t: number, node: Extract<PromqlNode, {kind: 'matrix'}>): number | null {
  const values = points.map((point) => point.v);
  switch (name) {
    case 'rate':
      return extrapolatedRate(points, t, node, true, true);
    case 'increase':
      return extrapolatedRate(points, t, node, true, false);
    case 'delta':
      return extrapolatedRate(points, t, node, false, false);
    case 'avg_over_time':
      return aggregateValues('avg', values);
    case 'sum_over_time':
      return aggregateValues('sum', values);
    case 'count_over_time':
      return values.length;
    case 'min_over_time':
      return aggregateValues('min_over', values);
    case 'max_over_time':
      return aggregateValues('max_over', values);
    case 'last_over_time':
      return values[values.length - 1]!;
    default:
      throw new EvaluationError(`function ${name} is not a range function`);
  }
}

/**
 * functions.go extrapolatedRate (Prometheus 2.42): the increase between the first and last sample
 * in the window, with counter resets added back, extrapolated towards the window's edges: fully
 * when a sample lies within 1.1 average intervals of the edge, else by half an interval; never
 * below zero for a counter (durationToZero).
 */
export function extrapolatedRate(points: {t: number; v: number}[], t: number, node: {rangeMs: number; selector: {offsetMs: number}}, isCounter: boolean, isRate: boolean): number | null {
  if (points.length < 2) return null;
  const rangeStart = t - (node.rangeMs + node.selector.offsetMs);
  const rangeEnd = t - node.selector.offsetMs;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let resultValue = last.v - first.v;
  if (isCounter) {
    let lastValue = 0;
    for (const point of points) {
      if (point.v < lastValue) resultValue += lastValue;
      lastValue = point.v;
    }
  }
  let durationToStart = (first.t - rangeStart) / 1000;
  const durationToEnd = (rangeEnd - last.t) / 1000;
  const sampledInterval = (last.t - first.t) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (points.length - 1);
  if (isCounter && resultValue > 0 && first.v >= 0) {
    const durationToZero = sampledInterval * (first.v / resultValue);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
  let extrapolateToInterval = sampledInterval;
  extrapolateToInterval += durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2;
  extrapolateToInterval += durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;
  // 2.42 folds the per-second division into one factor; the order matters for the last bit of the float.
  let factor = extrapolateToInterval / sampledInterval;
  if (isRate) factor /= node.rangeMs / 1000;
  return resultValue * factor;
}
