import {load, YAMLException} from 'js-yaml';
import * as z from 'zod';
import {lineAndColumn} from '../lab/text';
import {labelsKey, type Labels} from './evaluate';
import {matchesLabel, parseDuration, type LabelMatcher} from './promql';
import {silencedBy, type Silence} from './silences';

/**
 * Alertmanager routing and inhibition, transcribed from prometheus/alertmanager 0.25:
 * dispatch/route.go (Route.Match, the option inheritance of NewRoute), dispatch/dispatch.go
 * (getGroupLabels) and inhibit/inhibit.go (Inhibitor.Mutes, InhibitRule.inhibits).
 */

export interface AlertmanagerProblem {
  message: string;
  line: number;
  column: number;
}

interface RouteNode {
  /** "0", "0.1", ...: the root and the indices of the child routes on the way. */
  path: string;
  receiver: string;
  matchers: LabelMatcher[];
  groupBy: string[] | 'all';
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
  continue: boolean;
  routes: RouteNode[];
}

export interface InhibitRule {
  index: number;
  sourceMatchers: LabelMatcher[];
  targetMatchers: LabelMatcher[];
  equal: string[];
}

export interface AlertmanagerConfig {
  route: RouteNode;
  inhibitRules: InhibitRule[];
  receivers: string[];
}

const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const durationText = z.string().refine((text) => {
  try {
    parseDuration(text);
    return true;
  } catch {
    return false;
  }
}, 'not a valid duration (use 30s, 5m, 4h)');

interface RouteInput {
  receiver?: string;
  group_by?: string[];
  continue?: boolean;
  match?: Record<string, string>;
  match_re?: Record<string, string>;
  matchers?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  routes?: RouteInput[];
}

const routeSchema: z.ZodType<RouteInput> = z.lazy(() =>
  z.strictObject({
    receiver: z.string().optional(),
    group_by: z.array(z.string()).optional(),
    continue: z.boolean().optional(),
    match: z.record(z.string(), z.string()).optional(),
    match_re: z.record(z.string(), z.string()).optional(),
    matchers: z.array(z.string()).optional(),
    group_wait: durationText.optional(),
    group_interval: durationText.optional(),
    repeat_interval: durationText.optional(),
    routes: z.array(routeSchema).optional(),
  }),
);

const configSchema = z.looseObject({
  global: z.looseObject({}).optional(),
  route: routeSchema,
  inhibit_rules: z
    .array(
      z.strictObject({
        source_matchers: z.array(z.string()).optional(),
        target_matchers: z.array(z.string()).optional(),
        source_match: z.record(z.string(), z.string()).optional(),
        source_match_re: z.record(z.string(), z.string()).optional(),
        target_match: z.record(z.string(), z.string()).optional(),
        target_match_re: z.record(z.string(), z.string()).optional(),
        equal: z.array(z.string().regex(labelName, 'invalid label name')).optional(),
      }),
    )
    .optional(),
  receivers: z.array(z.looseObject({name: z.string().min(1)})),
});

/**
 * One matcher in Alertmanager's syntax (pkg/labels/parse.go): `name op value` with op one of
 * `=`, `!=`, `=~`, `!~`; the value may be double-quoted.
 */
export function parseMatcher(text: string): LabelMatcher {
  const match = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/.exec(text);
  if (match === null) throw new RangeError(`bad matcher format: ${text}`);
  let value = match[3]!;
  if (value.startsWith('"')) {
    if (!value.endsWith('"') || value.length < 2) throw new RangeError(`bad matcher format: ${text}`);
    value = JSON.parse(value) as string;
  }
  const op = match[2] as LabelMatcher['op'];
  if (op === '=~' || op === '!~') {
    try {
      new RegExp(`^(?:${value})$`);
    } catch {
      throw new RangeError(`invalid regular expression in matcher: ${text}`);
    }
  }
  return {name: match[1]!, op, value};
}

function matchersOf(matchers: string[] | undefined, equal: Record<string, string> | undefined, regex: Record<string, string> | undefined): LabelMatcher[] {
  return [
    ...Object.entries(equal ?? {}).map(([name, value]) => ({name, op: '=' as const, value})),
    ...Object.entries(regex ?? {}).map(([name, value]) => ({name, op: '=~' as const, value})),
    ...(matchers ?? []).map(parseMatcher),
  ];
}

