"""Plant master data as SCD type 1: ``dim_plant`` restated from the nightly plant master extract.

The plant master (one row per plant: ``plant_id``, ``plant_name``, ``site``, ``division``,
``region``, ``time_zone``) arrives as a full extract from the ERP every night. Names are corrected,
and now and then a plant moves to another division. ``dim_plant`` is type 1: reports show the
hierarchy as it is today, and a reorganisation restates history, which is what the monthly
division reports want (see the multi-plant hierarchy page for keeping "as it was" as well).

``apply_scd1_snapshot`` makes the table equal to the extract in one MERGE: changed plants are
overwritten, new plants inserted, and a plant missing from the extract is flagged ``is_deleted``
(``WHEN NOT MATCHED BY SOURCE``), never removed, because facts reference its surrogate key. An
unchanged plant is not rewritten (the row hash is compared), so a re-run writes nothing.

A partial extract would flag every plant it lacks, so the job refuses one that has fewer than
``--min-share`` of the plants the dimension has now.

Spark 3.5 or 4.0 with delta-spark 3.2+ (``whenNotMatchedBySource*``: delta-spark 2.3+). Run from the
pattern folder:

    cd docs/04-dimensional-modeling/slowly-changing-dimensions
    zip -r src.zip src
    spark-submit --py-files src.zip examples/plant_hierarchy_scd1.py --extract-date 2026-01-20
"""

from __future__ import annotations

import argparse

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from src import Scd1Config, apply_scd1_snapshot

EXTRACT_TABLE = "mfg_prod.bronze.erp_plant_master"
DIM_PLANT = "mfg_prod.gold.dim_plant"

CONFIG = Scd1Config(
    table=DIM_PLANT,
    natural_key="plant_id",
    columns=("plant_name", "site", "division", "region", "time_zone"),
    event_time="extracted_at",
    sequence=None,
    operation=None,
    hard_deletes="flag",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract-date", required=True, help="the extract to load, YYYY-MM-DD")
    parser.add_argument("--min-share", type=float, default=0.9, help="smallest extract size relative to the dimension")
    arguments = parser.parse_args()

    spark = SparkSession.builder.appName("dim_plant_scd1").getOrCreate()
    snapshot = (
        spark.table(EXTRACT_TABLE)
        .where(F.col("extract_date") == F.lit(arguments.extract_date).cast("date"))
        .select(
            F.upper(F.trim("plant_id")).alias("plant_id"),
            F.trim("plant_name").alias("plant_name"),
            F.trim("site").alias("site"),
            F.trim("division").alias("division"),
            F.upper(F.trim("region")).alias("region"),
            F.trim("time_zone").alias("time_zone"),
        )
        .dropDuplicates(["plant_id"])
    )
    extracted = snapshot.count()
    known = spark.table(DIM_PLANT).where("NOT is_deleted AND plant_sk <> -1").count()
    if known and extracted < arguments.min_share * known:
        raise RuntimeError(
            f"the extract of {arguments.extract_date} has {extracted} plants, the dimension {known}: "
            "refusing to flag the missing ones as deleted"
        )
    apply_scd1_snapshot(spark, snapshot, CONFIG, snapshot_time=f"{arguments.extract_date} 00:00:00")


if __name__ == "__main__":
    main()
