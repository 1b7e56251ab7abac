import {readFileSync, readdirSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, expect, it} from 'vitest';
import {findVocabularyViolations, platformVocabulary} from '../../../playground';

/*
 * One vocabulary, enforced: every page, module and config the site shows (docs/, the error catalog
 * behind /errors, the components and pages) uses the names that naming-conventions.md defines and
 * playground/lab/vocabulary.ts holds as data.
 */

const root = join(__dirname, '../../..');
const shownFiles = /\.(?:md|mdx|py|ya?ml|sql|sh|conf|hocon|json|properties|java|scala|ts|tsx)$/;

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : shownFiles.test(name) ? [path] : [];
  });
}

const checkedFiles = ['docs', 'playground/errors/entries', 'src/components', 'src/pages'].flatMap((folder) => filesUnder(join(root, folder)));

/**
 * Known violations, each with why it is still there. An entry whose text is gone fails the test, so
 * the list only shrinks. Matched by file and text (lines move while pages are rewritten).
 */
const knownViolations: {file: string; line: number; found: string}[] = [
  // Debezium names a table's topic <topic.prefix>.<schema>.<table>; following the topic convention needs a
  // RegexRouter per table in the connector, which the page does not show yet.
  {file: 'docs/07-enterprise-integration/change-data-capture/index.md', line: 115, found: 'mes_de01.public.work_order'},
];

const key = (file: string, found: string) => `${file}\u0000${found}`;

describe('the platform vocabulary', () => {
  const found = checkedFiles.flatMap((path) => findVocabularyViolations(readFileSync(path, 'utf8')).map((violation) => ({file: relative(root, path), ...violation})));

  it('checks every page, module and config the site shows', () => {
    expect(checkedFiles.length).toBeGreaterThan(150);
    expect(checkedFiles.some((path) => path.endsWith('naming-conventions.md'))).toBe(true);
  });

  it('finds no name that contradicts the conventions outside the known, listed violations', () => {
    const listed = new Set(knownViolations.map((entry) => key(entry.file, entry.found)));
    const unlisted = found.filter((violation) => !listed.has(key(violation.file, violation.found)));
    expect(unlisted.map((violation) => `${violation.file}:${violation.line} ${violation.rule}: ${violation.found} (expected ${violation.expected})`)).toEqual([]);
  });

  it('lists no known violation that is already fixed', () => {
    const present = new Set(found.map((violation) => key(violation.file, violation.found)));
    expect(knownViolations.filter((entry) => !present.has(key(entry.file, entry.found)))).toEqual([]);
  });

  it('is the vocabulary the naming-conventions page defines', () => {
    const page = readFileSync(join(root, 'docs/best-practices/naming-conventions.md'), 'utf8');
    for (const name of [...platformVocabulary.catalogs, ...platformVocabulary.replicaCatalogs, ...platformVocabulary.schemas, platformVocabulary.checkpointRoot, platformVocabulary.topicPattern]) {
      expect(page, name).toContain(`\`${name}\``);
    }
    expect(page).toContain(`\`${platformVocabulary.metricPrefix}<component>_<what>_<unit>\``);
  });
});

describe('findVocabularyViolations', () => {
  it('flags a catalog outside mfg_<env>, and the former mdp_ prefix once', () => {
    expect(findVocabularyViolations('SELECT * FROM mdp_prod.silver.sensor_readings').map((violation) => [violation.rule, violation.found])).toEqual([['former-prefix', 'mdp_prod']]);
    expect(findVocabularyViolations('spark.table("mfg.gold.dim_machine")').map((violation) => [violation.rule, violation.found])).toEqual([['catalog', 'mfg.gold.dim_machine']]);
    expect(findVocabularyViolations('spark.table("mfg_prod.gold.dim_machine")  # mfg_qa.silver.sensor_readings')).toEqual([]);
  });

  it('flags a schema outside the layers and ops, also in a volume path', () => {
    expect(findVocabularyViolations('GRANT READ VOLUME ON VOLUME mfg_prod.security.kafka_certs TO `x`;').map((violation) => violation.rule)).toEqual(['schema']);
    expect(findVocabularyViolations('/Volumes/mfg_prod/streaming/data').map((violation) => violation.rule)).toEqual(['schema']);
    expect(findVocabularyViolations('/Volumes/<catalog>/ops/kafka_certs/plant-a/truststore.p12')).toEqual([]);
  });

  it('flags a checkpoint outside /Volumes/<catalog>/ops/checkpoints, with its line', () => {
    const text = 'ok = "/Volumes/mfg_prod/ops/checkpoints/silver_sensor_readings_v2"\n.option("checkpointLocation", "dbfs:/checkpoints/silver")';
    expect(findVocabularyViolations(text)).toEqual([{rule: 'checkpoint', line: 2, found: 'dbfs:/checkpoints/silver', expected: '/Volumes/<catalog>/ops/checkpoints/<queryName>'}]);
    expect(findVocabularyViolations('f"/Volumes/{catalog}/ops/checkpoints/{query_name}"')).toEqual([]);
  });

  it('flags a metric the platform defines without the mfg_ prefix', () => {
    expect(findVocabularyViolations('LAG = Gauge("pipeline_kafka_lag_records", "lag")').map((violation) => violation.found)).toEqual(['pipeline_kafka_lag_records']);
    expect(findVocabularyViolations('ROWS = Counter("mfg_pipeline_records_processed_total", "rows")')).toEqual([]);
  });

  it('flags a topic with underscores or the wrong number of parts', () => {
    expect(findVocabularyViolations('.option("subscribe", "mfg.sensor_events.raw")').map((violation) => violation.found)).toEqual(['mfg.sensor_events.raw']);
    expect(findVocabularyViolations('kafka-console-consumer.sh --topic mfg.sensor-events.raw')).toEqual([]);
    expect(findVocabularyViolations('kafka-acls.sh --add --topic mfg. --resource-pattern-type prefixed')).toEqual([]);
  });
});

describe('reader-facing pages', () => {
  it('never mention the brief they were written from', () => {
    const pages = checkedFiles.filter((path) => /\.(?:md|mdx)$/.test(path) || path.includes('/src/pages/'));
    const leftovers = pages.flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((text, index) => (/\bthe (?:original )?seed\b(?!\s*(?:=|value|of the generator))|\bseed corrections?\b|\bseed's\b/i.test(text) ? [`${relative(root, path)}:${index + 1}`] : [])),
    );
    expect(leftovers).toEqual([]);
  });
});
