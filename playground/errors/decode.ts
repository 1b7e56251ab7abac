import * as z from 'zod';
import type {ErrorEntry} from './schema';

/** A pasted log larger than this is refused: a trace is far smaller, and the browser must stay quick. */
export const maxTraceChars = 1_048_576;

const traceSchema = z
  .string({error: 'Paste the log or stack trace as text.'})
  .max(maxTraceChars, `That is more than 1 MB of text. Paste the failing part of the log: the exception line and its "Caused by:" lines.`);

/**
 * How a catalog entry was found in the text: its error class in brackets (or a former or parent
 * class told apart by the message), its exception class, its message text, or a Kafka protocol error
 * name in a client log line.
 */
export type MatchSource = 'error-class' | 'exception-class' | 'message' | 'protocol-error';

export interface DecodedMatch {
  entry: ErrorEntry;
  /** The first line it was found on (1-based) and that line's text (long lines shortened). */
  line: number;
  text: string;
  /** Every line it was found on (1-based, at most 50). */
  lines: number[];
  via: MatchSource;
  /** Values pulled out of the message: field names, types, topic, broker, mechanism... */
  params: Record<string, string>;
  /** Where it sits in the cause chain, at its deepest occurrence: 0 the outermost exception; null when it is not on the chain. */
  depth: number | null;
  occurrences: number;
}

/** One exception of the chain, outermost first, as the trace prints it. */
export interface ChainLink {
  /** The exception class as printed (Databricks' `kafkashaded.` prefix removed); null when the text names an error class or a message only. */
  exceptionClass: string | null;
  /** The error class in brackets at the start of its message, if any. */
  errorClass: string | null;
  message: string;
  line: number;
  /** The catalog code this link was recognised as, if any. */
  code: string | null;
  /** Found inside the message of the link before it (`… terminated with exception: io.delta…Exception: …`), not on a line of its own. */
  embedded: boolean;
}

/** Why the first match is named the root cause; the UI words it. */
export type RootCauseReason =
  /** The deepest recognised link of the cause chain. */
  | {kind: 'deepest-link'; depth: number; chainLength: number}
  /** Not on the chain, but everything on the chain only wraps it. */
  | {kind: 'wrapped'; wrappers: string[]}
  /** The only error found. */
  | {kind: 'only-error'}
  /** No chain to go by: the first error found in the text. */
  | {kind: 'first-found'};

export interface DecodeResult {
  /** Best first: the deepest cause on the chain, then the rest; errors that only wrap another come after the errors they wrap. */
  matches: DecodedMatch[];
  chain: ChainLink[];
  /** Why matches[0] is the root cause; null when nothing is recognised. */
  rootCause: RootCauseReason | null;
  /** Every exception class named in the text, for an honest "not recognised". */
  exceptionClasses: string[];
  lines: number;
  recognised: boolean;
}

const errorClassToken = /\[([A-Z_][A-Z0-9_]*(?:\.[A-Z][A-Z0-9_]*)?)\]/g;
const exceptionClassToken = /\b((?:[a-z][a-z0-9_]*\.)+[A-Z][A-Za-z0-9$]*(?:Exception|Error|Throwable))\b/g;
/**
 * A line that starts an exception or continues a chain: `org.…Exception: message`, `Caused by: …`,
 * Py4J's `: org.…Exception: …` under `Py4JJavaError: An error occurred while calling …`, and Python's
 * `Name: message` (`StreamingQueryException: [STREAM_FAILED] …`, `AnalysisException: …`).
 */
const chainLine = /^\s*(Caused by:\s*|: )?((?:[a-z][a-z0-9_]*\.)+[A-Z][A-Za-z0-9$]*|[A-Z][A-Za-z0-9]*(?:Exception|Error))(?::\s?(.*))?$/;
/** Terminal colour codes of notebook and job output (`\x1b[0;31m`). */
const ansiEscape = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
/**
 * Kafka's NetworkClient warning when a metadata response carries errors, before and after KAFKA-4374
 * (July 2024): `Error while fetching metadata with correlation id 4 : {topic=TOPIC_AUTHORIZATION_FAILED}`
 * and `The metadata response from the cluster reported a recoverable issue with correlation id 4 : {…}`;
 * also the producer's `Got error produce response with correlation id … Error: NAME`.
 */
const kafkaResponseLine = /with correlation id \d+/;
const kafkaTopicError = /([^\s{},=]+)=([A-Z][A-Z0-9_]+)(?=[,}])/g;
const kafkaNamedError = /\bError: ([A-Z][A-Z0-9_]+)\b/g;

