import {lineAndColumn} from '../lab/text';
import {formatJsonPath, JsonLocatedError, parseJson, toJsonValue, type JsonNode, type JsonValue, type PathStep} from './json-reader';

export type {JsonValue} from './json-reader';

/** The eight primitive types of the Avro specification. */
export type AvroPrimitiveTypeName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

/**
 * A logical type (`date`, `timestamp-millis`, `decimal`...). It annotates its underlying type and
 * changes neither the encoding nor schema resolution, so compatibility ignores it as Avro does.
 */
export interface AvroLogicalType {
  name: string;
  precision?: number;
  scale?: number;
}

export interface AvroPrimitive {
  type: AvroPrimitiveTypeName;
  logicalType?: AvroLogicalType;
}

/** What records, enums and fixed types share: a name Avro matches them by. */
export interface AvroNamedBase {
  /** The unqualified name, the part schema resolution compares. */
  name: string;
  /** '' is the null namespace. */
  namespace: string;
  fullName: string;
  /** Full names the type was known by before; a reader type also matches a writer type with one of these names. */
  aliases: string[];
}

export interface AvroField {
  name: string;
  /** Earlier names of the field; a reader field also matches a writer field with one of these names. */
  aliases: string[];
  type: AvroType;
  /** Absent when the field has no default; `{value: null}` is a default of null. */
  default?: {value: JsonValue};
}

export interface AvroRecord extends AvroNamedBase {
  type: 'record';
  fields: AvroField[];
}

export interface AvroEnum extends AvroNamedBase {
  type: 'enum';
  symbols: string[];
  /** The symbol a reader uses for a writer's symbol it does not know. */
  default?: string;
}

export interface AvroFixed extends AvroNamedBase {
  type: 'fixed';
  size: number;
  logicalType?: AvroLogicalType;
}

export interface AvroArray {
  type: 'array';
  items: AvroType;
}

export interface AvroMap {
  type: 'map';
  values: AvroType;
}

export interface AvroUnion {
  type: 'union';
  branches: AvroType[];
}

/** A use of a named type defined elsewhere in the schema (this is how recursive types are written). */
export interface AvroReference {
  type: 'reference';
  fullName: string;
}

export type AvroNamedType = AvroRecord | AvroEnum | AvroFixed;

export type AvroType = AvroPrimitive | AvroNamedType | AvroArray | AvroMap | AvroUnion | AvroReference;

/**
 * A parsed schema: its root type, and every named type by full name so references resolve.
 * A named type appears in full where it is defined and as a reference everywhere after, so the
 * data has no cycles even for recursive schemas and stays plain, serializable data.
 */
export interface AvroSchema {
  root: AvroType;
  namedTypes: Record<string, AvroNamedType>;
}

export interface AvroParseError {
  message: string;
  /** Where in the schema JSON, e.g. `fields[2].type`; '' is the schema as a whole. */
  path: string;
  /** 1-based position in the text; absent when the text as a whole is refused (too large). */
  line?: number;
  column?: number;
}

export type AvroParseResult = {ok: true; schema: AvroSchema} | {ok: false; error: AvroParseError};

/** Larger schemas are refused before parsing; real schemas are far smaller, and it bounds the work. */
export const MAX_AVRO_SCHEMA_BYTES = 1024 * 1024;

const PRIMITIVE_TYPE_NAMES: readonly AvroPrimitiveTypeName[] = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'];
const COMPLEX_TYPE_NAMES = ['record', 'enum', 'fixed', 'array', 'map'];
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FIELD_ORDERS = ['ascending', 'descending', 'ignore'];
const INT_RANGE = {min: -(2n ** 31n), max: 2n ** 31n - 1n};
const LONG_RANGE = {min: -(2n ** 63n), max: 2n ** 63n - 1n};

function isPrimitiveTypeName(name: string): name is AvroPrimitiveTypeName {
  return (PRIMITIVE_TYPE_NAMES as readonly string[]).includes(name);
}

