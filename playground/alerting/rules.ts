import {load, YAMLException} from 'js-yaml';
import * as z from 'zod';
import {lineAndColumn} from '../lab/text';
import {evaluateInstant, labelsKey, type Labels, type SeriesSet} from './evaluate';
import {parseDuration, parsePromql, PromqlError, type PromqlNode} from './promql';
import {expandAlertTemplate, templateProblem} from './template';

/** A problem in a rules file, located for the editor (1-based line and column), with the rule it is in. */
export interface RulesProblem {
  message: string;
  line: number;
  column: number;
  rule?: string;
}

export interface AlertRule {
  group: string;
  name: string;
  expr: string;
  node: PromqlNode;
  forMs: number;
  keepFiringForMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RecordingRule {
  group: string;
  record: string;
  expr: string;
  node: PromqlNode;
  labels: Record<string, string>;
}

export type ParsedRules = {ok: true; alerts: AlertRule[]; records: RecordingRule[]} | {ok: false; problems: RulesProblem[]};

const durationText = z.string().refine((text) => {
  try {
    parseDuration(text);
    return true;
  } catch {
    return false;
  }
}, 'not a valid duration (use 30s, 5m, 1h30m)');

const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const stringMap = z.record(z.string().regex(labelName, 'invalid label name'), z.union([z.string(), z.number()]).transform(String));

// The rule file format of Prometheus' rulefmt package (model/rulefmt/rulefmt.go), strict like `promtool check rules`.
const ruleSchema = z
  .strictObject({
    alert: z.string().min(1).optional(),
    record: z.string().min(1).optional(),
    expr: z.union([z.string(), z.number()]).transform(String),
    for: durationText.optional(),
    keep_firing_for: durationText.optional(),
    labels: stringMap.optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  })
  .refine((rule) => (rule.alert === undefined) !== (rule.record === undefined), 'one of "record" or "alert" must be set');

const fileSchema = z.strictObject({
  groups: z.array(
    z.strictObject({
      name: z.string().min(1, 'group name must not be empty'),
      interval: durationText.optional(),
      limit: z.number().int().optional(),
      rules: z.array(ruleSchema),
    }),
  ),
});

/** Where `needle` first occurs in the YAML after `from`, as a line and column; the start when it is not found. */
function locate(text: string, needle: string, from = 0): {line: number; column: number; offset: number} {
  const offset = text.indexOf(needle, from);
  return {...lineAndColumn(text, Math.max(offset, 0)), offset: Math.max(offset, 0)};
}

/** Parses a Prometheus rules file and every expression in it; all problems at once, each located. */
export function parseRules(yaml: string): ParsedRules {
  let document: unknown;
  try {
    document = load(yaml);
  } catch (error) {
    if (error instanceof YAMLException) {
      return {ok: false, problems: [{message: error.reason, line: error.mark.line + 1, column: error.mark.column + 1}]};
    }
    throw error;
  }
  const parsed = fileSchema.safeParse(document ?? {groups: []});
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const field = [...issue.path].reverse().find((part) => typeof part === 'string');
        const where = field === undefined ? {line: 1, column: 1} : locate(yaml, `${String(field)}:`);
        return {message: `${issue.path.join('.')}: ${issue.message}`, ...where};
      }),
    };
  }
  const alerts: AlertRule[] = [];
  const records: RecordingRule[] = [];
  const problems: RulesProblem[] = [];
  let cursor = 0;
  for (const group of parsed.data.groups) {
    for (const rule of group.rules) {
      const name = rule.alert ?? rule.record!;
      const at = locate(yaml, name, cursor);
      cursor = at.offset;
      let node: PromqlNode;
      try {
        node = parsePromql(rule.expr);
      } catch (error) {
        if (!(error instanceof PromqlError)) throw error;
        const exprAt = locate(yaml, 'expr:', cursor);
        problems.push({message: `${name}: ${error.message} (at character ${error.offset + 1} of the expression)`, line: exprAt.line, column: exprAt.column, rule: name});
        continue;
      }
      if (rule.alert !== undefined) {
        // promtool check rules parses every label and annotation template (rulefmt testTemplateParsing).
        const templates = [...Object.entries(rule.labels ?? {}).map(([key, text]) => ['label', key, text] as const), ...Object.entries(rule.annotations ?? {}).map(([key, text]) => ['annotation', key, text] as const)];
        const templateProblems = templates.flatMap(([kind, key, text]) => {
          const problem = templateProblem(text, rule.alert!);
          return problem === null ? [] : [`${rule.alert}: ${kind} "${key}": ${problem}`];
        });
        if (templateProblems.length > 0) {
          for (const message of templateProblems) problems.push({message, line: at.line, column: at.column, rule: rule.alert});
          continue;
        }
        alerts.push({
          group: group.name,
          name: rule.alert,
          expr: rule.expr,
          node,
          forMs: rule.for === undefined ? 0 : parseDuration(rule.for),
          keepFiringForMs: rule.keep_firing_for === undefined ? 0 : parseDuration(rule.keep_firing_for),
          labels: rule.labels ?? {},
          annotations: rule.annotations ?? {},
        });
      } else {
        records.push({group: group.name, record: rule.record!, expr: rule.expr, node, labels: rule.labels ?? {}});
      }
    }
  }
  return problems.length > 0 ? {ok: false, problems} : {ok: true, alerts, records};
}

