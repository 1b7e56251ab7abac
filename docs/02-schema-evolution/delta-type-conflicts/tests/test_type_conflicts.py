"""Tests for the type-conflict modules: the merge rules as tables, then the same rules against real Delta writes.

The first group needs only the PySpark type classes. The second starts a local SparkSession with delta-spark and
checks that what the validator predicts is what Delta raises. Run from the pattern folder:

    cd docs/02-schema-evolution/delta-type-conflicts
    TZ=UTC python -m pytest tests -q
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from pyspark.errors import AnalysisException
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    ByteType,
    DateType,
    DecimalType,
    DoubleType,
    FloatType,
    IntegerType,
    LongType,
    MapType,
    NullType,
    ShortType,
    StringType,
    StructField,
    StructType,
    TimestampNTZType,
)

from src import (
    Outcome,
    QuarantineTarget,
    Strategy,
    Widening,
    WritePath,
    alter_column_error,
    cast_to_table_types,
    check_schema,
    choose_strategy,
    extract_conflict,
    merge_leaf,
    predict_error,
    quote_identifier,
    scala_type_name,
    validate_schemas,
    versioned_column,
    widen_table_sql,
    widening_for_release,
    write_or_route,
)
from src.schema_validator import installed_delta_release

OFF, PREVIEW, STABLE, LATEST = Widening.OFF, Widening.PREVIEW, Widening.STABLE, Widening.LATEST
APPEND, MERGE = WritePath.APPEND, WritePath.MERGE
DATATYPE, DECIMAL = "DELTA_MERGE_INCOMPATIBLE_DATATYPE", "DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE"


def schema(*fields: tuple[str, object]) -> StructType:
    return StructType([StructField(name, data_type) for name, data_type in fields])


# --- The merge rules, one row per pair ------------------------------------------------------------------------

LEAF_CASES = [
    # table, data, path, widening, outcome, error
    (IntegerType(), IntegerType(), APPEND, OFF, Outcome.UNCHANGED, None),
    (ShortType(), IntegerType(), APPEND, OFF, Outcome.TABLE_TYPE_CHANGES, None),  # INT32 family
    (IntegerType(), ByteType(), APPEND, OFF, Outcome.UNCHANGED, None),
    (IntegerType(), LongType(), APPEND, OFF, Outcome.INCOMPATIBLE, DATATYPE),
    (LongType(), IntegerType(), APPEND, OFF, Outcome.INCOMPATIBLE, DATATYPE),
    (FloatType(), DoubleType(), APPEND, OFF, Outcome.INCOMPATIBLE, DATATYPE),
    (IntegerType(), StringType(), APPEND, OFF, Outcome.INCOMPATIBLE, DATATYPE),
    (DecimalType(18, 10), DecimalType(18, 12), APPEND, OFF, Outcome.INCOMPATIBLE, DECIMAL),
    (DecimalType(10, 2), DecimalType(12, 2), APPEND, OFF, Outcome.INCOMPATIBLE, DECIMAL),
    (NullType(), StringType(), APPEND, OFF, Outcome.TABLE_TYPE_CHANGES, None),
    (StringType(), NullType(), APPEND, OFF, Outcome.UNCHANGED, None),
    # Type widening, by release line.
    (IntegerType(), LongType(), APPEND, PREVIEW, Outcome.INCOMPATIBLE, DATATYPE),
    (ByteType(), ShortType(), APPEND, PREVIEW, Outcome.TABLE_TYPE_CHANGES, None),
    (IntegerType(), LongType(), APPEND, STABLE, Outcome.TABLE_TYPE_CHANGES, None),
    (FloatType(), DoubleType(), APPEND, STABLE, Outcome.TABLE_TYPE_CHANGES, None),
    (DateType(), TimestampNTZType(), APPEND, STABLE, Outcome.TABLE_TYPE_CHANGES, None),
    (DecimalType(10, 2), DecimalType(12, 2), APPEND, STABLE, Outcome.TABLE_TYPE_CHANGES, None),
    (DecimalType(10, 2), DecimalType(12, 4), APPEND, STABLE, Outcome.TABLE_TYPE_CHANGES, None),
    (DecimalType(10, 2), DecimalType(11, 4), APPEND, STABLE, Outcome.INCOMPATIBLE, DECIMAL),  # loses an integer digit
    (IntegerType(), DoubleType(), APPEND, STABLE, Outcome.INCOMPATIBLE, DATATYPE),
    (IntegerType(), DoubleType(), APPEND, LATEST, Outcome.TABLE_TYPE_CHANGES, None),
    (LongType(), IntegerType(), APPEND, LATEST, Outcome.INCOMPATIBLE, DATATYPE),  # never narrows
    # MERGE with schema evolution: implicit casts keep the table type.
    (LongType(), IntegerType(), MERGE, OFF, Outcome.CAST_TO_TABLE_TYPE, None),
    (IntegerType(), LongType(), MERGE, OFF, Outcome.CAST_TO_TABLE_TYPE, None),  # narrowing: overflow at write
    (IntegerType(), StringType(), MERGE, OFF, Outcome.CAST_TO_TABLE_TYPE, None),
    (StringType(), IntegerType(), MERGE, OFF, Outcome.CAST_TO_TABLE_TYPE, None),
    (DecimalType(10, 2), DecimalType(12, 4), MERGE, OFF, Outcome.CAST_TO_TABLE_TYPE, None),
    (IntegerType(), LongType(), MERGE, STABLE, Outcome.TABLE_TYPE_CHANGES, None),  # widening comes first
    (IntegerType(), DateType(), MERGE, OFF, Outcome.INCOMPATIBLE, DATATYPE),
]


@pytest.mark.parametrize("table, data, path, widening, outcome, error", LEAF_CASES)
def test_merge_leaf_follows_deltas_rule_order(table, data, path, widening, outcome, error):
    result_outcome, _rule, result_error = merge_leaf(table, data, path, widening)
    assert (result_outcome, result_error) == (outcome, error)


NESTED_CASES = [
    # table schema, data schema, struct levels printed by DELTA_FAILED_TO_MERGE_FIELDS, innermost error
    (schema(("top", StringType())), schema(("top", IntegerType())), ("top",), DATATYPE),
    (
        schema(("struct", StructType([StructField("a", IntegerType())]))),
        schema(("struct", StructType([StructField("a", DateType())]))),
        ("struct", "a"),
        DATATYPE,
    ),
    (
        schema(("array", ArrayType(StructType([StructField("b", DecimalType(18, 10))])))),
        schema(("array", ArrayType(StructType([StructField("b", DecimalType(18, 12))])))),
        ("array", "b"),
        DECIMAL,
    ),
    (
        schema(("customExtension", MapType(StringType(), StringType()))),
        schema(("customExtension", MapType(StringType(), StructType([StructField("value", StringType())])))),
        ("customExtension",),
        DATATYPE,
    ),
    (
        schema(("map", MapType(StringType(), StringType()))),
        schema(("map", MapType(IntegerType(), StringType()))),
        ("map",),
        DATATYPE,
    ),
]


@pytest.mark.parametrize("table_schema, data_schema, levels, cause", NESTED_CASES)
def test_predicted_error_names_one_level_per_struct_field(table_schema, data_schema, levels, cause):
    predicted = predict_error(check_schema(table_schema, data_schema), schema_evolution=True)
    assert predicted is not None
    assert (predicted.error_class, predicted.wrapped_fields, predicted.cause_class) == (
        "DELTA_FAILED_TO_MERGE_FIELDS",
        levels,
        cause,
    )


def test_a_new_field_needs_schema_evolution():
    table, data = schema(("a", IntegerType())), schema(("a", IntegerType()), ("b", DoubleType()))
    assert predict_error(check_schema(table, data), schema_evolution=True) is None
    assert predict_error(check_schema(table, data), schema_evolution=False).error_class == (
        "DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH"
    )


def test_fields_match_case_insensitively_and_missing_fields_are_kept():
    table = schema(("Spindle_RPM", IntegerType()), ("plant_id", StringType()))
    assert check_schema(table, schema(("spindle_rpm", IntegerType()))) == []


@pytest.mark.parametrize(
    "current, new, widening, error",
    [
        (IntegerType(), LongType(), OFF, "DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP"),
        (IntegerType(), LongType(), PREVIEW, "DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP"),
        (IntegerType(), LongType(), STABLE, None),
        (LongType(), IntegerType(), STABLE, "NOT_SUPPORTED_CHANGE_COLUMN"),
        (IntegerType(), StringType(), STABLE, "DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP"),  # an up-cast, no widening
        (IntegerType(), DoubleType(), PREVIEW, "DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP"),
        (IntegerType(), DoubleType(), STABLE, None),  # supported by hand, never automatic on 4.0
        (IntegerType(), DecimalType(9, 0), STABLE, "NOT_SUPPORTED_CHANGE_COLUMN"),  # not an up-cast
    ],
)
def test_alter_column_type_errors(current, new, widening, error):
    assert alter_column_error(current, new, widening) == error


def test_types_print_as_delta_prints_them():
    assert scala_type_name(DecimalType(18, 10)) == "DecimalType(18,10)"
    assert scala_type_name(StructType([StructField("a", IntegerType())])) == "StructType(StructField(a,IntegerType,true))"
    assert scala_type_name(MapType(StringType(), IntegerType())) == "MapType(StringType,IntegerType,true)"


def test_strategies_per_kind_of_change():
    table = schema(
        ("cycle_counter", IntegerType()),
        ("spindle_rpm", IntegerType()),
        ("customExtension", MapType(StringType(), StringType())),
    )
    data = schema(
        ("cycle_counter", LongType()),
        ("spindle_rpm", StringType()),
        ("customExtension", MapType(StringType(), StructType([StructField("value", StringType())]))),
    )
    strategies = {f.column: choose_strategy(f, STABLE) for f in check_schema(table, data)}
    assert strategies == {
        "cycle_counter": Strategy.WIDEN,
        "spindle_rpm": Strategy.CAST,
        "customExtension.value": Strategy.VERSIONED_COLUMN,
    }


def test_widen_sql_refuses_a_change_that_is_not_a_widening():
    findings = check_schema(schema(("a", IntegerType())), schema(("a", StringType())))
    with pytest.raises(ValueError):
        widen_table_sql("mfg_prod.silver.t", findings, STABLE)


def test_widen_sql_quotes_every_name():
    findings = check_schema(schema(("cycle counter", IntegerType())), schema(("cycle counter", LongType())))
    assert widen_table_sql("mfg_prod.silver.test_cycles", findings, STABLE)[-1] == (
        "ALTER TABLE `mfg_prod`.`silver`.`test_cycles` ALTER COLUMN `cycle counter` TYPE BIGINT"
    )
    assert quote_identifier("a`b") == "`a``b`"


@pytest.mark.parametrize(
    "release, level", [("3.1.0", OFF), ("3.2.0", PREVIEW), ("3.3.2", PREVIEW), ("4.0.0", STABLE), ("4.1.0", LATEST)]
)
def test_widening_level_by_release(release, level):
    assert widening_for_release(release) is level


# --- Against real Delta writes --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparkSession]:
    from delta import configure_spark_with_delta_pip

    builder = (
        SparkSession.builder.appName("test-type-conflicts")
        .master("local[2]")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("warehouse")))
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
    )
    session = configure_spark_with_delta_pip(builder).getOrCreate()
    yield session
    session.stop()


def one_row(spark: SparkSession, ddl: str, json: str) -> DataFrame:
    return spark.createDataFrame([(json,)], "json STRING").select(F.from_json("json", ddl).alias("e")).select("e.*")


WRITE_CASES = [
    # table DDL, data DDL, one JSON row for the data
    ("c0 INT", "c0 STRING", '{"c0": "7"}'),
    ("telemetry STRUCT<spindle_rpm: INT>", "telemetry STRUCT<spindle_rpm: STRING>", '{"telemetry": {"spindle_rpm": "x"}}'),
    ("cycle_counter INT", "cycle_counter BIGINT", '{"cycle_counter": 3000000000}'),
    ("price DECIMAL(18,10)", "price DECIMAL(18,12)", '{"price": 1.5}'),
    ("customExtension MAP<STRING, STRING>", "customExtension MAP<STRING, STRUCT<value: STRING>>",
     '{"customExtension": {"k": {"value": "1"}}}'),
    ("readings ARRAY<STRUCT<value: DOUBLE>>", "readings ARRAY<STRUCT<value: STRING>>", '{"readings": [{"value": "1"}]}'),
]


@pytest.mark.parametrize("table_ddl, data_ddl, json", WRITE_CASES)
def test_the_validator_predicts_the_error_delta_raises(spark, tmp_path: Path, table_ddl, data_ddl, json):
    location = str(tmp_path / "table")
    one_row(spark, table_ddl, "{}").write.format("delta").save(location)
    data = one_row(spark, data_ddl, json)
    table_schema = spark.read.format("delta").load(location).schema
    predicted = validate_schemas("t", table_schema, data.schema, schema_evolution=True).predicted_error

    with pytest.raises(AnalysisException) as raised:
        data.write.format("delta").mode("append").option("mergeSchema", "true").save(location)
    conflict = extract_conflict(raised.value)

    assert conflict is not None and predicted is not None
    assert conflict.conditions[0] == predicted.error_class == "DELTA_FAILED_TO_MERGE_FIELDS"
    assert conflict.field_path == predicted.wrapped_fields
    assert conflict.condition == predicted.cause_class


def test_the_merge_runs_without_merge_schema_too(spark, tmp_path: Path):
    location = str(tmp_path / "table")
    one_row(spark, "c0 INT", '{"c0": 1}').write.format("delta").save(location)
    with pytest.raises(AnalysisException) as raised:
        one_row(spark, "c0 STRING", '{"c0": "a"}').write.format("delta").mode("append").save(location)
    conflict = extract_conflict(raised.value)
    assert (conflict.table_type, conflict.data_type) == ("IntegerType", "StringType")


def test_a_new_column_without_merge_schema_is_a_schema_mismatch(spark, tmp_path: Path):
    location = str(tmp_path / "table")
    one_row(spark, "c0 INT", '{"c0": 1}').write.format("delta").save(location)
    with pytest.raises(AnalysisException) as raised:
        one_row(spark, "c0 INT, c1 DOUBLE", '{"c0": 2, "c1": 0.5}').write.format("delta").mode("append").save(location)
    assert extract_conflict(raised.value) is None
    assert "A schema mismatch detected when writing to the Delta table" in str(raised.value)


def test_merge_with_schema_evolution_keeps_the_wider_table_type(spark, tmp_path: Path):
    location = str(tmp_path / "counters")
    one_row(spark, "id STRING, n BIGINT", '{"id": "a", "n": 1}').write.format("delta").save(location)
    one_row(spark, "id STRING, n INT", '{"id": "b", "n": 2}').createOrReplaceTempView("source_rows")
    spark.conf.set("spark.databricks.delta.schema.autoMerge.enabled", "true")
    try:
        spark.sql(f"MERGE INTO delta.`{location}` t USING source_rows s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *")
    finally:
        spark.conf.unset("spark.databricks.delta.schema.autoMerge.enabled")
    merged = spark.read.format("delta").load(location)
    assert dict(merged.dtypes)["n"] == "bigint"
    assert merged.count() == 2


def test_alter_column_type_matches_the_prediction_for_this_release(spark, tmp_path: Path):
    location = str(tmp_path / "table")
    one_row(spark, "cycle_counter INT", '{"cycle_counter": 1}').write.format("delta").save(location)
    level = widening_for_release(installed_delta_release() or "4.0.0")
    spark.sql(f"ALTER TABLE delta.`{location}` SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true')")
    expected = alter_column_error(IntegerType(), LongType(), level)
    statement = f"ALTER TABLE delta.`{location}` ALTER COLUMN cycle_counter TYPE BIGINT"
    if expected is None:
        spark.sql(statement)
        assert dict(spark.read.format("delta").load(location).dtypes)["cycle_counter"] == "bigint"
    else:
        with pytest.raises(AnalysisException) as raised:
            spark.sql(statement)
        assert expected in str(raised.value)


def test_cast_strategy_splits_rows_that_do_not_convert(spark):
    data = spark.createDataFrame([("m1", "1450"), ("m2", "1450.5"), ("m3", "N/A"), ("m4", None)], "machine_id STRING, rpm STRING")
    findings = check_schema(schema(("machine_id", StringType()), ("rpm", IntegerType())), data.schema)
    result = cast_to_table_types(data, findings)
    assert sorted(tuple(r) for r in result.conformed.collect()) == [("m1", 1450), ("m4", None)]
    assert sorted(r.machine_id for r in result.rejected.collect()) == ["m2", "m3"]
    assert dict(result.conformed.dtypes)["rpm"] == "int"


def test_cast_strategy_rewrites_only_the_nested_field(spark):
    data = one_row(spark, "telemetry STRUCT<spindle: STRUCT<rpm: STRING, temp_c: DOUBLE>>",
                   '{"telemetry": {"spindle": {"rpm": "1450", "temp_c": 38.5}}}')
    table = StructType([StructField("telemetry", StructType([StructField("spindle", StructType(
        [StructField("rpm", IntegerType()), StructField("temp_c", DoubleType())]))]))])
    result = cast_to_table_types(data, check_schema(table, data.schema))
    row = result.conformed.select("telemetry.spindle.rpm", "telemetry.spindle.temp_c").first()
    assert (row.rpm, row.temp_c) == (1450, 38.5)


def test_versioned_column_keeps_the_old_column_fed(spark, tmp_path: Path):
    location = str(tmp_path / "press")
    spark.sql(
        "CREATE TABLE default.press_versioned (machine_id STRING, customExtension MAP<STRING, STRING>) "
        f"USING delta LOCATION '{location}'"
    )
    new_shape = one_row(spark, "machine_id STRING, customExtension MAP<STRING, STRUCT<value: STRING, unit: STRING>>",
                        '{"machine_id": "PRS-04", "customExtension": {"ram_force": {"value": "805.0", "unit": "kN"}}}')
    versioned, ddl = versioned_column(
        new_shape, "customExtension", 2, "default.press_versioned",
        legacy_value=lambda v2: F.transform_values(v2, lambda _k, entry: entry["value"]),
    )
    spark.sql(ddl)
    versioned.write.format("delta").mode("append").save(location)
    row = spark.read.format("delta").load(location).first()
    assert row.customExtension == {"ram_force": "805.0"}
    assert row.customExtension_v2["ram_force"].unit == "kN"


def test_write_or_route_quarantines_a_conflicting_batch(spark, tmp_path: Path):
    location = str(tmp_path / "silver")
    one_row(spark, "c0 INT", '{"c0": 1}').write.format("delta").save(location)
    batch = one_row(spark, "c0 STRING", '{"c0": "n/a"}')

    def write(df: DataFrame, batch_id: int) -> None:
        df.write.format("delta").mode("append").option("txnAppId", "test").option("txnVersion", batch_id).save(location)

    conflict = write_or_route(batch, 3, write, QuarantineTarget(table="default.quarantine_batches", app_id="test"))
    assert conflict is not None and conflict.column == "c0"
    quarantined = spark.table("default.quarantine_batches").first()
    assert (quarantined.batch_id, quarantined.error_condition, quarantined.row_json) == (
        3,
        "DELTA_MERGE_INCOMPATIBLE_DATATYPE",
        '{"c0":"n/a"}',
    )


def test_write_or_route_re_raises_other_errors(spark):
    def write(_df: DataFrame, _batch_id: int) -> None:
        spark.table("default.no_such_table")

    with pytest.raises(AnalysisException):
        write_or_route(one_row(spark, "c0 INT", "{}"), 1, write, QuarantineTarget(table="default.q", app_id="test"))
