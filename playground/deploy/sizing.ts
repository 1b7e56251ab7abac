import * as z from 'zod';
import {stringify} from 'yaml';
import {aqeCoalesce, executorContainerMemory, filePartitions, GiB, MiB, unifiedMemory} from '../lab/spark-sizing';

/**
 * Sizing a job cluster from data volume and measured throughput. Spark's own rules (file splits,
 * AQE coalescing, executor container memory, unified memory) are the lab kernel's
 * (playground/lab/spark-sizing.ts); this module adds the arithmetic that turns a workload into a
 * worker count and the Databricks facts that shape the result. Sizes are bytes unless a name says
 * MiB or GiB.
 */

/** A field the reader typed, and what is wrong with it, in words to show next to it. */
export interface SizingProblem {
  field: string;
  message: string;
}

const between = (what: string, min: number, max: number, unit = '') =>
  z
    .number({error: `Enter a number for ${what}.`})
    .refine(Number.isFinite, `Enter a number for ${what}.`)
    .refine((value) => value >= min && value <= max, `${what} must be from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}${unit}.`);
const wholeBetween = (what: string, min: number, max: number, unit = '') =>
  between(what, min, max, unit).refine(Number.isInteger, `${what} must be a whole number.`);

const common = {
  /** Input bytes one core processes per second, measured on a test run (input size ÷ summed task time). */
  throughputMiBPerCoreSecond: between('Throughput per core', 0.01, 1024, ' MiB/s'),
  /** Shuffle write as a share of the input, from the Spark UI of a test run (100 = as much as was read). */
  shuffleRatioPercent: between('Shuffle share of the input', 0, 1000, ' %'),
  /** The shuffle partition size to aim for. */
  targetPartitionMiB: between('Target partition size', 1, 2048, ' MiB'),
  nodeTypeId: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'A node type ID such as Standard_D8ds_v5.'),
  nodeCores: wholeBetween('Cores per node', 1, 256),
  nodeMemoryGiB: between('Memory per node', 1, 4096, ' GiB'),
  /** What the node keeps for the OS and the platform's own services: the reader's assumption. */
  systemReservePercent: between('Memory kept by the node', 0, 90, ' %'),
};

const streamingSchema = z
  .object({
    workload: z.literal('streaming'),
    eventsPerSecond: between('Events per second', 1, 100_000_000),
    bytesPerEvent: wholeBetween('Bytes per event', 10, 10 * 1024 * 1024),
    /** How long a plant or the source can be offline while events buffer upstream. */
    outageHours: between('Outage to recover from', 0, 168, ' hours'),
    /** How fast the backlog must be drained once the source is back. */
    catchUpHours: between('Catch-up time', 0.05, 168, ' hours'),
    /** The processing-time trigger interval. */
    triggerSeconds: wholeBetween('Trigger interval', 1, 3600, ' seconds'),
    ...common,
  })
  .strict();

const batchSchema = z
  .object({
    workload: z.literal('batch'),
    dataGiB: between('Data per run', 0.001, 1_000_000, ' GiB'),
    inputFiles: wholeBetween('Input files', 1, 1_000_000),
    deadlineMinutes: between('Deadline', 1, 1440, ' minutes'),
    /** The autoscale floor; the computed size is the ceiling. */
    minWorkers: wholeBetween('Minimum workers', 1, 1000),
    ...common,
  })
  .strict();

export const clusterSizingSchema = z.discriminatedUnion('workload', [streamingSchema, batchSchema]);
export type ClusterSizingInput = z.input<typeof clusterSizingSchema>;

/** One number of the result, how it was computed, and where the rule comes from. */
export interface SizingStep {
  key: string;
  label: string;
  value: number;
  unit: string;
  formula: string;
  source: string;
}

export interface ClusterSizing {
  workload: 'streaming' | 'batch';
  nodeTypeId: string;
  /** The processing rate the cluster must sustain. */
  requiredBytesPerSecond: number;
  cores: number;
  workers: number;
  /** Batch: the autoscale floor (the reader's, at most `workers`). */
  minWorkers?: number;
  totalCores: number;
  executorCores: number;
  executorMemoryMiB: number;
  overheadMiB: number;
  containerMiB: number;
  shufflePartitions: number;
  /** Batch: the partitions AQE's coalescing leaves (streaming runs without AQE). */
  coalescedPartitions?: number;
  /** Batch: the read tasks of the input scan. */
  scanTasks?: number;
  /** Streaming: the Kafka source option that bounds each micro-batch to the catch-up rate. */
  maxOffsetsPerTrigger?: number;
  partitionBytes: number;
  perTaskExecutionBytes: {min: number; max: number};
  /** A shuffle partition larger than one task's share of execution memory spills to disk. */
  spill: 'none' | 'possible' | 'certain';
  steps: SizingStep[];
}