export type AlertState = 'inactive' | 'pending' | 'firing';

/** One alert (a rule and a label set) over the evaluation: its state, value and annotations at each step. */
export interface AlertTimeline {
  rule: string;
  labels: Labels;
  /**
   * The rule's annotations rendered at each step (null while inactive): Prometheus re-expands them
   * at every evaluation that returns the alert's series, and an alert kept firing by
   * `keep_firing_for` keeps the text of its last such evaluation.
   */
  annotations: (Record<string, string> | null)[];
  states: AlertState[];
  values: (number | null)[];
}

export interface AlertEvaluation {
  /** Evaluation times in ms, from `from` to `to` by `step`. */
  times: number[];
  alerts: AlertTimeline[];
}

/** The alerts firing at one step, each with its labels (alertname included), as Alertmanager receives them. */
export function firingAt(evaluation: AlertEvaluation, stepIndex: number): {labels: Labels; annotations: Record<string, string>}[] {
  return evaluation.alerts
    .filter((alert) => alert.states[stepIndex] === 'firing')
    .map((alert) => ({labels: alert.labels, annotations: alert.annotations[stepIndex] ?? {}}));
}

interface ActiveAlert {
  labels: Labels;
  annotations: Record<string, string>;
  state: AlertState;
  activeAt: number;
  keepFiringSince: number | null;
  value: number;
}

const evaluationOptions = z.strictObject({
  from: z.number().int().min(0),
  to: z.number().int().min(0),
  step: z.number().int().min(1000, 'step must be at least 1s'),
});

/**
 * Evaluates every alerting rule at each step, as a Prometheus rule group does
 * (rules/alerting.go AlertingRule.Eval, Prometheus 2.42):
 * - a new label set becomes pending with ActiveAt = now, and firing once `now - ActiveAt >= for`
 *   (so with no `for` it fires at the evaluation that first sees it);
 * - a pending alert whose series disappears is dropped; a firing one resolves, unless
 *   `keep_firing_for` is set: then it keeps firing while `now - KeepFiringSince < keep_firing_for`,
 *   and KeepFiringSince is cleared when the expression returns the series again;
 * - alert labels are the result's labels without `__name__`, then the rule's labels, then alertname;
 * - labels and annotations are Go templates expanded over the result sample's labels and value
 *   (template.ts) at every evaluation that returns the sample.
 */
