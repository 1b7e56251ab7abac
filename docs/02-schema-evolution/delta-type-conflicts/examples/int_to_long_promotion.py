"""INT to BIGINT: a test-stand vendor's ``cycle_counter`` passes 2,147,483,647 and becomes a 64-bit value.

The example runs on a local Delta table with synthetic data and shows, in order:

1. the pre-merge validator predicting the failure from the two schemas alone;
2. the append failing with ``DELTA_FAILED_TO_MERGE_FIELDS`` caused by ``DELTA_MERGE_INCOMPATIBLE_DATATYPE``
   (``IntegerType`` and ``LongType``), with and without ``mergeSchema``: the merge runs either way. The append
   uses the path-based ``save``, which goes straight to Delta's schema merge; recent Delta releases may insert casts
   for by-name ``saveAsTable`` appends, as they do for SQL ``INSERT``;
3. ``MERGE INTO`` with schema evolution accepting the same batch by casting to the table's ``INT``, which holds
   until a value overflows and the write fails (``DELTA_CAST_OVERFLOW_IN_TABLE_WRITE`` under the default ANSI
   store assignment);
4. type widening: ``delta.enableTypeWidening`` and ``ALTER COLUMN … TYPE BIGINT``. Delta 4.0+ accepts it as a
   metadata-only change and the append then succeeds; the Delta 3.2/3.3 preview covers only BYTE/SHORT to INT and
   refuses with ``DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP``.

Run from the pattern folder with PySpark 3.5/4.0 and a matching delta-spark installed:

    cd docs/02-schema-evolution/delta-type-conflicts
    python -m examples.int_to_long_promotion
"""

from __future__ import annotations

import tempfile

from delta import configure_spark_with_delta_pip
from pyspark.errors import AnalysisException, PySparkException
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from src import (
    Widening,
    WritePath,
    alter_column_error,
    condition_of,
    extract_conflict,
    table_widening,
    validate_schemas,
    widen_table_sql,
    widening_for_release,
)
from src.schema_validator import installed_delta_release

TABLE = "default.test_cycles"
INT_MAX = 2_147_483_647


def local_spark(warehouse: str) -> SparkSession:
    builder = (
        SparkSession.builder.appName("int-to-long-promotion")
        .master("local[2]")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.sql.shuffle.partitions", "2")
    )
    return configure_spark_with_delta_pip(builder).getOrCreate()


def show_failure(step: str, error: PySparkException) -> None:
    conflict = extract_conflict(error)
    if conflict is None:
        print(f"{step}: failed with {condition_of(error)}")
        return
    print(
        f"{step}: {' > '.join(conflict.conditions)} on {conflict.column!r}: "
        f"table {conflict.table_type}, data {conflict.data_type}"
    )


def main() -> None:
    warehouse = tempfile.mkdtemp(prefix="delta-type-conflicts-")
    location = f"{warehouse}/test_cycles"
    spark = local_spark(warehouse)
    spark.sql(
        f"CREATE TABLE {TABLE} (stand_id STRING, cycle_counter INT, cycle_ts TIMESTAMP) USING delta LOCATION '{location}'"
    )
    spark.createDataFrame(
        [("TS-07", INT_MAX - 2, "2026-03-02 06:00:00")], "stand_id STRING, cycle_counter INT, ts STRING"
    ).select("stand_id", "cycle_counter", F.to_timestamp("ts").alias("cycle_ts")).write.mode("append").saveAsTable(TABLE)

    # The vendor's new software: the same stands, a 64-bit counter past INT's range.
    batch = spark.createDataFrame(
        [("TS-07", INT_MAX + 5, "2026-03-02 06:01:10"), ("TS-09", 18_004, "2026-03-02 06:01:12")],
        "stand_id STRING, cycle_counter BIGINT, ts STRING",
    ).select("stand_id", "cycle_counter", F.to_timestamp("ts").alias("cycle_ts"))

    # 1. Predict from schemas alone.
    report = validate_schemas(TABLE, spark.table(TABLE).schema, batch.schema, schema_evolution=True)
    for finding in report.findings:
        print(f"validator: {finding.column} {finding.table_type} -> {finding.data_type}: {finding.outcome.value}")
    print(f"validator: predicted {report.predicted_error}")

    # 2. The append fails whether or not schema evolution is on.
    for merge_schema in ("false", "true"):
        try:
            batch.write.format("delta").mode("append").option("mergeSchema", merge_schema).save(location)
        except AnalysisException as error:
            show_failure(f"append mergeSchema={merge_schema}", error)

    # 3. MERGE with schema evolution casts BIGINT to the table's INT instead: the overflow surfaces at write time.
    # The session setting enables evolution on every Delta 3.x/4.x; newer releases also accept
    # MERGE WITH SCHEMA EVOLUTION INTO in SQL, or .withSchemaEvolution() on the Python builder.
    batch.createOrReplaceTempView("incoming_cycles")
    spark.conf.set("spark.databricks.delta.schema.autoMerge.enabled", "true")
    try:
        spark.sql(
            f"""
            MERGE INTO {TABLE} AS t
            USING incoming_cycles AS s
            ON t.stand_id = s.stand_id AND t.cycle_ts = s.cycle_ts
            WHEN NOT MATCHED THEN INSERT *
            """
        )
        print("merge: accepted (values cast to INT)")
    except PySparkException as error:  # an overflow is raised at run time, not during analysis
        print(f"merge: failed at write time with {condition_of(error)}")
    finally:
        spark.conf.unset("spark.databricks.delta.schema.autoMerge.enabled")

    # 4. Type widening. Check the ALTER before running it.
    release = installed_delta_release() or "4.0.0"
    level = widening_for_release(release)
    current, wanted = spark.table(TABLE).schema["cycle_counter"].dataType, batch.schema["cycle_counter"].dataType
    print(f"widening on delta-spark {release} ({level.value}): ALTER predicted -> {alter_column_error(current, wanted, level) or 'accepted'}")
    widen = [f for f in report.findings if f.column == "cycle_counter"]
    if level in (Widening.STABLE, Widening.LATEST):
        for statement in widen_table_sql(TABLE, widen, level):
            print(f"sql: {statement}")
            spark.sql(statement)
        print(f"table widening level now: {table_widening(spark, TABLE, release).value}")
        batch.write.format("delta").mode("append").save(location)
        spark.table(TABLE).orderBy("cycle_ts").show(truncate=False)
        after = validate_schemas(TABLE, spark.table(TABLE).schema, batch.schema, WritePath.APPEND, level)
        print(f"validator after widening: ok={after.ok}")
    else:
        print("this Delta release cannot widen INT to BIGINT: use a versioned column (cycle_counter_64) instead")
    spark.stop()


if __name__ == "__main__":
    main()