export type ClusterSizingResult = {ok: true; sizing: ClusterSizing} | {ok: false; problems: SizingProblem[]};

/** The largest worker count the calculator proposes: beyond it, the inputs are more likely wrong than the cluster. */
export const maxSizedWorkers = 1000;

const sources = {
  rate: 'arithmetic: backlog = arrival rate × outage; draining it in the catch-up time while events keep arriving needs rate × (1 + outage ÷ catch-up)',
  cores: 'arithmetic on the reader’s measured throughput per core (input bytes ÷ summed task time of a test run)',
  workers: 'Databricks Clusters API, num_workers: a cluster has one Spark driver and num_workers executors, one executor per worker node using all its cores',
  executorMemory:
    'Spark ResourceProfile.calculateOverHeadMemory: overhead = max(spark.executor.memoryOverheadFactor 0.10 × spark.executor.memory, 384 MiB); the executor heap is the largest whose container fits what the node leaves',
  partitions: 'sizing convention: shuffle bytes ÷ target partition size, rounded up to a multiple of the cluster’s cores so the last wave is full; at least one task per core',
  streamingFixed:
    'Spark OffsetSeqMetadata.relevantSQLConfs: spark.sql.shuffle.partitions is stored in the checkpoint’s offset log and a restarted query keeps it; StreamExecution disables AQE for streaming queries',
  coalesce: 'Spark CoalesceShufflePartitions / ShufflePartitionsUtil.coalescePartitions (AQE, spark.sql.adaptive.advisoryPartitionSizeInBytes 64 MiB)',
  scan: 'Spark FilePartition.maxSplitBytes and getFilePartitions (spark.sql.files.maxPartitionBytes 128 MiB, openCostInBytes 4 MiB)',
  memory: 'Spark UnifiedMemoryManager (300 MiB reserved, spark.memory.fraction 0.6) and ExecutionMemoryPool (each of N tasks gets 1/(2N) to 1/N)',
  maxOffsets: 'Spark Kafka source option maxOffsetsPerTrigger: the most offsets one micro-batch reads, split across topic partitions',
};

function problemsOf(error: z.ZodError): SizingProblem[] {
  return error.issues.map((issue) => ({field: issue.path.length > 0 ? String(issue.path[0]) : 'workload', message: issue.message}));
}

/**
 * The largest spark.executor.memory (MiB) whose container, memory plus Spark's overhead, fits in
 * `availableMiB`; the overhead is `executorContainerMemory`'s, so the two never disagree.
 */
export function largestExecutorMemory(availableMiB: number): number {
  const fits = (memory: number) => memory >= 1 && executorContainerMemory({executorMemoryMiB: memory}).totalMiB <= availableMiB;
  // Start just below the answer (overhead is at least 10 %) and walk up.
  let memory = Math.max(1, Math.floor(availableMiB / 1.1) - 1);
  if (!fits(memory)) memory = Math.max(1, Math.floor(availableMiB) - 384);
  if (!fits(memory)) return 0;
  while (fits(memory + 1)) memory += 1;
  return memory;
}

/** A number for a formula: at most three decimals. */
function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** The smallest multiple of `step` that is at least `value` (and at least `step`). */
function roundUpToMultiple(value: number, step: number): number {
  return Math.max(step, Math.ceil(value / step) * step);
}

/**
 * Sizes a job cluster for a streaming or a batch workload: the rate to sustain, the cores and
 * workers it takes at the measured throughput, the executor's memory and overhead on the chosen
 * node type, and the shuffle partitions. Each step carries its formula and its source.
 */
