"""Idempotent fact loads: insert-only MERGE on the grain, day replacement, and once-only appends.

Which path a fact takes depends on how its source delivers:

* ``merge_new_rows``: events that arrive continuously and may be sent again (a test station that
  re-uploads after a network outage). The batch is deduplicated on the grain, then MERGEd with
  ``WHEN NOT MATCHED THEN INSERT`` only; the condition carries the batch's date range, so Delta reads
  only the files of those days. Re-sent rows match and are skipped.
* ``replace_days``: data that is complete per production day (shift output from the MES). The days
  are recomputed and written with ``replaceWhere``: one atomic overwrite of exactly those days. Every
  written row must satisfy the predicate, or the write fails with ``DELTA_REPLACE_WHERE_MISMATCH``.
* ``append_once``: append-only micro-batches in ``foreachBatch``. The writer options ``txnAppId`` and
  ``txnVersion`` make Delta skip a micro-batch it has already committed, which is what happens when a
  query restarts after a failure between the commit and the checkpoint.

PySpark 3.5 / 4.0 with delta-spark 3.2+ (4.x on Spark 4.0).
"""

from __future__ import annotations

from delta.tables import DeltaTable
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F


def latest_per_grain(batch: DataFrame, grain: list[str], order_by: str) -> DataFrame:
    """One row per grain value: the one with the greatest ``order_by`` (e.g. ``ingested_at``)."""
    newest_first = Window.partitionBy(*grain).orderBy(F.col(order_by).desc())
    return batch.withColumn("_load_rank", F.row_number().over(newest_first)).where("_load_rank = 1").drop("_load_rank")


def date_range(batch: DataFrame, date_column: str) -> tuple[int, int] | None:
    """The smallest and greatest date key of a batch, or None for an empty batch."""
    bounds = batch.agg(F.min(date_column).alias("low"), F.max(date_column).alias("high")).first()
    if bounds is None or bounds["low"] is None:
        return None
    return int(bounds["low"]), int(bounds["high"])


def merge_new_rows(spark: SparkSession, batch: DataFrame, table: str, grain: list[str], date_column: str) -> None:
    """Inserts the rows whose grain the table does not have yet; pruned to the batch's days.

    The batch must be unique on the grain (use ``latest_per_grain`` first): two new rows with the same
    grain would both be inserted, because an insert-only MERGE does not compare source rows.
    """
    days = date_range(batch, date_column)
    if days is None:
        return
    low, high = days
    condition = " AND ".join(
        [f"t.`{column}` = s.`{column}`" for column in grain]
        + [f"t.`{date_column}` BETWEEN {low} AND {high}"]
    )
    (
        DeltaTable.forName(spark, table)
        .alias("t")
        .merge(batch.alias("s"), condition)
        .whenNotMatchedInsertAll()
        .execute()
    )


def replace_days(rows: DataFrame, table: str, date_column: str, days: list[int]) -> None:
    """Atomically replaces exactly the given production days with ``rows`` (which must lie in them)."""
    if not days:
        return
    listed = ", ".join(str(int(day)) for day in sorted(set(days)))
    (
        rows.write.format("delta")
        .mode("overwrite")
        .option("replaceWhere", f"`{date_column}` IN ({listed})")
        .saveAsTable(table)
    )


def append_once(batch: DataFrame, table: str, app_id: str, batch_id: int) -> None:
    """Appends a micro-batch unless this (app id, batch id) was committed before.

    ``app_id`` must be unique per query and stable across restarts; a new checkpoint starts batch ids
    at 0 again, so a new checkpoint needs a new ``app_id``.
    """
    (
        batch.write.format("delta")
        .mode("append")
        .option("txnAppId", app_id)
        .option("txnVersion", batch_id)
        .saveAsTable(table)
    )
