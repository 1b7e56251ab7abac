-- fact_sensor_readings: machine telemetry in 1-minute windows.
-- Grain: one row per machine, sensor channel and 1-minute window (window_start, UTC).
-- Type: periodic snapshot. Measures are additive: min_value and max_value (take MIN/MAX when rolling
-- up), sum_value and sample_count (SUM them). A mean at any level is SUM(sum_value) / SUM(sample_count),
-- never an average of minute averages.
-- Loaded by fact-table-patterns/examples/sensor_readings_fact.py (streaming windows, once-only appends).
-- Spark 3.5 / 4.0, Delta Lake 3.2+ (3.1+ for CLUSTER BY), Databricks Runtime 14.3 LTS+.

CREATE TABLE IF NOT EXISTS mfg_prod.gold.fact_sensor_readings (
  plant_sk          BIGINT    NOT NULL COMMENT 'dim_plant; -1 = unknown.',
  machine_sk        BIGINT    NOT NULL COMMENT 'dim_machine, version as of window_start; -1 = unknown.',
  calendar_date_key INT       NOT NULL COMMENT 'dim_date: plant-local date of window_start.',
  sensor_channel    STRING    NOT NULL COMMENT 'temp_c, vib_mm_s, power_kw, current_a ...',
  window_start      TIMESTAMP NOT NULL COMMENT 'UTC, inclusive; the window ends one minute later.',
  min_value         DOUBLE    NOT NULL,
  max_value         DOUBLE    NOT NULL,
  sum_value         DOUBLE    NOT NULL,
  sample_count      BIGINT    NOT NULL,
  machine_id        STRING    NOT NULL COMMENT 'Natural key, kept so -1 keys can be repaired.'
)
USING DELTA
-- Queries ask for one plant or machine over a date range. Three clustering columns; the limit is four.
CLUSTER BY (calendar_date_key, plant_sk, machine_sk)
COMMENT 'Sensor readings in 1-minute windows. Grain: machine, sensor channel, window. Periodic snapshot.';
