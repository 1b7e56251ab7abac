import * as z from 'zod';
import {parseOptions, seedSchema} from '../lab/options';
import {emptyMetrics, type TaskMetricValues} from './model';

/**
 * Writes Spark event logs in the JSON-lines format of `org.apache.spark.util.JsonProtocol` (Spark 3.5
 * field set): the samples of the Spark UI lab and the fixtures of its tests. `EventLogWriter` writes
 * exactly the tasks it is given; `generateSampleLog` builds realistic manufacturing jobs from a seed.
 */

/** How a task attempt ends. */
export type TaskOutcome =
  | {kind: 'success'}
  | {kind: 'failed'; className: string; description: string}
  | {kind: 'killed'; reason: string}
  | {kind: 'executor-lost'; executorId: string; reason: string};

export interface TaskSpec {
  index: number;
  attempt?: number;
  executorId: string;
  launchTime: number;
  /** Omit for a task still running when the log ends. */
  finishTime?: number;
  gettingResultTime?: number;
  speculative?: boolean;
  outcome?: TaskOutcome;
  /** Metrics the task reports; unset ones are 0. Null writes no "Task Metrics" (a lost executor). */
  metrics?: Partial<TaskMetricValues> | null;
}

export interface StageSpec {
  stageId: number;
  attemptId?: number;
  name: string;
  numTasks: number;
  details?: string;
  rddName?: string;
  parentIds?: number[];
}

function stageInfo(stage: StageSpec, times: {submission?: number; completion?: number; failureReason?: string} = {}) {
  return {
    'Stage ID': stage.stageId,
    'Stage Attempt ID': stage.attemptId ?? 0,
    'Stage Name': stage.name,
    'Number of Tasks': stage.numTasks,
    'RDD Info': [
      {
        'RDD ID': stage.stageId,
        Name: stage.rddName ?? `MapPartitionsRDD`,
        'Parent IDs': [],
        'Storage Level': {'Use Disk': false, 'Use Memory': false, Deserialized: false, Replication: 1},
        Barrier: false,
        DeterministicLevel: 'DETERMINATE',
        'Number of Partitions': stage.numTasks,
        'Number of Cached Partitions': 0,
        'Memory Size': 0,
        'Disk Size': 0,
      },
    ],
    'Parent IDs': stage.parentIds ?? [],
    Details: stage.details ?? `org.apache.spark.sql.Dataset.collectToPython(Dataset.scala:4149)`,
    ...(times.submission !== undefined ? {'Submission Time': times.submission} : {}),
    ...(times.completion !== undefined ? {'Completion Time': times.completion} : {}),
    ...(times.failureReason !== undefined ? {'Failure Reason': times.failureReason} : {}),
    Accumulables: [],
    'Resource Profile Id': 0,
    'Shuffle Push Enabled': false,
    'Shuffle Push Mergers Count': 0,
  };
}

function taskMetricsJson(partial: Partial<TaskMetricValues>) {
  const m = {...emptyMetrics(), ...partial};
  return {
    'Executor Deserialize Time': m.executorDeserializeTime,
    'Executor Deserialize CPU Time': m.executorDeserializeCpuTime,
    'Executor Run Time': m.executorRunTime,
    'Executor CPU Time': m.executorCpuTime,
    'Peak Execution Memory': m.peakExecutionMemory,
    'Result Size': m.resultSize,
    'JVM GC Time': m.jvmGcTime,
    'Result Serialization Time': m.resultSerializationTime,
    'Memory Bytes Spilled': m.memoryBytesSpilled,
    'Disk Bytes Spilled': m.diskBytesSpilled,
    'Shuffle Read Metrics': {
      'Remote Blocks Fetched': m.shuffleRemoteBlocksFetched,
      'Local Blocks Fetched': m.shuffleLocalBlocksFetched,
      'Fetch Wait Time': m.shuffleFetchWaitTime,
      'Remote Bytes Read': m.shuffleRemoteBytesRead,
      'Remote Bytes Read To Disk': m.shuffleRemoteBytesReadToDisk,
      'Local Bytes Read': m.shuffleLocalBytesRead,
      'Total Records Read': m.shuffleRecordsRead,
      'Remote Requests Duration': 0,
      'Push Based Shuffle': {
        'Corrupt Merged Block Chunks': 0,
        'Merged Fetch Fallback Count': 0,
        'Merged Remote Blocks Fetched': 0,
        'Merged Local Blocks Fetched': 0,
        'Merged Remote Chunks Fetched': 0,
        'Merged Local Chunks Fetched': 0,
        'Merged Remote Bytes Read': 0,
        'Merged Local Bytes Read': 0,
        'Merged Remote Requests Duration': 0,
      },
    },
    'Shuffle Write Metrics': {'Shuffle Bytes Written': m.shuffleBytesWritten, 'Shuffle Write Time': m.shuffleWriteTime, 'Shuffle Records Written': m.shuffleRecordsWritten},
    'Input Metrics': {'Bytes Read': m.inputBytesRead, 'Records Read': m.inputRecordsRead},
    'Output Metrics': {'Bytes Written': m.outputBytesWritten, 'Records Written': m.outputRecordsWritten},
    'Updated Blocks': [],
  };
}