/** Databricks Runtime shades the Kafka client: `kafkashaded.org.apache.kafka…` is Kafka's own class. */
function unshaded(className: string): string {
  return className.startsWith('kafkashaded.') ? className.slice('kafkashaded.'.length) : className;
}

interface Template {
  entry: ErrorEntry;
  /** Multi-line (`m`): a trailing placeholder ends at a line end; whitespace in the text may be a line break. */
  regex: RegExp;
  names: string[];
  /** The longest literal run on one line, looked for with indexOf before the regex runs. */
  anchor: string;
  /** The template line the anchor is on, and how many lines the template has. */
  anchorLine: number;
  lineCount: number;
  /** Literal characters: when two entries' templates match the same text, the more specific one wins. */
  literalLength: number;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const placeholder = /<([A-Za-z][A-Za-z0-9_-]*)>/;

/**
 * A message template (`Failed to merge fields '<currentField>' and '<updateField>'`) as a regex with a
 * group per placeholder. Every line of a multi-line template is matched (all KAFKA_DATA_LOSS sub-classes
 * share their first four lines; the rest tells them apart); a placeholder never spans a line break.
 */
function compileTemplate(entry: ErrorEntry, template: string): Template | undefined {
  const text = template.trim();
  const parts = text.split(new RegExp(placeholder.source));
  const names: string[] = [];
  let source = '';
  let literalLength = 0;
  let anchor = '';
  let anchorLine = 0;
  let lineOfPart = 0;
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      names.push(part);
      source += '(.+?)';
      return;
    }
    source += part
      .split(/\s+/)
      .map(escapeRegex)
      .join('\\s+');
    literalLength += part.replace(/\s+/g, '').length;
    part.split('\n').forEach((segment, segmentIndex) => {
      if (segment.trim().length > anchor.length) {
        anchor = segment.trim();
        anchorLine = lineOfPart + segmentIndex;
      }
    });
    lineOfPart += part.split('\n').length - 1;
  });
  // A template made mostly of placeholders would match anything.
  if (anchor.length < 12) {
    return undefined;
  }
  // A trailing placeholder runs to the end of its line, less a final full stop and Spark 4's SQLSTATE suffix.
  const endsWithPlaceholder = names.length > 0 && parts.at(-1) === '';
  return {
    entry,
    regex: new RegExp(endsWithPlaceholder ? `${source}(?=[.;]?(?:\\s+SQLSTATE: [0-9A-Z]{5})?[ \\t]*$)` : source, 'm'),
    names,
    anchor,
    anchorLine,
    lineCount: text.split('\n').length,
    literalLength,
  };
}

/** A template's literal text with placeholders as one marker and whitespace collapsed, to compare templates. */
function skeleton(template: string): string {
  return template.trim().replace(new RegExp(placeholder.source, 'g'), '\u0000').replace(/\s+/g, ' ');
}

/**
 * An extra text (alsoMatches) that is part of another entry's text ("Some data may have been lost…",
 * the first line every KAFKA_DATA_LOSS sub-class shares) says nothing on its own: it is not used to
 * find an entry. An entry's own message always is; where another entry's longer message also
 * matches, the longer one wins (see resolveLines).
 */
function withoutSharedTemplates(templates: {entry: ErrorEntry; text: string; primary: boolean}[]): {entry: ErrorEntry; text: string}[] {
  const skeletons = templates.map((template) => ({...template, skeleton: skeleton(template.text)}));
  return skeletons
    .filter((template) => template.primary || !skeletons.some((other) => other.entry.code !== template.entry.code && other.skeleton.includes(template.skeleton)))
    .map(({entry, text}) => ({entry, text}));
}

/** One place on one line where a catalog entry (or a token that may name one) was found. */
interface Hit {
  /** Position in the line; the end of the text it covers. */
  start: number;
  end: number;
  via: MatchSource;
  entry: ErrorEntry | null;
  /** The bracketed error class or the exception class as printed, for tokens. */
  token?: string;
  template?: Template;
  params?: Record<string, string>;
}

interface PendingLink {
  lineIndex: number;
  /** Where the exception class (or the bracket code of a Python line) starts on the line. */
  start: number;
  exceptionClass: string;
  /** Its length as printed (with a `kafkashaded.` prefix, if any). */
  printedLength: number;
}

/** How far before and after the anchor line a multi-line template may start and end, for logs that reflow a message. */
const windowSlack = 2;
const maxLinesKept = 50;

/** Everything the decoder needs from a catalog, built once per catalog. */
export interface TraceDecoder {
  decode(text: unknown): DecodeResult;
}

