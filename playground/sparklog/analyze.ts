import {findFindings, type LogFinding} from './findings';
import type {ExecutorRecord, JobRecord, LogSource, ParsedEventLog, ParseWarning, SqlExecutionRecord, StageRecord, StageStatus, TaskRecord, TaskStatus} from './model';

/**
 * One stage attempt with the fields and names of the History Server's REST API
 * (`/api/v1/applications/[app-id]/stages`, `org.apache.spark.status.api.v1.StageData`, filled by
 * `LiveStage.toApi`). Times are epoch milliseconds where the API prints dates.
 */
export interface StageData {
  status: StageStatus;
  stageId: number;
  attemptId: number;
  numTasks: number;
  numActiveTasks: number;
  numCompleteTasks: number;
  numFailedTasks: number;
  numKilledTasks: number;
  numCompletedIndices: number;
  submissionTime?: number;
  firstTaskLaunchedTime?: number;
  completionTime?: number;
  failureReason?: string;
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
  inputBytes: number;
  inputRecords: number;
  outputBytes: number;
  outputRecords: number;
  shuffleRemoteBlocksFetched: number;
  shuffleLocalBlocksFetched: number;
  shuffleFetchWaitTime: number;
  shuffleRemoteBytesRead: number;
  shuffleRemoteBytesReadToDisk: number;
  shuffleLocalBytesRead: number;
  shuffleReadBytes: number;
  shuffleReadRecords: number;
  shuffleWriteBytes: number;
  shuffleWriteTime: number;
  shuffleWriteRecords: number;
  name: string;
  details: string;
  killedTasksSummary: Record<string, number>;
  /** Not in StageData: the jobs the stage belongs to. */
  jobIds: number[];
}

/** `LiveStage.toApi`. */
export function stageData(stage: StageRecord): StageData {
  const m = stage.metrics;
  return {
    status: stage.status,
    stageId: stage.stageId,
    attemptId: stage.attemptId,
    numTasks: stage.numTasks,
    numActiveTasks: stage.activeTasks,
    numCompleteTasks: stage.completedTasks,
    numFailedTasks: stage.failedTasks,
    numKilledTasks: stage.killedTasks,
    numCompletedIndices: stage.completedIndices,
    submissionTime: stage.submissionTime,
    firstTaskLaunchedTime: stage.firstTaskLaunchedTime,
    completionTime: stage.completionTime,
    failureReason: stage.failureReason,
    executorDeserializeTime: m.executorDeserializeTime,
    executorDeserializeCpuTime: m.executorDeserializeCpuTime,
    executorRunTime: m.executorRunTime,
    executorCpuTime: m.executorCpuTime,
    resultSize: m.resultSize,
    jvmGcTime: m.jvmGcTime,
    resultSerializationTime: m.resultSerializationTime,
    memoryBytesSpilled: m.memoryBytesSpilled,
    diskBytesSpilled: m.diskBytesSpilled,
    peakExecutionMemory: m.peakExecutionMemory,
    inputBytes: m.inputBytesRead,
    inputRecords: m.inputRecordsRead,
    outputBytes: m.outputBytesWritten,
    outputRecords: m.outputRecordsWritten,
    shuffleRemoteBlocksFetched: m.shuffleRemoteBlocksFetched,
    shuffleLocalBlocksFetched: m.shuffleLocalBlocksFetched,
    shuffleFetchWaitTime: m.shuffleFetchWaitTime,
    shuffleRemoteBytesRead: m.shuffleRemoteBytesRead,
    shuffleRemoteBytesReadToDisk: m.shuffleRemoteBytesReadToDisk,
    shuffleLocalBytesRead: m.shuffleLocalBytesRead,
    shuffleReadBytes: m.shuffleLocalBytesRead + m.shuffleRemoteBytesRead,
    shuffleReadRecords: m.shuffleRecordsRead,
    shuffleWriteBytes: m.shuffleBytesWritten,
    shuffleWriteTime: m.shuffleWriteTime,
    shuffleWriteRecords: m.shuffleRecordsWritten,
    name: stage.name,
    details: stage.details,
    killedTasksSummary: stage.killedTasksSummary,
    jobIds: stage.jobIds,
  };
}

/** A job with the counts `JobData` has. */
export interface JobData extends JobRecord {
  numCompletedTasks: number;
  numFailedTasks: number;
  numKilledTasks: number;
  numSkippedStages: number;
  numFailedStages: number;
}

/** An executor with its share of busy time: task time over (lifetime × cores). */
export interface ExecutorData extends ExecutorRecord {
  /** Milliseconds from add to removal, or to the end of the application (or of the log). */
  lifetimeMs?: number;
  /** totalDuration / (lifetime × cores); undefined for the driver or without cores. */
  busyShare?: number;
}