function endReason(outcome: TaskOutcome) {
  switch (outcome.kind) {
    case 'success':
      return {Reason: 'Success'};
    case 'failed':
      return {
        Reason: 'ExceptionFailure',
        'Class Name': outcome.className,
        Description: outcome.description,
        'Stack Trace': [{'Declaring Class': 'org.apache.spark.executor.Executor$TaskRunner', 'Method Name': 'run', 'File Name': 'Executor.scala', 'Line Number': 620}],
        'Full Stack Trace': `${outcome.className}: ${outcome.description}\n\tat org.apache.spark.executor.Executor$TaskRunner.run(Executor.scala:620)\n`,
        'Accumulator Updates': [],
      };
    case 'killed':
      return {Reason: 'TaskKilled', 'Kill Reason': outcome.reason, 'Accumulator Updates': []};
    case 'executor-lost':
      return {Reason: 'ExecutorLostFailure', 'Executor ID': outcome.executorId, 'Exit Caused By App': true, 'Loss Reason': outcome.reason};
  }
}

/** Writes one application's events in order; `text()` is the log. */
export class EventLogWriter {
  private readonly lines: string[] = [];
  private nextTaskId = 0;
  private readonly hosts = new Map<string, string>();

  constructor(
    readonly appId: string,
    readonly appName: string,
    readonly sparkVersion = '3.5.1',
  ) {
    this.push({Event: 'SparkListenerLogStart', 'Spark Version': sparkVersion});
  }

  private push(event: object) {
    this.lines.push(JSON.stringify(event));
  }

  environment(properties: Record<string, string>): this {
    this.push({
      Event: 'SparkListenerEnvironmentUpdate',
      'JVM Information': {'Java Home': '/usr/lib/jvm/zulu17', 'Java Version': '17.0.10 (Azul Systems, Inc.)', 'Scala Version': 'version 2.12.18'},
      'Spark Properties': {'spark.app.id': this.appId, 'spark.app.name': this.appName, ...properties},
      'Hadoop Properties': {},
      'System Properties': {},
      'Metrics Properties': {},
      'Classpath Entries': {},
    });
    return this;
  }

  applicationStart(time: number, user = 'svc-mfg-jobs'): this {
    this.push({Event: 'SparkListenerApplicationStart', 'App Name': this.appName, 'App ID': this.appId, Timestamp: time, User: user});
    return this;
  }

  applicationEnd(time: number): this {
    this.push({Event: 'SparkListenerApplicationEnd', Timestamp: time});
    return this;
  }

  executorAdded(executorId: string, host: string, cores: number, time: number): this {
    this.hosts.set(executorId, host);
    this.push({
      Event: 'SparkListenerExecutorAdded',
      Timestamp: time,
      'Executor ID': executorId,
      'Executor Info': {Host: host, 'Total Cores': cores, 'Log Urls': {}, Attributes: {}, Resources: {}, 'Resource Profile Id': 0, 'Registration Time': time},
    });
    return this;
  }

  executorRemoved(executorId: string, time: number, reason: string): this {
    this.push({Event: 'SparkListenerExecutorRemoved', Timestamp: time, 'Executor ID': executorId, 'Removed Reason': reason});
    return this;
  }

