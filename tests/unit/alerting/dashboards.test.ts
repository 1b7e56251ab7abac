import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {load} from 'js-yaml';
import {describe, expect, it} from 'vitest';
import {checkPromqlSyntax} from '../../../playground';
import {rulesFolder, section} from './tools';

const folder = join(section, 'grafana-dashboards');
const datasources = load(readFileSync(join(folder, 'provisioning/datasources.yml'), 'utf8')) as {datasources: {uid: string; type: string}[]};
const provisionedUids = new Set(datasources.datasources.map((datasource) => datasource.uid));

/** The metrics the Prometheus page defines (listener, Delta job, exporters) and the recorded series. */
const definedMetrics = new Set([
  ...readFileSync(join(section, 'prometheus-monitoring/index.md'), 'utf8').matchAll(/\b((?:mfg|kafka)_[a-z0-9_]+)\b/g),
].map((match) => match[1]!).concat([...readFileSync(join(rulesFolder, 'recording-rules.yml'), 'utf8').matchAll(/record: (\S+)/g)].map((match) => match[1]!)));

/** Grafana's variables as Grafana substitutes them before the query reaches Prometheus. */
function substituteVariables(expr: string): string {
  return expr.replace(/\$__(rate_)?interval/g, '5m').replace(/\$\{?[a-zA-Z_]+\}?/g, 'value');
}

interface Dashboard {
  uid: string;
  templating: {list: {datasource: {uid: string}; query: {query: string}}[]};
  panels: {title: string; datasource: {uid: string}; targets: {expr: string; datasource: {uid: string}}[]}[];
}

/** Every problem of one dashboard: unknown data sources, PromQL that does not parse, metrics no page defines. */
function dashboardProblems(dashboard: Dashboard): string[] {
  const problems: string[] = [];
  const checkExpr = (where: string, expr: string) => {
    const checked = checkPromqlSyntax(substituteVariables(expr));
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
