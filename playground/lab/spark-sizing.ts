import * as z from 'zod';
import {parseOptions} from './options';

/**
 * Spark's own sizing rules as pure functions, each a transcription of the Spark code named in its
 * comment (Spark 3.5 and 4.0 unless a comment says otherwise), with the configuration keys and
 * defaults it reads. The Spark labs and the deployment lab share them. Sizes are bytes unless a
 * name says MiB.
 */

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

const bytes = z.number().int().min(0).max(2 ** 53 - 1);
const positiveBytes = z.number().int().min(1).max(2 ** 53 - 1);
const count = z.number().int().min(1).max(10_000_000);

// ---------------------------------------------------------------------------------------------
// File scan partitions: FilePartition.maxSplitBytes, PartitionedFileUtil.splitFiles,
// FilePartition.getFilePartitions
// ---------------------------------------------------------------------------------------------

const filePartitionSchema = z
  .object({
    /** The sizes of the files the scan reads (after partition pruning). */
    fileSizes: z.array(bytes).min(1, 'Give at least one file.').max(1_000_000, 'At most 1,000,000 files.'),
    /** Parquet, ORC, Delta and uncompressed CSV/JSON are splittable; gzip-compressed text is not. */
    splittable: z.boolean().default(true),
    /** spark.sql.files.maxPartitionBytes, default 128 MiB. */
    maxPartitionBytes: positiveBytes.default(128 * MiB),
    /** spark.sql.files.openCostInBytes, default 4 MiB. */
    openCostInBytes: bytes.default(4 * MiB),
    /** spark.sql.files.minPartitionNum; unset, Spark uses spark.sql.leafNodeDefaultParallelism, else the default parallelism. */
    minPartitionNum: count.optional(),
    /** SparkContext.defaultParallelism: the total executor cores on a cluster. */
    defaultParallelism: count,
  })
  .strict();

export type FilePartitionInput = z.input<typeof filePartitionSchema>;

export interface FilePartitionPlan {
  /** min(maxPartitionBytes, max(openCostInBytes, bytesPerCore)). */
  maxSplitBytes: number;
  /** Σ(file size + openCostInBytes). */
  totalBytes: number;
  /** totalBytes / minPartitionNum, integer division as in Scala's Long arithmetic. */
  bytesPerCore: number;
  minPartitionNum: number;
  /** The splits after cutting files at maxSplitBytes. */
  splits: number;
  /** The bytes of data each read task gets, in partition order. */
  partitionBytes: number[];
}

/**
 * The read tasks of a file scan. `FilePartition.maxSplitBytes`: bytesPerCore = Σ(size + openCost) /
 * minPartitionNum, maxSplitBytes = min(maxPartitionBytes, max(openCost, bytesPerCore)).
 * `PartitionedFileUtil.splitFiles` cuts splittable files every maxSplitBytes; the splits are sorted
 * by size, largest first (`FileSourceScanExec.createReadRDD`), and `FilePartition.getFilePartitions`
 * packs them "next fit decreasing": a partition closes when adding the next split would pass
 * maxSplitBytes, and each split counts its size plus openCostInBytes. Spark 3.5 added
 * spark.sql.files.maxPartitionNum (unset by default), which this function does not apply.
 */
