"""IoT sensor flattening: telemetry from six machine types whose firmware decides the customExtension keys.

The silver job of the page "Examples: IoT sensor flattening and test equipment data". It streams sensor
events from Kafka into the silver table with a typed ``ext_`` column for every key the registry has
approved: one projection, no explode, no shuffle (``src.flatten``, called by ``src.write_batch``). The
table keeps the original map, so keys that are not promoted yet are never lost.

Beside the stream, three batch checks run before and after a firmware rollout:

* ``unregistered_keys``: the keys each machine type and firmware sends that the registry does not know,
  counted in a Bernoulli sample, so a rollout's new keys show up together with the firmware that sends them.
* ``non_integer_shares``: for keys registered as integers, the share of values per firmware that are not
  whole numbers. The rollout that turned ``vib_mm_s`` from ``7`` into ``7.25`` moves it from the share of
  malformed values (about 2 %) to nearly 100 %. ``try_cast('7.25' AS BIGINT)`` is NULL in Spark 3.5 and
  4.0 (string to integer follows ANSI rules in ``try_cast``), so the typed column would lose every reading.
* ``cast_failure_rates``: per registered key and firmware, the share of values that arrived but did not
  convert, read back from the silver table.

Spark 3.5 or 4.0, Delta Lake 3.2+. Kafka authentication is left out: add the options of the Kafka SASL_SSL
pattern to the reader in ``read_sensor_events``. Run from the pattern folder, shipping ``src`` to the
executors:

    cd docs/02-schema-evolution/map-type-flattening
    zip -r src.zip src
    spark-submit --py-files src.zip examples/iot_sensor_flattening.py stream --bootstrap-servers broker-1:9093
    spark-submit --py-files src.zip examples/iot_sensor_flattening.py rollout-check --day 2026-01-20
"""

from __future__ import annotations

import argparse
from datetime import date
from functools import partial

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming import StreamingQuery

from src import EXTENSION_COLUMN, RegisteredKey, discover_keys, load_registry, write_batch

REGISTRY_TABLE = "mfg_prod.ops.extension_key_registry"
SILVER_TABLE = "mfg_prod.silver.machine_telemetry"
TELEMETRY_TOPIC = "plant.sensor-events.validated"
SILVER_APP_ID = "silver-machine-telemetry"

# The JSON value of one Kafka record. customExtension arrives as an object of strings.
SENSOR_EVENT_SCHEMA = (
    "event_id BIGINT, plant_id STRING, line_id STRING, machine_id STRING, machine_type STRING, "
    "firmware STRING, event_ts TIMESTAMP, customExtension MAP<STRING, STRING>"
)

INTEGER_TYPES = ("TINYINT", "SMALLINT", "INT", "BIGINT")
WHOLE_NUMBER = r"^-?[0-9]+$"
# Keys and their formats depend on the machine type and the firmware it runs: the checks report per pair.
GROUPS = ("machine_type", "firmware")


def read_sensor_events(spark: SparkSession, bootstrap_servers: str, min_partitions: int) -> DataFrame:
    """The telemetry topic as typed events, with the Kafka timestamp as ``ingest_ts``.

    ``minPartitions`` splits large topic partitions into more Spark tasks without a shuffle, which is
    the way to get smaller tasks here: a ``repartition`` would shuffle every event before the projection.
    """
    records = (
        spark.readStream.format("kafka")
        .option("kafka.bootstrap.servers", bootstrap_servers)
        .option("subscribe", TELEMETRY_TOPIC)
        .option("startingOffsets", "earliest")
        .option("maxOffsetsPerTrigger", 5_000_000)
        .option("minPartitions", min_partitions)
        .load()
    )
    event = F.from_json(F.col("value").cast("string"), SENSOR_EVENT_SCHEMA)
    return records.select(event.alias("event"), F.col("timestamp").alias("ingest_ts")).select("event.*", "ingest_ts")


def start_silver_stream(
    spark: SparkSession, bootstrap_servers: str, checkpoint: str, min_partitions: int
) -> StreamingQuery:
    """Appends each micro-batch, flattened with the registry as it is at that batch, to the silver table.

    The registry is read inside ``foreachBatch``, so keys approved while the query runs are projected
    from the next batch on without a restart. ``txnAppId``/``txnVersion`` in ``write_batch`` make a
    replayed batch a no-op.
    """
    writer = partial(write_batch, app_id=SILVER_APP_ID, registry_table=REGISTRY_TABLE, target_table=SILVER_TABLE)
    return (
        read_sensor_events(spark, bootstrap_servers, min_partitions)
        .writeStream.foreachBatch(writer)
        .option("checkpointLocation", checkpoint)
        .queryName(SILVER_APP_ID)
        .trigger(processingTime="1 minute")
        .start()
    )


