"""The resolution strategies for a type conflict, as functions that return the DataFrame or the SQL to run.

Nothing here writes to a table or runs DDL: the caller decides, and records what it decided.

* :func:`widen_table_sql`: type widening (Delta 4.0+). Metadata only, no file is rewritten; every reader of the
  table then needs a Delta version that supports the ``typeWidening`` table feature.
* :func:`cast_to_table_types`: cast the data to the table's types with ``try_cast`` and split off the rows that do
  not convert, for quarantine. The table is untouched; the cost is rows that need a decision.
* :func:`versioned_column`: write the new shape to a new column (``customExtension_v2``) and keep the old column
  fed, so that readers migrate one at a time (expand, migrate, contract).
* :func:`overwrite_schema_writer`: replace the table's schema and data. Every downstream stream breaks and all
  history is rewritten, so it refuses to build the writer unless the caller confirms the migration was planned.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable, Iterable, Optional, Sequence

from pyspark.sql import Column, DataFrame, DataFrameWriter
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, DataType, MapType, StringType, StructType

from .compatibility_checker import Finding, Outcome, Widening, can_up_cast, check_schema, widening_supported
from .merge_error_handler import Alert, MergeConflict, QuarantineTarget, Writer, write_or_route

class Strategy(str, Enum):
    """The resolution a finding calls for. A rewrite is never suggested: it is a planned migration."""

    NONE = "none"
    WIDEN = "widen"
    CAST = "cast"
    VERSIONED_COLUMN = "versioned_column"


def quote_identifier(name: str) -> str:
    """A Spark SQL identifier in backticks, with backticks inside doubled."""
    return "`" + name.replace("`", "``") + "`"


def quote_path(path: Sequence[str]) -> str:
    return ".".join(quote_identifier(part) for part in path)


def quote_table_name(table: str) -> str:
    """``catalog.schema.table`` with each part quoted. Names given by configuration, never by data."""
    return quote_path(table.split("."))


def sql_type(data_type: DataType) -> str:
    """A Spark type as SQL DDL, with struct field names quoted: ``MAP<STRING, STRUCT<`value`: STRING>>``."""
    if isinstance(data_type, StructType):
        return "STRUCT<" + ", ".join(f"{quote_identifier(f.name)}: {sql_type(f.dataType)}" for f in data_type.fields) + ">"
    if isinstance(data_type, ArrayType):
        return f"ARRAY<{sql_type(data_type.elementType)}>"
    if isinstance(data_type, MapType):
        return f"MAP<{sql_type(data_type.keyType)}, {sql_type(data_type.valueType)}>"
    return data_type.simpleString().upper()


def _is_atomic_change(finding: Finding) -> bool:
    complex_types = (StructType, ArrayType, MapType)
    return (
        finding.table_data_type is not None
        and finding.data_data_type is not None
        and not isinstance(finding.table_data_type, complex_types)
        and not isinstance(finding.data_data_type, complex_types)
    )


def choose_strategy(finding: Finding, widening_target: Widening = Widening.STABLE) -> Strategy:
    """The least disruptive resolution for one finding, given the widening level the table could have.

    A widening the target level supports is widened. A change between atomic types that Spark can cast is cast
    (numeric strings, narrowing). A change of structure, or a field inside a map or array, gets a versioned column.
    """
    if finding.outcome in (Outcome.UNCHANGED, Outcome.NEW_FIELD, Outcome.TABLE_TYPE_CHANGES):
        return Strategy.NONE
    if not _is_atomic_change(finding):
        return Strategy.VERSIONED_COLUMN
    if widening_supported(finding.table_data_type, finding.data_data_type, widening_target):
        return Strategy.WIDEN
    if finding.in_container:
        return Strategy.VERSIONED_COLUMN
    return Strategy.CAST


def widen_table_sql(table: str, findings: Iterable[Finding], widening: Widening) -> list[str]:
    """The DDL that enables type widening and widens every finding that the given level supports.

    Raises ValueError for a finding the level cannot widen, so that a partial migration is never generated.
    Nested fields are addressed by path; map and array members as ``column.value`` or ``column.element``.
    """
    statements = [f"ALTER TABLE {quote_table_name(table)} SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true')"]
    for finding in findings:
        if finding.table_data_type is None or not widening_supported(
            finding.table_data_type, finding.data_data_type, widening
        ):
            raise ValueError(f"{finding.column}: {finding.table_type} to {finding.data_type} is not a widening at {widening.value}")
        target = sql_type(finding.data_data_type)
        statements.append(f"ALTER TABLE {quote_table_name(table)} ALTER COLUMN {quote_path(finding.path)} TYPE {target}")
    return statements


@dataclass(frozen=True)
class CastResult:
    """The batch split by whether every conflicting value converted to the table's type."""

    conformed: DataFrame  # table types, ready to write
    rejected: DataFrame  # the original rows whose values were present but did not convert
    cast_columns: tuple[str, ...]


def _set_nested(df: DataFrame, path: Sequence[str], value: Column) -> DataFrame:
    if len(path) == 1:
        return df.withColumn(path[0], value)
    return df.withColumn(path[0], F.col(quote_identifier(path[0])).withField(".".join(path[1:]), value))


