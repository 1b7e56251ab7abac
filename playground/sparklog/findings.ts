import type {ExecutorData, StageData} from './analyze';
import type {ParsedEventLog, TaskRecord} from './model';

export type LogFindingKind = 'skew' | 'straggler' | 'spill' | 'gc' | 'shuffle-explosion' | 'tiny-tasks' | 'failed-tasks' | 'idle-executors';

/** A page of this catalog that fixes what a finding shows. */
export interface LogFindingLink {
  /** A site path. */
  to: string;
  label: string;
}

/** What the analysis found, the rule that found it, the numbers behind it, and where the fix is. */
export interface LogFinding {
  kind: LogFindingKind;
  severity: 'high' | 'medium' | 'low';
  stageId?: number;
  attemptId?: number;
  /** The rule as a sentence, with its thresholds. */
  rule: string;
  /** The numbers that met the rule, by name (bytes in bytes, times in ms). */
  evidence: Record<string, number | string>;
  links: LogFindingLink[];
}

/** The thresholds the rules use; the page prints them. */
export const findingThresholds = {
  /** Skew or straggler: the slowest successful task runs this many times the 75th percentile... */
  slowTaskFactor: 4,
  /** ...and at least this much longer than it (ms), so short stages with jitter do not count. */
  slowTaskFloorMs: 30_000,
  /** A slow task reading this many times the 75th percentile of bytes read is skew; less is a straggler. */
  skewBytesFactor: 2,
  /** Stages with fewer successful tasks have no meaningful quantiles. */
  minTasksForQuantiles: 10,
  /** GC time over executor run time of a stage. */
  gcShare: 0.1,
  /** ...for stages with at least this much run time (ms). */
  gcMinRunTimeMs: 60_000,
  /** Shuffle write over input of a stage (an explode before a re-aggregation writes more than it read). */
  shuffleToInput: 1,
  /** ...for stages reading at least this many bytes. */
  shuffleMinInputBytes: 64 * 1024 * 1024,
  /** Tiny tasks: stages with at least this many tasks... */
  tinyTaskMinTasks: 200,
  /** ...whose median task runs less than this (ms). */
  tinyTaskMedianMs: 200,
  /** Disk spill above this is high severity. */
  spillHighBytes: 1024 * 1024 * 1024,
  /** Idle executors: alive at least this long (ms)... */
  idleMinLifetimeMs: 5 * 60_000,
  /** ...and busy less than this share of their core time. */
  idleBusyShare: 0.2,
} as const;

const links = {
  salting: {to: '/docs/performance-optimization/shuffle-optimization', label: 'Shuffle optimization: salting and broadcast'},
  aqe: {to: '/docs/performance-optimization/adaptive-query-execution', label: 'Adaptive query execution: skew join and coalescing'},
  skewPlaybook: {to: '/docs/production-playbooks/troubleshooting/data-skew-issues', label: 'Playbook: data skew'},
  sizing: {to: '/docs/performance-optimization/billion-record-optimization', label: 'Billion-record optimization: memory and partition sizing'},
  oomPlaybook: {to: '/docs/production-playbooks/troubleshooting/out-of-memory-errors', label: 'Playbook: out-of-memory errors'},
  flattening: {to: '/docs/schema-evolution/map-type-flattening', label: 'MAP flattening without explode + pivot'},
  slowPlaybook: {to: '/docs/production-playbooks/troubleshooting/performance-degradation', label: 'Playbook: performance degradation'},
  troubleshooting: {to: '/docs/production-playbooks/troubleshooting', label: 'Troubleshooting playbooks'},
  decoder: {to: '/errors/decode', label: 'Decode the stack trace'},
  clusters: {to: '/docs/databricks-deployment/cluster-management', label: 'Cluster management: autoscaling and sizing'},
} satisfies Record<string, LogFindingLink>;

