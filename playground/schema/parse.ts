import * as z from 'zod';
import {lineAndColumn} from '../lab/text';
import {JsonLocatedError, parseJson as readJson, toJsonValue} from './json-reader';
import {jsonTypeNames, type AtomicKind, type SparkType, type StructField, type StructType} from './types';

/** Where and why a schema could not be read: a position in DDL text, or a path in JSON. */
export interface SchemaParseError {
  message: string;
  /** DDL and malformed JSON: 0-based offset, 1-based line and column. */
  offset?: number;
  line?: number;
  column?: number;
  /** Well-formed JSON of the wrong shape: the path to the bad value, such as `fields[2].type.valueType`. */
  path?: string;
}

export type SchemaParseResult = {ok: true; type: SparkType; format: 'ddl' | 'json'} | {ok: false; error: SchemaParseError};

/** A schema longer than this is refused: a pasted log, not a schema. */
export const maxSchemaChars = 200_000;

const inputSchema = z
  .string()
  .max(maxSchemaChars, `A schema is at most ${maxSchemaChars.toLocaleString('en-US')} characters; this looks like more than a schema.`)
  .refine((text) => text.trim().length > 0, 'The schema is empty: paste a DDL string such as `id BIGINT, ts TIMESTAMP` or the JSON of `df.schema.json()`.');


// ---------------------------------------------------------------- DDL

interface Token {
  kind: 'word' | 'quoted' | 'number' | 'string' | 'symbol' | 'end';
  text: string;
  offset: number;
}

class DdlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (/\s/.test(char)) {
      at += 1;
    } else if (text.startsWith('--', at)) {
      const end = text.indexOf('\n', at);
      at = end === -1 ? text.length : end;
    } else if (/[A-Za-z_]/.test(char)) {
      const word = /^[A-Za-z_0-9]+/.exec(text.slice(at))![0];
      tokens.push({kind: 'word', text: word, offset: at});
      at += word.length;
    } else if (/[0-9]/.test(char)) {
      const number = /^[0-9]+/.exec(text.slice(at))![0];
      tokens.push({kind: /[A-Za-z_]/.test(text[at + number.length] ?? '') ? 'word' : 'number', text: number, offset: at});
      at += number.length;
    } else if (char === '`') {
      let name = '';
      let end = at + 1;
      for (;;) {
        const close = text.indexOf('`', end);
        if (close === -1) {
          throw new DdlSyntaxError('This backquoted name is never closed: add the closing `.', at);
        }
        name += text.slice(end, close);
        if (text[close + 1] === '`') {
          name += '`';
          end = close + 2;
        } else {
          end = close + 1;
          break;
        }
      }
      tokens.push({kind: 'quoted', text: name, offset: at});
      at = end;
    } else if (char === "'" || char === '"') {
      let value = '';
      let end = at + 1;
      while (end < text.length && text[end] !== char) {
        value += text[end] === '\\' ? (text[++end] ?? '') : text[end];
        end += 1;
      }
      if (end >= text.length) {
        throw new DdlSyntaxError(`This string is never closed: add the closing ${char}.`, at);
      }
      tokens.push({kind: 'string', text: value, offset: at});
      at = end + 1;
    } else if (text.startsWith('<>', at)) {
      tokens.push({kind: 'symbol', text: '<>', offset: at});
      at += 2;
    } else if ('<>(),:'.includes(char)) {
      tokens.push({kind: 'symbol', text: char, offset: at});
      at += 1;
    } else {
      throw new DdlSyntaxError(`Unexpected character '${char}'.`, at);
    }
  }
  tokens.push({kind: 'end', text: '', offset: text.length});
  return tokens;
}

/** Spark's type keywords and their synonyms (SqlBaseParser's `type` rule). */
const atomicKeywords: Record<string, AtomicKind> = {
  BOOLEAN: 'boolean',
  TINYINT: 'byte',
  BYTE: 'byte',
  SMALLINT: 'short',
  SHORT: 'short',
  INT: 'int',
  INTEGER: 'int',
  BIGINT: 'long',
  LONG: 'long',
  FLOAT: 'float',
  REAL: 'float',
  DOUBLE: 'double',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  TIMESTAMP_LTZ: 'timestamp',
  TIMESTAMP_NTZ: 'timestamp_ntz',
  STRING: 'string',
  BINARY: 'binary',
  VOID: 'void',
};

const unsupportedKeywords = new Set(['INTERVAL', 'VARIANT', 'OBJECT', 'GEOMETRY', 'GEOGRAPHY', 'TIME']);

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end of the schema' : `'${token.kind === 'quoted' ? `\`${token.text}\`` : token.text}'`;
}

