"""Test equipment data: test-rig telemetry flattened, then joined to the end-of-line test results.

Test rigs report their state in ``customExtension`` like every other machine: the test program, supply
voltage and current, the fixture in use, and a calibration record as a JSON string. The test results
arrive in a table of their own, one row per tested unit, with the columns of the lab's ``test_results``
dataset (``test_id``, ``machine_id``, ``product_sku``, ``serial_number``, ``test_ts``, ``shift``,
``measured_value``, ``lower_limit``, ``upper_limit``, ``passed``, ``duration_ms``). This batch job attaches
to each test the state of the rig that ran it, for one test date, and computes the pass rate per test
program and fixture.

The five test-stand keys are fixed and known, so they are listed here rather than read from the key
registry, and projected with ``src.flatten`` in one select. A rig does not send every key in every
event, so the state attached to a test is, key by key, the latest value the rig sent within the
lookback before the test, not the single nearest event.

The shuffle in this job belongs to the join on ``machine_id`` and a time range, and to the aggregation
after it, which groups by columns that include ``machine_id``. It moves one day of test rows and typed
test-rig columns, never exploded key-value pairs.

Spark 3.5 or 4.0, Delta Lake 3.2+. Run from the pattern folder, shipping ``src`` to the executors:

    cd docs/02-schema-evolution/map-type-flattening
    zip -r src.zip src
    spark-submit --py-files src.zip examples/test_equipment_data.py --day 2026-01-20
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, time, timedelta

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F

from src import EXTENSION_COLUMN, RegisteredKey, flatten

TELEMETRY_TABLE = "mfg_prod.silver.machine_telemetry"
TEST_RESULTS_TABLE = "mfg_prod.silver.eol_test_results"
RIG_STATE_TABLE = "mfg_prod.silver.eol_test_results_rig_state"
PASS_RATE_TABLE = "mfg_prod.gold.eol_pass_rate_by_fixture"

# `offset` and `by` are SQL keywords: quoted, the schema parses whatever keyword settings are in force.
CALIBRATION_SCHEMA = "`offset` DOUBLE, `by` STRING"

TEST_RIG_KEYS = [
    RegisteredKey("test_program", "ext_test_program", "STRING"),
    RegisteredKey("fixture_id", "ext_fixture_id", "STRING"),
    RegisteredKey("voltage_v", "ext_voltage_v", "DOUBLE"),
    RegisteredKey("current_a", "ext_current_a", "DOUBLE"),
    RegisteredKey("calibration", "ext_calibration", "JSON", CALIBRATION_SCHEMA),
]


def timestamp_literal(moment: datetime) -> Column:
    """A TIMESTAMP read in the session time zone, the zone the event and test times are shown in."""
    return F.to_timestamp(F.lit(moment.strftime("%Y-%m-%d %H:%M:%S")))


def rig_events(telemetry: DataFrame, start: datetime, end: datetime) -> DataFrame:
    """Test-rig events from ``start`` (inclusive) to ``end`` (exclusive), the test-stand keys as typed columns."""
    rigs = telemetry.where(
        (F.col("machine_type") == "test_rig")
        & (F.col("event_ts") >= timestamp_literal(start))
        & (F.col("event_ts") < timestamp_literal(end))
    ).select("machine_id", "event_ts", EXTENSION_COLUMN)
    return flatten(rigs, TEST_RIG_KEYS, keep_map=False)


def latest_value(column: str) -> Column:
    """The value of rig column ``column`` in the latest joined event that carried one.

    ``max`` over (event time, value) structs orders by the time first and skips the NULL that
    ``when`` leaves for events without the key.
    """
    value = F.col(f"rig.{column}")
    carried = F.when(value.isNotNull(), F.struct(F.col("rig.event_ts").alias("at"), value.alias("value")))
    return F.max(carried)["value"].alias(column)


def tests_with_rig_state(tests: DataFrame, rigs: DataFrame, lookback: timedelta) -> DataFrame:
    """Each test with the latest value of every test-stand key its rig sent in ``lookback`` before it.

    ``rig_state_at`` is the time of the latest rig event in the window, NULL when the rig sent none:
    such tests keep NULL state instead of borrowing an older one.
    """
    window_start = F.col("test.test_ts") - F.expr(f"INTERVAL {int(lookback.total_seconds())} SECONDS")
    same_rig_in_window = (
        (F.col("rig.machine_id") == F.col("test.machine_id"))
        & (F.col("rig.event_ts") <= F.col("test.test_ts"))
        & (F.col("rig.event_ts") >= window_start)
    )
    joined = tests.alias("test").join(rigs.alias("rig"), same_rig_in_window, "left")
    return joined.groupBy(*[F.col(f"test.{name}") for name in tests.columns]).agg(
        F.max("rig.event_ts").alias("rig_state_at"),
        *[latest_value(key.column) for key in TEST_RIG_KEYS],
    )


def pass_rate_by_fixture(with_state: DataFrame) -> DataFrame:
    """Tests and pass rate per test date, test program and fixture, with the mean calibration offset."""
    return with_state.groupBy("test_date", "ext_test_program", "ext_fixture_id").agg(
        F.count(F.lit(1)).alias("tests"),
        F.avg(F.col("passed").cast("int")).alias("pass_rate"),
        F.avg(F.col("ext_calibration")["offset"]).alias("mean_calibration_offset"),
    )


def replace_day(frame: DataFrame, table: str, day: date) -> None:
    """Overwrites one test date of ``table``: running a day again gives the same rows, not duplicates."""
    (
        frame.write.format("delta")
        .mode("overwrite")
        .option("replaceWhere", f"test_date = DATE'{day.isoformat()}'")
        .saveAsTable(table)
    )


def run_day(spark: SparkSession, day: date, lookback: timedelta) -> None:
    """Joins one test date to its rig state and writes the silver and gold tables for that date."""
    day_start = datetime.combine(day, time.min)
    tests = spark.table(TEST_RESULTS_TABLE).where(F.to_date("test_ts") == F.lit(day))
    rigs = rig_events(spark.table(TELEMETRY_TABLE), day_start - lookback, day_start + timedelta(days=1))
    with_state = tests_with_rig_state(tests, rigs, lookback).withColumn("test_date", F.to_date("test_ts"))
    replace_day(with_state, RIG_STATE_TABLE, day)
    written = spark.table(RIG_STATE_TABLE).where(F.col("test_date") == F.lit(day))
    replace_day(pass_rate_by_fixture(written), PASS_RATE_TABLE, day)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--day", type=date.fromisoformat, required=True, help="test date, YYYY-MM-DD")
    parser.add_argument("--lookback-minutes", type=int, default=30, help="how far back rig state may come from")
    arguments = parser.parse_args()
    spark = SparkSession.builder.appName("eol-test-results-rig-state").getOrCreate()
    run_day(spark, arguments.day, timedelta(minutes=arguments.lookback_minutes))


if __name__ == "__main__":
    main()
