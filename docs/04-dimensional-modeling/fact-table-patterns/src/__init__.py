"""Fact table building blocks: key lookups and generation, grain checks, idempotent loads, aggregates.

PySpark 3.5 / 4.0 with delta-spark 3.2+ (4.x on Spark 4.0).
"""

from .aggregate_fact_builder import AGGREGATE_GRAIN, changed_days, daily_test_aggregate, rebuild_days, refresh
from .fact_builder import (
    PRODUCTION_DAY_START_HOUR,
    FactSpec,
    GrainViolation,
    Lookup,
    build_fact,
    check_grain,
    date_key,
    local_time,
    production_date,
    resolve_keys,
    shift_code,
    unknown_member_counts,
    with_plant_calendar,
)
from .incremental_load import append_once, date_range, latest_per_grain, merge_new_rows, replace_days
from .surrogate_key_generator import (
    UNKNOWN_KEY,
    hash_key,
    lookup_as_of,
    lookup_current,
    repair_unknown_keys,
    sha2_key,
    unresolved,
)

__all__ = [
    "AGGREGATE_GRAIN",
    "PRODUCTION_DAY_START_HOUR",
    "UNKNOWN_KEY",
    "FactSpec",
    "GrainViolation",
    "Lookup",
    "append_once",
    "build_fact",
    "changed_days",
    "check_grain",
    "daily_test_aggregate",
    "date_key",
    "date_range",
    "hash_key",
    "latest_per_grain",
    "local_time",
    "lookup_as_of",
    "lookup_current",
    "merge_new_rows",
    "production_date",
    "rebuild_days",
    "refresh",
    "repair_unknown_keys",
    "replace_days",
    "resolve_keys",
    "sha2_key",
    "shift_code",
    "unknown_member_counts",
    "unresolved",
    "with_plant_calendar",
]
