-- dim_shift: the conformed shifts.
-- Grain: one row per conformed shift code. Plants name their shifts differently (A/B/C, EARLY/LATE/
-- NIGHT, F/S/N); silver maps each plant-local code to one of these with a mapping table, and the load
-- fails on a code the mapping does not know (see the multi-plant hierarchy pattern).
-- Times are plant-local wall-clock minutes after midnight; the night shift crosses midnight and belongs
-- to the production day that starts with it.
-- History: SCD type 1. Spark 3.5 / 4.0, Delta Lake 3.2+, Databricks Runtime 14.3 LTS+.

CREATE TABLE IF NOT EXISTS mfg_prod.gold.dim_shift (
  shift_sk             BIGINT NOT NULL COMMENT 'Fixed small keys: 1 = A, 2 = B, 3 = C, -1 = unknown.',
  shift_code           STRING NOT NULL,
  shift_name           STRING NOT NULL,
  start_minute_local   INT NOT NULL COMMENT 'Minutes after local midnight: 360 = 06:00.',
  end_minute_local     INT NOT NULL,
  crosses_midnight     BOOLEAN NOT NULL,
  duration_minutes     INT NOT NULL
)
USING DELTA
COMMENT 'Conformed shift dimension. Grain: one row per conformed shift.';

INSERT OVERWRITE mfg_prod.gold.dim_shift VALUES
  (-1, '?', 'Unknown shift',  0,    0,    false, 0),
  (1,  'A', 'Early shift',    360,  840,  false, 480),
  (2,  'B', 'Late shift',     840,  1320, false, 480),
  (3,  'C', 'Night shift',    1320, 360,  true,  480);