/** Every matcher matches; a label the alert lacks counts as the empty string (labels.Matchers.Matches). */
export function matchesAll(matchers: LabelMatcher[], labels: Labels): boolean {
  return matchers.every((matcher) => matchesLabel(matcher, labels[matcher.name] ?? ''));
}

/** dispatch/route.go NewRoute: a child inherits its parent's options and overrides the ones it sets. */
function buildRoute(input: RouteInput, parent: RouteNode | null, path: string): RouteNode {
  const node: RouteNode = {
    path,
    receiver: input.receiver ?? parent?.receiver ?? '',
    matchers: matchersOf(input.matchers, input.match, input.match_re),
    groupBy: input.group_by === undefined ? (parent?.groupBy ?? []) : input.group_by.includes('...') ? 'all' : input.group_by,
    groupWaitMs: input.group_wait === undefined ? (parent?.groupWaitMs ?? 30_000) : parseDuration(input.group_wait),
    groupIntervalMs: input.group_interval === undefined ? (parent?.groupIntervalMs ?? 300_000) : parseDuration(input.group_interval),
    repeatIntervalMs: input.repeat_interval === undefined ? (parent?.repeatIntervalMs ?? 14_400_000) : parseDuration(input.repeat_interval),
    continue: input.continue ?? false,
    routes: [],
  };
  node.routes = (input.routes ?? []).map((child, index) => buildRoute(child, node, `${path}.${index}`));
  return node;
}

/** Parses and checks an Alertmanager configuration as far as routing and inhibition need; problems are located. */
export function parseAlertmanagerConfig(yaml: string): {ok: true; config: AlertmanagerConfig} | {ok: false; problems: AlertmanagerProblem[]} {
  let document: unknown;
  try {
    document = load(yaml);
  } catch (error) {
    if (error instanceof YAMLException) return {ok: false, problems: [{message: error.reason, line: error.mark.line + 1, column: error.mark.column + 1}]};
    throw error;
  }
  const locate = (needle: string) => lineAndColumn(yaml, Math.max(yaml.indexOf(needle), 0));
  const parsed = configSchema.safeParse(document);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const field = [...issue.path].reverse().find((part) => typeof part === 'string');
        return {message: `${issue.path.join('.')}: ${issue.message}`, ...(field === undefined ? {line: 1, column: 1} : locate(`${String(field)}:`))};
      }),
    };
  }
  const config = parsed.data;
  try {
    const route = buildRoute(config.route, null, '0');
    if (route.matchers.length > 0) return {ok: false, problems: [{message: 'root route must not have any matchers', ...locate('route:')}]};
    if (route.receiver === '') return {ok: false, problems: [{message: 'root route must specify a default receiver', ...locate('route:')}]};
    const receivers = config.receivers.map((receiver) => receiver.name);
    const missing: string[] = [];
    const walk = (node: RouteNode) => {
      if (!receivers.includes(node.receiver)) missing.push(node.receiver);
      node.routes.forEach(walk);
    };
    walk(route);
    if (missing.length > 0) return {ok: false, problems: [...new Set(missing)].map((name) => ({message: `undefined receiver "${name}" used in route`, ...locate(`receiver: ${name}`)}))};
    const inhibitRules = (config.inhibit_rules ?? []).map((rule, index) => ({
      index,
      sourceMatchers: matchersOf(rule.source_matchers, rule.source_match, rule.source_match_re),
      targetMatchers: matchersOf(rule.target_matchers, rule.target_match, rule.target_match_re),
      equal: rule.equal ?? [],
    }));
    return {ok: true, config: {route, inhibitRules, receivers}};
  } catch (error) {
    if (error instanceof RangeError) {
      const text = error.message.replace(/^.*?: /, '');
      return {ok: false, problems: [{message: error.message, ...locate(text)}]};
    }
    throw error;
  }
}

/**
 * dispatch/route.go Route.Match: a route that matches tries its children in order; a matching child
 * without `continue` ends the search; when no child matched, the route itself is the match.
 */
function matchRoutes(node: RouteNode, labels: Labels): RouteNode[] {
  if (!matchesAll(node.matchers, labels)) return [];
  const all: RouteNode[] = [];
  for (const child of node.routes) {
    const matches = matchRoutes(child, labels);
    all.push(...matches);
    if (matches.length > 0 && !child.continue) break;
  }
  return all.length === 0 ? [node] : all;
}

/** dispatch/dispatch.go getGroupLabels: the alert's labels named in group_by (all with `...`); missing ones are left out. */
function groupLabels(node: RouteNode, labels: Labels): Labels {
  if (node.groupBy === 'all') return {...labels};
  const out: Record<string, string> = {};
  for (const name of node.groupBy) if (labels[name] !== undefined) out[name] = labels[name]!;
  return out;
}

