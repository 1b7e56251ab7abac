import {parser} from '@prometheus-io/lezer-promql';
import type {SyntaxNode} from '@lezer/common';

/**
 * PromQL for the alerting lab: parsed with Prometheus' own Lezer grammar
 * (`@prometheus-io/lezer-promql`, the grammar of the Prometheus web UI), then turned into a small
 * typed tree of the subset the site's rules use. Anything outside the subset is refused with the
 * position it starts at, never guessed.
 */

export type LabelMatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: LabelMatchOp;
  value: string;
}

export type VectorMatching = {on: boolean; labels: string[]};

export type PromqlNode =
  | {kind: 'number'; value: number}
  | {kind: 'vector'; matchers: LabelMatcher[]; offsetMs: number}
  | {kind: 'matrix'; selector: Extract<PromqlNode, {kind: 'vector'}>; rangeMs: number}
  | {kind: 'call'; name: PromqlFunction; args: PromqlNode[]}
  | {kind: 'aggregate'; op: AggregateOp; without: boolean; grouping: string[]; arg: PromqlNode}
  | {kind: 'binary'; op: BinaryOp; left: PromqlNode; right: PromqlNode; returnBool: boolean; matching: VectorMatching | null}
  | {kind: 'negate'; arg: PromqlNode};

export type AggregateOp = 'sum' | 'min' | 'max' | 'avg' | 'count';
export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '^' | '==' | '!=' | '>' | '<' | '>=' | '<=' | 'and' | 'or' | 'unless';

/** The functions the lab evaluates, with the argument types Prometheus' parser checks (promql/parser/functions.go). */
export const promqlFunctions = {
  rate: ['matrix'],
  increase: ['matrix'],
  delta: ['matrix'],
  avg_over_time: ['matrix'],
  min_over_time: ['matrix'],
  max_over_time: ['matrix'],
  sum_over_time: ['matrix'],
  count_over_time: ['matrix'],
  last_over_time: ['matrix'],
  absent: ['vector'],
  absent_over_time: ['matrix'],
  clamp_min: ['vector', 'scalar'],
  clamp_max: ['vector', 'scalar'],
  abs: ['vector'],
  time: [],
  vector: ['scalar'],
} as const satisfies Record<string, readonly ('matrix' | 'vector' | 'scalar')[]>;

export type PromqlFunction = keyof typeof promqlFunctions;

/** A PromQL expression the lab cannot use, with the offset (0-based) in the expression where the problem starts. */
export class PromqlError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'PromqlError';
    this.offset = offset;
  }
}

const binaryOps: Record<string, BinaryOp> = {
  Add: '+', Sub: '-', Mul: '*', Div: '/', Mod: '%', Pow: '^',
  Eql: '==', Neq: '!=', Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=',
  And: 'and', Or: 'or', Unless: 'unless',
};
const matchOps: Record<string, LabelMatchOp> = {EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~'};
const durationUnits: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000};

/** A Prometheus duration (`90s`, `1h30m`, `5m`) in milliseconds; model.ParseDuration's units. */
export function parseDuration(text: string): number {
  const pattern = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
  const match = pattern.exec(text.trim());
  if (text.trim() === '' || match === null || match.slice(1).every((part) => part === undefined)) {
    throw new RangeError(`not a valid duration string: "${text}" (use units such as 30s, 5m, 1h30m)`);
  }
  const units = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  return match.slice(1).reduce((total, part, index) => total + (part === undefined ? 0 : Number(part) * durationUnits[units[index]!]!), 0);
}

