"""Nightly bronze-to-silver load of one plant day, the first task of the nightly_silver_gold job.

Re-running a day replaces that day's rows (replaceWhere), so a retried or repaired run writes no
duplicates.
"""
import argparse
from datetime import date, timedelta

from pyspark.sql import SparkSession, functions as F

READING_SCHEMA = "machine_id STRING, plant_id STRING, sensor_type STRING, value DOUBLE, event_time TIMESTAMP"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--load-date", default="", help="YYYY-MM-DD; empty means yesterday (UTC)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    load_date = args.load_date or (date.today() - timedelta(days=1)).isoformat()
    spark = SparkSession.builder.getOrCreate()
    readings = (
        spark.table(f"{args.catalog}.bronze.sensor_events_raw")
        .where(F.to_date("timestamp") == F.lit(load_date))
        .select(F.from_json("value", READING_SCHEMA).alias("r"), "topic", "partition", "offset")
        .select("r.*", "topic", "partition", "offset")
        .where(F.col("machine_id").isNotNull())
        .dropDuplicates(["topic", "partition", "offset"])
        .withColumn("event_date", F.to_date("event_time"))
    )
    (
        readings.write.format("delta")
        .mode("overwrite")
        .option("replaceWhere", f"event_date = '{load_date}'")
        .saveAsTable(f"{args.catalog}.silver.sensor_readings")
    )


if __name__ == "__main__":
    main()
