import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {evaluateAlertRules, generateIncident, incidentNames, parseRules, promtoolTestFile, type AlertEvaluation} from '../../../playground';
import {alertRulesFile, runTool} from './tools';

const rulesYaml = readFileSync(alertRulesFile, 'utf8');
const minute = 60_000;

/** Every step where some alert changes state, the steps around it, and every 10 minutes. */
function interestingTimes(evaluation: AlertEvaluation): number[] {
  const steps = new Set<number>();
  evaluation.times.forEach((_, index) => {
    if (index % 10 === 0) steps.add(index);
    for (const alert of evaluation.alerts) {
      if (index > 0 && alert.states[index] !== alert.states[index - 1]) [index - 1, index, index + 1].forEach((step) => steps.add(step));
    }
  });
  return [...steps].filter((step) => step >= 0 && step < evaluation.times.length).sort((a, b) => a - b).map((step) => evaluation.times[step]!);
}

const expectedFiring: Record<string, string[]> = {
  'plant-outage': ['PlantInputStopped', 'WatermarkDelayHigh'],
  'slow-sink': ['KafkaConsumerLagHigh', 'StreamingBatchTooSlow', 'StreamingQueryFallingBehind'],
  'lag-spike': ['KafkaConsumerLagHigh', 'LateRowsDropped'],
  'stale-table': ['DeltaTableNotUpdated', 'KStreamsConsumerLagHigh'],
  'memory-pressure': ['ExecutorGcPressure', 'StreamingBatchTooSlow'],
};

describe('the engine agrees with promtool on the incidents: firing alerts, times and rendered annotations', () => {
  const parsed = parseRules(rulesYaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const alertNames = parsed.alerts.map((rule) => rule.name);
  const folder = mkdtempSync(join(tmpdir(), 'mfg-compare-'));
  // The rules as they are, annotations included: promtool compares the rendered annotations too.
  writeFileSync(join(folder, 'rules.yml'), rulesYaml);

  for (const name of incidentNames) {
    it(`${name}: the same firing alerts at the same times as promtool test rules`, () => {
      const incident = generateIncident(name, 42);
      const result = evaluateAlertRules(rulesYaml, incident.series, {from: 0, to: incident.minutes * minute, step: minute});
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      const {evaluation} = result;
      const firingRules = [...new Set(evaluation.alerts.filter((alert) => alert.states.includes('firing')).map((alert) => alert.rule))].filter((rule) => rule !== 'Watchdog').sort();
      expect(firingRules).toEqual(expectedFiring[name]);

      const evalTimes = interestingTimes(evaluation);
      expect(evalTimes.length).toBeGreaterThan(15);
      const testFile = `${name}.test.yml`;
      writeFileSync(join(folder, testFile), promtoolTestFile({ruleFiles: ['rules.yml'], series: incident.series, evaluation, evalTimes, alertNames, withAnnotations: true}));
      const {status, output} = runTool('promtool', ['test', 'rules', testFile], folder);
      expect(output.slice(0, 4000)).toContain('SUCCESS');
      expect(status).toBe(0);
    });
  }

  it('a disagreement fails: promtool rejects the engine timeline shifted by one minute', () => {
    const incident = generateIncident('slow-sink', 42);
    const result = evaluateAlertRules(rulesYaml, incident.series, {from: 0, to: incident.minutes * minute, step: minute});
    if (!result.ok) throw new Error('rules did not parse');
    const shifted: AlertEvaluation = {
      times: result.evaluation.times,
      alerts: result.evaluation.alerts.map((alert) => ({...alert, states: [...alert.states.slice(1), alert.states[alert.states.length - 1]!]})),
    };
    writeFileSync(join(folder, 'shifted.test.yml'), promtoolTestFile({ruleFiles: ['rules.yml'], series: incident.series, evaluation: shifted, evalTimes: interestingTimes(result.evaluation), alertNames}));
    const {status, output} = runTool('promtool', ['test', 'rules', 'shifted.test.yml'], folder);
    expect(status).not.toBe(0);
    expect(output).toContain('alertname: StreamingBatchTooSlow');
  });

  it('a rendered annotation that differs by one character fails promtool: the annotations are compared', () => {
    const incident = generateIncident('slow-sink', 42);
    const result = evaluateAlertRules(rulesYaml, incident.series, {from: 0, to: incident.minutes * minute, step: minute});
    if (!result.ok) throw new Error('rules did not parse');
    const file = promtoolTestFile({ruleFiles: ['rules.yml'], series: incident.series, evaluation: result.evaluation, evalTimes: [90 * minute], alertNames, withAnnotations: true});
    expect(file).toContain('bronze_sensor_events (PLANT_02) micro-batches exceed the 30 s budget');
    writeFileSync(join(folder, 'annotation.test.yml'), file.replace('micro-batches exceed the 30 s budget', 'micro-batches exceed the 31 s budget'));
    const {status, output} = runTool('promtool', ['test', 'rules', 'annotation.test.yml'], folder);
    expect(status).not.toBe(0);
    expect(output).toContain('alertname: StreamingBatchTooSlow');
  });
});