export function createTraceDecoder(catalog: readonly ErrorEntry[]): TraceDecoder {
  const byCode = new Map(catalog.map((entry) => [entry.code, entry]));
  const byProtocolError = new Map(catalog.flatMap((entry) => entry.protocolErrors.map((name) => [name, entry] as const)));
  /** Entries an error class that is not itself a code can stand for: the sub-classes of a parent, or the entries of a former code. */
  const candidatesOf = new Map<string, ErrorEntry[]>();
  const addCandidate = (code: string, entry: ErrorEntry) => candidatesOf.set(code, [...(candidatesOf.get(code) ?? []), entry]);
  for (const entry of catalog) {
    if (entry.code.includes('.') && /^[A-Z]/.test(entry.code)) {
      addCandidate(entry.code.split('.')[0]!, entry);
    }
    entry.formerCodes.forEach((former) => addCandidate(former, entry));
  }
  const templates = withoutSharedTemplates(catalog.flatMap((entry) => [entry.message, ...entry.alsoMatches].map((text, index) => ({entry, text, primary: index === 0}))))
    .map(({entry, text}) => compileTemplate(entry, text))
    .filter((template): template is Template => template !== undefined);

  return {
    decode(input: unknown): DecodeResult {
      const parsed = traceSchema.safeParse(input);
      if (!parsed.success) {
        throw new RangeError(parsed.error.issues[0]?.message ?? 'Paste the log or stack trace as text.');
      }
      const lines = parsed.data.replace(ansiEscape, '').split(/\r?\n/);
      const hitsByLine = new Map<number, Hit[]>();
      const addHit = (lineIndex: number, hit: Hit) => {
        const hits = hitsByLine.get(lineIndex);
        if (hits) {
          hits.push(hit);
        } else {
          hitsByLine.set(lineIndex, [hit]);
        }
      };
      const exceptionClasses = new Set<string>();
      const pending: PendingLink[][] = [];
      let current: PendingLink[] | undefined;
      /** Template matches already found through an earlier window, by entry, start line and position. */
      const seenTemplateHits = new Set<string>();

      lines.forEach((text, lineIndex) => {
        for (const found of text.matchAll(errorClassToken)) {
          addHit(lineIndex, {start: found.index, end: found.index + found[0].length, via: 'error-class', entry: byCode.get(found[1]!) ?? null, token: found[1]!});
        }
        for (const found of text.matchAll(exceptionClassToken)) {
          const name = unshaded(found[1]!);
          exceptionClasses.add(name);
          addHit(lineIndex, {start: found.index, end: found.index + found[0].length, via: 'exception-class', entry: byCode.get(name) ?? null, token: name});
        }
        if (kafkaResponseLine.test(text)) {
          for (const pattern of [kafkaTopicError, kafkaNamedError]) {
            for (const found of text.matchAll(pattern)) {
              const name = found[pattern === kafkaTopicError ? 2 : 1]!;
              const entry = byProtocolError.get(name);
              if (entry) {
                addHit(lineIndex, {start: found.index, end: found.index + found[0].length, via: 'protocol-error', entry, params: pattern === kafkaTopicError ? {topic: found[1]!, protocolError: name} : {protocolError: name}});
              }
            }
          }
        }
        for (const template of templates) {
          if (!text.includes(template.anchor)) {
            continue;
          }
          const first = Math.max(0, lineIndex - template.anchorLine - windowSlack);
          const window = lines.slice(first, Math.min(lines.length, lineIndex + template.lineCount - template.anchorLine + windowSlack)).join('\n');
          const found = template.regex.exec(window);
          if (!found) {
            continue;
          }
          const before = window.slice(0, found.index);
          const startLine = first + (before.match(/\n/g)?.length ?? 0);
          const start = found.index - (before.lastIndexOf('\n') + 1);
          const key = `${template.entry.code}\u0000${startLine}\u0000${start}`;
          if (seenTemplateHits.has(key)) {
            continue;
          }
          seenTemplateHits.add(key);
          const params = Object.fromEntries(template.names.map((name, index) => [name, found[index + 1]!.trim()]));
          addHit(startLine, {start, end: start + found[0].length, via: 'message', entry: template.entry, template, params});
        }

        // The cause chain: an exception line, then its "Caused by:" (or Py4J ": ") lines.
        const link = chainLine.exec(text);
        if (link && (link[1] || /(?:Exception|Error|Throwable)$/.test(link[2]!))) {
          const item: PendingLink = {lineIndex, start: text.indexOf(link[2]!), exceptionClass: unshaded(link[2]!), printedLength: link[2]!.length};
          if (link[1] && current) {
            current.push(item);
          } else {
            current = [item];
            pending.push(current);
          }
        }
      });

      const lineHits = resolveLines(lines, hitsByLine, candidatesOf);

      const found = new Map<string, DecodedMatch>();
      const record = (entry: ErrorEntry, lineIndex: number, via: MatchSource, params: Record<string, string> | undefined) => {
        const existing = found.get(entry.code);
        if (existing) {
          if (existing.lines.at(-1) !== lineIndex + 1) {
            existing.occurrences += 1;
            if (existing.lines.length < maxLinesKept) {
              existing.lines.push(lineIndex + 1);
            }
          }
          if (Object.keys(existing.params).length === 0 && params) {
            existing.params = params;
          }
          return;
        }
        const text = lines[lineIndex]!;
        found.set(entry.code, {entry, line: lineIndex + 1, lines: [lineIndex + 1], text: text.length > 400 ? `${text.slice(0, 400)}…` : text.trim(), via, params: params ?? {}, depth: null, occurrences: 1});
      };
      for (const [lineIndex, hits] of [...lineHits].sort(([left], [right]) => left - right)) {
        for (const hit of hits) {
          if (hit.entry) {
            record(hit.entry, lineIndex, hit.via, hit.params ?? paramsFromLine(hits, hit.entry));
          }
        }
      }

      // The longest chain is the failure; a log often repeats shorter ones.
      const longest = pending.reduce<PendingLink[]>((best, candidate) => (candidate.length > best.length ? candidate : best), []);
      const chain = buildChain(longest, lines, lineHits);
      chain.forEach((link, depth) => {
        const match = link.code ? found.get(link.code) : undefined;
        // The deepest occurrence counts: "Job aborted due to stage failure" repeats the executor's causes.
        if (match && (match.depth === null || depth > match.depth)) {
          match.depth = depth;
        }
      });
      const matches = [...found.values()].sort(
        (left, right) => Number(left.entry.wrapper) - Number(right.entry.wrapper) || (right.depth ?? -1) - (left.depth ?? -1) || left.line - right.line,
      );
      return {matches, chain, rootCause: rootCauseOf(matches, chain), exceptionClasses: [...exceptionClasses], lines: lines.length, recognised: matches.length > 0};
    },
  };
}

