"""Machine configuration history: ``dim_machine`` as SCD type 2 from the machine config change stream.

The source is the silver change table ``machine_config_changes`` (the columns of the lab dataset of the
same name): ``change_id``, ``machine_id``, ``op`` ('insert', 'update', 'delete'), ``changed_at`` (when
the change happened on the machine), ``ingested_at`` (when it reached the lake), ``firmware``,
``line_id``, ``calibration_offset``, ``operating_mode``. The stream has exact duplicates (an
at-least-once producer), updates that change nothing, out-of-order arrivals (hours late, for one
change in fifty) and deletes (a decommissioned machine, often inserted again later).

The job reads the change table as a Delta stream and applies each micro-batch with ``apply_scd2``:

* The descriptive attributes from the machine master (plant, type, manufacturer, model) are type 1:
  joined onto every change and overwritten on all versions.
* A micro-batch that holds a change older than a machine's current version is widened: the machine's
  events from that change on are replayed from the change table. That restores the no-op events the
  dimension does not store, so a late change is closed where the following event, no-op or not, says
  the configuration was different again. Replaying known events is harmless: they are recognised.
* ``foreachBatch`` with ``availableNow`` processes what is there and stops; a re-run after a failure
  repeats the last micro-batch, which writes nothing the second time.

Spark 3.5 or 4.0 with delta-spark 3.2+ (identity column: Delta Lake 3.3+ or Databricks Runtime 10.4
LTS+). Run from the pattern folder, shipping ``src`` to the executors:

    cd docs/04-dimensional-modeling/slowly-changing-dimensions
    zip -r src.zip src
    spark-submit --py-files src.zip examples/machine_config_scd2.py \
        --checkpoint /Volumes/mfg_prod/ops/checkpoints/gold_dim_machine
"""

from __future__ import annotations

import argparse

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from src import DimensionSpec, build_dimension, create_table_sql, ensure_unknown_member

CHANGES_TABLE = "mfg_prod.silver.machine_config_changes"
MACHINE_MASTER_TABLE = "mfg_prod.silver.machine_master"
DIM_MACHINE = "mfg_prod.gold.dim_machine"

SPEC = DimensionSpec(
    table=DIM_MACHINE,
    natural_key="machine_id",
    attributes={
        "plant_id": 1,
        "machine_type": 1,
        "manufacturer": 1,
        "model": 1,
        "firmware": 2,
        "line_id": 2,
        "calibration_offset": 2,
        "operating_mode": 2,
    },
    column_types={
        "machine_id": "STRING",
        "plant_id": "STRING",
        "machine_type": "STRING",
        "manufacturer": "STRING",
        "model": "STRING",
        "firmware": "STRING",
        "line_id": "STRING",
        "calibration_offset": "DECIMAL(6,3)",
        "operating_mode": "STRING",
    },
    surrogate_key="machine_sk",
    hard_deletes="invalidate",
    comment="Machine configuration history. Grain: one row per machine and configuration version; "
    "valid_from inclusive, valid_to exclusive, NULL while current.",
)

CHANGE_COLUMNS = [
    "change_id",
    "machine_id",
    "op",
    "changed_at",
    "firmware",
    "line_id",
    "calibration_offset",
    "operating_mode",
]


def with_master_attributes(spark: SparkSession, changes: DataFrame) -> DataFrame:
    """The type 1 attributes from the machine master, joined onto each change (left: a change is never lost)."""
    master = spark.table(MACHINE_MASTER_TABLE).select("machine_id", "plant_id", "machine_type", "manufacturer", "model")
    return changes.join(F.broadcast(master), "machine_id", "left")


def with_replayed_late_keys(spark: SparkSession, batch: DataFrame) -> DataFrame:
    """Adds, for machines with a change older than their current version, their events from that change on."""
    current = (
        spark.table(DIM_MACHINE)
        .where(F.col("valid_to").isNull())
        .select("machine_id", F.col("valid_from").alias("current_from"))
    )
    late = (
        batch.join(current, "machine_id")
        .where(F.col("changed_at") < F.col("current_from"))
        .groupBy("machine_id")
        .agg(F.min("changed_at").alias("replay_from"))
    )
    replay = (
        spark.table(CHANGES_TABLE)
        .join(F.broadcast(late), "machine_id")
        .where(F.col("changed_at") >= F.col("replay_from"))
        .select(*CHANGE_COLUMNS)
    )
    # apply_scd2 drops the rows that are in both (same change_id).
    return batch.select(*CHANGE_COLUMNS).unionByName(replay)


def apply_micro_batch(batch: DataFrame, batch_id: int) -> None:
    """One micro-batch: widen for late changes, add master attributes, apply as type 2."""
    spark = batch.sparkSession
    changes = with_master_attributes(spark, with_replayed_late_keys(spark, batch))
    result = build_dimension(spark, changes, SPEC)
    print(f"batch {batch_id}: {result.inserted} versions inserted, {result.adjusted} rows adjusted")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", required=True, help="checkpoint location of the stream")
    arguments = parser.parse_args()

    spark = SparkSession.builder.appName("dim_machine_scd2").getOrCreate()
    # Change detection hashes JSON, which renders timestamps in the session time zone: keep it fixed.
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    spark.sql(create_table_sql(SPEC))
    ensure_unknown_member(spark, SPEC)

    query = (
        spark.readStream.table(CHANGES_TABLE)
        .select(*CHANGE_COLUMNS)
        .writeStream.foreachBatch(apply_micro_batch)
        .option("checkpointLocation", arguments.checkpoint)
        .trigger(availableNow=True)
        .start()
    )
    query.awaitTermination()


if __name__ == "__main__":
    main()
