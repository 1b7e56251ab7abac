import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {load} from 'js-yaml';
import {describe, expect, it} from 'vitest';
import {createSlugger} from '@docusaurus/utils';
import {checkPromqlSyntax, dashboardPanels, substituteGrafanaVariables} from '../../../playground';
import {metricDefinitions} from '../../../src/components/DashboardQueries/definitions';
import {rulesFolder, section} from './tools';

const folder = join(section, 'grafana-dashboards');
const datasources = load(readFileSync(join(folder, 'provisioning/datasources.yml'), 'utf8')) as {datasources: {uid: string; type: string}[]};
const provisionedUids = new Set(datasources.datasources.map((datasource) => datasource.uid));

/** The metrics the Prometheus page defines (listener, Delta job, exporters, Spark's executor metrics) and the recorded series. */
const definedMetrics = new Set([
  ...readFileSync(join(section, 'prometheus-monitoring/index.md'), 'utf8').matchAll(/\b((?:mfg|kafka)_[a-z0-9_]+|metrics_executor_[A-Za-z0-9_]+)\b/g),
].map((match) => match[1]!).concat([...readFileSync(join(rulesFolder, 'recording-rules.yml'), 'utf8').matchAll(/record: (\S+)/g)].map((match) => match[1]!)));

interface Dashboard {
  uid: string;
  templating: {list: {datasource: {uid: string}; query: {query: string}}[]};
  panels: {title: string; datasource: {uid: string}; targets: {expr: string; datasource: {uid: string}}[]}[];
}

/** Every problem of one dashboard: unknown data sources, PromQL that does not parse, metrics no page defines. */
function dashboardProblems(dashboard: Dashboard): string[] {
  const problems: string[] = [];
  const checkExpr = (where: string, expr: string) => {
    const checked = checkPromqlSyntax(substituteGrafanaVariables(expr));
    if (!checked.ok) problems.push(`${where}: ${checked.message} in ${expr}`);
    else for (const name of checked.metricNames) if (!definedMetrics.has(name)) problems.push(`${where}: ${name} is not defined on the Prometheus page`);
  };
  for (const variable of dashboard.templating.list) {
    if (!provisionedUids.has(variable.datasource.uid)) problems.push(`variable: data source ${variable.datasource.uid}`);
    const selector = /^label_values\((.*), *[a-zA-Z_]+\)$/.exec(variable.query.query);
    if (selector === null) problems.push(`variable: not a label_values() query: ${variable.query.query}`);
    else checkExpr('variable', selector[1]!);
  }
  for (const panel of dashboard.panels) {
    if (!provisionedUids.has(panel.datasource.uid)) problems.push(`${panel.title}: data source ${panel.datasource.uid}`);
    for (const target of panel.targets) {
      if (!provisionedUids.has(target.datasource.uid)) problems.push(`${panel.title}: target data source ${target.datasource.uid}`);
      checkExpr(panel.title, target.expr);
    }
  }
  return problems;
}

describe('the Grafana dashboards next to the page', () => {
  const files = readdirSync(join(folder, 'dashboards')).filter((name) => name.endsWith('.json')).sort();

  it('are the four dashboards the page describes', () => {
    expect(files).toEqual(['data-quality.json', 'kafka-cluster.json', 'spark-performance.json', 'streaming-pipeline.json']);
    expect(definedMetrics.has('mfg_streaming_input_rows_total')).toBe(true);
  });

  for (const file of files) {
    it(`${file}: JSON, every panel's PromQL parses with Prometheus' grammar, uses defined metrics and the provisioned data source`, () => {
      const dashboard = JSON.parse(readFileSync(join(folder, 'dashboards', file), 'utf8')) as Dashboard;
      expect(dashboard.uid).toBe(`mfg-${file.replace('.json', '')}`);
      expect(dashboard.panels.length).toBeGreaterThanOrEqual(4);
      expect(dashboardProblems(dashboard)).toEqual([]);
    });
  }

  it('the check catches a broken expression, an undefined metric and a wrong data source', () => {
    const dashboard = JSON.parse(readFileSync(join(folder, 'dashboards/streaming-pipeline.json'), 'utf8')) as Dashboard;
    dashboard.panels[0]!.targets[0]!.expr = 'sum by (plant) (rate(mfg_streaming_input_rows_total[5m])';
    dashboard.panels[1]!.targets[0]!.expr = 'max(mdp_kafka_max_offsets_behind_latest)';
    dashboard.panels[2]!.datasource.uid = 'prometheus';
    expect(dashboardProblems(dashboard)).toEqual([
      expect.stringContaining('Rows read vs processed per second: unexpected end of input'),
      'Consumer lag, worst partition: mdp_kafka_max_offsets_behind_latest is not defined on the Prometheus page',
      'Watermark delay: data source prometheus',
    ]);
  });
});

/** The sections of a Markdown page by heading id (as Docusaurus slugs headings), each with its text up to the next heading of the same or a higher level. */
function sectionsOf(file: string): Map<string, string> {
  const lines = readFileSync(join(__dirname, '../../..', file), 'utf8').split('\n');
  const slugger = createSlugger();
  const headings: {id: string; level: number; line: number}[] = [];
  let fenced = false;
  lines.forEach((line, index) => {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^(#{2,6}) (.+)$/.exec(line);
    if (heading !== null) headings.push({id: slugger.slug(heading[2]!.replace(/`/g, '')), level: heading[1]!.length, line: index});
  });
  return new Map(
    headings.map((heading, index) => {
      const end = headings.slice(index + 1).find((next) => next.level <= heading.level);
      return [heading.id, lines.slice(heading.line, end === undefined ? lines.length : end.line).join('\n')];
    }),
  );
}

describe("the Grafana page links each panel's metrics to their definitions", () => {
  const files = readdirSync(join(folder, 'dashboards')).filter((name) => name.endsWith('.json')).sort();

  it('every metric of every panel has a definition whose heading exists and whose section names the metric', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const file of files) {
      for (const panel of dashboardPanels(readFileSync(join(folder, 'dashboards', file), 'utf8')).panels) {
        for (const query of panel.queries) {
          expect(query.problem, `${file} ${panel.title}`).toBeNull();
          for (const metric of query.metrics) {
            checked += 1;
            const definition = metricDefinitions[metric];
            if (definition === undefined) {
              problems.push(`${file} ${panel.title}: ${metric} has no definition`);
              continue;
            }
            const section = sectionsOf(definition.file).get(definition.anchor);
            const escaped = metric.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            if (section === undefined) problems.push(`${metric}: no heading #${definition.anchor} in ${definition.file}`);
            else if (!new RegExp(`(?<![\\w:])${escaped}(?![\\w:])`).test(section)) problems.push(`${metric}: the section #${definition.anchor} does not name it`);
            if (!section?.startsWith(`### ${definition.section}`)) problems.push(`${metric}: the section is titled differently from "${definition.section}"`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(23);
  });

  it('the check catches a metric without a definition and a heading that is gone', () => {
    expect(metricDefinitions.mdp_kafka_max_offsets_behind_latest).toBeUndefined();
    expect(sectionsOf(metricDefinitions.mfg_streaming_batch_duration_seconds!.file).has('streaming-progress-the-fields-that-matter')).toBe(true);
    expect(sectionsOf(metricDefinitions.mfg_streaming_batch_duration_seconds!.file).has('streaming-progress')).toBe(false);
  });
});