/**
 * Per line: drops a template match covered by a more specific one of another entry (the placeholder of
 * `Files were added to <partition> by…` swallows "the root of the table", which the WITHOUT_HINT text
 * names), and turns a bracketed class that is not itself a code (a parent such as
 * DELTA_CONCURRENT_APPEND, a former code such as _LEGACY_ERROR_TEMP_DELTA_0007) into the one candidate
 * whose message follows it.
 */
function resolveLines(lines: string[], hitsByLine: Map<number, Hit[]>, candidatesOf: Map<string, ErrorEntry[]>): Map<number, Hit[]> {
  for (const hits of hitsByLine.values()) {
    const messages = hits.filter((hit) => hit.via === 'message');
    for (const hit of messages) {
      // Alternatives for one sentence start at the same place; a cause embedded in a message starts later and stays.
      const outdone = messages.some((other) => other.entry !== hit.entry && other.start === hit.start && other.template!.literalLength > hit.template!.literalLength);
      if (outdone) {
        hits.splice(hits.indexOf(hit), 1);
      }
    }
  }
  for (const [lineIndex, hits] of hitsByLine) {
    for (const hit of hits) {
      if (hit.via !== 'error-class' || hit.entry || !hit.token) {
        continue;
      }
      const candidates = candidatesOf.get(hit.token);
      if (!candidates) {
        continue;
      }
      // The sub-error's text follows the class on the same line or on the next lines of the message.
      let best: {hit: Hit; distance: number} | undefined;
      for (let offset = 0; offset <= 12 && lineIndex + offset < lines.length; offset += 1) {
        for (const other of hitsByLine.get(lineIndex + offset) ?? []) {
          if (other.via !== 'message' || !candidates.includes(other.entry!) || (offset === 0 && other.start < hit.start)) {
            continue;
          }
          if (!best || offset < best.distance || (offset === best.distance && other.template!.literalLength > best.hit.template!.literalLength)) {
            best = {hit: other, distance: offset};
          }
        }
      }
      if (best) {
        hit.entry = best.hit.entry;
        hit.params = best.hit.params;
      }
    }
  }
  return hitsByLine;
}