class DdlParser {
  private at = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') {
      this.at += 1;
    }
    return token;
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text.toUpperCase() === word;
  }

  private isSymbol(symbol: string): boolean {
    const token = this.peek();
    return token.kind === 'symbol' && token.text === symbol;
  }

  /** Consumes `symbol` if it comes next. */
  private acceptSymbol(symbol: string): boolean {
    if (!this.isSymbol(symbol)) {
      return false;
    }
    this.next();
    return true;
  }

  private expectSymbol(symbol: string, why: string): void {
    if (!this.isSymbol(symbol)) {
      throw new DdlSyntaxError(`Expected '${symbol}' ${why}, found ${describe(this.peek())}.`, this.peek().offset);
    }
    this.next();
  }

  private integer(what: string): number {
    const token = this.peek();
    if (token.kind !== 'number') {
      throw new DdlSyntaxError(`Expected ${what} (a whole number), found ${describe(token)}.`, token.offset);
    }
    this.next();
    return Number(token.text);
  }

  dataType(): SparkType {
    const token = this.peek();
    if (token.kind !== 'word') {
      throw new DdlSyntaxError(`Expected a type such as INT, STRING, DECIMAL(10,2), ARRAY<…>, MAP<…> or STRUCT<…>, found ${describe(token)}.`, token.offset);
    }
    const word = token.text.toUpperCase();
    this.next();
    if (word === 'ARRAY') {
      this.expectSymbol('<', 'after ARRAY');
      const element = this.dataType();
      this.expectSymbol('>', 'to close ARRAY<');
      return {kind: 'array', element, containsNull: true};
    }
    if (word === 'MAP') {
      this.expectSymbol('<', 'after MAP');
      const key = this.dataType();
      this.expectSymbol(',', 'between the key and value types of MAP<…>');
      const value = this.dataType();
      this.expectSymbol('>', 'to close MAP<');
      return {kind: 'map', key, value, valueContainsNull: true};
    }
    if (word === 'STRUCT') {
      if (this.acceptSymbol('<>')) {
        return {kind: 'struct', fields: []};
      }
      this.expectSymbol('<', 'after STRUCT');
      const fields: PlacedField[] = [];
      if (!this.isSymbol('>')) {
        do {
          fields.push(this.placedField(true));
        } while (this.acceptSymbol(','));
      }
      this.expectSymbol('>', 'to close STRUCT< (or a comma before the next field)');
      return {kind: 'struct', fields: checkedFields(fields)};
    }
    if (word === 'DECIMAL' || word === 'DEC' || word === 'NUMERIC') {
      if (!this.acceptSymbol('(')) {
        return {kind: 'decimal', precision: 10, scale: 0};
      }
      const precision = this.integer('the precision of DECIMAL');
      const scale = this.acceptSymbol(',') ? this.integer('the scale of DECIMAL') : 0;
      this.expectSymbol(')', 'to close DECIMAL(');
      if (precision < 1 || precision > 38) {
        throw new DdlSyntaxError(`DECIMAL precision ${precision} is out of range: Spark supports 1 to 38.`, token.offset);
      }
      if (scale > precision) {
        throw new DdlSyntaxError(`DECIMAL(${precision},${scale}) has a scale larger than its precision.`, token.offset);
      }
      return {kind: 'decimal', precision, scale};
    }
    if (word === 'CHAR' || word === 'CHARACTER' || word === 'VARCHAR') {
      this.expectSymbol('(', `after ${word}: it needs a length, such as ${word}(10)`);
      const length = this.integer(`the length of ${word}`);
      this.expectSymbol(')', `to close ${word}(`);
      return {kind: word === 'VARCHAR' ? 'varchar' : 'char', length};
    }
    const atomic = atomicKeywords[word];
    if (atomic) {
      if (atomic === 'string' && this.isWord('COLLATE')) {
        throw new DdlSyntaxError('Collated strings (STRING COLLATE …, Spark 4.0+) are not modelled by this checker; use STRING.', this.peek().offset);
      }
      return {kind: atomic};
    }
    if (unsupportedKeywords.has(word)) {
      throw new DdlSyntaxError(`${word} types are not modelled by this checker.`, token.offset);
    }
    throw new DdlSyntaxError(`Unknown type '${token.text}'. Spark's types are BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL(p,s), STRING, CHAR(n), VARCHAR(n), BINARY, DATE, TIMESTAMP, TIMESTAMP_NTZ, ARRAY<…>, MAP<…> and STRUCT<…>.`, token.offset);
  }

  /** A struct field (`name: TYPE`, the colon optional) or a column (`name TYPE`), with NOT NULL and COMMENT. */
  private field(inStruct: boolean): StructField {
    const token = this.peek();
    if (token.kind !== 'word' && token.kind !== 'quoted') {
      throw new DdlSyntaxError(`Expected a ${inStruct ? 'field' : 'column'} name, found ${describe(token)}.`, token.offset);
    }
    this.next();
    if (inStruct) {
      this.acceptSymbol(':');
    }
    const type = this.dataType();
    let nullable = true;
    if (this.isWord('NOT')) {
      this.next();
      if (!this.isWord('NULL')) {
        throw new DdlSyntaxError(`Expected NULL after NOT, found ${describe(this.peek())}.`, this.peek().offset);
      }
      this.next();
      nullable = false;
    }
    const metadata: Record<string, unknown> = {};
    if (this.isWord('COMMENT')) {
      this.next();
      const comment = this.peek();
      if (comment.kind !== 'string') {
        throw new DdlSyntaxError(`Expected a quoted comment after COMMENT, found ${describe(comment)}.`, comment.offset);
      }
      this.next();
      metadata.comment = comment.text;
    }
    return {name: token.text, type, nullable, metadata};
  }

  columnList(): StructType {
    const fields: PlacedField[] = [];
    do {
      fields.push(this.placedField(false));
    } while (this.acceptSymbol(','));
    return {kind: 'struct', fields: checkedFields(fields)};
  }

  private placedField(inStruct: boolean): PlacedField {
    const offset = this.peek().offset;
    return {field: this.field(inStruct), offset};
  }

  end(): void {
    const token = this.peek();
    if (token.kind !== 'end') {
      throw new DdlSyntaxError(`Unexpected ${describe(token)} after a complete schema.`, token.offset);
    }
  }

  get offset(): number {
    return this.peek().offset;
  }
}

