import * as z from 'zod';
import {pythonString, sparkIdentifier, sparkString, sparkTableSchema} from '../sql/spark';
import {parseOptions} from '../lab/options';
import {platformTableName} from '../lab/vocabulary';
import type {FlattenPlan, PlannedKey} from './plan';
import type {JsonFieldType} from './value-types';

const exportSchema = z.strictObject({
  sourceTable: sparkTableSchema.default(platformTableName('bronze', 'sensor_events')),
  targetTable: sparkTableSchema.default(platformTableName('silver', 'sensor_events_flat')),
});

/** Where the exported code reads the events and writes the flattened table, in the reader's catalog. */
export type SparkExportOptions = z.input<typeof exportSchema>;

const sparkFieldTypes: Record<JsonFieldType, string> = {
  BIGINT: 'BIGINT',
  DOUBLE: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  VARCHAR: 'STRING',
};

/** The DDL schema `from_json` takes for a JSON key, e.g. `` `mode` STRING, `slots` BIGINT ``. */
function jsonDdl(key: PlannedKey): string {
  return key.fields.map((field) => `${sparkIdentifier(field.name)} ${sparkFieldTypes[field.type]}`).join(', ');
}

/** The type a key has in the registry-shaped plan of the exported code. */
function sparkType(key: PlannedKey): string {
  switch (key.type) {
    case 'boolean':
      return 'BOOLEAN';
    case 'integer':
      return 'BIGINT';
    case 'decimal':
      return 'DOUBLE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'json':
      return 'JSON';
    case 'string':
      return 'STRING';
  }
}

/**
 * The Spark SQL expression for a key, with the same semantics as the plan's DuckDB cast: an
 * integer must be integer-shaped (so '12.5' is NULL, never truncated), a boolean is `true` or
 * `false` in any case (Spark's cast would also take 'y', 'yes', '1'), anything else that does not
 * parse is NULL.
 */
function sparkExpression(raw: string, key: PlannedKey): string {
  switch (key.type) {
    case 'string':
      return raw;
    case 'integer':
      return `CASE WHEN ${raw} RLIKE '^-?[0-9]+$' THEN try_cast(${raw} AS BIGINT) END`;
    case 'boolean':
      return `CASE lower(${raw}) WHEN 'true' THEN true WHEN 'false' THEN false END`;
    case 'json':
      return `from_json(${raw}, ${sparkString(jsonDdl(key))})`;
    default:
      return `try_cast(${raw} AS ${sparkType(key)})`;
  }
}

function sampleNote(plan: FlattenPlan): string {
  const size = 'rows' in plan.sample.size ? `${plan.sample.size.rows.toLocaleString('en-US')} rows` : `${plan.sample.size.percent}%`;
  return `a sample of ${size} (seed ${plan.sample.seed}, ${plan.sample.rows.toLocaleString('en-US')} events read) of ${plan.source}.${plan.mapColumn}`;
}

/**
 * The plan as one Spark SQL statement: a Delta table of the source's columns plus one typed
 * column per key, built by a single projection (no explode, no shuffle). For Spark 3.5 and 4.0
 * with Delta Lake 3.2+; `try_cast` needs Spark 3.2+.
 */
export function flattenPlanToSparkSql(plan: FlattenPlan, input: SparkExportOptions = {}): string {
  const {sourceTable, targetTable} = parseOptions(exportSchema, input, 'flattenPlanToSparkSql');
  const map = sparkIdentifier(plan.mapColumn);
  const lines = [
    ...plan.baseColumns.map(sparkIdentifier),
    ...plan.keys.map((key) => `${sparkExpression(`${map}[${sparkString(key.key)}]`, key)} AS ${sparkIdentifier(key.column)}`),
  ];
  return `-- MAP flattening planned in the browser from ${sampleNote(plan)}.
-- Spark 3.5 / 4.0 with Delta Lake 3.2+. Timestamps without an offset are read in
-- spark.sql.session.timeZone: set it to UTC to match the lab.
-- One projection: element access and casts per row, no explode and no shuffle. The original map
-- stays in the table, so keys that are not columns yet are never lost.
CREATE OR REPLACE TABLE ${targetTable}
USING DELTA
AS SELECT
  ${lines.join(',\n  ')}
FROM ${sourceTable};
`;
}

/** The plan as a Python list literal of registry entries, one per line. */
function pythonPlan(plan: FlattenPlan): string {
  return plan.keys
    .map((key) => {
      const entry = [`"key": ${pythonString(key.key)}`, `"column": ${pythonString(key.column)}`, `"type": ${pythonString(sparkType(key))}`];
      if (key.type === 'json') {
        entry.push(`"json_schema": ${pythonString(jsonDdl(key))}`);
      }
      return `    {${entry.join(', ')}},`;
    })
    .join('\n');
}

/**
 * The plan as a PySpark script for a Databricks notebook or `spark-submit`: the registry entries
 * the browser inferred, a single-select flatten function and a Delta append with `mergeSchema`.
 * For PySpark 3.5 and 4.0 with Delta Lake 3.2+.
 */
export function flattenPlanToPySpark(plan: FlattenPlan, input: SparkExportOptions = {}): string {
  const {sourceTable, targetTable} = parseOptions(exportSchema, input, 'flattenPlanToPySpark');
  return `"""MAP flattening planned in the browser from ${sampleNote(plan).replaceAll('"', "'")}.

PySpark 3.5 / 4.0 with Delta Lake 3.2+. One select: element access and casts per row, no explode
and no shuffle. The original map stays in the table, so keys that are not columns yet are never
lost. Timestamps without an offset are read in spark.sql.session.timeZone: set it to UTC to match
the lab.
"""
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F

SOURCE_TABLE = ${pythonString(sourceTable)}
TARGET_TABLE = ${pythonString(targetTable)}
MAP_COLUMN = ${pythonString(plan.mapColumn)}

# Inferred key types. Column names are sanitised to [0-9a-z_], so they are safe inside expressions.
PLAN = [
${pythonPlan(plan)}
]


def typed_column(entry: dict) -> Column:
    """The typed value of one key, NULL where a value does not parse (never a failed job)."""
    name = entry["column"]
    if entry["type"] == "STRING":
        return F.col(name)
    if entry["type"] == "JSON":
        return F.from_json(F.col(name), entry["json_schema"]).alias(name)
    if entry["type"] == "BIGINT":
        # Integer-shaped values only, so "12.5" becomes NULL instead of being truncated.
        return F.expr(f"CASE WHEN {name} RLIKE '^-?[0-9]+$' THEN try_cast({name} AS BIGINT) END").alias(name)
    if entry["type"] == "BOOLEAN":
        return F.expr(f"CASE lower({name}) WHEN 'true' THEN true WHEN 'false' THEN false END").alias(name)
    return F.expr(f"try_cast({name} AS {entry['type']})").alias(name)


def flatten(df: DataFrame) -> DataFrame:
    """Every source column plus one typed column per key of PLAN, in a single projection."""
    ext = F.col(MAP_COLUMN)
    raw = df.select("*", *[ext.getItem(entry["key"]).alias(entry["column"]) for entry in PLAN])
    key_columns = {entry["column"] for entry in PLAN}
    kept = [name for name in raw.columns if name not in key_columns]
    return raw.select(*kept, *[typed_column(entry) for entry in PLAN])


if __name__ == "__main__":
    spark = SparkSession.builder.getOrCreate()
    (
        flatten(spark.table(SOURCE_TABLE))
        .write.format("delta")
        .mode("append")
        .option("mergeSchema", "true")
        .saveAsTable(TARGET_TABLE)
    )
`;
}
