/**
 * Where each metric the dashboards read is defined: the page and the section (a heading, so
 * Docusaurus' broken-anchor check knows it). tests/unit/alerting/dashboards.test.ts checks that
 * every panel metric has an entry, that the heading exists and that its section names the metric.
 */
export interface MetricDefinition {
  /** The page's route. */
  page: string;
  /** The page's source file, for the test. */
  file: string;
  /** The heading's id (github-slugger, as Docusaurus makes it). */
  anchor: string;
  /** The heading, as the link's title says it. */
  section: string;
}

const prometheusPage = {page: '/docs/monitoring-observability/prometheus-monitoring', file: 'docs/09-monitoring-observability/prometheus-monitoring/index.md'};
const listener = {...prometheusPage, anchor: 'streaming-progress-the-fields-that-matter', section: 'Streaming progress: the fields that matter'};
const kafka = {...prometheusPage, anchor: 'kafka-lag-two-sources-on-purpose', section: 'Kafka lag: two sources, on purpose'};
const executors = {...prometheusPage, anchor: 'executor-memory-sparks-own-endpoint', section: "Executor memory: Spark's own endpoint"};
const delta = {...prometheusPage, anchor: 'delta-table-health', section: 'Delta table health'};
const recording = {...prometheusPage, anchor: 'recording-rules', section: 'Recording rules'};

export const metricDefinitions: Readonly<Record<string, MetricDefinition>> = {
  mfg_streaming_query_active: listener,
  mfg_streaming_input_rows_per_second: listener,
  mfg_streaming_processed_rows_per_second: listener,
  mfg_streaming_input_rows_total: listener,
  mfg_streaming_batch_duration_seconds: listener,
  mfg_streaming_phase_duration_seconds: listener,
  mfg_streaming_watermark_delay_seconds: listener,
  mfg_streaming_state_rows: listener,
  mfg_streaming_state_memory_bytes: listener,
  mfg_streaming_rows_dropped_by_watermark_total: listener,
  mfg_kafka_consumer_lag_records: listener,
  mfg_dq_observed_rows: listener,
  kafka_consumergroup_lag: kafka,
  kafka_brokers: kafka,
  kafka_topic_partition_current_offset: kafka,
  kafka_topic_partition_under_replicated_partition: kafka,
  metrics_executor_memoryUsed_bytes: executors,
  metrics_executor_maxMemory_bytes: executors,
  metrics_executor_JVMHeapMemory_bytes: executors,
  metrics_executor_totalGCTime_seconds_total: executors,
  metrics_executor_totalDuration_seconds_total: executors,
  mfg_delta_table_size_bytes: delta,
  mfg_delta_table_files: delta,
  mfg_delta_last_commit_age_seconds: delta,
  mfg_delta_rows_written_last_hour: delta,
  mfg_schema_conflicts_total: delta,
  'plant_query:mfg_streaming_input_rows:rate5m': recording,
  'plant_query:mfg_streaming_processing_ratio:ratio': recording,
  'plant_query:mfg_kafka_consumer_lag_records:max': recording,
  'plant_query:mfg_streaming_rows_dropped_by_watermark:increase1h': recording,
  'table:mfg_delta_average_file_size_bytes:ratio': recording,
  'plant_executor:metrics_executor_totalGCTime_seconds:ratio_rate10m': recording,
};
