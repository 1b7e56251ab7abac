import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {load as loadYaml} from 'js-yaml';
import {describe, expect, it} from 'vitest';
import {evaluateAlertRules, labelsKey, parseDuration, parseRules, type SeriesSet} from '../../../playground';
import {load} from './series';
import {alertRulesFile, rulesFolder} from './tools';

const minute = 60_000;
const rulesYaml = readFileSync(alertRulesFile, 'utf8');

function states(yaml: string, set: SeriesSet, minutes: number): string {
  const result = evaluateAlertRules(yaml, set, {from: 0, to: minutes * minute, step: minute});
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.evaluation.alerts.map((alert) => alert.states.map((state) => state[0]).join('')).join('|');
}

describe('alert states as rules/alerting.go moves them', () => {
  const set = load(minute, {'x{}': '0 1 1 1 0 1 1 1 1 1 0 0 0 0 0'});

  it('pending from the first true evaluation, firing once `for` has passed, dropped when a pending alert clears', () => {
    const rule = (extra: string) => `groups:\n  - name: g\n    rules:\n      - alert: X\n        expr: x == 1\n${extra}`;
    // i = inactive, p = pending, f = firing
    expect(states(rule('        for: 2m\n'), set, 14)).toBe('ippfippfffiiiii');
    expect(states(rule(''), set, 14)).toBe('ifffifffffiiiii');
  });

  it('keep_firing_for holds a firing alert after its expression clears, and restarts when it returns', () => {
    const rule = `groups:\n  - name: g\n    rules:\n      - alert: X\n        expr: x == 1\n        for: 1m\n        keep_firing_for: 3m\n`;
    expect(states(rule, set, 14)).toBe('ipfffffffffffii');
  });
});

describe('the engine agrees with the hand-written promtool unit tests of alert-rules.yml, labels and rendered annotations', () => {
  const document = loadYaml(readFileSync(join(rulesFolder, 'alert-rules.test.yml'), 'utf8')) as {
    tests: {name: string; interval: string; input_series: {series: string; values: string}[]; alert_rule_test: {eval_time: string; alertname: string; exp_alerts: {exp_labels: Record<string, string>; exp_annotations: Record<string, string>}[]}[]}[];
  };
  for (const test of document.tests) {
    it(test.name, () => {
      const set = load(parseDuration(test.interval), Object.fromEntries(test.input_series.map((input) => [input.series.replace(/'/g, ''), input.values])));
      const last = Math.max(...test.alert_rule_test.map((check) => parseDuration(check.eval_time)));
      const result = evaluateAlertRules(rulesYaml, set, {from: 0, to: last, step: minute});
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      for (const check of test.alert_rule_test) {
        const step = parseDuration(check.eval_time) / minute;
        const firing = result.evaluation.alerts.filter((alert) => alert.rule === check.alertname && alert.states[step] === 'firing').map((alert) => alert.labels);
        expect(firing, `${check.alertname} at ${check.eval_time}`).toEqual(check.exp_alerts.map((expected) => ({...expected.exp_labels, alertname: check.alertname})).map((labels) => expect.objectContaining(labels)));
        for (const labels of firing) expect(Object.keys(labels).length).toBe(Object.keys(check.exp_alerts[0]!.exp_labels).length + 1);
        // The annotations promtool proves (exp_annotations) are the text the engine renders from the templates.
        const rendered = result.evaluation.alerts
          .filter((alert) => alert.rule === check.alertname && alert.states[step] === 'firing')
          .map((alert) => ({key: labelsKey(alert.labels), annotations: alert.annotations[step]}))
          .sort((a, b) => a.key.localeCompare(b.key));
        const expected = check.exp_alerts
          .map((alert) => ({key: labelsKey({...alert.exp_labels, alertname: check.alertname}), annotations: alert.exp_annotations}))
          .sort((a, b) => a.key.localeCompare(b.key));
        expect(rendered, `${check.alertname} annotations at ${check.eval_time}`).toEqual(expected);
      }
    });
  }
});

describe('a broken rules file is reported where it is broken', () => {
  it('malformed YAML gives the line', () => {
    const result = parseRules('groups:\n  - name: g\n    rules:\n      - alert: X\n       expr: up\n');
    expect(result.ok ? 0 : result.problems[0]!.line).toBe(5);
  });

  it('a PromQL error names the rule, the position in the expression and the line of its expr', () => {
    const broken = rulesYaml.replace('expr: mfg_streaming_watermark_delay_seconds > 1800', 'expr: mfg_streaming_watermark_delay_seconds >');
    const result = parseRules(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.rule).toBe('WatermarkDelayHigh');
    expect(result.problems[0]!.message).toMatch(/^WatermarkDelayHigh: unexpected end of input/);
    expect(broken.split('\n')[result.problems[0]!.line - 1]).toContain('expr: mfg_streaming_watermark_delay_seconds >');
  });

  it('unknown fields and bad durations are refused as promtool refuses them', () => {
    const result = parseRules('groups:\n  - name: g\n    rules:\n      - alert: X\n        expr: up\n        for: 5 minutes\n        severity: page\n');
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual(expect.arrayContaining([expect.stringContaining('for'), expect.stringContaining('severity')]));
  });

  it('every alert rule in alert-rules.yml parses into the subset the engine evaluates', () => {
    const result = parseRules(rulesYaml);
    expect(result.ok && result.alerts.map((rule) => rule.name)).toEqual([
      'StreamingQueryDown', 'StreamingMetricsStale', 'PlantInputStopped', 'StreamingQueryFallingBehind', 'StreamingBatchTooSlow', 'KafkaConsumerLagHigh', 'LateRowsDropped', 'WatermarkDelayHigh', 'ExecutorGcPressure',
      'KStreamsConsumerLagHigh', 'DeltaTableNotUpdated', 'DeltaSmallFiles', 'SchemaConflictsHigh', 'PushgatewayDown', 'Watchdog',
    ]);
  });
});