export function filePartitions(input: FilePartitionInput): FilePartitionPlan {
  const o = parseOptions(filePartitionSchema, input, 'filePartitions');
  const minPartitionNum = o.minPartitionNum ?? o.defaultParallelism;
  const totalBytes = o.fileSizes.reduce((sum, size) => sum + size + o.openCostInBytes, 0);
  const bytesPerCore = Math.floor(totalBytes / minPartitionNum);
  const maxSplitBytes = Math.min(o.maxPartitionBytes, Math.max(o.openCostInBytes, bytesPerCore));
  const splits: number[] = [];
  for (const size of o.fileSizes) {
    if (o.splittable) {
      for (let offset = 0; offset < size; offset += maxSplitBytes) splits.push(Math.min(maxSplitBytes, size - offset));
    } else {
      splits.push(size);
    }
  }
  splits.sort((a, b) => b - a);
  const partitionBytes: number[] = [];
  let current = 0;
  let currentData = 0;
  let open = false;
  for (const split of splits) {
    if (current + split > maxSplitBytes && open) {
      partitionBytes.push(currentData);
      current = 0;
      currentData = 0;
      open = false;
    }
    current += split + o.openCostInBytes;
    currentData += split;
    open = true;
  }
  if (open) partitionBytes.push(currentData);
  return {maxSplitBytes, totalBytes, bytesPerCore, minPartitionNum, splits: splits.length, partitionBytes};
}

// ---------------------------------------------------------------------------------------------
// AQE coalescing: CoalesceShufflePartitions + ShufflePartitionsUtil.coalescePartitions
// ---------------------------------------------------------------------------------------------

const coalesceSchema = z
  .object({
    /** Bytes per shuffle partition, one array per shuffle read together (a join reads two). */
    partitionBytes: z.array(z.array(bytes).min(1).max(100_000)).min(1).max(8),
    /** spark.sql.adaptive.advisoryPartitionSizeInBytes, default 64 MiB. */
    advisoryPartitionSizeInBytes: positiveBytes.default(64 * MiB),
    /** spark.sql.adaptive.coalescePartitions.minPartitionSize, default 1 MiB. */
    minPartitionSize: positiveBytes.default(1 * MiB),
    /** spark.sql.adaptive.coalescePartitions.parallelismFirst, default true. */
    parallelismFirst: z.boolean().default(true),
    /** spark.sql.adaptive.coalescePartitions.minPartitionNum; unset by default. */
    minPartitionNum: count.optional(),
    /** SparkContext.defaultParallelism: the total executor cores. */
    defaultParallelism: count,
  })
  .strict()
  .refine((o) => o.partitionBytes.every((sizes) => sizes.length === o.partitionBytes[0]!.length), 'Every shuffle read together has the same number of partitions.');

export type CoalesceInput = z.input<typeof coalesceSchema>;

export interface CoalescePlan {
  minNumPartitions: number;
  /** ceil(total / minNumPartitions). */
  maxTargetSize: number;
  /** min(maxTargetSize, advisory) raised to minPartitionSize. */
  targetSize: number;
  /** [start, end) reducer ranges of the coalesced partitions. */
  ranges: [number, number][];
  /** Bytes of each coalesced partition (all shuffles together). */
  coalescedBytes: number[];
  /** False when coalescing would not reduce the partition count (Spark keeps the original plan). */
  applied: boolean;
}

/**
 * AQE's post-shuffle coalescing. `CoalesceShufflePartitions`: minNumPartitions is
 * spark.sql.adaptive.coalescePartitions.minPartitionNum, else the default parallelism when
 * parallelismFirst is true, else 1. `ShufflePartitionsUtil.coalescePartitions`: maxTargetSize =
 * ceil(total / minNumPartitions), targetSize = max(min(maxTargetSize, advisory), minPartitionSize);
 * then consecutive partitions are packed until the next would pass targetSize, and a packed
 * partition below minPartitionSize merges into the smaller neighbour (`coalescePartitions(start,
 * end, ...)`). Empty partitions launch no task. One coalesce group (no union or broadcast join).
 */