def cast_to_table_types(df: DataFrame, findings: Iterable[Finding]) -> CastResult:
    """``try_cast`` each conflicting struct field to the table type; rows where a present value turns NULL go to
    ``rejected``. Only atomic fields outside maps and arrays are cast; pass the findings that
    :func:`choose_strategy` marks CAST."""
    targets = [
        f
        for f in findings
        if f.outcome in (Outcome.INCOMPATIBLE, Outcome.CAST_TO_TABLE_TYPE)
        and _is_atomic_change(f)
        and not f.in_container
    ]
    temp_names = [f"__try_cast_{index}" for index in range(len(targets))]
    typed = df.select(
        "*",
        *[
            F.expr(f"try_cast({quote_path(f.path)} AS {f.table_type})").alias(name)
            for f, name in zip(targets, temp_names)
        ],
    )
    failed = F.lit(False)
    for finding, name in zip(targets, temp_names):
        failed = failed | (F.expr(quote_path(finding.path)).isNotNull() & F.col(name).isNull())
    conformed = typed.filter(~failed)
    for finding, name in zip(targets, temp_names):
        conformed = _set_nested(conformed, finding.path, F.col(name))
    return CastResult(
        conformed=conformed.drop(*temp_names),
        rejected=typed.filter(failed).drop(*temp_names),
        cast_columns=tuple(f.column for f in targets),
    )


def versioned_column(
    df: DataFrame,
    column: str,
    version: int,
    table: str,
    legacy_value: Optional[Callable[[Column], Column]] = None,
) -> tuple[DataFrame, str]:
    """Move a top-level column's new shape to ``<column>_v<version>``; return the DataFrame and the DDL that adds it.

    ``legacy_value`` derives the old column's value from the new one (for example the ``value`` field of each map
    entry), so readers of the old column see no change while they migrate. Without it the old column is left out
    of the data and Delta writes NULL to it, which its readers will notice.
    """
    new_name = f"{column}_v{version}"
    new_type = df.schema[column].dataType
    result = df.withColumnRenamed(column, new_name)
    if legacy_value is not None:
        result = result.withColumn(column, legacy_value(F.col(quote_identifier(new_name))))
    comment = f"v{version} of {column}".replace("\\", "\\\\").replace("'", "\\'")
    ddl = (
        f"ALTER TABLE {quote_table_name(table)} ADD COLUMNS "
        f"({quote_identifier(new_name)} {sql_type(new_type)} COMMENT '{comment}')"
    )
    return result, ddl


def overwrite_schema_writer(df: DataFrame, *, downstream_checkpoints_reset: bool) -> DataFrameWriter:
    """A writer that replaces the table's schema and data (``mode("overwrite")`` with ``overwriteSchema``).

    Call ``.saveAsTable(name)`` on the result. Every Delta stream reading the table stops at this commit and most
    need a new checkpoint, concurrent writers fail with a metadata conflict, and the old schema survives only in
    time travel until VACUUM. Build it only as a planned migration, with the downstream resets scheduled.
    """
    if not downstream_checkpoints_reset:
        raise ValueError("overwriteSchema is a planned migration: reset or plan every downstream checkpoint first")
    return df.write.format("delta").mode("overwrite").option("overwriteSchema", "true")


def _casts_without_loss(finding: Finding) -> bool:
    """Strings are parsed (failures are rejected, not truncated); other types must be an up-cast."""
    return isinstance(finding.data_data_type, StringType) or can_up_cast(finding.data_data_type, finding.table_data_type)


RejectWriter = Callable[[DataFrame, int], None]
"""Writes a batch's rejected rows: ``(rows, batch_id)``. Append with ``txnAppId`` and ``txnVersion=batch_id``, so that
a replayed micro-batch (``foreachBatch`` is at least once) writes its rejected rows once, not twice."""


def make_cast_resolver(
    table_schema: StructType,
    reject: RejectWriter,
    batch_id: int,
    widening_target: Widening = Widening.OFF,
) -> Callable[[DataFrame, MergeConflict], Optional[DataFrame]]:
    """A resolver for one micro-batch of :func:`merge_error_handler.write_or_route`: cast when every conflict is castable.

    Rejected rows go to ``reject(rows, batch_id)`` (a quarantine writer) with the id of the batch they came from, so
    the writer can make its append idempotent; a resolver built without the batch id could not, and a replayed batch
    would quarantine its rejected rows twice. Build one per batch, or use :func:`for_each_batch_with_casts`. Returns
    None, so the handler quarantines the whole batch, when a conflict needs a structure change or a widening.
    """

    def resolve(batch_df: DataFrame, _conflict: MergeConflict) -> Optional[DataFrame]:
        findings = [f for f in check_schema(table_schema, batch_df.schema) if f.outcome is Outcome.INCOMPATIBLE]
        if not findings or any(choose_strategy(f, widening_target) is not Strategy.CAST for f in findings):
            return None
        if not all(_casts_without_loss(f) for f in findings):
            return None  # a narrowing would turn large values into NULL rows: a person decides
        result = cast_to_table_types(batch_df, findings)
        reject(result.rejected, batch_id)
        return result.conformed

    return resolve


def for_each_batch_with_casts(
    write: Writer,
    quarantine: QuarantineTarget,
    table_schema: StructType,
    reject: RejectWriter,
    widening_target: Widening = Widening.OFF,
    alert: Optional[Alert] = None,
) -> Callable[[DataFrame, int], None]:
    """A ``foreachBatch`` function: :func:`write_or_route` with a cast resolver bound to each micro-batch's id."""

    def handle(batch_df: DataFrame, batch_id: int) -> None:
        resolve = make_cast_resolver(table_schema, reject, batch_id, widening_target)
        write_or_route(batch_df, batch_id, write, quarantine, resolve, alert)

    return handle


__all__ = [
    "CastResult",
    "Strategy",
    "cast_to_table_types",
    "choose_strategy",
    "RejectWriter",
    "for_each_batch_with_casts",
    "make_cast_resolver",
    "overwrite_schema_writer",
    "quote_identifier",
    "quote_path",
    "quote_table_name",
    "sql_type",
    "versioned_column",
    "widen_table_sql",
]
