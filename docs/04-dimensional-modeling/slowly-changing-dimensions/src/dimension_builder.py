"""A dimension described once, by the SCD type of each attribute; the builder picks the loader.

    spec = DimensionSpec(
        table="mfg_prod.gold.dim_machine",
        natural_key="machine_id",
        attributes={
            "plant_id": 1, "machine_type": 1, "manufacturer": 1, "model": 1,
            "firmware": 2, "line_id": 2, "calibration_offset": 2, "operating_mode": 2,
        },
        column_types={...},
    )
    spark.sql(create_table_sql(spec))
    ensure_unknown_member(spark, spec)
    build_dimension(spark, changes, spec)

Rules:

* Any type 2 attribute makes the table a history table (``scd_type2``): type 2 attributes are tracked,
  type 1 attributes are overwritten on every version, type 3 attributes are tracked and also get a
  ``previous_`` column (and ``type6=True`` adds ``current_`` columns for all tracked attributes).
* Without type 2 attributes, type 3 attributes make it a ``scd_type3`` table and type 1 attributes are
  overwritten; with type 1 attributes only it is ``scd_type1``.

The unknown member (surrogate key -1) is the row facts point to when their dimension row has not
arrived yet, so that a fact is never dropped by an inner join; see the fact table patterns page.

PySpark 3.5 / 4.0 with delta-spark 3.2+; identity columns need Delta Lake 3.3+ or Databricks Runtime
10.4 LTS+, liquid clustering (``CLUSTER BY``) Delta Lake 3.1+ or Databricks Runtime 13.3 LTS+.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyspark.sql import DataFrame, SparkSession

from .scd_type1 import Scd1Config, apply_scd1
from .scd_type2 import DEFAULT_COLUMNS, HardDeletes, HistoryColumns, Scd2Config, Scd2Result, apply_scd2
from .scd_type2 import current_column, previous_column
from .scd_type3 import Scd3Config, apply_scd3, changed_at_column

UNKNOWN_MEMBER_KEY = -1


@dataclass(frozen=True)
class DimensionSpec:
    """A dimension: table, natural key, each attribute's SCD type and the Spark SQL type of each column."""

    table: str
    natural_key: str
    #: Attribute name -> SCD type (1, 2 or 3).
    attributes: dict[str, int]
    #: Spark SQL type of the natural key and of every attribute, for the DDL.
    column_types: dict[str, str] = field(default_factory=dict)
    surrogate_key: str = "machine_sk"
    type6: bool = False
    event_time: str = "changed_at"
    sequence: str | None = "change_id"
    operation: str | None = "op"
    hard_deletes: HardDeletes = "invalidate"
    valid_to_current: str | None = None
    history_columns: HistoryColumns = DEFAULT_COLUMNS
    comment: str = ""

    def __post_init__(self) -> None:
        wrong = {name: kind for name, kind in self.attributes.items() if kind not in (1, 2, 3)}
        if wrong:
            raise ValueError(f"SCD types must be 1, 2 or 3: {wrong}")

    def of_type(self, kind: int) -> tuple[str, ...]:
        """The attributes of one SCD type, in declaration order."""
        return tuple(name for name, declared in self.attributes.items() if declared == kind)

    @property
    def keeps_history(self) -> bool:
        """Whether the table has one row per version (type 2) rather than one per key."""
        return bool(self.of_type(2))


def scd2_config(spec: DimensionSpec) -> Scd2Config:
    """The type 2 engine's configuration for a dimension with history."""
    tracked = spec.of_type(2) + spec.of_type(3)
    return Scd2Config(
        table=spec.table,
        natural_key=spec.natural_key,
        tracked_columns=tracked,
        overwrite_columns=spec.of_type(1),
        current_value_columns=tracked if spec.type6 else (),
        previous_value_columns=tracked if spec.type6 else spec.of_type(3),
        event_time=spec.event_time,
        sequence=spec.sequence,
        operation=spec.operation,
        surrogate_key=spec.surrogate_key,
        hard_deletes=spec.hard_deletes,
        valid_to_current=spec.valid_to_current,
        columns=spec.history_columns,
    )


def _one_row_deletes(spec: DimensionSpec) -> str:
    return "ignore" if spec.hard_deletes == "ignore" else "flag"


def build_dimension(spark: SparkSession, changes: DataFrame, spec: DimensionSpec) -> Scd2Result | None:
    """Applies a change batch with the loader the attribute types call for."""
    if spec.keeps_history:
        return apply_scd2(spark, changes, scd2_config(spec))
    common = dict(
        table=spec.table,
        natural_key=spec.natural_key,
        event_time=spec.event_time,
        sequence=spec.sequence,
        operation=spec.operation,
        hard_deletes=_one_row_deletes(spec),
    )
    if spec.of_type(3):
        apply_scd3(spark, changes, Scd3Config(tracked_columns=spec.of_type(3), overwrite_columns=spec.of_type(1), **common))
    else:
        apply_scd1(spark, changes, Scd1Config(columns=spec.of_type(1), **common))
    return None


