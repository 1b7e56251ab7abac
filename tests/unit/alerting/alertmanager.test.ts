import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {evaluateAlertRules, firingAt, generateIncident, incidentNames, routeAlerts, type Labels} from '../../../playground';
import {alertmanagerFile, alertRulesFile, runTool} from './tools';

const alertmanagerYaml = readFileSync(alertmanagerFile, 'utf8');

/** A minimal configuration with one receiver and the given inhibit rules. */
function withInhibitRules(rules: string): string {
  return `route:\n  receiver: team\nreceivers:\n  - name: team\ninhibit_rules:\n${rules}`;
}

function mutedBy(yaml: string, alerts: Labels[]): Record<string, number[]> {
  const result = routeAlerts(yaml, alerts.map((labels) => ({labels})));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return Object.fromEntries(result.alerts.map((alert) => [alert.labels.alertname!, alert.inhibitedBy.map((inhibition) => inhibition.rule)]));
}

describe('inhibition as Alertmanager does it (inhibit/inhibit.go; cases after inhibit_test.go TestInhibitRuleHasEqual)', () => {
  const rule = (equal: string) => withInhibitRules(`  - source_matchers: ['severity="critical"']\n    target_matchers: ['severity="warning"']\n    equal: ${equal}\n`);

  it('no source alert: nothing is muted', () => {
    expect(mutedBy(rule('[a]'), [{alertname: 'T', severity: 'warning', a: 'b'}])).toEqual({T: []});
  });

  it('no equal labels: any firing source mutes every target', () => {
    expect(mutedBy(rule('[]'), [{alertname: 'S', severity: 'critical', a: 'x'}, {alertname: 'T', severity: 'warning', a: 'b'}])).toEqual({S: [], T: [0]});
  });

  it('equal label with the same value mutes; a different value does not', () => {
    expect(mutedBy(rule('[a]'), [{alertname: 'S', severity: 'critical', a: 'b'}, {alertname: 'T', severity: 'warning', a: 'b'}]).T).toEqual([0]);
    expect(mutedBy(rule('[a]'), [{alertname: 'S', severity: 'critical', a: 'c'}, {alertname: 'T', severity: 'warning', a: 'b'}]).T).toEqual([]);
  });

  it('a label missing on both alerts counts as equal: the source mutes the target', () => {
    expect(mutedBy(rule('[plant, query_name]'), [{alertname: 'DeltaTableNotUpdated', severity: 'critical', table: 't'}, {alertname: 'KStreamsConsumerLagHigh', severity: 'warning', consumergroup: 'g'}]).KStreamsConsumerLagHigh).toEqual([0]);
  });

  it('a label missing on one side only is not equal', () => {
    expect(mutedBy(rule('[plant]'), [{alertname: 'S', severity: 'critical'}, {alertname: 'T', severity: 'warning', plant: 'PLANT_01'}]).T).toEqual([]);
  });

  it('source and target matchers both apply; regex matchers are anchored', () => {
    const regex = withInhibitRules(`  - source_matchers: ['alertname=~"StreamingQuery(Down)"']\n    target_matchers: ['alertname=~"Streaming.*"', 'severity!="critical"']\n    equal: [plant]\n`);
    const muted = mutedBy(regex, [
      {alertname: 'StreamingQueryDown', severity: 'critical', plant: 'P1'},
      {alertname: 'StreamingBatchTooSlow', severity: 'warning', plant: 'P1'},
      {alertname: 'StreamingMetricsStale', severity: 'critical', plant: 'P1'},
      {alertname: 'KafkaConsumerLagHigh', severity: 'warning', plant: 'P1'},
    ]);
    expect(muted).toEqual({StreamingQueryDown: [], StreamingBatchTooSlow: [0], StreamingMetricsStale: [], KafkaConsumerLagHigh: []});
  });

  it('an alert matching both sides does not mute itself nor another alert matching both sides (excludeTwoSidedMatch)', () => {
    const both = withInhibitRules(`  - source_matchers: ['team="data"']\n    target_matchers: ['team="data"']\n    equal: [plant]\n`);
    expect(mutedBy(both, [{alertname: 'A', team: 'data', plant: 'P1'}, {alertname: 'B', team: 'data', plant: 'P1'}])).toEqual({A: [], B: []});
  });
});

