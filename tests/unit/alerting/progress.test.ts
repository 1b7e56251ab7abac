import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {progressMetrics} from '../../../playground';
import {section} from './tools';

const sample = readFileSync(join(section, 'prometheus-monitoring/metrics/sample-progress.json'), 'utf8');
const listener = readFileSync(join(section, 'prometheus-monitoring/metrics/pipeline_metrics.py'), 'utf8');

describe('the metrics the listener exports for one StreamingQueryProgress', () => {
  const result = progressMetrics(sample, {env: 'prod', plant: 'PLANT_01'});
  if (!result.ok) throw new Error(result.problem.message);
  const value = (name: string, labels: Record<string, string> = {}) =>
    result.metrics.filter((metric) => metric.name === name && Object.entries(labels).every(([key, v]) => metric.labels[key] === v)).map((metric) => metric.value);

  it('converts durations from milliseconds to seconds and keeps rates as they are', () => {
    expect(value('mfg_streaming_batch_duration_seconds')).toEqual([9.12]);
    expect(value('mfg_streaming_phase_duration_seconds', {phase: 'addBatch'})).toEqual([7.31]);
    expect(value('mfg_streaming_input_rows_per_second')).toEqual([900]);
    expect(value('mfg_streaming_processed_rows_per_second')).toEqual([5921.052631578948]);
  });

  it('derives watermark delay, state size, late rows and per-partition lag from the progress fields', () => {
    expect(value('mfg_streaming_watermark_delay_seconds')).toEqual([630]);
    expect(value('mfg_streaming_state_rows')).toEqual([812000]);
    expect(value('mfg_streaming_state_memory_bytes')).toEqual([210763776]);
    expect(value('mfg_streaming_rows_dropped_by_watermark_total')).toEqual([312]);
    expect(value('mfg_kafka_consumer_lag_records', {partition: '0'})).toEqual([3700]);
    expect(value('mfg_kafka_consumer_lag_records', {partition: '1'})).toEqual([609500]);
    expect(value('mfg_dq_observed_rows', {metric: 'null_machine_id'})).toEqual([41]);
  });

  it('labels every metric with the grouping key and follows the naming conventions', () => {
    for (const metric of result.metrics) {
      expect(metric.labels).toMatchObject({job: 'spark_streaming', env: 'prod', plant: 'PLANT_01', query_name: 'bronze_sensor_events'});
      expect(metric.name).toMatch(/^mfg_[a-z_]+$/);
      expect(metric.name.endsWith('_total')).toBe(metric.type === 'counter');
      expect(metric.name).not.toMatch(/_ms$|_milliseconds$/);
    }
  });

  it('exports exactly the metric names pipeline_metrics.py pushes', () => {
    const pushed = new Set([...listener.matchAll(/(?:gauge|Gauge)\("(mfg_[a-z_]+)"/g)].map((match) => match[1]!).concat([...listener.matchAll(/counter\("(mfg_[a-z_]+)"/g)].map((match) => `${match[1]}_total`)));
    expect(new Set(result.metrics.map((metric) => metric.name))).toEqual(pushed);
  });

  it('reports malformed JSON and missing fields with their line', () => {
    const broken = sample.replace('"batchDuration" : 9120,', '"batchDuration" : 9120');
    const result = progressMetrics(broken, {env: 'prod', plant: 'PLANT_01'});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.line).toBe(8);
    const missing = progressMetrics(sample.replace('"batchDuration" : 9120,', '"batchDuration" : "slow",'), {env: 'prod', plant: 'PLANT_01'});
    expect(missing.ok ? '' : `${missing.problem.line}: ${missing.problem.message}`).toMatch(/^7: batchDuration: /);
  });
});
