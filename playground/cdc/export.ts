import * as z from 'zod';
import {parseOptions} from '../lab/options';
import {pythonString, sparkIdentifier, sparkTableSchema} from '../sql/spark';
import {lineageColumns} from './apply';
import {allColumns, sourceTables, topicOf, type SourceColumn, type SourceTable} from './source';
import {parseCdcSpec, type CdcSpec, type CdcSpecInput} from './spec';

const exportSchema = z.strictObject({
  targetTable: sparkTableSchema.default('mfg_prod.silver.mes_work_order'),
});

/** Where the exported job writes, in the reader's catalog. */
export type CdcExportOptions = z.input<typeof exportSchema>;

/** The view each micro-batch's parsed change events are registered as. */
export const cdcChangesView = 'cdc_changes';

const sparkTypes: Record<SourceColumn['type'], {sql: string; python: string}> = {
  BIGINT: {sql: 'BIGINT', python: 'LongType()'},
  INTEGER: {sql: 'INT', python: 'IntegerType()'},
  VARCHAR: {sql: 'STRING', python: 'StringType()'},
};

function orderingText(spec: CdcSpec): string {
  return {lsn: 'source.lsn (the log position)', ts_ms: 'source.ts_ms (commit time in milliseconds)', kafka_offset: 'the Kafka offset (arrival)'}[spec.ordering];
}

/** The latest-first order of a key's changes in Spark SQL. */
function sparkLatestFirst(spec: CdcSpec): string {
  return {lsn: '`_cdc_lsn` DESC', ts_ms: '`_cdc_ts_ms` DESC', kafka_offset: '`_kafka_offset` DESC'}[spec.ordering];
}

function sparkGuard(spec: CdcSpec): string {
  return {lsn: 's.`_cdc_lsn` > t.`_cdc_lsn`', ts_ms: 's.`_cdc_ts_ms` > t.`_cdc_ts_ms`', kafka_offset: 'true'}[spec.ordering];
}

/** The target table's DDL: the source columns and the lineage columns the MERGE compares. */
export function cdcTargetDdl(spec: CdcSpec, table: SourceTable, targetTable: string): string {
  const id = sparkIdentifier;
  const columns = [
    ...allColumns(table).map((column) => `${id(column.name)} ${sparkTypes[column.type].sql}`),
    '`_cdc_op` STRING',
    '`_cdc_lsn` BIGINT',
    '`_cdc_ts_ms` BIGINT',
    '`_kafka_partition` INT',
    '`_kafka_offset` BIGINT',
    ...(spec.deletes === 'soft' ? ['`_cdc_deleted` BOOLEAN'] : []),
  ];
  return `CREATE TABLE IF NOT EXISTS ${targetTable} (\n  ${columns.join(',\n  ')}\n) USING DELTA`;
}

/**
 * The type 1 MERGE of one micro-batch for the spec, in Spark SQL for Delta Lake: the latest
 * change per key (Delta refuses several source rows for one target row with
 * DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE), applied only when newer than the row
 * it meets, deletes as the spec says. The same statement the lab runs on DuckDB.
 */