describe('the inhibition bug of the original alerting page, and the fix in alertmanager.yml', () => {
  const staleTable = generateIncident('stale-table', 42);
  const evaluation = evaluateAlertRules(readFileSync(alertRulesFile, 'utf8'), staleTable.series, {from: 0, to: staleTable.minutes * 60_000, step: 60_000});
  if (!evaluation.ok) throw new Error('rules did not evaluate');
  const minute90 = firingAt(evaluation.evaluation, 90);
  const original = alertmanagerYaml.replace(/  - source_matchers:\n      - severity = "critical"\n      - plant =~ "\.\+"\n      - query_name =~ "\.\+"\n/, '  - source_matchers:\n      - severity = "critical"\n');

  it('the original rule lets DeltaTableNotUpdated (no plant, no query_name) mute the unrelated Kafka Streams lag warning', () => {
    expect(original).not.toBe(alertmanagerYaml);
    const result = routeAlerts(original, minute90);
    if (!result.ok) throw new Error('config');
    const kstreams = result.alerts.find((alert) => alert.labels.alertname === 'KStreamsConsumerLagHigh')!;
    expect(kstreams.inhibitedBy.map((inhibition) => [inhibition.rule, inhibition.source.alertname])).toEqual([[1, 'DeltaTableNotUpdated']]);
    expect(result.notifications.filter((notification) => notification.receiver === 'slack-data-platform').flatMap((notification) => notification.alerts.map((alert) => alert.alertname))).toEqual(['DeltaTableNotUpdated']);
  });

  it('the fixed rule requires plant and query_name on the source: the warning reaches Slack', () => {
    const result = routeAlerts(alertmanagerYaml, minute90);
    if (!result.ok) throw new Error('config');
    expect(result.alerts.every((alert) => alert.inhibitedBy.length === 0)).toBe(true);
    expect(result.notifications.filter((notification) => notification.receiver === 'slack-data-platform').flatMap((notification) => notification.alerts.map((alert) => alert.alertname)).sort()).toEqual(['DeltaTableNotUpdated', 'KStreamsConsumerLagHigh']);
  });

  it('the fixed rule still mutes a query\'s warnings under its own critical alert (slow sink at minute 90)', () => {
    const slow = generateIncident('slow-sink', 42);
    const result = evaluateAlertRules(readFileSync(alertRulesFile, 'utf8'), slow.series, {from: 0, to: slow.minutes * 60_000, step: 60_000});
    if (!result.ok) throw new Error('rules');
    const routed = routeAlerts(alertmanagerYaml, firingAt(result.evaluation, 90));
    if (!routed.ok) throw new Error('config');
    expect(Object.fromEntries(routed.alerts.map((alert) => [alert.labels.alertname, alert.inhibitedBy.map((inhibition) => inhibition.source.alertname)]))).toEqual({
      KafkaConsumerLagHigh: [],
      StreamingBatchTooSlow: ['KafkaConsumerLagHigh'],
      StreamingQueryFallingBehind: ['KafkaConsumerLagHigh'],
      Watchdog: [],
    });
  });
});

