/**
 * Alert annotations rendered as Prometheus renders them: Go's text/template over the alert's data,
 * with the template functions of Prometheus' template/template.go (NewTemplateExpander) and the
 * variables rules/alerting.go (AlertingRule.Eval) prepends to every label and annotation:
 *
 *   {{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}
 *
 * `.Labels` are the labels of the expression's result sample (not the rule's own labels), `.Value`
 * its value at this evaluation. The template runs with `missingkey=zero`, so a label the sample
 * lacks prints as the empty string. A template that fails renders as
 * `<error expanding template: ...>`, which is what Prometheus puts in the annotation.
 *
 * The subset: text, `{{- -}}` trimming, comments, variables and `:=`, field and map access
 * (`$labels.plant`, `.Labels.plant`), string/number literals, pipelines with `|`, the functions
 * humanize, humanize1024, humanizeDuration, humanizePercentage, toUpper, toLower, title, and Go's
 * print, printf, len and index. Control structures (if, range, with) and `query` are not rendered.
 */

export interface TemplateData {
  labels: Readonly<Record<string, string>>;
  value: number;
  externalLabels?: Readonly<Record<string, string>>;
  externalURL?: string;
}

type GoValue = string | number | boolean | Readonly<Record<string, string>> | null;

class TemplateError extends Error {}

// --- Go's fmt for float64 -------------------------------------------------------------------------

/** The decimal digits (no trailing zeros) and decimal-point position of `v` (> 0), as strconv produces them. */
function decimalDigits(v: number, precision: number | null): {digits: string; point: number} {
  let text = precision === null ? v.toExponential() : v.toExponential(precision - 1);
  if (precision !== null) {
    // JavaScript rounds an exact tie up; strconv rounds it to even (ryuFtoaFixed64). A tie is a
    // value whose exact decimal expansion ends with the 5 just after the kept digits.
    const exact = v.toPrecision(100).replace('.', '').replace(/^0+/, '');
    const rest = exact.slice(precision);
    if (/^50*$/.test(rest.split('e')[0]!) && Number(exact[precision - 1]) % 2 === 0) {
      const exponent = Number(v.toExponential(20).split('e')[1]);
      const kept = exact.slice(0, precision);
      text = `${kept[0]}${kept.length > 1 ? `.${kept.slice(1)}` : ''}e${exponent >= 0 ? '+' : ''}${exponent}`;
    }
  }
  const [mantissa, exponent] = text.split('e') as [string, string];
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  return {digits, point: Number(exponent) + 1};
}

/** Go's `%g` (precision given) and `%v` (precision null: the shortest representation) for a float64. */
export function formatGoFloat(v: number, precision: number | null = null): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const sign = v < 0 ? '-' : '';
  const {digits, point} = decimalDigits(Math.abs(v), precision === null ? null : Math.max(precision, 1));
  // strconv/ftoa.go, case 'g': %e when the exponent is < -4 or >= the precision (6 for the shortest).
  let eprec = precision === null ? 6 : Math.max(precision, 1);
  if (precision !== null && eprec > digits.length && digits.length >= point) eprec = digits.length;
  const exponent = point - 1;
  if (exponent < -4 || exponent >= eprec) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const magnitude = Math.abs(exponent);
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${magnitude < 10 ? '0' : ''}${magnitude}`;
  }
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function formatGoFixed(v: number, decimals: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return v.toFixed(decimals);
}

/** fmt's `%v` of a template value. */
function printValue(value: GoValue): string {
  if (value === null) return '<no value>';
  if (typeof value === 'number') return formatGoFloat(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  return `map[${Object.keys(value)
    .sort()
    .map((key) => `${key}:${value[key]}`)
    .join(' ')}]`;
}

/** fmt.Sprintf for the verbs templates use: %s %v %d %f %g %e %q %%, with an optional precision. */
function sprintf(format: string, args: GoValue[]): string {
  let index = 0;
  return format.replace(/%(?:\.(\d+))?([svdfgeq%])/g, (_whole, precisionText: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (index >= args.length) return `%!${verb}(MISSING)`;
    const arg = args[index++]!;
    const precision = precisionText === undefined ? null : Number(precisionText);
    if (verb === 's' || verb === 'v') return printValue(arg);
    if (verb === 'q') return JSON.stringify(printValue(arg));
    if (typeof arg !== 'number') return `%!${verb}(string=${printValue(arg)})`;
    if (verb === 'd') return Number.isInteger(arg) ? String(arg) : `%!d(float64=${formatGoFloat(arg)})`;
    if (verb === 'f') return formatGoFixed(arg, precision ?? 6);
    if (verb === 'e') return Number.isFinite(arg) ? arg.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2') : formatGoFloat(arg);
    return formatGoFloat(arg, precision);
  });
}

// --- Prometheus' template functions (template/template.go) ---------------------------------------

/** template.go's convertToFloat: numbers as they are, strings through strconv.ParseFloat. */
function toFloat(value: GoValue, name: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === value && /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|[Ii]nf(?:inity)?|NaN)$/.test(value)) {
      return /inf/i.test(value) ? (value.startsWith('-') ? -Infinity : Infinity) : Number(value);
    }
    throw new TemplateError(`error calling ${name}: strconv.ParseFloat: parsing ${JSON.stringify(value)}: invalid syntax`);
  }
  throw new TemplateError(`error calling ${name}: can't convert ${value === null ? 'nil' : 'map[string]string'} to float`);
}

