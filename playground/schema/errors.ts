import type {SparkType, StructType} from './types';
import {sqlTypeName} from './types';

/** An error as Spark or Delta raises it: class, SQLSTATE, the exception that carries it, its text, its cause. */
export interface SystemError {
  errorClass: string;
  sqlState: string | null;
  exceptionClass: string;
  /** The message exactly as `getMessage` returns it. */
  message: string;
  cause?: SystemError;
}

const deltaAnalysisException = 'org.apache.spark.sql.delta.DeltaAnalysisException';

/**
 * Delta's error text: `[CLASS] ` and the template with its placeholders filled in order
 * (DeltaThrowableHelper.getMessage); Delta adds no SQLSTATE suffix of its own.
 */
function deltaError(errorClass: string, sqlState: string, message: string, cause?: SystemError): SystemError {
  return {errorClass, sqlState, exceptionClass: deltaAnalysisException, message: `[${errorClass}] ${message}`, ...(cause ? {cause} : {})};
}

/** `DELTA_FAILED_TO_MERGE_FIELDS`: one per struct field on the path to the conflict. */
export function failedToMergeFields(currentField: string, updateField: string, cause: SystemError): SystemError {
  return deltaError('DELTA_FAILED_TO_MERGE_FIELDS', '22005', `Failed to merge fields '${currentField}' and '${updateField}'`, cause);
}

/** `DELTA_MERGE_INCOMPATIBLE_DATATYPE`, types as Scala prints them. */
export function mergeIncompatibleDatatype(current: string, update: string): SystemError {
  return deltaError('DELTA_MERGE_INCOMPATIBLE_DATATYPE', '42K09', `Failed to merge incompatible data types ${current} and ${update}`);
}

/** `DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE` with SchemaMergingUtils' `<decimalRanges>` text, the table's numbers first. */
export function mergeIncompatibleDecimal(current: {precision: number; scale: number}, update: {precision: number; scale: number}): SystemError {
  const precision = `precision ${current.precision} and ${update.precision}`;
  const scale = `scale ${current.scale} and ${update.scale}`;
  const ranges =
    current.precision !== update.precision && current.scale !== update.scale ? `${precision} & ${scale}` : current.precision !== update.precision ? precision : scale;
  return deltaError('DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE', '42806', `Failed to merge decimal types with incompatible ${ranges}`);
}

/** `DELTA_NULL_SCHEMA_IN_STREAMING_WRITE`: the Delta sink refuses NullType anywhere in the data. */
export function nullSchemaInStreamingWrite(): SystemError {
  return deltaError('DELTA_NULL_SCHEMA_IN_STREAMING_WRITE', '42P18', "Delta doesn't accept NullTypes in the schema for streaming writes.");
}

/** The names `StructType.treeString` prints. */
function treeTypeName(type: SparkType): string {
  switch (type.kind) {
    case 'int':
      return 'integer';
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'char':
    case 'varchar':
      return `${type.kind}(${type.length})`;
    default:
      return type.kind;
  }
}

function treeLines(type: SparkType, prefix: string): string[] {
  switch (type.kind) {
    case 'struct':
      return type.fields.flatMap((field) => [
        `${prefix}-- ${field.name}: ${treeTypeName(field.type)} (nullable = ${field.nullable})`,
        ...treeLines(field.type, `${prefix}    |`),
      ]);
    case 'array':
      return [`${prefix}-- element: ${treeTypeName(type.element)} (containsNull = ${type.containsNull})`, ...treeLines(type.element, `${prefix}    |`)];
    case 'map':
      return [
        `${prefix}-- key: ${treeTypeName(type.key)}`,
        ...treeLines(type.key, `${prefix}    |`),
        `${prefix}-- value: ${treeTypeName(type.value)} (valueContainsNull = ${type.valueContainsNull})`,
        ...treeLines(type.value, `${prefix}    |`),
      ];
    default:
      return [];
  }
}

/** A schema as `StructType.treeString` prints it (`root` / ` |-- id: long (nullable = true)`). */
export function treeString(schema: StructType): string {
  return ['root', ...treeLines(schema, ' |')].join('\n');
}

/**
 * The schema-mismatch error of a write whose schema would change without `mergeSchema`
 * (ImplicitMetadataOperation, MetadataMismatchErrorBuilder): `DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH`
 * from Delta 4.1; Delta 3.x and 4.0 print the same text as `_LEGACY_ERROR_TEMP_DELTA_0007`. The
 * table id is the reader's own, so it stays a marked placeholder.
 */
export function schemaMismatch(table: StructType, data: StructType, overwrite: boolean): SystemError {
  const lines = [
    // Delta prints each sub-error of DELTA_METADATA_MISMATCH on its own line, after "- ".
    'A metadata mismatch was detected when writing to the Delta table.',
    '- A schema mismatch detected when writing to the Delta table (Table ID: <table id>).',
    `To enable schema migration using DataFrameWriter or DataStreamWriter, please set: '.option("mergeSchema", "true")'.`,
    'For other operations, set the session configuration spark.databricks.delta.schema.autoMerge.enabled to "true". See the documentation specific to the operation for details.',
    '',
    'Table schema:',
    treeString(table),
    '',
    'Data schema:',
    treeString(data),
    ...(overwrite ? [`- To overwrite your schema or change partitioning, please set: '.option("overwriteSchema", "true")'.`, "Note that the schema can't be overwritten when using 'replaceWhere'."] : []),
  ];
  return deltaError(overwrite ? 'DELTA_METADATA_MISMATCH' : 'DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH', '42KDG', lines.join('\n'));
}

/** Spark's `toSQLType`: the SQL name in double quotes. */
export function toSqlType(type: SparkType): string {
  return `"${sqlTypeName(type)}"`;
}

/**
 * Spark 4's text for an error class: `[CLASS] message SQLSTATE: xxxxx` (SparkThrowableHelper);
 * Spark 3.5 prints the same without the SQLSTATE suffix.
 */
function sparkError(errorClass: string, sqlState: string, exceptionClass: string, message: string): SystemError {
  return {errorClass, sqlState, exceptionClass, message: `[${errorClass}] ${message} SQLSTATE: ${sqlState}`};
}

/** `CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE` from StructType.merge (Spark 3.5+). */
export function cannotMergeIncompatibleDataType(left: SparkType, right: SparkType): SystemError {
  return sparkError(
    'CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE',
    '42825',
    'org.apache.spark.SparkException',
    `Failed to merge incompatible data types ${toSqlType(left)} and ${toSqlType(right)}. Please check the data types of the columns being merged and ensure that they are compatible. If necessary, consider casting the columns to compatible data types before attempting the merge.`,
  );
}

/** `CANNOT_UP_CAST_DATATYPE` as a table write raises it (an empty type path). */
export function cannotUpCast(expression: string, source: SparkType, target: SparkType): SystemError {
  return sparkError(
    'CANNOT_UP_CAST_DATATYPE',
    '42846',
    'org.apache.spark.sql.AnalysisException',
    `Cannot up cast ${expression} from ${toSqlType(source)} to ${toSqlType(target)}.\nThe type path of the target object is:\n\nYou can either add an explicit cast to the input data or choose a higher precision type of the field in the target object`,
  );
}

/** The error and its causes as a JVM stack trace's first lines show them. */
export function renderErrorChain(error: SystemError): string {
  const lines: string[] = [];
  let current: SystemError | undefined = error;
  while (current) {
    lines.push(`${lines.length === 0 ? '' : 'Caused by: '}${current.exceptionClass}: ${current.message}`);
    current = current.cause;
  }
  return lines.join('\n');
}
