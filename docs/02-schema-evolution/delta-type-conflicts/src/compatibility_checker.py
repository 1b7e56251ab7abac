"""Delta Lake's schema-merge rules as code: what a write does with each type difference before it runs.

The rules follow ``SchemaMergingUtils.mergeSchemas`` in delta-io/delta, evaluated in its order for each pair of
table type (``current``) and data type (``update``):

1. struct against struct: fields matched by name, case-insensitively; fields missing from the data are kept;
   fields new in the data are appended. A failure inside a field is wrapped in ``DELTA_FAILED_TO_MERGE_FIELDS``.
2. array against array, map against map: element, key and value types merged recursively, with no wrapper.
3. type widening, if the table has ``delta.enableTypeWidening``: a supported widening takes the data type.
4. implicit conversions, MERGE INTO with schema evolution only: any data type that Spark's (non-ANSI)
   ``TypeCoercion.implicitCast`` can cast to the table type is accepted, and the table type is kept.
5. two decimals that differ: ``DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE``.
6. equal types merge; byte, short and int merge into the wider of the two (Parquet stores all three as INT32).
7. ``NullType`` on either side takes the other type.
8. anything else: ``DELTA_MERGE_INCOMPATIBLE_DATATYPE``.

DataFrame appends and overwrites (``save``, ``saveAsTable``, ``foreachBatch`` writes) and the Delta streaming sink
merge without implicit conversions, and they merge whether or not ``mergeSchema`` is set: an incompatible type
always fails with ``DELTA_FAILED_TO_MERGE_FIELDS``. A merge that succeeds but changes the schema (new field,
int32-family change, widening) then needs ``mergeSchema`` or ``spark.databricks.delta.schema.autoMerge.enabled``,
and fails without it with ``DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH`` (Delta 4.1+; ``_LEGACY_ERROR_TEMP_DELTA_0007``
in Delta 3.x). Newer Delta releases also insert casts to the table type for the streaming sink and for DataFrame
by-name inserts; :class:`WritePath` ``MERGE`` describes that behaviour as well.

Results are plain data (:class:`Finding`); pages and alerts turn them into words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable, Optional

from pyspark.sql.types import (
    ArrayType,
    BinaryType,
    ByteType,
    DataType,
    DateType,
    DecimalType,
    DoubleType,
    FloatType,
    IntegerType,
    LongType,
    MapType,
    NullType,
    ShortType,
    StringType,
    StructType,
    TimestampNTZType,
    TimestampType,
)

FAILED_TO_MERGE_FIELDS = "DELTA_FAILED_TO_MERGE_FIELDS"
INCOMPATIBLE_DATATYPE = "DELTA_MERGE_INCOMPATIBLE_DATATYPE"
INCOMPATIBLE_DECIMAL_TYPE = "DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE"
SCHEMA_MISMATCH = "DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH"  # _LEGACY_ERROR_TEMP_DELTA_0007 before Delta 4.1
ALTER_NOT_SUPPORTED = "DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP"
SPARK_ALTER_NOT_SUPPORTED = "NOT_SUPPORTED_CHANGE_COLUMN"

_INT32_FAMILY = (ByteType, ShortType, IntegerType)
_INTEGRAL = (ByteType, ShortType, IntegerType, LongType)
_NUMERIC = (ByteType, ShortType, IntegerType, LongType, FloatType, DoubleType, DecimalType)
_NUMERIC_PRECEDENCE = (ByteType, ShortType, IntegerType, LongType, FloatType, DoubleType)
_DATETIME = (DateType, TimestampType, TimestampNTZType)
_INTEGRAL_AS_DECIMAL = {ByteType: (3, 0), ShortType: (5, 0), IntegerType: (10, 0), LongType: (20, 0)}


class WritePath(str, Enum):
    """How the data reaches the table, which decides whether implicit conversions apply."""

    APPEND = "append"  # DataFrame save/saveAsTable append or overwrite, foreachBatch writes, the streaming sink
    MERGE = "merge"  # MERGE INTO with schema evolution (WITH SCHEMA EVOLUTION, or the autoMerge setting)


class Widening(str, Enum):
    """The table's type widening, by the Delta release that applies it. Release boundaries are approximate."""

    OFF = "off"  # no delta.enableTypeWidening on the table
    PREVIEW = "preview"  # Delta 3.2/3.3, typeWidening-preview: byte -> short -> int
    STABLE = "stable"  # Delta 4.0: up to bigint, float -> double, date -> timestamp_ntz, wider decimals; more by hand
    LATEST = "latest"  # newer 4.x: integers -> double or decimal also applied automatically