/** A Go-quoted PromQL string literal ("...", '...' or `...`) as its value. */
function unquote(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === '`') return body;
  return body.replace(/\\(["'\\abfnrtv]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})/g, (_, escape: string) => {
    const simple: Record<string, string> = {a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v'};
    if (escape.length === 1) return simple[escape] ?? escape;
    return String.fromCharCode(parseInt(escape.slice(1), 16));
  });
}

function parseNumber(text: string): number {
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === '+inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (lower === 'nan') return NaN;
  if (/^0x[0-9a-f]+$/.test(lower)) return parseInt(lower, 16);
  const value = Number(text);
  if (Number.isNaN(value)) return parseDuration(text) / 1000;
  return value;
}

function children(node: SyntaxNode): SyntaxNode[] {
  const list: SyntaxNode[] = [];
  for (let child = node.firstChild; child !== null; child = child.nextSibling) list.push(child);
  return list;
}

function typeOf(node: PromqlNode): 'scalar' | 'vector' | 'matrix' {
  if (node.kind === 'number') return 'scalar';
  if (node.kind === 'matrix') return 'matrix';
  if (node.kind === 'call' && node.name === 'time') return 'scalar';
  if (node.kind === 'negate') return typeOf(node.arg);
  if (node.kind === 'binary') return typeOf(node.left) === 'scalar' && typeOf(node.right) === 'scalar' ? 'scalar' : 'vector';
  return 'vector';
}

const typeNames = {scalar: 'scalar', vector: 'instant vector', matrix: 'range vector'} as const;

/** Parses an expression; throws PromqlError with Prometheus' wording where it has one. */
export function parsePromql(expression: string): PromqlNode {
  const tree = parser.parse(expression);
  let syntaxError: number | null = null;
  tree.iterate({
    enter(node) {
      if (syntaxError === null && node.type.isError) syntaxError = node.from;
    },
  });
  if (syntaxError !== null) {
    const at = syntaxError as number;
    const near = expression.slice(at, at + 12).trim();
    throw new PromqlError(near === '' ? 'unexpected end of input' : `unexpected "${near}"`, at);
  }
  const top = tree.topNode.firstChild;
  if (top === null) throw new PromqlError('empty expression', 0);
  return convert(top, expression);
}

function convert(node: SyntaxNode, text: string): PromqlNode {
  const source = (n: SyntaxNode) => text.slice(n.from, n.to);
  const unsupported = (what: string): never => {
    throw new PromqlError(`${what} is valid PromQL but outside what this lab evaluates`, node.from);
  };
  switch (node.name) {
    case 'ParenExpr':
      return convert(node.firstChild!, text);
    case 'NumberDurationLiteral':
      return {kind: 'number', value: parseNumber(source(node))};
    case 'StringLiteral':
      return unsupported('A string literal');
    case 'UnaryExpr': {
      const [op, arg] = children(node);
      const converted = convert(arg!, text);
      return source(op!) === '-' ? {kind: 'negate', arg: converted} : converted;
    }
    case 'VectorSelector':
      return vectorSelector(node, text);
    case 'MatrixSelector': {
      const [selector, duration] = children(node);
      const vector = convert(selector!, text);
      if (vector.kind !== 'vector') throw new PromqlError('ranges only allowed for vector selectors', node.from);
      return {kind: 'matrix', selector: vector, rangeMs: parseDuration(source(duration!))};
    }
    case 'OffsetExpr': {
      const [inner, , duration] = children(node);
      const converted = convert(inner!, text);
      const offsetMs = parseDuration(source(duration!).replace(/^-/, '')) * (source(duration!).startsWith('-') ? -1 : 1);
      if (converted.kind === 'vector') return {...converted, offsetMs};
      if (converted.kind === 'matrix') return {...converted, selector: {...converted.selector, offsetMs}};
      throw new PromqlError('offset modifier must be preceded by an instant vector selector or range vector selector', node.from);
    }
    case 'FunctionCall':
      return functionCall(node, text);
    case 'AggregateExpr':
      return aggregate(node, text);
    case 'BinaryExpr':
      return binary(node, text);
    case 'SubqueryExpr':
      return unsupported('A subquery');
    case 'StepInvariantExpr':
      return unsupported('The @ modifier');
    default:
      return unsupported(`"${source(node)}"`);
  }
}

function vectorSelector(node: SyntaxNode, text: string): Extract<PromqlNode, {kind: 'vector'}> {
  const matchers: LabelMatcher[] = [];
  for (const child of children(node)) {
    if (child.name === 'Identifier') matchers.push({name: '__name__', op: '=', value: text.slice(child.from, child.to)});
    if (child.name === 'LabelMatchers') {
      for (const matcher of children(child)) {
        if (matcher.name !== 'UnquotedLabelMatcher') {
          throw new PromqlError('quoted label names are valid PromQL but outside what this lab evaluates', matcher.from);
        }
        const [name, op, value] = children(matcher);
        matchers.push({name: text.slice(name!.from, name!.to), op: matchOps[op!.firstChild!.name]!, value: unquote(text.slice(value!.from, value!.to))});
      }
    }
  }
  for (const matcher of matchers) {
    if (matcher.op === '=~' || matcher.op === '!~') {
      try {
        new RegExp(`^(?:${matcher.value})$`);
      } catch {
        throw new PromqlError(`invalid regular expression in matcher ${matcher.name}${matcher.op}"${matcher.value}"`, node.from);
      }
    }
  }
  // Prometheus' parser: "vector selector must contain at least one non-empty matcher".
  if (!matchers.some((matcher) => !matchesLabel(matcher, ''))) {
    throw new PromqlError('vector selector must contain at least one non-empty matcher', node.from);
  }
  return {kind: 'vector', matchers, offsetMs: 0};
}

function functionCall(node: SyntaxNode, text: string): PromqlNode {
  const [identifier, body] = children(node);
  const name = text.slice(identifier!.from, identifier!.to);
  if (!(name in promqlFunctions)) {
    throw new PromqlError(`function "${name}" is valid PromQL but outside what this lab evaluates`, node.from);
  }
  const signature = promqlFunctions[name as PromqlFunction];
  const args = children(body!).map((arg) => convert(arg, text));
  if (args.length !== signature.length) {
    throw new PromqlError(`expected ${signature.length} argument(s) in call to "${name}", got ${args.length}`, node.from);
  }
  args.forEach((arg, index) => {
    const expected = signature[index]!;
    if (typeOf(arg) !== expected) {
      throw new PromqlError(`expected type ${typeNames[expected]} in call to function "${name}", got ${typeNames[typeOf(arg)]}`, node.from);
    }
  });
  return {kind: 'call', name: name as PromqlFunction, args};
}

function aggregate(node: SyntaxNode, text: string): PromqlNode {
  let op: AggregateOp | null = null;
  let without = false;
  let grouping: string[] = [];
  let args: PromqlNode[] = [];
  for (const child of children(node)) {
    if (child.name === 'AggregateOp') {
      const name = text.slice(child.from, child.to);
      if (!['sum', 'min', 'max', 'avg', 'count'].includes(name)) {
        throw new PromqlError(`aggregation "${name}" is valid PromQL but outside what this lab evaluates`, child.from);
      }
      op = name as AggregateOp;
    } else if (child.name === 'AggregateModifier') {
      const [kind, labels] = children(child);
      without = kind!.name === 'Without';
      grouping = children(labels!).filter((label) => label.name === 'LabelName').map((label) => text.slice(label.from, label.to));
    } else if (child.name === 'FunctionCallBody') {
      args = children(child).map((arg) => convert(arg, text));
    }
  }
  if (args.length !== 1 || typeOf(args[0]!) !== 'vector') {
    throw new PromqlError(`expected one instant vector in aggregation "${op}"`, node.from);
  }
  return {kind: 'aggregate', op: op!, without, grouping, arg: args[0]!};
}

function binary(node: SyntaxNode, text: string): PromqlNode {
  const parts = children(node);
  const left = convert(parts[0]!, text);
  const right = convert(parts[parts.length - 1]!, text);
  const op = binaryOps[parts[1]!.name];
  if (op === undefined) throw new PromqlError(`operator "${text.slice(parts[1]!.from, parts[1]!.to)}" is outside what this lab evaluates`, parts[1]!.from);
  let returnBool = false;
  let matching: VectorMatching | null = null;
  for (const part of parts.slice(2, -1)) {
    if (part.name === 'BoolModifier') returnBool = true;
    if (part.name === 'MatchingModifierClause') {
      const clause = children(part);
      if (clause.some((child) => child.name === 'GroupLeft' || child.name === 'GroupRight')) {
        throw new PromqlError('group_left/group_right are valid PromQL but outside what this lab evaluates', part.from);
      }
      matching = {
        on: clause[0]!.name === 'On',
        labels: children(clause[1]!).filter((label) => label.name === 'LabelName').map((label) => text.slice(label.from, label.to)),
      };
    }
  }
  const comparison = ['==', '!=', '>', '<', '>=', '<='].includes(op);
  const setOp = op === 'and' || op === 'or' || op === 'unless';
  const [leftType, rightType] = [typeOf(left), typeOf(right)];
  if (leftType === 'matrix' || rightType === 'matrix') throw new PromqlError('binary expressions must contain only scalar and instant vector types', node.from);
  if (returnBool && !comparison) throw new PromqlError('bool modifier can only be used on comparison operators', node.from);
  if (comparison && !returnBool && leftType === 'scalar' && rightType === 'scalar') {
    throw new PromqlError('comparisons between scalars must use BOOL modifier', node.from);
  }
  if (setOp && (leftType === 'scalar' || rightType === 'scalar')) {
    throw new PromqlError(`set operator "${op}" not allowed in binary scalar expression`, node.from);
  }
  return {kind: 'binary', op, left, right, returnBool, matching};
}

/** Whether a label value satisfies a matcher; a missing label is the empty string (labels.Matcher.Matches). */
export function matchesLabel(matcher: LabelMatcher, value: string): boolean {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return new RegExp(`^(?:${matcher.value})$`).test(value);
    case '!~':
      return !new RegExp(`^(?:${matcher.value})$`).test(value);
  }
}

