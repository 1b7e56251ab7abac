import * as z from 'zod';
import {parseOptions} from '../lab/options';
import {lineAndColumn} from '../lab/text';
import {saslMechanisms, type SaslMechanism} from './schema';

/** One problem in a `sasl.jaas.config` value, located in the text. */
export interface JaasFinding {
  /** 0-based offsets of the text the finding is about, and the 1-based line and column of its start. */
  start: number;
  end: number;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  /** Stable name of the check, for tests and links. */
  rule: string;
  message: string;
  fix: string;
  /** True when the message is Kafka's own text: Kafka refuses the string with exactly this message. */
  kafkaRefuses: boolean;
}

export interface JaasLintResult {
  findings: JaasFinding[];
  /** The login modules as Kafka would read them (with the option keys), when the text parses at all. */
  entries: {module: string; flag: string | null; options: Record<string, string>}[];
}

const contextSchema = z.strictObject({
  mechanism: z.enum(saslMechanisms).optional(),
  platform: z.enum(['databricks', 'apache']).default('databricks'),
  /** Pasted from a notebook or job code, where a password in the text is a leak. */
  inNotebook: z.boolean().default(true),
});
export type JaasLintContext = z.input<typeof contextSchema>;

/** A token as Kafka's StreamTokenizer (JaasConfig) reads it. */
interface Token {
  kind: 'word' | 'quoted' | 'semicolon' | 'equals' | 'other';
  value: string;
  start: number;
  end: number;
  /** A quoted string that ended at a line break or the end of the text instead of its closing quote. */
  unterminated?: boolean;
}

interface Comment {
  start: number;
  end: number;
  /** A lone `/` outside quotes: StreamTokenizer's comment character, which drops the rest of the line. */
  lone: boolean;
}

const severityRank: Record<JaasFinding['severity'], number> = {error: 0, warning: 1};

/** A pasted property line rather than its value: `sasl.jaas.config=…` (or Spark's `kafka.` form). */
const propertyKey = /^\s*((?:kafka\.)?sasl\.jaas\.config)\s*[=:]\s*/;

const escapes: Record<string, string> = {a: '\u0007', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\u000b'};

/**
 * Kafka's JaasConfig tokenizer: bytes 0–32 are whitespace; `;` and `=` are tokens of their own;
 * `'` and `"` quote (a quoted string also ends at a line break, with backslash escapes); `//`,
 * `/* … *\/` and a lone `/` are comments; everything else is part of a word.
 */
function tokenize(text: string): {tokens: Token[]; comments: Comment[]} {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  let at = 0;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    const char = text[at]!;
    if (code <= 32) {
      at += 1;
    } else if (char === '/') {
      if (text[at + 1] === '*') {
        const close = text.indexOf('*/', at + 2);
        const end = close === -1 ? text.length : close + 2;
        comments.push({start: at, end, lone: false});
        at = end;
      } else {
        const newline = text.slice(at).search(/[\r\n]/);
        const end = newline === -1 ? text.length : at + newline;
        comments.push({start: at, end, lone: text[at + 1] !== '/'});
        at = end;
      }
    } else if (char === '"' || char === "'") {
      let value = '';
      let end = at + 1;
      let unterminated = true;
      while (end < text.length) {
        const next = text[end]!;
        if (next === char) {
          unterminated = false;
          end += 1;
          break;
        }
        if (next === '\n' || next === '\r') {
          break;
        }
        if (next === '\\' && end + 1 < text.length) {
          const escaped = text[end + 1]!;
          const octal = /^[0-7]{1,3}/.exec(text.slice(end + 1));
          if (octal) {
            value += String.fromCharCode(parseInt(octal[0], 8));
            end += 1 + octal[0].length;
          } else {
            value += escapes[escaped] ?? escaped;
            end += 2;
          }
          continue;
        }
        value += next;
        end += 1;
      }
      tokens.push({kind: 'quoted', value, start: at, end, unterminated});
      at = end;
    } else if (char === ';' || char === '=') {
      tokens.push({kind: char === ';' ? 'semicolon' : 'equals', value: char, start: at, end: at + 1});
      at += 1;
    } else if (code >= 129 && code < 160) {
      tokens.push({kind: 'other', value: char, start: at, end: at + 1});
      at += 1;
    } else {
      let end = at;
      while (end < text.length) {
        const next = text[end]!;
        const nextCode = text.charCodeAt(end);
        if (nextCode <= 32 || ';="\'/'.includes(next) || (nextCode >= 129 && nextCode < 160)) {
          break;
        }
        end += 1;
      }
      tokens.push({kind: 'word', value: text.slice(at, end), start: at, end});
      at = end;
    }
  }
  return {tokens, comments};
}