export function aqeCoalesce(input: CoalesceInput): CoalescePlan {
  const o = parseOptions(coalesceSchema, input, 'aqeCoalesce');
  const minNumPartitions = Math.max(o.minPartitionNum ?? (o.parallelismFirst ? o.defaultParallelism : 1), 1);
  const numPartitions = o.partitionBytes[0]!.length;
  const sizeAt = (i: number) => o.partitionBytes.reduce((sum, sizes) => sum + sizes[i]!, 0);
  let total = 0;
  for (let i = 0; i < numPartitions; i++) total += sizeAt(i);
  const maxTargetSize = Math.ceil(total / minNumPartitions);
  const targetSize = Math.max(Math.min(maxTargetSize, o.advisoryPartitionSizeInBytes), o.minPartitionSize);

  const ranges: [number, number][] = [];
  let coalescedSize = 0;
  let latestSplitPoint = 0;
  let latestPartitionSize = 0;
  const createPartitionSpec = (end: number, forceCreate = false) => {
    // Skip empty inputs, as it is a waste to launch an empty task.
    if (coalescedSize > 0 || forceCreate) ranges.push([latestSplitPoint, end]);
  };
  for (let i = 0; i < numPartitions; i++) {
    const size = sizeAt(i);
    if (i > latestSplitPoint && coalescedSize + size > targetSize) {
      if (coalescedSize < o.minPartitionSize) {
        if (latestPartitionSize > 0 && latestPartitionSize < size) {
          // pack with the partition before
          ranges[ranges.length - 1] = [ranges[ranges.length - 1]![0], i];
          latestSplitPoint = i;
          latestPartitionSize += coalescedSize;
          coalescedSize = size;
        } else {
          // pack with the partition after
          coalescedSize += size;
        }
      } else {
        createPartitionSpec(i);
        latestSplitPoint = i;
        latestPartitionSize = coalescedSize;
        coalescedSize = size;
      }
    } else {
      coalescedSize += size;
    }
  }
  if (coalescedSize < o.minPartitionSize && latestPartitionSize > 0) {
    ranges[ranges.length - 1] = [ranges[ranges.length - 1]![0], numPartitions];
  } else {
    // coalescePartitionsWithoutSkew passes allowReturnEmpty = false: at least one partition.
    createPartitionSpec(numPartitions, ranges.length === 0);
  }
  const coalescedBytes = ranges.map(([from, to]) => {
    let sum = 0;
    for (let i = from; i < to; i++) sum += sizeAt(i);
    return sum;
  });
  return {minNumPartitions, maxTargetSize, targetSize, ranges, coalescedBytes, applied: ranges.length < numPartitions};
}

// ---------------------------------------------------------------------------------------------
// AQE skew join: OptimizeSkewedJoin + ShufflePartitionsUtil.splitSizeListByTargetSize
// ---------------------------------------------------------------------------------------------

const skewSchema = z
  .object({
    /** Bytes per shuffle partition of one side of a sort-merge join. */
    partitionBytes: z.array(bytes).min(1).max(100_000),
    /** spark.sql.adaptive.skewJoin.skewedPartitionFactor, default 5. */
    skewedPartitionFactor: z.number().min(0).max(1_000).default(5),
    /** spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes, default 256 MiB. */
    skewedPartitionThresholdInBytes: bytes.default(256 * MiB),
    /** spark.sql.adaptive.advisoryPartitionSizeInBytes, default 64 MiB. */
    advisoryPartitionSizeInBytes: positiveBytes.default(64 * MiB),
    /** Per skewed partition, the bytes each map task wrote to it (optional): gives the split count. */
    mapBytesBySkewedPartition: z.record(z.string(), z.array(bytes).max(100_000)).optional(),
  })
  .strict();

export type SkewJoinInput = z.input<typeof skewSchema>;

export interface SkewJoinPlan {
  /** `Utils.median(sizes, false)`: the middle size (mean of the two middle ones for an even count), at least 1. */
  medianSize: number;
  /** max(threshold, median × factor). */
  skewThreshold: number;
  /** max(advisory, mean of the non-skewed partitions). */
  targetSize: number;
  skewedPartitions: {partition: number; bytes: number; splits?: number}[];
}

