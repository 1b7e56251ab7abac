import * as z from 'zod';
import {checkPromqlSyntax} from './promql';

/**
 * The queries of a Grafana dashboard JSON file (the JSON model Grafana 10–12 exports), panel by
 * panel, with the metric names each one reads, so a page can link every metric to its definition.
 */

export interface DashboardQuery {
  expr: string;
  /** Metric names the query's selectors read, sorted; empty when it does not parse. */
  metrics: string[];
  /** Prometheus' parser's complaint, null when it parses. */
  problem: string | null;
}

export interface DashboardPanel {
  id: number;
  title: string;
  description: string | null;
  queries: DashboardQuery[];
}

const dashboardSchema = z.looseObject({
  uid: z.string(),
  title: z.string(),
  panels: z.array(
    z.looseObject({
      id: z.number(),
      title: z.string(),
      description: z.string().optional(),
      targets: z.array(z.looseObject({expr: z.string()})).default([]),
    }),
  ),
});

/**
 * Grafana's variables replaced as Grafana replaces them before the query reaches Prometheus:
 * `$__rate_interval` and `$__interval` by a duration, `$var` and `${var}` by a value.
 */
export function substituteGrafanaVariables(expr: string): string {
  return expr.replace(/\$__(rate_)?interval/g, '5m').replace(/\$\{?[a-zA-Z_]+\}?/g, 'value');
}

/** The panels of a dashboard JSON text and the metrics their queries read. */
export function dashboardPanels(json: string): {uid: string; title: string; panels: DashboardPanel[]} {
  const dashboard = dashboardSchema.parse(JSON.parse(json));
  return {
    uid: dashboard.uid,
    title: dashboard.title,
    panels: dashboard.panels.map((panel) => ({
      id: panel.id,
      title: panel.title,
      description: panel.description ?? null,
      queries: panel.targets.map((target) => {
        const checked = checkPromqlSyntax(substituteGrafanaVariables(target.expr));
        return checked.ok ? {expr: target.expr, metrics: checked.metricNames, problem: null} : {expr: target.expr, metrics: [], problem: checked.message};
      }),
    })),
  };
}
