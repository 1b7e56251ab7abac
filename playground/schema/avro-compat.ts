import type {AvroField, AvroNamedType, AvroRecord, AvroReference, AvroSchema, AvroType} from './avro-parse';

/**
 * Why a reader cannot read what a writer wrote. The first six are Avro's
 * `SchemaCompatibility.SchemaIncompatibilityType`. `AMBIGUOUS_READER_FIELD` is the case where Avro's
 * checker throws instead (a reader field whose name and aliases match several writer fields);
 * Schema Registry reports that exception as an incompatibility, and so does this checker.
 */
export type AvroIncompatibilityKind =
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH'
  | 'MISSING_ENUM_SYMBOLS'
  | 'READER_FIELD_MISSING_DEFAULT_VALUE'
  | 'TYPE_MISMATCH'
  | 'MISSING_UNION_BRANCH'
  | 'AMBIGUOUS_READER_FIELD';

export interface AvroIncompatibility {
  kind: AvroIncompatibilityKind;
  /** Where in the reader schema, as Avro's `Incompatibility.getLocation()` writes it: `/fields/0/type`; `/` is the root. */
  path: string;
  /** What breaks, in words. */
  message: string;
  /** The detail Avro's Java checker gives (`expected: 8, found: 4`, `[C]`...), to match against its logs. */
  avroMessage: string;
}

type ResolvedType = Exclude<AvroType, AvroReference>;

/** An incompatibility found below some pair of types, with its location relative to that pair. */
interface FoundIncompatibility {
  kind: AvroIncompatibilityKind;
  location: string[];
  message: string;
  avroMessage: string;
}

/**
 * Whether data written with `writer` can be read with `reader`, following the specification's
 * schema resolution as Apache Avro's Java `SchemaCompatibility.checkReaderWriterCompatibility`
 * implements it. An empty list means compatible. Incompatibilities come in Avro's order: depth
 * first, a record's name before its fields, fields in the reader's order.
 */
export function checkAvroReadCompatibility(reader: AvroSchema, writer: AvroSchema): AvroIncompatibility[] {
  const checker = new ReaderWriterChecker(reader, writer);
  return checker.check(reader.root, writer.root).map(({kind, location, message, avroMessage}) => ({
    kind,
    path: `/${location.join('/')}`,
    message,
    avroMessage,
  }));
}

const PROMOTIONS: Readonly<Record<string, readonly string[]>> = {
  long: ['int'],
  float: ['int', 'long'],
  double: ['int', 'long', 'float'],
  bytes: ['string'],
  string: ['bytes'],
};

const PROMOTION_RULE = 'Avro only widens int to long, float or double, long to float or double, and float to double, and converts between string and bytes';

/** Marks a pair of named types whose check is under way; meeting it again is recursion, taken as compatible as Avro does. */
const IN_PROGRESS = 'in-progress';

/** Far deeper than real schemas; a chain of named types referring to each other could otherwise exhaust the stack. */
const MAX_CHECK_DEPTH = 1000;

class ReaderWriterChecker {
  private readonly readerTypes: ReadonlyMap<string, AvroNamedType>;
  private readonly writerTypes: ReadonlyMap<string, AvroNamedType>;
  /** Results per pair of named types (reader full name, writer full name); they also bound the work when a named type is used many times. */
  private readonly namedPairs = new Map<string, FoundIncompatibility[] | typeof IN_PROGRESS>();
  private depth = 0;

  constructor(reader: AvroSchema, writer: AvroSchema) {
    this.readerTypes = new Map(Object.entries(reader.namedTypes));
    this.writerTypes = new Map(Object.entries(writer.namedTypes));
  }

  check(readerType: AvroType, writerType: AvroType): FoundIncompatibility[] {
    if (this.depth >= MAX_CHECK_DEPTH) {
      throw new RangeError(`The schemas nest types more than ${MAX_CHECK_DEPTH} levels deep; they are too deep to compare.`);
    }
    this.depth += 1;
    try {
      return this.checkResolved(resolve(readerType, this.readerTypes), resolve(writerType, this.writerTypes));
    } finally {
      this.depth -= 1;
    }
  }

  private checkResolved(reader: ResolvedType, writer: ResolvedType): FoundIncompatibility[] {
    if (!('fullName' in reader) || !('fullName' in writer) || reader.type !== writer.type) return this.compare(reader, writer);
    const key = `${reader.fullName}\u0000${writer.fullName}`;
    const known = this.namedPairs.get(key);
    if (known === IN_PROGRESS) return [];
    if (known !== undefined) return known;
    this.namedPairs.set(key, IN_PROGRESS);
    const found = this.compare(reader, writer);
    this.namedPairs.set(key, found);
    return found;
  }