  sqlStart(executionId: number, description: string, time: number): this {
    this.push({
      Event: 'org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart',
      executionId,
      rootExecutionId: executionId,
      description,
      details: '',
      physicalPlanDescription: '',
      sparkPlanInfo: {nodeName: 'AdaptiveSparkPlan', simpleString: 'AdaptiveSparkPlan isFinalPlan=true', children: [], metadata: {}, metrics: []},
      time,
      modifiedConfigs: {},
      jobTags: [],
    });
    return this;
  }

  sqlEnd(executionId: number, time: number, errorMessage?: string): this {
    this.push({Event: 'org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd', executionId, time, ...(errorMessage !== undefined ? {errorMessage} : {})});
    return this;
  }

  jobStart(jobId: number, time: number, stages: StageSpec[], sqlExecutionId?: number): this {
    this.push({
      Event: 'SparkListenerJobStart',
      'Job ID': jobId,
      'Submission Time': time,
      'Stage Infos': stages.map((stage) => stageInfo(stage)),
      'Stage IDs': stages.map((stage) => stage.stageId),
      Properties: sqlExecutionId !== undefined ? {'spark.sql.execution.id': String(sqlExecutionId), 'spark.rdd.scope.noOverride': 'true'} : {},
    });
    return this;
  }

  jobEnd(jobId: number, time: number, failure?: string): this {
    this.push({
      Event: 'SparkListenerJobEnd',
      'Job ID': jobId,
      'Completion Time': time,
      'Job Result': failure === undefined ? {Result: 'JobSucceeded'} : {Result: 'JobFailed', Exception: {Message: failure}},
    });
    return this;
  }

  /**
   * A stage attempt and its tasks: the submit event, every task start and end in time order, the
   * completion event. Task ids are assigned in launch order, as the scheduler assigns them.
   */
  stage(stage: StageSpec, submissionTime: number, tasks: TaskSpec[], end: {completionTime?: number; failureReason?: string} = {}): this {
    this.push({Event: 'SparkListenerStageSubmitted', 'Stage Info': stageInfo(stage, {submission: submissionTime}), Properties: {}});
    const ordered = [...tasks].sort((a, b) => a.launchTime - b.launchTime || a.index - b.index);
    const events: {time: number; order: number; event: object}[] = [];
    ordered.forEach((spec, order) => {
      const taskId = this.nextTaskId++;
      const info = (finished: boolean) => ({
        'Task ID': taskId,
        Index: spec.index,
        Attempt: spec.attempt ?? 0,
        'Partition ID': spec.index,
        'Launch Time': spec.launchTime,
        'Executor ID': spec.executorId,
        Host: this.hosts.get(spec.executorId) ?? 'localhost',
        Locality: 'PROCESS_LOCAL',
        Speculative: spec.speculative ?? false,
        'Getting Result Time': finished ? (spec.gettingResultTime ?? 0) : 0,
        'Finish Time': finished ? (spec.finishTime ?? 0) : 0,
        Failed: finished && (spec.outcome?.kind === 'failed' || spec.outcome?.kind === 'executor-lost'),
        Killed: finished && spec.outcome?.kind === 'killed',
        Accumulables: [],
      });
      events.push({time: spec.launchTime, order: 2 * order, event: {Event: 'SparkListenerTaskStart', 'Stage ID': stage.stageId, 'Stage Attempt ID': stage.attemptId ?? 0, 'Task Info': info(false)}});
      if (spec.finishTime !== undefined) {
        const outcome = spec.outcome ?? {kind: 'success'};
        events.push({
          time: spec.finishTime,
          order: 2 * order + 1,
          event: {
            Event: 'SparkListenerTaskEnd',
            'Stage ID': stage.stageId,
            'Stage Attempt ID': stage.attemptId ?? 0,
            'Task Type': stage.name.startsWith('save') || stage.name.startsWith('collect') ? 'ResultTask' : 'ShuffleMapTask',
            'Task End Reason': endReason(outcome),
            'Task Info': info(true),
            ...(spec.metrics === null ? {} : {'Task Metrics': taskMetricsJson(spec.metrics ?? {})}),
          },
        });
      }
    });
    events.sort((a, b) => a.time - b.time || a.order - b.order);
    for (const {event} of events) this.push(event);
    if (end.completionTime !== undefined) {
      this.push({Event: 'SparkListenerStageCompleted', 'Stage Info': stageInfo(stage, {submission: submissionTime, completion: end.completionTime, failureReason: end.failureReason})});
    }
    return this;
  }

