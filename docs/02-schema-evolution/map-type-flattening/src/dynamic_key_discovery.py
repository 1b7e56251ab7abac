"""Sampled key discovery per plant and firmware, and the keys the registry does not know yet."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .custom_extension_handler import EXTENSION_COLUMN


def discover_keys(
    events: DataFrame,
    fraction: float = 0.01,
    seed: int = 42,
    group_by: tuple[str, ...] = ("plant_id", "firmware"),
) -> DataFrame:
    """Keys seen in a Bernoulli sample, with how many sampled events carried each key per group.

    ``sample`` draws from every file and partition; ``limit(n)`` after ``explode`` would only read the
    first rows the scan produces, usually one plant and one firmware, so it is not a sample. The
    aggregation shuffles only (group, key) pairs after partial aggregation.
    """
    return (
        events.sample(withReplacement=False, fraction=fraction, seed=seed)
        .select(*group_by, F.explode(F.map_keys(F.col(EXTENSION_COLUMN))).alias("key"))
        .groupBy(*group_by, "key")
        .agg(F.count(F.lit(1)).alias("events_with_key"))
    )


def propose_new_keys(discovered: DataFrame, registry: DataFrame) -> DataFrame:
    """Discovered keys absent from the registry, with the groups that sent them first."""
    return (
        discovered.join(registry.select("key"), on="key", how="left_anti")
        .groupBy("key")
        .agg(F.sum("events_with_key").alias("events_with_key"), F.collect_set("firmware").alias("firmwares"))
    )
