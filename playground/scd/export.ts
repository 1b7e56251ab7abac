import * as z from 'zod';
import {parseOptions} from '../lab/options';
import {platformTableName} from '../lab/vocabulary';
import {pythonString, sparkIdentifier, sparkString, sparkTableSchema} from '../sql/spark';
import {dimensionColumns} from './scd2';
import {parseScdSpec, scdColumns, type ScdSpec, type ScdSpecInput} from './spec';

const exportSchema = z.strictObject({
  dimensionTable: sparkTableSchema.default(platformTableName('gold', 'dim_machine')),
  updatesTable: sparkTableSchema.default(platformTableName('silver', 'machine_config_changes')),
});

/** Where the exported MERGE reads the changes and writes the dimension, in the reader's catalog. */
export type ScdExportOptions = z.input<typeof exportSchema>;

/** The Spark expression of the row hash: the same text the lab hashes with sha256, so hashes agree. */
function sparkRowHash(spec: ScdSpec, prefix: string): string {
  const parts = spec.trackedColumns.map((column) => `coalesce(CAST(${prefix}${sparkIdentifier(column)} AS STRING), '\\\\N')`);
  return `sha2(concat_ws(chr(31), ${parts.join(', ')}), 256)`;
}

/** How the exported statement picks a key's current row. */
function currentPredicate(spec: ScdSpec, alias: string): string {
  const columns = scdColumns(spec);
  if (columns.isCurrent) {
    return `${alias}.${sparkIdentifier(columns.isCurrent)}`;
  }
  return spec.openEnd === 'null'
    ? `${alias}.${sparkIdentifier(columns.validTo)} IS NULL`
    : `${alias}.${sparkIdentifier(columns.validTo)} = TIMESTAMP ${sparkString(spec.openEnd.farFuture)}`;
}

/**
 * The spec's type 2 load as one Delta Lake MERGE with staged updates and the NULL merge-key trick:
 * every change joins on its key and closes the current version; a copy of each real change with a
 * NULL key matches nothing and is inserted as the new version. Delta lets one MERGE match a target
 * row only once (DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE), so the batch is reduced
 * to the latest change per key, and a change no newer than the current version is skipped. The
 * browser engine's history rebuild (late changes placed in history) has no single-MERGE form.
 */
