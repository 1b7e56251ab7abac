import {quoteIdentifier} from '../sql/quote';
import {sqlString} from '../sql/literal';

/**
 * The types a map value can be promoted to, most specific first. Inference picks the first one
 * that (almost) every value fits; `string` fits everything and is the fallback.
 */
export const valueTypes = ['boolean', 'integer', 'decimal', 'timestamp', 'json', 'string'] as const;

/** One of `valueTypes`. */
export type ValueType = (typeof valueTypes)[number];

/** Types a JSON object's field can have in its STRUCT. */
export type JsonFieldType = 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'VARCHAR';

/** One field of a JSON object, as a STRUCT field. */
export interface JsonField {
  name: string;
  type: JsonFieldType;
}

/** A key's promoted type: the logical type and the DuckDB type of its column. */
export interface CastType {
  type: ValueType;
  /** `BIGINT`, `DOUBLE`, `BOOLEAN`, `TIMESTAMP`, `VARCHAR` or `STRUCT(...)` for JSON objects. */
  sqlType: string;
  /** The STRUCT's fields for `json`; empty for the other types. */
  fields: JsonField[];
}

const integerPattern = `'-?[0-9]+'`;

/** SQL that is TRUE when `value` is shaped like a JSON object: braces around anything, newlines included. */
export function jsonObjectSql(value: string): string {
  return `regexp_full_match(${value}, '(?s)\\s*\\{.*\\}\\s*')`;
}

/** The characters DuckDB's string casts skip around a value (`StringUtil::CharacterIsSpace`). */
const duckdbSpace = '[ \\t\\n\\v\\f\\r]';

/**
 * Shapes every value a cast can accept has, checked before the cast runs. Profiling tries every
 * type on every value, and most of those values cannot fit: in DuckDB-WASM a TRY_CAST to DOUBLE
 * costs about 0.4 µs a value and one to TIMESTAMP about 1 µs, a regular expression about 0.1 µs.
 * Each pattern is a necessary condition only, never the rule: the cast decides whatever passes.
 * - DOUBLE: after spaces, a sign, a digit, a point, or the start of `inf`/`nan` (DuckDB's
 *   `TryDoubleCast`, which hands the rest to fast_float).
 * - TIMESTAMP: a date's year digit, separator (`-`, `/`, `\\` or a space) and month digit
 *   (`Date::TryConvertDate`), or the special values `infinity`/`inf` and `epoch`, in any case.
 * A unit test holds each guard against the bare cast on edge cases and on every generated value.
 */
const castShapes = {
  decimal: `^${duckdbSpace}*[-+.0-9iInN]`,
  timestamp: '[0-9][-/\\\\ ][0-9]|(?i:inf|epoch)',
} as const;

/** TRUE when `value` does not fit `sqlType`: the shape test first, the cast only on what passes it. */
function castFailsSql(value: string, shapeTest: string, sqlType: string): string {
  return `CASE WHEN ${shapeTest} THEN TRY_CAST(${value} AS ${sqlType}) IS NULL ELSE true END`;
}

/**
 * SQL that is TRUE when a non-null `value` does not fit `type` (never for `string`). Shapes are
 * checked where TRY_CAST alone would accept too much: DuckDB's TRY_CAST('12.5' AS BIGINT) is 13,
 * and TRY_CAST('1' AS BOOLEAN) is true. The tests that cast are CASEs, so a cast only runs on
 * values of the right shape (DuckDB evaluates a CASE branch only on the rows its condition selects).
 */
export function failureSql(type: ValueType, value: string): string {
  switch (type) {
    case 'boolean':
      return `lower(${value}) NOT IN ('true', 'false')`;
    case 'integer':
      return castFailsSql(value, `regexp_full_match(${value}, ${integerPattern})`, 'BIGINT');
    case 'decimal':
      return castFailsSql(value, `regexp_matches(${value}, ${sqlString(castShapes.decimal)})`, 'DOUBLE');
    case 'timestamp':
      return castFailsSql(value, `regexp_matches(${value}, ${sqlString(castShapes.timestamp)})`, 'TIMESTAMP');
    case 'json':
      return `NOT ${jsonObjectSql(value)}`;
    case 'string':
      return 'false';
  }
}

/**
 * The typed value of `raw` (a VARCHAR expression): NULL wherever it does not fit, never an error.
 * An integer key's value must be integer-shaped first, so '12.5' becomes NULL (and is counted as
 * a failed cast) instead of being rounded to 13.
 */
export function castSql(cast: CastType, raw: string): string {
  switch (cast.type) {
    case 'string':
      return raw;
    case 'integer':
      return `CASE WHEN regexp_full_match(${raw}, ${integerPattern}) THEN TRY_CAST(${raw} AS BIGINT) END`;
    default:
      return `TRY_CAST(${raw} AS ${cast.sqlType})`;
  }
}

/** The DuckDB STRUCT type for JSON fields, field names quoted. */
export function structTypeSql(fields: readonly JsonField[]): string {
  return `STRUCT(${fields.map((field) => `${quoteIdentifier(field.name)} ${field.type}`).join(', ')})`;
}

