"""Bronze ingestion: a Kafka topic into ``mfg_<env>.bronze.sensor_events``, each record as delivered.

The Kafka connection options come from the plant's client configuration (``configs/*.yaml``) through the
``kafka_auth`` package of the Kafka SASL_SSL page (``build_reader_options``), so the stream uses exactly
the ``kafka.*`` options that page's builder emits: shaded login module on Databricks, escaped JAAS values,
secrets read once from the secret scope. This module adds what ingestion needs on top:

* ``kafka.isolation.level=read_committed``. The topics are written transactionally (Kafka Streams with
  ``exactly_once_v2``, transactional gateways). Spark's Kafka source does not set an isolation level
  (``KafkaSourceProvider.kafkaParamsForDriver``/``kafkaParamsForExecutors`` set deserializers, offset reset
  and auto-commit only), so without this option its consumers use the Kafka client default
  ``read_uncommitted`` (KIP-98) and also return the records of aborted transactions; Spark's
  ``KafkaMicroBatchSourceSuite`` tests "read Kafka transactional messages" show both levels.
* ``maxOffsetsPerTrigger``: an upper bound on one micro-batch, so the first batch after a plant outage
  does not try to read the whole retained backlog.
* ``failOnDataLoss=true``: offsets that retention deleted before the query read them stop the query
  instead of being skipped silently.
* Kafka coordinates kept as columns (``kafka_topic``, ``kafka_partition``, ``kafka_offset``,
  ``kafka_ts``), so completeness can be proved against the broker and any range replayed.

Names follow the platform conventions: catalog ``mfg_<env>``, query name ``<schema>_<table>`` (with the
plant feed as a suffix when each plant cluster has its own query), checkpoint
``/Volumes/mfg_<env>/ops/checkpoints/<queryName>``.

The Delta sink is exactly-once per checkpoint: it records (query id, batch id) in the same Delta commit as
the data and skips a batch it already committed (``DeltaSink.addBatch``). ``current_timestamp()`` in a
replayed batch is therefore harmless here.

Spark 3.5 / 4.0 (Databricks Runtime 14.3 LTS and later), Delta Lake 3.2+ / 4.x, Kafka clients 3.x / 4.0.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming import StreamingQuery

from kafka_auth import build_reader_options, load_config, masked_options

log = logging.getLogger("mfg.streaming.bronze")

ENVIRONMENTS = ("dev", "qa", "prod")

#: Options this job always sets on top of the connection options; a configuration cannot weaken them.
INGESTION_OPTIONS = {
    "kafka.isolation.level": "read_committed",
    "failOnDataLoss": "true",
}


@dataclass(frozen=True)
class BronzeSettings:
    """One bronze query: which topic, into which environment, how fast."""

    env: str
    topic: str = "mfg.sensor-events.validated"
    #: Set when each plant cluster has its own query (the multi-plant case study): ``p01`` -> ``..._p01``.
    plant_feed: Optional[str] = None
    max_offsets_per_trigger: int = 500_000
    trigger_interval: str = "30 seconds"
    #: Used only on the very first run of a checkpoint; afterwards the checkpoint's offsets win.
    starting_offsets: str = "earliest"

    def __post_init__(self) -> None:
        if self.env not in ENVIRONMENTS:
            raise ValueError(f"env must be one of {', '.join(ENVIRONMENTS)}, not {self.env!r}")
        if self.plant_feed is not None and not self.plant_feed.isidentifier():
            raise ValueError(f"plant_feed must be letters, digits and _, such as p01, not {self.plant_feed!r}")
        if self.max_offsets_per_trigger <= 0:
            raise ValueError("max_offsets_per_trigger must be positive")

    @property
    def catalog(self) -> str:
        return f"mfg_{self.env}"

    @property
    def table(self) -> str:
        return f"{self.catalog}.bronze.sensor_events"

    @property
    def query_name(self) -> str:
        base = "bronze_sensor_events"
        return f"{base}_{self.plant_feed}" if self.plant_feed else base

    @property
    def checkpoint(self) -> str:
        return f"/Volumes/{self.catalog}/ops/checkpoints/{self.query_name}"


def kafka_reader_options(
    client_config: Mapping[str, Any], dbutils: Any, settings: BronzeSettings
) -> dict[str, str]:
    """The connection options of the SASL_SSL page's builder, plus the ingestion options of this job."""
    options = build_reader_options(client_config, dbutils, topic=settings.topic)
    options.update(INGESTION_OPTIONS)
    options["startingOffsets"] = settings.starting_offsets
    options["maxOffsetsPerTrigger"] = str(settings.max_offsets_per_trigger)
    return options


def bronze_frame(raw: DataFrame) -> DataFrame:
    """The Kafka record as delivered, with its coordinates. No parsing: a malformed payload never stops ingestion."""
    return raw.select(
        F.col("key").cast("string").alias("machine_id"),
        F.col("value").cast("string").alias("payload"),
        F.col("topic").alias("kafka_topic"),
        F.col("partition").alias("kafka_partition"),
        F.col("offset").alias("kafka_offset"),
        F.col("timestamp").alias("kafka_ts"),
        F.current_timestamp().alias("ingest_ts"),
    ).withColumn("ingest_date", F.to_date("ingest_ts"))


def start_bronze_stream(
    spark: SparkSession, dbutils: Any, client_config_path: str, settings: BronzeSettings
) -> StreamingQuery:
    """Start the bronze query for one client configuration; secrets are read once, here."""
    options = kafka_reader_options(load_config(client_config_path), dbutils, settings)
    log.info("starting %s with %s", settings.query_name, masked_options(options))
    raw = spark.readStream.format("kafka").options(**options).load()
    return (
        bronze_frame(raw)
        .writeStream.queryName(settings.query_name)
        .option("checkpointLocation", settings.checkpoint)
        .trigger(processingTime=settings.trigger_interval)
        .toTable(settings.table)
    )
