/**
 * What the replay of an event log keeps: the state Spark's History Server builds from the same
 * events (org.apache.spark.status.AppStatusListener and the LiveEntity classes), reduced to what
 * the analysis needs. Plain data, so it crosses a Web Worker boundary as it is.
 */

/** The task metrics of `org.apache.spark.status.api.v1.TaskMetrics`, shuffle and I/O flattened. */
export interface TaskMetricValues {
  executorDeserializeTime: number;
  executorDeserializeCpuTime: number;
  executorRunTime: number;
  executorCpuTime: number;
  resultSize: number;
  jvmGcTime: number;
  resultSerializationTime: number;
  memoryBytesSpilled: number;
  diskBytesSpilled: number;
  peakExecutionMemory: number;
  inputBytesRead: number;
  inputRecordsRead: number;
  outputBytesWritten: number;
  outputRecordsWritten: number;
  shuffleRemoteBlocksFetched: number;
  shuffleLocalBlocksFetched: number;
  shuffleFetchWaitTime: number;
  shuffleRemoteBytesRead: number;
  shuffleRemoteBytesReadToDisk: number;
  shuffleLocalBytesRead: number;
  shuffleRecordsRead: number;
  shuffleBytesWritten: number;
  shuffleWriteTime: number;
  shuffleRecordsWritten: number;
}

export const taskMetricNames: readonly (keyof TaskMetricValues)[] = [
  'executorDeserializeTime',
  'executorDeserializeCpuTime',
  'executorRunTime',
  'executorCpuTime',
  'resultSize',
  'jvmGcTime',
  'resultSerializationTime',
  'memoryBytesSpilled',
  'diskBytesSpilled',
  'peakExecutionMemory',
  'inputBytesRead',
  'inputRecordsRead',
  'outputBytesWritten',
  'outputRecordsWritten',
  'shuffleRemoteBlocksFetched',
  'shuffleLocalBlocksFetched',
  'shuffleFetchWaitTime',
  'shuffleRemoteBytesRead',
  'shuffleRemoteBytesReadToDisk',
  'shuffleLocalBytesRead',
  'shuffleRecordsRead',
  'shuffleBytesWritten',
  'shuffleWriteTime',
  'shuffleRecordsWritten',
];

/** A task status as `TaskInfo.status` words it. */
export type TaskStatus = 'RUNNING' | 'GET RESULT' | 'SUCCESS' | 'FAILED' | 'KILLED' | 'UNKNOWN';

/** One task attempt. */
export interface TaskRecord {
  taskId: number;
  index: number;
  attempt: number;
  partitionId: number;
  stageId: number;
  stageAttemptId: number;
  launchTime: number;
  /** 0 while the task runs (JsonProtocol writes 0 until it ends). */
  finishTime: number;
  /** When the driver started fetching an indirect result; 0 when it did not. */
  gettingResultTime: number;
  executorId: string;
  host: string;
  locality: string;
  speculative: boolean;
  status: TaskStatus;
  /** The `Task End Reason` (`Success`, `ExceptionFailure`, `TaskKilled`, ...); undefined while running. */
  endReason?: string;
  errorMessage?: string;
  /** Null when the event carried no metrics (a lost executor, a task still running). */
  metrics: TaskMetricValues | null;
}

export type StageStatus = 'ACTIVE' | 'COMPLETE' | 'FAILED' | 'PENDING' | 'SKIPPED';

/** One stage attempt as the listener keeps it (LiveStage). */
export interface StageRecord {
  stageId: number;
  attemptId: number;
  name: string;
  details: string;
  numTasks: number;
  status: StageStatus;
  submissionTime?: number;
  completionTime?: number;
  failureReason?: string;
  /** min(launchTime) over its tasks; undefined before the first task. */
  firstTaskLaunchedTime?: number;
  rddNames: string[];
  jobIds: number[];
  /** Task ids in the order their start events arrived. */
  taskIds: number[];
  activeTasks: number;
  completedTasks: number;
  failedTasks: number;
  killedTasks: number;
  completedIndices: number;
  /** Sum of the metric deltas of every task end, failed and killed ones included (LiveStage.metrics). */
  metrics: TaskMetricValues;
  /** Reason text → count, as `killedTasksSummary`. */
  killedTasksSummary: Record<string, number>;
}

export type JobStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'UNKNOWN';

export interface JobRecord {
  jobId: number;
  name: string;
  description?: string;
  submissionTime?: number;
  completionTime?: number;
  stageIds: number[];
  status: JobStatus;
  sqlExecutionId?: number;
  jobGroup?: string;
  /** `AppStatusListener.onJobStart`: tasks of the stages not yet completed when the job started. */
  numTasks: number;
  /** Stages still pending when the job ended (`onJobEnd` marks them skipped). */
  skippedStageIds: number[];
}

export interface ExecutorRecord {
  id: string;
  host: string;
  totalCores: number;
  addTime?: number;
  removeTime?: number;
  removeReason?: string;
  completedTasks: number;
  failedTasks: number;
  killedTasks: number;
  /** Sum of task durations (finish − launch), as `ExecutorSummary.totalDuration`. */
  totalDuration: number;
  totalGCTime: number;
  totalInputBytes: number;
  totalShuffleRead: number;
  totalShuffleWrite: number;
}

export interface SqlExecutionRecord {
  executionId: number;
  description: string;
  startTime: number;
  endTime?: number;
  errorMessage?: string;
}

export interface ApplicationRecord {
  id: string;
  name: string;
  attemptId?: string;
  user?: string;
  startTime?: number;
  endTime?: number;
  sparkVersion?: string;
}

/** A problem with the input that did not stop the parse. */
export interface ParseWarning {
  line?: number;
  file?: string;
  message: string;
}

/** How the input was read. */
export interface LogSource {
  /** `single` file or `rolling` (an eventlog_v2_ folder's events_N files). */
  layout: 'single' | 'rolling';
  codec: 'none' | 'zstd' | 'lz4' | 'snappy';
  /** The event files read, in order. */
  files: string[];
  /** `appstatus_<appId>.inprogress`: Spark had not finished writing the log. */
  inProgress?: boolean;
  bytes: number;
  lines: number;
}

/** The replayed state of one application. */
export interface ParsedEventLog {
  source: LogSource;
  application: ApplicationRecord;
  /** Spark properties from SparkListenerEnvironmentUpdate. */
  sparkProperties: Record<string, string>;
  jobs: JobRecord[];
  stages: StageRecord[];
  tasks: TaskRecord[];
  executors: ExecutorRecord[];
  sqlExecutions: SqlExecutionRecord[];
  /** The last line was cut off: a running or crashed application. */
  truncated: boolean;
  /** The last event time seen, used as "now" for what is still running. */
  lastEventTime?: number;
  warnings: ParseWarning[];
  /** Events by name, for the reader's orientation. */
  eventCounts: Record<string, number>;
}

export function emptyMetrics(): TaskMetricValues {
  const metrics = {} as TaskMetricValues;
  for (const name of taskMetricNames) metrics[name] = 0;
  return metrics;
}