export function cdcToDeltaSql(specInput: CdcSpecInput, input: CdcExportOptions = {}): string {
  const spec = parseCdcSpec(specInput, 'cdcToDeltaSql');
  const {targetTable} = parseOptions(exportSchema, input, 'cdcToDeltaSql');
  const table = sourceTables[spec.source];
  if (spec.target === 'scd2') {
    return scd2ChangesSql(spec, table);
  }
  const id = sparkIdentifier;
  const key = id(table.key.name);
  const columns = table.columns.map((column) => id(column.name));
  const lineage = lineageColumns.map(id);
  const guard = sparkGuard(spec);
  const soft = spec.deletes === 'soft';
  const insertColumns = [key, ...columns, ...lineage, ...(soft ? ['`_cdc_deleted`'] : [])];
  const insertValues = (deleted: boolean) => [key, ...columns, ...lineage].map((column) => `s.${column}`).concat(soft ? [String(deleted)] : []);
  const deleteClause = soft
    ? `WHEN MATCHED AND ${guard} AND s.\`_cdc_op\` = 'd' THEN UPDATE SET\n  ${[...lineage.map((column) => `${column} = s.${column}`), '`_cdc_deleted` = true'].join(',\n  ')}`
    : `WHEN MATCHED AND ${guard} AND s.\`_cdc_op\` = 'd' THEN DELETE`;
  return `-- One micro-batch of Debezium change events for ${topicOf(table)}, applied to ${targetTable}.
-- Exported from the browser lab. Delta Lake 3.2+ on Spark 3.5 / 4.0, or Databricks Runtime 14.3 LTS+.
-- Latest change per key by ${orderingText(spec)}; ${soft ? 'deletes keep the row flagged _cdc_deleted with the delete\'s position' : 'deletes remove the row'}.
${cdcTargetDdl(spec, table, targetTable)};

MERGE INTO ${targetTable} AS t
USING (
  SELECT ${[key, ...columns, ...lineage].join(', ')}
  FROM (
    SELECT *, row_number() OVER (PARTITION BY ${key} ORDER BY ${sparkLatestFirst(spec)}) AS change_rank
    FROM ${cdcChangesView}
  )
  WHERE change_rank = 1
) AS s
ON t.${key} = s.${key}
${deleteClause}
WHEN MATCHED AND ${guard} THEN UPDATE SET
  ${[...[...columns, ...lineage].map((column) => `${column} = s.${column}`), ...(soft ? ['`_cdc_deleted` = false'] : [])].join(',\n  ')}
WHEN NOT MATCHED AND s.\`_cdc_op\` <> 'd' THEN INSERT (${insertColumns.join(', ')})
  VALUES (${insertValues(false).join(', ')})${
    soft
      ? `
WHEN NOT MATCHED AND s.\`_cdc_op\` = 'd' THEN INSERT (${insertColumns.join(', ')})
  VALUES (${insertValues(true).join(', ')})`
      : ''
  };
`;
}

/** For an SCD2 target: the micro-batch's changes as the rows the type 2 MERGE takes (see the SCD export). */
function scd2ChangesSql(spec: CdcSpec, table: SourceTable): string {
  const id = sparkIdentifier;
  const sequence = {lsn: '`_cdc_lsn`', ts_ms: 'xxhash64(`_kafka_partition`, `_kafka_offset`)', kafka_offset: '`_kafka_offset`'}[spec.ordering];
  return `-- One micro-batch of Debezium change events for ${topicOf(table)}, as the change rows of an SCD type 2 load.
-- Exported from the browser lab. Spark 3.5 / 4.0. History is ordered by source.ts_ms; changes in the same
-- millisecond are ordered by ${spec.ordering === 'lsn' ? 'source.lsn' : spec.ordering === 'kafka_offset' ? 'the Kafka offset' : 'nothing that reflects the source (a hash)'}.
CREATE OR REPLACE TEMP VIEW ${cdcChangesView}_scd2 AS
SELECT
  ${id(table.key.name)},
  ${table.columns.map((column) => id(column.name)).join(',\n  ')},
  timestamp_millis(\`_cdc_ts_ms\`) AS changed_at,
  ${sequence} AS change_seq,
  CASE WHEN \`_cdc_op\` = 'd' THEN 'delete' ELSE 'upsert' END AS op
FROM ${cdcChangesView};
`;
}

/** The envelope's Spark schema for the source table (the reader schema `from_json` applies). */
function envelopeSchemaPython(table: SourceTable): string {
  const fields = allColumns(table)
    .map((column) => `    StructField(${pythonString(column.name)}, ${sparkTypes[column.type].python}),`)
    .join('\n');
  return `ROW = StructType([
${fields}
])
SOURCE = StructType([
    StructField("ts_ms", LongType()),
    StructField("snapshot", StringType()),
    StructField("txId", LongType()),
    StructField("lsn", LongType()),
])
ENVELOPE = StructType([
    StructField("before", ROW),
    StructField("after", ROW),
    StructField("source", SOURCE),
    StructField("op", StringType()),
    StructField("ts_ms", LongType()),
])`;
}

