import {benchRow, type BenchRow} from './rows';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {evaluateAlertRules, firingAt, generateIncident, incidentNames, routeAlerts} from '../../playground';

/**
 * The alerting lab's work in Node (pure TypeScript, no DuckDB): generating an incident's series,
 * evaluating the 14 alert rules at each of its 151 minutes, and routing every minute's firing
 * alerts. Median of 5 runs after one warm-up. Called from run.ts as `measurements.push(...await alertingBench())`.
 */
export async function alertingBench(): Promise<BenchRow<'node-wasm'>[]> {
  const section = join(__dirname, '../../docs/09-monitoring-observability');
  const rules = readFileSync(join(section, 'prometheus-monitoring/rules/alert-rules.yml'), 'utf8');
  const alertmanager = readFileSync(join(section, 'alerting/alertmanager.yml'), 'utf8');
  const time = (work: () => void): number[] => {
    work();
    return Array.from({length: 5}, () => {
      const start = performance.now();
      work();
      return performance.now() - start;
    });
  };
  const row = (name: string, runsMs: number[]) => benchRow('node-wasm', name, runsMs);
  const incidents = incidentNames.map((name) => generateIncident(name, 42));
  return [
    row('alerting: generate the 5 incidents', time(() => incidentNames.forEach((name) => generateIncident(name, 42)))),
    row('alerting: evaluate 14 rules x 151 minutes, 4 incidents', time(() => incidents.forEach((incident) => evaluateAlertRules(rules, incident.series, {from: 0, to: incident.minutes * 60_000, step: 60_000})))),
    row('alerting: route every minute of the 4 incidents', time(() => {
      for (const incident of incidents) {
        const result = evaluateAlertRules(rules, incident.series, {from: 0, to: incident.minutes * 60_000, step: 60_000});
        if (result.ok) result.evaluation.times.forEach((_, step) => routeAlerts(alertmanager, firingAt(result.evaluation, step)));
      }
    })),
  ];
}
