import {describe, expect, it} from 'vitest';
import {analyzeEventLog, EventLogWriter, findingThresholds, generateSampleLog, parseEventLog, sampleScenarios} from '../../../playground';

function analyse(scenario: (typeof sampleScenarios)[number]) {
  const parsed = parseEventLog(generateSampleLog({scenario}));
  return {parsed, analysis: analyzeEventLog(parsed)};
}

describe('generateSampleLog', () => {
  it('writes the same log for the same seed and another for another seed', () => {
    expect(generateSampleLog({scenario: 'skewed-join', seed: 7})).toBe(generateSampleLog({scenario: 'skewed-join', seed: 7}));
    expect(generateSampleLog({scenario: 'skewed-join', seed: 7})).not.toBe(generateSampleLog({scenario: 'skewed-join', seed: 8}));
  });

  it('writes JsonProtocol lines that parse without a warning, every task started and ended', () => {
    for (const scenario of sampleScenarios) {
      const {parsed, analysis} = analyse(scenario);
      expect(parsed.warnings, scenario).toEqual([]);
      expect(parsed.truncated).toBe(false);
      expect(analysis.application.completed).toBe(true);
      expect(parsed.tasks.every((task) => task.finishTime > 0)).toBe(true);
      expect(analysis.stages.every((stage) => stage.status === 'COMPLETE' && stage.numActiveTasks === 0)).toBe(true);
      expect(parsed.eventCounts.SparkListenerTaskStart).toBe(parsed.eventCounts.SparkListenerTaskEnd);
    }
  });

  it('scales the number of tasks', () => {
    const small = parseEventLog(generateSampleLog({scenario: 'small-files', scale: 0.5})).tasks.length;
    const large = parseEventLog(generateSampleLog({scenario: 'small-files', scale: 2})).tasks.length;
    expect(large).toBeGreaterThan(3 * small);
    expect(() => generateSampleLog({scenario: 'small-files', scale: 0})).toThrow(/scale/);
  });
});

describe('findings on the samples', () => {
  it('skewed join: skew of the hot plant partition, spill, and the failed attempt with its error', () => {
    const {analysis} = analyse('skewed-join');
    const kinds = analysis.findings.map((finding) => `${finding.kind}@${finding.stageId}`);
    expect(kinds).toEqual(expect.arrayContaining(['skew@2', 'spill@2', 'failed-tasks@2']));
    expect(kinds).not.toContain('straggler@2');
    const skew = analysis.findings.find((finding) => finding.kind === 'skew')!;
    expect(Number(skew.evidence.slowestRunTimeMs)).toBeGreaterThanOrEqual(findingThresholds.slowTaskFactor * Number(skew.evidence.p75RunTimeMs));
    expect(skew.links.map((link) => link.to)).toContain('/docs/performance-optimization/shuffle-optimization');
    const failed = analysis.findings.find((finding) => finding.kind === 'failed-tasks')!;
    expect(failed.evidence.commonestError).toMatch(/^org\.apache\.spark\.memory\.SparkOutOfMemoryError: \[UNABLE_TO_ACQUIRE_MEMORY\]/);
    expect(analysis.totals).toMatchObject({failedTasks: 1, killedTasks: 1, speculativeTasks: 1});
  });

  it('explode + pivot: shuffle write 4.5× the input, spill and GC in the pivot', () => {
    const {analysis} = analyse('explode-pivot');
    const kinds = analysis.findings.map((finding) => `${finding.kind}@${finding.stageId}`);
    expect(kinds).toEqual(expect.arrayContaining(['shuffle-explosion@0', 'spill@1', 'gc@1']));
    const explosion = analysis.findings.find((finding) => finding.kind === 'shuffle-explosion')!;
    expect(Number(explosion.evidence.ratio)).toBeCloseTo(4.5, 1);
    expect(explosion.links[0]?.to).toBe('/docs/schema-evolution/map-type-flattening');
  });

  it('small files: tiny tasks in the scan and idle executors after it', () => {
    const {analysis} = analyse('small-files');
    const kinds = analysis.findings.map((finding) => finding.kind);
    expect(kinds).toEqual(expect.arrayContaining(['tiny-tasks', 'idle-executors']));
    expect(analysis.findings.find((finding) => finding.kind === 'tiny-tasks')?.stageId).toBe(0);
  });

  it('tells a straggler (slow task, normal input) from skew', () => {
    const writer = new EventLogWriter('app-1', 'straggler');
    writer.applicationStart(0).executorAdded('1', 'h1', 4, 0).executorAdded('2', 'h2', 4, 0);
    writer.jobStart(0, 10, [{stageId: 0, name: 'save at x', numTasks: 12}]);
    const tasks = Array.from({length: 12}, (_, index) => {
      const duration = index === 5 ? 60_000 : 5_000;
      return {index, executorId: index === 5 ? '2' : '1', launchTime: 100, finishTime: 100 + duration, metrics: {executorRunTime: duration - 50, inputBytesRead: 64 * 1024 * 1024}};
    });
    writer.stage({stageId: 0, name: 'save at x', numTasks: 12}, 50, tasks, {completionTime: 70_000}).jobEnd(0, 70_100).applicationEnd(70_200);
    const kinds = analyzeEventLog(parseEventLog(writer.text())).findings.map((finding) => finding.kind);
    expect(kinds).toContain('straggler');
    expect(kinds).not.toContain('skew');
  });
});