/** `Utils.median(sizes, alreadySorted = false)`. */
export function medianSize(sizes: readonly number[]): number {
  const sorted = [...sizes].sort((a, b) => a - b);
  const len = sorted.length;
  if (len % 2 === 0) return Math.max(Math.floor((sorted[len / 2]! + sorted[len / 2 - 1]!) / 2), 1);
  return Math.max(sorted[Math.floor(len / 2)]!, 1);
}

const smallPartitionFactor = 0.2;
const mergedPartitionFactor = 1.2;

/**
 * `ShufflePartitionsUtil.splitSizeListByTargetSize` (SMALL_PARTITION_FACTOR 0.2,
 * MERGED_PARTITION_FACTOR 1.2): the start indices of the map ranges a skewed partition is cut into.
 */
export function splitSizeListByTargetSize(sizes: readonly number[], targetSize: number): number[] {
  const starts = [0];
  let currentPartitionSize = 0;
  let lastPartitionSize = -1;
  const tryMergePartitions = () => {
    const shouldMerge =
      lastPartitionSize > -1 &&
      (currentPartitionSize + lastPartitionSize < targetSize * mergedPartitionFactor ||
        currentPartitionSize < targetSize * smallPartitionFactor ||
        lastPartitionSize < targetSize * smallPartitionFactor);
    if (shouldMerge) {
      starts.pop();
      lastPartitionSize += currentPartitionSize;
    } else {
      lastPartitionSize = currentPartitionSize;
    }
  };
  for (let i = 0; i < sizes.length; i++) {
    if (i > 0 && currentPartitionSize + sizes[i]! > targetSize) {
      tryMergePartitions();
      starts.push(i);
      currentPartitionSize = sizes[i]!;
    } else {
      currentPartitionSize += sizes[i]!;
    }
  }
  tryMergePartitions();
  return starts;
}

/**
 * AQE skew-join detection for one side of a sort-merge join. `OptimizeSkewedJoin.getSkewThreshold`:
 * a partition is skewed when larger than max(skewedPartitionThresholdInBytes, median ×
 * skewedPartitionFactor); `targetSize` is max(advisory, mean size of the non-skewed partitions).
 * With the map-side sizes of a skewed partition, `splitSizeListByTargetSize` gives how many tasks it
 * becomes (`createSkewPartitionSpecs`; one range means Spark cannot split it).
 */
export function skewJoin(input: SkewJoinInput): SkewJoinPlan {
  const o = parseOptions(skewSchema, input, 'skewJoin');
  const median = medianSize(o.partitionBytes);
  const skewThreshold = Math.max(o.skewedPartitionThresholdInBytes, Math.floor(median * o.skewedPartitionFactor));
  const nonSkew = o.partitionBytes.filter((size) => size <= skewThreshold);
  const targetSize = nonSkew.length === 0 ? o.advisoryPartitionSizeInBytes : Math.max(o.advisoryPartitionSizeInBytes, Math.floor(nonSkew.reduce((sum, size) => sum + size, 0) / nonSkew.length));
  const skewedPartitions = o.partitionBytes.flatMap((size, partition) => {
    if (size <= skewThreshold) return [];
    const mapBytes = o.mapBytesBySkewedPartition?.[String(partition)];
    return [{partition, bytes: size, splits: mapBytes ? splitSizeListByTargetSize(mapBytes, targetSize).length : undefined}];
  });
  return {medianSize: median, skewThreshold, targetSize, skewedPartitions};
}

// ---------------------------------------------------------------------------------------------
// Broadcast decision: JoinSelectionHelper.canBroadcastBySize
// ---------------------------------------------------------------------------------------------

