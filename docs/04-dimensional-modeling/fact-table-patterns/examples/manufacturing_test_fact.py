"""``fact_manufacturing_test``: end-of-line test results into the gold fact, micro-batch by micro-batch.

Grain: one row per test result as the rig reports it, identified by ``test_id`` (one unit, one test
execution, one measured characteristic). At a few hundred million rows a month per region the load
must be incremental, idempotent and never drop a row:

* The silver table ``eol_test_results`` (the columns of the lab's ``test_results`` dataset plus
  ``ingested_at``) is read as a Delta stream; rigs re-send results after an outage, so each
  micro-batch keeps the latest row per ``test_id``.
* Keys: the plant, its time zone and the rig from ``dim_test_equipment``; the rig's configuration
  version at test time from ``dim_machine`` (type 2, as-of); product and shift from their dimensions.
  Missing dimension rows give -1, never a dropped fact, and the natural keys stay in the fact so that
  ``repair_unknown_keys`` can fix them later.
* Write: insert-only MERGE on ``test_id``, limited to the batch's production days. A restarted batch
  finds its rows and inserts nothing.

Spark 3.5 or 4.0 with delta-spark 3.2+. Run from the pattern folder:

    cd docs/04-dimensional-modeling/fact-table-patterns
    zip -r src.zip src
    spark-submit --py-files src.zip examples/manufacturing_test_fact.py \
        --checkpoint /Volumes/mfg_prod/ops/checkpoints/gold_fact_manufacturing_test
"""

from __future__ import annotations

import argparse

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from src import FactSpec, Lookup, build_fact, latest_per_grain, merge_new_rows, unknown_member_counts, with_plant_calendar

SILVER_TESTS = "mfg_prod.silver.eol_test_results"
FACT_TABLE = "mfg_prod.gold.fact_manufacturing_test"
DIM_PLANT = "mfg_prod.gold.dim_plant"
DIM_TEST_EQUIPMENT = "mfg_prod.gold.dim_test_equipment"
DIM_MACHINE = "mfg_prod.gold.dim_machine"
DIM_PRODUCT = "mfg_prod.gold.dim_product"
DIM_SHIFT = "mfg_prod.gold.dim_shift"

FACT_COLUMNS = (
    "test_id",
    "serial_number",
    "plant_sk",
    "test_equipment_sk",
    "machine_sk",
    "product_sk",
    "shift_sk",
    "calendar_date_key",
    "production_date_key",
    "test_ts",
    "measured_value",
    "lower_limit",
    "upper_limit",
    "passed",
    "duration_ms",
    "machine_id",
    "product_sku",
)


def fact_spec(spark: SparkSession) -> FactSpec:
    """The fact's grain and lookups; dimensions are read once per micro-batch (they are small)."""
    return FactSpec(
        name=FACT_TABLE,
        grain=("test_id",),
        lookups=(
            Lookup(spark.table(DIM_PLANT), "plant_id", "plant_sk"),
            Lookup(spark.table(DIM_TEST_EQUIPMENT), "machine_id", "test_equipment_sk", event_time="test_ts"),
            Lookup(spark.table(DIM_MACHINE), "machine_id", "machine_sk", event_time="test_ts"),
            Lookup(spark.table(DIM_PRODUCT), "product_sku", "product_sk"),
            Lookup(spark.table(DIM_SHIFT), "shift_code", "shift_sk"),
        ),
        columns=FACT_COLUMNS,
    )


def with_rig_plant(spark: SparkSession, tests: DataFrame) -> DataFrame:
    """The plant and its IANA time zone for each test, through the rig that ran it (current rig row).

    A rig the dimension does not know yet gets no plant (plant_sk -1) and UTC as its zone, so the
    date keys, which the fact's clustering and the MERGE's pruning rely on, are never NULL.
    """
    rigs = spark.table(DIM_TEST_EQUIPMENT).where("is_current").select("machine_id", "plant_id")
    zones = spark.table(DIM_PLANT).select("plant_id", "time_zone")
    return (
        tests.join(F.broadcast(rigs), "machine_id", "left")
        .join(F.broadcast(zones), "plant_id", "left")
        .withColumn("time_zone", F.coalesce(F.col("time_zone"), F.lit("UTC")))
    )


def load_micro_batch(batch: DataFrame, batch_id: int) -> None:
    """Deduplicate, enrich, resolve keys, insert what is new."""
    spark = batch.sparkSession
    unique = latest_per_grain(batch, ["test_id"], "ingested_at")
    enriched = with_plant_calendar(with_rig_plant(spark, unique), "test_ts")
    spec = fact_spec(spark)
    facts = build_fact(enriched, spec)
    merge_new_rows(spark, facts, FACT_TABLE, ["test_id"], "production_date_key")
    unknown = {key: count for key, count in unknown_member_counts(facts, spec.lookups).items() if count}
    if unknown:
        print(f"batch {batch_id}: rows with the unknown member: {unknown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", required=True)
    arguments = parser.parse_args()
    spark = SparkSession.builder.appName("fact_manufacturing_test").getOrCreate()
    (
        spark.readStream.option("maxFilesPerTrigger", 200)
        .table(SILVER_TESTS)
        .writeStream.foreachBatch(load_micro_batch)
        .option("checkpointLocation", arguments.checkpoint)
        .trigger(availableNow=True)
        .start()
        .awaitTermination()
    )


if __name__ == "__main__":
    main()