/**
 * Parses an Avro schema written as JSON: a primitive type name, a record, enum, array, map or fixed
 * object, a union as a JSON array, or the name of a type defined earlier. Names and namespaces,
 * aliases, enum symbols and field defaults are checked against the Avro specification.
 */
export function parseAvroSchema(text: string): AvroParseResult {
  if (text.length > MAX_AVRO_SCHEMA_BYTES || new TextEncoder().encode(text).length > MAX_AVRO_SCHEMA_BYTES) {
    return {
      ok: false,
      error: {message: `The schema is larger than 1 MB (${MAX_AVRO_SCHEMA_BYTES} bytes); Avro schemas are normally a few kilobytes.`, path: ''},
    };
  }
  if (text.trim() === '') {
    return {ok: false, error: {message: 'The schema is empty. Write a type such as "string" or {"type": "record", ...}.', path: '', line: 1, column: 1}};
  }
  try {
    const reader = new SchemaReader();
    const root = reader.readType(parseJson(text), [], '');
    return {ok: true, schema: {root, namedTypes: Object.fromEntries(reader.namedTypes)}};
  } catch (error) {
    if (!(error instanceof JsonLocatedError)) throw error;
    return {ok: false, error: {message: error.message, path: formatJsonPath(error.path), ...lineAndColumn(text, error.offset)}};
  }
}

function fail(node: JsonNode, path: readonly PathStep[], message: string): never {
  throw new JsonLocatedError(message, path, node.offset);
}

function describeJson(node: JsonNode): string {
  switch (node.kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return `the boolean ${String(node.value)}`;
    case 'number':
      return `the number ${node.text}`;
    case 'string':
      return `the string ${JSON.stringify(node.value)}`;
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
  }
}

/** The namespace part of a full name: '' for `Foo`, `com.acme` for `com.acme.Foo`. */
function namespaceOf(fullName: string): string {
  const lastDot = fullName.lastIndexOf('.');
  return lastDot < 0 ? '' : fullName.slice(0, lastDot);
}

/** A name qualified by a namespace unless it already holds a dot, as the specification resolves names. */
function qualify(name: string, namespace: string): string {
  if (name.includes('.')) return name.startsWith('.') ? name.slice(1) : name;
  return namespace === '' ? name : `${namespace}.${name}`;
}

class SchemaReader {
  readonly namedTypes = new Map<string, AvroNamedType>();

  readType(node: JsonNode, path: PathStep[], namespace: string): AvroType {
    switch (node.kind) {
      case 'string':
        return this.readTypeName(node, node.value, path, namespace);
      case 'array':
        return this.readUnion(node.items, path, namespace);
      case 'object':
        return this.readTypeObject(node, node.entries, path, namespace);
      default:
        return fail(node, path, `A schema is a type name such as "string", an object such as {"type": "record", ...}, or an array (a union); found ${describeJson(node)}.`);
    }
  }

  private readTypeName(node: JsonNode, name: string, path: PathStep[], namespace: string): AvroType {
    if (isPrimitiveTypeName(name)) return {type: name};
    if (COMPLEX_TYPE_NAMES.includes(name)) {
      return fail(node, path, `"${name}" is a complex type and is written as an object, e.g. {"type": "${name}", ...}.`);
    }
    const candidates = name.includes('.') ? [qualify(name, namespace)] : [...new Set([qualify(name, namespace), name])];
    const found = candidates.find((candidate) => this.namedTypes.has(candidate));
    if (found !== undefined) return {type: 'reference', fullName: found};
    const lookedFor = candidates.length > 1 ? ` (looked for ${candidates.map((candidate) => `"${candidate}"`).join(' and ')})` : '';
    return fail(
      node,
      path,
      `Unknown type "${name}"${lookedFor}. Use a primitive type (${PRIMITIVE_TYPE_NAMES.join(', ')}) or the name of a record, enum or fixed defined earlier in the schema.`,
    );
  }

