-- fact_manufacturing_test: end-of-line test results.
-- Grain: one row per test result as the rig reports it, identified by test_id: one unit
-- (serial_number), one test execution, one measured characteristic. A rig that measures several
-- characteristics per execution adds step_no to the grain; it never mixes "one row per execution"
-- and "one row per step" in one table.
-- Type: transaction fact. Measures: measured_value, lower_limit, upper_limit (semi-additive: compare,
-- do not sum), passed (count it), duration_ms (additive).
-- Loaded by fact-table-patterns/examples/manufacturing_test_fact.py: insert-only MERGE on test_id,
-- pruned to the batch's production days.
-- Spark 3.5 / 4.0, Delta Lake 3.2+ (3.1+ for CLUSTER BY), Databricks Runtime 14.3 LTS+.

CREATE TABLE IF NOT EXISTS mfg_prod.gold.fact_manufacturing_test (
  test_id             BIGINT    NOT NULL COMMENT 'Degenerate dimension: the result id the rig assigns.',
  serial_number       STRING    NOT NULL COMMENT 'Degenerate dimension: the tested unit.',
  plant_sk            BIGINT    NOT NULL COMMENT 'dim_plant; -1 = unknown.',
  test_equipment_sk   BIGINT    NOT NULL COMMENT 'dim_test_equipment, version as of test_ts; -1 = unknown.',
  machine_sk          BIGINT    NOT NULL COMMENT 'dim_machine, the rig configuration as of test_ts; -1 = unknown.',
  product_sk          BIGINT    NOT NULL COMMENT 'dim_product; -1 = unknown.',
  shift_sk            BIGINT    NOT NULL COMMENT 'dim_shift, from plant-local time.',
  calendar_date_key   INT       NOT NULL COMMENT 'dim_date: plant-local calendar date of test_ts.',
  production_date_key INT       NOT NULL COMMENT 'dim_date: production day (starts 22:00 local the evening before).',
  test_ts             TIMESTAMP NOT NULL COMMENT 'UTC.',
  measured_value      DOUBLE,
  lower_limit         DOUBLE,
  upper_limit         DOUBLE,
  passed              BOOLEAN   NOT NULL,
  duration_ms         INT,
  machine_id          STRING    NOT NULL COMMENT 'Natural key of the rig, kept so -1 keys can be repaired.',
  product_sku         STRING    NOT NULL COMMENT 'Natural key of the product, kept for the same reason.'
)
USING DELTA
-- Liquid clustering (Delta Lake 3.1+, Databricks Runtime 13.3 LTS+) on the columns every query filters
-- on. Up to four clustering columns; each must be among the first 32 columns, which get statistics
-- (DELTA_CLUSTERING_COLUMN_MISSING_STATS otherwise). OPTIMIZE clusters incrementally.
-- Without liquid clustering: PARTITIONED BY (production_date_key) and OPTIMIZE ... ZORDER BY (plant_sk,
-- test_equipment_sk). Never partition by machine or serial number: tens of thousands of small partitions.
-- CLUSTER BY and PARTITIONED BY cannot be combined (DELTA_CLUSTER_BY_WITH_PARTITIONED_BY), and ZORDER BY
-- on a clustered table fails (DELTA_CLUSTERING_WITH_ZORDER_BY).
CLUSTER BY (production_date_key, plant_sk)
COMMENT 'End-of-line test results. Grain: one row per test result (test_id). Transaction fact.'
TBLPROPERTIES (
  -- The change feed tells the aggregate builder which production days changed.
  'delta.enableChangeDataFeed' = 'true'
);
