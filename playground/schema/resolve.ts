import * as z from 'zod';
import {parseOptions} from '../lab/options';
import {pythonString, sparkIdentifier, sparkString, sparkTableSchema} from '../sql/spark';
import type {CompatibilityReport, Finding} from './check';
import {typeWideningSupport} from './rules';
import type {SparkType, StructType} from './types';
import {isAtomic, sameType, sqlTypeName} from './types';

/** The ways out of an incompatible schema change. */
export type ResolutionKind = 'cast-source' | 'type-widening' | 'column-versioning' | 'overwrite-schema';

export interface Resolution {
  kind: ResolutionKind;
  title: string;
  /** When it is the right choice, and what it costs. */
  tradeOffs: string;
  /** Whether it fits these findings (type widening only fits supported widenings). */
  applicable: boolean;
  pyspark: string;
  sql: string;
}

const optionsSchema = z.strictObject({
  table: sparkTableSchema.default('silver.machine_readings'),
  /** The incoming DataFrame's variable name in the PySpark snippets. */
  dataFrame: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Use a Python identifier such as df.').default('df'),
});
export type ResolveOptions = z.input<typeof optionsSchema>;

/** A Spark column path (`reading`.`humidity`); `element`, `key` and `value` as ALTER COLUMN spells them. */
function columnPath(path: string): string {
  return path.split('.').map(sparkIdentifier).join('.');
}

/**
 * A Spark SQL expression that turns `expression` of type `from` into `to`: `try_cast` for atomic
 * values (a value that does not fit becomes NULL instead of failing the job), `to_json` for a
 * struct, map or array that the table keeps as a string, and the higher-order functions for maps,
 * arrays and structs.
 */
export function conversionSql(expression: string, from: SparkType, to: SparkType): string {
  if (sameType(from, to)) {
    return expression;
  }
  if (to.kind === 'string' && !isAtomic(from)) {
    return `to_json(${expression})`;
  }
  if (from.kind === 'map' && to.kind === 'map') {
    const keys = sameType(from.key, to.key) ? expression : `transform_keys(${expression}, (k, v) -> ${conversionSql('k', from.key, to.key)})`;
    return sameType(from.value, to.value) ? keys : `transform_values(${keys}, (k, v) -> ${conversionSql('v', from.value, to.value)})`;
  }
  if (from.kind === 'array' && to.kind === 'array') {
    return `transform(${expression}, x -> ${conversionSql('x', from.element, to.element)})`;
  }
  if (from.kind === 'struct' && to.kind === 'struct') {
    const incoming = new Map(from.fields.map((field) => [field.name.toLowerCase(), field]));
    const parts = to.fields.map((field) => {
      const source = incoming.get(field.name.toLowerCase());
      const value = source ? conversionSql(`${expression}.${sparkIdentifier(source.name)}`, source.type, field.type) : `CAST(NULL AS ${sqlTypeName(field.type)})`;
      return `${sparkString(field.name)}, ${value}`;
    });
    return `named_struct(${parts.join(', ')})`;
  }
  return `try_cast(${expression} AS ${sqlTypeName(to)})`;
}

/** The incoming columns as the table expects them: converted where the table's type differs, new columns as they are. */
function castSelectList(current: StructType, update: StructType): string[] {
  const incoming = new Map(update.fields.map((field) => [field.name.toLowerCase(), field]));
  const known = new Set(current.fields.map((field) => field.name.toLowerCase()));
  const kept = current.fields.flatMap((field) => {
    const source = incoming.get(field.name.toLowerCase());
    if (!source) {
      return [];
    }
    const expression = conversionSql(sparkIdentifier(source.name), source.type, field.type);
    return [expression === sparkIdentifier(source.name) ? expression : `${expression} AS ${sparkIdentifier(field.name)}`];
  });
  return [...kept, ...update.fields.filter((field) => !known.has(field.name.toLowerCase())).map((field) => sparkIdentifier(field.name))];
}

function blockingFindings(report: CompatibilityReport): Finding[] {
  return report.findings.filter((finding) => finding.verdict === 'incompatible');
}

/**
 * The resolution strategies for a refused change, each with its trade-offs and the PySpark and SQL
 * to apply it: cast the source to the table's types, widen the column (Delta 4.0+ type widening),
 * version the column, or overwrite the schema.
 */
