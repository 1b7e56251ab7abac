import {Table} from 'apache-arrow';
import {varcharColumn} from '../datasets/arrow-columns';
import {mix32, streamKey} from '../datasets/hash';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {incidentNames, incidentPlants, type IncidentName} from './incidents';

/**
 * Structured log lines for the incidents, in the shape the logging page's JsonFormatter writes
 * (ts, level, logger, msg, context, exception), with the page's fixed context keys. Timestamps
 * start at `logWindowStart`, minute 0 of the incident's metric series.
 */

export const logWindowStart = Date.UTC(2026, 0, 12, 4, 0, 0);
const minuteMs = 60_000;
const firmware = ['4.1.7', '4.2.0', '4.2.1'];

interface LogRecord {
  ts: string;
  level: 'INFO' | 'WARNING' | 'ERROR';
  logger: string;
  msg: string;
  context: Record<string, string | number>;
  exception?: {class: string; msg: string; stackTrace: string};
}

function timestamp(minute: number, second = 0): string {
  return new Date(logWindowStart + minute * minuteMs + second * 1000).toISOString().replace('Z', '+00:00');
}

/** One JSON object per line, as the drivers and executors print them. */
export function incidentLogLines(name: IncidentName, seed = 42): string[] {
  if (!incidentNames.includes(name)) throw new RangeError(`Unknown incident "${name}": use one of ${incidentNames.join(', ')}.`);
  const stream = streamKey(seed, `alerting-logs:${name}`);
  const records: LogRecord[] = [];
  const driver = (plant: string) => ({role: 'driver', env: 'prod', plant, query_name: 'bronze_sensor_events'});
  for (let minute = 0; minute <= 150; minute += 1) {
    incidentPlants.forEach((plant, plantIndex) => {
      const batchId = 18_600 + minute;
      const outage = name === 'plant-outage' && plant === 'PLANT_03' && minute >= 30 && minute < 80;
      if (outage) {
        records.push({ts: timestamp(minute, 2), level: 'INFO', logger: 'mfg.bronze', msg: 'empty micro-batch', context: {...driver(plant), batch_id: batchId}});
      } else {
        records.push({ts: timestamp(minute, 5 + plantIndex), level: 'INFO', logger: 'mfg.bronze', msg: 'bronze batch committed', context: {...driver(plant), batch_id: batchId}});
      }
      if (name === 'plant-outage' && plant === 'PLANT_03' && minute === 80) {
        records.push({ts: timestamp(minute, 9), level: 'WARNING', logger: 'mfg.bronze', msg: 'input resumed after an empty stretch', context: {...driver(plant), batch_id: batchId, empty_batches: 50}});
      }
      if (name === 'slow-sink' && plant === 'PLANT_02' && minute >= 30 && minute < 100) {
        records.push({ts: timestamp(minute, 50), level: 'WARNING', logger: 'mfg.bronze', msg: 'micro-batch took longer than the trigger interval', context: {...driver(plant), batch_id: batchId, duration_ms: 40_000 + (mix32(stream ^ minute) % 10_000)}});
      }
      if (name === 'memory-pressure' && plant === 'PLANT_01' && minute >= 38 && minute < 110) {
        records.push({ts: timestamp(minute, 50), level: 'WARNING', logger: 'mfg.bronze', msg: 'micro-batch took longer than the trigger interval', context: {...driver(plant), batch_id: batchId, duration_ms: 32_000 + (mix32(stream ^ minute) % 9_000)}});
      }
      if (name === 'lag-spike' && plant === 'PLANT_01' && minute >= 42 && minute < 60) {
        records.push({ts: timestamp(minute, 30), level: 'WARNING', logger: 'mfg.bronze', msg: 'late rows dropped by the watermark', context: {...driver(plant), batch_id: batchId, dropped: 400}});
      }
      // Executors log one summary per partition and firmware, never one line per row.
      if (minute % 10 === plantIndex * 3) {
        const version = firmware[mix32(stream ^ (minute * 7 + plantIndex)) % firmware.length]!;
        const rejected = version === '4.2.0' ? 120 + (mix32(stream ^ minute) % 80) : 1 + (mix32(stream ^ (minute + 1)) % 9);
        records.push({ts: timestamp(minute, 40), level: 'WARNING', logger: 'mfg.parse', msg: 'malformed payloads rejected', context: {role: 'executor', env: 'prod', plant, query_name: 'bronze_sensor_events', stage_id: 4, partition_id: plantIndex, firmware_version: version, rejected}});
      }
    });
    if (name === 'stale-table' && minute >= 30 && minute < 120 && minute % 2 === 0) {
      const version = 48_211 + Math.floor((minute - 30) / 2);
      const message = `[DELTA_CONCURRENT_APPEND.WITHOUT_HINT] Transaction conflict detected. a concurrent WRITE added data to table mfg_prod.bronze.test_results committed at version ${version}. The concurrent operation modified data that should have been read by this operation. Please retry the operation. Refer to https://docs.delta.io/latest/concurrency-control.html for more information.`;
      records.push({
        ts: timestamp(minute, 12),
        level: 'ERROR',
        logger: 'mfg.bronze',
        msg: 'bronze batch failed, retrying',
        context: {role: 'driver', env: 'prod', query_name: 'bronze_test_results', table: 'mfg_prod.bronze.test_results', batch_id: 9_120},
        exception: {class: 'ConcurrentAppendException', msg: message, stackTrace: `io.delta.exceptions.ConcurrentAppendException: ${message}`},
      });
    }
  }
  records.sort((a, b) => a.ts.localeCompare(b.ts));
  return records.map((record) => JSON.stringify(record));
}

