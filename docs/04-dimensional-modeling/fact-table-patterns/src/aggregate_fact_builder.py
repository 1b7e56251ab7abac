"""Daily aggregate facts rebuilt for the production days the last loads touched.

``agg_test_daily`` holds per production day, plant, test rig, product and shift: tests, passes,
failures, total test time, and the sums needed for mean and spread of the measured value. All of them
are additive, so a week or a division is a ``SUM`` and a yield is ``SUM(passed) / SUM(tests)``.

Which days to rebuild comes from the atomic fact's Change Data Feed (``delta.enableChangeDataFeed =
true``): the production days of every row inserted, updated or deleted since the version the last run
processed. Those days are recomputed from the atomic fact and written with ``replaceWhere``, so the
aggregate cannot drift from the facts it summarises, and a re-run rebuilds the same days to the same
result. The version is kept in a control table and advanced only after the write.

A change feed is only there from the version that enabled it, and its files go with ``VACUUM``: a
start version before that fails with ``DELTA_MISSING_CHANGE_DATA``, and one after the latest with
``DELTA_CDC_START_VERSION_AFTER_LATEST``. A run that finds its version gone rebuilds everything once.

PySpark 3.5 / 4.0 with delta-spark 3.2+ (Change Data Feed: Delta Lake 2.0+).
"""

from __future__ import annotations

from delta.tables import DeltaTable
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from .incremental_load import replace_days

AGGREGATE_GRAIN = ["production_date_key", "plant_sk", "test_equipment_sk", "product_sk", "shift_sk"]


def latest_version(spark: SparkSession, table: str) -> int:
    """The table's current version, read before the changes so nothing committed later is skipped."""
    return int(DeltaTable.forName(spark, table).history(1).select("version").first()["version"])


def changed_days(spark: SparkSession, fact_table: str, after_version: int, up_to_version: int) -> list[int]:
    """Production days with inserted, updated or deleted rows in versions (after_version, up_to_version]."""
    if up_to_version <= after_version:
        return []
    changes = (
        spark.read.option("readChangeFeed", "true")
        .option("startingVersion", after_version + 1)
        .option("endingVersion", up_to_version)
        .table(fact_table)
        .where(F.col("_change_type") != "update_preimage")
    )
    return [int(row["production_date_key"]) for row in changes.select("production_date_key").distinct().collect()]


def daily_test_aggregate(facts: DataFrame) -> DataFrame:
    """The aggregate rows: additive measures only."""
    return facts.groupBy(*AGGREGATE_GRAIN).agg(
        F.count(F.lit(1)).alias("tests"),
        F.sum(F.col("passed").cast("int")).alias("passed_tests"),
        F.sum((~F.col("passed")).cast("int")).alias("failed_tests"),
        F.sum("duration_ms").alias("sum_duration_ms"),
        F.sum("measured_value").alias("sum_measured_value"),
        F.sum(F.col("measured_value") * F.col("measured_value")).alias("sum_measured_value_sq"),
    )


def rebuild_days(spark: SparkSession, fact_table: str, aggregate_table: str, days: list[int]) -> None:
    """Recomputes the aggregate for the given days from the atomic fact and replaces them."""
    if not days:
        return
    facts = spark.table(fact_table).where(F.col("production_date_key").isin(days))
    replace_days(daily_test_aggregate(facts), aggregate_table, "production_date_key", days)


def refresh(spark: SparkSession, fact_table: str, aggregate_table: str, control_table: str) -> int:
    """One run: days changed since the recorded version are rebuilt, then the version is advanced."""
    recorded = (
        spark.table(control_table)
        .where(F.col("aggregate_table") == aggregate_table)
        .select("processed_version")
        .first()
    )
    after = int(recorded["processed_version"]) if recorded else -1
    up_to = latest_version(spark, fact_table)
    rebuild_days(spark, fact_table, aggregate_table, changed_days(spark, fact_table, after, up_to))
    spark.sql(
        f"MERGE INTO {control_table} AS c USING (SELECT :aggregate_name AS aggregate_table, :processed_version AS processed_version) AS s "
        "ON c.aggregate_table = s.aggregate_table "
        "WHEN MATCHED THEN UPDATE SET c.processed_version = s.processed_version "
        "WHEN NOT MATCHED THEN INSERT (aggregate_table, processed_version) VALUES (s.aggregate_table, s.processed_version)",
        args={"aggregate_name": aggregate_table, "processed_version": up_to},
    )
    return up_to
