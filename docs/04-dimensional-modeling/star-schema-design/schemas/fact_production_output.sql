-- fact_production_output: output per shift.
-- Grain: one row per production day, plant, machine, product and shift.
-- Type: periodic snapshot, recomputed per production day and written with replaceWhere.
-- Measures: good_count, scrap_count, run_time_s, all additive. Yield is
-- SUM(good_count) / NULLIF(SUM(good_count + scrap_count), 0) at the level asked for; it is never stored.
-- Loaded by fact-table-patterns/examples/production_summary_fact.py.
-- Spark 3.5 / 4.0, Delta Lake 3.2+ (3.1+ for CLUSTER BY), Databricks Runtime 14.3 LTS+.

CREATE TABLE IF NOT EXISTS mfg_prod.gold.fact_production_output (
  production_date_key INT    NOT NULL COMMENT 'dim_date: the production day; a night shift is one day, not two.',
  plant_sk            BIGINT NOT NULL,
  machine_sk          BIGINT NOT NULL,
  product_sk          BIGINT NOT NULL,
  shift_sk            BIGINT NOT NULL,
  good_count          BIGINT NOT NULL,
  scrap_count         BIGINT NOT NULL,
  run_time_s          BIGINT NOT NULL
)
USING DELTA
-- replaceWhere on production_date_key only rewrites the files of those days when the table is
-- clustered (or partitioned) by it.
CLUSTER BY (production_date_key, plant_sk)
COMMENT 'Output per shift. Grain: production day, plant, machine, product, shift. Periodic snapshot.';