/** A task attempt for the charts: its duration and what it read. */
export interface TaskPoint {
  taskId: number;
  index: number;
  attempt: number;
  status: TaskStatus;
  speculative: boolean;
  executorId: string;
  launchTime: number;
  durationMs: number;
  executorRunTime?: number;
  readBytes?: number;
}

export interface EventLogAnalysis {
  source: LogSource;
  application: ParsedEventLog['application'] & {durationMs?: number; completed: boolean};
  truncated: boolean;
  warnings: ParseWarning[];
  jobs: JobData[];
  stages: StageData[];
  executors: ExecutorData[];
  sqlExecutions: SqlExecutionRecord[];
  findings: LogFinding[];
  totals: {tasks: number; failedTasks: number; killedTasks: number; speculativeTasks: number; executorRunTime: number; shuffleWriteBytes: number; inputBytes: number; diskBytesSpilled: number};
}

/** The time an application ended, or the last event of a log that is still open. */
export function endOf(parsed: ParsedEventLog): number | undefined {
  return parsed.application.endTime ?? parsed.lastEventTime;
}

function jobData(job: JobRecord, stages: StageData[]): JobData {
  const own = stages.filter((stage) => stage.jobIds.includes(job.jobId));
  return {
    ...job,
    numCompletedTasks: own.reduce((sum, stage) => sum + stage.numCompleteTasks, 0),
    numFailedTasks: own.reduce((sum, stage) => sum + stage.numFailedTasks, 0),
    numKilledTasks: own.reduce((sum, stage) => sum + stage.numKilledTasks, 0),
    numSkippedStages: job.skippedStageIds.length,
    numFailedStages: own.filter((stage) => stage.status === 'FAILED').length,
  };
}

function executorData(executor: ExecutorRecord, end: number | undefined): ExecutorData {
  const stop = executor.removeTime ?? end;
  const lifetimeMs = executor.addTime !== undefined && stop !== undefined ? Math.max(0, stop - executor.addTime) : undefined;
  const busyShare = executor.id !== 'driver' && executor.id !== '<driver>' && executor.totalCores > 0 && lifetimeMs !== undefined && lifetimeMs > 0 ? executor.totalDuration / (lifetimeMs * executor.totalCores) : undefined;
  return {...executor, lifetimeMs, busyShare};
}

/** Every attempt of one stage attempt, for the task-duration chart. */
export function stageTasks(parsed: ParsedEventLog, stageId: number, attemptId: number): TaskPoint[] {
  const now = parsed.lastEventTime ?? 0;
  return parsed.tasks
    .filter((task) => task.stageId === stageId && task.stageAttemptId === attemptId)
    .map((task: TaskRecord) => ({
      taskId: task.taskId,
      index: task.index,
      attempt: task.attempt,
      status: task.status,
      speculative: task.speculative,
      executorId: task.executorId,
      launchTime: task.launchTime,
      durationMs: task.finishTime > 0 ? task.finishTime - task.launchTime : Math.max(0, now - task.launchTime),
      executorRunTime: task.metrics?.executorRunTime,
      readBytes: task.metrics ? task.metrics.inputBytesRead + task.metrics.shuffleLocalBytesRead + task.metrics.shuffleRemoteBytesRead : undefined,
    }));
}

/** The History Server's view of a parsed log, plus the findings. */
export function analyzeEventLog(parsed: ParsedEventLog): EventLogAnalysis {
  const stages = parsed.stages.map(stageData);
  const end = endOf(parsed);
  const executors = parsed.executors.map((executor) => executorData(executor, end));
  const start = parsed.application.startTime;
  return {
    source: parsed.source,
    application: {...parsed.application, durationMs: start !== undefined && end !== undefined ? end - start : undefined, completed: parsed.application.endTime !== undefined},
    truncated: parsed.truncated,
    warnings: parsed.warnings,
    jobs: parsed.jobs.map((job) => jobData(job, stages)),
    stages,
    executors,
    sqlExecutions: parsed.sqlExecutions,
    findings: findFindings(parsed, stages, executors),
    totals: {
      tasks: parsed.tasks.length,
      failedTasks: stages.reduce((sum, stage) => sum + stage.numFailedTasks, 0),
      killedTasks: stages.reduce((sum, stage) => sum + stage.numKilledTasks, 0),
      speculativeTasks: parsed.tasks.filter((task) => task.speculative).length,
      executorRunTime: stages.reduce((sum, stage) => sum + stage.executorRunTime, 0),
      shuffleWriteBytes: stages.reduce((sum, stage) => sum + stage.shuffleWriteBytes, 0),
      inputBytes: stages.reduce((sum, stage) => sum + stage.inputBytes, 0),
      diskBytesSpilled: stages.reduce((sum, stage) => sum + stage.diskBytesSpilled, 0),
    },
  };
}
