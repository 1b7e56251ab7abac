/** Priority of a catalog section: 1 production-critical, 2 architecture and performance, 3 support. */
export type Priority = 1 | 2 | 3;

export interface CatalogSection {
  /** Folder under docs/, as in the seed's catalog tree. */
  dir: string;
  title: string;
  priority: Priority;
  summary: string;
  /** Pattern folders under the section, in the seed's order. */
  patterns: readonly string[];
}

/** The 11-section pattern catalog, in order. The docs tree must match it (tests/unit/catalog.test.ts). */
export const catalogSections: readonly CatalogSection[] = [
  {
    dir: '01-authentication-security',
    title: 'Authentication & Security',
    priority: 1,
    summary: 'Kafka SASL_SSL, Unity Catalog service principals, secret scopes and rotation.',
    patterns: ['kafka-sasl-ssl', 'unity-catalog-authentication', 'secrets-management'],
  },
  {
    dir: '02-schema-evolution',
    title: 'Schema Evolution',
    priority: 1,
    summary: 'Delta type conflicts, MAP flattening in 11 steps, Schema Registry compatibility.',
    patterns: [
      'delta-type-conflicts',
      'map-type-flattening',
      'schema-registry-integration',
      'production-patterns',
    ],
  },
  {
    dir: '03-streaming-architecture',
    title: 'Streaming Architecture',
    priority: 1,
    summary: 'Kafka to Delta with Structured Streaming, Kafka Streams preprocessing, exactly-once.',
    patterns: ['kafka-to-delta-lake', 'kstreams-preprocessing', 'exactly-once-semantics', 'failure-recovery'],
  },
  {
    dir: '04-dimensional-modeling',
    title: 'Dimensional Modeling',
    priority: 2,
    summary: 'Manufacturing star schemas, SCD types 1/2/3/6, fact tables, plant hierarchies.',
    patterns: [
      'star-schema-design',
      'slowly-changing-dimensions',
      'fact-table-patterns',
      'multi-plant-hierarchy',
      'incremental-loading',
    ],
  },
  {
    dir: '05-performance-optimization',
    title: 'Performance Optimization',
    priority: 2,
    summary: 'Spark UI analysis, shuffle elimination, billion-record tuning, AQE, benchmarking.',
    patterns: [
      'spark-ui-analysis',
      'shuffle-optimization',
      'billion-record-optimization',
      'adaptive-query-execution',
      'benchmarking',
    ],
  },
  {
    dir: '06-databricks-deployment',
    title: 'Databricks Deployment',
    priority: 3,
    summary: 'Asset Bundles, HOCON configuration, GitHub Actions, clusters and workspaces.',
    patterns: [
      'asset-bundles',
      'hocon-configurations',
      'github-actions-cicd',
      'cluster-management',
      'workspace-organization',
    ],
  },
  {
    dir: '07-enterprise-integration',
    title: 'Enterprise Integration',
    priority: 3,
    summary: 'SAP extraction, OPP data, change data capture with Debezium, orchestration.',
    patterns: ['sap-integration', 'opp-data-processing', 'change-data-capture', 'orchestration'],
  },
  {
    dir: '08-testing-validation',
    title: 'Testing & Validation',
    priority: 3,
    summary: 'VasapiValidator integration, data quality, integration and performance tests.',
    patterns: ['vasapi-validator', 'data-quality-testing', 'integration-testing', 'performance-testing'],
  },
  {
    dir: '09-monitoring-observability',
    title: 'Monitoring & Observability',
    priority: 3,
    summary: 'Prometheus metrics, Grafana dashboards, structured logging, alerting.',
    patterns: ['prometheus-monitoring', 'grafana-dashboards', 'logging', 'alerting'],
  },
  {
    dir: '10-production-playbooks',
    title: 'Production Playbooks',
    priority: 1,
    summary: 'Troubleshooting playbooks, runbooks, operational procedures, error reference.',
    patterns: ['troubleshooting', 'runbooks', 'operational-procedures', 'error-reference'],
  },
  {
    dir: '11-real-world-case-studies',
    title: 'Real-World Case Studies',
    priority: 3,
    summary: 'Multi-plant streaming, billion-record processing, OPP and SAP integration.',
    patterns: [
      'multi-plant-streaming',
      'billion-record-processing',
      'opp-data-integration',
      'sap-manufacturing-integration',
    ],
  },
];

/** The URL path of a docs folder: Docusaurus drops the `NN-` number prefix. */
export function docsPath(dir: string, pattern?: string): string {
  const section = dir.replace(/^\d+-/, '');
  return pattern ? `/docs/${section}/${pattern}` : `/docs/${section}`;
}
