"""Nested struct changes: what Delta does with fields two levels down, and how the error names them.

The silver table keeps a machining cell's readings nested:
``telemetry STRUCT<spindle: STRUCT<rpm: INT, temp_c: DOUBLE>, coolant: STRUCT<pressure_bar: DOUBLE>>`` and
``readings ARRAY<STRUCT<ts: TIMESTAMP, value: DOUBLE>>``. Three firmware changes, on a local Delta table:

1. a new nested field ``telemetry.spindle.load_pct``: a schema change. Without ``mergeSchema`` the append fails with
   ``DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH`` (``_LEGACY_ERROR_TEMP_DELTA_0007`` on Delta 3.x); with it the field
   is appended to the end of the ``spindle`` struct;
2. ``telemetry.spindle.rpm`` arrives as a string: one ``DELTA_FAILED_TO_MERGE_FIELDS`` per struct level
   (``telemetry``, ``spindle``, ``rpm``), then ``DELTA_MERGE_INCOMPATIBLE_DATATYPE`` ``IntegerType`` and
   ``StringType``. The cast strategy rewrites only that field, with ``Column.withField``;
3. ``readings[].value`` arrives as a string: the array adds no level, so the chain is ``readings`` then ``value``.
   The field sits inside an array, so the strategy is a versioned column, not an in-place cast.

Run from the pattern folder with PySpark 3.5/4.0 and a matching delta-spark installed:

    cd docs/02-schema-evolution/delta-type-conflicts
    python -m examples.nested_struct_changes
"""

from __future__ import annotations

import tempfile

from delta import configure_spark_with_delta_pip
from pyspark.errors import AnalysisException
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from src import cast_to_table_types, choose_strategy, condition_of, extract_conflict, validate_schemas

SILVER = "default.cell_telemetry"
TABLE_DDL = (
    "cell_id STRING, "
    "telemetry STRUCT<spindle: STRUCT<rpm: INT, temp_c: DOUBLE>, coolant: STRUCT<pressure_bar: DOUBLE>>, "
    "readings ARRAY<STRUCT<ts: TIMESTAMP, value: DOUBLE>>"
)
NEW_FIELD_DDL = TABLE_DDL.replace("temp_c: DOUBLE>", "temp_c: DOUBLE, load_pct: DOUBLE>")
RPM_STRING_DDL = TABLE_DDL.replace("rpm: INT", "rpm: STRING")
READING_STRING_DDL = TABLE_DDL.replace("value: DOUBLE", "value: STRING")


def local_spark(warehouse: str) -> SparkSession:
    builder = (
        SparkSession.builder.appName("nested-struct-changes")
        .master("local[2]")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.sql.shuffle.partitions", "2")
    )
    return configure_spark_with_delta_pip(builder).getOrCreate()


def batch(spark: SparkSession, ddl: str, rpm: str, load: str = "", reading: str = "41.5") -> DataFrame:
    """One synthetic event in the given schema; the JSON fills whichever fields the schema declares."""
    load_field = f', "load_pct": {load}' if load else ""
    payload = (
        '{"cell_id": "MC-L2-04", "telemetry": {"spindle": {"rpm": ' + rpm + ', "temp_c": 38.2' + load_field + "}, "
        '"coolant": {"pressure_bar": 6.1}}, "readings": [{"ts": "2026-03-02T06:00:00Z", "value": ' + reading + "}]}"
    )
    return spark.createDataFrame([(payload,)], "json STRING").select(F.from_json("json", ddl).alias("e")).select("e.*")


def attempt(label: str, df: DataFrame, location: str, merge_schema: bool) -> None:
    try:
        df.write.format("delta").mode("append").option("mergeSchema", str(merge_schema).lower()).save(location)
        print(f"{label}: written")
    except AnalysisException as error:
        conflict = extract_conflict(error)
        if conflict is None:
            print(f"{label}: {condition_of(error)}")
        else:
            wrappers = " > ".join(f"'{name}'" for name in conflict.field_path)
            print(f"{label}: {conflict.conditions[0]} {wrappers} > {conflict.condition} "
                  f"{conflict.table_type} and {conflict.data_type}")


def main() -> None:
    warehouse = tempfile.mkdtemp(prefix="delta-type-conflicts-")
    location = f"{warehouse}/cell_telemetry"
    spark = local_spark(warehouse)
    batch(spark, TABLE_DDL, "1450").write.format("delta").option("path", location).saveAsTable(SILVER)

    cases = [
        ("new nested field", batch(spark, NEW_FIELD_DDL, "1450", load="72.5")),
        ("rpm as string", batch(spark, RPM_STRING_DDL, '"1450"')),
        ("reading as string", batch(spark, READING_STRING_DDL, "1450", reading='"41.5"')),
    ]
    for label, df in cases:
        report = validate_schemas(SILVER, spark.table(SILVER).schema, df.schema)
        for finding in report.findings:
            print(f"{label}: validator {finding.column} {finding.outcome.value}, strategy {choose_strategy(finding).value}")
        attempt(f"{label}, mergeSchema=false", df, location, merge_schema=False)

    attempt("new nested field, mergeSchema=true", cases[0][1], location, merge_schema=True)
    spark.table(SILVER).printSchema()

    # The cast strategy for the nested rpm: only telemetry.spindle.rpm is rewritten.
    rpm_df = cases[1][1]
    report = validate_schemas(SILVER, spark.table(SILVER).schema, rpm_df.schema)
    result = cast_to_table_types(rpm_df, report.incompatible)
    print(f"cast columns: {result.cast_columns}, rejected rows: {result.rejected.count()}")
    result.conformed.write.format("delta").mode("append").save(location)
    spark.table(SILVER).select("cell_id", "telemetry.spindle.*").show(truncate=False)
    spark.stop()


if __name__ == "__main__":
    main()
