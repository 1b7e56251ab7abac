/** Spark's atomic types, by the names this model gives them. */
export type AtomicKind =
  | 'byte'
  | 'short'
  | 'int'
  | 'long'
  | 'float'
  | 'double'
  | 'string'
  | 'boolean'
  | 'binary'
  | 'date'
  | 'timestamp'
  | 'timestamp_ntz'
  | 'void';

/** A Spark SQL data type: what a column, a map key or value, or an array element holds. */
export type SparkType =
  | {kind: AtomicKind}
  | {kind: 'decimal'; precision: number; scale: number}
  | {kind: 'char' | 'varchar'; length: number}
  | {kind: 'array'; element: SparkType; containsNull: boolean}
  | {kind: 'map'; key: SparkType; value: SparkType; valueContainsNull: boolean}
  | {kind: 'struct'; fields: StructField[]};

/** A field of a struct; `metadata` is kept as Spark stores it (the comment lives there). */
export interface StructField {
  name: string;
  type: SparkType;
  nullable: boolean;
  metadata: Record<string, unknown>;
}

export type StructType = Extract<SparkType, {kind: 'struct'}>;
export type DecimalType = Extract<SparkType, {kind: 'decimal'}>;

/** Spark's Scala class names, as `DataType.toString` prints them in Delta's and Spark's errors. */
const scalaNames: Record<AtomicKind, string> = {
  byte: 'ByteType',
  short: 'ShortType',
  int: 'IntegerType',
  long: 'LongType',
  float: 'FloatType',
  double: 'DoubleType',
  string: 'StringType',
  boolean: 'BooleanType',
  binary: 'BinaryType',
  date: 'DateType',
  timestamp: 'TimestampType',
  timestamp_ntz: 'TimestampNTZType',
  void: 'NullType',
};

/** Spark SQL names, as `DataType.sql` prints them. */
const sqlNames: Record<AtomicKind, string> = {
  byte: 'TINYINT',
  short: 'SMALLINT',
  int: 'INT',
  long: 'BIGINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  string: 'STRING',
  boolean: 'BOOLEAN',
  binary: 'BINARY',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  timestamp_ntz: 'TIMESTAMP_NTZ',
  void: 'VOID',
};

/** The names `df.schema.json()` writes (`DataType.typeName`). */
export const jsonTypeNames: Record<AtomicKind, string> = {
  byte: 'byte',
  short: 'short',
  int: 'integer',
  long: 'long',
  float: 'float',
  double: 'double',
  string: 'string',
  boolean: 'boolean',
  binary: 'binary',
  date: 'date',
  timestamp: 'timestamp',
  timestamp_ntz: 'timestamp_ntz',
  void: 'void',
};

/** The type as Scala prints it: `IntegerType`, `DecimalType(10,2)`, `MapType(StringType,StringType,true)`. */
export function scalaTypeName(type: SparkType): string {
  switch (type.kind) {
    case 'decimal':
      return `DecimalType(${type.precision},${type.scale})`;
    case 'char':
      return `CharType(${type.length})`;
    case 'varchar':
      return `VarcharType(${type.length})`;
    case 'array':
      return `ArrayType(${scalaTypeName(type.element)},${type.containsNull})`;
    case 'map':
      return `MapType(${scalaTypeName(type.key)},${scalaTypeName(type.value)},${type.valueContainsNull})`;
    case 'struct':
      return `StructType(${type.fields.map((field) => `StructField(${field.name},${scalaTypeName(field.type)},${field.nullable})`).join(',')})`;
    default:
      return scalaNames[type.kind];
  }
}

/** A field name as Spark's `QuotingUtils.quoteIfNeeded` writes it: backticks unless it is a plain identifier. */
export function quoteFieldName(name: string): string {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) ? name : `\`${name.replaceAll('`', '``')}\``;
}

function commentOf(field: StructField): string {
  const comment = field.metadata.comment;
  return typeof comment === 'string' ? ` COMMENT '${comment.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'` : '';
}

/** The type as Spark SQL writes it (`DataType.sql`): `DECIMAL(10,2)`, `MAP<STRING, STRUCT<a: INT NOT NULL>>`. */
export function sqlTypeName(type: SparkType): string {
  switch (type.kind) {
    case 'decimal':
      return `DECIMAL(${type.precision},${type.scale})`;
    case 'char':
      return `CHAR(${type.length})`;
    case 'varchar':
      return `VARCHAR(${type.length})`;
    case 'array':
      return `ARRAY<${sqlTypeName(type.element)}>`;
    case 'map':
      return `MAP<${sqlTypeName(type.key)}, ${sqlTypeName(type.value)}>`;
    case 'struct':
      return `STRUCT<${type.fields.map((field) => `${quoteFieldName(field.name)}: ${sqlTypeName(field.type)}${field.nullable ? '' : ' NOT NULL'}${commentOf(field)}`).join(', ')}>`;
    default:
      return sqlNames[type.kind];
  }
}

/** A struct as a column list (`StructType.toDDL`): `id BIGINT NOT NULL, ts TIMESTAMP`. */
export function columnListDdl(struct: StructType): string {
  return struct.fields.map((field) => `${quoteFieldName(field.name)} ${sqlTypeName(field.type)}${field.nullable ? '' : ' NOT NULL'}${commentOf(field)}`).join(', ');
}

/** The JSON value `df.schema.json()` writes for a type. */
export function toSparkJson(type: SparkType): unknown {
  switch (type.kind) {
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'char':
    case 'varchar':
      return `${type.kind}(${type.length})`;
    case 'array':
      return {type: 'array', elementType: toSparkJson(type.element), containsNull: type.containsNull};
    case 'map':
      return {type: 'map', keyType: toSparkJson(type.key), valueType: toSparkJson(type.value), valueContainsNull: type.valueContainsNull};
    case 'struct':
      return {type: 'struct', fields: type.fields.map((field) => ({name: field.name, type: toSparkJson(field.type), nullable: field.nullable, metadata: field.metadata}))};
    default:
      return jsonTypeNames[type.kind];
  }
}

/** Whether two types are the same, nullability and metadata included. */
export function sameType(left: SparkType, right: SparkType): boolean {
  return JSON.stringify(toSparkJson(left)) === JSON.stringify(toSparkJson(right));
}

/** Spark's integral types, narrowest first. */
export const integralKinds = ['byte', 'short', 'int', 'long'] as const;

export function isIntegral(type: SparkType): type is {kind: (typeof integralKinds)[number]} {
  return (integralKinds as readonly string[]).includes(type.kind);
}

export function isAtomic(type: SparkType): boolean {
  return type.kind !== 'array' && type.kind !== 'map' && type.kind !== 'struct';
}
