import {decodeEventLogFile, EventLogFormatError, type Codec} from './decode';
import {
  emptyMetrics,
  taskMetricNames,
  type ApplicationRecord,
  type ExecutorRecord,
  type JobRecord,
  type LogSource,
  type ParsedEventLog,
  type ParseWarning,
  type SqlExecutionRecord,
  type StageRecord,
  type TaskMetricValues,
  type TaskRecord,
  type TaskStatus,
} from './model';

/** One file of a log: a single event log, or one file of an `eventlog_v2_<appId>` folder. */
export interface EventLogFile {
  /** The file name (or a path ending in it): it decides the order and the codec of rolling logs. */
  name: string;
  bytes: Uint8Array | string;
}

/** What `parseEventLog` reads: the log as text, its bytes, or the files of a (rolling) log. */
export type EventLogInput = string | Uint8Array | {files: EventLogFile[]};

export interface ParseEventLogOptions {
  /** Called now and then with the share of the input read, 0 to 1. */
  onProgress?: (fraction: number) => void;
}

/** The largest input read (compressed or not): a guard against a wrong file, far above a day's job log. */
export const maxEventLogBytes = 512 * 1024 * 1024;

export {EventLogFormatError};

type Json = Record<string, unknown>;

const rollingEventFile = /(?:^|\/)events_(\d+)_([^/]+?)(?:\.(zstd|lz4|snappy|lzf))?(\.compact)?$/;
const appStatusFile = /(?:^|\/)appstatus_([^/]+?)(\.inprogress)?$/;

class Field {
  constructor(
    readonly where: string,
    readonly line: number,
  ) {}

  fail(message: string): never {
    throw new EventLogFormatError(`${this.where}line ${this.line}: ${message}`);
  }

  object(json: Json, key: string): Json {
    const value = json[key];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(`${String(json.Event)} without the object "${key}" that JsonProtocol writes.`);
    return value as Json;
  }

  number(json: Json, key: string): number {
    const value = json[key];
    if (typeof value !== 'number') this.fail(`${String(json.Event ?? 'the event')}: "${key}" should be a number, found ${JSON.stringify(value) ?? 'nothing'}.`);
    return value;
  }

