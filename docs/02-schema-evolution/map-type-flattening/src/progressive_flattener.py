"""The core flattening: registry lookup, one typed projection without a shuffle, and the batch writer."""

from __future__ import annotations

from dataclasses import dataclass

from delta.tables import DeltaTable
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from .custom_extension_handler import quote_identifier, sql_string_literal, value_sql


@dataclass(frozen=True)
class RegisteredKey:
    """A key the registry approved: its column, Spark type, and for JSON values the DDL schema."""

    key: str
    column: str
    spark_type: str
    json_schema: str | None = None


def load_registry(spark: SparkSession, registry_table: str) -> list[RegisteredKey]:
    """The approved keys, in a stable order so the projection (and the table's column order) is stable."""
    rows = (
        spark.table(registry_table)
        .where(F.col("status") == "approved")
        .select("key", "column_name", "spark_type", "json_schema")
        .orderBy("column_name")
        .collect()
    )
    return [RegisteredKey(row.key, row.column_name, row.spark_type, row.json_schema) for row in rows]


def _typed_value_sql(registered: RegisteredKey) -> str:
    raw = value_sql(registered.key)
    if registered.json_schema:
        # from_json returns NULL for NULL input and, in PERMISSIVE mode (Spark 3.0+), a struct of NULL
        # fields for malformed input: no when/otherwise is needed; watch the fields' NULL rates.
        return f"from_json({raw}, {sql_string_literal(registered.json_schema)})"
    if registered.spark_type == "STRING":
        return raw
    return f"try_cast({raw} AS {registered.spark_type})"


def flatten(events: DataFrame, keys: list[RegisteredKey], keep_map: bool = True) -> DataFrame:
    """All registered keys as typed columns in a single select: no explode, no shuffle, one projection.

    A loop of ``withColumn`` calls would add one projection per key and make analysis slow with
    hundreds of keys. Missing keys are already NULL; defaults belong only where the domain has one.
    """
    base = events.columns if keep_map else [column for column in events.columns if column != "customExtension"]
    projections = [quote_identifier(column) for column in base]
    projections += [f"{_typed_value_sql(key)} AS {quote_identifier(key.column)}" for key in keys]
    return events.selectExpr(*projections)


def update_registry(spark: SparkSession, registry_table: str, discovered: DataFrame, batch_ts: str) -> None:
    """Upserts discovered keys: new ones arrive as 'proposed', known ones get a later last_seen."""
    proposals = discovered.select("key").distinct().withColumn("seen", F.lit(batch_ts).cast("timestamp"))
    (
        DeltaTable.forName(spark, registry_table)
        .alias("r")
        .merge(proposals.alias("n"), "r.key = n.key")
        .whenMatchedUpdate(set={"last_seen": "greatest(r.last_seen, n.seen)"})
        .whenNotMatchedInsert(
            values={
                "key": "n.key",
                "column_name": "NULL",
                "spark_type": "'STRING'",
                "json_schema": "NULL",
                "status": "'proposed'",
                "first_seen": "n.seen",
                "last_seen": "n.seen",
            }
        )
        .execute()
    )


def write_batch(batch: DataFrame, batch_id: int, *, app_id: str, registry_table: str, target_table: str) -> None:
    """``foreachBatch`` sink: flatten with the current registry and append, idempotently per batch.

    ``mergeSchema`` adds the columns of newly approved keys to the Delta table; it does not resolve a
    type change of an existing column (that fails with DELTA_FAILED_TO_MERGE_FIELDS). ``txnAppId`` /
    ``txnVersion`` make a replayed micro-batch a no-op after a restart.
    """
    spark = batch.sparkSession
    flattened = flatten(batch, load_registry(spark, registry_table))
    (
        flattened.write.format("delta")
        .mode("append")
        .option("mergeSchema", "true")
        .option("txnAppId", app_id)
        .option("txnVersion", batch_id)
        .saveAsTable(target_table)
    )
