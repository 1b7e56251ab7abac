"""``fact_sensor_readings``: 1-minute windows per machine and sensor channel, from flattened telemetry.

Grain: one row per machine, sensor channel and 1-minute window (``window_start`` in UTC). The measures
are additive (``min_value``, ``max_value``, ``sum_value``, ``sample_count``), so an hourly or daily mean
is ``SUM(sum_value) / SUM(sample_count)``, never an average of minute averages.

The source is the silver telemetry after MAP flattening (``ext_*`` typed columns, see the MAP type
flattening pattern). The job:

1. turns the numeric ``ext_*`` columns into (channel, value) rows with ``stack`` and drops NULLs
   (a key the event did not carry, or a value that failed its cast);
2. aggregates per machine, channel and 1-minute event-time window with a watermark of 10 minutes:
   a window is emitted once the watermark passes its end, and events later than that are dropped by
   the aggregation (count them upstream, from ``ingest_ts - event_ts``, if they matter);
3. in ``foreachBatch``, attaches the keys (the machine's configuration version as of the window start)
   and appends with ``txnAppId``/``txnVersion``, so a restarted micro-batch is not appended twice.

``withWatermark`` is Structured Streaming's event-time bound for state, not a high-water mark of a
batch load. Spark 3.5 or 4.0 with delta-spark 3.2+. Run from the pattern folder:

    cd docs/04-dimensional-modeling/fact-table-patterns
    zip -r src.zip src
    spark-submit --py-files src.zip examples/sensor_readings_fact.py \
        --checkpoint /Volumes/mfg_prod/ops/checkpoints/gold_fact_sensor_readings
"""

from __future__ import annotations

import argparse

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from src import append_once, date_key, local_time, lookup_as_of, lookup_current

SILVER_TELEMETRY = "mfg_prod.silver.machine_telemetry"
FACT_TABLE = "mfg_prod.gold.fact_sensor_readings"
DIM_MACHINE = "mfg_prod.gold.dim_machine"
DIM_PLANT = "mfg_prod.gold.dim_plant"
APP_ID = "fact_sensor_readings_v1"

#: Numeric channels of the flattened telemetry: (column, channel name in the fact).
CHANNELS = [
    ("ext_temp_c", "temp_c"),
    ("ext_vib_mm_s", "vib_mm_s"),
    ("ext_power_kw", "power_kw"),
    ("ext_current_a", "current_a"),
]


def channel_values(telemetry: DataFrame) -> DataFrame:
    """(machine, plant, event time, channel, value) rows: one per numeric key an event carried."""
    pairs = ", ".join(f"'{name}', CAST(`{column}` AS DOUBLE)" for column, name in CHANNELS)
    return (
        telemetry.select(
            "machine_id",
            "plant_id",
            "event_ts",
            F.expr(f"stack({len(CHANNELS)}, {pairs}) AS (sensor_channel, value)"),
        )
        .where(F.col("value").isNotNull())
    )


def minute_windows(values: DataFrame) -> DataFrame:
    """Additive 1-minute aggregates; a window closes when the watermark passes its end."""
    return (
        values.withWatermark("event_ts", "10 minutes")
        .groupBy("machine_id", "plant_id", "sensor_channel", F.window("event_ts", "1 minute"))
        .agg(
            F.min("value").alias("min_value"),
            F.max("value").alias("max_value"),
            F.sum("value").alias("sum_value"),
            F.count(F.lit(1)).alias("sample_count"),
        )
        .select(
            "machine_id",
            "plant_id",
            "sensor_channel",
            F.col("window.start").alias("window_start"),
            "min_value",
            "max_value",
            "sum_value",
            "sample_count",
        )
    )


def write_windows(batch: DataFrame, batch_id: int) -> None:
    """Keys for the closed windows of one micro-batch, then a once-only append."""
    spark = batch.sparkSession
    plants = spark.table(DIM_PLANT)
    keyed = lookup_current(batch, plants, "plant_id", "plant_sk")
    keyed = lookup_as_of(keyed, spark.table(DIM_MACHINE), "machine_id", "machine_sk", "window_start")
    zones = plants.select("plant_id", F.col("time_zone"))
    facts = (
        keyed.join(F.broadcast(zones), "plant_id", "left")
        .withColumn("calendar_date_key", date_key(F.to_date(local_time(F.col("window_start"), F.coalesce(F.col("time_zone"), F.lit("UTC"))))))
        .select(
            "plant_sk",
            "machine_sk",
            "calendar_date_key",
            "sensor_channel",
            "window_start",
            "min_value",
            "max_value",
            "sum_value",
            "sample_count",
            "machine_id",
        )
    )
    append_once(facts, FACT_TABLE, APP_ID, batch_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", required=True)
    arguments = parser.parse_args()
    spark = SparkSession.builder.appName("fact_sensor_readings").getOrCreate()
    telemetry = spark.readStream.table(SILVER_TELEMETRY)
    (
        minute_windows(channel_values(telemetry))
        .writeStream.outputMode("append")
        .foreachBatch(write_windows)
        .option("checkpointLocation", arguments.checkpoint)
        .trigger(processingTime="1 minute")
        .start()
        .awaitTermination()
    )


if __name__ == "__main__":
    main()