  /** The log: one event per line, each line ended by a newline as EventLoggingListener writes it. */
  text(): string {
    return this.lines.map((line) => `${line}\n`).join('');
  }
}

/** Mulberry32: a small seeded generator, so a seed always writes the same log. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sampleScenarios = ['skewed-join', 'explode-pivot', 'small-files'] as const;
export type SampleScenario = (typeof sampleScenarios)[number];

const sampleOptionsSchema = z
  .object({
    scenario: z.enum(sampleScenarios),
    seed: seedSchema.default(42),
    /** Multiplies the number of tasks; 1 writes a log of a few MB, about 60 writes 100 MB. */
    scale: z.number().min(0.05).max(200).default(1),
  })
  .strict();

export type SampleLogOptions = z.input<typeof sampleOptionsSchema>;

const mib = 1024 * 1024;
const start = Date.UTC(2026, 2, 9, 2, 0, 0);

interface Cluster {
  executors: string[];
  cores: number;
}

function cluster(writer: EventLogWriter, count: number, cores: number, time: number): Cluster {
  const executors = Array.from({length: count}, (_, i) => String(i + 1));
  executors.forEach((id, i) => writer.executorAdded(id, `10.42.${Math.floor(i / 200)}.${(i % 200) + 10}`, cores, time + 2_000 + i * 150));
  return {executors, cores};
}

/**
 * Schedules task specs on executor cores: each task goes to the core that frees first, the way
 * tasks fill free slots. Returns the specs with launch and finish times.
 */
function schedule(cluster: Cluster, from: number, tasks: {index: number; durationMs: number; metrics: Partial<TaskMetricValues>}[], gapMs = 8): TaskSpec[] {
  const slots = cluster.executors.flatMap((executorId) => Array.from({length: cluster.cores}, () => ({executorId, free: from})));
  return tasks.map((task) => {
    let best = slots[0]!;
    for (const slot of slots) if (slot.free < best.free) best = slot;
    const launchTime = best.free + gapMs;
    best.free = launchTime + task.durationMs;
    return {index: task.index, executorId: best.executorId, launchTime, finishTime: launchTime + task.durationMs, metrics: task.metrics};
  });
}

function end(tasks: TaskSpec[]): number {
  return Math.max(...tasks.map((task) => task.finishTime ?? task.launchTime));
}

function runMetrics(rand: () => number, durationMs: number, extra: Partial<TaskMetricValues>): Partial<TaskMetricValues> {
  const deser = 2 + Math.floor(rand() * 20);
  const run = Math.max(1, durationMs - deser - 5);
  return {
    executorDeserializeTime: deser,
    executorDeserializeCpuTime: deser * 700_000,
    executorRunTime: run,
    executorCpuTime: Math.floor(run * (0.6 + rand() * 0.3) * 1_000_000),
    resultSize: 2_000 + Math.floor(rand() * 3_000),
    resultSerializationTime: rand() < 0.9 ? 0 : 1,
    jvmGcTime: Math.floor(run * (0.01 + rand() * 0.03)),
    ...extra,
  };
}

function scanStage(rand: () => number, tasks: number, bytesPerTask: number, rowBytes: number, writeFactor: number, baseMs: number): {index: number; durationMs: number; metrics: Partial<TaskMetricValues>}[] {
  return Array.from({length: tasks}, (_, index) => {
    const bytes = Math.floor(bytesPerTask * (0.85 + rand() * 0.3));
    const records = Math.floor(bytes / rowBytes);
    const durationMs = Math.floor(baseMs * (bytes / bytesPerTask) * (0.9 + rand() * 0.2));
    const written = Math.floor(bytes * writeFactor);
    return {
      index,
      durationMs,
      metrics: runMetrics(rand, durationMs, {
        inputBytesRead: bytes,
        inputRecordsRead: records,
        shuffleBytesWritten: written,
        shuffleRecordsWritten: Math.floor(records * (writeFactor > 1 ? writeFactor : 1)),
        shuffleWriteTime: Math.floor(written / 400),
        peakExecutionMemory: 64 * mib,
      }),
    };
  });
}