/** Values from a template match of the entry on the same line, for a match found by its class or code. */
function paramsFromLine(hits: Hit[], entry: ErrorEntry): Record<string, string> | undefined {
  return hits.find((hit) => hit.via === 'message' && hit.entry === entry)?.params;
}

/**
 * The links of a chain, each followed by the causes its own message embeds (`[STREAM_FAILED] Query …
 * terminated with exception: io.delta.exceptions.ConcurrentAppendException: [DELTA_CONCURRENT_APPEND] …`).
 * An embedded cause that the next "Caused by:" line prints again is kept once, as that line.
 */
function buildChain(pending: PendingLink[], lines: string[], lineHits: Map<number, Hit[]>): ChainLink[] {
  const chain: ChainLink[] = [];
  for (const link of pending) {
    const hits = (lineHits.get(link.lineIndex) ?? []).filter((hit) => hit.start >= link.start).sort((left, right) => left.start - right.start);
    // Where each exception named on the line starts: the link's own class, then classes or bracket codes after it.
    const heads: {start: number; exceptionClass: string | null}[] = [{start: link.start, exceptionClass: link.exceptionClass}];
    let lastEnd = link.start + link.printedLength;
    for (const hit of hits) {
      if (hit.start <= link.start || hit.via === 'message' || hit.via === 'protocol-error') {
        continue;
      }
      // A bracket code right after a class (`…Exception: [CODE]`) belongs to that class.
      if (hit.via === 'exception-class') {
        heads.push({start: hit.start, exceptionClass: hit.token!});
      } else if (hit.start >= lastEnd && lines[link.lineIndex]!.slice(lastEnd, hit.start).trim() !== ':') {
        heads.push({start: hit.start, exceptionClass: null});
      }
      lastEnd = Math.max(lastEnd, hit.end);
    }
    const segments = heads.map((head, index) => ({...head, end: heads[index + 1]?.start ?? Number.POSITIVE_INFINITY}));
    segments.forEach((segment, index) => {
      const inside = hits.filter((hit) => hit.start >= segment.start && hit.start < segment.end);
      const bracket = inside.find((hit) => hit.via === 'error-class');
      const firstMessage = inside.find((hit) => hit.via === 'message');
      const own = bracket?.entry ?? inside.find((hit) => hit.via === 'exception-class' && hit.entry)?.entry ?? firstMessage?.entry ?? null;
      const message = lines[link.lineIndex]!.slice(segment.start, Number.isFinite(segment.end) ? segment.end : undefined).replace(/^[\w.$]+:\s?/, '').trim();
      chain.push({
        exceptionClass: segment.exceptionClass,
        errorClass: bracket?.token ?? null,
        message: message.length > 400 ? `${message.slice(0, 400)}…` : message,
        line: link.lineIndex + 1,
        code: own?.code ?? null,
        embedded: index > 0,
      });
      // Message-only causes inside this segment (`terminated with exception: Authentication failed …`),
      // after the text of the link's own error.
      const ownStart = inside.find((hit) => hit.via === 'message' && hit.entry === own)?.start ?? segment.start;
      const pushed = new Set([own]);
      for (const hit of inside) {
        if (hit.via === 'message' && hit.start > ownStart && !pushed.has(hit.entry) && !hit.entry!.wrapper) {
          pushed.add(hit.entry);
          chain.push({exceptionClass: null, errorClass: null, message: lines[link.lineIndex]!.slice(hit.start, hit.end), line: link.lineIndex + 1, code: hit.entry!.code, embedded: true});
        }
      }
    });
  }
  const same = (left: ChainLink, right: ChainLink) =>
    (left.code !== null && left.code === right.code) || (left.code === null && left.exceptionClass !== null && left.exceptionClass === right.exceptionClass && left.errorClass === right.errorClass);
  // An embedded cause that a later "Caused by:" line prints again is kept once, as that line.
  return chain.filter((link, index) => !link.embedded || !chain.slice(index + 1).some((later) => !later.embedded && same(link, later)));
}

function rootCauseOf(matches: DecodedMatch[], chain: ChainLink[]): RootCauseReason | null {
  const [root] = matches;
  if (!root) {
    return null;
  }
  if (root.depth !== null) {
    return {kind: 'deepest-link', depth: root.depth, chainLength: chain.length};
  }
  const wrappers = matches.filter((match) => match.entry.wrapper).map((match) => match.entry.code);
  if (wrappers.length > 0) {
    return {kind: 'wrapped', wrappers};
  }
  return matches.length === 1 ? {kind: 'only-error'} : {kind: 'first-found'};
}