const controlFlags = ['REQUIRED', 'REQUISITE', 'SUFFICIENT', 'OPTIONAL'];

/** The login module each mechanism needs (without Databricks' `kafkashaded.` prefix). */
export const loginModules: Record<SaslMechanism, string> = {
  PLAIN: 'org.apache.kafka.common.security.plain.PlainLoginModule',
  'SCRAM-SHA-256': 'org.apache.kafka.common.security.scram.ScramLoginModule',
  'SCRAM-SHA-512': 'org.apache.kafka.common.security.scram.ScramLoginModule',
  GSSAPI: 'com.sun.security.auth.module.Krb5LoginModule',
  OAUTHBEARER: 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule',
};

/** The class name a platform loads: Databricks relocates Kafka's own classes under `kafkashaded.`. */
export function platformClass(className: string, platform: 'databricks' | 'apache'): string {
  return platform === 'databricks' && className.startsWith('org.apache.kafka.') ? `kafkashaded.${className}` : className;
}

/** A value that stands for a secret rather than holding one: a template placeholder, a reference or an f-string field. */
function isPlaceholder(value: string): boolean {
  return /^\$\{[^}]+\}$|^\{[^}]*\}$|^<[^>]+>$|^\{\{secrets\/[^}]+\}\}$|^\*+$/.test(value.trim());
}

const passwordKeys = ['password', 'clientSecret'];

/**
 * Lints a `sasl.jaas.config` value the way Kafka reads it (org.apache.kafka.common.security.JaasConfig
 * and JaasContext): where Kafka would refuse the string, the finding quotes Kafka's own message; beyond
 * that it checks the module against the mechanism and platform, the options each module needs,
 * unterminated quotes, comments that swallow a value, and passwords written into notebook code.
 */
