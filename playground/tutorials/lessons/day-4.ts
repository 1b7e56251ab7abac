import type {LessonInput} from '../exercise';

const machines = {name: 'machines' as const, rows: 2_000, seed: 42};
const testResults = {name: 'test_results' as const, rows: 2_000, seed: 42};
/** 2,000 machine configuration changes (seed 42): exact duplicates, out-of-order arrivals, no-op updates and deletes. */
const configChanges = {name: 'machine_config_changes' as const, rows: 2_000, seed: 42};

/** Day 4: a star-schema query, then the CDC stream of machine configuration as type 1 and type 2 dimensions. */
export const dayFour: LessonInput = {
  id: 'day-4',
  title: 'Day 4 — Dimensional modeling and SCD',
  path: '/docs/tutorials/day-4-dimensional-modeling',
  outcome:
    'Query a fact table through its dimension, find the duplicates that make a MERGE fail, derive the current state of a dimension (type 1) from a change stream, and build a type 2 history with validity intervals.',
  exercises: [
    {
      kind: 'sql',
      id: 'pass-rate-by-manufacturer',
      title: 'A fact table through its dimension',
      prompt:
        '`test_results` is a fact table: one end-of-line test per row, with the `machine_id` of the test rig. The `machines` dimension holds each machine’s `manufacturer`. Compute per manufacturer the number of tests and the share that passed: columns `manufacturer`, `tests` and `pass_rate` (a DOUBLE between 0 and 1).',
      hints: [
        'Join the fact to the dimension on its key: `JOIN machines USING (machine_id)`.',
        '`avg(CASE WHEN passed THEN 1.0 ELSE 0.0 END)` is the share of passed tests; `avg(passed::INT)` is the same.',
        'SELECT m.manufacturer, count(*) AS tests, avg(CASE WHEN t.passed THEN 1.0 ELSE 0.0 END) AS pass_rate FROM test_results t JOIN machines m USING (machine_id) GROUP BY m.manufacturer',
      ],
      explanation:
        'A fact row carries the dimension’s key and its measures; descriptive attributes such as the manufacturer live once in the dimension. Because every test rig is in `machines`, the inner join loses no test: check that with an anti join (`test_results ANTI JOIN machines USING (machine_id)` returns nothing) before trusting a rate.',
      datasets: [machines, testResults],
      starter: 'SELECT t.machine_id, t.passed, m.manufacturer\nFROM test_results t\nJOIN machines m USING (machine_id)\nLIMIT 10;',
      solution: 'SELECT m.manufacturer,\n  count(*) AS tests,\n  avg(CASE WHEN t.passed THEN 1.0 ELSE 0.0 END) AS pass_rate\nFROM test_results t\nJOIN machines m USING (machine_id)\nGROUP BY m.manufacturer;',
      tolerance: 1e-9,
      wrongAnswers: [
        {
          answer: 'SELECT m.manufacturer, count(*) AS tests, count(*) FILTER (WHERE t.passed) AS pass_rate FROM test_results t JOIN machines m USING (machine_id) GROUP BY m.manufacturer',
          explains: 'Column `pass_rate` is BIGINT, expected DOUBLE.',
        },
        {
          answer: 'SELECT m.machine_type AS manufacturer, count(*) AS tests, avg(t.passed::INT) AS pass_rate FROM test_results t JOIN machines m USING (machine_id) GROUP BY m.machine_type',
          explains: 'rows missing, e.g. (manufacturer = ',
        },
      ],
    },
    {
      kind: 'sql',
      id: 'duplicate-changes',
      title: 'The duplicates that break a MERGE',
      prompt:
        'The Debezium stream `machine_config_changes` delivers some changes twice: identical rows, `change_id` included, re-sent after a connector restart. List each duplicated change once with the number of copies: columns `machine_id`, `changed_at` and `copies` (2 or more).',
      hints: [
        'Group by everything that describes the change: `machine_id, changed_at, op, firmware, line_id, calibration_offset, operating_mode`.',
        'HAVING count(*) > 1 keeps the groups that arrived more than once.',
        'SELECT machine_id, changed_at, count(*) AS copies FROM machine_config_changes GROUP BY machine_id, changed_at, op, firmware, line_id, calibration_offset, operating_mode HAVING count(*) > 1',
      ],
      explanation:
        'Two source rows for one target row make a Delta MERGE fail with DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE when both match it. Duplicates of this kind come from at-least-once delivery (a connector restart re-sends what it had not committed). The MERGE source must hold one row per key: the latest by `changed_at`.',
      datasets: [configChanges],
      starter: 'SELECT machine_id, changed_at, op, change_id, ingested_at\nFROM machine_config_changes\nORDER BY machine_id, changed_at\nLIMIT 20;',
      solution:
        'SELECT machine_id, changed_at, count(*) AS copies\nFROM machine_config_changes\nGROUP BY machine_id, changed_at, op, firmware, line_id, calibration_offset, operating_mode\nHAVING count(*) > 1;',
      wrongAnswers: [
        {
          answer: 'SELECT machine_id, changed_at, count(*) AS copies FROM machine_config_changes GROUP BY machine_id, changed_at HAVING count(DISTINCT change_id) > 1',
          explains: 'rows missing, e.g. (machine_id = ',
        },
        {
          answer: 'SELECT machine_id, max(changed_at) AS changed_at, count(*) AS copies FROM machine_config_changes GROUP BY machine_id HAVING count(*) > 1',
          explains: 'rows not expected, e.g. (machine_id = ',
        },
      ],
    },
    {
      kind: 'sql',
      id: 'current-configuration',
      title: 'The current configuration (type 1)',
      prompt:
        'A type 1 dimension keeps only the latest state. From `machine_config_changes`, give each machine’s current configuration: its latest change by `changed_at`. A machine whose latest change is a `delete` is gone and has no row. Columns `machine_id`, `firmware`, `line_id` and `operating_mode`.',
      hints: [
        'Number the changes of each machine from the latest: `row_number() OVER (PARTITION BY machine_id ORDER BY changed_at DESC)`.',
        'Keep row number 1, then drop it when its `op` is `delete`; filtering deletes before numbering would resurrect a deleted machine.',
        "SELECT machine_id, firmware, line_id, operating_mode FROM (SELECT *, row_number() OVER (PARTITION BY machine_id ORDER BY changed_at DESC) AS rn FROM machine_config_changes) WHERE rn = 1 AND op <> 'delete'",
      ],
      explanation:
        'Changes arrive out of order, so the latest is decided by `changed_at` (the source’s commit time), never by arrival. A delete is the latest state too: a MERGE applies it with WHEN MATCHED AND s.op = \'delete\' THEN DELETE. Exact duplicates of the latest change are interchangeable, so row_number() may keep either.',
      datasets: [configChanges],
      starter: 'SELECT machine_id, op, changed_at, firmware, line_id, operating_mode\nFROM machine_config_changes\nORDER BY machine_id, changed_at DESC\nLIMIT 20;',
      solution:
        "SELECT machine_id, firmware, line_id, operating_mode\nFROM (\n  SELECT *, row_number() OVER (PARTITION BY machine_id ORDER BY changed_at DESC) AS rn\n  FROM machine_config_changes\n)\nWHERE rn = 1 AND op <> 'delete';",
      wrongAnswers: [
        {
          answer:
            'SELECT machine_id, firmware, line_id, operating_mode FROM (SELECT *, row_number() OVER (PARTITION BY machine_id ORDER BY changed_at DESC) AS rn FROM machine_config_changes) WHERE rn = 1',
          explains: 'rows not expected, e.g. (machine_id = ',
        },
        {
          answer:
            "SELECT machine_id, firmware, line_id, operating_mode FROM (SELECT *, row_number() OVER (PARTITION BY machine_id ORDER BY ingested_at DESC) AS rn FROM machine_config_changes WHERE op <> 'delete') WHERE rn = 1",
          explains: 'rows not expected',
        },
      ],
    },
    {
      kind: 'sql',
      id: 'scd2-history',
      title: 'A type 2 history with validity intervals',
      prompt:
        'A type 2 dimension keeps every version. Build the history of machine `M00160`: one version per distinct change record (exact duplicates count once), with `valid_from` (its `changed_at`), `valid_to` (the next version’s `changed_at`, NULL for the current version), `firmware`, `line_id` and `calibration_offset`, ordered by `valid_from`.',
      hints: [
        'Remove exact duplicates first: `SELECT DISTINCT changed_at, op, firmware, line_id, calibration_offset, operating_mode FROM machine_config_changes WHERE machine_id = \'M00160\'`.',
        '`lead(changed_at) OVER (ORDER BY changed_at)` is the start of the next version, NULL after the last one.',
        "SELECT changed_at AS valid_from, lead(changed_at) OVER (ORDER BY changed_at) AS valid_to, firmware, line_id, calibration_offset FROM (SELECT DISTINCT changed_at, op, firmware, line_id, calibration_offset, operating_mode FROM machine_config_changes WHERE machine_id = 'M00160') ORDER BY valid_from",
      ],
      explanation:
        'Intervals are half-open, [valid_from, valid_to): a fact at a given time joins the one version whose interval contains it. Without removing the duplicate first, the history gets a version whose valid_from equals its valid_to, an empty interval that the SCD engine’s invariants check reports. Production merges compare a hash of the tracked columns as well, so an update that changes nothing does not open a version.',
      datasets: [configChanges],
      starter: "SELECT change_id, op, changed_at, firmware, line_id, calibration_offset\nFROM machine_config_changes\nWHERE machine_id = 'M00160'\nORDER BY changed_at;",
      solution:
        "SELECT changed_at AS valid_from,\n  lead(changed_at) OVER (ORDER BY changed_at) AS valid_to,\n  firmware, line_id, calibration_offset\nFROM (\n  SELECT DISTINCT changed_at, op, firmware, line_id, calibration_offset, operating_mode\n  FROM machine_config_changes\n  WHERE machine_id = 'M00160'\n)\nORDER BY valid_from;",
      orderMatters: true,
      wrongAnswers: [
        {
          answer:
            "SELECT changed_at AS valid_from, lead(changed_at) OVER (ORDER BY changed_at) AS valid_to, firmware, line_id, calibration_offset FROM machine_config_changes WHERE machine_id = 'M00160' ORDER BY valid_from",
          explains: '1 row not expected',
        },
        {
          answer:
            "SELECT changed_at AS valid_from, lead(changed_at) OVER (ORDER BY changed_at) AS valid_to, firmware, line_id, calibration_offset FROM (SELECT DISTINCT changed_at, op, firmware, line_id, calibration_offset, operating_mode FROM machine_config_changes WHERE machine_id = 'M00160') ORDER BY valid_from DESC",
          explains: 'The rows are right but not in the order asked for',
        },
      ],
    },
  ],
};
