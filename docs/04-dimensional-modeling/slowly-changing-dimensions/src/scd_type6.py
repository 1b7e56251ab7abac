"""SCD type 6 (1 + 2 + 3) for a Delta dimension, in the same single MERGE as type 2.

Type 6 keeps the type 2 history and adds, on every version row:

* ``current_<column>`` (type 1): the value of the key's latest version, rewritten on all its versions
  whenever a new version arrives. Reports group history by today's value without a self-join:
  "all test results of machines that run firmware 1.9.0 today, whatever they ran at the time".
* ``previous_<column>`` (type 3): the value before the column's last change, as of that version.
  "Results on line 2 since the machine came over from line 1" is then a filter, not a window query.

There is no second statement: the rows whose ``current_*`` or ``previous_*`` values move are staged
as adjustments next to the closed and the new versions, and the one MERGE writes them all. A reader of
the table never sees new versions with stale ``current_*`` columns.

For ``dim_machine`` the table has, besides the type 2 columns, ``current_firmware``,
``current_line_id``, ``current_calibration_offset``, ``current_operating_mode`` and the four
``previous_*`` columns. Every version of a machine is rewritten when its configuration changes: on a
dimension of tens of thousands of rows that is cheap; on one with hundreds of millions it is not, and
a view that joins the current row is the better choice.

PySpark 3.5 / 4.0 with delta-spark 3.2+ (4.x on Spark 4.0).
"""

from __future__ import annotations

from dataclasses import replace

from pyspark.sql import DataFrame, SparkSession

from .scd_type2 import Scd2Config, Scd2Result, apply_scd2, current_column, plan_scd2, previous_column


def scd6_config(config: Scd2Config) -> Scd2Config:
    """The type 2 configuration with current and previous value columns for every tracked column."""
    return replace(
        config,
        current_value_columns=tuple(config.tracked_columns),
        previous_value_columns=tuple(config.tracked_columns),
    )


def type6_columns(config: Scd2Config) -> list[str]:
    """The extra columns the table needs, in DDL order: the current values, then the previous values."""
    return [current_column(column) for column in config.tracked_columns] + [
        previous_column(column) for column in config.tracked_columns
    ]


def plan_scd6(spark: SparkSession, changes: DataFrame, config: Scd2Config) -> DataFrame:
    """The staged rows of the type 6 MERGE, for inspection or tests."""
    return plan_scd2(spark, changes, scd6_config(config))


def apply_scd6(spark: SparkSession, changes: DataFrame, config: Scd2Config) -> Scd2Result:
    """Applies a change batch as type 6: history, current values and previous values in one commit."""
    return apply_scd2(spark, changes, scd6_config(config))