class Outcome(str, Enum):
    """What the merge does with one field."""

    UNCHANGED = "unchanged"
    NEW_FIELD = "new_field"  # a schema change: needs mergeSchema
    TABLE_TYPE_CHANGES = "table_type_changes"  # the merged type is the data type: a schema change
    CAST_TO_TABLE_TYPE = "cast_to_table_type"  # the table type is kept and values are cast at write time
    INCOMPATIBLE = "incompatible"  # the write fails


@dataclass(frozen=True)
class Finding:
    """One field that differs between the table and the data. Types are Spark simpleStrings."""

    path: tuple[str, ...]  # struct field names; "element", "key", "value" for array and map members
    table_type: Optional[str]  # None for a new field
    data_type: str
    outcome: Outcome
    rule: str  # which merge rule decided: new_field, int32_family, type_widening, implicit_cast, decimal, ...
    error_class: Optional[str] = None  # the innermost error class when the outcome is INCOMPATIBLE
    struct_path: tuple[str, ...] = ()  # the struct fields only: the names DELTA_FAILED_TO_MERGE_FIELDS prints
    in_container: bool = False  # inside an array element, map key or map value
    table_data_type: Optional[DataType] = field(default=None, repr=False, compare=False)  # for code, not for output
    data_data_type: Optional[DataType] = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict:
        """The finding as JSON-ready data."""
        return {
            "column": self.column,
            "table_type": self.table_type,
            "data_type": self.data_type,
            "outcome": self.outcome.value,
            "rule": self.rule,
            "error_class": self.error_class,
        }

    @property
    def column(self) -> str:
        return ".".join(self.path)

    @property
    def changes_schema(self) -> bool:
        return self.outcome in (Outcome.NEW_FIELD, Outcome.TABLE_TYPE_CHANGES)


def _is(data_type: DataType, kinds: tuple) -> bool:
    return isinstance(data_type, kinds)


def _decimal_wider(to: DecimalType, frm: DecimalType) -> bool:
    """Spark's DecimalType.isWiderThan: no fewer integer digits and no fewer fraction digits."""
    return (to.precision - to.scale) >= (frm.precision - frm.scale) and to.scale >= frm.scale


def _decimal_holds_integral(to: DecimalType, frm: DataType) -> bool:
    precision, scale = _INTEGRAL_AS_DECIMAL[type(frm)]
    return (to.precision - to.scale) >= (precision - scale) and to.scale >= scale


def can_up_cast(frm: DataType, to: DataType) -> bool:
    """Spark 4.0's Cast.canUpCast for atomic types: a cast that cannot lose information."""
    if frm == to or isinstance(frm, NullType):
        return True
    if _is(frm, _INTEGRAL) and isinstance(to, DecimalType):
        return _decimal_holds_integral(to, frm)
    if isinstance(frm, DecimalType) and isinstance(to, DecimalType):
        return _decimal_wider(to, frm)
    if isinstance(frm, DecimalType) and _is(to, _INTEGRAL):
        return frm.scale == 0 and frm.precision < _INTEGRAL_AS_DECIMAL[type(to)][0]
    if _is(frm, _NUMERIC_PRECEDENCE) and _is(to, _NUMERIC_PRECEDENCE):
        return _NUMERIC_PRECEDENCE.index(type(frm)) < _NUMERIC_PRECEDENCE.index(type(to))
    if isinstance(frm, DateType) and _is(to, (TimestampType, TimestampNTZType)):
        return True
    if _is(frm, (TimestampType, TimestampNTZType)) and _is(to, (TimestampType, TimestampNTZType)):
        return True
    if isinstance(to, StringType) and not _is(frm, (StructType, ArrayType, MapType)):
        return True
    return (isinstance(frm, TimestampType) and isinstance(to, LongType)) or (
        isinstance(frm, LongType) and isinstance(to, TimestampType)
    )


def widening_supported(frm: DataType, to: DataType, widening: Widening) -> bool:
    """Whether ``ALTER TABLE … ALTER COLUMN … TYPE`` accepts the change at this widening level.

    PREVIEW is Delta 3.2/3.3. STABLE follows Delta's documentation for 4.0: integers up to BIGINT, FLOAT to DOUBLE,
    DATE to TIMESTAMP_NTZ, decimals that keep their integer and fraction digits, and integers to DOUBLE or to a
    decimal that holds them. (One source snapshot of the 4.0 line allowed decimals only at the same scale and no
    integer-to-DOUBLE or -DECIMAL change: check on the release you run.)
    """
    if widening is Widening.OFF or frm == to or not can_up_cast(frm, to):
        return False
    if widening is Widening.PREVIEW:
        return _is(frm, (ByteType, ShortType)) and _is(to, (ShortType, IntegerType))
    if widening_automatic(frm, to, widening):
        return True
    if _is(frm, _INT32_FAMILY) and isinstance(to, DoubleType):
        return True
    return _is(frm, _INTEGRAL) and isinstance(to, DecimalType) and _decimal_holds_integral(to, frm)