/** A field and where its name starts in the text. */
interface PlacedField {
  field: StructField;
  offset: number;
}

/** Spark refuses a struct with two fields of the same name (case-insensitively, as Delta resolves them). */
function checkedFields(fields: PlacedField[]): StructField[] {
  const seen = new Map<string, string>();
  for (const {field, offset} of fields) {
    const lower = field.name.toLowerCase();
    const earlier = seen.get(lower);
    if (earlier !== undefined) {
      throw new DdlSyntaxError(`Two fields are named '${earlier}' and '${field.name}'; Delta matches names case-insensitively, so they collide.`, offset);
    }
    seen.set(lower, field.name);
  }
  return fields.map(({field}) => field);
}

function parseDdl(text: string): SparkType {
  const tokens = tokenize(text);
  // As Spark's DataType.fromDDL: a single type first, then a column list.
  const asType = new DdlParser(tokens);
  try {
    const type = asType.dataType();
    asType.end();
    return type;
  } catch (typeError) {
    const asColumns = new DdlParser(tokens);
    try {
      const struct = asColumns.columnList();
      asColumns.end();
      return struct;
    } catch (columnsError) {
      // Report whichever reading got further into the text.
      const errors = [typeError, columnsError].filter((error): error is DdlSyntaxError => error instanceof DdlSyntaxError);
      if (errors.length < 2) {
        throw columnsError;
      }
      throw errors[0]!.offset >= errors[1]!.offset ? errors[0] : errors[1];
    }
  }
}

// ---------------------------------------------------------------- JSON

/** The names df.schema.json() writes, and the two older spellings Spark still reads (DataType.nameToType). */
const atomicJsonNames: Record<string, AtomicKind> = {
  ...Object.fromEntries(Object.entries(jsonTypeNames).map(([kind, name]) => [name, kind as AtomicKind])),
  timestamp_ltz: 'timestamp',
  null: 'void',
};

const typeNameSchema = z.string().transform((name, context): SparkType => {
  const atomic = atomicJsonNames[name];
  if (atomic) {
    return {kind: atomic};
  }
  if (name === 'decimal') {
    return {kind: 'decimal', precision: 10, scale: 0};
  }
  const decimal = /^decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)$/.exec(name);
  if (decimal) {
    const precision = Number(decimal[1]);
    const scale = Number(decimal[2]);
    if (precision >= 1 && precision <= 38 && scale >= 0 && scale <= precision) {
      return {kind: 'decimal', precision, scale};
    }
    context.addIssue({code: 'custom', message: `${name} is not a valid decimal: precision 1 to 38, scale 0 to the precision.`});
    return z.NEVER;
  }
  const sized = /^(char|varchar)\(\s*(\d+)\s*\)$/.exec(name);
  if (sized) {
    return {kind: sized[1] as 'char' | 'varchar', length: Number(sized[2])};
  }
  context.addIssue({code: 'custom', message: `Unknown type name "${name}". df.schema.json() writes names such as "integer", "long", "string", "decimal(10,2)", "timestamp".`});
  return z.NEVER;
});

