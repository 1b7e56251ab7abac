/**
 * A JSON reader for schema text (Avro schemas, `df.schema.json()`). `JSON.parse` is not enough here: its error messages differ
 * between browsers and Node, it silently keeps the last of two equal keys, and it turns `1.0` into
 * `1`, while Avro (through Jackson) treats `1.0` as a non-integral number an int default may not be.
 */

/** A JSON value as Avro keeps it, e.g. a field's default. */
export type JsonValue = null | boolean | number | string | JsonValue[] | {[key: string]: JsonValue};

/** One step of a path into a JSON document: an object key or an array index. */
export type PathStep = string | number;

/** A parsed JSON value with the offset where it starts, so errors can point at it. */
export type JsonNode =
  | {kind: 'null'; offset: number}
  | {kind: 'boolean'; value: boolean; offset: number}
  | {kind: 'number'; value: number; integral: boolean; text: string; offset: number}
  | {kind: 'string'; value: string; offset: number}
  | {kind: 'array'; items: JsonNode[]; offset: number}
  | {kind: 'object'; entries: Map<string, JsonNode>; offset: number};

/** A problem in the text, at a path and an offset into it. */
export class JsonLocatedError extends Error {
  constructor(
    message: string,
    readonly path: readonly PathStep[],
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Deeper nesting than any real schema; it keeps the recursive readers far from the stack limit. */
const MAX_NESTING = 512;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `fields[2].type`; the document itself is the empty path. */
export function formatJsonPath(path: readonly PathStep[]): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (PLAIN_KEY.test(step)) text += text === '' ? step : `.${step}`;
    else text += `[${JSON.stringify(step)}]`;
  }
  return text;
}

/** Parses one JSON document; throws a JsonLocatedError naming what was expected and what was found. */
export function parseJson(text: string): JsonNode {
  const reader = new JsonReader(text);
  const node = reader.readValue();
  reader.skipWhitespace();
  if (!reader.atEnd()) reader.fail(`Invalid JSON: unexpected ${reader.describeNext()} after the end of the schema.`);
  return node;
}

/** The plain value of a node, e.g. to keep a default value. */
export function toJsonValue(node: JsonNode): JsonValue {
  switch (node.kind) {
    case 'null':
      return null;
    case 'boolean':
    case 'number':
    case 'string':
      return node.value;
    case 'array':
      return node.items.map(toJsonValue);
    case 'object':
      // fromEntries defines own properties, so a key such as "__proto__" stays a plain key.
      return Object.fromEntries([...node.entries].map(([key, value]) => [key, toJsonValue(value)]));
  }
}

class JsonReader {
  private position = 0;
  private readonly path: PathStep[] = [];

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  fail(message: string): never {
    throw new JsonLocatedError(message, [...this.path], this.position);
  }

  describeNext(): string {
    if (this.atEnd()) return 'end of text';
    const character = this.text[this.position] ?? '';
    return `'${character}'`;
  }

  skipWhitespace(): void {
    while (!this.atEnd()) {
      const character = this.text[this.position];
      if (character !== ' ' && character !== '\t' && character !== '\n' && character !== '\r') return;
      this.position += 1;
    }
  }

  readValue(): JsonNode {
    this.skipWhitespace();
    if (this.path.length > MAX_NESTING) this.fail(`Invalid JSON: nested more than ${MAX_NESTING} levels deep.`);
    const offset = this.position;
    const character = this.text[this.position];
    if (character === '{') return this.readObject();
    if (character === '[') return this.readArray();
    if (character === '"') return {kind: 'string', value: this.readString(), offset};
    if (character === '-' || (character !== undefined && character >= '0' && character <= '9')) return this.readNumber();
    if (this.text.startsWith('true', offset)) return this.readLiteral('true', {kind: 'boolean', value: true, offset});
    if (this.text.startsWith('false', offset)) return this.readLiteral('false', {kind: 'boolean', value: false, offset});
    if (this.text.startsWith('null', offset)) return this.readLiteral('null', {kind: 'null', offset});
    return this.fail(`Invalid JSON: expected a value but found ${this.describeNext()}.`);
  }

