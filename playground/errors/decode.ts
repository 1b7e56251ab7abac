import * as z from 'zod';
import type {ErrorEntry} from './schema';

/** A pasted log larger than this is refused: a trace is far smaller, and the browser must stay quick. */
export const maxTraceChars = 1_048_576;

const traceSchema = z
  .string({error: 'Paste the log or stack trace as text.'})
  .max(maxTraceChars, `That is more than 1 MB of text. Paste the failing part of the log: the exception line and its "Caused by:" lines.`);

/** How a catalog entry was found in the text. */
export type MatchSource = 'error-class' | 'exception-class' | 'message';

export interface DecodedMatch {
  entry: ErrorEntry;
  /** The first line it was found on (1-based) and that line's text (long lines shortened). */
  line: number;
  text: string;
  via: MatchSource;
  /** Values pulled out of the message: field names, types, topic, broker, mechanism... */
  params: Record<string, string>;
  /** Where it sits in the cause chain: 0 the outermost exception; null when it is not on the chain. */
  depth: number | null;
  occurrences: number;
}

/** One exception of the chain, outermost first, as the trace prints it. */
export interface ChainLink {
  exceptionClass: string;
  /** The error class in brackets at the start of its message, if any. */
  errorClass: string | null;
  message: string;
  line: number;
  /** The catalog code this link was recognised as, if any. */
  code: string | null;
}

export interface DecodeResult {
  /** Best first: the deepest cause on the chain, then the rest by where they appear. */
  matches: DecodedMatch[];
  chain: ChainLink[];
  /** Every exception class named in the text, for an honest "not recognised". */
  exceptionClasses: string[];
  lines: number;
  recognised: boolean;
}

const errorClassToken = /\[([A-Z][A-Z0-9_]*(?:\.[A-Z][A-Z0-9_]*)?)\]/g;
const exceptionClassToken = /\b((?:[a-z][a-z0-9_]*\.)+[A-Z][A-Za-z0-9$]*(?:Exception|Error|Throwable))\b/g;
const chainLine = /^\s*(Caused by:\s*)?((?:[a-z][a-z0-9_]*\.)+[A-Z][A-Za-z0-9$]*)(?::\s?(.*))?$/;

/** Databricks Runtime shades the Kafka client: `kafkashaded.org.apache.kafka…` is Kafka's own class. */
function unshaded(className: string): string {
  return className.startsWith('kafkashaded.') ? className.slice('kafkashaded.'.length) : className;
}

interface Template {
  entry: ErrorEntry;
  regex: RegExp;
  names: string[];
  /** The longest literal part, looked for with indexOf before the regex runs. */
  anchor: string;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A message template (`Failed to merge fields '<currentField>' and '<updateField>'`) as a regex with a group per placeholder. */
function compileTemplate(entry: ErrorEntry, template: string): Template | undefined {
  // Only the first line of a multi-line template is matched: logs break long messages anyway.
  const firstLine = template.split('\n')[0]!.trim();
  const parts = firstLine.split(/<([A-Za-z][A-Za-z0-9_-]*)>/);
  const names: string[] = [];
  let source = '';
  let anchor = '';
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      names.push(part);
      source += '(.+?)';
    } else {
      source += escapeRegex(part);
      anchor = part.trim().length > anchor.length ? part.trim() : anchor;
    }
  });
  // A template made mostly of placeholders would match anything.
  if (anchor.length < 12) {
    return undefined;
  }
  // A trailing placeholder runs to the end of the line, less a final full stop and Spark 4's SQLSTATE suffix.
  const endsWithPlaceholder = names.length > 0 && parts.at(-1) === '';
  return {entry, regex: new RegExp(endsWithPlaceholder ? `${source}(?=[.;]?(?:\\s+SQLSTATE: [0-9A-Z]{5})?\\s*$)` : source), names, anchor};
}

/** Everything the decoder needs from a catalog, built once per catalog. */
export interface TraceDecoder {
  decode(text: unknown): DecodeResult;
}