const broadcastSchema = z
  .object({
    /** The optimizer's estimate of the smaller side (`plan.stats.sizeInBytes`). */
    sizeInBytes: bytes,
    /** spark.sql.autoBroadcastJoinThreshold, default 10 MiB; −1 disables broadcasting. */
    autoBroadcastJoinThreshold: z.number().int().min(-1).max(2 ** 53 - 1).default(10 * MiB),
    /** spark.sql.adaptive.autoBroadcastJoinThreshold: AQE's threshold at re-planning, defaulting to the above. */
    adaptiveAutoBroadcastJoinThreshold: z.number().int().min(-1).max(2 ** 53 - 1).optional(),
    /** Whether the decision is AQE's, after the side's query stage ran (its size is then measured). */
    atAqeReplanning: z.boolean().default(false),
  })
  .strict();

export type BroadcastInput = z.input<typeof broadcastSchema>;

/**
 * `JoinSelectionHelper.canBroadcastBySize`: broadcast when 0 ≤ sizeInBytes ≤ threshold, where the
 * threshold is spark.sql.adaptive.autoBroadcastJoinThreshold (falling back to
 * spark.sql.autoBroadcastJoinThreshold) for AQE's re-planning, else spark.sql.autoBroadcastJoinThreshold.
 */
export function broadcastDecision(input: BroadcastInput): {threshold: number; broadcast: boolean; configKey: string} {
  const o = parseOptions(broadcastSchema, input, 'broadcastDecision');
  const useAdaptive = o.atAqeReplanning && o.adaptiveAutoBroadcastJoinThreshold !== undefined;
  const threshold = useAdaptive ? o.adaptiveAutoBroadcastJoinThreshold! : o.autoBroadcastJoinThreshold;
  return {
    threshold,
    broadcast: o.sizeInBytes >= 0 && o.sizeInBytes <= threshold,
    configKey: useAdaptive ? 'spark.sql.adaptive.autoBroadcastJoinThreshold' : 'spark.sql.autoBroadcastJoinThreshold',
  };
}

// ---------------------------------------------------------------------------------------------
// Executor container memory: ResourceProfile.calculateOverHeadMemory / getResourcesForClusterManager
// ---------------------------------------------------------------------------------------------

const containerSchema = z
  .object({
    /** spark.executor.memory in MiB (default 1g). */
    executorMemoryMiB: z.number().int().min(1).max(16 * 1024 * 1024).default(1024),
    /** spark.executor.memoryOverhead in MiB; unset by default. */
    memoryOverheadMiB: z.number().int().min(0).max(16 * 1024 * 1024).optional(),
    /** spark.executor.memoryOverheadFactor, default 0.10 (Spark 3.3+). */
    memoryOverheadFactor: z.number().min(0).max(10).default(0.1),
    /** spark.executor.minMemoryOverhead in MiB (Spark 4.0; 384 MiB fixed before). */
    minMemoryOverheadMiB: z.number().int().min(0).max(16 * 1024 * 1024).default(384),
    /** spark.memory.offHeap.size in MiB when spark.memory.offHeap.enabled is true, else 0. */
    offHeapMiB: z.number().int().min(0).max(16 * 1024 * 1024).default(0),
    /** spark.executor.pyspark.memory in MiB; unset by default (Python workers then share the overhead). */
    pysparkMemoryMiB: z.number().int().min(0).max(16 * 1024 * 1024).default(0),
  })
  .strict();

export type ContainerMemoryInput = z.input<typeof containerSchema>;

/**
 * What YARN or Kubernetes is asked for per executor. `ResourceProfile.calculateOverHeadMemory`:
 * overhead = spark.executor.memoryOverhead, else max((factor × executor memory).toInt, minimum);
 * `getResourcesForClusterManager`: total = executor memory + overhead + off-heap + PySpark memory.
 */