  private readLiteral(word: string, node: JsonNode): JsonNode {
    this.position += word.length;
    return node;
  }

  private readObject(): JsonNode {
    const offset = this.position;
    const entries = new Map<string, JsonNode>();
    this.position += 1;
    this.skipWhitespace();
    if (this.text[this.position] === '}') {
      this.position += 1;
      return {kind: 'object', entries, offset};
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.position] !== '"') this.fail(`Invalid JSON: expected a property name in double quotes but found ${this.describeNext()}.`);
      const keyOffset = this.position;
      const key = this.readString();
      if (entries.has(key)) {
        this.position = keyOffset;
        this.fail(`Invalid JSON: the property ${JSON.stringify(key)} appears twice in one object.`);
      }
      this.skipWhitespace();
      if (this.text[this.position] !== ':') this.fail(`Invalid JSON: expected ':' after the property name but found ${this.describeNext()}.`);
      this.position += 1;
      this.path.push(key);
      entries.set(key, this.readValue());
      this.path.pop();
      this.skipWhitespace();
      const next = this.text[this.position];
      this.position += 1;
      if (next === '}') return {kind: 'object', entries, offset};
      if (next !== ',') {
        this.position -= 1;
        this.fail(`Invalid JSON: expected ',' or '}' after a property value but found ${this.describeNext()}.`);
      }
    }
  }

  private readArray(): JsonNode {
    const offset = this.position;
    const items: JsonNode[] = [];
    this.position += 1;
    this.skipWhitespace();
    if (this.text[this.position] === ']') {
      this.position += 1;
      return {kind: 'array', items, offset};
    }
    for (;;) {
      this.path.push(items.length);
      items.push(this.readValue());
      this.path.pop();
      this.skipWhitespace();
      const next = this.text[this.position];
      this.position += 1;
      if (next === ']') return {kind: 'array', items, offset};
      if (next !== ',') {
        this.position -= 1;
        this.fail(`Invalid JSON: expected ',' or ']' after an array item but found ${this.describeNext()}.`);
      }
    }
  }

  private readString(): string {
    this.position += 1;
    let value = '';
    for (;;) {
      if (this.atEnd()) this.fail('Invalid JSON: a string is not closed with a double quote.');
      const code = this.text.charCodeAt(this.position);
      if (code === 0x22) {
        this.position += 1;
        return value;
      }
      if (code < 0x20) this.fail('Invalid JSON: a control character (such as a line break) inside a string must be escaped.');
      if (code !== 0x5c) {
        value += this.text[this.position];
        this.position += 1;
        continue;
      }
      const escape = this.text[this.position + 1];
      const simple = escape === undefined ? undefined : SIMPLE_ESCAPES[escape];
      if (simple !== undefined) {
        value += simple;
        this.position += 2;
      } else if (escape === 'u' && /^[0-9A-Fa-f]{4}$/.test(this.text.slice(this.position + 2, this.position + 6))) {
        value += String.fromCharCode(Number.parseInt(this.text.slice(this.position + 2, this.position + 6), 16));
        this.position += 6;
      } else {
        this.fail('Invalid JSON: unknown escape in a string (use \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX).');
      }
    }
  }

  private readNumber(): JsonNode {
    const offset = this.position;
    JSON_NUMBER.lastIndex = offset;
    const match = JSON_NUMBER.exec(this.text);
    if (match === null) this.fail(`Invalid JSON: expected a number but found ${this.describeNext()}.`);
    const text = match[0];
    this.position += text.length;
    return {kind: 'number', value: Number(text), integral: match[1] === undefined && match[2] === undefined, text, offset};
  }
}

/** Sticky, so it matches exactly at the reader's position. */
const JSON_NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

const SIMPLE_ESCAPES: Record<string, string> = {'"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t'};