  private readUnion(items: JsonNode[], path: PathStep[], namespace: string): AvroUnion {
    const branches: AvroType[] = [];
    const branchKeys = new Map<string, number>();
    items.forEach((item, index) => {
      const branchPath = [...path, index];
      const branch = this.readType(item, branchPath, namespace);
      if (branch.type === 'union') {
        fail(item, branchPath, 'A union cannot contain another union directly; list all the branches in one array.');
      }
      const key = branch.type === 'reference' || 'fullName' in branch ? branch.fullName : branch.type;
      const earlier = branchKeys.get(key);
      if (earlier !== undefined) {
        fail(item, branchPath, `The union lists ${key} twice (branches ${earlier} and ${index}); a union holds each type once, and each named type once per name.`);
      }
      branchKeys.set(key, index);
      branches.push(branch);
    });
    return {type: 'union', branches};
  }

  private readTypeObject(node: JsonNode, entries: Map<string, JsonNode>, path: PathStep[], namespace: string): AvroType {
    const typeNode = entries.get('type');
    if (typeNode === undefined) return fail(node, path, 'A schema object needs a "type", such as "record", "enum", "array", "map", "fixed" or a primitive type.');
    if (typeNode.kind !== 'string') {
      return fail(typeNode, [...path, 'type'], `"type" must be a type name given as a string; found ${describeJson(typeNode)}.`);
    }
    const type = typeNode.value;
    if (isPrimitiveTypeName(type)) {
      const logicalType = readLogicalType(entries);
      return logicalType === undefined ? {type} : {type, logicalType};
    }
    switch (type) {
      case 'record':
        return this.readRecord(node, entries, path, namespace);
      case 'enum':
        return this.readEnum(node, entries, path, namespace);
      case 'fixed':
        return this.readFixed(node, entries, path, namespace);
      case 'array':
        return {type: 'array', items: this.readType(required(node, entries, 'items', path, 'An array needs "items", the type of its elements.'), [...path, 'items'], namespace)};
      case 'map':
        return {type: 'map', values: this.readType(required(node, entries, 'values', path, 'A map needs "values", the type of its values (keys are always strings).'), [...path, 'values'], namespace)};
      default:
        // Avro also accepts {"type": "SomeName"} for a type defined earlier.
        return this.readTypeName(typeNode, type, [...path, 'type'], namespace);
    }
  }

  /** Reads and registers a named type's name; the name is registered before a record's fields are read, so fields may refer to it. */
  private readName(node: JsonNode, entries: Map<string, JsonNode>, path: PathStep[], enclosingNamespace: string, kind: string): AvroNamedBase {
    const nameNode = required(node, entries, 'name', path, `A ${kind} needs a "name".`);
    const namePath = [...path, 'name'];
    if (nameNode.kind !== 'string') return fail(nameNode, namePath, `The ${kind}'s "name" must be a string; found ${describeJson(nameNode)}.`);
    const namespaceNode = entries.get('namespace');
    let namespace = enclosingNamespace;
    if (namespaceNode !== undefined && namespaceNode.kind !== 'null') {
      if (namespaceNode.kind !== 'string') return fail(namespaceNode, [...path, 'namespace'], `"namespace" must be a string; found ${describeJson(namespaceNode)}.`);
      checkNamespace(namespaceNode, [...path, 'namespace'], namespaceNode.value);
      namespace = namespaceNode.value;
    }
    const fullName = qualify(nameNode.value, namespace);
    const name = fullName.slice(fullName.lastIndexOf('.') + 1);
    checkNamespace(nameNode, namePath, namespaceOf(fullName));
    checkName(nameNode, namePath, name, `${kind} name`);
    if (isPrimitiveTypeName(name)) {
      fail(nameNode, namePath, `"${name}" is a primitive type and cannot name a ${kind}; pick another name.`);
    }
    if (this.namedTypes.has(fullName)) {
      fail(nameNode, namePath, `${fullName} is already defined in this schema. To use the same type again, write its name as the type; to define a new one, give it another name.`);
    }
    return {name, namespace: namespaceOf(fullName), fullName, aliases: readAliases(entries, path, namespaceOf(fullName), true)};
  }