describe('routing as Alertmanager does it (dispatch/route.go Route.Match)', () => {
  it('continue: true lets a prod critical alert reach PagerDuty and Slack; QA critical reaches Slack only; info goes to housekeeping', () => {
    const result = routeAlerts(alertmanagerYaml, [
      {labels: {alertname: 'StreamingQueryDown', env: 'prod', severity: 'critical', plant: 'PLANT_01', query_name: 'q'}},
      {labels: {alertname: 'StreamingQueryDown', env: 'qa', severity: 'critical', plant: 'PLANT_01', query_name: 'q'}},
      {labels: {alertname: 'DeltaSmallFiles', env: 'prod', severity: 'info', table: 't'}},
    ]);
    if (!result.ok) throw new Error('config');
    expect(result.alerts.map((alert) => alert.routes.map((route) => route.receiver))).toEqual([['pagerduty-data-platform', 'slack-data-platform'], ['slack-data-platform'], ['slack-data-platform-low']]);
  });

  it('groups by the route\'s group_by, leaving out labels the alert lacks, and children inherit timings', () => {
    const result = routeAlerts(alertmanagerYaml, [
      {labels: {alertname: 'StreamingBatchTooSlow', env: 'prod', severity: 'warning', plant: 'PLANT_02', query_name: 'q', team: 'data-platform'}},
      {labels: {alertname: 'StreamingBatchTooSlow', env: 'prod', severity: 'warning', plant: 'PLANT_03', query_name: 'q', team: 'data-platform'}},
      {labels: {alertname: 'DeltaSmallFiles', env: 'prod', severity: 'info', table: 't'}},
    ]);
    if (!result.ok) throw new Error('config');
    expect(result.notifications.map((n) => [n.receiver, n.groupLabels, n.groupWaitMs, n.repeatIntervalMs])).toEqual([
      ['slack-data-platform', {alertname: 'StreamingBatchTooSlow', env: 'prod', plant: 'PLANT_02', query_name: 'q'}, 30_000, 14_400_000],
      ['slack-data-platform', {alertname: 'StreamingBatchTooSlow', env: 'prod', plant: 'PLANT_03', query_name: 'q'}, 30_000, 14_400_000],
      ['slack-data-platform-low', {alertname: 'DeltaSmallFiles', env: 'prod'}, 30_000, 86_400_000],
    ]);
  });

  it('a configuration error is reported with its line: an undefined receiver, a bad matcher, malformed YAML', () => {
    const undefinedReceiver = routeAlerts(alertmanagerYaml.replace('receiver: slack-data-platform-low', 'receiver: slack-nobody'), []);
    expect(undefinedReceiver.ok ? [] : undefinedReceiver.problems.map((problem) => problem.message)).toEqual(['undefined receiver "slack-nobody" used in route']);
    const badMatcher = routeAlerts(alertmanagerYaml.replace('- severity = "info"', '- severity'), []);
    expect(badMatcher.ok ? '' : badMatcher.problems[0]!.message).toBe('bad matcher format: severity');
    const malformed = routeAlerts('route:\n  receiver: x\n bad: 1\nreceivers: []\n', []);
    expect(malformed.ok ? 0 : malformed.problems[0]!.line).toBe(3);
  });

  it('every alert of the five incidents reaches the receivers amtool config routes test names', () => {
    const rules = readFileSync(alertRulesFile, 'utf8');
    const labelSets = new Map<string, Labels>();
    for (const name of incidentNames) {
      const incident = generateIncident(name, 42);
      const result = evaluateAlertRules(rules, incident.series, {from: 0, to: incident.minutes * 60_000, step: 60_000});
      if (!result.ok) throw new Error('rules');
      for (const alert of result.evaluation.alerts) labelSets.set(JSON.stringify(alert.labels), alert.labels);
    }
    labelSets.set('qa', {alertname: 'StreamingQueryDown', env: 'qa', severity: 'critical'});
    labelSets.set('info', {alertname: 'DeltaSmallFiles', env: 'prod', severity: 'info'});
    expect(labelSets.size).toBeGreaterThan(8);
    for (const labels of labelSets.values()) {
      const ours = routeAlerts(alertmanagerYaml, [{labels}]);
      if (!ours.ok) throw new Error('config');
      const args = Object.entries(labels).map(([name, value]) => `${name}=${value}`);
      const {status, output} = runTool('amtool', ['config', 'routes', 'test', `--config.file=${alertmanagerFile}`, ...args]);
      expect(status, output).toBe(0);
      const amtoolReceivers = output.split('\n').find((line) => line.trim() !== '' && !line.startsWith('Warning'))!.trim();
      expect(ours.alerts[0]!.routes.map((route) => route.receiver).join(','), JSON.stringify(labels)).toBe(amtoolReceivers);
    }
  });
});
