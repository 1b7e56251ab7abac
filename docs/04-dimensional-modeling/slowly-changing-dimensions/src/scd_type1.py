"""SCD type 1 for a Delta dimension: overwrite in place, newest event wins, one MERGE.

Type 1 keeps no history. It fits attributes whose old value has no analytical meaning (a corrected
plant name, a fixed typo in an asset description) and small reference tables that reports always
want "as it is today". Two loaders:

* ``apply_scd1`` takes a change batch (inserts, updates, deletes with an event time), keeps the latest
  event per key, and applies it only if it is newer than what the table holds (an ordering guard on
  ``last_changed_at``), so an out-of-order event cannot overwrite a newer value. An update whose
  values hash to what the row already has writes nothing; re-running a batch writes nothing.
* ``apply_scd1_snapshot`` takes a full snapshot of the source (an SAP or MES master-data extract) and
  also handles keys that disappeared from it, with ``WHEN NOT MATCHED BY SOURCE`` (delta-spark 2.3+
  in Python; in SQL from Delta Lake 2.4 on Spark 3.4; Databricks Runtime 12.2 LTS+).

Deletes are flagged by default (``is_deleted = true``, a tombstone), not removed: with a hard delete,
a late update for the deleted key finds no row to compare its time with and inserts the key again.

The same limit as in type 2 applies to no-op events: they leave no trace, so an older change that
arrives after a newer no-op is applied. Replay from the change log when that matters.

PySpark 3.5 / 4.0 with delta-spark 3.2+ (4.x on Spark 4.0).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from delta.tables import DeltaTable
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from .scd_type2 import delete_flag, event_sequence, row_hash

Scd1Deletes = Literal["ignore", "delete", "flag"]

_T = "_scd_t"
_SEQ = "_scd_seq"
_DELETED = "_scd_deleted"


@dataclass(frozen=True)
class Scd1Config:
    """One type 1 dimension: table, key, the overwritten columns and how deletes are kept."""

    table: str
    natural_key: str = "machine_id"
    columns: tuple[str, ...] = ("firmware", "line_id", "calibration_offset", "operating_mode")
    event_time: str = "changed_at"
    sequence: str | None = "change_id"
    operation: str | None = "op"
    #: "flag" sets ``deleted_column``; "delete" removes the row; "ignore" skips delete events.
    hard_deletes: Scd1Deletes = "flag"
    last_changed_column: str = "last_changed_at"
    deleted_column: str = "is_deleted"
    row_hash_column: str = "row_hash"

    def __post_init__(self) -> None:
        if self.hard_deletes not in ("ignore", "delete", "flag"):
            raise ValueError(f"hard_deletes must be ignore, delete or flag, not {self.hard_deletes!r}")


def latest_per_key(changes: DataFrame, config: Scd1Config) -> DataFrame:
    """One row per key: the newest event by event time, then sequence; exact duplicates count once."""
    unique = changes.dropDuplicates([config.sequence]) if config.sequence else changes.dropDuplicates()
    deleted = delete_flag(config.operation)
    sequence = event_sequence(config.sequence)
    events = unique.select(
        F.col(config.natural_key),
        *[F.col(column) for column in config.columns],
        F.col(config.event_time).cast("timestamp").alias(_T),
        sequence.alias(_SEQ),
        deleted.alias(_DELETED),
    )
    if config.hard_deletes == "ignore":
        events = events.where(~F.col(_DELETED))
    newest_first = Window.partitionBy(config.natural_key).orderBy(F.col(_T).desc(), F.col(_SEQ).desc())
    return (
        events.withColumn("_scd_rank", F.row_number().over(newest_first))
        .where(F.col("_scd_rank") == 1)
        .drop("_scd_rank")
        .withColumn(config.row_hash_column, row_hash(config.columns))
    )


def apply_scd1(spark: SparkSession, changes: DataFrame, config: Scd1Config) -> None:
    """Applies the newest event per key if it is newer than the row; unchanged values write nothing."""
    staged = latest_per_key(changes, config)
    key, last, flag, digest = config.natural_key, config.last_changed_column, config.deleted_column, config.row_hash_column
    newer = f"(t.`{last}` IS NULL OR s.`{_T}` > t.`{last}`)"
    values = {column: f"s.`{column}`" for column in config.columns}
    values.update({digest: f"s.`{digest}`", last: f"s.`{_T}`"})
    merge = DeltaTable.forName(spark, config.table).alias("t").merge(staged.alias("s"), f"t.`{key}` = s.`{key}`")
    changed = f"NOT (t.`{digest}` <=> s.`{digest}`)"
    if config.hard_deletes == "delete":
        merge = merge.whenMatchedDelete(condition=f"s.`{_DELETED}` AND {newer}")
    elif config.hard_deletes == "flag":
        merge = merge.whenMatchedUpdate(
            condition=f"s.`{_DELETED}` AND {newer} AND NOT t.`{flag}`",
            set={flag: "true", last: f"s.`{_T}`"},
        )
        # A key that comes back after a delete is a change even if its values are the old ones.
        changed = f"({changed} OR t.`{flag}`)"
        values[flag] = "false"
    (
        merge.whenMatchedUpdate(condition=f"NOT s.`{_DELETED}` AND {newer} AND {changed}", set=values)
        .whenNotMatchedInsert(condition=f"NOT s.`{_DELETED}`", values={key: f"s.`{key}`", **values})
        .execute()
    )


def apply_scd1_snapshot(
    spark: SparkSession,
    snapshot: DataFrame,
    config: Scd1Config,
    snapshot_time: str,
    absent: Literal["flag", "delete"] = "flag",
    protected_keys: tuple[str, ...] = ("UNKNOWN",),
) -> None:
    """Makes the table equal to a full snapshot: changed rows overwritten, new keys inserted, and keys
    missing from the snapshot flagged (or deleted).

    Only for complete extracts: a partial or failed extract would flag every key it lacks. Check the
    snapshot's row count against the previous one before calling this. Rows whose natural key is in
    ``protected_keys`` (the unknown member) are never flagged or deleted.
    """
    key, last, flag, digest = config.natural_key, config.last_changed_column, config.deleted_column, config.row_hash_column
    staged = snapshot.select(
        F.col(key),
        *[F.col(column) for column in config.columns],
        row_hash(config.columns).alias(digest),
        F.lit(snapshot_time).cast("timestamp").alias(_T),
    )
    values = {column: f"s.`{column}`" for column in config.columns}
    values.update({digest: f"s.`{digest}`", last: f"s.`{_T}`"})
    changed = f"NOT (t.`{digest}` <=> s.`{digest}`)"
    if absent == "flag":
        values[flag] = "false"
        changed = f"{changed} OR t.`{flag}`"
    merge = (
        DeltaTable.forName(spark, config.table)
        .alias("t")
        .merge(staged.alias("s"), f"t.`{key}` = s.`{key}`")
        .whenMatchedUpdate(condition=changed, set=values)
        .whenNotMatchedInsert(values={key: f"s.`{key}`", **values})
    )
    keep = " AND ".join(f"t.`{key}` <> '{protected}'" for protected in protected_keys) or "true"
    if absent == "delete":
        merge = merge.whenNotMatchedBySourceDelete(condition=keep)
    else:
        merge = merge.whenNotMatchedBySourceUpdate(
            condition=f"NOT t.`{flag}` AND {keep}",
            set={flag: "true", last: f"CAST('{snapshot_time}' AS TIMESTAMP)"},
        )
    merge.execute()
