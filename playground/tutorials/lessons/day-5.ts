import {incidentAnswer, type LessonInput} from '../exercise';
import {duplicateMergeSourceLog, duplicateRunLog, rotatedPasswordLog} from './incident-logs';

const sensorEvents = {name: 'sensor_events' as const, rows: 10_000, seed: 42};

/** Day 5: incidents read from their logs (decoder and catalog), a skewed stage in an event log, and a monitoring query. */
export const dayFive: LessonInput = {
  id: 'day-5',
  title: 'Day 5 — Operations: errors, playbooks and monitoring',
  path: '/docs/tutorials/day-5-operations',
  outcome:
    'Read a failing job’s log down to its root cause, name the playbook that handles it and the first fix to apply, find the skewed stage of a slow job in its event log, and write the arrival-lag query a freshness alert is built on.',
  exercises: [
    {
      kind: 'incident',
      id: 'rotated-password',
      title: 'The bronze stream stopped at 02:04',
      prompt:
        'The on-call phone rings: the bronze stream of PLANT_03 stopped. This is the end of the driver log. Name the root cause (the error class or exception class, as the log prints it), the playbook that handles it, and the fix to apply first.',
      log: rotatedPasswordLog,
      fixChoices: [
        'Pass the full plant CA chain as a PEM secret (Kafka clients 2.7+)',
        'Update the secret and restart the stream so every executor rebuilds its JAAS string',
        'Grant Describe and Read on the plant topics (prefixed ACL covers new topics of the plant)',
        'Stop the duplicate run, keep one writer per checkpoint',
      ],
      fix: 'Update the secret and restart the stream so every executor rebuilds its JAAS string',
      solution: incidentAnswer({
        code: 'org.apache.kafka.common.errors.SaslAuthenticationException',
        playbook: 'kafka-auth-failures',
        fix: 'Update the secret and restart the stream so every executor rebuilds its JAAS string',
      }),
      hints: [
        'STREAM_FAILED only says that the query ended; the reason is in the `Caused by:` line and in the NetworkClient line above it.',
        'The TLS handshake worked (the broker answered the SASL exchange) and the broker refused the credentials: the password changed on the plant cluster.',
        'org.apache.kafka.common.errors.SaslAuthenticationException (Databricks prints it with the kafkashaded. prefix), playbook kafka-auth-failures.',
      ],
      explanation:
        'Node -1 is the bootstrap connection: the credentials fail before any metadata is read. The SCRAM text "invalid credentials with SASL mechanism" is what the broker sends for a wrong password or a missing SCRAM credential. A running query keeps the JAAS string it was started with, so after the secret scope is updated the stream must be restarted, on the same checkpoint.',
      wrongAnswers: [
        {
          answer: incidentAnswer({code: 'STREAM_FAILED', playbook: 'kafka-auth-failures', fix: 'Update the secret and restart the stream so every executor rebuilds its JAAS string'}),
          explains: '`STREAM_FAILED` is in the log, but it is not the root cause',
        },
        {
          answer: incidentAnswer({
            code: 'kafkashaded.org.apache.kafka.common.errors.SaslAuthenticationException',
            playbook: 'checkpoint-recovery',
            fix: 'Pass the full plant CA chain as a PEM secret (Kafka clients 2.7+)',
          }),
          explains: 'The checkpoint-recovery playbook is not where this root cause is handled.',
        },
        {answer: incidentAnswer({code: 'SslAuthenticationException'}), explains: '`SslAuthenticationException` does not appear in this log'},
      ],
    },
    {
      kind: 'incident',
      id: 'merge-duplicates',
      title: 'The silver MERGE fails on one batch',
      prompt:
        'The silver job that MERGEs machine configuration changes into `mfg_prod.silver.machine_config` (a `foreachBatch` writer) fails on the same batch after every retry. Name the root cause, its playbook and the fix to apply first.',
      log: duplicateMergeSourceLog,
      fixChoices: [
        'Make writers provably disjoint: partition predicates in the MERGE condition',
        'Retry idempotent operations with backoff',
        'Deduplicate the batch on the merge key, keeping the latest record',
        'Otherwise cast the batch to the table type before the write',
      ],
      fix: 'Deduplicate the batch on the merge key, keeping the latest record',
      solution: incidentAnswer({
        code: 'DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE',
        playbook: 'delta-merge-conflicts',
        fix: 'Deduplicate the batch on the merge key, keeping the latest record',
      }),
      hints: [
        'The error class is the word in brackets on the `Caused by:` line.',
        'A retry runs the same batch again: the failure is in the data of the batch, not in a race with another writer.',
        'DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE, playbook delta-merge-conflicts.',
      ],
      explanation:
        'A MERGE needs at most one source row per target row it updates or deletes. A batch of a CDC stream often holds several changes of one key (and duplicates from at-least-once delivery). Keep the latest per key (row_number() over the key ordered by the change time) before the MERGE; retrying does not help because the batch is the same.',
      wrongAnswers: [
        {
          answer: incidentAnswer({code: 'DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE', playbook: 'delta-merge-conflicts', fix: 'Retry idempotent operations with backoff'}),
          explains: '"Retry idempotent operations with backoff" is not the fix to apply first for this root cause.',
        },
        {answer: incidentAnswer({code: '', playbook: 'delta-merge-conflicts', fix: 'Deduplicate the batch on the merge key, keeping the latest record'}), explains: 'Name the root cause'},
      ],
    },
    {
      kind: 'incident',
      id: 'two-runs-one-checkpoint',
      title: 'Two runs, one checkpoint',
      prompt:
        'After a cluster restart the silver sensor stream failed, and its job retried. Name the root cause, its playbook and the fix to apply first.',
      log: duplicateRunLog,
      fixChoices: [
        'Do not delete the checkpoint; decide explicitly between accepting the gap and backfilling it',
        'Stop the duplicate run, keep one writer per checkpoint',
        'Retry idempotent operations with backoff',
        'Deduplicate the batch on the merge key, keeping the latest record',
      ],
      fix: 'Stop the duplicate run, keep one writer per checkpoint',
      solution: incidentAnswer({code: 'CONCURRENT_STREAM_LOG_UPDATE', playbook: 'checkpoint-recovery', fix: 'Stop the duplicate run, keep one writer per checkpoint'}),
      hints: [
        'The innermost exception carries the error class in brackets.',
        'The message says what happened: two queries wrote the offset log of one checkpoint for the same batch.',
        'CONCURRENT_STREAM_LOG_UPDATE, playbook checkpoint-recovery.',
      ],
      explanation:
        'Spark 3.5+ raises CONCURRENT_STREAM_LOG_UPDATE when a second query with the same checkpoint writes the batch the first one already wrote. The checkpoint is not damaged: stop the duplicate run (a job with max concurrent runs 1 prevents it) and restart one run on the same checkpoint. Deleting the checkpoint would reprocess or skip data.',
      wrongAnswers: [
        {
          answer: incidentAnswer({code: 'CONCURRENT_STREAM_LOG_UPDATE', playbook: 'checkpoint-recovery', fix: 'Do not delete the checkpoint; decide explicitly between accepting the gap and backfilling it'}),
          explains: 'is not the fix to apply first for this root cause',
        },
        {answer: incidentAnswer({code: 'CONCURRENT_STREAM_LOG_UPDATE', playbook: 'delta-merge-conflicts', fix: 'Stop the duplicate run, keep one writer per checkpoint'}), explains: 'The delta-merge-conflicts playbook'},
      ],
    },
    {
      kind: 'eventlog',
      id: 'skewed-stage',
      title: 'Find the skewed stage',
      prompt:
        'The nightly job that joins sensor readings to the machine dimension and writes gold now takes an hour longer. Its Spark event log is summarised below, one row per stage: how many tasks it ran, how long the median and the slowest successful task took, and how many bytes the median and the largest task read. Which stage is skewed?',
      log: {scenario: 'skewed-join', scale: 0.25, seed: 42},
      finding: 'skew',
      hints: [
        'A stage is only as fast as its slowest task: compare the slowest task with the median, not the stages with each other.',
        'Skew is a slow task that also read far more than the others (one hot key); a slow task that read as much as the rest is a straggler (a slow node).',
        'Stage 2: its slowest task runs many times the median and read many times the median bytes.',
      ],
      explanation:
        'The event-log analysis calls a stage skewed when its slowest task runs at least 4× the 75th percentile (and well above it) and read at least 2× the 75th percentile of bytes: one partition holds a hot key. The fixes are in the data skew playbook: AQE’s skew join (spark.sql.adaptive.skewJoin.enabled, on by default since Spark 3.2) for sort-merge joins, and salting the hot key where AQE cannot split it.',
      starter: '',
      solution: '2',
      wrongAnswers: [
        {answer: '0', explains: 'The analysis finds no skew in stage 0: its slowest task ran'},
        {answer: '7', explains: 'There is no stage 7 in this log; its stages are 0, 1, 2.'},
        {answer: 'two', explains: '`two` is not a stage id'},
      ],
    },
    {
      kind: 'sql',
      id: 'arrival-lag-p95',
      title: 'The query behind a freshness alert',
      prompt:
        'A freshness alert fires when readings reach the platform too long after they were measured. Compute per plant the 95th percentile of the arrival lag in seconds (`ingest_ts` minus `event_ts`): columns `plant_id` and `p95_lag_s` (a DOUBLE).',
      hints: [
        '`epoch(ingest_ts - event_ts)` turns the interval into seconds (Spark: `unix_timestamp(ingest_ts) - unix_timestamp(event_ts)`, or `timestampdiff(SECOND, event_ts, ingest_ts)`).',
        '`quantile_cont(x, 0.95)` is the interpolated 95th percentile (Spark: `percentile(x, 0.95)`, or `percentile_approx` on large data).',
        'SELECT plant_id, quantile_cont(epoch(ingest_ts - event_ts), 0.95) AS p95_lag_s FROM sensor_events GROUP BY plant_id',
      ],
      explanation:
        'An average hides the tail that a freshness alert is about: a few readings hours late barely move the mean but are exactly the late arrivals a watermark drops. The 95th percentile per plant, computed over a recent window, is the figure to alert on; a plant whose gateway buffers shows up here first.',
      datasets: [sensorEvents],
      starter: 'SELECT plant_id, event_ts, ingest_ts, ingest_ts - event_ts AS lag\nFROM sensor_events\nLIMIT 10;',
      solution: 'SELECT plant_id,\n  quantile_cont(epoch(ingest_ts - event_ts), 0.95) AS p95_lag_s\nFROM sensor_events\nGROUP BY plant_id;',
      tolerance: 1e-6,
      wrongAnswers: [
        {answer: 'SELECT plant_id, avg(epoch(ingest_ts - event_ts)) AS p95_lag_s FROM sensor_events GROUP BY plant_id', explains: '10 rows missing, e.g. (plant_id = '},
        {answer: 'SELECT plant_id, max(ingest_ts - event_ts) AS p95_lag_s FROM sensor_events GROUP BY plant_id', explains: 'Column `p95_lag_s` is INTERVAL, expected DOUBLE.'},
      ],
    },
  ],
};
