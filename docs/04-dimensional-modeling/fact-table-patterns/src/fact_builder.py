"""Assembling a fact from silver: keys, date keys, the grain check, additive measures.

A fact table is described by a ``FactSpec``: its grain (the columns that identify one row), the
dimension lookups, and the measures. ``build_fact`` turns a silver DataFrame into fact rows:

1. ``check_grain`` fails the load if two rows share the grain: a fact with mixed grain double counts
   the moment someone sums a measure, and a MERGE on the grain would fail with
   ``DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE`` anyway.
2. Plant-local time: ``from_utc_timestamp`` with the plant's IANA zone (from ``dim_plant``), which
   follows daylight saving time; the calendar date key and the production date key come from it.
   The production day starts with the night shift at 22:00 the evening before, so a night shift is
   never split across two days.
3. Dimension keys by LEFT join with the unknown member -1 (``surrogate_key_generator``).

Ratios are not measures: yield, mean values and OEE are computed at query time from additive
numerators and denominators at whatever level is asked for.

PySpark 3.5 / 4.0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from .surrogate_key_generator import lookup_as_of, lookup_current

#: Local hour at which the production day starts (the night shift of the evening before).
PRODUCTION_DAY_START_HOUR = 22


@dataclass(frozen=True)
class Lookup:
    """One dimension key of the fact: the dimension, the fact column holding its natural key, and
    the event time for an as-of (type 2) lookup, or None for the current row."""

    dimension: DataFrame
    natural_key: str
    surrogate_key: str
    event_time: str | None = None


@dataclass(frozen=True)
class FactSpec:
    """A fact table's grain, its lookups and the columns it keeps, in table order."""

    name: str
    grain: tuple[str, ...]
    lookups: tuple[Lookup, ...] = ()
    columns: tuple[str, ...] = ()
    #: Degenerate dimensions and natural keys kept for repair of unknown members.
    keep: tuple[str, ...] = field(default_factory=tuple)


class GrainViolation(ValueError):
    """Two or more rows of a batch share the grain of the fact."""


def date_key(day: Column) -> Column:
    """The ``yyyymmdd`` INT key of ``dim_date`` for a DATE or TIMESTAMP."""
    return (F.year(day) * 10000 + F.month(day) * 100 + F.dayofmonth(day)).cast("int")


def local_time(utc_ts: Column, time_zone: Column) -> Column:
    """The plant's wall-clock time for a UTC timestamp; the zone is an IANA name such as 'Europe/Berlin'."""
    return F.from_utc_timestamp(utc_ts, time_zone)


def production_date(local_ts: Column) -> Column:
    """The production day a local time belongs to: from 22:00 on it is already the next day's."""
    return F.to_date(local_ts + F.expr(f"INTERVAL {24 - PRODUCTION_DAY_START_HOUR} HOURS"))


def shift_code(local_ts: Column) -> Column:
    """The conformed shift: A 06:00-14:00, B 14:00-22:00, C 22:00-06:00 plant-local time."""
    hour = F.hour(local_ts)
    return F.when((hour >= 6) & (hour < 14), "A").when((hour >= 14) & (hour < 22), "B").otherwise("C")


def with_plant_calendar(rows: DataFrame, utc_ts: str, time_zone: str = "time_zone") -> DataFrame:
    """Adds ``local_ts``, ``calendar_date_key``, ``production_date_key`` and ``shift_code``."""
    local = local_time(F.col(utc_ts), F.col(time_zone))
    return (
        rows.withColumn("local_ts", local)
        .withColumn("calendar_date_key", date_key(F.to_date(F.col("local_ts"))))
        .withColumn("production_date_key", date_key(production_date(F.col("local_ts"))))
        .withColumn("shift_code", shift_code(F.col("local_ts")))
    )


def check_grain(rows: DataFrame, grain: tuple[str, ...] | list[str], fact: str = "the fact") -> None:
    """Raises ``GrainViolation`` with examples if any grain value occurs more than once."""
    duplicates = rows.groupBy(*grain).count().where(F.col("count") > 1)
    examples = duplicates.limit(5).collect()
    if examples:
        shown = "; ".join(", ".join(f"{column}={row[column]}" for column in grain) for row in examples)
        raise GrainViolation(f"{fact}: rows share the grain ({', '.join(grain)}): {shown}")


def resolve_keys(rows: DataFrame, lookups: tuple[Lookup, ...]) -> DataFrame:
    """Every dimension key, as of the event time where the lookup says so; -1 where missing."""
    for lookup in lookups:
        if lookup.event_time:
            rows = lookup_as_of(rows, lookup.dimension, lookup.natural_key, lookup.surrogate_key, lookup.event_time)
        else:
            rows = lookup_current(rows, lookup.dimension, lookup.natural_key, lookup.surrogate_key)
    return rows


def build_fact(rows: DataFrame, spec: FactSpec) -> DataFrame:
    """Checks the grain, resolves the keys and selects the fact's columns in table order."""
    check_grain(rows, spec.grain, spec.name)
    resolved = resolve_keys(rows, spec.lookups)
    return resolved.select(*spec.columns) if spec.columns else resolved


def unknown_member_counts(facts: DataFrame, lookups: tuple[Lookup, ...]) -> dict[str, int]:
    """How many rows got -1 per dimension key: the number to alert on after every load."""
    if not lookups:
        return {}
    counts = facts.agg(
        *[F.sum(F.when(F.col(lookup.surrogate_key) == -1, 1).otherwise(0)).alias(lookup.surrogate_key) for lookup in lookups]
    ).first()
    return {lookup.surrogate_key: int(counts[lookup.surrogate_key] or 0) for lookup in lookups}
