import * as z from 'zod';
import {parseOptions} from '../lab/options';
import {taskMetricNames, type ParsedEventLog, type TaskMetricValues, type TaskRecord} from './model';

/** The History Server's default quantiles (`StagesResource.taskSummary`: "0.05,0.25,0.5,0.75,0.95"). */
export const defaultQuantiles: readonly number[] = [0.05, 0.25, 0.5, 0.75, 0.95];

/** `org.apache.spark.status.api.v1.TaskMetricDistributions`, field for field. */
export interface TaskMetricDistributions {
  quantiles: number[];
  duration: number[];
  executorDeserializeTime: number[];
  executorDeserializeCpuTime: number[];
  executorRunTime: number[];
  executorCpuTime: number[];
  resultSize: number[];
  jvmGcTime: number[];
  resultSerializationTime: number[];
  gettingResultTime: number[];
  schedulerDelay: number[];
  peakExecutionMemory: number[];
  memoryBytesSpilled: number[];
  diskBytesSpilled: number[];
  inputMetrics: {bytesRead: number[]; recordsRead: number[]};
  outputMetrics: {bytesWritten: number[]; recordsWritten: number[]};
  shuffleReadMetrics: {
    readBytes: number[];
    readRecords: number[];
    remoteBlocksFetched: number[];
    localBlocksFetched: number[];
    fetchWaitTime: number[];
    remoteBytesRead: number[];
    remoteBytesReadToDisk: number[];
    totalBlocksFetched: number[];
  };
  shuffleWriteMetrics: {writeBytes: number[]; writeRecords: number[]; writeTime: number[]};
}

const quantilesSchema = z.array(z.number().min(0, 'A quantile is at least 0.').max(1, 'A quantile is at most 1.')).min(1, 'Give at least one quantile.').max(100);

/**
 * A task as `TaskDataWrapper` stores it: for a task that did not succeed, every metric is stored as
 * −(value + 1) (`LiveTask.doUpdate`, SPARK-26260), so indices scanned from 0 upwards skip it; a task
 * without metrics stores −1.
 */
interface StoredTask {
  task: TaskRecord;
  hasMetrics: boolean;
  successful: boolean;
  /** The stored (possibly negated) metric values. */
  stored: TaskMetricValues;
  duration: number;
  resultFetchStart: number;
}

function negated(metrics: TaskMetricValues): TaskMetricValues {
  const out = {} as TaskMetricValues;
  for (const key of taskMetricNames) out[key] = metrics[key] * -1 - 1;
  return out;
}

function missingMetrics(): TaskMetricValues {
  const out = {} as TaskMetricValues;
  for (const key of taskMetricNames) out[key] = -1;
  return out;
}

/** `TaskDataWrapper.getMetricValue`: the real value back from a stored one. */
function real(stored: StoredTask, value: number): number {
  return stored.successful ? value : Math.abs(value + 1);
}

/** `AppStatusUtils.gettingResultTime(launchTime, fetchStart, duration)`. */
function gettingResultTime(launchTime: number, fetchStart: number, duration: number, now: number): number {
  if (fetchStart > 0) return duration > 0 ? launchTime + duration - fetchStart : now - fetchStart;
  return 0;
}

function storeTask(task: TaskRecord, now: number): StoredTask {
  const successful = task.status === 'SUCCESS';
  const hasMetrics = task.metrics !== null;
  // LiveTask.doUpdate: finished tasks keep finish − launch; running ones the time run so far.
  const duration = task.finishTime > 0 ? task.finishTime - task.launchTime : Math.max(0, now - task.launchTime);
  const stored = task.metrics === null ? missingMetrics() : successful ? task.metrics : negated(task.metrics);
  const resultFetchStart = task.gettingResultTime !== 0 ? task.gettingResultTime : -1;
  return {task, hasMetrics, successful, stored, duration, resultFetchStart};
}

/** A scanned index of `TaskDataWrapper`: the key it sorts by, and what `scanTasks` returns for a task. */
interface IndexScan {
  key: (task: StoredTask) => number;
  value: (task: StoredTask) => number;
}

function metricIndex(name: keyof TaskMetricValues): IndexScan {
  return {key: (t) => t.stored[name], value: (t) => t.stored[name]};
}

/**
 * `AppStatusStore.taskSummary` (Spark 3.0+), transcribed: the task count is the number of tasks with
 * a non-negative executorRunTime (the successful ones with metrics); the index of quantile q is
 * min(floor(q × count), count − 1); each metric is read from its own index scanned from 0 upwards.
 * Metric indices hold only successful tasks, but the duration index holds every task and the
 * scheduler-delay, getting-result-time, total-shuffle-read and total-blocks indices hold every task
 * with metrics (`TaskDataWrapper` computes them from recovered values), so those quantiles can land
 * on failed or killed attempts, as the History Server's do. Ties sort by task id, as in Spark's
 * disk stores. Returns null when no task reported metrics (the REST API answers 404).
 */