def table_columns(spec: DimensionSpec) -> list[tuple[str, str]]:
    """(name, Spark SQL type) of every column of the table, surrogate key first."""
    types = spec.column_types
    missing = sorted({spec.natural_key, *spec.attributes} - set(types))
    if missing:
        raise ValueError(f"column_types lacks {missing}")
    columns = [(spec.surrogate_key, "BIGINT"), (spec.natural_key, types[spec.natural_key])]
    columns += [(name, types[name]) for name in spec.attributes]
    if spec.keeps_history:
        config = scd2_config(spec)
        names = config.columns
        columns += [(current_column(name), types[name]) for name in config.current_value_columns]
        columns += [(previous_column(name), types[name]) for name in config.previous_value_columns]
        columns += [(names.valid_from, "TIMESTAMP"), (names.valid_to, "TIMESTAMP")]
        if names.is_current:
            columns.append((names.is_current, "BOOLEAN"))
        if names.row_hash:
            columns.append((names.row_hash, "STRING"))
        if config.hard_deletes == "new_record":
            columns.append((names.is_deleted, "STRING" if names.deleted_as_text else "BOOLEAN"))
        if names.updated_at:
            columns.append((names.updated_at, "TIMESTAMP"))
        if names.scd_id:
            columns.append((names.scd_id, "STRING"))
        return columns
    for name in spec.of_type(3):
        columns += [(f"previous_{name}", types[name]), (changed_at_column(name), "TIMESTAMP")]
    columns += [("last_changed_at", "TIMESTAMP"), ("is_deleted", "BOOLEAN")]
    if not spec.of_type(3):
        columns.append(("row_hash", "STRING"))
    return columns


def create_table_sql(spec: DimensionSpec) -> str:
    """``CREATE TABLE IF NOT EXISTS`` with an identity surrogate key and liquid clustering on the natural key.

    ``GENERATED BY DEFAULT`` (not ``ALWAYS``) so the unknown member can be inserted with key -1:
    an explicit value for a ``GENERATED ALWAYS`` identity column fails with
    ``DELTA_IDENTITY_COLUMNS_EXPLICIT_INSERT_NOT_SUPPORTED``.
    """
    lines = []
    for name, spark_type in table_columns(spec):
        if name == spec.surrogate_key:
            lines.append(f"  `{name}` BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 1 INCREMENT BY 1)")
        elif name == spec.natural_key:
            lines.append(f"  `{name}` {spark_type} NOT NULL")
        else:
            lines.append(f"  `{name}` {spark_type}")
    comment = spec.comment.replace("'", "\\'")
    return (
        f"CREATE TABLE IF NOT EXISTS {spec.table} (\n"
        + ",\n".join(lines)
        + f"\n) USING DELTA\nCLUSTER BY (`{spec.natural_key}`)\nCOMMENT '{comment}'"
    )


def ensure_unknown_member(
    spark: SparkSession,
    spec: DimensionSpec,
    natural_key_value: str = "UNKNOWN",
    extra_values: dict[str, str] | None = None,
) -> None:
    """Inserts the row with surrogate key -1 once; idempotent (a MERGE on the surrogate key).

    ``extra_values`` maps further columns to SQL literals, for NOT NULL columns of your own.
    """
    names = spec.history_columns
    values = {spec.surrogate_key: str(UNKNOWN_MEMBER_KEY), spec.natural_key: f"'{natural_key_value}'"}
    if spec.keeps_history:
        values[names.valid_from] = "TIMESTAMP'1900-01-01 00:00:00'"
        values[names.valid_to] = "NULL" if spec.valid_to_current is None else f"TIMESTAMP'{spec.valid_to_current}'"
        if names.is_current:
            values[names.is_current] = "true"
        if names.row_hash:
            values[names.row_hash] = "repeat('0', 64)"
        if spec.hard_deletes == "new_record":
            values[names.is_deleted] = "'False'" if names.deleted_as_text else "false"
    else:
        values["is_deleted"] = "false"
    values.update(extra_values or {})
    # A MERGE source alias cannot carry a column list, so the names go on the SELECT.
    source = ", ".join(f"{literal} AS `{name}`" for name, literal in values.items())
    columns = ", ".join(f"`{name}`" for name in values)
    inserted = ", ".join(f"s.`{name}`" for name in values)
    spark.sql(
        f"MERGE INTO {spec.table} AS t USING (SELECT {source}) AS s "
        f"ON t.`{spec.surrogate_key}` = s.`{spec.surrogate_key}` "
        f"WHEN NOT MATCHED THEN INSERT ({columns}) VALUES ({inserted})"
    )
