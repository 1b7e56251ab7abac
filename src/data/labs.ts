/** One lab of the site: the component a page embeds, where it is, and what a reader does in it. */
export interface LabEntry {
  /** The component's name as pages embed it (`<ScdLab />`), or `playground` / `tutorials` for the full-page SQL lab and the lessons. */
  component: string;
  title: string;
  /** The page's URL path. */
  to: string;
  /** The docs file that embeds it, relative to docs/ (a unit test checks it does). */
  file: string | null;
  /** What a reader does there, in one sentence. */
  does: string;
}

/** Every lab, in catalog order. `tests/unit/docs/labs.test.ts` fails when a page embeds a lab missing here. */
export const labs: readonly LabEntry[] = [
  {component: 'playground', title: 'SQL playground', to: '/playground', file: null, does: 'Query any generated dataset (sensor events, machines, configuration changes, plants, test results) with DuckDB in this tab.'},
  {component: 'tutorials', title: 'Checked tutorials', to: '/docs/tutorials', file: null, does: 'Lessons whose exercises are checked in this tab: write the query, fix the schema, and see precisely what differs from the expected answer.'},
  {component: 'KafkaLab', title: 'Kafka client builder', to: '/docs/authentication-security/kafka-sasl-ssl', file: '01-authentication-security/kafka-sasl-ssl/index.mdx', does: 'Build a SASL_SSL client for Spark, Java and kcat, lint a sasl.jaas.config string as Kafka parses it, and see what a configuration would fail with.'},
  {component: 'SchemaLab', title: 'Schema compatibility', to: '/docs/schema-evolution/delta-type-conflicts', file: '02-schema-evolution/delta-type-conflicts/index.mdx', does: 'Check an incoming schema against a Delta table the way Delta or Spark would, with the error it raises and the fixes.'},
  {component: 'FlattenLab', title: 'MAP flattening in 11 steps', to: '/docs/schema-evolution/map-type-flattening', file: '02-schema-evolution/map-type-flattening/index.mdx', does: 'Run the progressive flattening method on customExtension maps step by step, compare it with explode + pivot and export the plan.'},
  {component: 'RegistryLab', title: 'Schema Registry modes', to: '/docs/schema-evolution/schema-registry-integration', file: '02-schema-evolution/schema-registry-integration/index.mdx', does: 'Register Avro versions and see what each compatibility mode accepts or refuses, and why.'},
  {component: 'StreamingLab', title: 'Watermarks and late data', to: '/docs/streaming-architecture/kafka-to-delta-lake', file: '03-streaming-architecture/kafka-to-delta-lake/index.mdx', does: 'Run a Kafka topic of sensor events through Spark micro-batches: watermark, windows, output modes and a plant outage.'},
  {component: 'StreamingLab', title: 'Exactly-once under faults', to: '/docs/streaming-architecture/exactly-once-semantics', file: '03-streaming-architecture/exactly-once-semantics/index.mdx', does: 'Crash a batch, delete a checkpoint or read aborted transactions, and compare each sink with the truth.'},
  {component: 'StreamingLab', title: 'Checkpoint recovery', to: '/docs/streaming-architecture/failure-recovery', file: '03-streaming-architecture/failure-recovery/index.mdx', does: 'Step through the offsets and commits a checkpoint holds after each batch, and what a restart replays.'},
  {component: 'ScdLab', title: 'Slowly changing dimensions', to: '/docs/dimensional-modeling/slowly-changing-dimensions', file: '04-dimensional-modeling/slowly-changing-dimensions/index.mdx', does: 'Apply machine configuration changes as SCD types 1, 2, 3 and 6, check the type 2 history and export the MERGE.'},
  {component: 'SparkLogLab', title: 'Spark event log analysis', to: '/docs/performance-optimization/spark-ui-analysis', file: '05-performance-optimization/spark-ui-analysis/index.md', does: 'Open a Spark event log offline and see stages, task distributions and findings with the History Server’s numbers.'},
  {component: 'SparkSizingLab', title: 'Spark sizing rules', to: '/docs/performance-optimization/billion-record-optimization', file: '05-performance-optimization/billion-record-optimization/index.md', does: 'Apply Spark’s own partitioning, AQE, broadcast and memory rules to your data sizes and cluster, each number explained.'},
  {component: 'BundleLab', title: 'Asset Bundles per target', to: '/docs/databricks-deployment/asset-bundles', file: '06-databricks-deployment/asset-bundles/index.md', does: 'Edit the bundle files and see the effective jobs and clusters per target as the Databricks CLI resolves them, with a diff.'},
  {component: 'HoconLab', title: 'HOCON per environment', to: '/docs/databricks-deployment/hocon-configurations', file: '06-databricks-deployment/hocon-configurations/index.md', does: 'See the effective configuration per environment and which environment variable set each value.'},
  {component: 'ClusterSizingLab', title: 'Cluster sizing', to: '/docs/databricks-deployment/cluster-management', file: '06-databricks-deployment/cluster-management/index.md', does: 'Size a streaming or batch job cluster from your volume and measured throughput, each number with its formula and source, and take the job-cluster YAML checked against the cluster policy.'},
  {component: 'CdcLab', title: 'CDC convergence', to: '/docs/enterprise-integration/change-data-capture/lab', file: '07-enterprise-integration/change-data-capture/lab.mdx', does: 'Apply a Debezium change stream by LSN or timestamp and check after every batch that the copy equals the source.'},
  {component: 'QualityLab', title: 'Quality rules and quarantine', to: '/docs/testing-validation/data-quality-testing/lab', file: '08-testing-validation/data-quality-testing/lab.mdx', does: 'Run quality rules on a damaged batch, quarantine failing rows without losing any, and export Delta constraints and an expectation suite.'},
  {component: 'AlertingLab', title: 'Alert rules and routing', to: '/docs/monitoring-observability/alerting', file: '09-monitoring-observability/alerting/index.md', does: 'Replay an incident through the alert rules and Alertmanager: what fires, what pages whom, what inhibition mutes.'},
  {component: 'ProgressMetricsLab', title: 'Streaming metrics', to: '/docs/monitoring-observability/prometheus-monitoring', file: '09-monitoring-observability/prometheus-monitoring/index.md', does: 'Paste a StreamingQueryProgress event and see the Prometheus metrics it becomes.'},
  {component: 'LogAnalysisLab', title: 'Log analysis', to: '/docs/monitoring-observability/logging', file: '09-monitoring-observability/logging/index.md', does: 'Run the logging page’s queries on an incident’s structured logs.'},
  {component: 'StreamingLab', title: 'Multi-plant reconnect burst', to: '/docs/real-world-case-studies/multi-plant-streaming', file: '11-real-world-case-studies/multi-plant-streaming/index.mdx', does: 'Replay a plant reconnect burst under maxOffsetsPerTrigger and see which readings still count.'},
];