export function taskSummary(parsed: ParsedEventLog, stageId: number, attemptId: number, quantiles: readonly number[] = defaultQuantiles): TaskMetricDistributions | null {
  const sortedQuantiles = [...parseOptions(quantilesSchema, quantiles, 'taskSummary quantiles')].sort((a, b) => a - b);
  const now = parsed.lastEventTime ?? 0;
  const tasks = parsed.tasks.filter((task) => task.stageId === stageId && task.stageAttemptId === attemptId).map((task) => storeTask(task, now));
  const count = tasks.filter((task) => task.stored.executorRunTime >= 0).length;
  if (count <= 0) return null;
  const indices = sortedQuantiles.map((q) => Math.min(Math.floor(q * count), count - 1));

  const scan = ({key, value}: IndexScan): number[] => {
    const ordered = tasks.filter((task) => key(task) >= 0).sort((a, b) => key(a) - key(b) || a.task.taskId - b.task.taskId);
    return indices.map((index) => {
      const task = ordered[index];
      return task === undefined ? Number.NaN : value(task);
    });
  };
  const m = (name: keyof TaskMetricValues) => scan(metricIndex(name));
  const schedulerDelay = (t: StoredTask) =>
    t.hasMetrics
      ? // AppStatusUtils.schedulerDelay over TaskDataWrapper.getMetricValue(...)
        Math.max(0, t.duration - real(t, t.stored.executorRunTime) - real(t, t.stored.executorDeserializeTime) - real(t, t.stored.resultSerializationTime) - gettingResultTime(t.task.launchTime, t.resultFetchStart, t.duration, now))
      : -1;
  const resultTime = (t: StoredTask) => (t.hasMetrics ? gettingResultTime(t.task.launchTime, t.resultFetchStart, t.duration, now) : -1);
  const totalReads = (t: StoredTask) => (t.hasMetrics ? real(t, t.stored.shuffleLocalBytesRead) + real(t, t.stored.shuffleRemoteBytesRead) : -1);
  const totalBlocks = (t: StoredTask) => (t.hasMetrics ? real(t, t.stored.shuffleLocalBlocksFetched) + real(t, t.stored.shuffleRemoteBlocksFetched) : -1);
  return {
    quantiles: sortedQuantiles,
    duration: scan({key: (t) => t.duration, value: (t) => t.duration}),
    executorDeserializeTime: m('executorDeserializeTime'),
    executorDeserializeCpuTime: m('executorDeserializeCpuTime'),
    executorRunTime: m('executorRunTime'),
    executorCpuTime: m('executorCpuTime'),
    resultSize: m('resultSize'),
    jvmGcTime: m('jvmGcTime'),
    resultSerializationTime: m('resultSerializationTime'),
    gettingResultTime: scan({key: resultTime, value: resultTime}),
    schedulerDelay: scan({key: schedulerDelay, value: schedulerDelay}),
    peakExecutionMemory: m('peakExecutionMemory'),
    memoryBytesSpilled: m('memoryBytesSpilled'),
    diskBytesSpilled: m('diskBytesSpilled'),
    inputMetrics: {bytesRead: m('inputBytesRead'), recordsRead: m('inputRecordsRead')},
    outputMetrics: {bytesWritten: m('outputBytesWritten'), recordsWritten: m('outputRecordsWritten')},
    shuffleReadMetrics: {
      // The index sorts by recovered values, but scanTasks reads the stored fields: a failed task there reads negative.
      readBytes: scan({key: totalReads, value: (t) => t.stored.shuffleLocalBytesRead + t.stored.shuffleRemoteBytesRead}),
      readRecords: m('shuffleRecordsRead'),
      remoteBlocksFetched: m('shuffleRemoteBlocksFetched'),
      localBlocksFetched: m('shuffleLocalBlocksFetched'),
      fetchWaitTime: m('shuffleFetchWaitTime'),
      remoteBytesRead: m('shuffleRemoteBytesRead'),
      remoteBytesReadToDisk: m('shuffleRemoteBytesReadToDisk'),
      totalBlocksFetched: scan({key: totalBlocks, value: (t) => t.stored.shuffleLocalBlocksFetched + t.stored.shuffleRemoteBlocksFetched}),
    },
    shuffleWriteMetrics: {writeBytes: m('shuffleBytesWritten'), writeRecords: m('shuffleRecordsWritten'), writeTime: m('shuffleWriteTime')},
  };
}
