import {copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {alertmanagerFile, alertRulesFile, rulesFolder, runTool, section} from './tools';

describe('the Prometheus and Alertmanager files next to the monitoring pages', () => {
  it('prometheus.yml passes promtool check config, with both rule files it names', () => {
    const {status, output} = runTool('promtool', ['check', 'config', join(section, 'prometheus-monitoring/prometheus.yml')]);
    expect(output).toContain('SUCCESS: 2 rule files found');
    expect(status, output).toBe(0);
  });

  it('the alert and recording rules pass promtool check rules (15 alerts, 6 recordings)', () => {
    const alerts = runTool('promtool', ['check', 'rules', alertRulesFile]);
    expect(alerts.status, alerts.output).toBe(0);
    expect(alerts.output).toContain('SUCCESS: 15 rules found');
    const recordings = runTool('promtool', ['check', 'rules', join(rulesFolder, 'recording-rules.yml')]);
    expect(recordings.status, recordings.output).toBe(0);
    expect(recordings.output).toContain('SUCCESS: 6 rules found');
  });

  for (const testFile of readdirSync(rulesFolder).filter((name) => name.endsWith('.test.yml'))) {
    it(`${testFile} passes promtool test rules`, () => {
      const {status, output} = runTool('promtool', ['test', 'rules', testFile], rulesFolder);
      expect(output).toContain('SUCCESS');
      expect(status, output).toBe(0);
    });
  }

  it('the unit tests catch a changed `for:` (StreamingQueryDown at 1m instead of 2m fails them)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'mfg-rules-'));
    const rules = readFileSync(alertRulesFile, 'utf8');
    const mutated = rules.replace('expr: mfg_streaming_query_active == 0\n        for: 2m', 'expr: mfg_streaming_query_active == 0\n        for: 1m');
    expect(mutated).not.toBe(rules);
    writeFileSync(join(folder, 'alert-rules.yml'), mutated);
    copyFileSync(join(rulesFolder, 'alert-rules.test.yml'), join(folder, 'alert-rules.test.yml'));
    const {status, output} = runTool('promtool', ['test', 'rules', 'alert-rules.test.yml'], folder);
    expect(status).not.toBe(0);
    expect(output).toContain('alertname: StreamingQueryDown, time: 4m');
  });

  it('alertmanager.yml passes amtool check-config', () => {
    const {status, output} = runTool('amtool', ['check-config', alertmanagerFile]);
    expect(output).toContain('SUCCESS');
    expect(output).toContain('2 inhibit rules');
    expect(status, output).toBe(0);
  });
});
