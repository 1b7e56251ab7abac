import type {LessonInput} from '../exercise';

/** The 10,000 sensor events every SQL exercise of the lesson runs on (seed 42, 2% malformed values). */
const sensorEvents = [{name: 'sensor_events' as const, rows: 10_000, seed: 42}];

/** Day 3: schema evolution and MAP flattening, on `sensor_events` and the Delta schema checker. */
export const dayThree: LessonInput = {
  id: 'day-3',
  title: 'Day 3 — Schema evolution and MAP flattening',
  path: '/docs/tutorials/day-3-schema-evolution',
  outcome: 'Profile a customExtension map, extract its keys with the right types without failing on malformed values, spot the firmware that changed a type, and make an evolved schema acceptable to a Delta table.',
  exercises: [
    {
      kind: 'sql',
      id: 'key-coverage',
      title: 'Which keys does customExtension carry?',
      prompt:
        'Step 1 of the flattening method is key coverage. List every key that occurs in `customExtension` with the number of events that carry it: columns `key` and `events`, one row per key, in any order.',
      hints: [
        '`map_keys(customExtension)` gives the keys of one event as a list.',
        '`unnest(...)` in the SELECT list turns a list into one row per element; group those rows by key.',
        'SELECT key, count(*) AS events FROM (SELECT unnest(map_keys(customExtension)) AS key FROM sensor_events) GROUP BY key',
      ],
      explanation:
        'Unnesting the key lists gives one row per (event, key); grouping by key counts the events that carry it, because a map never holds the same key twice. `vib_mm_s` is in every event; the five keys the firmware rollout added are in about a tenth of them.',
      datasets: sensorEvents,
      starter: "SELECT map_keys(customExtension) AS keys\nFROM sensor_events\nLIMIT 5;",
      solution: 'SELECT key, count(*) AS events\nFROM (SELECT unnest(map_keys(customExtension)) AS key FROM sensor_events)\nGROUP BY key;',
      wrongAnswers: [
        {answer: 'SELECT map_keys(customExtension)[1] AS key, count(*) AS events FROM sensor_events GROUP BY 1', explains: '39 rows missing, e.g. ('},
        {answer: 'SELECT DISTINCT unnest(map_keys(customExtension)) AS key FROM sensor_events', explains: 'Column `events` is missing'},
      ],
    },
    {
      kind: 'sql',
      id: 'typed-temperature',
      title: 'Extract a key with its type',
      prompt:
        'Map values are strings. Compute the average `temp_c` per plant as a DOUBLE: columns `plant_id` and `avg_temp_c`. About 2% of the values are malformed (`N/A`, `--`, an empty string, a decimal comma): they must neither fail the query nor count.',
      hints: [
        "Read one key with element access: `customExtension['temp_c']` (Spark: `getItem('temp_c')`). The value is VARCHAR.",
        'CAST fails the whole query on the first malformed value; TRY_CAST turns it into NULL, and avg() skips NULLs.',
        "SELECT plant_id, avg(TRY_CAST(customExtension['temp_c'] AS DOUBLE)) AS avg_temp_c FROM sensor_events GROUP BY plant_id",
      ],
      explanation:
        "TRY_CAST keeps the job running on malformed values and avg() ignores the NULLs it produces. Spark's `try_cast` (Spark 3.2+) does the same. A plain CAST of 'N/A' returns NULL in Spark 3.5 with ANSI mode off (its default), but Spark 4.0 turns ANSI mode on by default and the same CAST fails the job with CAST_INVALID_INPUT: write try_cast when a value may be malformed.",
      datasets: sensorEvents,
      starter: "SELECT plant_id, customExtension['temp_c'] AS temp_c\nFROM sensor_events\nLIMIT 10;",
      solution: "SELECT plant_id, avg(TRY_CAST(customExtension['temp_c'] AS DOUBLE)) AS avg_temp_c\nFROM sensor_events\nGROUP BY plant_id;",
      tolerance: 1e-9,
      wrongAnswers: [
        {answer: "SELECT plant_id, avg(CAST(customExtension['temp_c'] AS DOUBLE)) AS avg_temp_c FROM sensor_events GROUP BY plant_id", explains: 'Your query failed: Conversion Error'},
        {answer: "SELECT plant_id, max(customExtension['temp_c']) AS avg_temp_c FROM sensor_events GROUP BY plant_id", explains: 'Column `avg_temp_c` is VARCHAR, expected DOUBLE.'},
      ],
    },
    {
      kind: 'sql',
      id: 'vibration-decimals',
      title: 'Find the firmware that changed a type',
      prompt:
        'After a firmware rollout, `vib_mm_s` arrives with decimals (`3.27`) instead of whole numbers (`3`), and the silver column typed INT from the first weeks of data no longer fits. List the firmware versions that send decimal `vib_mm_s` values, with how many events carry one: columns `firmware` and `decimal_events`.',
      hints: [
        'A decimal value is a string with a `.` in it; malformed values (`12,5`, `N/A`) are not decimals.',
        "Be careful with casts as a test: DuckDB's TRY_CAST('3.5' AS INTEGER) rounds to 4 instead of failing, so it cannot tell decimals from whole numbers.",
        "SELECT firmware, count(*) AS decimal_events FROM sensor_events WHERE customExtension['vib_mm_s'] LIKE '%.%' GROUP BY firmware",
      ],
      explanation:
        'Six firmware versions (one new version per machine type) send decimals; their older versions never do. This is the type change that breaks a silver column inferred as INT: the fix is a DOUBLE column (or a DECIMAL) decided before the rollout reaches the table, not a cast that rounds the new values.',
      datasets: sensorEvents,
      starter: "SELECT firmware, customExtension['vib_mm_s'] AS vib_mm_s\nFROM sensor_events\nLIMIT 20;",
      solution: "SELECT firmware, count(*) AS decimal_events\nFROM sensor_events\nWHERE customExtension['vib_mm_s'] LIKE '%.%'\nGROUP BY firmware;",
      wrongAnswers: [
        {
          answer: "SELECT firmware, count(*) AS decimal_events FROM sensor_events WHERE TRY_CAST(customExtension['vib_mm_s'] AS INTEGER) IS NULL GROUP BY firmware",
          explains: '6 rows missing, e.g. (firmware = ',
        },
      ],
    },
    {
      kind: 'sql',
      id: 'malformed-temperatures',
      title: 'Count malformed values, in order',
      prompt:
        'Step 11 of the flattening method monitors the try_cast failure rate per key. Count per plant the `temp_c` values that are present but unusable: the key is in the map, its value is not NULL, and it does not convert to DOUBLE. Columns `plant_id` and `malformed`, one row per plant (plants with none show 0), ordered by `malformed` descending, then `plant_id`.',
      hints: [
        "A key that is not in the map reads as NULL, just like a NULL value: `customExtension['temp_c'] IS NOT NULL` keeps the values that were sent.",
        'count(*) FILTER (WHERE …) counts per group and gives 0 where nothing matches, so every plant keeps its row.',
        "SELECT plant_id, count(*) FILTER (WHERE customExtension['temp_c'] IS NOT NULL AND TRY_CAST(customExtension['temp_c'] AS DOUBLE) IS NULL) AS malformed FROM sensor_events GROUP BY plant_id ORDER BY malformed DESC, plant_id",
      ],
      explanation:
        'TRY_CAST returning NULL means either "not sent", "sent as NULL" or "malformed"; only the last is a data-quality finding. Counting all three reports every event without the key as malformed: more than half of all events.',
      datasets: sensorEvents,
      starter: "SELECT plant_id, customExtension['temp_c'] AS temp_c\nFROM sensor_events\nWHERE TRY_CAST(customExtension['temp_c'] AS DOUBLE) IS NULL\nLIMIT 20;",
      solution:
        "SELECT plant_id,\n  count(*) FILTER (WHERE customExtension['temp_c'] IS NOT NULL\n    AND TRY_CAST(customExtension['temp_c'] AS DOUBLE) IS NULL) AS malformed\nFROM sensor_events\nGROUP BY plant_id\nORDER BY malformed DESC, plant_id;",
      orderMatters: true,
      wrongAnswers: [
        {
          answer: "SELECT plant_id, count(*) FILTER (WHERE TRY_CAST(customExtension['temp_c'] AS DOUBLE) IS NULL) AS malformed FROM sensor_events GROUP BY plant_id ORDER BY malformed DESC, plant_id",
          explains: '10 rows missing, e.g. (',
        },
        {
          answer: "SELECT plant_id, count(*) FILTER (WHERE customExtension['temp_c'] IS NOT NULL AND TRY_CAST(customExtension['temp_c'] AS DOUBLE) IS NULL) AS malformed FROM sensor_events GROUP BY plant_id ORDER BY plant_id",
          explains: "The rows are right but not in the order asked for: row 1 is (plant_id = 'PLANT_01', malformed = 0)",
        },
      ],
    },
    {
      kind: 'schema',
      id: 'evolve-silver-schema',
      title: 'Make an evolved schema acceptable to Delta',
      prompt:
        "The silver job now also extracts the new `health_score` key, and appends to a Delta table with `.option(\"mergeSchema\", \"true\")`. The DataFrame's schema is below: `good_count` still comes out of the map as a STRING, while the table stores it as INT. Edit the DataFrame's schema to what it must be after the cast you would add to the job, so that Delta accepts the append and the table gains `health_score`. Keep every field.",
      hints: [
        'mergeSchema adds new columns; it never changes the type of an existing column to an incompatible one.',
        "Which field's type differs from the table's? Delta compares by name, case-insensitively.",
        'Cast `good_count` to INT in the job (`try_cast(good_count AS INT)` keeps malformed values as NULL): the schema then says `good_count INT`.',
      ],
      explanation:
        'Delta merges the DataFrame schema into the table schema (SchemaMergingUtils.mergeSchemas): identical types pass, the new `health_score` column is appended because mergeSchema is on, and STRING into INT fails with DELTA_FAILED_TO_MERGE_FIELDS caused by DELTA_MERGE_INCOMPATIBLE_DATATYPE. Casting in the job is the fix; overwriteSchema would rewrite the table instead.',
      tableSchema: 'event_id BIGINT, machine_id STRING, event_ts TIMESTAMP, temp_c DOUBLE, good_count INT',
      starter: 'event_id BIGINT,\nmachine_id STRING,\nevent_ts TIMESTAMP,\ntemp_c DOUBLE,\ngood_count STRING,\nhealth_score INT',
      solution: 'event_id BIGINT,\nmachine_id STRING,\nevent_ts TIMESTAMP,\ntemp_c DOUBLE,\ngood_count INT,\nhealth_score INT',
      context: 'delta-write',
      mergeSchema: true,
      keepFields: ['event_id', 'machine_id', 'event_ts', 'temp_c', 'good_count', 'health_score'],
      wrongAnswers: [
        {
          answer: 'event_id BIGINT, machine_id STRING, event_ts TIMESTAMP, temp_c DOUBLE, good_count STRING, health_score INT',
          explains: 'Delta refuses the write with DELTA_FAILED_TO_MERGE_FIELDS',
        },
        {answer: 'event_id BIGINT, machine_id STRING, event_ts TIMESTAMP, temp_c DOUBLE, health_score INT', explains: 'field `good_count` is gone'},
        {answer: 'event_id BIGINT, machine_id STRING, event_ts TIMESTAMP, temp_c DOUBLE, good_count INTEGR, health_score INT', explains: "Unknown type 'INTEGR'"},
      ],
    },
  ],
};