def widening_automatic(frm: DataType, to: DataType, widening: Widening) -> bool:
    """Whether schema evolution (mergeSchema, MERGE with evolution) widens the column on its own.

    Integer-to-DOUBLE and integer-to-DECIMAL are manual-only in Delta's documentation, so that integers are not
    turned into decimals by accident; the newest 4.x source applies them automatically by default (LATEST).
    """
    if widening is Widening.OFF or frm == to or not can_up_cast(frm, to):
        return False
    if widening is Widening.PREVIEW:
        return widening_supported(frm, to, widening)
    if _is(frm, _INTEGRAL) and _is(to, _INTEGRAL):
        return True
    if (isinstance(frm, FloatType) and isinstance(to, DoubleType)) or (
        isinstance(frm, DateType) and isinstance(to, TimestampNTZType)
    ):
        return True
    if isinstance(frm, DecimalType) and isinstance(to, DecimalType):
        return _decimal_wider(to, frm)
    if widening is Widening.LATEST:
        return (_is(frm, _INT32_FAMILY) and isinstance(to, DoubleType)) or (
            _is(frm, _INTEGRAL) and isinstance(to, DecimalType) and _decimal_holds_integral(to, frm)
        )
    return False


def implicitly_castable(data: DataType, table: DataType, spark_major: int = 4) -> bool:
    """Spark's non-ANSI TypeCoercion.implicitCast from the data type to the table type, for atomic types."""
    if isinstance(data, NullType):
        return True
    if _is(data, _NUMERIC) and _is(table, _NUMERIC):
        return True  # includes narrowing: long into int is accepted and cast at write time
    if isinstance(data, StringType) and _is(table, _NUMERIC + _DATETIME + (BinaryType,)):
        return True
    if isinstance(table, StringType) and not isinstance(data, StringType):
        return not _is(data, (StructType, ArrayType, MapType))
    if _is(data, _DATETIME) and _is(table, _DATETIME):
        if spark_major >= 4:
            return True
        return (isinstance(data, DateType) and isinstance(table, TimestampType)) or (
            _is(data, (TimestampType, TimestampNTZType)) and isinstance(table, DateType)
        )
    return False


def merge_leaf(
    table: DataType,
    data: DataType,
    path: WritePath = WritePath.APPEND,
    widening: Widening = Widening.OFF,
    spark_major: int = 4,
) -> tuple[Outcome, str, Optional[str]]:
    """Outcome, rule and error class for two types that are not both structs, arrays or maps."""
    if not _is(table, (StructType, ArrayType, MapType)) and not _is(data, (StructType, ArrayType, MapType)):
        if table != data and widening_automatic(table, data, widening):
            return Outcome.TABLE_TYPE_CHANGES, "type_widening", None
        if path is WritePath.MERGE and table != data and implicitly_castable(data, table, spark_major):
            return Outcome.CAST_TO_TABLE_TYPE, "implicit_cast", None
    if isinstance(table, DecimalType) and isinstance(data, DecimalType):
        if table == data:
            return Outcome.UNCHANGED, "equal", None
        return Outcome.INCOMPATIBLE, "decimal", INCOMPATIBLE_DECIMAL_TYPE
    if table == data:
        return Outcome.UNCHANGED, "equal", None
    if _is(table, _INT32_FAMILY) and _is(data, _INT32_FAMILY):
        wider = _INT32_FAMILY.index(type(data)) > _INT32_FAMILY.index(type(table))
        return (Outcome.TABLE_TYPE_CHANGES if wider else Outcome.UNCHANGED), "int32_family", None
    if isinstance(table, NullType):
        return Outcome.TABLE_TYPE_CHANGES, "null_type", None
    if isinstance(data, NullType):
        return Outcome.UNCHANGED, "null_type", None
    return Outcome.INCOMPATIBLE, "no_merge_rule", INCOMPATIBLE_DATATYPE