export function resolveIncompatibilities(current: StructType, update: StructType, report: CompatibilityReport, input: ResolveOptions = {}): Resolution[] {
  const {table, dataFrame} = parseOptions(optionsSchema, input, 'resolveIncompatibilities');
  const blocking = blockingFindings(report);
  const paths = blocking.map((finding) => finding.path);
  const select = castSelectList(current, update);
  const widenable = blocking.filter((finding) => finding.current && finding.update && isAtomic(finding.current) && isAtomic(finding.update) && typeWideningSupport(finding.current, finding.update) !== 'unsupported');
  const topLevel = [...new Set(paths.map((path) => path.split('.')[0]!))];
  const versioned = topLevel.map((name) => ({name, next: `${name}_v2`}));
  const appendWithMergeSchema = (frame: string) => `${frame}.write.format("delta").mode("append").option("mergeSchema", "true").saveAsTable(${pythonString(table)})`;
  const wideningStatements = [
    `ALTER TABLE ${table} SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true')`,
    ...widenable.map((finding) => `ALTER TABLE ${table} ALTER COLUMN ${columnPath(finding.path)} TYPE ${sqlTypeName(finding.update!)}`),
  ];

  const castSource: Resolution = {
    kind: 'cast-source',
    title: 'Cast the incoming data to the table’s types',
    tradeOffs:
      'The table and its readers stay as they are, so it is the safe default for one bad batch or a vendor that sends text. The price is precision or values: try_cast turns what does not fit into NULL (count those before you write), and a wider value, such as a decimal temperature into an INT column, is truncated.',
    applicable: blocking.length > 0,
    pyspark: [
      `# Cast ${paths.join(', ') || 'the columns'} to the table's types; values that do not fit become NULL.`,
      `aligned = ${dataFrame}.selectExpr(`,
      ...select.map((expression) => `    ${pythonString(expression)},`),
      ')',
      appendWithMergeSchema('aligned'),
    ].join('\n'),
    sql: `INSERT INTO ${table}\nSELECT\n  ${select.join(',\n  ')}\nFROM incoming_batch;`,
  };

  const widening: Resolution = {
    kind: 'type-widening',
    title: 'Widen the column with Delta type widening (Delta 4.0+)',
    tradeOffs:
      'No data is rewritten: Delta records the type change and reads old files with the old type. It only works for widenings (integer to wider integer or to double or decimal, float to double, date to timestamp_ntz, wider decimals), it adds the typeWidening table feature, so every reader and writer needs a Delta version that supports it (4.0+; older clients cannot use the table until the feature is dropped), and other engines such as UniForm/Iceberg readers accept fewer changes.',
    applicable: widenable.length > 0 && widenable.length === blocking.length,
    pyspark: [...wideningStatements.map((statement) => `spark.sql(${pythonString(statement)})`), appendWithMergeSchema(dataFrame)].join('\n'),
    sql: wideningStatements.map((statement) => `${statement};`).join('\n'),
  };

  const versioning: Resolution = {
    kind: 'column-versioning',
    title: 'Version the column',
    tradeOffs:
      'Keeps both meanings: old rows keep the old column, new rows fill the new one, and nothing is cast or lost. Readers must know which column holds what (a view that coalesces them helps), and every further change adds a column; plan to retire the old one.',
    applicable: versioned.length > 0,
    pyspark: [
      `versioned = ${dataFrame}${versioned.map(({name, next}) => `.withColumnRenamed(${pythonString(name)}, ${pythonString(next)})`).join('')}`,
      appendWithMergeSchema('versioned'),
    ].join('\n'),
    sql: [
      `CREATE OR REPLACE VIEW ${table}_current AS`,
      `SELECT *${versioned.map(({name, next}) => `,\n  coalesce(CAST(${sparkIdentifier(name)} AS STRING), CAST(${sparkIdentifier(next)} AS STRING)) AS ${sparkIdentifier(`${name}_any`)}`).join('')}`,
      `FROM ${table};`,
    ].join('\n'),
  };

  const overwrite: Resolution = {
    kind: 'overwrite-schema',
    title: 'Rewrite the table with overwriteSchema (last resort)',
    tradeOffs:
      'Replaces the schema and all the data with what you write: every existing row must be in the DataFrame, or it is gone from the current version (time travel keeps it until VACUUM). Streaming readers of the table fail on the schema change and must be restarted, downstream jobs see the new types at once, and the whole table is rewritten.',
    applicable: blocking.length > 0,
    pyspark: [
      `# Rewrites the whole table: ${dataFrame} must hold every row the table should keep.`,
      `${dataFrame}.write.format("delta").mode("overwrite").option("overwriteSchema", "true").saveAsTable(${pythonString(table)})`,
    ].join('\n'),
    sql: `CREATE OR REPLACE TABLE ${table} AS\nSELECT * FROM incoming_full_table;`,
  };

  return [castSource, widening, versioning, overwrite];
}