const contextKeys = ['role', 'env', 'plant', 'query_name', 'batch_id', 'table', 'firmware_version', 'rejected', 'stage_id', 'partition_id', 'duration_ms', 'dropped', 'empty_batches'];

/**
 * Loads log lines into `pipeline_logs` the way the page's Spark code does: keep the lines that
 * start with `{`, parse them with a fixed schema (here `TRY_CAST(... AS STRUCT(...))`, DuckDB's
 * core-only JSON object parsing), drop those that do not parse.
 */
export async function loadPipelineLogs(engine: SqlEngine, lines: readonly string[]): Promise<number> {
  await engine.insertArrow('raw_logs', new Table({value: varcharColumn(lines)}), 'create');
  const context = contextKeys.map((key) => `${quoteIdentifier(key)} VARCHAR`).join(', ');
  await engine.query(`CREATE OR REPLACE TABLE pipeline_logs AS
SELECT CAST(j.ts AS TIMESTAMP) AS ts, j.level, j.logger, j.msg, j.context, j.exception
FROM (SELECT TRY_CAST(value AS STRUCT(ts VARCHAR, level VARCHAR, logger VARCHAR, msg VARCHAR, context STRUCT(${context}), exception STRUCT("class" VARCHAR, msg VARCHAR, "stackTrace" VARCHAR))) AS j
      FROM raw_logs WHERE starts_with(value, '{')) AS parsed
WHERE j.level IS NOT NULL`);
  const count = await engine.query('SELECT count(*) AS n FROM pipeline_logs');
  return Number(count.toArray()[0]!.toJSON().n);
}

/**
 * The logging page's analysis queries in DuckDB's dialect. Two changes from the Spark SQL on the
 * page: "now" (`current_timestamp()`, `current_date()`) is the end of the incident window,
 * 2026-01-12 06:30 UTC, and regular expressions are written with single backslashes (DuckDB string
 * literals do not unescape). `context['plant']` on the parsed struct and `GROUP BY ALL` work as they are.
 */
export const logAnalysisQueries: readonly {id: string; title: string; sql: string}[] = [
  {
    id: 'errors-per-plant-hour',
    title: 'Errors per plant and hour',
    sql: `SELECT date_trunc('HOUR', ts) AS hour, context['plant'] AS plant, count(*) AS errors
FROM pipeline_logs
WHERE level = 'ERROR' AND ts >= TIMESTAMP '2026-01-12 06:30:00' - INTERVAL 24 HOURS
GROUP BY ALL
ORDER BY hour, plant;`,
  },
  {
    id: 'error-classes',
    title: 'Spark and Delta error classes',
    sql: `WITH errors AS (
  SELECT regexp_extract(coalesce(exception.msg, msg), '\\[([A-Z_]+(\\.[A-Z_]+)?)\\]', 1) AS error_class,
         context['plant'] AS plant,
         ts
  FROM pipeline_logs
  WHERE level = 'ERROR'
)
SELECT error_class, plant, count(*) AS occurrences, max(ts) AS last_seen
FROM errors
WHERE error_class <> ''
GROUP BY ALL
ORDER BY occurrences DESC;`,
  },
  {
    id: 'batch-timeline',
    title: 'Timeline of one micro-batch',
    sql: `SELECT ts, context['role'] AS role, level, msg, context
FROM pipeline_logs
WHERE context['query_name'] = 'bronze_sensor_events' AND context['plant'] = 'PLANT_02' AND context['batch_id'] = '18690'
ORDER BY ts;`,
  },
  {
    id: 'rejects-by-firmware',
    title: 'Rejected payloads by firmware',
    sql: `SELECT context['plant'] AS plant, context['firmware_version'] AS firmware,
       sum(CAST(context['rejected'] AS BIGINT)) AS rejected
FROM pipeline_logs
WHERE msg = 'malformed payloads rejected' AND ts >= DATE '2026-01-12' - INTERVAL 7 DAYS
GROUP BY ALL
ORDER BY rejected DESC;`,
  },
  {
    id: 'silent-queries',
    title: 'Queries that stopped logging',
    sql: `SELECT context['query_name'] AS query_name, max(ts) AS last_log
FROM pipeline_logs
WHERE context['query_name'] IS NOT NULL
GROUP BY ALL
HAVING max(ts) < TIMESTAMP '2026-01-12 06:30:00' - INTERVAL 15 MINUTES;`,
  },
];
