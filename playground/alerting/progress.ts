import * as z from 'zod';
import {lineAndColumn} from '../lab/text';

/**
 * The metrics `pipeline_metrics.py` (next to the Prometheus page) pushes for one
 * StreamingQueryProgress, computed the same way, so the page can show what a given progress event
 * becomes. The field names are Spark's (StreamingQueryProgress, SourceProgress,
 * StateOperatorProgress in org.apache.spark.sql.streaming); the input is the JSON of
 * `query.lastProgress`, where Kafka offsets are JSON objects (PySpark's listener sees the same
 * offsets as JSON text, which is accepted too).
 */

export interface ExportedMetric {
  name: string;
  type: 'gauge' | 'counter';
  labels: Record<string, string>;
  value: number;
  /** The progress field it comes from. */
  source: string;
}

const offsets = z.union([z.string(), z.record(z.string(), z.record(z.string(), z.number()))]).nullish();

const progressSchema = z.looseObject({
  name: z.string().nullish(),
  id: z.string(),
  timestamp: z.string(),
  batchDuration: z.number(),
  numInputRows: z.number(),
  inputRowsPerSecond: z.number().nullish(),
  processedRowsPerSecond: z.number().nullish(),
  durationMs: z.record(z.string(), z.number()).nullish(),
  eventTime: z.record(z.string(), z.string()).nullish(),
  stateOperators: z.array(z.looseObject({numRowsTotal: z.number(), memoryUsedBytes: z.number(), numRowsDroppedByWatermark: z.number()})).default([]),
  sources: z.array(z.looseObject({description: z.string(), endOffset: offsets, latestOffset: offsets})).default([]),
  observedMetrics: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.null()]))).nullish(),
});

function offsetMap(value: z.infer<typeof offsets>): Record<string, Record<string, number>> {
  if (value === null || value === undefined) return {};
  return typeof value === 'string' ? (JSON.parse(value) as Record<string, Record<string, number>>) : value;
}

/** What one progress event becomes, or where the pasted JSON is wrong. */
export function progressMetrics(json: string, grouping: {env: string; plant: string}): {ok: true; metrics: ExportedMetric[]} | {ok: false; problem: {message: string; line: number; column: number}} {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const at = lineAndColumn(json, position ? Number(position[1]) : 0);
    return {ok: false, problem: {message: `Not valid JSON: ${(error as Error).message}`, ...at}};
  }
  const parsed = progressSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = [...issue.path].reverse().find((part) => typeof part === 'string');
    const at = lineAndColumn(json, field === undefined ? 0 : Math.max(0, json.indexOf(`"${String(field)}"`)));
    return {ok: false, problem: {message: `${issue.path.join('.') || 'progress'}: ${issue.message}`, ...at}};
  }
  const p = parsed.data;
  const query = {job: 'spark_streaming', env: grouping.env, plant: grouping.plant, query_name: p.name ?? p.id};
  const metrics: ExportedMetric[] = [];
  const add = (name: string, type: ExportedMetric['type'], value: number, source: string, labels: Record<string, string> = {}) => metrics.push({name, type, labels: {...query, ...labels}, value, source});
  add('mfg_streaming_query_active', 'gauge', 1, 'a progress event arrived');
  add('mfg_streaming_input_rows_per_second', 'gauge', p.inputRowsPerSecond ?? 0, 'inputRowsPerSecond');
  add('mfg_streaming_processed_rows_per_second', 'gauge', p.processedRowsPerSecond ?? 0, 'processedRowsPerSecond');
  add('mfg_streaming_batch_duration_seconds', 'gauge', p.batchDuration / 1000, 'batchDuration / 1000');
  add('mfg_streaming_state_rows', 'gauge', p.stateOperators.reduce((sum, op) => sum + op.numRowsTotal, 0), 'sum of stateOperators[].numRowsTotal');
  add('mfg_streaming_state_memory_bytes', 'gauge', p.stateOperators.reduce((sum, op) => sum + op.memoryUsedBytes, 0), 'sum of stateOperators[].memoryUsedBytes');
  add('mfg_streaming_input_rows_total', 'counter', p.numInputRows, 'numInputRows, summed since the listener started (this event only here)');
  add('mfg_streaming_rows_dropped_by_watermark_total', 'counter', p.stateOperators.reduce((sum, op) => sum + op.numRowsDroppedByWatermark, 0), 'sum of stateOperators[].numRowsDroppedByWatermark, summed since the listener started');
  for (const [phase, milliseconds] of Object.entries(p.durationMs ?? {})) add('mfg_streaming_phase_duration_seconds', 'gauge', milliseconds / 1000, `durationMs.${phase} / 1000`, {phase});
  const watermark = p.eventTime?.watermark;
  if (watermark !== undefined && !watermark.startsWith('1970-')) {
    const delay = (Date.parse(p.timestamp) - Date.parse(watermark)) / 1000;
    if (!Number.isNaN(delay)) add('mfg_streaming_watermark_delay_seconds', 'gauge', delay, 'timestamp − eventTime.watermark');
  }
  for (const source of p.sources) {
    if (!source.description.startsWith('KafkaV2')) continue;
    const end = offsetMap(source.endOffset);
    for (const [topic, partitions] of Object.entries(offsetMap(source.latestOffset))) {
      for (const [partition, latest] of Object.entries(partitions)) {
        const read = end[topic]?.[partition] ?? latest;
        add('mfg_kafka_consumer_lag_records', 'gauge', Math.max(0, latest - read), 'sources[].latestOffset − sources[].endOffset', {topic, partition});
      }
    }
  }
  for (const [observation, row] of Object.entries(p.observedMetrics ?? {})) {
    for (const [metric, value] of Object.entries(row)) add('mfg_dq_observed_rows', 'gauge', value ?? 0, `observedMetrics.${observation}.${metric}`, {observation, metric});
  }
  return {ok: true, metrics};
}