const jsonTypeSchema: z.ZodType<SparkType, unknown> = z.lazy(() =>
  z.union([
    typeNameSchema,
    // By `type`, so an error is reported inside the shape the JSON meant, not beside it.
    z.discriminatedUnion('type', [
      z
        .strictObject({type: z.literal('array'), elementType: jsonTypeSchema, containsNull: z.boolean()})
        .transform((value): SparkType => ({kind: 'array', element: value.elementType, containsNull: value.containsNull})),
      z
        .strictObject({type: z.literal('map'), keyType: jsonTypeSchema, valueType: jsonTypeSchema, valueContainsNull: z.boolean()})
        .transform((value): SparkType => ({kind: 'map', key: value.keyType, value: value.valueType, valueContainsNull: value.valueContainsNull})),
      jsonStructSchema,
    ]),
  ]),
);

const jsonFieldSchema = z.strictObject({
  name: z.string(),
  type: jsonTypeSchema,
  // Spark reads a field without `nullable` or `metadata` too (DataType.parseStructField).
  nullable: z.boolean().default(true),
  metadata: z.record(z.string(), z.unknown()).default({}),
});

const jsonStructSchema = z
  .strictObject({type: z.literal('struct'), fields: z.array(jsonFieldSchema)})
  .superRefine((value, context) => {
    const seen = new Set<string>();
    value.fields.forEach((field, index) => {
      if (seen.has(field.name.toLowerCase())) {
        context.addIssue({code: 'custom', path: ['fields', index, 'name'], message: `A second field named '${field.name}'; Delta matches names case-insensitively, so they collide.`});
      }
      seen.add(field.name.toLowerCase());
    });
  })
  .transform((value): SparkType => ({kind: 'struct', fields: value.fields}));

function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}

/** The most specific issue: union failures hide the real one inside, so take the deepest path. */
function deepestIssue(error: z.ZodError): {path: PropertyKey[]; message: string} {
  let best: {path: PropertyKey[]; message: string} = {path: [], message: error.issues[0]?.message ?? 'Invalid schema.'};
  const visit = (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]) => {
    for (const issue of issues) {
      const path = [...prefix, ...issue.path];
      if (issue.code === 'invalid_union') {
        for (const branch of issue.errors) {
          visit(branch, path);
        }
      } else if (path.length > best.path.length || (path.length === best.path.length && best.message.startsWith('Invalid input'))) {
        best = {path, message: issue.message};
      }
    }
  };
  visit(error.issues, []);
  return best;
}

function parseJson(text: string): SchemaParseResult {
  let value: unknown;
  try {
    value = toJsonValue(readJson(text));
  } catch (error) {
    if (!(error instanceof JsonLocatedError)) {
      throw error;
    }
    return {ok: false, error: {message: `This is not valid JSON: ${error.message}`, offset: error.offset, ...lineAndColumn(text, error.offset)}};
  }
  const parsed = jsonTypeSchema.safeParse(value);
  if (!parsed.success) {
    const issue = deepestIssue(parsed.error);
    const path = jsonPath(issue.path);
    return {ok: false, error: {message: `${path ? `At ${path}: ` : ''}${issue.message}`, path}};
  }
  return {ok: true, type: parsed.data, format: 'json'};
}

/**
 * Reads a Spark schema: Spark SQL DDL (`STRUCT<id: BIGINT, m: MAP<STRING, STRING>>`, a single type,
 * or a column list `id BIGINT NOT NULL, ts TIMESTAMP`) or the JSON `df.schema.json()` prints.
 * Never throws on bad input: the error says where (DDL position, JSON path) and what is wrong.
 */
export function parseSparkType(input: unknown): SchemaParseResult {
  const checked = inputSchema.safeParse(input);
  if (!checked.success) {
    return {ok: false, error: {message: checked.error.issues[0]?.message ?? 'Invalid schema text.'}};
  }
  const text = checked.data;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('"') || trimmed.startsWith('[')) {
    return parseJson(text);
  }
  try {
    return {ok: true, type: parseDdl(text), format: 'ddl'};
  } catch (error) {
    if (error instanceof DdlSyntaxError) {
      return {ok: false, error: {message: error.message, offset: error.offset, ...lineAndColumn(text, error.offset)}};
    }
    throw error;
  }
}
