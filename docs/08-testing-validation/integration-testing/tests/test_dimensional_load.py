"""Dimensional-load tests on local Delta tables: SCD2 history, idempotent fact reruns, orphan keys."""
from datetime import datetime

from pyspark.sql import functions as F

from pipelines.dimensional_load import load_dim_machine_scd2, load_fact_manufacturing_test  # the code under test

CHANGES_COLUMNS = "change_id BIGINT, machine_id STRING, op STRING, changed_at TIMESTAMP, firmware STRING, line_id STRING"


def changes(spark, rows):
    return spark.createDataFrame(rows, CHANGES_COLUMNS)


def test_scd2_keeps_history_of_a_changed_machine(spark, tmp_path):
    dim = str(tmp_path / "dim_machine")
    load_dim_machine_scd2(spark, changes(spark, [
        (1, "M00007", "insert", datetime(2026, 3, 1, 6, 0), "4.1.0", "PLANT_01-L1"),
    ]), dim)
    load_dim_machine_scd2(spark, changes(spark, [
        (2, "M00007", "update", datetime(2026, 3, 2, 6, 0), "4.2.0", "PLANT_01-L1"),
    ]), dim)

    history = spark.read.format("delta").load(dim).where("machine_id = 'M00007'").orderBy("valid_from").collect()
    assert [(r.firmware, r.is_current) for r in history] == [("4.1.0", False), ("4.2.0", True)]
    assert history[0].valid_to == history[1].valid_from


def test_scd2_rerun_of_the_same_batch_changes_nothing(spark, tmp_path):
    dim = str(tmp_path / "dim_machine")
    batch = changes(spark, [(1, "M00008", "insert", datetime(2026, 3, 1, 6, 0), "4.1.0", "PLANT_01-L2")])
    load_dim_machine_scd2(spark, batch, dim)
    load_dim_machine_scd2(spark, batch, dim)
    assert spark.read.format("delta").load(dim).count() == 1


def test_fact_rerun_is_idempotent(spark, tmp_path):
    fact = str(tmp_path / "fact_manufacturing_test")
    tests = spark.createDataFrame(
        [(1, "M00007", "ECU-4410", datetime(2026, 3, 2, 22, 30), 12.1, True),
         (2, "M00007", "ECU-4410", datetime(2026, 3, 2, 22, 31), 12.4, False)],
        "test_id BIGINT, machine_id STRING, product_sku STRING, test_ts TIMESTAMP, measured_value DOUBLE, passed BOOLEAN",
    )
    load_fact_manufacturing_test(spark, tests, fact)
    load_fact_manufacturing_test(spark, tests, fact)  # the same batch again, as after a failed job run
    assert spark.read.format("delta").load(fact).count() == 2


def test_orphan_keys_go_to_the_unknown_member(spark, tmp_path):
    fact = str(tmp_path / "fact_manufacturing_test")
    tests = spark.createDataFrame(
        [(3, "M09999", "ECU-4410", datetime(2026, 3, 2, 22, 32), 12.0, True)],
        "test_id BIGINT, machine_id STRING, product_sku STRING, test_ts TIMESTAMP, measured_value DOUBLE, passed BOOLEAN",
    )
    load_fact_manufacturing_test(spark, tests, fact)
    row = spark.read.format("delta").load(fact).where(F.col("test_id") == 3).first()
    assert row.machine_sk == -1
    assert row.machine_id == "M09999"  # the natural key stays, so the key can be repaired later
