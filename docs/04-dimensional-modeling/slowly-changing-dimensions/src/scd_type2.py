"""SCD type 2 for a Delta dimension: history rows from a change batch, written in one MERGE.

What the module guarantees, for a dimension such as ``dim_machine`` fed by ``machine_config_changes``
(natural key ``machine_id``; tracked columns ``firmware``, ``line_id``, ``calibration_offset``,
``operating_mode``; surrogate key ``machine_sk``):

* Change detection by a SHA-256 hash of the tracked columns: a change that alters none of them writes
  nothing. The hash is ``sha2(concat_ws(chr(31), coalesce(CAST(c AS STRING), '\\N'), ...), 256)``, the
  same text the lab on the page hashes, so a row hash written here equals the lab's. NULL becomes
  ``\\N`` and the separator is the unit separator (0x1F), so ``(NULL, 'a')`` and ``('a', NULL)`` differ.
* Exact duplicates (the same ``change_id`` delivered twice) count once. Several changes of one key in
  a batch become several versions, applied in event order: ``changed_at``, then ``change_id``.
* A late change, older than the key's current version, is inserted into the history: the version it
  lands in is closed at the change's time, and the new version ends where the next one starts.
* A delete (``op = 'delete'``) closes the version in effect (dbt ``hard_deletes: invalidate``), or adds
  a deleted-flag row (``new_record``), or is ignored (``ignore``).
* Re-running a batch changes nothing: events already in the table are recognised and dropped, and
  ``apply_scd2`` does not commit at all.
* Intervals are half-open, ``[valid_from, valid_to)``. The open end is NULL or, with
  ``valid_to_current``, a far-future timestamp. An as-of join is
  ``ts >= valid_from AND (valid_to IS NULL OR ts < valid_to)``.

The write is the staged-updates MERGE from the Delta Lake documentation, generalised to late and
multiple changes: every existing row whose ``valid_to`` (or type 1 or type 6 column) changes is staged
with its natural key as merge key and matches exactly one target row; every new version is staged
with a NULL merge key, which never equals anything, so it is inserted. Closing old versions and
inserting new ones is one atomic commit, and no target row is matched by two source rows (which Delta
refuses with ``DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE``).

One limit follows from "a change that alters nothing writes nothing": a no-op event leaves no trace,
so a change that arrives in a later batch with an older timestamp cannot be compared with it. When the
source sends full-state events and such arrivals matter, replay the affected keys' events from the
change log; ``examples/machine_config_scd2.py`` does that.

PySpark 3.5 / 4.0 with delta-spark 3.2+ (delta-spark 4.x on Spark 4.0). An identity column as
surrogate key needs Delta Lake 3.3+ or Databricks Runtime 10.4 LTS+; ``surrogate_key_mode="hash"``
works on every version.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from typing import Literal

from delta.tables import DeltaTable
from pyspark.sql import Column, DataFrame, SparkSession, Window
from pyspark.sql import functions as F

HardDeletes = Literal["ignore", "invalidate", "new_record"]
SurrogateKeyMode = Literal["identity", "hash", "none"]

#: Operation values that mean "the key was deleted": the lab dataset's and Debezium's.
DELETE_OPERATIONS = ("delete", "d")
#: Used only to order rows whose ``valid_to`` is open; never written.
_ORDER_HORIZON = "9999-12-31 23:59:59"

VERSION = "version"
DELETE = "delete"

# Working columns; the prefix keeps them apart from any dimension column.
_T = "_scd_t"
_ORIGIN = "_scd_origin"  # 0 = a row or an implied delete from the table, 1 = an event from the batch
_SEQ = "_scd_seq"
_ORDER_END = "_scd_order_end"
_KIND = "_scd_kind"
_HASH = "_scd_hash"
_HAS_ROW = "_scd_has_row"
_KEEP = "_scd_keep"
_LATEST = "_scd_latest"
_NEXT_T = "_scd_next_t"
_PREVIOUS_VERSION = "_scd_previous_version"
_CURRENT_VERSION = "_scd_current_version"
_OLD = "_scd_old_"
_OLD_VALID_FROM = "_scd_old_valid_from"
MERGE_KEY = "_scd_merge_key"
MERGE_VALID_FROM = "_scd_merge_valid_from"
MERGE_VALID_TO = "_scd_merge_valid_to"


@dataclass(frozen=True)
class HistoryColumns:
    """Names of the bookkeeping columns. ``DBT_SNAPSHOT_COLUMNS`` gives the names dbt snapshots use."""

    valid_from: str = "valid_from"
    valid_to: str = "valid_to"
    is_current: str | None = "is_current"
    row_hash: str | None = "row_hash"
    #: Written only with ``hard_deletes="new_record"``.
    is_deleted: str = "is_deleted"
    #: dbt writes ``dbt_is_deleted`` as the strings 'True' and 'False'.
    deleted_as_text: bool = False
    #: The source change time of the version (``dbt_updated_at``).
    updated_at: str | None = None
    #: ``md5(natural_key || '|' || valid_from)``, the recipe of dbt's ``dbt_scd_id``.
    scd_id: str | None = None


DEFAULT_COLUMNS = HistoryColumns()

#: dbt snapshot names. Use with ``surrogate_key_mode="none"``: ``dbt_scd_id`` is then the row's key.
#: ``row_hash`` is kept (dbt has no such column; the lab keeps it too) for cheap change detection.
DBT_SNAPSHOT_COLUMNS = HistoryColumns(
    valid_from="dbt_valid_from",
    valid_to="dbt_valid_to",
    is_current=None,
    row_hash="row_hash",
    is_deleted="dbt_is_deleted",
    deleted_as_text=True,
    updated_at="dbt_updated_at",
    scd_id="dbt_scd_id",
)


@dataclass(frozen=True)
class Scd2Config:
    """One type 2 dimension: its table, keys, tracked columns and how deletes and open ends look."""

    table: str
    natural_key: str = "machine_id"
    #: Type 2: a change in any of these starts a new version.
    tracked_columns: tuple[str, ...] = ("firmware", "line_id", "calibration_offset", "operating_mode")
    #: Type 1 on a type 2 table: the latest value (by event time) is written to every version of the key.
    overwrite_columns: tuple[str, ...] = ()
    #: Type 6: ``current_<column>`` on every version holds the value of the key's latest version.
    current_value_columns: tuple[str, ...] = ()
    #: Type 3 inside type 2: ``previous_<column>`` holds the value before the column's last change.
    previous_value_columns: tuple[str, ...] = ()
    event_time: str = "changed_at"
    #: Orders events of one key at the same instant, and identifies exact duplicates.
    sequence: str | None = "change_id"
    operation: str | None = "op"
    surrogate_key: str | None = "machine_sk"
    #: "identity": the column is ``GENERATED ... AS IDENTITY`` and left out of the insert.
    #: "hash": ``xxhash64`` of key, valid_from, row hash and delete flag, the same on every re-run.
    surrogate_key_mode: SurrogateKeyMode = "identity"
    hard_deletes: HardDeletes = "invalidate"
    #: None: the open end is NULL. A timestamp string such as "9999-12-31 00:00:00": that value.
    valid_to_current: str | None = None
    columns: HistoryColumns = DEFAULT_COLUMNS

    def __post_init__(self) -> None:
        if self.hard_deletes not in ("ignore", "invalidate", "new_record"):
            raise ValueError(f"hard_deletes must be ignore, invalidate or new_record, not {self.hard_deletes!r}")
        if self.surrogate_key_mode not in ("identity", "hash", "none"):
            raise ValueError(f"surrogate_key_mode must be identity, hash or none, not {self.surrogate_key_mode!r}")
        if self.surrogate_key_mode != "none" and not self.surrogate_key:
            raise ValueError("name the surrogate_key column, or set surrogate_key_mode='none'")
        if not self.tracked_columns:
            raise ValueError("a type 2 dimension needs at least one tracked column")
        for option in ("current_value_columns", "previous_value_columns"):
            unknown = set(getattr(self, option)) - set(self.tracked_columns)
            if unknown:
                raise ValueError(f"{option} must be tracked columns; not tracked: {sorted(unknown)}")


@dataclass(frozen=True)
class Scd2Result:
    """What one ``apply_scd2`` call wrote: new rows, and existing rows whose interval or values changed."""

    inserted: int
    adjusted: int


def current_column(column: str) -> str:
    """The type 6 column that holds the latest value of ``column`` on every version."""
    return f"current_{column}"


def previous_column(column: str) -> str:
    """The type 3 column that holds the value of ``column`` before its last change."""
    return f"previous_{column}"


def delete_flag(operation: str | None) -> Column:
    """True for a delete event: the operation column holds one of DELETE_OPERATIONS, in any case."""
    if not operation:
        return F.lit(False)
    return F.coalesce(F.lower(F.col(operation)).isin(*DELETE_OPERATIONS), F.lit(False))


def event_sequence(sequence: str | None) -> Column:
    """What orders events of one key at the same instant; 0 when the batch has no sequence column."""
    return F.col(sequence).cast("long") if sequence else F.lit(0).cast("long")


def row_hash(columns: tuple[str, ...] | list[str]) -> Column:
    """SHA-256 of the columns as text, NULL as ``\\N``, joined by the 0x1F unit separator.

    Keep ``spark.sql.session.timeZone`` fixed (UTC) if a tracked column is a TIMESTAMP: casting a
    timestamp to STRING renders it in the session time zone.
    """
    parts = [F.coalesce(F.col(column).cast("string"), F.lit("\\N")) for column in columns]
    return F.sha2(F.concat_ws("\x1f", *parts), 256)


def mutable_columns(config: Scd2Config) -> list[str]:
    """The columns an existing row can get new values in: its end, and the type 1, 3 and 6 columns."""
    names = [config.columns.valid_to]
    if config.columns.is_current:
        names.append(config.columns.is_current)
    names += list(config.overwrite_columns)
    names += [current_column(column) for column in config.current_value_columns]
    names += [previous_column(column) for column in config.previous_value_columns]
    return names


def _open_end(config: Scd2Config) -> Column:
    if config.valid_to_current is None:
        return F.lit(None).cast("timestamp")
    return F.lit(config.valid_to_current).cast("timestamp")


def _is_open(valid_to: Column, config: Scd2Config) -> Column:
    if config.valid_to_current is None:
        return valid_to.isNull()
    return valid_to.isNull() | (valid_to == _open_end(config))


def _batch_events(changes: DataFrame, config: Scd2Config) -> DataFrame:
    """The batch as events: one per change, exact duplicates removed, deletes marked."""
    payload = [*config.tracked_columns, *config.overwrite_columns]
    needed = [config.natural_key, config.event_time, *payload]
    needed += [name for name in (config.sequence, config.operation) if name]
    missing = sorted(set(needed) - set(changes.columns))
    if missing:
        raise ValueError(f"the change batch has no column(s) {missing}")
    unique = changes.dropDuplicates([config.sequence]) if config.sequence else changes.dropDuplicates(needed)
    deleted = delete_flag(config.operation)
    sequence = event_sequence(config.sequence)
    events = unique.select(
        F.col(config.natural_key),
        F.col(config.event_time).cast("timestamp").alias(_T),
        F.lit(1).alias(_ORIGIN),
        sequence.alias(_SEQ),
        F.lit(None).cast("timestamp").alias(_ORDER_END),
        F.when(deleted, F.lit(DELETE)).otherwise(F.lit(VERSION)).alias(_KIND),
        F.lit(False).alias(_HAS_ROW),
        *[F.col(column) for column in payload],
    )
    if config.hard_deletes == "ignore":
        events = events.where(F.col(_KIND) == VERSION)
    return events


def _table_events(table: DataFrame, keys: DataFrame, config: Scd2Config) -> DataFrame:
    """The table's rows of the batch's keys as events, plus the deletes their closed ends imply.

    A row whose ``valid_to`` is set but where no row of the key starts was ended by a delete
    (``invalidate``); that delete must stay in the timeline so a late change cannot reopen the row.
    """
    names = config.columns
    key = config.natural_key
    existing = table.join(F.broadcast(keys), key, "left_semi")
    if config.hard_deletes == "new_record":
        flag = F.col(names.is_deleted)
        deleted = F.coalesce(flag == F.lit("True") if names.deleted_as_text else flag, F.lit(False))
    else:
        deleted = F.lit(False)
    rows = existing.select(
        F.col(key),
        F.col(names.valid_from).alias(_T),
        F.lit(0).alias(_ORIGIN),
        F.lit(0).cast("long").alias(_SEQ),
        F.coalesce(F.col(names.valid_to), F.lit(_ORDER_HORIZON).cast("timestamp")).alias(_ORDER_END),
        F.when(deleted, F.lit(DELETE)).otherwise(F.lit(VERSION)).alias(_KIND),
        F.lit(True).alias(_HAS_ROW),
        *[F.col(column) for column in (*config.tracked_columns, *config.overwrite_columns)],
        F.col(names.valid_from).alias(_OLD_VALID_FROM),
        *[F.col(column).alias(_OLD + column) for column in mutable_columns(config)],
    )
    starts = existing.select(F.col(key).alias("_scd_start_key"), F.col(names.valid_from).alias("_scd_start"))
    ends = existing.where(~_is_open(F.col(names.valid_to), config)).select(
        F.col(key), F.col(names.valid_to).alias(_T)
    )
    implied_deletes = (
        ends.join(starts, (F.col(key) == F.col("_scd_start_key")) & (F.col(_T) == F.col("_scd_start")), "left_anti")
        .distinct()
        .select(
            F.col(key),
            F.col(_T),
            F.lit(0).alias(_ORIGIN),
            F.lit(0).cast("long").alias(_SEQ),
            F.lit(None).cast("timestamp").alias(_ORDER_END),
            F.lit(DELETE).alias(_KIND),
            F.lit(False).alias(_HAS_ROW),
        )
    )
    return rows.unionByName(implied_deletes, allowMissingColumns=True)


def plan_scd2(spark: SparkSession, changes: DataFrame, config: Scd2Config) -> DataFrame:
    """The staged rows of the MERGE: adjustments keyed by the natural key, new versions keyed by NULL.

    Empty when the batch changes nothing, which is what a re-run gives.
    """
    key = config.natural_key
    names = config.columns
    tracked = list(config.tracked_columns)
    batch = _batch_events(changes, config)
    keys = batch.select(key).distinct()
    events = (
        _table_events(spark.table(config.table), keys, config)
        .unionByName(batch, allowMissingColumns=True)
        .withColumn(_HASH, row_hash(config.tracked_columns))
    )

    # Table rows before batch events at the same instant; rows at one instant by their end, so a
    # zero-length row [t, t) comes first; the hash last, so the order never depends on the plan.
    order = Window.partitionBy(key).orderBy(_T, _ORIGIN, _SEQ, _ORDER_END, _HASH)
    whole = order.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)
    before = order.rowsBetween(Window.unboundedPreceding, -1)
    up_to = order.rowsBetween(Window.unboundedPreceding, Window.currentRow)
    kind = F.col(_KIND)
    is_version = kind == VERSION
    from_batch = F.col(_ORIGIN) == 1

    # 1. Drop the batch events that change nothing: a version equal to the one in effect before it,
    #    a delete of a key that is already deleted or never existed, and any event already applied.
    previous_kind = F.lag(_KIND).over(order)
    previous_hash = F.lag(_HASH).over(order)
    keeps_version = previous_kind.isNull() | (previous_kind == DELETE) | (previous_hash != F.col(_HASH))
    keeps_delete = F.coalesce(previous_kind == VERSION, F.lit(False))
    kept_columns = [F.col("*"), (~from_batch | F.when(is_version, keeps_version).otherwise(keeps_delete)).alias(_KEEP)]
    if config.overwrite_columns:
        # Type 1 values come from the latest event, no-op or not, before no-ops are dropped.
        latest = F.struct(*[F.col(column) for column in config.overwrite_columns])
        kept_columns.append(F.last(F.when(is_version, latest), ignorenulls=True).over(whole).alias(_LATEST))
    kept = events.select(*kept_columns).where(F.col(_KEEP))

    # 2. Intervals over what is kept: each row ends where the next event of its key starts.
    versions_only = F.when(is_version, F.struct(*[F.col(column) for column in tracked]))
    timeline = kept.select(
        F.col("*"),
        F.lead(_T).over(order).alias(_NEXT_T),
        F.last(versions_only, ignorenulls=True).over(before).alias(_PREVIOUS_VERSION),
        F.last(versions_only, ignorenulls=True).over(whole).alias(_CURRENT_VERSION),
    )

    # A new deleted-flag row carries the values of the version it ends, as dbt's new_record does.
    fills_from_previous = from_batch & (kind == DELETE)
    values = {
        column: F.when(fills_from_previous, F.col(_PREVIOUS_VERSION)[column]).otherwise(F.col(column))
        for column in tracked
    }
    final: dict[str, Column] = {key: F.col(key), **values}
    for column in config.overwrite_columns:
        final[column] = F.col(_LATEST)[column]
    for column in config.current_value_columns:
        final[current_column(column)] = F.col(_CURRENT_VERSION)[column]
    for column in config.previous_value_columns:
        # The value before the column's last change up to this version: mark each change, carry it forward.
        changed = (
            is_version
            & F.col(_PREVIOUS_VERSION).isNotNull()
            & ~F.col(column).eqNullSafe(F.col(_PREVIOUS_VERSION)[column])
        )
        marker = F.when(changed, F.struct(F.col(_PREVIOUS_VERSION)[column].alias("value")))
        final[previous_column(column)] = F.when(is_version, F.last(marker, ignorenulls=True).over(up_to)["value"])
    final[names.valid_from] = F.col(_T)
    final[names.valid_to] = F.coalesce(F.col(_NEXT_T), _open_end(config))
    if names.is_current:
        final[names.is_current] = F.col(_NEXT_T).isNull() & is_version
    if config.hard_deletes == "new_record":
        final[names.is_deleted] = (
            F.when(kind == DELETE, F.lit("True")).otherwise(F.lit("False")) if names.deleted_as_text else kind == DELETE
        )
    if names.updated_at:
        final[names.updated_at] = F.col(_T)
    if names.scd_id:
        final[names.scd_id] = F.md5(F.concat_ws("|", F.col(key).cast("string"), F.col(_T).cast("string")))

    internal = [_ORIGIN, _KIND, _HAS_ROW, _OLD_VALID_FROM, *[_OLD + column for column in mutable_columns(config)]]
    resolved = timeline.select(*internal, *[expression.alias(name) for name, expression in final.items()])
    if names.row_hash:
        # Over the final values, so a deleted-flag row gets the hash of the values it carries.
        resolved = resolved.withColumn(names.row_hash, row_hash(tracked))
    if config.surrogate_key_mode == "hash":
        resolved = resolved.withColumn(
            config.surrogate_key,
            F.xxhash64(F.col(key), F.col(names.valid_from), row_hash(tracked), F.col(_KIND)),
        )

    # 3. Stage: table rows whose end or type 1/3/6 values moved, and the batch's new rows.
    is_row = (F.col(_KIND) == VERSION) | F.col(_HAS_ROW) | (
        (F.col(_ORIGIN) == 1) & F.lit(config.hard_deletes == "new_record")
    )
    differs = reduce(
        lambda left, right: left | right,
        [~F.col(column).eqNullSafe(F.col(_OLD + column)) for column in mutable_columns(config)],
    )
    staged = resolved.where(is_row & ((F.col(_HAS_ROW) & differs) | (F.col(_ORIGIN) == 1)))
    target_columns = [column for column in resolved.columns if column not in internal]
    return staged.select(
        F.when(F.col(_HAS_ROW), F.col(key)).alias(MERGE_KEY),
        F.col(_OLD_VALID_FROM).alias(MERGE_VALID_FROM),
        F.col(_OLD + names.valid_to).alias(MERGE_VALID_TO),
        *target_columns,
    )


def merge_condition(config: Scd2Config) -> str:
    """Matches a staged adjustment to its one table row; a NULL merge key matches nothing."""
    names = config.columns
    return (
        f"t.`{config.natural_key}` = s.`{MERGE_KEY}`"
        f" AND t.`{names.valid_from}` = s.`{MERGE_VALID_FROM}`"
        f" AND t.`{names.valid_to}` <=> s.`{MERGE_VALID_TO}`"
    )


def apply_scd2(spark: SparkSession, changes: DataFrame, config: Scd2Config) -> Scd2Result:
    """Applies a change batch to the dimension in one MERGE; commits nothing if nothing changes.

    Run one writer per dimension: the staged rows are computed from the table as read at the start,
    and on Databricks a table with an identity column does not allow concurrent transactions anyway.
    """
    invalid = changes.where(F.col(config.natural_key).isNull() | F.col(config.event_time).isNull())
    if invalid.limit(1).count() > 0:
        raise ValueError(f"changes without {config.natural_key} or {config.event_time} cannot be placed in history")
    staged = plan_scd2(spark, changes, config)
    counts = staged.agg(
        F.sum(F.when(F.col(MERGE_KEY).isNull(), 1).otherwise(0)).alias("inserted"),
        F.sum(F.when(F.col(MERGE_KEY).isNotNull(), 1).otherwise(0)).alias("adjusted"),
    ).first()
    result = Scd2Result(inserted=int(counts["inserted"] or 0), adjusted=int(counts["adjusted"] or 0))
    if result.inserted == 0 and result.adjusted == 0:
        return result
    insert_columns = [column for column in staged.columns if column not in (MERGE_KEY, MERGE_VALID_FROM, MERGE_VALID_TO)]
    (
        DeltaTable.forName(spark, config.table)
        .alias("t")
        .merge(staged.alias("s"), merge_condition(config))
        .whenMatchedUpdate(set={column: f"s.`{column}`" for column in mutable_columns(config)})
        .whenNotMatchedInsert(values={column: f"s.`{column}`" for column in insert_columns})
        .execute()
    )
    return result
