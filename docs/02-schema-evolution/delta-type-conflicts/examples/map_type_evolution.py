"""MAP value evolution: ``customExtension`` goes from MAP<STRING, STRING> to MAP<STRING, STRUCT<value, unit, quality>>.

A press-line controller family's new firmware sends every extension value with its unit and a quality flag. Delta
merges map keys and values recursively and finds ``StringType`` against a ``StructType`` in the value. The example
runs on a local Delta table:

1. a new *key* in the map is no schema change at all: the write succeeds without ``mergeSchema``;
2. the validator reports ``customExtension.value`` string -> struct, incompatible, strategy VERSIONED_COLUMN;
3. the append fails with ``DELTA_FAILED_TO_MERGE_FIELDS`` on ``customExtension`` (the map adds no level of its
   own) caused by ``DELTA_MERGE_INCOMPATIBLE_DATATYPE`` ``StringType`` and ``StructType(StructField(value,…),…)``;
4. the versioned column: ``customExtension_v2`` is added with ``ALTER TABLE … ADD COLUMNS``, and the old
   ``customExtension`` is still written, derived from the new shape with ``transform_values``, so its readers see
   no difference while they migrate.

Casting the struct back to a JSON string to fit the old column would also make the write pass, and push the parsing
onto every reader. Rewriting the table with ``overwriteSchema`` would break every stream that reads it.

Run from the pattern folder with PySpark 3.5/4.0 and a matching delta-spark installed:

    cd docs/02-schema-evolution/delta-type-conflicts
    python -m examples.map_type_evolution
"""

from __future__ import annotations

import tempfile

from delta import configure_spark_with_delta_pip
from pyspark.errors import AnalysisException
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F

from src import choose_strategy, extract_conflict, validate_schemas, versioned_column

SILVER = "default.press_telemetry"
V1 = "machine_id STRING, firmware STRING, customExtension MAP<STRING, STRING>"
V2 = (
    "machine_id STRING, firmware STRING, "
    "customExtension MAP<STRING, STRUCT<value: STRING, unit: STRING, quality: STRING>>"
)

OLD_FIRMWARE = [
    '{"machine_id": "PRS-02", "firmware": "2.8.1", "customExtension": {"ram_force": "812.5", "die_temp": "61.0"}}',
]
OLD_FIRMWARE_NEW_KEY = [
    '{"machine_id": "PRS-03", "firmware": "2.9.0", "customExtension": {"ram_force": "790.0", "cushion_mm": "12.4"}}',
]
NEW_FIRMWARE = [
    '{"machine_id": "PRS-04", "firmware": "3.0.0", "customExtension": {'
    '"ram_force": {"value": "805.0", "unit": "kN", "quality": "GOOD"}, '
    '"die_temp": {"value": "63.5", "unit": "degC", "quality": "UNCERTAIN"}}}',
]


def local_spark(warehouse: str) -> SparkSession:
    builder = (
        SparkSession.builder.appName("map-type-evolution")
        .master("local[2]")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.sql.shuffle.partitions", "2")
    )
    return configure_spark_with_delta_pip(builder).getOrCreate()


def parse(spark: SparkSession, payloads: list[str], schema: str) -> DataFrame:
    raw = spark.createDataFrame([(payload,) for payload in payloads], "json STRING")
    return raw.select(F.from_json("json", schema).alias("e")).select("e.*")


def value_only(extension_v2: Column) -> Column:
    """The old map's view of the new one: each entry's value string."""
    return F.transform_values(extension_v2, lambda _key, entry: entry["value"])


def main() -> None:
    warehouse = tempfile.mkdtemp(prefix="delta-type-conflicts-")
    location = f"{warehouse}/press_telemetry"
    spark = local_spark(warehouse)
    parse(spark, OLD_FIRMWARE, V1).write.format("delta").option("path", location).saveAsTable(SILVER)

    # 1. A new key is data, not schema.
    parse(spark, OLD_FIRMWARE_NEW_KEY, V1).write.format("delta").mode("append").save(location)
    print("new key cushion_mm: written without mergeSchema")

    # 2. The value type change, as the validator sees it.
    new_batch = parse(spark, NEW_FIRMWARE, V2)
    report = validate_schemas(SILVER, spark.table(SILVER).schema, new_batch.schema)
    for finding in report.findings:
        print(f"validator: {finding.column}: {finding.table_type} -> {finding.data_type}, "
              f"{finding.outcome.value}, strategy {choose_strategy(finding).value}")
    print(f"validator: predicted {report.predicted_error}")

    # 3. The real error.
    try:
        new_batch.write.format("delta").mode("append").option("mergeSchema", "true").save(location)
    except AnalysisException as error:
        conflict = extract_conflict(error)
        print(f"append: {' > '.join(conflict.conditions)} on {conflict.column!r}")
        print(f"        {conflict.table_type} vs {conflict.data_type}")

    # 4. Versioned column: add it, then write both shapes.
    versioned, ddl = versioned_column(new_batch, "customExtension", 2, SILVER, legacy_value=value_only)
    print(f"sql: {ddl}")
    spark.sql(ddl)
    versioned.write.format("delta").mode("append").save(location)

    spark.table(SILVER).select(
        "machine_id",
        "firmware",
        F.col("customExtension")["ram_force"].alias("ram_force_v1_readers"),
        F.col("customExtension_v2")["ram_force"]["unit"].alias("ram_force_unit"),
    ).orderBy("machine_id").show(truncate=False)
    spark.stop()


if __name__ == "__main__":
    main()