export function executorContainerMemory(input: ContainerMemoryInput): {overheadMiB: number; overheadSource: 'configured' | 'factor' | 'minimum'; totalMiB: number} {
  const o = parseOptions(containerSchema, input, 'executorContainerMemory');
  const byFactor = Math.trunc(o.memoryOverheadFactor * o.executorMemoryMiB);
  const overheadMiB = o.memoryOverheadMiB ?? Math.max(byFactor, o.minMemoryOverheadMiB);
  const overheadSource = o.memoryOverheadMiB !== undefined ? 'configured' : byFactor >= o.minMemoryOverheadMiB ? 'factor' : 'minimum';
  return {overheadMiB, overheadSource, totalMiB: o.executorMemoryMiB + overheadMiB + o.offHeapMiB + o.pysparkMemoryMiB};
}

// ---------------------------------------------------------------------------------------------
// Unified memory regions: UnifiedMemoryManager.getMaxMemory / apply, ExecutionMemoryPool
// ---------------------------------------------------------------------------------------------

/** UnifiedMemoryManager.RESERVED_SYSTEM_MEMORY_BYTES */
export const reservedSystemMemoryBytes = 300 * MiB;

const unifiedSchema = z
  .object({
    /** The heap the JVM reports (`Runtime.getRuntime.maxMemory`), about spark.executor.memory. */
    heapBytes: positiveBytes,
    /** spark.memory.fraction, default 0.6. */
    memoryFraction: z.number().gt(0).max(1).default(0.6),
    /** spark.memory.storageFraction, default 0.5. */
    storageFraction: z.number().min(0).lt(1).default(0.5),
    /** Tasks running at once on the executor (spark.executor.cores / spark.task.cpus). */
    concurrentTasks: count.default(1),
  })
  .strict();

export type UnifiedMemoryInput = z.input<typeof unifiedSchema>;

export interface UnifiedMemoryPlan {
  reservedBytes: number;
  usableBytes: number;
  /** Execution and storage together: (heap − 300 MiB) × spark.memory.fraction. */
  unifiedBytes: number;
  /** The part of it storage keeps from eviction: unified × spark.memory.storageFraction. */
  storageRegionBytes: number;
  /** What execution has before it borrows from storage. */
  executionRegionBytes: number;
  /** (heap − 300 MiB) × (1 − fraction): user data structures, UDF objects. */
  userBytes: number;
  /** `ExecutionMemoryPool`: each of N running tasks may hold 1/(2N) to 1/N of the execution pool. */
  perTaskMinBytes: number;
  perTaskMaxBytes: number;
}

/**
 * `UnifiedMemoryManager.getMaxMemory`: usable = heap − 300 MiB, max = usable × spark.memory.fraction;
 * `apply`: the storage region is max × spark.memory.storageFraction. A heap below 1.5 × 300 MiB throws
 * Spark's own message. The per-task bounds are `ExecutionMemoryPool.acquireMemory`'s, with the whole
 * unified region as the ceiling when storage holds nothing.
 */
export function unifiedMemory(input: UnifiedMemoryInput): UnifiedMemoryPlan {
  const o = parseOptions(unifiedSchema, input, 'unifiedMemory');
  const minSystemMemory = Math.ceil(reservedSystemMemoryBytes * 1.5);
  if (o.heapBytes < minSystemMemory) {
    throw new RangeError(`System memory ${o.heapBytes} must be at least ${minSystemMemory}. Please increase heap size using the --driver-memory option or spark.driver.memory in Spark configuration.`);
  }
  const usableBytes = o.heapBytes - reservedSystemMemoryBytes;
  const unifiedBytes = Math.trunc(usableBytes * o.memoryFraction);
  const storageRegionBytes = Math.trunc(unifiedBytes * o.storageFraction);
  return {
    reservedBytes: reservedSystemMemoryBytes,
    usableBytes,
    unifiedBytes,
    storageRegionBytes,
    executionRegionBytes: unifiedBytes - storageRegionBytes,
    userBytes: usableBytes - unifiedBytes,
    perTaskMinBytes: Math.trunc((unifiedBytes - storageRegionBytes) / (2 * o.concurrentTasks)),
    perTaskMaxBytes: Math.trunc(unifiedBytes / o.concurrentTasks),
  };
}
