"""Catch Delta's schema-merge failures at a silver write and route the batch instead of failing the stream.

Delta reports a type conflict as a chain of ``DeltaAnalysisException`` (an ``AnalysisException``):

    [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'telemetry' and 'telemetry'
    caused by [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'spindle_rpm' and 'spindle_rpm'
    caused by [DELTA_MERGE_INCOMPATIBLE_DATATYPE] Failed to merge incompatible data types IntegerType and StringType

One ``DELTA_FAILED_TO_MERGE_FIELDS`` per struct level, and the incompatible pair at the bottom
(``DELTA_MERGE_INCOMPATIBLE_DATATYPE`` or ``DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE``). Map keys, map values and
array elements add no level of their own, so a conflict inside ``customExtension`` names ``customExtension``.

This module reads that chain with the exception API (``getCondition()`` on PySpark 4.0, ``getErrorClass()`` on
3.5, ``getMessageParameters()`` on both) and falls back to the message and JVM stack text where the API has no
cause (Spark Connect clients), then quarantines or resolves the batch. Any other exception is re-raised.

PySpark 3.5's captured exceptions expose ``cause``, ``stackTrace`` and ``desc``; PySpark 4.x keeps them private
(``_cause``, ``_stackTrace``, ``_desc``), so they are read through :func:`_captured`, which tries both. ``str(e)``
holds the JVM trace only when ``spark.sql.pyspark.jvmStacktrace.enabled`` is on; otherwise the messages of the
JVM exception and its causes are read through Py4J (:func:`_jvm_messages`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Callable, Iterator, Optional

from pyspark.errors import AnalysisException
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

log = logging.getLogger(__name__)

FAILED_TO_MERGE_FIELDS = "DELTA_FAILED_TO_MERGE_FIELDS"
INCOMPATIBLE_DATATYPE = "DELTA_MERGE_INCOMPATIBLE_DATATYPE"
INCOMPATIBLE_DECIMAL_TYPE = "DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE"
MERGE_CONDITIONS = frozenset({FAILED_TO_MERGE_FIELDS, INCOMPATIBLE_DATATYPE, INCOMPATIBLE_DECIMAL_TYPE})

# The message templates from Delta's error catalog, used only when no structured parameters are available.
_CONDITION_IN_TEXT = re.compile(r"\[([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)?)\]")
_FIELDS_IN_TEXT = re.compile(r"\[DELTA_FAILED_TO_MERGE_FIELDS\] Failed to merge fields '([^']*)' and '([^']*)'")
_TYPES_IN_TEXT = re.compile(
    r"\[DELTA_MERGE_INCOMPATIBLE_DATATYPE\] Failed to merge incompatible data types (.+?) and (.+?)(?:\s+SQLSTATE|\.?\s*$)",
    re.MULTILINE,
)
_DECIMAL_IN_TEXT = re.compile(
    r"\[DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE\] Failed to merge decimal types with incompatible (.+?)(?:\s+SQLSTATE|\.?\s*$)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class MergeConflict:
    """One schema-merge failure, read from an exception chain. Plain data: the caller decides what to say."""

    condition: str  # the innermost condition: the incompatible pair, or the field wrapper if nothing deeper is known
    conditions: tuple[str, ...]  # every condition in the chain, outermost first
    field_path: tuple[str, ...]  # struct levels from the top-level column down
    table_type: Optional[str]  # as Delta prints it (Scala names): IntegerType, DecimalType(18,10)
    data_type: Optional[str]
    decimal_ranges: Optional[str]
    sql_state: Optional[str]

    @property
    def column(self) -> str:
        """The dotted field path, or an empty string when the chain named no field."""
        return ".".join(self.field_path)


def condition_of(error: BaseException) -> Optional[str]:
    """The error condition of a PySpark exception on Spark 3.5 and 4.0, without the 4.0 deprecation warning."""
    for accessor in ("getCondition", "getErrorClass"):  # 4.0 first; 3.5 has only getErrorClass
        method = getattr(error, accessor, None)
        if callable(method):
            value = method()
            if value:
                return value
    match = _CONDITION_IN_TEXT.search(str(error))
    return match.group(1) if match else None


def _parameters_of(error: BaseException) -> dict[str, str]:
    method = getattr(error, "getMessageParameters", None)
    parameters = method() if callable(method) else None
    return dict(parameters or {})


def _sql_state_of(error: BaseException) -> Optional[str]:
    method = getattr(error, "getSqlState", None)
    return method() if callable(method) else None


def _captured(error: BaseException, name: str) -> Optional[object]:
    """A captured-exception attribute: public on PySpark 3.5 (``cause``), private on 4.x (``_cause``)."""
    for attribute in (name, f"_{name}"):
        value = getattr(error, attribute, None)
        if value is not None:
            return value
    return None


def _jvm_messages(error: BaseException, limit: int = 20) -> list[str]:
    """``Class: message`` of the JVM exception behind ``error`` and of its causes, read through Py4J.

    Empty on Spark Connect, where there is no JVM object in the Python process.
    """
    messages: list[str] = []
    origin = getattr(error, "_origin", None)
    while origin is not None and len(messages) < limit:
        try:
            messages.append(str(origin.toString()))
            origin = origin.getCause()
        except Exception:  # a Py4J failure here must not hide the original error
            break
    return messages


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The exception and its causes: PySpark's converted cause, then Python's own ``__cause__``."""
    seen: set[int] = set()
    current: Optional[BaseException] = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        cause = _captured(current, "cause")
        current = cause if isinstance(cause, BaseException) else current.__cause__


