"""``fact_production_output``: per-shift output snapshot, recomputed per production day.

Grain: one row per machine, product, production day and shift. A periodic snapshot: ``good_count``,
``scrap_count``, ``run_time_s``; all additive, so yield (``good_count / (good_count + scrap_count)``)
is computed at query time for any level of the hierarchy.

Here output is counted at end-of-line test: a unit that passes is good output of the rig's line, a
unit that fails is scrap (until reworked, which the transaction fact records as a new test). The
rows come from ``fact_manufacturing_test``, which already carries the plant's production day and
shift, so the night shift from 22:00 to 06:00 lands in one production day instead of being split at
midnight.

A production day is complete once its last shift has ended in the plant furthest west, plus the time
late test uploads need; the job recomputes a range of days (``--days-back``, default 3) and replaces
them with ``replaceWhere``. Running it again replaces the same days with the same rows.

Spark 3.5 or 4.0 with delta-spark 3.2+. Run from the pattern folder:

    cd docs/04-dimensional-modeling/fact-table-patterns
    zip -r src.zip src
    spark-submit --py-files src.zip examples/production_summary_fact.py --until 2026-01-20 --days-back 3
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from src import check_grain, replace_days

FACT_TEST = "mfg_prod.gold.fact_manufacturing_test"
FACT_OUTPUT = "mfg_prod.gold.fact_production_output"

GRAIN = ["production_date_key", "plant_sk", "machine_sk", "product_sk", "shift_sk"]


def day_keys(until: date, days_back: int) -> list[int]:
    """``yyyymmdd`` keys of the ``days_back`` production days ending with ``until``."""
    return [int((until - timedelta(days=offset)).strftime("%Y%m%d")) for offset in range(days_back)]


def output_snapshot(tests: DataFrame) -> DataFrame:
    """Good and scrap units and test time per machine, product, production day and shift."""
    return tests.groupBy(*GRAIN).agg(
        F.sum(F.col("passed").cast("int")).cast("bigint").alias("good_count"),
        F.sum((~F.col("passed")).cast("int")).cast("bigint").alias("scrap_count"),
        (F.sum("duration_ms") / 1000).cast("bigint").alias("run_time_s"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--until", required=True, type=date.fromisoformat, help="last production day, YYYY-MM-DD")
    parser.add_argument("--days-back", type=int, default=3)
    arguments = parser.parse_args()

    spark = SparkSession.builder.appName("fact_production_output").getOrCreate()
    days = day_keys(arguments.until, arguments.days_back)
    tests = spark.table(FACT_TEST).where(F.col("production_date_key").isin(days))
    snapshot = output_snapshot(tests)
    check_grain(snapshot, GRAIN, FACT_OUTPUT)
    replace_days(snapshot, FACT_OUTPUT, "production_date_key", days)


if __name__ == "__main__":
    main()
