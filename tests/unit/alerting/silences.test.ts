import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {evaluateAlertRules, firingAt, generateIncident, parseSilences, routeAlerts, silencedBy, silenceState} from '../../../playground';
import {alertmanagerFile, alertRulesFile} from './tools';

const minute = 60_000;
const parse = (yaml: string) => {
  const result = parseSilences(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.silences;
};
const problems = (yaml: string) => {
  const result = parseSilences(yaml);
  return result.ok ? [] : result.problems.map((problem) => `${problem.line}: ${problem.message}`);
};

describe('silences as silence/silence.go and types.go CalcSilenceState treat them', () => {
  const [silence] = parse('- matchers: [\'alertname="StreamingBatchTooSlow"\', \'plant="PLANT_01"\']\n  startsAt: 40m\n  endsAt: 1h30m\n  comment: firmware rollback\n');
  const alert = {alertname: 'StreamingBatchTooSlow', plant: 'PLANT_01', severity: 'warning'};

  it('pending before startsAt, active from startsAt until before endsAt, expired from endsAt', () => {
    expect([39, 40, 89, 90].map((at) => silenceState(silence!, at * minute))).toEqual(['pending', 'active', 'active', 'expired']);
    expect([39, 40, 89, 90].map((at) => silencedBy([silence!], alert, at * minute))).toEqual([[], [0], [0], []]);
  });

  it('mutes only alerts that every matcher matches; a missing label is the empty string', () => {
    expect(silencedBy([silence!], {...alert, plant: 'PLANT_02'}, 50 * minute)).toEqual([]);
    const [notPlant] = parse('- matchers: [\'alertname="DeltaTableNotUpdated"\', \'plant!="PLANT_01"\']\n  startsAt: 0m\n  endsAt: 2h\n');
    expect(silencedBy([notPlant!], {alertname: 'DeltaTableNotUpdated', table: 'mfg_prod.bronze.test_results'}, 0)).toEqual([0]);
    const [regex] = parse('- matchers: [\'alertname=~"Streaming.*"\']\n  startsAt: 0m\n  endsAt: 2h\n');
    expect(silencedBy([regex!], alert, 0)).toEqual([0]);
    expect(silencedBy([regex!], {alertname: 'LateStreaming'}, 0)).toEqual([]);
  });

  it("refuses what validateSilence refuses, with its messages and the silence's line", () => {
    expect(problems('- matchers: []\n  startsAt: 0m\n  endsAt: 1h\n')).toEqual(['1: silence 1: at least one matcher required']);
    expect(problems("- matchers: ['plant=\"\"', 'query_name=~\".*\"']\n  startsAt: 0m\n  endsAt: 1h\n")).toEqual(['1: silence 1: at least one matcher must not match the empty string']);
    expect(problems("- matchers: ['plant=\"PLANT_01\"']\n  startsAt: 0m\n  endsAt: 1h\n- matchers: ['plant=\"PLANT_02\"']\n  startsAt: 2h\n  endsAt: 1h\n")).toEqual(['4: silence 2: end time must not be before start time']);
    expect(problems("- matchers: ['plant']\n  startsAt: 0m\n  endsAt: 1h\n")).toEqual(['1: silence 1: invalid label matcher 0: bad matcher format: plant']);
    expect(problems('- matchers: [\'plant="PLANT_01"\']\n  startsAt: 0m\n  endsAt: 1h\n  until: 2h\n')[0]).toMatch(/until/);
  });
});

describe('routing with silences: inhibition first, then silences; a silenced alert still inhibits', () => {
  const rules = readFileSync(alertRulesFile, 'utf8');
  const alertmanager = readFileSync(alertmanagerFile, 'utf8');
  const incident = generateIncident('slow-sink', 42);
  const result = evaluateAlertRules(rules, incident.series, {from: 0, to: incident.minutes * minute, step: minute});
  if (!result.ok) throw new Error('rules');
  const firing = firingAt(result.evaluation, 90);

  it('a silence on the critical lag alert removes it from both receivers, and its warnings stay muted by inhibition', () => {
    const silences = parse('- matchers: [\'alertname="KafkaConsumerLagHigh"\', \'plant="PLANT_02"\']\n  startsAt: 1h\n  endsAt: 2h\n  comment: storage throttling, ticket open\n');
    const routed = routeAlerts(alertmanager, firing, {silences, atMs: 90 * minute});
    if (!routed.ok) throw new Error('config');
    const lag = routed.alerts.find((alert) => alert.labels.alertname === 'KafkaConsumerLagHigh')!;
    expect(lag.silencedBy).toEqual([0]);
    const lagNotifications = routed.notifications.filter((notification) => notification.silenced.some((labels) => labels.alertname === 'KafkaConsumerLagHigh'));
    expect(lagNotifications.map((notification) => notification.receiver).sort()).toEqual(['pagerduty-data-platform', 'slack-data-platform']);
    expect(routed.notifications.flatMap((notification) => notification.alerts).some((labels) => labels.alertname === 'KafkaConsumerLagHigh')).toBe(false);
    const slow = routed.alerts.find((alert) => alert.labels.alertname === 'StreamingBatchTooSlow')!;
    expect(slow.inhibitedBy.map((inhibition) => inhibition.source.alertname)).toEqual(['KafkaConsumerLagHigh']);
    expect(routed.notifications.some((notification) => notification.muted.some((labels) => labels.alertname === 'StreamingBatchTooSlow'))).toBe(true);
  });

  it('an expired silence mutes nothing', () => {
    const silences = parse('- matchers: [\'alertname="KafkaConsumerLagHigh"\']\n  startsAt: 0m\n  endsAt: 1h30m\n');
    const routed = routeAlerts(alertmanager, firing, {silences, atMs: 90 * minute});
    if (!routed.ok) throw new Error('config');
    expect(routed.alerts.every((alert) => alert.silencedBy.length === 0)).toBe(true);
    expect(routed.notifications.every((notification) => notification.silenced.length === 0)).toBe(true);
  });
});