  private readRecord(node: JsonNode, entries: Map<string, JsonNode>, path: PathStep[], enclosingNamespace: string): AvroRecord {
    const record: AvroRecord = {type: 'record', ...this.readName(node, entries, path, enclosingNamespace, 'record'), fields: []};
    this.namedTypes.set(record.fullName, record);
    const fieldsNode = required(node, entries, 'fields', path, `The record ${record.fullName} needs "fields", an array (it may be empty).`);
    if (fieldsNode.kind !== 'array') return fail(fieldsNode, [...path, 'fields'], `"fields" must be an array of field objects; found ${describeJson(fieldsNode)}.`);
    const fieldIndexes = new Map<string, number>();
    fieldsNode.items.forEach((fieldNode, index) => {
      const fieldPath = [...path, 'fields', index];
      const field = this.readField(fieldNode, fieldPath, record.namespace);
      const earlier = fieldIndexes.get(field.name);
      if (earlier !== undefined) {
        fail(fieldNode, [...fieldPath, 'name'], `The record ${record.fullName} has two fields named "${field.name}" (fields[${earlier}] and fields[${index}]).`);
      }
      fieldIndexes.set(field.name, index);
      record.fields.push(field);
    });
    return record;
  }

  private readField(node: JsonNode, path: PathStep[], namespace: string): AvroField {
    if (node.kind !== 'object') return fail(node, path, `A field is an object such as {"name": "id", "type": "long"}; found ${describeJson(node)}.`);
    const nameNode = required(node, node.entries, 'name', path, 'A field needs a "name".');
    if (nameNode.kind !== 'string') return fail(nameNode, [...path, 'name'], `A field's "name" must be a string; found ${describeJson(nameNode)}.`);
    checkName(nameNode, [...path, 'name'], nameNode.value, 'field name');
    const typeNode = required(node, node.entries, 'type', path, `The field "${nameNode.value}" needs a "type".`);
    const type = this.readType(typeNode, [...path, 'type'], namespace);
    const orderNode = node.entries.get('order');
    if (orderNode !== undefined && (orderNode.kind !== 'string' || !FIELD_ORDERS.includes(orderNode.value))) {
      fail(orderNode, [...path, 'order'], `A field's "order" is "ascending", "descending" or "ignore"; found ${describeJson(orderNode)}.`);
    }
    const field: AvroField = {name: nameNode.value, aliases: readAliases(node.entries, path, '', false), type};
    const defaultNode = node.entries.get('default');
    if (defaultNode !== undefined) {
      const problem = this.defaultProblem(type, defaultNode);
      if (problem !== null) fail(defaultNode, [...path, 'default'], `Invalid default for field "${field.name}": ${problem}.`);
      field.default = {value: toJsonValue(defaultNode)};
    }
    return field;
  }

  private readEnum(node: JsonNode, entries: Map<string, JsonNode>, path: PathStep[], enclosingNamespace: string): AvroEnum {
    const base = this.readName(node, entries, path, enclosingNamespace, 'enum');
    const symbolsNode = required(node, entries, 'symbols', path, `The enum ${base.fullName} needs "symbols", an array of names.`);
    if (symbolsNode.kind !== 'array') return fail(symbolsNode, [...path, 'symbols'], `"symbols" must be an array of names; found ${describeJson(symbolsNode)}.`);
    const symbolIndexes = new Map<string, number>();
    symbolsNode.items.forEach((symbolNode, index) => {
      const symbolPath = [...path, 'symbols', index];
      if (symbolNode.kind !== 'string') fail(symbolNode, symbolPath, `An enum symbol must be a string; found ${describeJson(symbolNode)}.`);
      checkName(symbolNode, symbolPath, symbolNode.value, 'enum symbol');
      const earlier = symbolIndexes.get(symbolNode.value);
      if (earlier !== undefined) fail(symbolNode, symbolPath, `The enum ${base.fullName} lists the symbol ${symbolNode.value} twice (symbols[${earlier}] and symbols[${index}]).`);
      symbolIndexes.set(symbolNode.value, index);
    });
    const symbols = [...symbolIndexes.keys()];
    const enumType: AvroEnum = {type: 'enum', ...base, symbols};
    const defaultNode = entries.get('default');
    if (defaultNode !== undefined) {
      if (defaultNode.kind !== 'string' || !symbols.includes(defaultNode.value)) {
        fail(defaultNode, [...path, 'default'], `The enum default must be one of its symbols (${symbols.join(', ')}); found ${describeJson(defaultNode)}.`);
      }
      enumType.default = defaultNode.value;
    }
    this.namedTypes.set(enumType.fullName, enumType);
    return enumType;
  }

