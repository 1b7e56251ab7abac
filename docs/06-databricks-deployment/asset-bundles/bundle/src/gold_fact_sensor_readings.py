"""Nightly silver-to-gold load: hourly sensor facts per machine for one plant day.

Runs after silver_sensor_readings in the nightly_silver_gold job and replaces that day's facts.
"""
import argparse
from datetime import date, timedelta

from pyspark.sql import SparkSession, functions as F


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--load-date", default="", help="YYYY-MM-DD; empty means yesterday (UTC)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    load_date = args.load_date or (date.today() - timedelta(days=1)).isoformat()
    spark = SparkSession.builder.getOrCreate()
    facts = (
        spark.table(f"{args.catalog}.silver.sensor_readings")
        .where(F.col("event_date") == F.lit(load_date))
        .groupBy("plant_id", "machine_id", "sensor_type", "event_date", F.date_trunc("hour", "event_time").alias("event_hour"))
        .agg(F.count("*").alias("readings"), F.avg("value").alias("avg_value"), F.min("value").alias("min_value"), F.max("value").alias("max_value"))
    )
    (
        facts.write.format("delta")
        .mode("overwrite")
        .option("replaceWhere", f"event_date = '{load_date}'")
        .saveAsTable(f"{args.catalog}.gold.fact_sensor_readings")
    )


if __name__ == "__main__":
    main()
