import {EventLogWriter, type StageSpec, type TaskSpec} from '../../../playground';

/**
 * A small log whose History Server numbers are worked out by hand in analyze.test.ts: a scan stage of
 * four tasks, then a shuffle stage of five partitions with a failed attempt and its retry, a
 * speculative copy killed when the original won, a task whose result was fetched indirectly and
 * spill; a third stage of the job never runs (SKIPPED).
 */
export const t0 = Date.UTC(2026, 0, 12, 6, 0, 0);

export const scan: StageSpec = {stageId: 0, name: 'save at NativeMethodAccessorImpl.java:0', numTasks: 4, rddName: 'FileScanRDD'};
export const shuffle: StageSpec = {stageId: 1, name: 'save at NativeMethodAccessorImpl.java:0', numTasks: 5, parentIds: [0]};
export const unused: StageSpec = {stageId: 2, name: 'save at NativeMethodAccessorImpl.java:0', numTasks: 3, parentIds: [1]};

const scanTasks: TaskSpec[] = [0, 1, 2, 3].map((index) => ({
  index,
  executorId: index < 2 ? '1' : '2',
  launchTime: t0 + 100,
  finishTime: t0 + 100 + 1000 * (index + 1),
  metrics: {executorRunTime: 900 * (index + 1), executorDeserializeTime: 10, inputBytesRead: 1000 * (index + 1), inputRecordsRead: 10 * (index + 1), shuffleBytesWritten: 500 * (index + 1), shuffleRecordsWritten: 5 * (index + 1)},
}));

const s = t0 + 10_000;
export const shuffleTasks: TaskSpec[] = [
  {index: 0, executorId: '1', launchTime: s + 1000, finishTime: s + 3000, metrics: {executorDeserializeTime: 10, executorRunTime: 1900, executorCpuTime: 1_500_000_000, resultSize: 2000, jvmGcTime: 100, resultSerializationTime: 1, peakExecutionMemory: 1000, shuffleRemoteBytesRead: 800, shuffleLocalBytesRead: 200, shuffleRecordsRead: 50, shuffleRemoteBlocksFetched: 3, shuffleLocalBlocksFetched: 1, shuffleFetchWaitTime: 5}},
  {
    index: 1,
    executorId: '1',
    launchTime: s + 1000,
    finishTime: s + 2500,
    outcome: {kind: 'failed', className: 'org.apache.spark.memory.SparkOutOfMemoryError', description: '[UNABLE_TO_ACQUIRE_MEMORY] Unable to acquire 16384 bytes of memory, got 0.'},
    metrics: {executorDeserializeTime: 20, executorRunTime: 1400, jvmGcTime: 300, memoryBytesSpilled: 5000, diskBytesSpilled: 2000, shuffleRemoteBytesRead: 400, shuffleLocalBytesRead: 100},
  },
  {index: 1, attempt: 1, executorId: '2', launchTime: s + 2600, finishTime: s + 8600, metrics: {executorDeserializeTime: 15, executorRunTime: 5900, jvmGcTime: 600, memoryBytesSpilled: 9000, diskBytesSpilled: 4000, shuffleRemoteBytesRead: 3000, shuffleLocalBytesRead: 1000, shuffleRecordsRead: 200}},
  {index: 2, executorId: '2', launchTime: s + 1000, finishTime: s + 2000, metrics: {executorDeserializeTime: 5, executorRunTime: 950, jvmGcTime: 20, shuffleRemoteBytesRead: 500}},
  {index: 3, executorId: '2', launchTime: s + 1000, finishTime: s + 4000, metrics: {executorDeserializeTime: 12, executorRunTime: 2900, jvmGcTime: 50, shuffleRemoteBytesRead: 1200, shuffleLocalBytesRead: 300}},
  {index: 3, attempt: 1, executorId: '1', speculative: true, launchTime: s + 3000, finishTime: s + 4100, outcome: {kind: 'killed', reason: 'another attempt succeeded'}, metrics: {executorDeserializeTime: 8, executorRunTime: 1000}},
  {index: 4, executorId: '1', launchTime: s + 1000, finishTime: s + 1800, gettingResultTime: s + 1700, metrics: {executorDeserializeTime: 10, executorRunTime: 600, resultSerializationTime: 4}},
];

export function handWorkedLog(): string {
  const writer = new EventLogWriter('app-20260112060000-0001', 'mfg_fixture');
  writer.environment({'spark.executor.cores': '2'}).applicationStart(t0);
  writer.executorAdded('1', '10.0.0.1', 2, t0 + 10).executorAdded('2', '10.0.0.2', 2, t0 + 20);
  writer.sqlStart(0, 'fixture', t0 + 50).jobStart(0, t0 + 60, [scan, shuffle, unused], 0);
  writer.stage(scan, t0 + 80, scanTasks, {completionTime: t0 + 4200});
  writer.stage(shuffle, s + 900, shuffleTasks, {completionTime: s + 8700});
  writer.jobEnd(0, s + 8800).sqlEnd(0, s + 8900).applicationEnd(s + 9000);
  return writer.text();
}
