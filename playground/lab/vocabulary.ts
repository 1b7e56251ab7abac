/**
 * The platform's names, defined once: docs/best-practices/naming-conventions.md explains them, the
 * labs and the vocabulary test read them from here.
 */
export const platformVocabulary = {
  /** Unity Catalog catalogs, one per environment (`mfg_<env>`), and the disaster-recovery replica of production. */
  catalogs: ['mfg_dev', 'mfg_qa', 'mfg_prod'],
  replicaCatalogs: ['mfg_prod_dr'],
  /** Schemas: the medallion layers, plus `ops` for what the pipelines keep about themselves. */
  schemas: ['bronze', 'silver', 'gold', 'ops'],
  /** Where a streaming query keeps its checkpoint; a new incompatible version adds `_v<n>` to the query name. */
  checkpointRoot: '/Volumes/<catalog>/ops/checkpoints/<queryName>',
  /** Prometheus metrics the platform defines: `mfg_<component>_<what>_<unit>`. */
  metricPrefix: 'mfg_',
  /** Kafka topics: `<domain>.<entity>.<stage>`, hyphens inside a part, no underscores. */
  topicPattern: '<domain>.<entity>.<stage>',
} as const;

/** `former-prefix`: the `mdp_` prefix of an earlier name of the platform, on a catalog or a metric alike. */
export type VocabularyRule = 'catalog' | 'schema' | 'checkpoint' | 'metric-prefix' | 'former-prefix' | 'topic';

/** A name in a text that contradicts the vocabulary. */
export interface VocabularyViolation {
  rule: VocabularyRule;
  /** 1-based line of the text. */
  line: number;
  found: string;
  /** What the convention says instead. */
  expected: string;
}

/**
 * Placeholders a page may write instead of a real name: `<catalog>`, `{catalog}`, `${catalog}`, and the
 * convention's own template for the environment catalog, `mfg_<env>` (or `mfg_{env}` in Python).
 */
const placeholder = /^(?:mfg_)?(?:<[^>]+>|\$?\{[^}]+\})$/;
const knownCatalogs = new Set<string>([...platformVocabulary.catalogs, ...platformVocabulary.replicaCatalogs]);
const knownSchemas = new Set<string>(platformVocabulary.schemas);
const catalogWords = `${platformVocabulary.catalogs.join(', ')} (replica: ${platformVocabulary.replicaCatalogs.join(', ')})`;

/** `catalog.schema.table` where the schema is a layer: the catalog must be the platform's. */
const layeredName = /(?<![\w.$/-])([a-z][a-z0-9_]*)\.(bronze|silver|gold|ops)\.[a-z_][a-z0-9_]*/g;
const volumePath = /\/Volumes\/([^/\s'"`)\]]+)\/([^/\s'"`)\]]+)/g;
const checkpointPath = /(?:dbfs:\/|\/Volumes\/|\/mnt\/|abfss:\/\/|s3a?:\/\/|gs:\/\/)[^\s'"`)\]]*checkpoint[^\s'"`)\]]*/g;
const checkpointRootPattern = /^\/Volumes\/([^/]+)\/ops\/checkpoints(?:\/|$)/;
/** The prefix of an earlier name of the platform: neither a catalog nor a metric may carry it. */
const formerPrefix = /(?<![\w.])mdp_[a-z0-9_]+/g;
const metricDefinition = /\b(?:Counter|Gauge|Histogram|Summary)\(\s*["']([A-Za-z_:][\w:]*)["']/g;
/** A topic written as a value: `.option("subscribe", "…")`, `--topic …`, `topic: "…"`; a trailing dot is a prefix or the end of a sentence. */
const topicUse = /(?:\.option\(\s*["'](?:subscribe|topic)["']\s*,\s*["']|--topic\s+|\btopic["']?\s*[:=]\s*["'])([A-Za-z0-9][\w.-]*?)\.?(?=["'\s,)]|$)/g;
/** `mfg_<env>.<schema>.<object>`: the schema must be a layer or ops. */
const platformName = new RegExp(`(?<![\\w.$/-])(?:${[...platformVocabulary.catalogs, ...platformVocabulary.replicaCatalogs].join('|')})\\.([a-z_][a-z0-9_]*)\\.[a-z_][a-z0-9_]*`, 'g');
const topicShape = /^[a-z0-9-]+\.[a-z0-9-]+\.[a-z0-9-]+$/;

/**
 * The names in `text` (a page, a module, a config) that contradict the vocabulary: a catalog other
 * than `mfg_<env>`, a schema outside the layers and `ops`, a checkpoint outside
 * `/Volumes/<catalog>/ops/checkpoints/`, a metric without the `mfg_` prefix, a topic that is not
 * `<domain>.<entity>.<stage>` (or has an underscore).
 */
export function findVocabularyViolations(text: string): VocabularyViolation[] {
  const violations: VocabularyViolation[] = [];
  text.split('\n').forEach((lineText, index) => {
    const line = index + 1;
    const add = (rule: VocabularyRule, found: string, expected: string) => violations.push({rule, line, found, expected});
    for (const [found, catalog] of lineText.matchAll(layeredName)) {
      if (!knownCatalogs.has(catalog!) && !catalog!.startsWith('mdp_')) {
        add('catalog', found, `a platform catalog: ${catalogWords}`);
      }
    }
    for (const [found, schema] of lineText.matchAll(platformName)) {
      if (!knownSchemas.has(schema!)) {
        add('schema', found, `a schema of the platform: ${platformVocabulary.schemas.join(', ')}`);
      }
    }
    for (const [found, catalog, schema] of lineText.matchAll(volumePath)) {
      if (catalog!.startsWith('mdp_')) {
        continue; // reported once, as the former prefix
      }
      if (!knownCatalogs.has(catalog!) && !placeholder.test(catalog!)) {
        add('catalog', found, `a platform catalog: ${catalogWords}`);
      } else if (!knownSchemas.has(schema!) && !placeholder.test(schema!)) {
        add('schema', found, `a schema of the platform: ${platformVocabulary.schemas.join(', ')}`);
      }
    }
    for (const [found] of lineText.matchAll(checkpointPath)) {
      const root = checkpointRootPattern.exec(found);
      if (!root) {
        add('checkpoint', found, platformVocabulary.checkpointRoot);
      }
    }
    for (const [found] of lineText.matchAll(formerPrefix)) {
      add('former-prefix', found, `the platform prefix mfg_ (${found.replace(/^mdp_/, 'mfg_')})`);
    }
    for (const [, name] of lineText.matchAll(metricDefinition)) {
      if (!name!.startsWith(platformVocabulary.metricPrefix)) {
        add('metric-prefix', name!, `${platformVocabulary.metricPrefix}<component>_<what>_<unit>`);
      }
    }
    for (const [, topic] of lineText.matchAll(topicUse)) {
      // A prefix (`plant017.` in a prefixed ACL) or a single word is not a whole topic name.
      if (topic!.includes('.') && !topicShape.test(topic!) && topic!.split('.').length !== 2) {
        add('topic', topic!, `${platformVocabulary.topicPattern}, lower case, hyphens inside a part, no underscores`);
      }
    }
  });
  return violations;
}

type PlatformCatalog = (typeof platformVocabulary.catalogs)[number];
type PlatformSchema = (typeof platformVocabulary.schemas)[number];

/** A table name in the platform's vocabulary, for the labs' exports: `mfg_prod.gold.dim_machine`. */
export function platformTableName(schema: PlatformSchema, table: string, catalog: PlatformCatalog = 'mfg_prod'): string {
  return `${catalog}.${schema}.${table}`;
}
