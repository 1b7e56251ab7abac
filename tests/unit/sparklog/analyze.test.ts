import {describe, expect, it} from 'vitest';
import {analyzeEventLog, parseEventLog, stageTasks, taskSummary} from '../../../playground';
import {handWorkedLog} from './fixture';

/**
 * The fixture's numbers worked out by hand from Spark's rules (AppStatusListener, LiveStage.toApi,
 * AppStatusStore.taskSummary, TaskDataWrapper). Task ids follow launch order: the scan takes 0–3; in
 * the shuffle stage indices 0, 1, 2, 3, 4 launched together take 4–8, the retry of index 1 takes 9 and
 * the speculative copy of index 3 takes 10.
 */
describe('analyzeEventLog on the hand-worked log', () => {
  const parsed = parseEventLog(handWorkedLog());
  const analysis = analyzeEventLog(parsed);
  const stage1 = analysis.stages.find((stage) => stage.stageId === 1)!;

  it('counts tasks by end reason: Success completes, TaskKilled kills, ExceptionFailure fails', () => {
    expect(stage1).toMatchObject({status: 'COMPLETE', numTasks: 5, numActiveTasks: 0, numCompleteTasks: 5, numFailedTasks: 1, numKilledTasks: 1, numCompletedIndices: 5});
    expect(stage1.killedTasksSummary).toEqual({'another attempt succeeded': 1});
  });

  it('sums the metrics of every attempt, failed and killed ones included (LiveStage.metrics)', () => {
    // 1900 + 1400 + 5900 + 950 + 2900 + 1000 + 600
    expect(stage1.executorRunTime).toBe(14650);
    // 10 + 20 + 15 + 5 + 12 + 8 + 10
    expect(stage1.executorDeserializeTime).toBe(80);
    // 100 + 300 + 600 + 20 + 50
    expect(stage1.jvmGcTime).toBe(1070);
    expect(stage1.memoryBytesSpilled).toBe(14000);
    expect(stage1.diskBytesSpilled).toBe(6000);
    // remote 800 + 400 + 3000 + 500 + 1200 = 5900, local 200 + 100 + 1000 + 300 = 1600
    expect(stage1.shuffleRemoteBytesRead).toBe(5900);
    expect(stage1.shuffleLocalBytesRead).toBe(1600);
    expect(stage1.shuffleReadBytes).toBe(7500);
    expect(stage1.shuffleReadRecords).toBe(250);
    expect(stage1.resultSerializationTime).toBe(5);
  });

  it('keeps the stage times and the first launch', () => {
    const s = Date.UTC(2026, 0, 12, 6, 0, 10);
    expect(stage1.submissionTime).toBe(s + 900);
    expect(stage1.firstTaskLaunchedTime).toBe(s + 1000);
    expect(stage1.completionTime).toBe(s + 8700);
  });

  it('sums the scan stage input and shuffle write', () => {
    const stage0 = analysis.stages.find((stage) => stage.stageId === 0)!;
    expect(stage0).toMatchObject({inputBytes: 10000, inputRecords: 100, shuffleWriteBytes: 5000, shuffleWriteRecords: 50, numCompleteTasks: 4});
  });

  it('marks the stage that never ran SKIPPED when its job ends (AppStatusListener.onJobEnd)', () => {
    expect(analysis.stages.find((stage) => stage.stageId === 2)?.status).toBe('SKIPPED');
    const job = analysis.jobs[0]!;
    // 4 + 5 + 3 tasks of stages without a completion time at job start
    expect(job).toMatchObject({status: 'SUCCEEDED', numTasks: 12, numSkippedStages: 1, numFailedTasks: 1, numKilledTasks: 1, numCompletedTasks: 9, sqlExecutionId: 0});
  });

  it('sums executor task time and counts, as ExecutorSummary does', () => {
    const one = analysis.executors.find((executor) => executor.id === '1')!;
    // scan 1000 + 2000; shuffle index 0 2000, failed index 1 1500, speculative 1100, index 4 800
    expect(one).toMatchObject({completedTasks: 4, failedTasks: 1, killedTasks: 1, totalDuration: 8400, totalCores: 2});
  });

  it('computes taskSummary with the History Server index rule', () => {
    const summary = taskSummary(parsed, 1, 0)!;
    expect(summary.quantiles).toEqual([0.05, 0.25, 0.5, 0.75, 0.95]);
    // Five successful tasks: indices min(floor(q × 5), 4) = 0, 1, 2, 3, 4.
    expect(summary.executorRunTime).toEqual([600, 950, 1900, 2900, 5900]);
    expect(summary.jvmGcTime).toEqual([0, 20, 50, 100, 600]);
    expect(summary.memoryBytesSpilled).toEqual([0, 0, 0, 0, 9000]);
    expect(summary.diskBytesSpilled).toEqual([0, 0, 0, 0, 4000]);
    expect(summary.executorDeserializeTime).toEqual([5, 10, 10, 12, 15]);
    expect(summary.shuffleReadMetrics.remoteBytesRead).toEqual([0, 500, 800, 1200, 3000]);
  });

  it('reads duration from an index that holds every attempt, as TaskDataWrapper indexes it', () => {
    // All seven attempts sorted: 800, 1000, 1100 (killed), 1500 (failed), 2000, 3000, 6000; the first five indices.
    expect(taskSummary(parsed, 1, 0)!.duration).toEqual([800, 1000, 1100, 1500, 2000]);
  });

  it('computes scheduler delay and getting-result time over every attempt with metrics', () => {
    const summary = taskSummary(parsed, 1, 0)!;
    // duration − run − deserialize − serialize − getting result: 45, 80 (failed), 85, 86, 88, 89, 92 (killed)
    expect(summary.schedulerDelay).toEqual([45, 80, 85, 86, 88]);
    // Only index 4 fetched its result indirectly (launch + duration − fetch start = 100); it sorts last of
    // seven attempts, past the highest index the five successful tasks allow.
    expect(summary.gettingResultTime).toEqual([0, 0, 0, 0, 0]);
    expect(taskSummary(parsed, 1, 0, [1])!.gettingResultTime).toEqual([0]);
    expect(taskSummary(parsed, 1, 0, [0.99])!.schedulerDelay).toEqual([88]);
  });

  it('reads total shuffle read from stored fields, so failed and killed attempts read negative (AppStatusStore.scanTasks)', () => {
    // Index key (recovered values) sorted, ties by task id: task 8 (0), task 10 killed (0), task 5 failed (500),
    // task 6 (500), task 4 (1000). The value is read from the stored fields: killed −1 − 1, failed −101 − 401.
    expect(taskSummary(parsed, 1, 0)!.shuffleReadMetrics.readBytes).toEqual([0, -2, -502, 500, 1000]);
    // Total blocks: six attempts fetched none (tasks 5 to 10 by id) and task 4 fetched 4; the failed task 5 comes first
    // and reads −1 − 1 from its stored block counts.
    expect(taskSummary(parsed, 1, 0)!.shuffleReadMetrics.totalBlocksFetched).toEqual([-2, 0, 0, 0, 0]);
  });

  it('sorts the quantiles given, rejects ones outside [0, 1] and answers null without successful tasks', () => {
    expect(taskSummary(parsed, 1, 0, [0.95, 0.05])!.executorRunTime).toEqual([600, 5900]);
    expect(() => taskSummary(parsed, 1, 0, [1.5])).toThrow(/at most 1/);
    expect(taskSummary(parsed, 2, 0)).toBeNull();
  });

  it('lists every attempt of a stage for the duration chart', () => {
    const points = stageTasks(parsed, 1, 0);
    expect(points).toHaveLength(7);
    expect(points.filter((point) => point.speculative)).toEqual([expect.objectContaining({index: 3, attempt: 1, status: 'KILLED', durationMs: 1100})]);
    expect(points.find((point) => point.status === 'FAILED')).toMatchObject({index: 1, durationMs: 1500, readBytes: 500});
  });
});
