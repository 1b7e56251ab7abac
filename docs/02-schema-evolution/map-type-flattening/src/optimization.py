"""Checks that keep the flattening job narrow, and the layout maintenance after it."""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession

from .custom_extension_handler import quote_identifier


def plan_has_exchange(frame: DataFrame) -> bool:
    """Whether the physical plan contains a shuffle (Exchange). The projection of known keys must not.

    Reads the plan through the JVM query execution, which PySpark exposes only internally; the
    string form of the plan is stable enough for this check in Spark 3.5 and 4.0 classic mode.
    """
    return "Exchange" in frame._jdf.queryExecution().executedPlan().toString()


def zorder_optimize(spark: SparkSession, table: str, columns: tuple[str, ...] = ("machine_id", "event_ts")) -> None:
    """Compacts small files and clusters them by machine and time (Delta Lake OPTIMIZE ... ZORDER BY).

    Not for liquid-clustered tables: those use CLUSTER BY and a plain OPTIMIZE.
    """
    ordering = ", ".join(quote_identifier(column) for column in columns)
    spark.sql(f"OPTIMIZE {table} ZORDER BY ({ordering})")


def column_count_status(frame: DataFrame, warn_at: int = 800, fail_at: int = 1000) -> tuple[str, int]:
    """('ok' | 'warn' | 'fail', column count): wide tables slow down planning, stats collection and readers."""
    count = len(frame.columns)
    if count >= fail_at:
        return "fail", count
    if count >= warn_at:
        return "warn", count
    return "ok", count