function shuffleReadMetrics(bytes: number, records: number, maps: number, rand: () => number): Partial<TaskMetricValues> {
  const local = Math.floor(bytes * (0.05 + rand() * 0.1));
  return {
    shuffleLocalBytesRead: local,
    shuffleRemoteBytesRead: bytes - local,
    shuffleRecordsRead: records,
    shuffleLocalBlocksFetched: Math.max(1, Math.floor(maps * 0.1)),
    shuffleRemoteBlocksFetched: Math.max(1, Math.floor(maps * 0.9)),
    shuffleFetchWaitTime: Math.floor(rand() * 40),
  };
}

/** The gold quality join: sensor events joined to test results by machine, one plant (P07) ten times larger. */
function skewedJoin(rand: () => number, scale: number): string {
  const writer = new EventLogWriter('app-20260309020000-0042', 'mfg_gold_quality_join');
  writer.environment({'spark.sql.adaptive.enabled': 'false', 'spark.sql.shuffle.partitions': '200', 'spark.executor.memory': '8g', 'spark.executor.cores': '4'}).applicationStart(start);
  const nodes = cluster(writer, 10, 4, start);
  const partitions = Math.max(20, Math.round(200 * scale));
  const scanTasks = Math.max(16, Math.round(160 * scale));
  const t0 = start + 15_000;
  writer.sqlStart(0, 'INSERT INTO mfg_prod.gold.quality_by_machine SELECT ... JOIN ... ON machine_id', t0);
  const scanA: StageSpec = {stageId: 0, name: 'save at NativeMethodAccessorImpl.java:0', numTasks: scanTasks, rddName: 'FileScanRDD'};
  const scanB: StageSpec = {stageId: 1, name: 'save at NativeMethodAccessorImpl.java:0', numTasks: Math.max(8, Math.round(scanTasks / 4)), rddName: 'FileScanRDD'};
  const join: StageSpec = {stageId: 2, name: 'save at NativeMethodAccessorImpl.java:0', numTasks: partitions, parentIds: [0, 1]};
  writer.jobStart(0, t0, [scanA, scanB, join], 0);
  const a = schedule(nodes, t0 + 50, scanStage(rand, scanA.numTasks, 120 * mib, 180, 0.55, 9_000));
  writer.stage({...scanA, name: 'save at NativeMethodAccessorImpl.java:0'}, t0 + 40, a, {completionTime: end(a) + 20});
  const b = schedule(nodes, t0 + 60, scanStage(rand, scanB.numTasks, 90 * mib, 220, 0.6, 7_000));
  writer.stage(scanB, t0 + 55, b, {completionTime: end(b) + 20});
  const joinStart = Math.max(end(a), end(b)) + 100;
  const totalShuffle = a.concat(b).reduce((sum, task) => sum + (task.metrics?.shuffleBytesWritten ?? 0), 0);
  const hot = Math.floor(partitions * 0.37);
  const weights = Array.from({length: partitions}, (_, i) => (i === hot ? 22 : 0.8 + rand() * 0.4));
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const joinTasks = weights.map((w, index) => {
    const bytes = Math.floor((totalShuffle * w) / weightSum);
    const records = Math.floor(bytes / 200);
    const durationMs = Math.floor(200 + bytes / (20 * 1024) + rand() * 400);
    const spill = index === hot ? {memoryBytesSpilled: bytes * 3, diskBytesSpilled: Math.floor(bytes * 0.9)} : {};
    return {
      index,
      durationMs,
      metrics: runMetrics(rand, durationMs, {
        ...shuffleReadMetrics(bytes, records, a.length + b.length, rand),
        outputBytesWritten: Math.floor(bytes * 0.18),
        outputRecordsWritten: Math.floor(records * 0.9),
        peakExecutionMemory: index === hot ? 1_800 * mib : Math.min(bytes * 2, 600 * mib),
        ...spill,
      }),
    };
  });
  const joined = schedule(nodes, joinStart, joinTasks);
  // The first attempt of the hot partition died of memory pressure; attempt 1 succeeded.
  const hotTask = joined.find((task) => task.index === hot)!;
  const failedLaunch = hotTask.launchTime;
  const failedFinish = failedLaunch + Math.floor((hotTask.finishTime! - hotTask.launchTime) * 0.6);
  const failedAttempt: TaskSpec = {
    index: hot,
    attempt: 0,
    executorId: hotTask.executorId,
    launchTime: failedLaunch,
    finishTime: failedFinish,
    outcome: {kind: 'failed', className: 'org.apache.spark.memory.SparkOutOfMemoryError', description: '[UNABLE_TO_ACQUIRE_MEMORY] Unable to acquire 16384 bytes of memory, got 0.'},
    metrics: {executorRunTime: failedFinish - failedLaunch - 20, executorDeserializeTime: 12, jvmGcTime: Math.floor((failedFinish - failedLaunch) * 0.3), memoryBytesSpilled: 900 * mib, diskBytesSpilled: 310 * mib},
  };
  const retryDuration = hotTask.finishTime! - hotTask.launchTime;
  hotTask.attempt = 1;
  hotTask.launchTime = failedFinish + 1_000;
  hotTask.finishTime = hotTask.launchTime + retryDuration;
  hotTask.executorId = nodes.executors[(nodes.executors.indexOf(hotTask.executorId) + 3) % nodes.executors.length]!;
  // A speculative copy of the retry ran on another executor and was killed when the retry won.
  const speculative: TaskSpec = {
    index: hot,
    attempt: 2,
    executorId: nodes.executors[(nodes.executors.indexOf(hotTask.executorId) + 5) % nodes.executors.length]!,
    launchTime: hotTask.launchTime + Math.floor(retryDuration * 0.5),
    finishTime: hotTask.finishTime! + 40,
    speculative: true,
    outcome: {kind: 'killed', reason: 'another attempt succeeded'},
    metrics: {executorRunTime: Math.floor(retryDuration * 0.5) - 30, executorDeserializeTime: 9},
  };
  const joinTasksAll = [...joined, failedAttempt, speculative];
  const joinEnd = end(joinTasksAll) + 60;
  writer.stage(join, joinStart - 10, joinTasksAll, {completionTime: joinEnd});
  writer.jobEnd(0, joinEnd + 5).sqlEnd(0, joinEnd + 30);
  writer.applicationEnd(joinEnd + 2_000);
  return writer.text();
}