export function createTraceDecoder(catalog: readonly ErrorEntry[]): TraceDecoder {
  const byCode = new Map(catalog.map((entry) => [entry.code, entry]));
  const templates = catalog.flatMap((entry) => [entry.message, ...entry.alsoMatches].map((template) => compileTemplate(entry, template)).filter((template): template is Template => template !== undefined));

  const paramsFrom = (entry: ErrorEntry, text: string): Record<string, string> => {
    for (const template of templates) {
      if (template.entry !== entry || !text.includes(template.anchor)) {
        continue;
      }
      const found = template.regex.exec(text);
      if (found) {
        return Object.fromEntries(template.names.map((name, index) => [name, found[index + 1]!.trim()]));
      }
    }
    return {};
  };

  return {
    decode(input: unknown): DecodeResult {
      const parsed = traceSchema.safeParse(input);
      if (!parsed.success) {
        throw new RangeError(parsed.error.issues[0]?.message ?? 'Paste the log or stack trace as text.');
      }
      const lines = parsed.data.split(/\r?\n/);
      const found = new Map<string, DecodedMatch>();
      const exceptionClasses = new Set<string>();
      const chains: ChainLink[][] = [];
      let chain: ChainLink[] | undefined;

      const record = (entry: ErrorEntry, lineIndex: number, text: string, via: MatchSource) => {
        const existing = found.get(entry.code);
        if (existing) {
          existing.occurrences += 1;
          return;
        }
        found.set(entry.code, {entry, line: lineIndex + 1, text: text.length > 400 ? `${text.slice(0, 400)}…` : text.trim(), via, params: paramsFrom(entry, text), depth: null, occurrences: 1});
      };

      lines.forEach((text, lineIndex) => {
        for (const [, code] of text.matchAll(errorClassToken)) {
          const entry = byCode.get(code!) ?? byCode.get(code!.split('.')[0]!);
          if (entry) {
            record(entry, lineIndex, text, 'error-class');
          }
        }
        for (const [, printed] of text.matchAll(exceptionClassToken)) {
          const name = unshaded(printed!);
          exceptionClasses.add(name);
          const entry = byCode.get(name);
          if (entry) {
            record(entry, lineIndex, text, 'exception-class');
          }
        }
        for (const template of templates) {
          if (!found.has(template.entry.code) && text.includes(template.anchor) && template.regex.test(text)) {
            record(template.entry, lineIndex, text, 'message');
          }
        }
        // The cause chain: an exception line, then its "Caused by:" lines.
        const link = chainLine.exec(text);
        if (link && (link[1] || /(?:Exception|Error|Throwable)$/.test(link[2]!))) {
          const message = link[3] ?? '';
          const errorClass = /^\[([A-Z][A-Z0-9_.]*)\]/.exec(message)?.[1] ?? null;
          const exceptionClass = unshaded(link[2]!);
          const entry = (errorClass && (byCode.get(errorClass) ?? byCode.get(errorClass.split('.')[0]!))) || byCode.get(exceptionClass);
          const item: ChainLink = {exceptionClass, errorClass, message: message.length > 400 ? `${message.slice(0, 400)}…` : message, line: lineIndex + 1, code: entry?.code ?? null};
          if (link[1] && chain) {
            chain.push(item);
          } else {
            chain = [item];
            chains.push(chain);
          }
        }
      });

      // The longest chain is the failure; a log often repeats shorter ones.
      const longest = chains.reduce<ChainLink[]>((best, candidate) => (candidate.length > best.length ? candidate : best), []);
      longest.forEach((link, depth) => {
        const match = link.code ? found.get(link.code) : undefined;
        if (match && match.depth === null) {
          match.depth = depth;
        }
      });
      const matches = [...found.values()].sort((left, right) => (right.depth ?? -1) - (left.depth ?? -1) || left.line - right.line);
      return {matches, chain: longest, exceptionClasses: [...exceptionClasses], lines: lines.length, recognised: matches.length > 0};
    },
  };
}
