import {incidentAnswer, type LessonInput} from '../exercise';
import {typeChangeLog} from './incident-logs';

const configChanges = {name: 'machine_config_changes' as const, rows: 2_000, seed: 42};

/**
 * The final drill: one incident from log to verified repair, in four exercises: decode the trace, fix
 * the schema, rebuild the MERGE source for the rerun, and check the history's invariants.
 */
export const incidentDrill: LessonInput = {
  id: 'incident-drill',
  title: 'Final drill — An incident from log to verified fix',
  path: '/docs/tutorials/incident-drill',
  outcome:
    'Work an incident end to end: decode the trace to its root cause and playbook, change the job’s schema so Delta accepts the write, rebuild a MERGE source that the rerun can apply, and prove the history’s invariants afterwards.',
  exercises: [
    {
      kind: 'incident',
      id: 'decode-the-trace',
      title: '1. Decode the trace',
      prompt:
        'At 03:12 the silver telemetry stream of all plants stopped, the morning after a firmware rollout on the spindles. Name the root cause, the playbook and the fix to apply first.',
      log: typeChangeLog,
      fixChoices: [
        'Widen the column where the change is a real widening (Delta 4.0+)',
        'Otherwise cast the batch to the table type before the write',
        'Deduplicate the batch on the merge key, keeping the latest record',
        'Update the secret and restart the stream so every executor rebuilds its JAAS string',
      ],
      fix: 'Otherwise cast the batch to the table type before the write',
      solution: incidentAnswer({code: 'DELTA_MERGE_INCOMPATIBLE_DATATYPE', playbook: 'schema-evolution-errors', fix: 'Otherwise cast the batch to the table type before the write'}),
      hints: [
        'Each `Caused by:` is one level deeper. DELTA_FAILED_TO_MERGE_FIELDS names the struct and then the field; the last link says why.',
        'IntegerType to StringType is not a widening: type widening covers changes such as INT to BIGINT, never a number to a string.',
        'DELTA_MERGE_INCOMPATIBLE_DATATYPE, playbook schema-evolution-errors, cast the batch to the table type.',
      ],
      explanation:
        'Delta merges the batch schema into the table schema field by field (SchemaMergingUtils.mergeSchemas): DELTA_FAILED_TO_MERGE_FIELDS wraps each level of nesting, and DELTA_MERGE_INCOMPATIBLE_DATATYPE at the bottom says which types met. The new firmware sends spindle_rpm as a string; the job must cast it back to the table type (try_cast keeps malformed values as NULL and lets you count them).',
      wrongAnswers: [
        {
          answer: incidentAnswer({code: 'DELTA_FAILED_TO_MERGE_FIELDS', playbook: 'schema-evolution-errors', fix: 'Otherwise cast the batch to the table type before the write'}),
          explains: '`DELTA_FAILED_TO_MERGE_FIELDS` is in the log, but it is not the root cause',
        },
        {
          answer: incidentAnswer({code: 'DELTA_MERGE_INCOMPATIBLE_DATATYPE', playbook: 'schema-evolution-errors', fix: 'Widen the column where the change is a real widening (Delta 4.0+)'}),
          explains: 'is not the fix to apply first for this root cause',
        },
      ],
    },
    {
      kind: 'schema',
      id: 'fix-the-schema',
      title: '2. Fix the schema',
      prompt:
        'The table keeps `telemetry` as a struct. Below is the schema of the failing batch: the firmware sends `spindle_rpm` as a string and adds `vib_mm_s`. The job appends with `mergeSchema` on. Edit the batch schema to what it is after the cast you add to the job, so that Delta accepts the append and the table gains the new nested field. Keep every field.',
      hints: [
        'mergeSchema adds fields inside a struct too; it never turns an INT into a STRING.',
        'Only `telemetry.spindle_rpm` differs from the table.',
        'telemetry STRUCT<spindle_rpm: INT, temp_c: DOUBLE, vib_mm_s: DOUBLE>',
      ],
      explanation:
        'With the cast in the job (`F.col("telemetry").withField("spindle_rpm", F.expr("try_cast(telemetry.spindle_rpm AS INT)"))`), the nested types match and mergeSchema appends `vib_mm_s` to the struct. Rows whose value did not convert now hold NULL: count them before the rerun, so the firmware team hears about it.',
      tableSchema: 'event_id BIGINT, machine_id STRING, event_ts TIMESTAMP, telemetry STRUCT<spindle_rpm: INT, temp_c: DOUBLE>',
      starter: 'event_id BIGINT,\nmachine_id STRING,\nevent_ts TIMESTAMP,\ntelemetry STRUCT<spindle_rpm: STRING, temp_c: DOUBLE, vib_mm_s: DOUBLE>',
      solution: 'event_id BIGINT,\nmachine_id STRING,\nevent_ts TIMESTAMP,\ntelemetry STRUCT<spindle_rpm: INT, temp_c: DOUBLE, vib_mm_s: DOUBLE>',
      context: 'delta-write',
      mergeSchema: true,
      keepFields: ['event_id', 'machine_id', 'event_ts', 'telemetry'],
      wrongAnswers: [
        {answer: 'event_id BIGINT, machine_id STRING, event_ts TIMESTAMP, telemetry STRUCT<spindle_rpm: STRING, temp_c: DOUBLE, vib_mm_s: DOUBLE>', explains: 'DELTA_MERGE_INCOMPATIBLE_DATATYPE'},
        {answer: 'event_id BIGINT, machine_id STRING, event_ts TIMESTAMP', explains: 'field `telemetry` is gone'},
      ],
    },
    {
      kind: 'sql',
      id: 'rerun-the-merge',
      title: '3. Rebuild the MERGE source for the rerun',
      prompt:
        'The configuration MERGE of the same night failed too, on the batch ingested on 20 January (`ingested_at` from 2026-01-20 00:00 to before 2026-01-21 00:00): several machines changed more than once that day. Write the source the rerun MERGE uses: one row per `machine_id`, its latest change of that batch by `changed_at`. Columns `machine_id`, `op`, `changed_at`, `firmware`, `line_id`.',
      hints: [
        "Filter the batch first: `WHERE ingested_at >= TIMESTAMP '2026-01-20 00:00:00' AND ingested_at < TIMESTAMP '2026-01-21 00:00:00'`.",
        'Number each machine’s changes from the latest (`row_number() OVER (PARTITION BY machine_id ORDER BY changed_at DESC)`) and keep number 1. Keep deletes: the MERGE applies them.',
        "SELECT machine_id, op, changed_at, firmware, line_id FROM (SELECT *, row_number() OVER (PARTITION BY machine_id ORDER BY changed_at DESC) AS rn FROM machine_config_changes WHERE ingested_at >= TIMESTAMP '2026-01-20 00:00:00' AND ingested_at < TIMESTAMP '2026-01-21 00:00:00') WHERE rn = 1",
      ],
      explanation:
        'With one row per key, no target row can match two source rows, and the rerun is idempotent: applying the same latest state twice gives the same table. Deletes stay in the source because the MERGE turns them into WHEN MATCHED AND s.op = \'delete\' THEN DELETE; dropping them here would keep machines the plant removed.',
      datasets: [configChanges],
      starter: "SELECT machine_id, count(*) AS changes\nFROM machine_config_changes\nWHERE ingested_at >= TIMESTAMP '2026-01-20 00:00:00'\n  AND ingested_at < TIMESTAMP '2026-01-21 00:00:00'\nGROUP BY machine_id\nHAVING count(*) > 1;",
      solution:
        "SELECT machine_id, op, changed_at, firmware, line_id\nFROM (\n  SELECT *, row_number() OVER (PARTITION BY machine_id ORDER BY changed_at DESC) AS rn\n  FROM machine_config_changes\n  WHERE ingested_at >= TIMESTAMP '2026-01-20 00:00:00'\n    AND ingested_at < TIMESTAMP '2026-01-21 00:00:00'\n)\nWHERE rn = 1;",
      wrongAnswers: [
        {
          answer: "SELECT DISTINCT machine_id, op, changed_at, firmware, line_id FROM machine_config_changes WHERE ingested_at >= TIMESTAMP '2026-01-20 00:00:00' AND ingested_at < TIMESTAMP '2026-01-21 00:00:00'",
          explains: 'rows not expected, e.g. (machine_id = ',
        },
        {
          answer:
            "SELECT machine_id, op, changed_at, firmware, line_id FROM (SELECT *, row_number() OVER (PARTITION BY machine_id ORDER BY changed_at) AS rn FROM machine_config_changes WHERE ingested_at >= TIMESTAMP '2026-01-20 00:00:00' AND ingested_at < TIMESTAMP '2026-01-21 00:00:00') WHERE rn = 1",
          explains: 'rows missing, e.g. (machine_id = ',
        },
      ],
    },
    {
      kind: 'sql',
      id: 'check-the-invariants',
      title: '4. Check the invariants',
      prompt:
        'Before closing the incident, prove that the type 2 history built from the whole change stream is sound. Build it as on day 4 for every machine (one version per distinct change record, `valid_to` the next version’s `changed_at` of the same machine), and return one row: `versions` (all versions), `machines` (distinct machines), `current_versions` (versions whose `valid_to` is NULL) and `empty_intervals` (versions whose `valid_from` equals their `valid_to`).',
      hints: [
        'Start from `SELECT DISTINCT machine_id, changed_at, op, firmware, line_id, calibration_offset, operating_mode FROM machine_config_changes`.',
        '`lead(changed_at) OVER (PARTITION BY machine_id ORDER BY changed_at)` gives `valid_to`; count with `count(*) FILTER (WHERE …)`.',
        'WITH history AS (SELECT machine_id, changed_at AS valid_from, lead(changed_at) OVER (PARTITION BY machine_id ORDER BY changed_at) AS valid_to FROM (SELECT DISTINCT machine_id, changed_at, op, firmware, line_id, calibration_offset, operating_mode FROM machine_config_changes)) SELECT count(*) AS versions, count(DISTINCT machine_id) AS machines, count(*) FILTER (WHERE valid_to IS NULL) AS current_versions, count(*) FILTER (WHERE valid_from = valid_to) AS empty_intervals FROM history',
      ],
      explanation:
        'The invariants of a type 2 history: exactly one current version per key (current_versions equals machines) and no empty or overlapping intervals (empty_intervals is 0). They are what the SCD lab’s invariants check verifies after every MERGE. Without removing the duplicates, every duplicated change becomes an empty interval: the counts show it at once.',
      datasets: [configChanges],
      starter: 'SELECT count(*) AS versions, count(DISTINCT machine_id) AS machines\nFROM machine_config_changes;',
      solution:
        'WITH history AS (\n  SELECT machine_id, changed_at AS valid_from,\n    lead(changed_at) OVER (PARTITION BY machine_id ORDER BY changed_at) AS valid_to\n  FROM (SELECT DISTINCT machine_id, changed_at, op, firmware, line_id, calibration_offset, operating_mode\n        FROM machine_config_changes)\n)\nSELECT count(*) AS versions,\n  count(DISTINCT machine_id) AS machines,\n  count(*) FILTER (WHERE valid_to IS NULL) AS current_versions,\n  count(*) FILTER (WHERE valid_from = valid_to) AS empty_intervals\nFROM history;',
      wrongAnswers: [
        {
          answer:
            'WITH history AS (SELECT machine_id, changed_at AS valid_from, lead(changed_at) OVER (PARTITION BY machine_id ORDER BY changed_at) AS valid_to FROM machine_config_changes) SELECT count(*) AS versions, count(DISTINCT machine_id) AS machines, count(*) FILTER (WHERE valid_to IS NULL) AS current_versions, count(*) FILTER (WHERE valid_from = valid_to) AS empty_intervals FROM history',
          explains: '1 row missing: (versions = ',
        },
        {answer: 'SELECT count(*) AS versions, count(DISTINCT machine_id) AS machines FROM machine_config_changes', explains: 'Columns `current_versions`, `empty_intervals` are missing'},
      ],
    },
  ],
};
