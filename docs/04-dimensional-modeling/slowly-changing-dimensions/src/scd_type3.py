"""SCD type 3 for a Delta dimension: one row per key with the current and the previous value.

For each tracked column ``c`` the table holds ``c``, ``previous_c`` (the value before the last change
of ``c``) and ``c_changed_at`` (when that change happened). It answers "compare the old line with the
new line after the move" without a self-join, and keeps exactly one step of history: the change
before last is gone. Use type 2 when more is needed.

How a batch is applied, in one MERGE:

* Exact duplicates count once; only events newer than the row's ``last_changed_at`` are used (older
  ones have no place in a single previous value, so an out-of-order event cannot undo a newer one).
* The row's current values and the newer events form a timeline in event order (``changed_at``,
  then ``change_id``). Per column, the latest change point gives the new ``c``, ``previous_c`` and
  ``c_changed_at``; a column that did not change keeps its previous value and time. With several
  changes in one batch the result is what applying them one by one gives.
* An event that changes nothing writes nothing, and re-running a batch writes nothing.
* A delete flags the row (``is_deleted``) or removes it; a later insert of the key clears the flag.

PySpark 3.5 / 4.0 with delta-spark 3.2+ (4.x on Spark 4.0).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from typing import Literal

from delta.tables import DeltaTable
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from .scd_type2 import delete_flag, event_sequence, previous_column

Scd3Deletes = Literal["ignore", "delete", "flag"]

_T = "_scd_t"
_ORIGIN = "_scd_origin"
_SEQ = "_scd_seq"
_DELETED = "_scd_deleted"
_LAST = "_scd_last_changed"
_NEW_KEY = "_scd_new_key"


@dataclass(frozen=True)
class Scd3Config:
    """One type 3 dimension: key, the columns with a previous value, plain type 1 columns, deletes."""

    table: str
    natural_key: str = "machine_id"
    #: Each gets ``previous_<column>`` and ``<column>_changed_at`` in the table.
    tracked_columns: tuple[str, ...] = ("firmware", "line_id", "calibration_offset", "operating_mode")
    #: Overwritten with the latest value, no previous value kept.
    overwrite_columns: tuple[str, ...] = ()
    event_time: str = "changed_at"
    sequence: str | None = "change_id"
    operation: str | None = "op"
    hard_deletes: Scd3Deletes = "flag"
    last_changed_column: str = "last_changed_at"
    deleted_column: str = "is_deleted"

    def __post_init__(self) -> None:
        if self.hard_deletes not in ("ignore", "delete", "flag"):
            raise ValueError(f"hard_deletes must be ignore, delete or flag, not {self.hard_deletes!r}")


def changed_at_column(column: str) -> str:
    """The column with the time of the last change."""
    return f"{column}_changed_at"


def plan_scd3(spark: SparkSession, changes: DataFrame, config: Scd3Config) -> DataFrame:
    """One staged row per key whose values, previous values or delete flag change; nothing else."""
    key = config.natural_key
    values = [*config.tracked_columns, *config.overwrite_columns]
    unique = changes.dropDuplicates([config.sequence]) if config.sequence else changes.dropDuplicates()
    deleted = delete_flag(config.operation)
    batch = unique.select(
        F.col(key),
        *[F.col(column) for column in values],
        F.col(config.event_time).cast("timestamp").alias(_T),
        F.lit(1).alias(_ORIGIN),
        event_sequence(config.sequence).alias(_SEQ),
        deleted.alias(_DELETED),
    )
    if config.hard_deletes == "ignore":
        batch = batch.where(~F.col(_DELETED))

    table = spark.table(config.table).join(F.broadcast(batch.select(key).distinct()), key, "left_semi")
    current = table.select(
        F.col(key),
        *[F.col(column) for column in values],
        F.col(config.last_changed_column).alias(_T),
        F.lit(0).alias(_ORIGIN),
        F.lit(0).cast("long").alias(_SEQ),
        (F.col(config.deleted_column) if config.hard_deletes == "flag" else F.lit(False)).alias(_DELETED),
    )
    # The ordering guard: only events newer than what the row already reflects.
    newer = (
        batch.join(table.select(F.col(key), F.col(config.last_changed_column).alias(_LAST)), key, "left")
        .where(F.col(_LAST).isNull() | (F.col(_T) > F.col(_LAST)))
        .drop(_LAST)
    )
    events = current.unionByName(newer)
    order = Window.partitionBy(key).orderBy(_T, _ORIGIN, _SEQ)

    # Change points per column, among value-carrying events: deletes carry no new values, but the
    # row's own values count even if it is flagged, so a key that comes back is compared with them.
    values_timeline = events.where(~F.col(_DELETED) | (F.col(_ORIGIN) == 0))
    marked = values_timeline.select(
        F.col("*"),
        *[F.lag(F.struct(F.col(column).alias("value"))).over(order).alias(f"_scd_before_{column}") for column in values],
    )
    position = [F.col(_T), F.col(_ORIGIN), F.col(_SEQ)]
    aggregates = [
        F.max(F.struct(*position, F.struct(*[F.col(column) for column in values]).alias("values"))).alias("_scd_last"),
    ]
    for column in config.tracked_columns:
        before = F.col(f"_scd_before_{column}")
        change = before.isNotNull() & ~F.col(column).eqNullSafe(before["value"])
        aggregates.append(
            F.max(F.when(change, F.struct(*position, before["value"].alias("previous")))).alias(f"_scd_change_{column}")
        )
    per_key = marked.groupBy(key).agg(*aggregates)

    last_event = events.groupBy(key).agg(
        F.max(F.struct(F.col(_T), F.col(_ORIGIN), F.col(_SEQ), F.col(_DELETED).alias("deleted"))).alias("_scd_final")
    )
    resolved = (
        last_event.join(per_key, key, "left")
        .join(
            table.select(
                F.col(key),
                F.lit(False).alias(_NEW_KEY),
                *[F.col(column).alias(f"_scd_old_{column}") for column in values],
                *[F.col(previous_column(column)).alias(f"_scd_old_{previous_column(column)}") for column in config.tracked_columns],
                *[F.col(changed_at_column(column)).alias(f"_scd_old_{changed_at_column(column)}") for column in config.tracked_columns],
                (F.col(config.deleted_column) if config.hard_deletes == "flag" else F.lit(False)).alias("_scd_old_deleted"),
            ),
            key,
            "left",
        )
        .withColumn(_NEW_KEY, F.coalesce(F.col(_NEW_KEY), F.lit(True)))
    )

    output = {key: F.col(key)}
    for column in values:
        output[column] = F.col("_scd_last")["values"][column]
    for column in config.tracked_columns:
        change = F.col(f"_scd_change_{column}")
        old_previous = F.col(f"_scd_old_{previous_column(column)}")
        old_changed_at = F.col(f"_scd_old_{changed_at_column(column)}")
        output[previous_column(column)] = F.when(change.isNull(), old_previous).otherwise(change["previous"])
        output[changed_at_column(column)] = F.when(change.isNull(), old_changed_at).otherwise(change[_T])
    output[config.last_changed_column] = F.col("_scd_final")[_T]
    output[_DELETED] = F.col("_scd_final")["deleted"]

    # last_changed_at is not compared: a batch of no-op events must not write.
    compared = [
        *values,
        *[previous_column(column) for column in config.tracked_columns],
        *[changed_at_column(column) for column in config.tracked_columns],
    ]
    olds = [F.col(f"_scd_old_{column}") for column in compared]
    staged = resolved.select(
        F.col(_NEW_KEY),
        F.col("_scd_old_deleted"),
        *olds,
        *[expression.alias(name) for name, expression in output.items()],
    )
    differs = reduce(
        lambda left, right: left | right,
        [~F.col(column).eqNullSafe(F.col(f"_scd_old_{column}")) for column in compared],
    ) | (F.col(_DELETED) != F.col("_scd_old_deleted"))
    # New keys only if they end alive; existing keys only if something differs.
    changed = F.when(F.col(_NEW_KEY), ~F.col(_DELETED)).otherwise(differs)
    return staged.where(changed).select(_NEW_KEY, *output.keys())


def apply_scd3(spark: SparkSession, changes: DataFrame, config: Scd3Config) -> None:
    """Applies a change batch in one MERGE on the natural key."""
    staged = plan_scd3(spark, changes, config)
    key = config.natural_key
    columns = [c for c in staged.columns if c not in (_NEW_KEY, _DELETED)]
    values = {column: f"s.`{column}`" for column in columns}
    merge = DeltaTable.forName(spark, config.table).alias("t").merge(staged.alias("s"), f"t.`{key}` = s.`{key}`")
    if config.hard_deletes == "delete":
        merge = merge.whenMatchedDelete(condition=f"s.`{_DELETED}`")
    if config.hard_deletes == "flag":
        values[config.deleted_column] = f"s.`{_DELETED}`"
    (
        merge.whenMatchedUpdate(condition=f"NOT s.`{_DELETED}`" if config.hard_deletes != "flag" else None, set=values)
        .whenNotMatchedInsert(condition=f"NOT s.`{_DELETED}`", values=values)
        .execute()
    )