  private readFixed(node: JsonNode, entries: Map<string, JsonNode>, path: PathStep[], enclosingNamespace: string): AvroFixed {
    const base = this.readName(node, entries, path, enclosingNamespace, 'fixed');
    const sizeNode = required(node, entries, 'size', path, `The fixed type ${base.fullName} needs a "size" in bytes.`);
    if (sizeNode.kind !== 'number' || !sizeNode.integral || sizeNode.value < 0 || sizeNode.value > 2 ** 31 - 1) {
      fail(sizeNode, [...path, 'size'], `A fixed "size" is a whole number of bytes, 0 or more; found ${describeJson(sizeNode)}.`);
    }
    const fixed: AvroFixed = {type: 'fixed', ...base, size: sizeNode.value};
    const logicalType = readLogicalType(entries);
    if (logicalType !== undefined) fixed.logicalType = logicalType;
    this.namedTypes.set(fixed.fullName, fixed);
    return fixed;
  }

  private resolve(type: AvroType): Exclude<AvroType, AvroReference> {
    if (type.type !== 'reference') return type;
    const named = this.namedTypes.get(type.fullName);
    if (named === undefined) throw new Error(`Avro schema reader: ${type.fullName} was referenced before it was defined.`);
    return named;
  }

  /** Why a default does not fit its type, or null when it does (Avro's `Schema.isValidDefault`, unions checked against their first branch as the specification says). */
  private defaultProblem(declared: AvroType, node: JsonNode): string | null {
    const type = this.resolve(declared);
    const expected = (what: string) => `expected ${what}, found ${describeJson(node)}`;
    switch (type.type) {
      case 'null':
        return node.kind === 'null' ? null : expected('null');
      case 'boolean':
        return node.kind === 'boolean' ? null : expected('true or false');
      case 'int':
        return wholeNumberIn(node, INT_RANGE) ? null : expected(`an int, a whole number from ${INT_RANGE.min} to ${INT_RANGE.max}`);
      case 'long':
        return wholeNumberIn(node, LONG_RANGE) ? null : expected(`a long, a whole number from ${LONG_RANGE.min} to ${LONG_RANGE.max}`);
      case 'float':
      case 'double':
        return node.kind === 'number' ? null : expected(`a number (${type.type})`);
      case 'string':
        return node.kind === 'string' ? null : expected('a string');
      case 'bytes':
        return node.kind === 'string' && isByteString(node.value) ? null : expected('a string of characters \\u0000-\\u00ff, one per byte');
      case 'fixed':
        if (node.kind !== 'string' || !isByteString(node.value)) return expected(`a string of ${type.size} characters \\u0000-\\u00ff, one per byte`);
        return node.value.length === type.size ? null : `the fixed type ${type.fullName} holds ${type.size} bytes but the default has ${node.value.length}`;
      case 'enum':
        return node.kind === 'string' && type.symbols.includes(node.value) ? null : expected(`one of the symbols ${type.symbols.join(', ')}`);
      case 'array':
        if (node.kind !== 'array') return expected('an array');
        return firstProblem(node.items.map((item, index) => [`item ${index}`, item] as const), (item) => this.defaultProblem(type.items, item));
      case 'map':
        if (node.kind !== 'object') return expected('an object (a map)');
        return firstProblem([...node.entries].map(([key, value]) => [`value ${JSON.stringify(key)}`, value] as const), (value) => this.defaultProblem(type.values, value));
      case 'record': {
        if (node.kind !== 'object') return expected(`an object (the record ${type.fullName})`);
        for (const field of type.fields) {
          const value = node.entries.get(field.name);
          if (value === undefined) {
            if (field.default === undefined) return `field "${field.name}" of ${type.fullName} is missing and has no default`;
            continue;
          }
          const problem = this.defaultProblem(field.type, value);
          if (problem !== null) return `field "${field.name}": ${problem}`;
        }
        return null;
      }
      case 'union': {
        const first = type.branches[0];
        if (first === undefined) return 'an empty union has no values, so it cannot have a default';
        const problem = this.defaultProblem(first, node);
        return problem === null ? null : `the default of a union must match its first branch (${branchLabel(this.resolve(first))}): ${problem}`;
      }
    }
  }
}