def silver_day(spark: SparkSession, day: date) -> DataFrame:
    """One day of the silver table, by event time."""
    return spark.table(SILVER_TABLE).where(F.to_date("event_ts") == F.lit(day))


def unregistered_keys(events: DataFrame, registry: DataFrame, fraction: float = 0.01, seed: int = 42) -> DataFrame:
    """Keys in a sample of ``events`` that the registry does not hold, per machine type and firmware.

    A key that only the new firmware sends appears with that firmware alone: the signal that a rollout
    has started and its keys need review before they are promoted together.
    """
    discovered = discover_keys(events, fraction=fraction, seed=seed, group_by=GROUPS)
    return discovered.join(registry.select("key"), on="key", how="left_anti").orderBy(
        *GROUPS, F.desc("events_with_key")
    )


def non_integer_shares(
    events: DataFrame, keys: list[RegisteredKey], fraction: float = 0.01, seed: int = 42
) -> DataFrame:
    """Per machine type and firmware: for each key registered as an integer, the share of its values
    that are not whole numbers. One aggregation over a sample, one column per key."""
    extension = F.col(EXTENSION_COLUMN)
    shares = []
    for key in keys:
        if key.spark_type in INTEGER_TYPES:
            value = extension[key.key]
            not_whole = (~value.rlike(WHOLE_NUMBER)).cast("int")
            shares.append(F.avg(F.when(value.isNotNull(), not_whole)).alias(key.column))
    return events.sample(withReplacement=False, fraction=fraction, seed=seed).groupBy(*GROUPS).agg(*shares)


def conversion_failed(flattened: DataFrame, key: RegisteredKey) -> Column:
    """True where the typed column holds nothing usable.

    ``try_cast`` gives NULL. ``from_json`` is different: since Spark 3.0, in its default PERMISSIVE mode,
    a malformed string gives a struct whose fields are all NULL rather than a NULL struct, so a JSON
    key counts as failed when every field is NULL.
    """
    typed = F.col(key.column)
    if key.json_schema:
        fields = flattened.schema[key.column].dataType.fieldNames()
        return F.coalesce(*[typed[field] for field in fields]).isNull()
    return typed.isNull()


def cast_failure_rates(flattened: DataFrame, keys: list[RegisteredKey]) -> DataFrame:
    """Per machine type and firmware: for each registered key, the share of values that arrived in the
    map but did not convert. Works on the silver table because it keeps the map next to the columns.
    A key approved after the data was written has no column there yet and is left out."""
    extension = F.col(EXTENSION_COLUMN)
    rates = [
        F.avg(F.when(extension[key.key].isNotNull(), conversion_failed(flattened, key).cast("int"))).alias(key.column)
        for key in keys
        if key.column in flattened.columns
    ]
    return flattened.groupBy(*GROUPS).agg(*rates)


def rollout_check(spark: SparkSession, day: date) -> None:
    """Prints the three reports for one day of silver telemetry."""
    keys = load_registry(spark, REGISTRY_TABLE)
    events = silver_day(spark, day)
    unregistered_keys(events, spark.table(REGISTRY_TABLE)).show(100, truncate=False)
    non_integer_shares(events, keys).show(100, truncate=False)
    cast_failure_rates(events, keys).show(100, truncate=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    stream = commands.add_parser("stream", help="run the Kafka to silver stream")
    stream.add_argument("--bootstrap-servers", required=True)
    stream.add_argument("--checkpoint", default="/Volumes/mfg_prod/ops/checkpoints/silver_machine_telemetry")
    stream.add_argument("--min-partitions", type=int, default=96)
    check = commands.add_parser("rollout-check", help="print the key, integer-share and cast-failure reports")
    check.add_argument("--day", type=date.fromisoformat, required=True, help="event date, YYYY-MM-DD")
    arguments = parser.parse_args()

    spark = SparkSession.builder.appName(SILVER_APP_ID).getOrCreate()
    if arguments.command == "stream":
        query = start_silver_stream(spark, arguments.bootstrap_servers, arguments.checkpoint, arguments.min_partitions)
        query.awaitTermination()
    else:
        rollout_check(spark, arguments.day)


if __name__ == "__main__":
    main()