  private compare(reader: ResolvedType, writer: ResolvedType): FoundIncompatibility[] {
    if (reader.type === writer.type) return this.compareSameType(reader, writer);
    if (writer.type === 'union') {
      // The reader must read every branch the writer may have written.
      return writer.branches.flatMap((branch, index) => under(String(index), this.check(reader, branch)));
    }
    if (PROMOTIONS[reader.type]?.includes(writer.type) === true) return [];
    if (reader.type === 'union') {
      if (reader.branches.some((branch) => this.check(branch, writer).length === 0)) return [];
      return [
        {
          kind: 'MISSING_UNION_BRANCH',
          location: [],
          message: `The writer writes ${this.describe(writer, this.writerTypes)}, but none of the reader's union branches (${reader.branches.map((branch) => this.describe(branch, this.readerTypes)).join(', ')}) can read it.`,
          avroMessage: `reader union lacking writer type: ${javaTypeName(writer)}`,
        },
      ];
    }
    return [this.typeMismatch(reader, writer)];
  }

  private compareSameType(reader: ResolvedType, writer: ResolvedType): FoundIncompatibility[] {
    switch (reader.type) {
      case 'array':
        return writer.type === 'array' ? under('items', this.check(reader.items, writer.items)) : [];
      case 'map':
        return writer.type === 'map' ? under('values', this.check(reader.values, writer.values)) : [];
      case 'fixed': {
        if (writer.type !== 'fixed') return [];
        const found = this.checkNames(reader, writer);
        if (reader.size !== writer.size) {
          found.push({
            kind: 'FIXED_SIZE_MISMATCH',
            location: ['size'],
            message: `The fixed type ${reader.fullName} is ${reader.size} bytes in the reader but ${writer.size} bytes in the writer; a fixed type's size cannot change.`,
            avroMessage: `expected: ${writer.size}, found: ${reader.size}`,
          });
        }
        return found;
      }
      case 'enum': {
        if (writer.type !== 'enum') return [];
        const found = this.checkNames(reader, writer);
        const readerSymbols = new Set(reader.symbols);
        const missing = writer.symbols.filter((symbol) => !readerSymbols.has(symbol)).sort();
        // An enum default in the reader takes every symbol it does not know.
        if (missing.length > 0 && reader.default === undefined) {
          const plural = missing.length > 1 ? 's' : '';
          found.push({
            kind: 'MISSING_ENUM_SYMBOLS',
            location: ['symbols'],
            message: `The writer's enum ${writer.fullName} can write ${missing.join(', ')}, but the reader's enum ${reader.fullName} has no such symbol${plural} and no enum "default" to read unknown symbols as. Add the symbol${plural} to the reader, or give its enum a default.`,
            avroMessage: `[${missing.join(', ')}]`,
          });
        }
        return found;
      }
      case 'record':
        return writer.type === 'record' ? [...this.checkNames(reader, writer), ...this.checkFields(reader, writer)] : [];
      case 'union': {
        if (writer.type !== 'union') return [];
        // Each branch the writer may have written must be readable; Avro reports the branch, not why.
        return writer.branches.flatMap((branch, index) =>
          this.check(reader, branch).length === 0
            ? []
            : [
                {
                  kind: 'MISSING_UNION_BRANCH' as const,
                  location: [String(index)],
                  message: `The writer's union can hold ${this.describe(branch, this.writerTypes)} (branch ${index}), but no branch of the reader's union can read it.`,
                  avroMessage: `reader union lacking writer type: ${javaTypeName(resolve(branch, this.writerTypes))}`,
                },
              ],
        );
      }
      default:
        return [];
    }
  }

  /** Avro matches named types by unqualified name, or by a reader alias equal to the writer's full name. */
  private checkNames(reader: AvroNamedType, writer: AvroNamedType): FoundIncompatibility[] {
    if (reader.name === writer.name || reader.aliases.includes(writer.fullName)) return [];
    return [
      {
        kind: 'NAME_MISMATCH',
        location: ['name'],
        message: `The reader's ${reader.type} is named ${reader.fullName} but the writer's is ${writer.fullName}. Keep the name, or add "${writer.fullName}" to the reader's aliases.`,
        avroMessage: `expected: ${writer.fullName}`,
      },
    ];
  }