export interface Inhibition {
  /** Index of the inhibit rule in `inhibit_rules`. */
  rule: number;
  /** The firing alert that mutes this one. */
  source: Labels;
}

export interface RoutedAlert {
  labels: Labels;
  routes: {receiver: string; path: string; groupLabels: Labels}[];
  /** Empty when the alert is not muted. */
  inhibitedBy: Inhibition[];
  /** Indices of the active silences that match the alert; empty when none does. */
  silencedBy: number[];
}

export interface Notification {
  receiver: string;
  path: string;
  groupLabels: Labels;
  /** The alerts the notification carries: the group's alerts that are not inhibited. */
  alerts: Labels[];
  /** The group's alerts that inhibition removed from it. */
  muted: Labels[];
  /** The group's alerts that a silence removed (and inhibition did not). */
  silenced: Labels[];
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
}

/**
 * inhibit/inhibit.go InhibitRule.inhibits: the firing source alerts whose values of every `equal`
 * label are those of the target. A label missing on both sides is "" on both sides, so it counts
 * as equal. When the target also matches the source side, sources that match the target side are
 * skipped (excludeTwoSidedMatch), so an alert never mutes itself.
 */
function inhibitors(rule: InhibitRule, target: Labels, firing: Labels[]): Labels[] {
  if (!matchesAll(rule.targetMatchers, target)) return [];
  const excludeTwoSidedMatch = matchesAll(rule.sourceMatchers, target);
  return firing.filter(
    (source) =>
      matchesAll(rule.sourceMatchers, source) &&
      rule.equal.every((name) => (source[name] ?? '') === (target[name] ?? '')) &&
      !(excludeTwoSidedMatch && matchesAll(rule.targetMatchers, source)),
  );
}

/**
 * Routes the alerts firing at one moment: the receivers and groups each reaches, which inhibit rule
 * and which source alert mutes it, which silences active at `atMs` silence it, and the
 * notifications the groups would send. notify.go's pipeline mutes by inhibition first, then by
 * silences; a silenced alert still inhibits others (the inhibitor sees every firing alert).
 */
export function routeAlerts(alertmanagerYaml: string, alerts: readonly {labels: Labels}[], silences: {silences: readonly Silence[]; atMs: number} = {silences: [], atMs: 0}): {ok: true; alerts: RoutedAlert[]; notifications: Notification[]} | {ok: false; problems: AlertmanagerProblem[]} {
  const parsed = parseAlertmanagerConfig(alertmanagerYaml);
  if (!parsed.ok) return parsed;
  const {route, inhibitRules} = parsed.config;
  const firing = alerts.map((alert) => alert.labels);
  const routed: RoutedAlert[] = firing.map((labels) => ({
    labels,
    routes: matchRoutes(route, labels).map((node) => ({receiver: node.receiver, path: node.path, groupLabels: groupLabels(node, labels)})),
    inhibitedBy: inhibitRules.flatMap((rule) => inhibitors(rule, labels, firing).map((source) => ({rule: rule.index, source}))),
    silencedBy: silencedBy(silences.silences, labels, silences.atMs),
  }));
  const groups = new Map<string, Notification>();
  const nodes = new Map<string, RouteNode>();
  const index = (node: RouteNode) => {
    nodes.set(node.path, node);
    node.routes.forEach(index);
  };
  index(route);
  for (const alert of routed) {
    for (const target of alert.routes) {
      const key = `${target.path}|${labelsKey(target.groupLabels)}`;
      const node = nodes.get(target.path)!;
      const group = groups.get(key) ?? {receiver: target.receiver, path: target.path, groupLabels: target.groupLabels, alerts: [], muted: [], silenced: [], groupWaitMs: node.groupWaitMs, groupIntervalMs: node.groupIntervalMs, repeatIntervalMs: node.repeatIntervalMs};
      (alert.inhibitedBy.length > 0 ? group.muted : alert.silencedBy.length > 0 ? group.silenced : group.alerts).push(alert.labels);
      groups.set(key, group);
    }
  }
  const notifications = [...groups.values()].sort((a, b) => a.receiver.localeCompare(b.receiver) || labelsKey(a.groupLabels).localeCompare(labelsKey(b.groupLabels)));
  return {ok: true, alerts: routed, notifications};
}
