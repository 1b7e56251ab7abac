"""Continuous Kafka-to-bronze ingest, started by the kafka_to_bronze job of the bundle.

The job passes the configuration directory and the checkpoint; APP_ENV (dev, qa, prod) and the
secret scope come from the job cluster's spark_env_vars. config_loader is the HOCON loader shown on
the HOCON configurations page, synced with the bundle.
"""
import argparse
import os

from pyspark.sql import SparkSession, functions as F

from config_loader import kafka_options, load_config


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conf-dir", required=True)
    parser.add_argument("--checkpoint", required=True, help="/Volumes/<catalog>/ops/checkpoints/<queryName>")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    spark = SparkSession.builder.getOrCreate()
    from pyspark.dbutils import DBUtils  # available on Databricks clusters only

    conf = load_config(args.conf_dir, os.environ["APP_ENV"])
    catalog = conf.get_string("platform.catalog")
    topics = conf.get_config("kafka.topics")
    events = (
        spark.readStream.format("kafka")
        .options(**kafka_options(conf, DBUtils(spark)))
        .option("subscribe", ",".join([topics.get_string("sensor-events"), topics.get_string("test-results")]))
        .load()
        .select("topic", "partition", "offset", "timestamp", F.col("key").cast("string"), F.col("value").cast("string"))
        .withColumn("ingested_at", F.current_timestamp())
    )
    query = (
        events.writeStream.queryName("bronze_sensor_events")
        .option("checkpointLocation", args.checkpoint)
        .trigger(processingTime=conf.get_string("streaming.trigger-interval"))
        .toTable(f"{catalog}.bronze.sensor_events_raw")
    )
    query.awaitTermination()


if __name__ == "__main__":
    main()