export function scd2ToDeltaSql(specInput: ScdSpecInput, input: ScdExportOptions = {}): string {
  const spec = parseScdSpec(specInput, 'scd2ToDeltaSql');
  const {dimensionTable, updatesTable} = parseOptions(exportSchema, input, 'scd2ToDeltaSql');
  const columns = scdColumns(spec);
  const id = sparkIdentifier;
  const key = id(spec.naturalKey);
  const tracked = spec.trackedColumns.map(id);
  const deleteValue = sparkString(spec.deleteValue);
  const newRecord = spec.deletes === 'new_record';
  const openEnd = spec.openEnd === 'null' ? 'NULL' : `TIMESTAMP ${sparkString(spec.openEnd.farFuture)}`;
  const surrogate =
    spec.naming === 'dbt'
      ? `md5(concat_ws('|', CAST(s.${key} AS STRING), CAST(s.${id(spec.changedAt)} AS STRING)))`
      : `xxhash64(s.${key}, s.${id(spec.changedAt)})`;
  const insertColumns = dimensionColumns(spec, columns);
  const insertValues = [
    surrogate,
    `s.${key}`,
    ...tracked.map((column) => `s.${column}`),
    `s.${id(spec.changedAt)}`,
    openEnd,
    ...(columns.isCurrent ? ['true'] : []),
    `s.row_hash`,
    ...(newRecord ? [`s.${id(spec.operation)} = ${deleteValue}`] : []),
    ...(columns.updatedAt ? [`s.${id(spec.changedAt)}`] : []),
  ];
  const newVersionFilter = newRecord
    ? `(l.${id(spec.operation)} = ${deleteValue} OR d.${id(columns.rowHash)} <> l.row_hash)`
    : `l.${id(spec.operation)} <> ${deleteValue} AND d.${id(columns.rowHash)} <> l.row_hash`;
  return `-- SCD type 2 load of ${dimensionTable} from ${updatesTable}, exported from the browser lab.
-- Delta Lake 3.2+ on Spark 3.5 / 4.0, or Databricks Runtime 14.3 LTS+.
-- Per key: the latest change of the batch; a change that alters no tracked column writes nothing; a delete
-- closes the current version${newRecord ? ' and adds a version flagged as deleted' : ''}; a change no newer than the current version is skipped
-- (apply late changes with a history rebuild, as the lab's engine does). Run it twice and nothing changes.
MERGE INTO ${dimensionTable} AS d
USING (
  WITH latest AS (
    SELECT *, ${sparkRowHash(spec, '')} AS row_hash
    FROM (
      SELECT *, row_number() OVER (PARTITION BY ${key} ORDER BY ${id(spec.changedAt)} DESC, ${id(spec.sequence)} DESC) AS change_rank
      FROM ${updatesTable}
    )
    WHERE change_rank = 1
  )
  -- Every change, keyed: it finds the current version and closes it.
  SELECT l.${key} AS merge_key, l.* FROM latest AS l
  UNION ALL
  -- Real changes again with a NULL key: they match nothing and become the new current version.
  SELECT NULL AS merge_key, l.*
  FROM latest AS l
  JOIN ${dimensionTable} AS d ON d.${key} = l.${key} AND ${currentPredicate(spec, 'd')}
  WHERE ${newVersionFilter}
    AND l.${id(spec.changedAt)} > d.${id(columns.validFrom)}
) AS s
ON d.${key} = s.merge_key AND ${currentPredicate(spec, 'd')}
WHEN MATCHED AND s.${id(spec.changedAt)} > d.${id(columns.validFrom)}
  AND (s.${id(spec.operation)} = ${deleteValue} OR d.${id(columns.rowHash)} <> s.row_hash) THEN
  UPDATE SET ${id(columns.validTo)} = s.${id(spec.changedAt)}${columns.isCurrent ? `, ${id(columns.isCurrent)} = false` : ''}
WHEN NOT MATCHED${newRecord ? '' : ` AND s.${id(spec.operation)} <> ${deleteValue}`} THEN
  INSERT (${insertColumns.map(id).join(', ')})
  VALUES (${insertValues.join(', ')});
`;
}

/**
 * The same load as a PySpark module: the MERGE run through `spark.sql`, as a batch job and as a
 * `foreachBatch` function for a stream of changes. PySpark 3.5 / 4.0 with delta-spark 3.2+.
 */
export function scd2ToPySpark(specInput: ScdSpecInput, input: ScdExportOptions = {}): string {
  const spec = parseScdSpec(specInput, 'scd2ToPySpark');
  const {dimensionTable, updatesTable} = parseOptions(exportSchema, input, 'scd2ToPySpark');
  const sql = scd2ToDeltaSql(spec, input);
  const statement = sql
    .split('\n')
    .filter((line) => !line.startsWith('-- '))
    .join('\n')
    .replace(/;\n$/, '');
  return `"""SCD type 2 load of ${dimensionTable} from ${updatesTable}, exported from the browser lab.

PySpark 3.5 / 4.0 with delta-spark 3.2+, or Databricks Runtime 14.3 LTS+. Per key the latest change of the
batch; unchanged rows write nothing; deletes close the current version; changes no newer than the current
version are skipped. The MERGE is the staged-updates pattern with a NULL merge key.
"""
from pyspark.sql import DataFrame, SparkSession

DIMENSION_TABLE = ${pythonString(dimensionTable)}
UPDATES_TABLE = ${pythonString(updatesTable)}

MERGE_SQL = """
${statement.replaceAll('\\', '\\\\').replaceAll('"""', '\\"\\"\\"')}
"""


def load_scd2(spark: SparkSession) -> DataFrame:
    """Runs the MERGE; returns Delta's counts (rows inserted, updated, deleted)."""
    return spark.sql(MERGE_SQL)


def load_scd2_batch(batch_df: DataFrame, batch_id: int) -> None:
    """A foreachBatch function: the micro-batch becomes the updates view the MERGE reads."""
    batch_df.createOrReplaceTempView("scd2_updates")
    batch_df.sparkSession.sql(MERGE_SQL.replace(UPDATES_TABLE, "scd2_updates"))


if __name__ == "__main__":
    load_scd2(SparkSession.builder.getOrCreate()).show()
`;
}