/** The naive MAP flattening: explode the customExtension map, then pivot the keys back to columns. */
function explodePivot(rand: () => number, scale: number): string {
  const writer = new EventLogWriter('app-20260309020000-0043', 'mfg_silver_flatten_naive');
  writer.environment({'spark.sql.adaptive.enabled': 'true', 'spark.sql.shuffle.partitions': '200', 'spark.executor.memory': '4g', 'spark.executor.cores': '4'}).applicationStart(start);
  const nodes = cluster(writer, 8, 4, start);
  const t0 = start + 12_000;
  const scanTasks = Math.max(16, Math.round(128 * scale));
  const partitions = Math.max(20, Math.round(200 * scale));
  writer.sqlStart(0, 'SELECT * FROM (SELECT event_id, explode(customExtension) FROM mfg_prod.bronze.sensor_events) PIVOT (first(value) FOR key IN (...))', t0);
  const explode: StageSpec = {stageId: 0, name: 'save at NativeMethodAccessorImpl.java:0', numTasks: scanTasks, rddName: 'FileScanRDD'};
  const pivot: StageSpec = {stageId: 1, name: 'save at NativeMethodAccessorImpl.java:0', numTasks: partitions, parentIds: [0]};
  writer.jobStart(0, t0, [explode, pivot], 0);
  // Forty keys per event: the explode writes each event about 4.5 times its compressed input size.
  const exploded = schedule(nodes, t0 + 50, scanStage(rand, scanTasks, 110 * mib, 240, 4.5, 16_000));
  writer.stage(explode, t0 + 40, exploded, {completionTime: end(exploded) + 20});
  const total = exploded.reduce((sum, task) => sum + (task.metrics?.shuffleBytesWritten ?? 0), 0);
  const pivotStart = end(exploded) + 80;
  const pivotTasks = Array.from({length: partitions}, (_, index) => {
    const bytes = Math.floor((total / partitions) * (0.9 + rand() * 0.2));
    const durationMs = Math.floor(4_000 + bytes / (60 * 1024) + rand() * 800);
    return {
      index,
      durationMs,
      metrics: runMetrics(rand, durationMs, {
        ...shuffleReadMetrics(bytes, Math.floor(bytes / 54), scanTasks, rand),
        jvmGcTime: Math.floor(durationMs * (0.14 + rand() * 0.08)),
        memoryBytesSpilled: Math.floor(bytes * 1.6),
        diskBytesSpilled: Math.floor(bytes * 0.45),
        peakExecutionMemory: 700 * mib,
        outputBytesWritten: Math.floor(bytes * 0.12),
        outputRecordsWritten: Math.floor(bytes / 54 / 40),
      }),
    };
  });
  const pivoted = schedule(nodes, pivotStart, pivotTasks);
  const pivotEnd = end(pivoted) + 50;
  writer.stage(pivot, pivotStart - 10, pivoted, {completionTime: pivotEnd});
  writer.jobEnd(0, pivotEnd + 5).sqlEnd(0, pivotEnd + 20);
  writer.applicationEnd(pivotEnd + 1_500);
  return writer.text();
}