  private checkFields(reader: AvroRecord, writer: AvroRecord): FoundIncompatibility[] {
    const writerFieldsByName = new Map(writer.fields.map((field) => [field.name, field]));
    return reader.fields.flatMap((readerField, index): FoundIncompatibility[] => {
      const location = ['fields', String(index)];
      const matches = writerFieldsFor(readerField, writerFieldsByName);
      const [writerField] = matches;
      if (matches.length > 1) {
        return [
          {
            kind: 'AMBIGUOUS_READER_FIELD',
            location,
            message: `The reader's field "${readerField.name}" matches several fields of the writer's record ${writer.fullName} (${matches.map((field) => `"${field.name}"`).join(', ')}) through its name and aliases; Avro refuses to guess which one to read.`,
            avroMessage: `Reader record field ${readerField.name} matches multiple fields in writer record schema ${writer.fullName}`,
          },
        ];
      }
      if (writerField !== undefined) return under(['fields', String(index), 'type'], this.check(readerField.type, writerField.type));
      if (readerField.default !== undefined) return [];
      const readerFieldType = resolve(readerField.type, this.readerTypes);
      const enumDefaultNote =
        readerFieldType.type === 'enum' && readerFieldType.default !== undefined
          ? ` The enum's own default does not help: it only replaces symbols the reader does not know, it cannot stand in for a missing field.`
          : '';
      return [
        {
          kind: 'READER_FIELD_MISSING_DEFAULT_VALUE',
          location,
          message: `The reader's field "${readerField.name}" is not in the writer's record ${writer.fullName} and has no default, so records written without it cannot be read. Give "${readerField.name}" a default (null for a union that starts with "null").${enumDefaultNote}`,
          avroMessage: readerField.name,
        },
      ];
    });
  }

  private typeMismatch(reader: ResolvedType, writer: ResolvedType): FoundIncompatibility {
    const bothPrimitive = !['record', 'enum', 'fixed', 'array', 'map', 'union'].some((type) => type === reader.type || type === writer.type);
    return {
      kind: 'TYPE_MISMATCH',
      location: [],
      message: `The writer writes ${this.describe(writer, this.writerTypes)} but the reader expects ${this.describe(reader, this.readerTypes)}${bothPrimitive ? `; ${PROMOTION_RULE}` : ', and Avro cannot convert one into the other'}.`,
      avroMessage: `reader type: ${javaTypeName(reader)} not compatible with writer type: ${javaTypeName(writer)}`,
    };
  }

  private describe(declared: AvroType, namedTypes: ReadonlyMap<string, AvroNamedType>): string {
    const type = resolve(declared, namedTypes);
    switch (type.type) {
      case 'record':
        return `the record ${type.fullName}`;
      case 'enum':
        return `the enum ${type.fullName}`;
      case 'fixed':
        return `the fixed type ${type.fullName} (${type.size} bytes)`;
      case 'array':
        return `an array of ${this.describe(type.items, namedTypes)}`;
      case 'map':
        return `a map of ${this.describe(type.values, namedTypes)}`;
      case 'union':
        return `a union of ${type.branches.map((branch) => this.describe(branch, namedTypes)).join(', ')}`;
      default:
        return `${PRIMITIVE_ARTICLES[type.type]}${type.type}${type.logicalType === undefined ? '' : ` (${type.logicalType.name})`}`;
    }
  }
}

const PRIMITIVE_ARTICLES: Readonly<Record<string, string>> = {
  null: '',
  boolean: 'a ',
  int: 'an ',
  long: 'a ',
  float: 'a ',
  double: 'a ',
  bytes: '',
  string: 'a ',
};

function resolve(type: AvroType, namedTypes: ReadonlyMap<string, AvroNamedType>): ResolvedType {
  if (type.type !== 'reference' && !('fullName' in type)) return type;
  // Named types resolve through the table even when written inline, so a schema that went through JSON (one object per use) is checked the same.
  const named = namedTypes.get(type.fullName);
  if (named !== undefined) return named;
  if (type.type !== 'reference') return type;
  throw new RangeError(`The schema refers to ${type.fullName}, which it does not define; parse schemas with parseAvroSchema.`);
}

/** A writer field matches a reader field by the reader field's name or one of its aliases. */
function writerFieldsFor(readerField: AvroField, writerFieldsByName: ReadonlyMap<string, AvroField>): AvroField[] {
  const matches = new Set<AvroField>();
  for (const name of [readerField.name, ...readerField.aliases]) {
    const field = writerFieldsByName.get(name);
    if (field !== undefined) matches.add(field);
  }
  return [...matches];
}

function under(prefix: string | string[], found: FoundIncompatibility[]): FoundIncompatibility[] {
  const steps = typeof prefix === 'string' ? [prefix] : prefix;
  return found.map((incompatibility) => ({...incompatibility, location: [...steps, ...incompatibility.location]}));
}

/** Avro's `Schema.Type` name, as its messages print it. */
function javaTypeName(type: ResolvedType): string {
  return type.type.toUpperCase();
}