export function sizeCluster(input: unknown): ClusterSizingResult {
  const parsed = clusterSizingSchema.safeParse(input);
  if (!parsed.success) return {ok: false, problems: problemsOf(parsed.error)};
  const o = parsed.data;
  const steps: SizingStep[] = [];

  let requiredBytesPerSecond: number;
  let batchBytes: number;
  let maxOffsetsPerTrigger: number | undefined;
  if (o.workload === 'streaming') {
    const arrival = o.eventsPerSecond * o.bytesPerEvent;
    const factor = 1 + o.outageHours / o.catchUpHours;
    requiredBytesPerSecond = arrival * factor;
    batchBytes = requiredBytesPerSecond * o.triggerSeconds;
    maxOffsetsPerTrigger = Math.ceil(o.eventsPerSecond * factor * o.triggerSeconds);
    steps.push({
      key: 'rate',
      label: 'Rate to sustain',
      value: requiredBytesPerSecond / MiB,
      unit: 'MiB/s',
      formula: `${o.eventsPerSecond} events/s × ${o.bytesPerEvent} B × (1 + ${o.outageHours} h ÷ ${o.catchUpHours} h)`,
      source: sources.rate,
    });
    steps.push({key: 'maxOffsetsPerTrigger', label: 'maxOffsetsPerTrigger', value: maxOffsetsPerTrigger, unit: 'offsets', formula: `ceil(${o.eventsPerSecond} events/s × ${round(factor)} × ${o.triggerSeconds} s)`, source: sources.maxOffsets});
  } else {
    batchBytes = o.dataGiB * GiB;
    requiredBytesPerSecond = batchBytes / (o.deadlineMinutes * 60);
    steps.push({key: 'rate', label: 'Rate to sustain', value: requiredBytesPerSecond / MiB, unit: 'MiB/s', formula: `${o.dataGiB} GiB ÷ (${o.deadlineMinutes} min × 60)`, source: 'arithmetic: the data of one run within the deadline'});
  }

  const cores = Math.max(1, Math.ceil(requiredBytesPerSecond / (o.throughputMiBPerCoreSecond * MiB)));
  steps.push({key: 'cores', label: 'Cores', value: cores, unit: 'cores', formula: `ceil(rate ÷ ${o.throughputMiBPerCoreSecond} MiB/s per core)`, source: sources.cores});
  const workers = Math.ceil(cores / o.nodeCores);
  if (workers > maxSizedWorkers) {
    return {ok: false, problems: [{field: 'throughputMiBPerCoreSecond', message: `These numbers need ${workers.toLocaleString('en-US')} workers, more than the ${maxSizedWorkers.toLocaleString('en-US')} this calculator proposes: check the throughput per core and the volume.`}]};
  }
  const totalCores = workers * o.nodeCores;
  steps.push({key: 'workers', label: 'Workers', value: workers, unit: 'workers', formula: `ceil(${cores} cores ÷ ${o.nodeCores} cores per ${o.nodeTypeId})`, source: sources.workers});

  const availableMiB = Math.floor(o.nodeMemoryGiB * 1024 * (1 - o.systemReservePercent / 100));
  const executorMemoryMiB = largestExecutorMemory(availableMiB);
  if (executorMemoryMiB * MiB < Math.ceil(300 * MiB * 1.5)) {
    return {ok: false, problems: [{field: 'nodeMemoryGiB', message: `The node leaves ${availableMiB} MiB to the executor, too little for a Spark executor (its heap must be at least 450 MiB).`}]};
  }
  const container = executorContainerMemory({executorMemoryMiB});
  steps.push({
    key: 'executorMemory',
    label: 'spark.executor.memory',
    value: executorMemoryMiB,
    unit: 'MiB',
    formula: `largest M with M + max(0.10 × M, 384) ≤ ${o.nodeMemoryGiB} GiB × (1 − ${o.systemReservePercent} %) = ${availableMiB} MiB`,
    source: sources.executorMemory,
  });
  steps.push({key: 'overhead', label: 'spark.executor.memoryOverhead', value: container.overheadMiB, unit: 'MiB', formula: container.overheadSource === 'minimum' ? '384 MiB minimum' : `0.10 × ${executorMemoryMiB} MiB`, source: sources.executorMemory});

  const shuffleBytes = (batchBytes * o.shuffleRatioPercent) / 100;
  const byTarget = Math.ceil(shuffleBytes / (o.targetPartitionMiB * MiB));
  const shufflePartitions = roundUpToMultiple(byTarget, totalCores);
  steps.push({
    key: 'shufflePartitions',
    label: 'spark.sql.shuffle.partitions',
    value: shufflePartitions,
    unit: 'partitions',
    formula: `ceil(${(shuffleBytes / GiB).toFixed(2)} GiB ÷ ${o.targetPartitionMiB} MiB) = ${byTarget}, up to a multiple of ${totalCores} cores`,
    source: o.workload === 'streaming' ? `${sources.partitions}. ${sources.streamingFixed}` : sources.partitions,
  });
  const partitionBytes = Math.floor(shuffleBytes / shufflePartitions);

  let coalescedPartitions: number | undefined;
  let scanTasks: number | undefined;
  if (o.workload === 'batch') {
    if (shufflePartitions <= 100_000) {
      coalescedPartitions = aqeCoalesce({partitionBytes: [Array<number>(shufflePartitions).fill(partitionBytes)], defaultParallelism: totalCores}).ranges.length;
      steps.push({key: 'coalesced', label: 'Tasks after AQE coalescing', value: coalescedPartitions, unit: 'tasks', formula: `target max(min(ceil(shuffle ÷ ${totalCores} cores), 64 MiB), 1 MiB) per task`, source: sources.coalesce});
    }
    const fileBytes = Math.max(1, Math.round(batchBytes / o.inputFiles));
    scanTasks = filePartitions({fileSizes: Array<number>(o.inputFiles).fill(fileBytes), defaultParallelism: totalCores}).partitionBytes.length;
    steps.push({key: 'scanTasks', label: 'Scan tasks', value: scanTasks, unit: 'tasks', formula: `${o.inputFiles} files of ${(fileBytes / MiB).toFixed(1)} MiB split and packed at maxSplitBytes`, source: sources.scan});
  }

  const memory = unifiedMemory({heapBytes: executorMemoryMiB * MiB, concurrentTasks: o.nodeCores});
  const spill = partitionBytes > memory.perTaskMaxBytes ? 'certain' : partitionBytes > memory.perTaskMinBytes ? 'possible' : 'none';
  steps.push({
    key: 'perTaskMemory',
    label: 'Execution memory per task',
    value: memory.perTaskMinBytes / MiB,
    unit: 'MiB (at least)',
    formula: `(${executorMemoryMiB} MiB − 300 MiB) × 0.6 × 0.5 ÷ (2 × ${o.nodeCores} tasks); a partition of ${(partitionBytes / MiB).toFixed(1)} MiB ${spill === 'none' ? 'fits' : spill === 'possible' ? 'may spill' : 'spills'}`,
    source: sources.memory,
  });

  return {
    ok: true,
    sizing: {
      workload: o.workload,
      nodeTypeId: o.nodeTypeId,
      requiredBytesPerSecond,
      cores,
      workers,
      minWorkers: o.workload === 'batch' ? Math.min(o.minWorkers, workers) : undefined,
      totalCores,
      executorCores: o.nodeCores,
      executorMemoryMiB,
      overheadMiB: container.overheadMiB,
      containerMiB: container.totalMiB,
      shufflePartitions,
      coalescedPartitions,
      scanTasks,
      maxOffsetsPerTrigger,
      partitionBytes,
      perTaskExecutionBytes: {min: memory.perTaskMinBytes, max: memory.perTaskMaxBytes},
      spill,
      steps,
    },
  };
}

