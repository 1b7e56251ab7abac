"""Pre-merge validation: compare the target Delta table with the DataFrame about to be written, before writing.

A silver writer calls :func:`validate_write` at the top of each ``foreachBatch`` call. The report lists every field
that differs, what Delta's merge will do with it (:mod:`compatibility_checker`), and the error the write would
raise, so the pipeline can resolve or quarantine the batch instead of failing the stream. The findings are plain
data; :func:`findings_frame` turns them into rows for the conflicts table that alerting reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from typing import Mapping, Optional

from delta.tables import DeltaTable
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StructType

from .compatibility_checker import (
    Finding,
    Outcome,
    PredictedError,
    Widening,
    WritePath,
    check_schema,
    predict_error,
)

AUTO_MERGE_CONF = "spark.databricks.delta.schema.autoMerge.enabled"
TYPE_WIDENING_PROPERTY = "delta.enableTypeWidening"


@dataclass(frozen=True)
class ValidationReport:
    """The result of comparing a table schema with a data schema."""

    table: str
    write_path: WritePath
    widening: Widening
    schema_evolution: bool
    findings: tuple[Finding, ...]
    predicted_error: Optional[PredictedError]

    @property
    def ok(self) -> bool:
        """True if the write will succeed as configured."""
        return self.predicted_error is None

    @property
    def incompatible(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.outcome is Outcome.INCOMPATIBLE)

    @property
    def casts(self) -> tuple[Finding, ...]:
        """Fields the write will cast to the table type (MERGE): each can still fail or overflow at run time."""
        return tuple(f for f in self.findings if f.outcome is Outcome.CAST_TO_TABLE_TYPE)


def widening_for_release(delta_release: str) -> Widening:
    """The widening level of a Delta release string such as ``3.3.2`` or ``4.0.0``, for a table that has it on."""
    major, minor = (int(part) for part in delta_release.split(".")[:2])
    if (major, minor) < (3, 2):
        return Widening.OFF
    if major == 3:
        return Widening.PREVIEW
    if (major, minor) == (4, 0):
        return Widening.STABLE
    return Widening.LATEST


def installed_delta_release() -> Optional[str]:
    """The delta-spark version installed with pip; None on Databricks, where Delta ships with the runtime."""
    try:
        return metadata.version("delta-spark")
    except metadata.PackageNotFoundError:
        return None


def table_widening(spark: SparkSession, table: str, delta_release: Optional[str] = None) -> Widening:
    """The widening level that applies to ``table``: OFF unless the table has ``delta.enableTypeWidening``."""
    properties = DeltaTable.forName(spark, table).detail().select("properties").first()["properties"] or {}
    if str(properties.get(TYPE_WIDENING_PROPERTY, "false")).lower() != "true":
        return Widening.OFF
    release = delta_release or installed_delta_release()
    if release is None:
        raise ValueError(f"{table} has type widening on: pass delta_release, e.g. '4.0.0', on this runtime")
    return widening_for_release(release)


def schema_evolution_enabled(spark: SparkSession, writer_options: Mapping[str, str]) -> bool:
    """Delta's rule: the writer's ``mergeSchema`` option wins over the session's autoMerge setting."""
    option = next((value for key, value in writer_options.items() if key.lower() == "mergeschema"), None)
    if option is not None:
        return str(option).lower() == "true"
    return spark.conf.get(AUTO_MERGE_CONF, "false").lower() == "true"


def validate_schemas(
    table: str,
    table_schema: StructType,
    data_schema: StructType,
    write_path: WritePath = WritePath.APPEND,
    widening: Widening = Widening.OFF,
    schema_evolution: bool = False,
    spark_major: int = 4,
) -> ValidationReport:
    """Validate two schemas without touching Spark: the core of :func:`validate_write`, and what tests call."""
    findings = tuple(check_schema(table_schema, data_schema, write_path, widening, spark_major))
    error = predict_error(findings, schema_evolution)
    return ValidationReport(table, write_path, widening, schema_evolution, findings, error)


def validate_write(
    spark: SparkSession,
    table: str,
    df: DataFrame,
    write_path: WritePath = WritePath.APPEND,
    writer_options: Optional[Mapping[str, str]] = None,
    delta_release: Optional[str] = None,
) -> ValidationReport:
    """Validate ``df`` against the current schema of the Delta table ``table`` (a catalog name)."""
    spark_major = int(spark.version.split(".")[0])
    return validate_schemas(
        table,
        spark.table(table).schema,
        df.schema,
        write_path,
        table_widening(spark, table, delta_release),
        schema_evolution_enabled(spark, writer_options or {}),
        spark_major,
    )


def findings_frame(spark: SparkSession, report: ValidationReport, context: Mapping[str, str]) -> DataFrame:
    """One row per finding, with the batch context (plant, machine model, firmware, batch id) as columns."""
    rows = [
        {
            **{key: str(value) for key, value in context.items()},
            "table_name": report.table,
            "write_path": report.write_path.value,
            "widening": report.widening.value,
            "column_path": finding.column,
            "table_type": finding.table_type,
            "data_type": finding.data_type,
            "outcome": finding.outcome.value,
            "merge_rule": finding.rule,
            "error_class": finding.error_class,
            "predicted_error": report.predicted_error.error_class if report.predicted_error else None,
        }
        for finding in report.findings
    ]
    columns = [*context.keys(), "table_name", "write_path", "widening", "column_path", "table_type", "data_type",
               "outcome", "merge_rule", "error_class", "predicted_error"]
    schema = ", ".join(f"`{name.replace('`', '``')}` STRING" for name in columns)
    return spark.createDataFrame(rows, schema=schema).withColumn("validated_at", F.current_timestamp())


def report_dict(report: ValidationReport) -> dict:
    """The report as JSON-ready data, for logs and job output."""
    error = report.predicted_error
    return {
        "table": report.table,
        "write_path": report.write_path.value,
        "widening": report.widening.value,
        "schema_evolution": report.schema_evolution,
        "ok": report.ok,
        "findings": [finding.as_dict() for finding in report.findings],
        "predicted_error": None
        if error is None
        else {"error_class": error.error_class, "wrapped_fields": list(error.wrapped_fields), "cause_class": error.cause_class},
    }


__all__ = [
    "AUTO_MERGE_CONF",
    "TYPE_WIDENING_PROPERTY",
    "ValidationReport",
    "findings_frame",
    "installed_delta_release",
    "report_dict",
    "schema_evolution_enabled",
    "table_widening",
    "validate_schemas",
    "validate_write",
    "widening_for_release",
]
