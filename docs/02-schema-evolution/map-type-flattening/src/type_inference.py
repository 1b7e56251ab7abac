"""One-pass value profiling of a sample, and the rule that turns shares into a registered type."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .custom_extension_handler import EXTENSION_COLUMN

# Checked in this order; the first type whose share reaches the threshold wins.
CANDIDATES = ("BIGINT", "DOUBLE", "BOOLEAN", "TIMESTAMP", "JSON", "STRING")


def profile_values(events: DataFrame, fraction: float = 0.01, seed: int = 42) -> DataFrame:
    """Per key: non-null values in the sample and how many of them parse as each candidate type.

    Integers are recognised by shape, not by casting: a cast of '12.5' to an integer type rounds or
    truncates instead of failing. Casts use ``try_cast`` so malformed plant values ('N/A', '12,5')
    count as failures instead of raising CAST_INVALID_INPUT under ANSI mode (the default in Spark 4.0).
    """
    value = F.col("value")
    return (
        events.sample(withReplacement=False, fraction=fraction, seed=seed)
        .select(F.explode(F.col(EXTENSION_COLUMN)).alias("key", "value"))
        .where(value.isNotNull())
        .groupBy("key")
        .agg(
            F.count(F.lit(1)).alias("non_null"),
            F.sum(F.when(value.rlike(r"^-?[0-9]+$"), 1).otherwise(0)).alias("BIGINT"),
            F.sum(F.when(F.expr("try_cast(value AS DOUBLE)").isNotNull(), 1).otherwise(0)).alias("DOUBLE"),
            F.sum(F.when(F.lower(value).isin("true", "false"), 1).otherwise(0)).alias("BOOLEAN"),
            F.sum(
                F.when(value.contains("-") & F.expr("try_cast(value AS TIMESTAMP)").isNotNull(), 1).otherwise(0)
            ).alias("TIMESTAMP"),
            F.sum(
                F.when(
                    value.rlike(r"^\s*\{") & F.from_json(value, "map<string,string>").isNotNull(), 1
                ).otherwise(0)
            ).alias("JSON"),
        )
    )


def choose_type(shares: dict[str, float], threshold: float = 0.95) -> str:
    """The registered type for a key, from the share of its values each candidate parses.

    Integers fall back to DOUBLE when integer and decimal values together dominate (a firmware
    update that starts sending '3.42' where it sent '3'); anything without a dominant type stays STRING.
    """
    for candidate in CANDIDATES[:-1]:
        if shares.get(candidate, 0.0) >= threshold:
            return candidate
    return "STRING"