/**
 * The chosen options as a PySpark Structured Streaming job: read the topic, skip tombstones, parse
 * the envelope with `from_json`, and apply each micro-batch in `foreachBatch` with the exported
 * MERGE (or, for SCD2, stage the change rows for the type 2 MERGE). `followUpSql` adds statements
 * that run after them in each micro-batch: for SCD2, the type 2 MERGE of the SCD export.
 */
export function cdcToPySpark(specInput: CdcSpecInput, input: CdcExportOptions = {}, followUpSql = ''): string {
  const spec = parseCdcSpec(specInput, 'cdcToPySpark');
  const {targetTable} = parseOptions(exportSchema, input, 'cdcToPySpark');
  const table = sourceTables[spec.source];
  const sql = `${cdcToDeltaSql(spec, input)}\n${followUpSql}`
    .split('\n')
    .filter((line) => !line.startsWith('-- '))
    .join('\n')
    .trim();
  const statements = sql.split(/;\n/).map((statement) => statement.replace(/;$/, '').trim()).filter((statement) => statement.length > 0);
  const pyStrings = statements.map((statement) => `"""\n${statement.replaceAll('\\', '\\\\').replaceAll('"""', '\\"\\"\\"')}\n"""`);
  const checkpoint = `/Volumes/mfg_prod/ops/checkpoints/mes_de01_${table.name}_cdc`;
  const columnNames = table.columns.map((column) => pythonString(column.name)).join(', ');
  return `"""Applies Debezium change events from ${topicOf(table)} to ${targetTable}.

Exported from the browser lab: latest change by ${orderingText(spec)}, ${spec.deletes} deletes, ${spec.target.toUpperCase()} target.
PySpark 3.5 / 4.0 with delta-spark 3.2+, or Databricks Runtime 14.3 LTS+. foreachBatch is at-least-once:
a replayed micro-batch must change nothing, which the position guard in the MERGE ensures.
"""
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import IntegerType, LongType, StringType, StructField, StructType

TOPIC = ${pythonString(topicOf(table))}
TARGET_TABLE = ${pythonString(targetTable)}
CHECKPOINT = ${pythonString(checkpoint)}
KEY = ${pythonString(table.key.name)}
COLUMNS = [${columnNames}]

${envelopeSchemaPython(table)}

STATEMENTS = [
${pyStrings.map((text) => `${text},`).join('\n')}
]


def parse_changes(records: DataFrame) -> DataFrame:
    """Kafka records to change rows: tombstones (null values) skipped, the envelope parsed."""
    return (
        records.where(F.col("value").isNotNull())
        .select(
            F.from_json(F.col("value").cast("string"), ENVELOPE).alias("e"),
            F.col("partition").alias("_kafka_partition"),
            F.col("offset").alias("_kafka_offset"),
        )
        .select(
            F.coalesce(F.col("e.after." + KEY), F.col("e.before." + KEY)).alias(KEY),
            *[F.coalesce(F.col("e.after." + c), F.col("e.before." + c)).alias(c) for c in COLUMNS],
            F.col("e.op").alias("_cdc_op"),
            F.col("e.source.lsn").alias("_cdc_lsn"),
            F.col("e.source.ts_ms").alias("_cdc_ts_ms"),
            "_kafka_partition",
            "_kafka_offset",
        )
    )


def apply_changes(batch_df: DataFrame, batch_id: int) -> None:
    """The foreachBatch function: the micro-batch's changes become the view the statements read."""
    parse_changes(batch_df).createOrReplaceTempView(${pythonString(cdcChangesView)})
    for statement in STATEMENTS:
        batch_df.sparkSession.sql(statement.replace(${pythonString(targetTable)}, TARGET_TABLE))


def start(spark: SparkSession, kafka_options: dict):
    """Starts the stream; kafka_options carry the bootstrap servers and the SASL_SSL settings."""
    return (
        spark.readStream.format("kafka")
        .options(**kafka_options)
        .option("subscribe", TOPIC)
        .option("startingOffsets", "earliest")
        .load()
        .writeStream.foreachBatch(apply_changes)
        .option("checkpointLocation", CHECKPOINT)
        .start()
    )
`;
}
