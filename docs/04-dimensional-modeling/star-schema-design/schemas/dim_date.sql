-- dim_date: the calendar, generated once for 2015-2035.
-- Grain: one row per calendar date. The key is the date itself as yyyymmdd INT (20260105): readable,
-- ordered, and computable from any date without a lookup, which is why facts carry date keys and not
-- surrogate keys for dates. Every fact uses this one table, in up to two roles: calendar_date_key (the
-- plant-local calendar date) and production_date_key (the production day, which starts with the night
-- shift at 22:00 the evening before).
-- Fiscal columns assume a fiscal year that starts on 1 October; change the month offset for yours.
-- Spark 3.5 / 4.0, Delta Lake 3.2+, Databricks Runtime 14.3 LTS+.

CREATE TABLE IF NOT EXISTS mfg_prod.gold.dim_date (
  date_key        INT NOT NULL COMMENT 'yyyymmdd.',
  calendar_date   DATE NOT NULL,
  year            INT NOT NULL,
  quarter         INT NOT NULL,
  month           INT NOT NULL,
  month_name      STRING NOT NULL,
  day_of_month    INT NOT NULL,
  day_of_week_iso INT NOT NULL COMMENT 'Monday = 1 ... Sunday = 7.',
  day_name        STRING NOT NULL,
  iso_year        INT NOT NULL COMMENT 'The year the ISO week belongs to: 2026-01-01 is in ISO week 1 of 2026, 2027-01-01 in week 53 of 2026.',
  iso_week        INT NOT NULL,
  is_weekend      BOOLEAN NOT NULL,
  fiscal_year     INT NOT NULL,
  fiscal_quarter  INT NOT NULL
)
USING DELTA
COMMENT 'Conformed date dimension. Grain: one row per calendar date; key yyyymmdd.';

-- INSERT OVERWRITE makes the load repeatable: running it again gives the same table.
INSERT OVERWRITE mfg_prod.gold.dim_date
SELECT
  CAST(date_format(d, 'yyyyMMdd') AS INT)        AS date_key,
  d                                              AS calendar_date,
  year(d)                                        AS year,
  quarter(d)                                     AS quarter,
  month(d)                                       AS month,
  date_format(d, 'MMMM')                         AS month_name,
  dayofmonth(d)                                  AS day_of_month,
  CAST(extract(DAYOFWEEK_ISO FROM d) AS INT)     AS day_of_week_iso,
  date_format(d, 'EEEE')                         AS day_name,
  CAST(extract(YEAROFWEEK FROM d) AS INT)        AS iso_year,
  weekofyear(d)                                  AS iso_week,
  extract(DAYOFWEEK_ISO FROM d) >= 6             AS is_weekend,
  year(add_months(d, 3))                         AS fiscal_year,
  quarter(add_months(d, 3))                      AS fiscal_quarter
FROM (SELECT explode(sequence(DATE'2015-01-01', DATE'2035-12-31', INTERVAL 1 DAY)) AS d);
