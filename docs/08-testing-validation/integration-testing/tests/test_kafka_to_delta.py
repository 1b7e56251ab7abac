"""Ingest tests: Kafka to bronze Delta with the real protocol, a real checkpoint and real constraints."""
import json

import pytest

from pipelines.kafka_to_bronze import read_sensor_events  # the code under test

EVENTS = [
    {"plant_id": "PLANT_01", "machine_id": "M00007", "event_ts": "2026-03-02T22:15:00Z", "temperature_c": 71.5},
    {"plant_id": "PLANT_01", "machine_id": "M00008", "event_ts": "2026-03-02T22:15:01Z", "temperature_c": 69.0},
    {"plant_id": "PLANT_03", "machine_id": "M00102", "event_ts": "2026-03-02T22:15:02Z", "temperature_c": None},
]


def produce(spark, options, topic, events):
    """Writes events to a topic with Spark's batch Kafka sink, keyed by machine."""
    rows = [(e["machine_id"], json.dumps(e)) for e in events]
    writer = spark.createDataFrame(rows, "key STRING, value STRING").write.format("kafka").option("topic", topic)
    for name, value in options.items():
        writer = writer.option(name, value)
    writer.save()


def run_available_now(spark, options, topic, checkpoint, target):
    """Processes everything in the topic and stops: a streaming query as one deterministic test step."""
    query = (
        read_sensor_events(spark, {**options, "subscribe": topic, "startingOffsets": "earliest"})
        .writeStream.format("delta")
        .option("checkpointLocation", checkpoint)
        .trigger(availableNow=True)
        .start(target)
    )
    query.awaitTermination()


def test_restart_does_not_duplicate(spark, kafka_bootstrap, tmp_path):
    options = {"kafka.bootstrap.servers": kafka_bootstrap}
    topic, checkpoint, target = "mfg.sensor-events.restart", str(tmp_path / "chk"), str(tmp_path / "bronze")
    produce(spark, options, topic, EVENTS)

    run_available_now(spark, options, topic, checkpoint, target)
    run_available_now(spark, options, topic, checkpoint, target)  # restart on the same checkpoint, no new data

    bronze = spark.read.format("delta").load(target)
    assert bronze.count() == len(EVENTS)
    assert bronze.where("machine_id = 'M00102' AND temperature_c IS NULL").count() == 1


def test_reads_through_sasl_ssl(spark, kafka_sasl_ssl, tmp_path):
    topic, checkpoint, target = "mfg.sensor-events.sasl", str(tmp_path / "chk"), str(tmp_path / "bronze")
    produce(spark, kafka_sasl_ssl, topic, EVENTS)

    run_available_now(spark, kafka_sasl_ssl, topic, checkpoint, target)

    assert spark.read.format("delta").load(target).count() == len(EVENTS)


def test_wrong_password_fails_authentication(spark, kafka_sasl_ssl, tmp_path):
    wrong = {
        **kafka_sasl_ssl,
        "kafka.sasl.jaas.config": (
            "org.apache.kafka.common.security.plain.PlainLoginModule required "
            'username="spark" password="not-the-password";'
        ),
    }
    with pytest.raises(Exception, match="SaslAuthenticationException|Authentication failed"):
        produce(spark, wrong, "mfg.sensor-events.denied", EVENTS[:1])


def test_check_constraint_blocks_out_of_range(spark, tmp_path):
    spark.sql(
        "CREATE TABLE sensor_reading (machine_id STRING NOT NULL, temperature_c DOUBLE) "
        f"USING delta LOCATION '{tmp_path}/sensor_reading'"
    )
    spark.sql(
        "ALTER TABLE sensor_reading ADD CONSTRAINT temperature_in_range "
        "CHECK (temperature_c IS NULL OR temperature_c BETWEEN -60 AND 400)"
    )
    with pytest.raises(Exception, match="DELTA_VIOLATE_CONSTRAINT_WITH_VALUES"):
        spark.sql("INSERT INTO sensor_reading VALUES ('M00007', 900.0)")
    with pytest.raises(Exception, match="DELTA_NOT_NULL_CONSTRAINT_VIOLATED"):
        spark.sql("INSERT INTO sensor_reading VALUES (NULL, 20.0)")
    spark.sql("INSERT INTO sensor_reading VALUES ('M00008', NULL)")  # the guarded CHECK lets a NULL through
    assert spark.table("sensor_reading").count() == 1