  optionalNumber(json: Json | undefined, key: string): number | undefined {
    const value = json?.[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number') this.fail(`"${key}" should be a number, found ${JSON.stringify(value)}.`);
    return value;
  }

  string(json: Json, key: string): string {
    const value = json[key];
    if (typeof value !== 'string') this.fail(`${String(json.Event ?? 'the event')}: "${key}" should be a string, found ${JSON.stringify(value) ?? 'nothing'}.`);
    return value;
  }
}

function optionalObject(json: Json, key: string): Json | undefined {
  const value = json[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `JsonProtocol.taskMetricsFromJson`, flattened; absent optional fields read as 0 as Spark reads them. */
function taskMetricsFromJson(json: Json, field: Field): TaskMetricValues {
  const metrics = emptyMetrics();
  const n = (object: Json | undefined, key: string) => field.optionalNumber(object, key) ?? 0;
  metrics.executorDeserializeTime = n(json, 'Executor Deserialize Time');
  metrics.executorDeserializeCpuTime = n(json, 'Executor Deserialize CPU Time');
  metrics.executorRunTime = n(json, 'Executor Run Time');
  metrics.executorCpuTime = n(json, 'Executor CPU Time');
  metrics.peakExecutionMemory = n(json, 'Peak Execution Memory');
  metrics.resultSize = n(json, 'Result Size');
  metrics.jvmGcTime = n(json, 'JVM GC Time');
  metrics.resultSerializationTime = n(json, 'Result Serialization Time');
  metrics.memoryBytesSpilled = n(json, 'Memory Bytes Spilled');
  metrics.diskBytesSpilled = n(json, 'Disk Bytes Spilled');
  const read = optionalObject(json, 'Shuffle Read Metrics');
  metrics.shuffleRemoteBlocksFetched = n(read, 'Remote Blocks Fetched');
  metrics.shuffleLocalBlocksFetched = n(read, 'Local Blocks Fetched');
  metrics.shuffleFetchWaitTime = n(read, 'Fetch Wait Time');
  metrics.shuffleRemoteBytesRead = n(read, 'Remote Bytes Read');
  metrics.shuffleRemoteBytesReadToDisk = n(read, 'Remote Bytes Read To Disk');
  metrics.shuffleLocalBytesRead = n(read, 'Local Bytes Read');
  metrics.shuffleRecordsRead = n(read, 'Total Records Read');
  const write = optionalObject(json, 'Shuffle Write Metrics');
  metrics.shuffleBytesWritten = n(write, 'Shuffle Bytes Written');
  metrics.shuffleWriteTime = n(write, 'Shuffle Write Time');
  metrics.shuffleRecordsWritten = n(write, 'Shuffle Records Written');
  const input = optionalObject(json, 'Input Metrics');
  metrics.inputBytesRead = n(input, 'Bytes Read');
  metrics.inputRecordsRead = n(input, 'Records Read');
  const output = optionalObject(json, 'Output Metrics');
  metrics.outputBytesWritten = n(output, 'Bytes Written');
  metrics.outputRecordsWritten = n(output, 'Records Written');
  return metrics;
}

/** `TaskInfo.status`: RUNNING until a finish time, then FAILED, KILLED or SUCCESS. */
function taskStatus(finishTime: number, gettingResultTime: number, failed: boolean, killed: boolean): TaskStatus {
  if (finishTime === 0) return gettingResultTime !== 0 ? 'GET RESULT' : 'RUNNING';
  if (failed) return 'FAILED';
  if (killed) return 'KILLED';
  return 'SUCCESS';
}

/** The error text `AppStatusListener.onTaskEnd` keeps for a task (`TaskFailedReason.toErrorString`, shortened). */
function errorMessageOf(reason: Json): string | undefined {
  const kind = text(reason.Reason);
  switch (kind) {
    case 'Success':
      return undefined;
    case 'TaskKilled':
      return text(reason['Kill Reason']) ?? 'unknown reason';
    case 'ExceptionFailure': {
      const className = text(reason['Class Name']) ?? '';
      const description = text(reason.Description) ?? '';
      return description ? `${className}: ${description}` : className;
    }
    case 'FetchFailed':
      return `FetchFailed(shuffleId=${String(reason['Shuffle ID'])}, mapIndex=${String(reason['Map Index'] ?? reason['Map ID'])}, reduceId=${String(reason['Reducer ID'])}, message=${text(reason.Message) ?? ''})`;
    case 'ExecutorLostFailure':
      return `ExecutorLostFailure (executor ${text(reason['Executor ID']) ?? '?'} exited ${reason['Exit Caused By App'] === false ? 'unrelated to the running tasks' : 'caused by one of the running tasks'}) Reason: ${text(reason['Loss Reason']) ?? ''}`;
    case 'TaskCommitDenied':
      return `TaskCommitDenied (Driver denied task commit) for job: ${String(reason['Job ID'])}, partition: ${String(reason['Partition ID'])}, attemptNumber: ${String(reason['Attempt Number'])}`;
    case 'TaskResultLost':
      return 'TaskResultLost (result lost from block manager)';
    case 'Resubmitted':
      return 'Resubmitted (resubmitted due to lost executor)';
    default:
      return kind ?? 'UnknownReason';
  }
}

/**
 * Replays events the way `org.apache.spark.status.AppStatusListener` does for the History Server:
 * task metrics are added to their stage on every task end (failed and killed ones included), counts
 * follow the end reason, pending stages of an ended job become SKIPPED.
 */
class Replay {
  readonly application: ApplicationRecord = {id: '', name: ''};
  readonly sparkProperties: Record<string, string> = {};
  private readonly jobs = new Map<number, JobRecord>();
  private readonly stages = new Map<string, StageRecord>();
  private readonly completedIndices = new Map<string, Set<number>>();
  private readonly tasks = new Map<number, TaskRecord>();
  /** Tasks started and not yet ended: AppStatusListener's liveTasks. */
  private readonly liveTasks = new Set<number>();
  private readonly executors = new Map<string, ExecutorRecord>();
  private readonly sql = new Map<number, SqlExecutionRecord>();
  readonly eventCounts: Record<string, number> = {};
  readonly warnings: ParseWarning[] = [];
  lastEventTime: number | undefined;

  private seen(time: number | undefined) {
    if (time !== undefined && (this.lastEventTime === undefined || time > this.lastEventTime)) this.lastEventTime = time;
  }

  private executor(id: string, time?: number): ExecutorRecord {
    let executor = this.executors.get(id);
    if (!executor) {
      executor = {id, host: '', totalCores: 0, addTime: time, completedTasks: 0, failedTasks: 0, killedTasks: 0, totalDuration: 0, totalGCTime: 0, totalInputBytes: 0, totalShuffleRead: 0, totalShuffleWrite: 0};
      this.executors.set(id, executor);
    }
    return executor;
  }

  private stage(info: Json, field: Field): StageRecord {
    const stageId = field.number(info, 'Stage ID');
    const attemptId = field.optionalNumber(info, 'Stage Attempt ID') ?? 0;
    const key = `${stageId}:${attemptId}`;
    let stage = this.stages.get(key);
    if (!stage) {
      stage = {
        stageId,
        attemptId,
        name: '',
        details: '',
        numTasks: 0,
        status: 'PENDING',
        rddNames: [],
        jobIds: [],
        taskIds: [],
        activeTasks: 0,
        completedTasks: 0,
        failedTasks: 0,
        killedTasks: 0,
        completedIndices: 0,
        metrics: emptyMetrics(),
        killedTasksSummary: {},
      };
      this.stages.set(key, stage);
      this.completedIndices.set(key, new Set());
    }
    stage.name = text(info['Stage Name']) ?? stage.name;
    stage.details = text(info.Details) ?? stage.details;
    stage.numTasks = field.optionalNumber(info, 'Number of Tasks') ?? stage.numTasks;
    const rdds = info['RDD Info'];
    if (Array.isArray(rdds) && rdds.length > 0) stage.rddNames = rdds.map((rdd) => text((rdd as Json).Name) ?? '').filter((name) => name !== '');
    return stage;
  }

  private taskFromInfo(info: Json, stageId: number, stageAttemptId: number, field: Field): TaskRecord {
    const finishTime = field.optionalNumber(info, 'Finish Time') ?? 0;
    const gettingResultTime = field.optionalNumber(info, 'Getting Result Time') ?? 0;
    return {
      taskId: field.number(info, 'Task ID'),
      index: field.number(info, 'Index'),
      attempt: field.optionalNumber(info, 'Attempt') ?? 0,
      partitionId: field.optionalNumber(info, 'Partition ID') ?? -1,
      stageId,
      stageAttemptId,
      launchTime: field.number(info, 'Launch Time'),
      finishTime,
      gettingResultTime,
      executorId: field.string(info, 'Executor ID'),
      host: text(info.Host) ?? '',
      locality: text(info.Locality) ?? '',
      speculative: info.Speculative === true,
      status: taskStatus(finishTime, gettingResultTime, info.Failed === true, info.Killed === true),
      metrics: null,
    };
  }

  apply(event: Json, field: Field): void {
    const name = event.Event as string;
    this.eventCounts[name] = (this.eventCounts[name] ?? 0) + 1;
    switch (name) {
      case 'SparkListenerLogStart':
        this.application.sparkVersion = text(event['Spark Version']);
        return;
      case 'SparkListenerApplicationStart':
        this.application.id = text(event['App ID']) ?? this.application.id;
        this.application.name = text(event['App Name']) ?? '';
        this.application.attemptId = text(event['App Attempt ID']);
        this.application.user = text(event.User);
        this.application.startTime = field.number(event, 'Timestamp');
        this.seen(this.application.startTime);
        return;
      case 'SparkListenerApplicationEnd':
        this.application.endTime = field.number(event, 'Timestamp');
        this.seen(this.application.endTime);
        return;
      case 'SparkListenerEnvironmentUpdate': {
        const properties = event['Spark Properties'];
        // Spark 3.x and 4.x write an object; some older writers an array of [key, value] pairs.
        const entries = Array.isArray(properties) ? (properties as unknown[]).map((pair) => pair as [unknown, unknown]) : Object.entries((properties ?? {}) as Json);
        for (const [key, value] of entries) if (typeof key === 'string' && typeof value === 'string') this.sparkProperties[key] = value;
        return;
      }
      case 'SparkListenerExecutorAdded': {
        const time = field.number(event, 'Timestamp');
        const info = field.object(event, 'Executor Info');
        const executor = this.executor(field.string(event, 'Executor ID'), time);
        executor.addTime = time;
        executor.host = text(info.Host) ?? executor.host;
        executor.totalCores = field.optionalNumber(info, 'Total Cores') ?? executor.totalCores;
        this.seen(time);
        return;
      }
      case 'SparkListenerExecutorRemoved': {
        const time = field.number(event, 'Timestamp');
        const executor = this.executor(field.string(event, 'Executor ID'), time);
        executor.removeTime = time;
        executor.removeReason = text(event['Removed Reason']);
        this.seen(time);
        return;
      }
      case 'SparkListenerBlockManagerAdded': {
        const id = optionalObject(event, 'Block Manager ID');
        const executorId = text(id?.['Executor ID']);
        if (executorId !== undefined) {
          const executor = this.executor(executorId, field.optionalNumber(event, 'Timestamp'));
          executor.host = executor.host || (text(id?.Host) ?? '');
        }
        return;
      }
      case 'SparkListenerJobStart': {
        const jobId = field.number(event, 'Job ID');
        const infos = event['Stage Infos'];
        if (!Array.isArray(infos)) field.fail('SparkListenerJobStart without the "Stage Infos" array that JsonProtocol writes.');
        const properties = optionalObject(event, 'Properties') ?? {};
        const sqlId = text(properties['spark.sql.execution.id']);
        const sorted = [...(infos as Json[])].sort((a, b) => Number(a['Stage ID']) - Number(b['Stage ID']));
        const job: JobRecord = {
          jobId,
          // AppStatusListener.onJobStart: the job is named after its last stage.
          name: text(sorted[sorted.length - 1]?.['Stage Name']) ?? '',
          description: text(properties['spark.job.description']),
          submissionTime: field.optionalNumber(event, 'Submission Time'),
          stageIds: Array.isArray(event['Stage IDs']) ? (event['Stage IDs'] as number[]) : sorted.map((info) => Number(info['Stage ID'])),
          status: 'RUNNING',
          sqlExecutionId: sqlId !== undefined && sqlId !== '' ? Number(sqlId) : undefined,
          jobGroup: text(properties['spark.jobGroup.id']),
          numTasks: sorted.filter((info) => info['Completion Time'] === undefined).reduce((sum, info) => sum + (typeof info['Number of Tasks'] === 'number' ? info['Number of Tasks'] : 0), 0),
          skippedStageIds: [],
        };
        this.jobs.set(jobId, job);
        for (const info of infos as Json[]) {
          const stage = this.stage(info, field);
          if (!stage.jobIds.includes(jobId)) stage.jobIds.push(jobId);
        }
        this.seen(job.submissionTime);
        return;
      }
      case 'SparkListenerJobEnd': {
        const jobId = field.number(event, 'Job ID');
        const job = this.jobs.get(jobId);
        if (!job) {
          this.warnings.push({line: field.line, message: `SparkListenerJobEnd for job ${jobId}, which never started in this log.`});
          return;
        }
        job.completionTime = field.optionalNumber(event, 'Completion Time');
        const result = text(optionalObject(event, 'Job Result')?.Result);
        job.status = result === 'JobSucceeded' ? 'SUCCEEDED' : result === 'JobFailed' ? 'FAILED' : 'UNKNOWN';
        // AppStatusListener.onJobEnd: stages of the job still pending were skipped.
        for (const stage of this.stages.values()) {
          if (job.stageIds.includes(stage.stageId) && stage.status === 'PENDING') {
            stage.status = 'SKIPPED';
            job.skippedStageIds.push(stage.stageId);
          }
        }
        this.seen(job.completionTime);
        return;
      }
      case 'SparkListenerStageSubmitted': {
        const info = field.object(event, 'Stage Info');
        const stage = this.stage(info, field);
        stage.status = 'ACTIVE';
        stage.submissionTime = field.optionalNumber(info, 'Submission Time') ?? stage.submissionTime;
        for (const job of this.jobs.values()) if (job.stageIds.includes(stage.stageId) && !stage.jobIds.includes(job.jobId)) stage.jobIds.push(job.jobId);
        this.seen(stage.submissionTime);
        return;
      }
      case 'SparkListenerStageCompleted': {
        const info = field.object(event, 'Stage Info');
        const stage = this.stage(info, field);
        stage.submissionTime = field.optionalNumber(info, 'Submission Time') ?? stage.submissionTime;
        stage.completionTime = field.optionalNumber(info, 'Completion Time');
        stage.failureReason = text(info['Failure Reason']);
        // AppStatusListener.onStageCompleted
        stage.status = stage.failureReason !== undefined ? 'FAILED' : stage.submissionTime !== undefined ? 'COMPLETE' : 'SKIPPED';
        this.seen(stage.completionTime);
        return;
      }
      case 'SparkListenerTaskStart': {
        const stageId = field.number(event, 'Stage ID');
        const stageAttemptId = field.optionalNumber(event, 'Stage Attempt ID') ?? 0;
        const task = this.taskFromInfo(field.object(event, 'Task Info'), stageId, stageAttemptId, field);
        this.tasks.set(task.taskId, task);
        this.liveTasks.add(task.taskId);
        const stage = this.stage({'Stage ID': stageId, 'Stage Attempt ID': stageAttemptId}, field);
        stage.taskIds.push(task.taskId);
        stage.activeTasks += 1;
        stage.firstTaskLaunchedTime = Math.min(stage.firstTaskLaunchedTime ?? Number.POSITIVE_INFINITY, task.launchTime);
        this.executor(task.executorId, task.launchTime);
        this.seen(task.launchTime);
        return;
      }
      case 'SparkListenerTaskGettingResult': {
        const info = field.object(event, 'Task Info');
        const task = this.tasks.get(field.number(info, 'Task ID'));
        if (task) {
          task.gettingResultTime = field.optionalNumber(info, 'Getting Result Time') ?? task.gettingResultTime;
          task.status = taskStatus(task.finishTime, task.gettingResultTime, false, false);
        }
        return;
      }
      case 'SparkListenerTaskEnd':
        this.taskEnd(event, field);
        return;
      case 'org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart': {
        const executionId = field.number(event, 'executionId');
        const startTime = field.number(event, 'time');
        this.sql.set(executionId, {executionId, description: text(event.description) ?? '', startTime});
        this.seen(startTime);
        return;
      }
      case 'org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd': {
        const execution = this.sql.get(field.number(event, 'executionId'));
        if (execution) {
          execution.endTime = field.number(event, 'time');
          const error = text(event.errorMessage);
          execution.errorMessage = error !== undefined && error !== '' ? error : undefined;
          this.seen(execution.endTime);
        }
        return;
      }
      default:
        return;
    }
  }

  private taskEnd(event: Json, field: Field) {
    const stageId = field.number(event, 'Stage ID');
    const stageAttemptId = field.optionalNumber(event, 'Stage Attempt ID') ?? 0;
    const reason = field.object(event, 'Task End Reason');
    const info = field.object(event, 'Task Info');
    const ended = this.taskFromInfo(info, stageId, stageAttemptId, field);
    const metricsJson = optionalObject(event, 'Task Metrics');
    const metrics = metricsJson ? taskMetricsFromJson(metricsJson, field) : null;
    const reasonName = text(reason.Reason) ?? 'UnknownReason';
    // AppStatusListener.onTaskEnd updates only live tasks (started, not ended); a second end of the same task (a
    // `Resubmitted` after its executor was lost) or an end without a start is counted but adds no metrics.
    const live = this.liveTasks.delete(ended.taskId);
    const task = this.tasks.get(ended.taskId);
    if (live && task) {
      Object.assign(task, ended, {metrics, endReason: reasonName, errorMessage: errorMessageOf(reason)});
    } else if (!task) {
      this.warnings.push({line: field.line, message: `SparkListenerTaskEnd for task ${ended.taskId} without its SparkListenerTaskStart: counted, metrics ignored as the History Server ignores them.`});
    }
    const metricsDelta = live ? metrics : null;
    // AppStatusListener.onTaskEnd: Success completes, TaskKilled and TaskCommitDenied kill, anything else fails.
    const completed = reasonName === 'Success' ? 1 : 0;
    const killed = reasonName === 'TaskKilled' || reasonName === 'TaskCommitDenied' ? 1 : 0;
    const failed = 1 - completed - killed;
    const stage = this.stage({'Stage ID': stageId, 'Stage Attempt ID': stageAttemptId}, field);
    if (metricsDelta) for (const key of taskMetricNames) stage.metrics[key] += metricsDelta[key];
    stage.activeTasks -= 1;
    stage.completedTasks += completed;
    stage.failedTasks += failed;
    stage.killedTasks += killed;
    if (completed) {
      const indices = this.completedIndices.get(`${stageId}:${stageAttemptId}`)!;
      indices.add(ended.index);
      stage.completedIndices = indices.size;
    }
    if (killed) {
      const why = errorMessageOf(reason) ?? reasonName;
      stage.killedTasksSummary[why] = (stage.killedTasksSummary[why] ?? 0) + 1;
    }
    const executor = this.executor(ended.executorId);
    executor.completedTasks += completed;
    executor.failedTasks += failed;
    executor.killedTasks += killed;
    if (ended.finishTime > 0) executor.totalDuration += ended.finishTime - ended.launchTime;
    if (reasonName !== 'Resubmitted' && metrics) {
      executor.totalGCTime += metrics.jvmGcTime;
      executor.totalInputBytes += metrics.inputBytesRead;
      executor.totalShuffleRead += metrics.shuffleLocalBytesRead + metrics.shuffleRemoteBytesRead;
      executor.totalShuffleWrite += metrics.shuffleBytesWritten;
    }
    this.seen(ended.finishTime || undefined);
  }

  result(source: LogSource, truncated: boolean): ParsedEventLog {
    return {
      source,
      application: this.application,
      sparkProperties: this.sparkProperties,
      jobs: [...this.jobs.values()].sort((a, b) => a.jobId - b.jobId),
      stages: [...this.stages.values()].sort((a, b) => a.stageId - b.stageId || a.attemptId - b.attemptId),
      tasks: [...this.tasks.values()],
      executors: [...this.executors.values()],
      sqlExecutions: [...this.sql.values()].sort((a, b) => a.executionId - b.executionId),
      truncated,
      lastEventTime: this.lastEventTime,
      warnings: this.warnings,
      eventCounts: this.eventCounts,
    };
  }
}

interface TextFile {
  name: string;
  text: string;
  codec: Codec;
  /** The compressed stream itself ended early. */
  streamTruncated: boolean;
}

const decoder = new TextDecoder('utf-8');

function toText(file: EventLogFile): TextFile {
  if (typeof file.bytes === 'string') return {name: file.name, text: file.bytes, codec: 'none', streamTruncated: false};
  const decoded = decodeEventLogFile(file.bytes, file.name);
  return {name: file.name, text: decoder.decode(decoded.bytes), codec: decoded.codec, streamTruncated: decoded.truncated};
}

/** Orders the files of a rolling log (`RollingEventLogFilesWriter`): events_<index>_<appId>[.codec] by index. */
function orderFiles(files: EventLogFile[], warnings: ParseWarning[]): {events: EventLogFile[]; layout: 'single' | 'rolling'; inProgress?: boolean} {
  if (files.length === 0) throw new EventLogFormatError('No file to read: drop an event log file or the files of an eventlog_v2_ folder.');
  const rolling = files.filter((file) => rollingEventFile.test(file.name));
  const status = files.find((file) => appStatusFile.test(file.name));
  if (rolling.length === 0) {
    if (files.length > 1) throw new EventLogFormatError(`${files.length} files were given, but none is named events_<index>_<appId> as the files of a rolling event log (spark.eventLog.rolling.enabled) are. Open one event log at a time.`);
    return {events: files, layout: 'single'};
  }
  for (const file of files) {
    if (!rolling.includes(file) && file !== status) warnings.push({file: file.name, message: 'Not an event file of the rolling log (events_<index>_<appId>); skipped.'});
  }
  const indexed = rolling.map((file) => ({file, index: Number(rollingEventFile.exec(file.name)![1])})).sort((a, b) => a.index - b.index);
  for (let i = 1; i < indexed.length; i++) {
    if (indexed[i]!.index !== indexed[i - 1]!.index + 1) warnings.push({file: indexed[i]!.file.name, message: `events_${indexed[i - 1]!.index + 1} is missing: the events between the two files are not in the analysis.`});
  }
  const inProgress = status ? appStatusFile.exec(status.name)![2] !== undefined : undefined;
  if (!status) warnings.push({message: 'No appstatus_<appId> file: whether Spark finished writing this log is unknown.'});
  return {events: indexed.map((entry) => entry.file), layout: 'rolling', inProgress};
}

/**
 * Reads a Spark event log as JsonProtocol writes it (Spark 3.x and 4.x, older logs as far as they
 * carry the same fields) and replays it into the History Server's state. Accepts plain, compressed
 * (zstd, lz4, snappy) and rolling logs. A cut-off last line is reported in `truncated`; any other
 * malformed line throws an `EventLogFormatError` naming the file, the line and what was expected.
 */
export function parseEventLog(input: EventLogInput, options: ParseEventLogOptions = {}): ParsedEventLog {
  const warnings: ParseWarning[] = [];
  const files: EventLogFile[] = typeof input === 'string' || input instanceof Uint8Array ? [{name: '', bytes: input}] : input.files;
  const ordered = orderFiles(files, warnings);
  const inputBytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
  if (inputBytes > maxEventLogBytes) {
    throw new EventLogFormatError(`The input is ${(inputBytes / 1048576).toFixed(0)} MiB; this page reads event logs up to ${maxEventLogBytes / 1048576} MiB. Pick one application's log (or the files of one eventlog_v2_ folder).`);
  }
  const replay = new Replay();
  replay.warnings.push(...warnings);
  const texts = ordered.events.map(toText);
  const totalChars = texts.reduce((sum, file) => sum + file.text.length, 0);
  if (totalChars === 0) {
    const cut = texts.find((file) => file.streamTruncated);
    throw new EventLogFormatError(cut ? `The ${cut.codec} stream ends before its first complete block: Spark had barely started writing this log.` : 'The event log is empty.');
  }
  const codecs = [...new Set(texts.map((file) => file.codec))];
  const source: LogSource = {
    layout: ordered.layout,
    codec: codecs.find((codec) => codec !== 'none' && codec !== 'lzf') as LogSource['codec'] | undefined ?? 'none',
    files: texts.map((file) => file.name).filter((name) => name !== ''),
    inProgress: ordered.inProgress,
    bytes: inputBytes,
    lines: 0,
  };
  let truncated = false;
  let doneChars = 0;
  let nextReport = 0;
  const reportEvery = 1 << 20;
  texts.forEach((file, fileIndex) => {
    const where = texts.length > 1 || file.name !== '' ? `${file.name}: ` : '';
    const last = fileIndex === texts.length - 1;
    const body = file.text;
    let start = 0;
    let line = 0;
    while (start < body.length) {
      let end = body.indexOf('\n', start);
      const complete = end !== -1;
      if (!complete) end = body.length;
      line += 1;
      const raw = body.charCodeAt(end - 1) === 13 ? body.slice(start, end - 1) : body.slice(start, end);
      start = end + 1;
      // Blank lines carry nothing; trim() only when the line is short enough to be whitespace.
      if (raw.length === 0 || (raw.charCodeAt(0) !== 123 && raw.trim() === '')) continue;
      source.lines += 1;
      let event: unknown;
      try {
        event = JSON.parse(raw);
      } catch {
        if (!complete && last) {
          truncated = true;
          replay.warnings.push({file: file.name || undefined, line, message: 'The last line is cut off: the application was still running or stopped without closing its log. What came before it is analysed.'});
          break;
        }
        throw new EventLogFormatError(`${where}line ${line}: expected one JSON object per line (a SparkListener event as JsonProtocol writes it), found ${JSON.stringify(raw.slice(0, 60))}${raw.length > 60 ? '…' : ''}.`);
      }
      if (event === null || typeof event !== 'object' || Array.isArray(event) || typeof (event as Json).Event !== 'string') {
        throw new EventLogFormatError(`${where}line ${line}: expected a JSON object with an "Event" field naming a SparkListener event, found ${JSON.stringify(raw.slice(0, 60))}${raw.length > 60 ? '…' : ''}.`);
      }
      replay.apply(event as Json, new Field(where, line));
      if (options.onProgress && doneChars + start >= nextReport) {
        options.onProgress(Math.min(1, (doneChars + start) / totalChars));
        nextReport = doneChars + start + reportEvery;
      }
    }
    doneChars += body.length;
    if (file.streamTruncated) {
      truncated = true;
      replay.warnings.push({file: file.name || undefined, message: `The ${file.codec} stream ends early: Spark was still writing it. What was complete is analysed.`});
    }
  });
  if (source.lines === 0) throw new EventLogFormatError('The event log has no events.');
  if (replay.eventCounts.SparkListenerApplicationStart === undefined) {
    replay.warnings.push({message: 'No SparkListenerApplicationStart event: this is not the start of an application log (a later file of a rolling log on its own?).'});
  }
  options.onProgress?.(1);
  return replay.result(source, truncated);
}