export function evaluateAlertRules(rulesYaml: string, series: SeriesSet, options: {from: number; to: number; step: number}): {ok: true; evaluation: AlertEvaluation} | {ok: false; problems: RulesProblem[]} {
  const checked = evaluationOptions.safeParse(options);
  if (!checked.success) throw new RangeError(`evaluateAlertRules: ${checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join(' ')}`);
  const {from, to, step} = checked.data;
  if ((to - from) / step > 10_000) throw new RangeError('evaluateAlertRules: more than 10,000 evaluation steps; use a larger step or a shorter range.');
  const rules = parseRules(rulesYaml);
  if (!rules.ok) return rules;

  const times: number[] = [];
  for (let t = from; t <= to; t += step) times.push(t);
  const timelines = new Map<string, AlertTimeline>();
  for (const rule of rules.alerts) {
    const active = new Map<string, ActiveAlert>();
    const problems: RulesProblem[] = [];
    times.forEach((t, stepIndex) => {
      let samples: {labels: Labels; value: number}[];
      try {
        const result = evaluateInstant(rule.node, series, t);
        samples = result.type === 'vector' ? result.samples : [{labels: {}, value: result.value}];
      } catch (error) {
        if (problems.length === 0) problems.push({message: `${rule.name}: ${(error as Error).message}`, line: 1, column: 1, rule: rule.name});
        samples = [];
      }
      const seen = new Set<string>();
      for (const sample of samples) {
        const {__name__: _name, ...rest} = sample.labels;
        const expand = (text: string) => expandAlertTemplate(text, rule.name, {labels: sample.labels, value: sample.value});
        const ruleLabels = Object.fromEntries(Object.entries(rule.labels).map(([key, text]) => [key, expand(text)]));
        const labels: Record<string, string> = {...rest, ...ruleLabels, alertname: rule.name};
        const annotations = Object.fromEntries(Object.entries(rule.annotations).map(([key, text]) => [key, expand(text)]));
        const key = labelsKey(labels);
        if (seen.has(key)) {
          // rules/alerting.go refuses the whole evaluation of the rule with this error.
          if (problems.length === 0) problems.push({message: `${rule.name}: vector contains metrics with the same labelset after applying alert labels`, line: 1, column: 1, rule: rule.name});
          continue;
        }
        seen.add(key);
        const existing = active.get(key);
        if (existing !== undefined && existing.state !== 'inactive') {
          existing.value = sample.value;
          existing.annotations = annotations;
          existing.keepFiringSince = null;
        } else {
          active.set(key, {labels, annotations, state: 'pending', activeAt: t, keepFiringSince: null, value: sample.value});
        }
      }
      for (const [key, alert] of active) {
        if (!seen.has(key)) {
          let keepFiring = false;
          if (alert.state === 'firing' && rule.keepFiringForMs > 0) {
            alert.keepFiringSince ??= t;
            keepFiring = t - alert.keepFiringSince < rule.keepFiringForMs;
          }
          if (alert.state === 'pending') {
            active.delete(key);
            continue;
          }
          if (!keepFiring) {
            alert.state = 'inactive';
            active.delete(key);
            continue;
          }
        }
        if (alert.state === 'pending' && t - alert.activeAt >= rule.forMs) alert.state = 'firing';
      }
      for (const [key, alert] of active) {
        let timeline = timelines.get(key);
        if (timeline === undefined) {
          timeline = {rule: rule.name, labels: alert.labels, annotations: times.map(() => null), states: times.map(() => 'inactive'), values: times.map(() => null)};
          timelines.set(key, timeline);
        }
        timeline.states[stepIndex] = alert.state;
        timeline.annotations[stepIndex] = alert.annotations;
        timeline.values[stepIndex] = seen.has(key) ? alert.value : null;
      }
    });
    if (problems.length > 0) return {ok: false, problems};
  }
  const alerts = [...timelines.values()].sort((a, b) => a.rule.localeCompare(b.rule) || labelsKey(a.labels).localeCompare(labelsKey(b.labels)));
  return {ok: true, evaluation: {times, alerts}};
}