export function lintJaasConfig(text: string, contextInput: JaasLintContext = {}): JaasLintResult {
  const context = parseOptions(contextSchema, contextInput, 'lintJaasConfig');
  const pastedKey = propertyKey.exec(text);
  // The value alone is what Kafka parses; blanking the key keeps every offset, line and column.
  const {tokens, comments} = tokenize(pastedKey ? ' '.repeat(pastedKey[0].length) + text.slice(pastedKey[0].length) : text);
  const findings: JaasFinding[] = [];
  const at = (start: number, end: number, finding: Omit<JaasFinding, 'start' | 'end' | 'line' | 'column' | 'kafkaRefuses'> & {kafkaRefuses?: boolean}) => {
    findings.push({start, end: Math.max(end, start + 1), ...lineAndColumn(text, start), kafkaRefuses: false, ...finding});
  };
  if (pastedKey) {
    const keyStart = pastedKey[0].search(/\S/);
    at(keyStart, keyStart + pastedKey[1]!.length, {
      severity: 'warning',
      rule: 'property-key-pasted',
      message: `This is the whole property: ${pastedKey[1]} is its key, and Kafka parses only what follows the "=".`,
      fix: `Give the value alone where a value is asked for: .option("kafka.sasl.jaas.config", "…") in Spark, or sasl.jaas.config=… as one line of a properties file.`,
    });
  }
  for (const quote of text.matchAll(/[\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb]/g)) {
    // StreamTokenizer quotes only with ' and "; any character above U+00FF is a word character.
    at(quote.index, quote.index + 1, {
      severity: 'error',
      rule: 'typographic-quote',
      message: `${quote[0]} is not a quote for Kafka: it becomes part of the value, so the name or secret sent is wrong. Kafka does not refuse the string; the login fails.`,
      fix: 'Use straight quotes ("), as an editor that does not replace them types them.',
    });
  }
  const refuse = (token: Token | undefined, rule: string, message: string, fix: string) => {
    const start = token?.start ?? text.length;
    at(start, token?.end ?? start + 1, {severity: 'error', rule, message, fix, kafkaRefuses: true});
  };

  for (const comment of comments.filter((candidate) => candidate.lone)) {
    at(comment.start, comment.end, {
      severity: 'warning',
      rule: 'lone-slash-comment',
      message: 'Outside quotes, "/" starts a comment for Kafka: the rest of this line is ignored.',
      fix: 'Quote values that contain a slash, such as keyTab="/dbfs/keytabs/svc.keytab".',
    });
  }
  for (const token of tokens.filter((candidate) => candidate.unterminated)) {
    at(token.start, token.end, {
      severity: 'error',
      rule: 'unterminated-quote',
      message: `This quoted value is not closed on its line; Kafka takes the rest of the line as the value${token.value.includes(';') ? ', including the ";" that should end the entry' : ''}.`,
      fix: `Close the value with ${text[token.start]}.`,
    });
  }

  const entries: JaasLintResult['entries'] = [];
  let index = 0;
  const next = () => tokens[index++];
  parsing: {
    if (tokens.length === 0) {
      refuse(undefined, 'no-login-module', 'Login module not specified in JAAS config', 'Start with the login module class, e.g. org.apache.kafka.common.security.scram.ScramLoginModule required …;');
      break parsing;
    }
    while (index < tokens.length) {
      const moduleToken = next()!;
      const module = moduleToken.kind === 'word' || moduleToken.kind === 'quoted' ? moduleToken.value : null;
      const flagToken = next();
      if (!flagToken) {
        refuse(undefined, 'no-control-flag', 'Login module control flag not specified in JAAS config', 'Add the control flag after the module: required.');
        break parsing;
      }
      const flag = flagToken.kind === 'word' || flagToken.kind === 'quoted' ? flagToken.value : null;
      if (flag === null) {
        refuse(flagToken, 'control-flag-missing', 'Login module control flag is not available in the JAAS config', 'Write the control flag (required) between the module and its options.');
        break parsing;
      }
      if (!controlFlags.includes(flag.toUpperCase())) {
        refuse(flagToken, 'invalid-control-flag', `Invalid login module control flag '${flag}' in JAAS config`, 'Use required (or requisite, sufficient, optional).');
        break parsing;
      }
      const options: Record<string, string> = {};
      let terminated = false;
      for (let token = next(); token; token = next()) {
        if (token.kind === 'semicolon') {
          terminated = true;
          break;
        }
        const key = token.kind === 'word' || token.kind === 'quoted' ? token.value : null;
        const equals = next();
        const value = equals?.kind === 'equals' ? next() : undefined;
        if (equals?.kind !== 'equals' || !value || (value.kind !== 'word' && value.kind !== 'quoted')) {
          refuse(token, 'missing-value', `Value not specified for key '${key}' in JAAS config`, `Write ${key ?? 'the key'}="value", quoted if it contains spaces or slashes.`);
          break parsing;
        }
        if (key !== null && key in options) {
          at(token.start, token.end, {severity: 'warning', rule: 'duplicate-option', message: `${key} is set twice; Kafka keeps the last value.`, fix: `Remove one of the ${key} options.`});
        }
        options[key ?? ''] = value.value;
        if (key !== null && passwordKeys.includes(key) && context.inNotebook && !isPlaceholder(value.value)) {
          at(value.start, value.end, {
            severity: 'warning',
            rule: 'inline-password',
            message: `${key} is written into the code: it ends up in notebook revisions, job definitions and logs.`,
            fix: 'Read it at run time: dbutils.secrets.get(scope="kafka-plant-a", key="sasl-password"), and build the string with an f-string.',
          });
        }
      }
      if (!terminated) {
        const last = tokens.at(-1);
        at(last?.start ?? 0, last?.end ?? text.length, {
          severity: 'error',
          rule: 'not-terminated',
          message: 'JAAS config entry not terminated by semi-colon',
          fix: 'End the entry with ";" after the last option.',
          kafkaRefuses: true,
        });
        entries.push({module: module ?? '', flag, options});
        break parsing;
      }
      entries.push({module: module ?? '', flag, options});
      const moduleFindings = checkModule(module ?? '', options, context);
      for (const finding of moduleFindings) {
        at(moduleToken.start, moduleToken.end, finding);
      }
    }
    if (entries.length > 1) {
      at(tokens[0]!.start, text.length, {
        severity: 'error',
        rule: 'several-modules',
        message: `JAAS config property contains ${entries.length} login modules, should be 1 module`,
        fix: 'Keep one login module in sasl.jaas.config.',
        kafkaRefuses: true,
      });
    }
  }
  // Errors first, then warnings; each in the order of the text.
  findings.sort((left, right) => severityRank[left.severity] - severityRank[right.severity] || left.start - right.start || left.rule.localeCompare(right.rule));
  return {findings, entries};
}