/** The value at quantile q of sorted values, with the History Server's index rule. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(Math.floor(q * sorted.length), sorted.length - 1)]!;
}

function readBytes(task: TaskRecord): number {
  const m = task.metrics!;
  return m.inputBytesRead + m.shuffleLocalBytesRead + m.shuffleRemoteBytesRead;
}

function slowTaskFindings(stage: StageData, tasks: TaskRecord[]): LogFinding[] {
  const successful = tasks.filter((task) => task.status === 'SUCCESS' && task.metrics !== null);
  if (successful.length < findingThresholds.minTasksForQuantiles) return [];
  const runTimes = successful.map((task) => task.metrics!.executorRunTime).sort((a, b) => a - b);
  const p75 = quantile(runTimes, 0.75);
  const slowest = successful.reduce((a, b) => (b.metrics!.executorRunTime > a.metrics!.executorRunTime ? b : a));
  const max = slowest.metrics!.executorRunTime;
  if (max < findingThresholds.slowTaskFactor * p75 || max - p75 < findingThresholds.slowTaskFloorMs) return [];
  const bytes = successful.map(readBytes).sort((a, b) => a - b);
  const bytesP75 = quantile(bytes, 0.75);
  const slowestBytes = readBytes(slowest);
  const isSkew = slowestBytes >= findingThresholds.skewBytesFactor * Math.max(bytesP75, 1);
  const speculated = tasks.filter((task) => task.speculative).length;
  const rule = `the slowest successful task's executorRunTime is at least ${findingThresholds.slowTaskFactor}× the 75th percentile and at least ${findingThresholds.slowTaskFloorMs / 1000} s above it; it read ${findingThresholds.skewBytesFactor}× or more of the 75th percentile of bytes read (input + shuffle read) → skew, less → straggler`;
  const evidence = {
    slowestTaskId: slowest.taskId,
    slowestPartition: slowest.index,
    slowestRunTimeMs: max,
    p75RunTimeMs: p75,
    medianRunTimeMs: quantile(runTimes, 0.5),
    slowestReadBytes: slowestBytes,
    p75ReadBytes: bytesP75,
    executorId: slowest.executorId,
    speculativeAttempts: speculated,
  };
  return [
    {
      kind: isSkew ? 'skew' : 'straggler',
      severity: max >= 10 * p75 ? 'high' : 'medium',
      stageId: stage.stageId,
      attemptId: stage.attemptId,
      rule,
      evidence,
      links: isSkew ? [links.salting, links.aqe, links.skewPlaybook] : [links.slowPlaybook, links.clusters],
    },
  ];
}

function stageFindings(stage: StageData, tasks: TaskRecord[]): LogFinding[] {
  const found: LogFinding[] = slowTaskFindings(stage, tasks);
  const at = {stageId: stage.stageId, attemptId: stage.attemptId};
  if (stage.diskBytesSpilled > 0 || stage.memoryBytesSpilled > 0) {
    const spilling = tasks.filter((task) => (task.metrics?.diskBytesSpilled ?? 0) > 0).length;
    found.push({
      kind: 'spill',
      severity: stage.diskBytesSpilled >= findingThresholds.spillHighBytes ? 'high' : 'medium',
      ...at,
      rule: `the stage spilled (memoryBytesSpilled or diskBytesSpilled above 0); more than ${findingThresholds.spillHighBytes / 1073741824} GiB on disk is high severity`,
      evidence: {memoryBytesSpilled: stage.memoryBytesSpilled, diskBytesSpilled: stage.diskBytesSpilled, tasksSpilling: spilling, tasks: tasks.length, peakExecutionMemory: stage.peakExecutionMemory},
      links: [links.sizing, links.aqe, links.oomPlaybook],
    });
  }
  if (stage.executorRunTime >= findingThresholds.gcMinRunTimeMs && stage.jvmGcTime / stage.executorRunTime >= findingThresholds.gcShare) {
    found.push({
      kind: 'gc',
      severity: stage.jvmGcTime / stage.executorRunTime >= 2 * findingThresholds.gcShare ? 'high' : 'medium',
      ...at,
      rule: `jvmGcTime is at least ${findingThresholds.gcShare * 100} % of executorRunTime in a stage that ran at least ${findingThresholds.gcMinRunTimeMs / 1000} s`,
      evidence: {jvmGcTime: stage.jvmGcTime, executorRunTime: stage.executorRunTime, gcShare: stage.jvmGcTime / stage.executorRunTime},
      links: [links.sizing, links.oomPlaybook],
    });
  }
  if (stage.inputBytes >= findingThresholds.shuffleMinInputBytes && stage.shuffleWriteBytes >= findingThresholds.shuffleToInput * stage.inputBytes) {
    found.push({
      kind: 'shuffle-explosion',
      severity: stage.shuffleWriteBytes >= 3 * stage.inputBytes ? 'high' : 'medium',
      ...at,
      rule: `shuffleWriteBytes is at least ${findingThresholds.shuffleToInput}× inputBytes in a stage reading at least ${findingThresholds.shuffleMinInputBytes / 1048576} MiB: rows were multiplied (an explode) before a shuffle that re-aggregates them`,
      evidence: {inputBytes: stage.inputBytes, inputRecords: stage.inputRecords, shuffleWriteBytes: stage.shuffleWriteBytes, shuffleWriteRecords: stage.shuffleWriteRecords, ratio: stage.shuffleWriteBytes / stage.inputBytes},
      links: [links.flattening, links.salting],
    });
  }
  if (stage.numTasks >= findingThresholds.tinyTaskMinTasks) {
    const durations = tasks.filter((task) => task.status === 'SUCCESS' && task.finishTime > 0).map((task) => task.finishTime - task.launchTime).sort((a, b) => a - b);
    if (durations.length > 0 && quantile(durations, 0.5) < findingThresholds.tinyTaskMedianMs) {
      const reads = tasks.filter((task) => task.status === 'SUCCESS' && task.metrics !== null).map(readBytes).sort((a, b) => a - b);
      found.push({
        kind: 'tiny-tasks',
        severity: 'medium',
        ...at,
        rule: `${findingThresholds.tinyTaskMinTasks} tasks or more whose median duration is under ${findingThresholds.tinyTaskMedianMs} ms: scheduling and file opening cost more than the work`,
        evidence: {numTasks: stage.numTasks, medianDurationMs: quantile(durations, 0.5), medianReadBytes: reads.length > 0 ? quantile(reads, 0.5) : 0, inputBytes: stage.inputBytes, shuffleReadBytes: stage.shuffleReadBytes},
        links: [links.sizing, links.aqe],
      });
    }
  }
  if (stage.numFailedTasks > 0) {
    const errors = new Map<string, number>();
    for (const task of tasks) if (task.status === 'FAILED' && task.errorMessage) errors.set(task.errorMessage, (errors.get(task.errorMessage) ?? 0) + 1);
    const [commonest] = [...errors.entries()].sort((a, b) => b[1] - a[1]);
    found.push({
      kind: 'failed-tasks',
      severity: stage.status === 'FAILED' ? 'high' : 'medium',
      ...at,
      rule: 'task attempts failed (numFailedTasks above 0); a failed stage is high severity, retried tasks that later succeeded are medium',
      evidence: {numFailedTasks: stage.numFailedTasks, numKilledTasks: stage.numKilledTasks, numCompleteTasks: stage.numCompleteTasks, stageStatus: stage.status, commonestError: commonest?.[0] ?? '', commonestErrorCount: commonest?.[1] ?? 0},
      links: [links.troubleshooting, links.decoder],
    });
  }
  return found;
}

/** Findings over every stage attempt and executor of a parsed log. */
export function findFindings(parsed: ParsedEventLog, stages: StageData[], executors: ExecutorData[]): LogFinding[] {
  const byStage = new Map<string, TaskRecord[]>();
  for (const task of parsed.tasks) {
    const key = `${task.stageId}:${task.stageAttemptId}`;
    const list = byStage.get(key);
    if (list) list.push(task);
    else byStage.set(key, [task]);
  }
  const found = stages.flatMap((stage) => stageFindings(stage, byStage.get(`${stage.stageId}:${stage.attemptId}`) ?? []));
  const idle = executors.filter((executor) => executor.busyShare !== undefined && (executor.lifetimeMs ?? 0) >= findingThresholds.idleMinLifetimeMs && executor.busyShare < findingThresholds.idleBusyShare);
  if (idle.length > 0) {
    const withShare = executors.filter((executor) => executor.busyShare !== undefined);
    found.push({
      kind: 'idle-executors',
      severity: idle.length >= withShare.length / 2 ? 'high' : 'medium',
      rule: `executors alive at least ${findingThresholds.idleMinLifetimeMs / 60000} min whose tasks used less than ${findingThresholds.idleBusyShare * 100} % of their core time (sum of task durations ÷ (lifetime × cores))`,
      evidence: {idleExecutors: idle.length, executors: withShare.length, lowestBusyShare: Math.min(...idle.map((executor) => executor.busyShare!)), idleExecutorIds: idle.map((executor) => executor.id).join(', ')},
      links: [links.clusters, links.sizing],
    });
  }
  const order = {high: 0, medium: 1, low: 2};
  return found.sort((a, b) => order[a.severity] - order[b.severity] || (a.stageId ?? -1) - (b.stageId ?? -1));
}