def _from_api(error: BaseException) -> Optional[MergeConflict]:
    conditions: list[str] = []
    path: list[str] = []
    table_type = data_type = decimal_ranges = sql_state = None
    for link in _chain(error):
        condition = condition_of(link)
        if condition not in MERGE_CONDITIONS:
            continue
        conditions.append(condition)
        parameters = _parameters_of(link)
        sql_state = _sql_state_of(link) or sql_state
        if condition == FAILED_TO_MERGE_FIELDS and parameters.get("currentField"):
            path.append(parameters["currentField"])
        elif condition == INCOMPATIBLE_DATATYPE:
            table_type = parameters.get("currentDataType")
            data_type = parameters.get("updateDataType")
        elif condition == INCOMPATIBLE_DECIMAL_TYPE:
            decimal_ranges = parameters.get("decimalRanges")
    if not conditions:
        return None
    return MergeConflict(conditions[-1], tuple(conditions), tuple(path), table_type, data_type, decimal_ranges, sql_state)


def _from_text(error: BaseException) -> Optional[MergeConflict]:
    parts = [str(error), _captured(error, "stackTrace"), _captured(error, "desc"), *_jvm_messages(error)]
    text = "\n".join(part for part in parts if isinstance(part, str) and part)
    conditions = [c for c in _CONDITION_IN_TEXT.findall(text) if c in MERGE_CONDITIONS]
    if not conditions:
        return None
    # A JVM trace repeats messages (top line and "Caused by:"); keep the first occurrence of each level in order.
    path: list[str] = []
    for match in _FIELDS_IN_TEXT.finditer(text):
        if not path or path[-1] != match.group(1):
            path.append(match.group(1))
    types = _TYPES_IN_TEXT.search(text)
    decimal = _DECIMAL_IN_TEXT.search(text)
    deepest = next((c for c in (INCOMPATIBLE_DECIMAL_TYPE, INCOMPATIBLE_DATATYPE) if c in conditions), conditions[-1])
    return MergeConflict(
        condition=deepest,
        conditions=tuple(dict.fromkeys(conditions)),
        field_path=tuple(path),
        table_type=types.group(1) if types else None,
        data_type=types.group(2) if types else None,
        decimal_ranges=decimal.group(1) if decimal else None,
        sql_state=_sql_state_of(error),
    )