const scalarSqlTypes: Record<Exclude<ValueType, 'json'>, string> = {
  boolean: 'BOOLEAN',
  integer: 'BIGINT',
  decimal: 'DOUBLE',
  timestamp: 'TIMESTAMP',
  string: 'VARCHAR',
};

/**
 * The cast for a chosen type. A JSON type needs at least one field: a STRUCT cannot be empty,
 * so JSON objects whose fields are unknown stay strings.
 */
export function castTypeFor(type: ValueType, fields: readonly JsonField[] = []): CastType {
  if (type === 'json') {
    return fields.length > 0 ? {type, sqlType: structTypeSql(fields), fields: [...fields]} : castTypeFor('string');
  }
  return {type, sqlType: scalarSqlTypes[type], fields: []};
}

const fieldPattern = /"((?:[^"]|"")+)" (BIGINT|DOUBLE|BOOLEAN|VARCHAR)(?:, |$)/y;

/**
 * Reads back a type this engine wrote into the key registry. Anything else is refused: the type
 * goes into ALTER TABLE and TRY_CAST, and a reader can edit the registry table in the lab.
 */
export function castTypeFromSql(sqlType: string): CastType {
  for (const [type, sql] of Object.entries(scalarSqlTypes)) {
    if (sql === sqlType) {
      return castTypeFor(type as ValueType);
    }
  }
  if (sqlType.startsWith('STRUCT(') && sqlType.endsWith(')')) {
    const body = sqlType.slice('STRUCT('.length, -1);
    const fields: JsonField[] = [];
    fieldPattern.lastIndex = 0;
    while (fieldPattern.lastIndex < body.length) {
      const match = fieldPattern.exec(body);
      if (!match) {
        break;
      }
      fields.push({name: match[1]!.replaceAll('""', '"'), type: match[2] as JsonFieldType});
    }
    const cast = castTypeFor('json', fields);
    if (cast.sqlType === sqlType) {
      return cast;
    }
  }
  throw new RangeError(`The registry type ${JSON.stringify(sqlType)} is not one this engine writes.`);
}

/** JSON tokens: strings (escapes included), numbers, literals, punctuation and whitespace. */
const jsonToken = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}[\]:,]|\s+/g;

/**
 * The source text of each top-level number member. JSON.parse reads `0.00` as 0, which would
 * make a decimal field look like an integer; and TRY_CAST('{"offset":-0.12}' AS STRUCT("offset"
 * BIGINT)) rounds to 0 rather than failing, so integer fields must be integers in the text.
 */
function topLevelNumberTexts(text: string): Map<string, string> {
  const numbers = new Map<string, string>();
  let depth = 0;
  let name: string | null = null;
  let afterColon = false;
  for (const [token] of text.matchAll(jsonToken)) {
    if (/^\s/.test(token)) {
      continue;
    }
    if (token === '{' || token === '[') {
      depth++;
      afterColon = false;
    } else if (token === '}' || token === ']') {
      depth--;
    } else if (depth !== 1) {
      continue;
    } else if (token === ':') {
      afterColon = true;
    } else if (token === ',') {
      name = null;
      afterColon = false;
    } else if (afterColon) {
      if (name !== null && /^-?\d/.test(token)) {
        numbers.set(name, token);
      }
      afterColon = false;
    } else if (token.startsWith('"')) {
      name = JSON.parse(token) as string;
    }
  }
  return numbers;
}

function fieldTypeOf(value: unknown, numberText: string | undefined): JsonFieldType | null {
  switch (typeof value) {
    case 'string':
      return 'VARCHAR';
    case 'boolean':
      return 'BOOLEAN';
    case 'number':
      return numberText !== undefined && /^-?\d+$/.test(numberText) ? 'BIGINT' : 'DOUBLE';
    case 'object':
      // NULL says nothing about the type; a nested object or array is kept as its JSON text.
      return value === null ? null : 'VARCHAR';
    default:
      return 'VARCHAR';
  }
}

function widen(a: JsonFieldType, b: JsonFieldType): JsonFieldType {
  if (a === b) {
    return a;
  }
  const numeric = new Set<JsonFieldType>(['BIGINT', 'DOUBLE']);
  return numeric.has(a) && numeric.has(b) ? 'DOUBLE' : 'VARCHAR';
}

/**
 * The STRUCT fields that cover every JSON object in `texts`, in order of first appearance.
 * The STRUCT needs every field: DuckDB's TRY_CAST of an object with a field the STRUCT lacks is
 * NULL. A field seen as integer and decimal becomes DOUBLE; any other mix becomes VARCHAR.
 * Texts that are not JSON objects are skipped (the cast counts them as failures later).
 */
export function inferJsonFields(texts: readonly string[]): JsonField[] {
  const types = new Map<string, JsonFieldType | null>();
  for (const text of texts) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      continue;
    }
    const numberTexts = topLevelNumberTexts(text);
    for (const [name, value] of Object.entries(parsed)) {
      const type = fieldTypeOf(value, numberTexts.get(name));
      const known = types.get(name);
      types.set(name, known === undefined || known === null ? type : type === null ? known : widen(known, type));
    }
  }
  return Array.from(types, ([name, type]) => ({name, type: type ?? 'VARCHAR'}));
}