function required(node: JsonNode, entries: Map<string, JsonNode>, key: string, path: PathStep[], message: string): JsonNode {
  return entries.get(key) ?? fail(node, path, message);
}

function checkName(node: JsonNode, path: PathStep[], name: string, what: string): void {
  if (!NAME_PATTERN.test(name)) {
    fail(node, path, `"${name}" is not a valid ${what}: it must start with a letter or underscore and contain only letters, digits and underscores.`);
  }
}

function checkNamespace(node: JsonNode, path: PathStep[], namespace: string): void {
  if (namespace !== '' && !namespace.split('.').every((part) => NAME_PATTERN.test(part))) {
    fail(node, path, `"${namespace}" is not a valid namespace: use names joined by dots, such as com.acme.plant.`);
  }
}

/** Aliases of a named type are full names (qualified by its namespace); field aliases are plain names. */
function readAliases(entries: Map<string, JsonNode>, path: PathStep[], namespace: string, qualified: boolean): string[] {
  const aliasesNode = entries.get('aliases');
  if (aliasesNode === undefined) return [];
  if (aliasesNode.kind !== 'array') return fail(aliasesNode, [...path, 'aliases'], `"aliases" must be an array of names; found ${describeJson(aliasesNode)}.`);
  return aliasesNode.items.map((aliasNode, index) => {
    const aliasPath = [...path, 'aliases', index];
    if (aliasNode.kind !== 'string') return fail(aliasNode, aliasPath, `An alias must be a string; found ${describeJson(aliasNode)}.`);
    if (!qualified) {
      checkName(aliasNode, aliasPath, aliasNode.value, 'alias');
      return aliasNode.value;
    }
    const fullName = qualify(aliasNode.value, namespace);
    checkNamespace(aliasNode, aliasPath, namespaceOf(fullName));
    checkName(aliasNode, aliasPath, fullName.slice(fullName.lastIndexOf('.') + 1), 'alias');
    return fullName;
  });
}

function readLogicalType(entries: Map<string, JsonNode>): AvroLogicalType | undefined {
  const nameNode = entries.get('logicalType');
  if (nameNode?.kind !== 'string') return undefined;
  const logicalType: AvroLogicalType = {name: nameNode.value};
  const precision = entries.get('precision');
  const scale = entries.get('scale');
  if (precision?.kind === 'number') logicalType.precision = precision.value;
  if (scale?.kind === 'number') logicalType.scale = scale.value;
  return logicalType;
}

function wholeNumberIn(node: JsonNode, range: {min: bigint; max: bigint}): boolean {
  if (node.kind !== 'number' || !node.integral) return false;
  const value = BigInt(node.text);
  return value >= range.min && value <= range.max;
}

/** Avro writes bytes and fixed defaults as strings whose code points 0-255 are the bytes. */
function isByteString(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    if (value.charCodeAt(index) > 0xff) return false;
  }
  return true;
}

function firstProblem(items: ReadonlyArray<readonly [string, JsonNode]>, problemOf: (node: JsonNode) => string | null): string | null {
  for (const [label, node] of items) {
    const problem = problemOf(node);
    if (problem !== null) return `${label}: ${problem}`;
  }
  return null;
}

function branchLabel(type: Exclude<AvroType, AvroReference>): string {
  return 'fullName' in type ? type.fullName : type.type;
}