/** A scan of a table written by a streaming job without compaction: thousands of files of 400–900 KB. */
function smallFiles(rand: () => number, scale: number): string {
  const writer = new EventLogWriter('app-20260309020000-0044', 'mfg_silver_hourly_rollup');
  writer.environment({'spark.sql.adaptive.enabled': 'true', 'spark.sql.files.maxPartitionBytes': '134217728', 'spark.executor.memory': '8g', 'spark.executor.cores': '4', 'spark.dynamicAllocation.enabled': 'false'}).applicationStart(start);
  const nodes = cluster(writer, 16, 4, start);
  const t0 = start + 20_000;
  const files = Math.max(400, Math.round(2_400 * scale));
  writer.sqlStart(0, 'SELECT plant_id, date_trunc(\'hour\', event_time), avg(value) FROM mfg_prod.silver.sensor_readings GROUP BY ALL', t0);
  const scan: StageSpec = {stageId: 0, name: 'save at NativeMethodAccessorImpl.java:0', numTasks: files, rddName: 'FileScanRDD'};
  const agg: StageSpec = {stageId: 1, name: 'save at NativeMethodAccessorImpl.java:0', numTasks: 12, parentIds: [0]};
  writer.jobStart(0, t0, [scan, agg], 0);
  const scanned = schedule(
    nodes,
    t0 + 50,
    Array.from({length: files}, (_, index) => {
      const bytes = Math.floor((400 + rand() * 500) * 1024);
      const durationMs = Math.floor(45 + rand() * 90);
      return {index, durationMs, metrics: runMetrics(rand, durationMs, {inputBytesRead: bytes, inputRecordsRead: Math.floor(bytes / 120), shuffleBytesWritten: Math.floor(bytes * 0.02), shuffleRecordsWritten: 24, shuffleWriteTime: 90_000, peakExecutionMemory: 16 * mib})};
    }),
    25,
  );
  writer.stage(scan, t0 + 40, scanned, {completionTime: end(scanned) + 20});
  const total = scanned.reduce((sum, task) => sum + (task.metrics?.shuffleBytesWritten ?? 0), 0);
  const aggStart = end(scanned) + 60;
  const aggregated = schedule(
    {executors: nodes.executors.slice(0, 3), cores: nodes.cores},
    aggStart,
    Array.from({length: agg.numTasks}, (_, index) => {
      const bytes = Math.floor(total / agg.numTasks);
      const durationMs = Math.floor(300 + rand() * 200);
      return {index, durationMs, metrics: runMetrics(rand, durationMs, {...shuffleReadMetrics(bytes, files * 2, files, rand), outputBytesWritten: Math.floor(bytes * 0.5), outputRecordsWritten: 400})};
    }),
  );
  const aggEnd = end(aggregated) + 40;
  writer.stage(agg, aggStart - 10, aggregated, {completionTime: aggEnd});
  writer.jobEnd(0, aggEnd + 5).sqlEnd(0, aggEnd + 20);
  // The cluster stays up for the next job that never comes: fixed-size clusters idle until terminated.
  writer.applicationEnd(aggEnd + 9 * 60_000);
  return writer.text();
}

/** A realistic event log of a manufacturing job, the same for the same options. */
export function generateSampleLog(options: SampleLogOptions): string {
  const {scenario, seed, scale} = parseOptions(sampleOptionsSchema, options, 'generateSampleLog');
  const rand = random(seed);
  switch (scenario) {
    case 'skewed-join':
      return skewedJoin(rand, scale);
    case 'explode-pivot':
      return explodePivot(rand, scale);
    case 'small-files':
      return smallFiles(rand, scale);
  }
}