def check_types(
    table: DataType,
    data: DataType,
    path: WritePath = WritePath.APPEND,
    widening: Widening = Widening.OFF,
    spark_major: int = 4,
    field_path: tuple[str, ...] = (),
    struct_path: tuple[str, ...] = (),
) -> list[Finding]:
    """Every field where the data differs from the table, walking the two types as Delta's merge does.

    ``field_path`` names every step, including ``element``, ``key`` and ``value``; ``struct_path`` only the struct
    fields, which are the names Delta prints in ``DELTA_FAILED_TO_MERGE_FIELDS``.
    """
    if isinstance(table, StructType) and isinstance(data, StructType):
        current = {f.name.lower(): f for f in table.fields}
        found: list[Finding] = []
        for data_field in data.fields:
            match = current.get(data_field.name.lower())
            if match is None:
                found.append(
                    Finding(
                        field_path + (data_field.name,),
                        None,
                        data_field.dataType.simpleString(),
                        Outcome.NEW_FIELD,
                        "new_field",
                        struct_path=struct_path + (data_field.name,),
                        in_container=len(field_path) > len(struct_path),
                        data_data_type=data_field.dataType,
                    )
                )
            else:
                found += check_types(
                    match.dataType,
                    data_field.dataType,
                    path,
                    widening,
                    spark_major,
                    field_path + (match.name,),
                    struct_path + (match.name,),
                )
        return found
    if isinstance(table, ArrayType) and isinstance(data, ArrayType):
        return check_types(
            table.elementType, data.elementType, path, widening, spark_major, field_path + ("element",), struct_path
        )
    if isinstance(table, MapType) and isinstance(data, MapType):
        return check_types(
            table.keyType, data.keyType, path, widening, spark_major, field_path + ("key",), struct_path
        ) + check_types(table.valueType, data.valueType, path, widening, spark_major, field_path + ("value",), struct_path)
    outcome, rule, error = merge_leaf(table, data, path, widening, spark_major)
    if outcome is Outcome.UNCHANGED:
        return []
    return [
        Finding(
            field_path,
            table.simpleString(),
            data.simpleString(),
            outcome,
            rule,
            error,
            struct_path=struct_path,
            in_container=len(field_path) > len(struct_path),
            table_data_type=table,
            data_data_type=data,
        )
    ]


def check_schema(
    table_schema: StructType,
    data_schema: StructType,
    path: WritePath = WritePath.APPEND,
    widening: Widening = Widening.OFF,
    spark_major: int = 4,
) -> list[Finding]:
    """The findings for a table schema and the schema of the data about to be written."""
    return check_types(table_schema, data_schema, path, widening, spark_major)


@dataclass(frozen=True)
class PredictedError:
    """The error a write would raise: the outer class, the field names it would print, the innermost class."""

    error_class: str
    wrapped_fields: tuple[str, ...]  # one DELTA_FAILED_TO_MERGE_FIELDS per struct level, outermost first
    cause_class: Optional[str]


def predict_error(findings: Iterable[Finding], schema_evolution: bool) -> Optional[PredictedError]:
    """The error the write raises, or None if it succeeds.

    Delta stops at the first incompatible field in table order; findings come in data order, so with several
    incompatible fields the one named in the real error may differ. MERGE without schema evolution never merges
    schemas and is out of scope here.
    """
    findings = list(findings)
    for finding in findings:
        if finding.outcome is Outcome.INCOMPATIBLE:
            return PredictedError(FAILED_TO_MERGE_FIELDS, finding.struct_path, finding.error_class)
    if not schema_evolution and any(finding.changes_schema for finding in findings):
        return PredictedError(SCHEMA_MISMATCH, (), None)
    return None


def alter_column_error(current: DataType, new: DataType, widening: Widening) -> Optional[str]:
    """The error of ``ALTER TABLE … ALTER COLUMN … TYPE`` from ``current`` to ``new``, or None if it is accepted."""
    if current == new:
        return None
    if not can_up_cast(current, new):
        return SPARK_ALTER_NOT_SUPPORTED  # Spark rejects a non-up-cast during analysis, before Delta sees it
    return None if widening_supported(current, new, widening) else ALTER_NOT_SUPPORTED


def scala_type_name(data_type: DataType) -> str:
    """A type as Delta prints it in DELTA_MERGE_INCOMPATIBLE_DATATYPE (Scala toString)."""
    if isinstance(data_type, DecimalType):
        return f"DecimalType({data_type.precision},{data_type.scale})"
    if isinstance(data_type, ArrayType):
        return f"ArrayType({scala_type_name(data_type.elementType)},{str(data_type.containsNull).lower()})"
    if isinstance(data_type, MapType):
        return (
            f"MapType({scala_type_name(data_type.keyType)},{scala_type_name(data_type.valueType)},"
            f"{str(data_type.valueContainsNull).lower()})"
        )
    if isinstance(data_type, StructType):
        fields = ",".join(
            f"StructField({f.name},{scala_type_name(f.dataType)},{str(f.nullable).lower()})" for f in data_type.fields
        )
        return f"StructType({fields})"
    return type(data_type).__name__


__all__ = [
    "ALTER_NOT_SUPPORTED",
    "FAILED_TO_MERGE_FIELDS",
    "INCOMPATIBLE_DATATYPE",
    "INCOMPATIBLE_DECIMAL_TYPE",
    "SCHEMA_MISMATCH",
    "SPARK_ALTER_NOT_SUPPORTED",
    "Finding",
    "Outcome",
    "PredictedError",
    "Widening",
    "WritePath",
    "alter_column_error",
    "can_up_cast",
    "check_schema",
    "check_types",
    "implicitly_castable",
    "merge_leaf",
    "predict_error",
    "scala_type_name",
    "widening_automatic",
    "widening_supported",
]