const scaleUp = ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const scaleDown = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];

function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return formatGoFloat(v, 4);
  let prefix = '';
  if (Math.abs(v) >= 1) {
    for (const p of scaleUp) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return `${formatGoFloat(v, 4)}${prefix}`;
  }
  for (const p of scaleDown) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${formatGoFloat(v, 4)}${prefix}`;
}

function humanize1024(v: number): string {
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return formatGoFloat(v, 4);
  let prefix = '';
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return `${formatGoFloat(v, 4)}${prefix}`;
}

function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return formatGoFloat(v, 4);
  if (v === 0) return `${formatGoFloat(v, 4)}s`;
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    v = Math.abs(v);
    const whole = Math.trunc(v);
    const seconds = whole % 60;
    const minutes = Math.trunc(whole / 60) % 60;
    const hours = Math.trunc(whole / 3600) % 24;
    const days = Math.trunc(whole / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${formatGoFloat(v, 4)}s`;
  }
  let prefix = '';
  for (const p of scaleDown) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${formatGoFloat(v, 4)}${prefix}s`;
}

const functions: Record<string, (args: GoValue[]) => GoValue> = {
  humanize: ([v]) => humanize(toFloat(v!, 'humanize')),
  humanize1024: ([v]) => humanize1024(toFloat(v!, 'humanize1024')),
  humanizeDuration: ([v]) => humanizeDuration(toFloat(v!, 'humanizeDuration')),
  humanizePercentage: ([v]) => `${formatGoFloat(toFloat(v!, 'humanizePercentage') * 100, 4)}%`,
  toUpper: ([v]) => printValue(v!).toUpperCase(),
  toLower: ([v]) => printValue(v!).toLowerCase(),
  // strings.Title: the first letter of each word upper-cased.
  title: ([v]) => printValue(v!).replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase()),
  // Go's builtins (text/template/funcs.go).
  print: (args) => args.map(printValue).reduce((out, text, index) => out + (index > 0 && typeof args[index] !== 'string' && typeof args[index - 1] !== 'string' ? ' ' : '') + text, ''),
  printf: ([format, ...args]) => sprintf(printValue(format ?? ''), args),
  len: ([v]) => {
    if (typeof v === 'string') return new TextEncoder().encode(v).length;
    if (v !== null && typeof v === 'object') return Object.keys(v).length;
    throw new TemplateError(`error calling len: len of type ${typeof v === 'number' ? 'float64' : String(v)}`);
  },
  index: ([map, ...keys]) => {
    let current: GoValue = map ?? null;
    for (const key of keys) current = current !== null && typeof current === 'object' ? (current[printValue(key)] ?? '') : null;
    return current;
  },
};

const argumentCounts: Record<string, number> = {humanize: 1, humanize1024: 1, humanizeDuration: 1, humanizePercentage: 1, toUpper: 1, toLower: 1, title: 1, len: 1};
/** Functions Prometheus or Go define that the lab does not render. */
const notRendered = new Set(['query', 'first', 'label', 'value', 'strvalue', 'args', 'reReplaceAll', 'safeHtml', 'match', 'graphLink', 'tableLink', 'sortByLabel', 'humanizeTimestamp', 'pathPrefix', 'externalURL', 'parseDuration', 'toTime', 'stripPort', 'stripDomain', 'and', 'or', 'not', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'html', 'js', 'urlquery', 'slice', 'call', 'println']);

// --- The template language (text/template/parse) --------------------------------------------------

type Operand = {kind: 'variable'; name: string; fields: string[]} | {kind: 'field'; fields: string[]} | {kind: 'literal'; value: GoValue} | {kind: 'function'; name: string};
type Command = Operand[];
type Node = {kind: 'text'; text: string} | {kind: 'action'; declare: string | null; pipeline: Command[]; line: number};

function tokenizeAction(body: string, name: string, line: number): string[] {
  const tokens: string[] = [];
  const pattern = /\s+|"(?:[^"\\]|\\.)*"|`[^`]*`|:=|\||\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*|(?:\.[A-Za-z0-9_]+)+|\.|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|\(|\)|./gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(body)) !== null) {
    const token = match[0];
    if (/^\s+$/.test(token)) continue;
    if (token === '(' || token === ')') throw new TemplateError(`template: ${name}:${line}: parenthesized pipelines are not rendered by the lab`);
    if (!/^(?:"|`|:=|\||\$|\.|-?\d|[A-Za-z_])/.test(token)) throw new TemplateError(`template: ${name}:${line}: unexpected "${token}" in command`);
    tokens.push(token);
  }
  return tokens;
}

function operandOf(token: string, name: string, line: number): Operand {
  if (token.startsWith('"')) return {kind: 'literal', value: JSON.parse(token) as string};
  if (token.startsWith('`')) return {kind: 'literal', value: token.slice(1, -1)};
  if (token.startsWith('$')) {
    const [variable, ...fields] = token.split('.');
    return {kind: 'variable', name: variable!, fields};
  }
  if (token === '.') return {kind: 'field', fields: []};
  if (token.startsWith('.')) return {kind: 'field', fields: token.slice(1).split('.')};
  if (/^-?\d/.test(token)) return {kind: 'literal', value: Number(token)};
  if (token === 'true' || token === 'false') return {kind: 'literal', value: token === 'true'};
  if (token === 'nil') return {kind: 'literal', value: null};
  if (['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue'].includes(token)) {
    throw new TemplateError(`template: ${name}:${line}: {{${token}}} is valid Go template syntax the lab does not render`);
  }
  if (token in functions) return {kind: 'function', name: token};
  if (notRendered.has(token)) throw new TemplateError(`template: ${name}:${line}: function "${token}" is valid in Prometheus but not rendered by the lab`);
  throw new TemplateError(`template: ${name}:${line}: function "${token}" not defined`);
}

function parseTemplate(text: string, name: string): Node[] {
  const nodes: Node[] = [];
  let cursor = 0;
  let trimNext = false;
  while (cursor <= text.length) {
    const open = text.indexOf('{{', cursor);
    let chunk = text.slice(cursor, open === -1 ? text.length : open);
    if (trimNext) chunk = chunk.replace(/^\s+/, '');
    const line = text.slice(0, open === -1 ? text.length : open).split('\n').length;
    if (open === -1) {
      if (chunk !== '') nodes.push({kind: 'text', text: chunk});
      break;
    }
    const trimBefore = /^\{\{- /.test(text.slice(open, open + 4));
    if (trimBefore) chunk = chunk.replace(/\s+$/, '');
    if (chunk !== '') nodes.push({kind: 'text', text: chunk});
    const close = text.indexOf('}}', open + 2);
    if (close === -1) throw new TemplateError(`template: ${name}:${line}: unclosed action`);
    let body = text.slice(open + 2, close);
    trimNext = / -$/.test(body);
    if (trimBefore) body = body.slice(2);
    if (trimNext) body = body.slice(0, -2);
    cursor = close + 2;
    if (/^\s*\/\*[\s\S]*\*\/\s*$/.test(body)) continue;
    const tokens = tokenizeAction(body, name, line);
    if (tokens.length === 0) throw new TemplateError(`template: ${name}:${line}: missing value for command`);
    let declare: string | null = null;
    if (tokens[1] === ':=') {
      if (!tokens[0]!.startsWith('$') || tokens[0]!.includes('.')) throw new TemplateError(`template: ${name}:${line}: unexpected ":=" in operand`);
      declare = tokens[0]!;
      tokens.splice(0, 2);
    }
    const pipeline: Command[] = [[]];
    for (const token of tokens) {
      if (token === '|') pipeline.push([]);
      else pipeline[pipeline.length - 1]!.push(operandOf(token, name, line));
    }
    if (pipeline.some((command) => command.length === 0)) throw new TemplateError(`template: ${name}:${line}: missing command`);
    for (const command of pipeline.slice(1)) {
      if (command[0]!.kind !== 'function') throw new TemplateError(`template: ${name}:${line}: non executable command in pipeline stage 2`);
    }
    nodes.push({kind: 'action', declare, pipeline, line});
  }
  return nodes;
}

function fieldOf(value: GoValue, field: string): GoValue {
  if (value !== null && typeof value === 'object') return value[field] ?? ''; // missingkey=zero on map[string]string
  throw new TemplateError(`can't evaluate field ${field} in type ${typeof value === 'number' ? 'float64' : typeof value}`);
}

function execute(nodes: Node[], data: Record<string, GoValue>, name: string): string {
  const variables = new Map<string, GoValue>([['$', data as unknown as GoValue]]);
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      out += node.text;
      continue;
    }
    const at = `template: ${name}:${node.line}: executing "${name}"`;
    let result: GoValue | undefined;
    for (const command of node.pipeline) {
      const [head, ...rest] = command as [Operand, ...Operand[]];
      const resolve = (operand: Operand): GoValue => {
        if (operand.kind === 'literal') return operand.value;
        if (operand.kind === 'function') throw new TemplateError(`${at}: wrong number of args for ${operand.name}: want 1 got 0`);
        if (operand.kind === 'field') {
          if (operand.fields.length === 0) return data as unknown as GoValue;
          if (!(operand.fields[0]! in data)) throw new TemplateError(`${at}: can't evaluate field ${operand.fields[0]}`);
          return operand.fields.slice(1).reduce(fieldOf, data[operand.fields[0]!]!);
        }
        if (!variables.has(operand.name)) throw new TemplateError(`template: ${name}:${node.line}: undefined variable "${operand.name}"`);
        return operand.fields.reduce(fieldOf, variables.get(operand.name)!);
      };
      if (head.kind === 'function') {
        const args = rest.map(resolve);
        if (result !== undefined) args.push(result);
        const expected = argumentCounts[head.name];
        if (expected !== undefined && args.length !== expected) throw new TemplateError(`${at}: wrong number of args for ${head.name}: want ${expected} got ${args.length}`);
        try {
          result = functions[head.name]!(args);
        } catch (error) {
          if (error instanceof TemplateError) throw new TemplateError(`${at}: ${error.message}`);
          throw error;
        }
      } else {
        if (rest.length > 0 || result !== undefined) throw new TemplateError(`${at}: can't give argument to non-function`);
        result = resolve(head);
      }
    }
    if (node.declare !== null) variables.set(node.declare, result ?? null);
    else out += printValue(result ?? null);
  }
  return out;
}

/**
 * Expands one label or annotation template of alerting rule `rule` for one result sample, as
 * rules/alerting.go's `expand` does (template name `__alert_<rule>`).
 */
export function expandAlertTemplate(text: string, rule: string, data: TemplateData): string {
  const name = `__alert_${rule}`;
  const dataMap: Record<string, GoValue> = {Labels: data.labels, ExternalLabels: data.externalLabels ?? {}, ExternalURL: data.externalURL ?? '', Value: data.value};
  const defs = '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';
  let nodes: Node[];
  try {
    nodes = parseTemplate(defs + text, name);
  } catch (error) {
    if (error instanceof TemplateError) return `<error expanding template: error parsing template ${name}: ${error.message}>`;
    throw error;
  }
  try {
    return execute(nodes, dataMap, name);
  } catch (error) {
    if (error instanceof TemplateError) return `<error expanding template: error executing template ${name}: ${error.message}>`;
    throw error;
  }
}

/** Checks a template the way `promtool check rules` does (parse only); null when it parses. */
export function templateProblem(text: string, rule: string): string | null {
  try {
    parseTemplate(text, `__alert_${rule}`);
    return null;
  } catch (error) {
    if (error instanceof TemplateError) return error.message;
    throw error;
  }
}