type ModuleFinding = Omit<JaasFinding, 'start' | 'end' | 'line' | 'column' | 'kafkaRefuses'>;

/** What the parser accepts but the login fails on: module, platform and the options each module needs. */
function checkModule(module: string, options: Record<string, string>, context: z.output<typeof contextSchema>): ModuleFinding[] {
  const findings: ModuleFinding[] = [];
  const unshaded = module.replace(/^kafkashaded\./, '');
  if (context.platform === 'databricks' && module.startsWith('org.apache.kafka.')) {
    findings.push({
      severity: 'error',
      rule: 'unshaded-on-databricks',
      message: `Databricks clusters ship Kafka relocated under kafkashaded., so ${module} is not found ("No LoginModule found for ${module}").`,
      fix: `Use kafkashaded.${module}.`,
    });
  }
  if (context.platform === 'apache' && module.startsWith('kafkashaded.')) {
    findings.push({severity: 'error', rule: 'shaded-outside-databricks', message: 'The kafkashaded. prefix exists only on Databricks clusters; an Apache Kafka client does not find this class.', fix: `Use ${unshaded}.`});
  }
  const expected = context.mechanism ? loginModules[context.mechanism] : undefined;
  if (expected && unshaded !== expected) {
    findings.push({
      severity: 'error',
      rule: 'module-mechanism-mismatch',
      message: `sasl.mechanism ${context.mechanism} needs ${platformClass(expected, context.platform)}, not ${module}.`,
      fix: `Use ${platformClass(expected, context.platform)}, or change sasl.mechanism to the one this module implements.`,
    });
  }
  const missing = (keys: string[]) => keys.filter((key) => !(key in options));
  if (unshaded === loginModules.PLAIN || unshaded === loginModules['SCRAM-SHA-256']) {
    for (const key of missing(['username', 'password'])) {
      findings.push({severity: 'error', rule: 'missing-credential', message: `${unshaded.split('.').at(-1)} needs ${key}; without it the broker refuses the login.`, fix: `Add ${key}="…".`});
    }
  }
  if (unshaded === loginModules.GSSAPI) {
    if (options.useKeyTab?.toLowerCase() !== 'true' || !('keyTab' in options)) {
      findings.push({severity: 'error', rule: 'missing-keytab', message: 'A job has no one to type a Kerberos password: Krb5LoginModule needs useKeyTab=true and keyTab="…".', fix: 'Add useKeyTab=true storeKey=true keyTab="/dbfs/…/svc.keytab".'});
    }
    if (!('principal' in options)) {
      findings.push({severity: 'error', rule: 'missing-principal', message: 'Krb5LoginModule needs principal="user@REALM" to pick the key from the keytab.', fix: 'Add principal="svc-ingest@PLANT.EXAMPLE".'});
    }
  }
  if (unshaded === loginModules.OAUTHBEARER) {
    for (const key of missing(['clientId', 'clientSecret'])) {
      findings.push({severity: 'warning', rule: 'missing-oauth-client', message: `The client-credentials login (KIP-768) reads ${key} from the JAAS options.`, fix: `Add ${key}="…" and set sasl.login.callback.handler.class and sasl.oauthbearer.token.endpoint.url.`});
    }
  }
  return findings;
}