/** The metric names an expression reads, for checking dashboards and rules against the defined metrics. */
export function metricNamesOf(node: PromqlNode): string[] {
  const names = new Set<string>();
  const walk = (current: PromqlNode): void => {
    if (current.kind === 'vector') {
      for (const matcher of current.matchers) if (matcher.name === '__name__' && matcher.op === '=') names.add(matcher.value);
    } else if (current.kind === 'matrix') walk(current.selector);
    else if (current.kind === 'call') current.args.forEach(walk);
    else if (current.kind === 'aggregate' || current.kind === 'negate') walk(current.arg);
    else if (current.kind === 'binary') {
      walk(current.left);
      walk(current.right);
    }
  };
  walk(node);
  return [...names].sort();
}

/**
 * A syntax check with Prometheus' grammar alone, for expressions outside the lab's subset (Grafana
 * panels): whether the expression parses, and the metric names its selectors read.
 */
export function checkPromqlSyntax(expression: string): {ok: true; metricNames: string[]} | {ok: false; offset: number; message: string} {
  const tree = parser.parse(expression);
  let errorAt: number | null = null;
  const names = new Set<string>();
  tree.iterate({
    enter(node) {
      if (errorAt === null && node.type.isError) errorAt = node.from;
      if (node.name === 'VectorSelector') {
        const identifier = node.node.getChild('Identifier');
        if (identifier !== null) names.add(expression.slice(identifier.from, identifier.to));
      }
    },
  });
  if (errorAt !== null) {
    const at = errorAt as number;
    const near = expression.slice(at, at + 12).trim();
    return {ok: false, offset: at, message: near === '' ? 'unexpected end of input' : `unexpected "${near}"`};
  }
  return {ok: true, metricNames: [...names].sort()};
}