export interface JobClusterOptions {
  jobClusterKey: string;
  sparkVersion: string;
  /** A bundle variable reference or a policy ID. */
  policyId?: string;
  customTags?: Record<string, string>;
}

/**
 * The job cluster of a bundle job (`resources.jobs.<job>.job_clusters[]`) for a sizing: fixed
 * `num_workers` for streaming (classic autoscaling does not scale streaming down), `autoscale` for
 * batch. spark.executor.memory is not set: Databricks derives it from the node type.
 */
export function jobClusterYaml(sizing: ClusterSizing, options: JobClusterOptions): string {
  const newCluster: Record<string, unknown> = {spark_version: options.sparkVersion, node_type_id: sizing.nodeTypeId};
  if (sizing.workload === 'streaming') newCluster.num_workers = sizing.workers;
  else newCluster.autoscale = {min_workers: sizing.minWorkers ?? 1, max_workers: sizing.workers};
  if (options.policyId) newCluster.policy_id = options.policyId;
  newCluster.data_security_mode = 'SINGLE_USER';
  newCluster.spark_conf = {'spark.sql.shuffle.partitions': String(sizing.shufflePartitions)};
  if (options.customTags && Object.keys(options.customTags).length > 0) newCluster.custom_tags = options.customTags;
  return stringify({job_clusters: [{job_cluster_key: options.jobClusterKey, new_cluster: newCluster}]}, {lineWidth: 0});
}