def extract_conflict(error: BaseException) -> Optional[MergeConflict]:
    """The schema-merge conflict carried by an exception chain, or None if the error is something else."""
    from_api = _from_api(error)
    if from_api is not None and (from_api.table_type or from_api.decimal_ranges):
        return from_api
    return _from_text(error) or from_api


@dataclass(frozen=True)
class QuarantineTarget:
    """Where conflicting batches go. The rows are stored as JSON, so the quarantine table never conflicts itself."""

    table: str
    app_id: str  # stable per streaming query: with the batch id it makes a retried batch a no-op
    keep_columns: tuple[str, ...] = ("plant_id", "machine_id", "firmware_version")


def quarantine_batch(batch_df: DataFrame, batch_id: int, conflict: MergeConflict, target: QuarantineTarget) -> None:
    """Append the whole batch, as JSON rows with the conflict's fields, to the quarantine table."""
    kept = [F.col(name) for name in target.keep_columns if name in batch_df.columns]
    (
        batch_df.select(
            *kept,
            F.to_json(F.struct(*[F.col(c) for c in batch_df.columns])).alias("row_json"),
        )
        .withColumn("batch_id", F.lit(batch_id).cast("long"))
        .withColumn("error_condition", F.lit(conflict.condition))
        .withColumn("error_chain", F.lit(" > ".join(conflict.conditions)))
        .withColumn("field_path", F.lit(conflict.column))
        .withColumn("table_type", F.lit(conflict.table_type).cast("string"))
        .withColumn("data_type", F.lit(conflict.data_type).cast("string"))
        .withColumn("quarantined_at", F.current_timestamp())
        .write.format("delta")
        .mode("append")
        .option("mergeSchema", "true")  # only the kept columns can be new; every other column is fixed
        .option("txnAppId", f"{target.app_id}-quarantine")
        .option("txnVersion", batch_id)
        .saveAsTable(target.table)
    )


Writer = Callable[[DataFrame, int], None]  # (batch, batch id): pass the id as txnVersion for idempotent retries
Resolver = Callable[[DataFrame, MergeConflict], Optional[DataFrame]]
Alert = Callable[[MergeConflict, int], None]


def write_or_route(
    batch_df: DataFrame,
    batch_id: int,
    write: Writer,
    quarantine: QuarantineTarget,
    resolve: Optional[Resolver] = None,
    alert: Optional[Alert] = None,
) -> Optional[MergeConflict]:
    """Run ``write(batch_df, batch_id)``; on a schema-merge conflict, try ``resolve`` once, else quarantine the batch.

    Returns the conflict that was handled, or None when the first write succeeded. Re-raises every exception that
    is not a Delta schema-merge conflict, and a conflict that remains after the resolution.
    """
    try:
        write(batch_df, batch_id)
        return None
    except AnalysisException as error:
        conflict = extract_conflict(error)
        if conflict is None:
            raise
    log.warning(
        "schema conflict batch=%s condition=%s field=%s table_type=%s data_type=%s",
        batch_id,
        conflict.condition,
        conflict.column,
        conflict.table_type,
        conflict.data_type,
    )
    if alert is not None:
        alert(conflict, batch_id)
    resolved = resolve(batch_df, conflict) if resolve is not None else None
    if resolved is not None:
        write(resolved, batch_id)  # a second conflict propagates: the resolution did not fit the table
        return conflict
    quarantine_batch(batch_df, batch_id, conflict, quarantine)
    return conflict


def for_each_batch(
    write: Writer,
    quarantine: QuarantineTarget,
    resolve: Optional[Resolver] = None,
    alert: Optional[Alert] = None,
) -> Callable[[DataFrame, int], None]:
    """A ``foreachBatch`` function that writes each micro-batch with :func:`write_or_route`."""

    def handle(batch_df: DataFrame, batch_id: int) -> None:
        write_or_route(batch_df, batch_id, write, quarantine, resolve, alert)

    return handle
