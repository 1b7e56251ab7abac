"""STRING into INT: a CNC firmware update sends ``spindle_rpm`` as a JSON string instead of a number.

Firmware 5.1 on line 3 quotes the value (``"1450"``), and some controllers send ``"1450.5"`` or ``"N/A"``. The
silver column is ``INT``. The example runs the silver writer's ``foreachBatch`` logic on a local Delta table:

1. the validator finds ``spindle_rpm`` int -> string, outcome incompatible, strategy CAST;
2. the plain append fails with ``DELTA_FAILED_TO_MERGE_FIELDS`` caused by ``DELTA_MERGE_INCOMPATIBLE_DATATYPE``
   (``IntegerType`` and ``StringType``);
3. ``write_or_route`` with the cast resolver catches that error, casts with ``try_cast`` and writes the rows that
   converted. ``"1450.5"`` and ``"N/A"`` become NULL under ``try_cast`` to ``INT`` (it follows ANSI rules in Spark
   3.5 and 4.0), so those rows go to the quarantine table with the batch id instead of being truncated or lost;
4. both writes carry ``txnAppId``/``txnVersion``, so a retried batch is not written twice.

A value like ``"1450.5"`` is the signal to stop casting: the firmware now reports fractional speeds, which is a
widening to ``DOUBLE`` or ``DECIMAL`` that Delta 4.0 does not apply to an INT column automatically. That calls for a
versioned column (``spindle_rpm_d DOUBLE``), decided by a person, not by the resolver.

Run from the pattern folder with PySpark 3.5/4.0 and a matching delta-spark installed:

    cd docs/02-schema-evolution/delta-type-conflicts
    python -m examples.string_to_int_cast
"""

from __future__ import annotations

import tempfile

from delta import configure_spark_with_delta_pip
from pyspark.errors import AnalysisException
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from src import (
    QuarantineTarget,
    Strategy,
    choose_strategy,
    condition_of,
    extract_conflict,
    make_cast_resolver,
    validate_schemas,
    write_or_route,
)

SILVER = "default.machine_telemetry"
QUARANTINE = "default.telemetry_type_conflicts"
APP_ID = "silver-machine-telemetry"

# Firmware 5.1 payloads, as the Kafka value arrives in bronze.
PAYLOADS = [
    '{"machine_id": "CNC-L3-01", "firmware": "5.1.0", "event_ts": "2026-03-02T06:00:00Z", "spindle_rpm": "1450"}',
    '{"machine_id": "CNC-L3-02", "firmware": "5.1.0", "event_ts": "2026-03-02T06:00:01Z", "spindle_rpm": "1450.5"}',
    '{"machine_id": "CNC-L3-03", "firmware": "5.1.0", "event_ts": "2026-03-02T06:00:02Z", "spindle_rpm": "N/A"}',
    '{"machine_id": "CNC-L3-04", "firmware": "5.0.2", "event_ts": "2026-03-02T06:00:03Z", "spindle_rpm": 1398}',
]
# The parser declares the field STRING: Spark's JSON reader keeps a number's text, so both firmware versions parse.
EVENT_SCHEMA = "machine_id STRING, firmware STRING, event_ts TIMESTAMP, spindle_rpm STRING"


def local_spark(warehouse: str) -> SparkSession:
    builder = (
        SparkSession.builder.appName("string-to-int-cast")
        .master("local[2]")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.sql.shuffle.partitions", "2")
    )
    return configure_spark_with_delta_pip(builder).getOrCreate()


def parse(spark: SparkSession) -> DataFrame:
    raw = spark.createDataFrame([(payload,) for payload in PAYLOADS], "json STRING")
    return raw.select(F.from_json("json", EVENT_SCHEMA).alias("e")).select("e.*")


def main() -> None:
    warehouse = tempfile.mkdtemp(prefix="delta-type-conflicts-")
    location = f"{warehouse}/machine_telemetry"
    spark = local_spark(warehouse)
    spark.sql(
        f"CREATE TABLE {SILVER} (machine_id STRING, firmware STRING, event_ts TIMESTAMP, spindle_rpm INT) "
        f"USING delta LOCATION '{location}'"
    )
    table_schema = spark.table(SILVER).schema
    batch = parse(spark)

    # 1. Validate and choose.
    report = validate_schemas(SILVER, table_schema, batch.schema)
    for finding in report.findings:
        print(f"validator: {finding.column} {finding.table_type} -> {finding.data_type}: "
              f"{finding.outcome.value}, strategy {choose_strategy(finding).value}")
    assert all(choose_strategy(f) is Strategy.CAST for f in report.incompatible)

    # 2. What the plain append does.
    try:
        batch.write.format("delta").mode("append").save(location)
    except AnalysisException as error:
        conflict = extract_conflict(error)
        print(f"append: {condition_of(error)} -> {conflict.condition if conflict else None} "
              f"({conflict.table_type if conflict else ''} and {conflict.data_type if conflict else ''})")

    # 3. The silver writer's foreachBatch body: write, and on a merge conflict cast and quarantine.
    def write_silver(df: DataFrame, batch_id: int) -> None:
        df.write.format("delta").mode("append").option("txnAppId", APP_ID).option("txnVersion", batch_id).save(location)

    def quarantine_rejected(rejected: DataFrame, batch_id: int) -> None:
        (
            rejected.withColumn("batch_id", F.lit(batch_id).cast("long"))
            .withColumn("reason", F.lit("spindle_rpm not an INT"))
            .write.format("delta")
            .mode("append")
            .option("txnAppId", f"{APP_ID}-rejected")
            .option("txnVersion", batch_id)
            .saveAsTable(QUARANTINE)
        )

    conflict = write_or_route(
        batch,
        batch_id=7,
        write=write_silver,
        quarantine=QuarantineTarget(table=f"{QUARANTINE}_batches", app_id=APP_ID),
        resolve=make_cast_resolver(table_schema, quarantine_rejected, batch_id=7),
    )
    print(f"handled: {conflict}")
    spark.table(SILVER).orderBy("machine_id").show(truncate=False)
    spark.table(QUARANTINE).select("machine_id", "firmware", "spindle_rpm", "reason").show(truncate=False)

    # 4. A retry of the same batch id is skipped by Delta: the counts do not change.
    write_silver(parse(spark).withColumn("spindle_rpm", F.expr("try_cast(spindle_rpm AS INT)")).na.drop(subset=["spindle_rpm"]), 7)
    print(f"rows after retry: {spark.table(SILVER).count()}")
    spark.stop()


if __name__ == "__main__":
    main()
