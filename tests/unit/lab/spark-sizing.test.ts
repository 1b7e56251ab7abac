import {describe, expect, it} from 'vitest';
import {aqeCoalesce, broadcastDecision, executorContainerMemory, filePartitions, GiB, medianSize, MiB, skewJoin, splitSizeListByTargetSize, unifiedMemory} from '../../../playground';

/** Each expected value is worked by hand from the Spark code the function transcribes (see its comment). */
describe('filePartitions (FilePartition.maxSplitBytes, getFilePartitions)', () => {
  it('cuts large splittable files at maxPartitionBytes and packs the tails next-fit decreasing', () => {
    // total = 10 × (300 + 4) MiB = 3040 MiB; bytesPerCore = 3040 / 16 = 190 MiB; maxSplit = min(128, max(4, 190)) = 128 MiB.
    // Each file: 128 + 128 + 44 MiB. Twenty 128 MiB splits fill a partition each; the 44 MiB tails pair up (44 + 4 + 44 ≤ 128).
    const plan = filePartitions({fileSizes: Array(10).fill(300 * MiB), defaultParallelism: 16});
    expect(plan).toMatchObject({maxSplitBytes: 128 * MiB, totalBytes: 3040 * MiB, bytesPerCore: 190 * MiB, splits: 30});
    expect(plan.partitionBytes).toEqual([...Array(20).fill(128 * MiB), ...Array(5).fill(88 * MiB)]);
  });

  it('packs small files with their open cost: 28 files of 600 KiB per task', () => {
    // Each file counts 614,400 + 4,194,304 = 4,808,704 bytes; a 29th file would pass 128 MiB (28 × 4,808,704 + 614,400 > 134,217,728).
    const plan = filePartitions({fileSizes: Array(2400).fill(600 * 1024), defaultParallelism: 64});
    expect(plan.maxSplitBytes).toBe(128 * MiB);
    expect(plan.bytesPerCore).toBe(180_326_400);
    expect(plan.partitionBytes).toHaveLength(86);
    expect(plan.partitionBytes[0]).toBe(28 * 614_400);
    expect(plan.partitionBytes.at(-1)).toBe(20 * 614_400);
  });

  it('lowers the split size to spread one file over all cores (integer division as in Scala)', () => {
    // total = 1 GiB + 4 MiB = 1,077,936,128; / 200 = 5,389,680 (Long division); 1 GiB / 5,389,680 → 200 splits, one per task.
    const plan = filePartitions({fileSizes: [GiB], defaultParallelism: 200});
    expect(plan.maxSplitBytes).toBe(5_389_680);
    expect(plan.partitionBytes).toHaveLength(200);
    expect(plan.partitionBytes.at(-1)).toBe(GiB - 199 * 5_389_680);
  });

  it('keeps a non-splittable file whole and honours spark.sql.files.minPartitionNum', () => {
    expect(filePartitions({fileSizes: [GiB], splittable: false, defaultParallelism: 8}).partitionBytes).toEqual([GiB]);
    expect(filePartitions({fileSizes: [GiB], defaultParallelism: 200, minPartitionNum: 2}).maxSplitBytes).toBe(128 * MiB);
  });

  it('names a wrong option', () => {
    expect(() => filePartitions({fileSizes: [], defaultParallelism: 8})).toThrow('filePartitions: fileSizes: Give at least one file.');
    expect(() => filePartitions({fileSizes: [1], defaultParallelism: 0})).toThrow(/defaultParallelism/);
  });
});

describe('aqeCoalesce (CoalesceShufflePartitions, ShufflePartitionsUtil.coalescePartitions)', () => {
  it("reproduces the example in ShufflePartitionsUtil's comment: two shuffles, target 128 MiB, 4 partitions", () => {
    const plan = aqeCoalesce({
      partitionBytes: [[100, 20, 100, 10, 30].map((m) => m * MiB), [10, 10, 70, 5, 5].map((m) => m * MiB)],
      advisoryPartitionSizeInBytes: 128 * MiB,
      parallelismFirst: false,
      defaultParallelism: 8,
    });
    expect(plan.ranges).toEqual([[0, 1], [1, 2], [2, 3], [3, 5]]);
    expect(plan.coalescedBytes).toEqual([110, 30, 170, 50].map((m) => m * MiB));
  });

  it('targets total / default parallelism when parallelismFirst is true (the default)', () => {
    // 200 × 2 MiB = 400 MiB; ceil(400 MiB / 16) = 25 MiB < 64 MiB: twelve partitions (24 MiB) per task → 16 × 12 + 8.
    const sizes = Array(200).fill(2 * MiB);
    const first = aqeCoalesce({partitionBytes: [sizes], defaultParallelism: 16});
    expect(first).toMatchObject({minNumPartitions: 16, maxTargetSize: 25 * MiB, targetSize: 25 * MiB, applied: true});
    expect(first.ranges).toHaveLength(17);
    expect(first.ranges.at(-1)).toEqual([192, 200]);
    // parallelismFirst false: minNumPartitions 1, target 64 MiB → 32 per task → 6 × 32 + 8.
    const advisory = aqeCoalesce({partitionBytes: [sizes], defaultParallelism: 16, parallelismFirst: false});
    expect(advisory.targetSize).toBe(64 * MiB);
    expect(advisory.ranges).toHaveLength(7);
  });

  it('force-merges a partition below minPartitionSize ([64 MiB, 0.5 MiB, 64 MiB] from the code comment)', () => {
    const plan = aqeCoalesce({partitionBytes: [[64 * MiB, MiB / 2, 64 * MiB]], parallelismFirst: false, defaultParallelism: 4});
    expect(plan.ranges).toEqual([[0, 1], [1, 3]]);
  });

  it('skips empty partitions and reports when nothing coalesces', () => {
    expect(aqeCoalesce({partitionBytes: [[0, 0, 5 * MiB, 0]], defaultParallelism: 4, parallelismFirst: false}).ranges).toEqual([[0, 4]]);
    expect(aqeCoalesce({partitionBytes: [[0, 0]], defaultParallelism: 4}).ranges).toEqual([[0, 2]]);
    expect(aqeCoalesce({partitionBytes: [[100 * MiB, 100 * MiB]], defaultParallelism: 4}).applied).toBe(false);
  });
});

describe('skewJoin (OptimizeSkewedJoin)', () => {
  it('flags the partition above max(256 MiB, 5 × median) and splits it by map output', () => {
    // median of 199 × 50 MiB and one 2000 MiB = 50 MiB; threshold = max(256 MiB, 250 MiB) = 256 MiB; target = max(64 MiB, 50 MiB).
    const sizes = [...Array(100).fill(50 * MiB), 2000 * MiB, ...Array(99).fill(50 * MiB)];
    const plan = skewJoin({partitionBytes: sizes, mapBytesBySkewedPartition: {'100': Array(100).fill(20 * MiB)}});
    expect(plan).toMatchObject({medianSize: 50 * MiB, skewThreshold: 256 * MiB, targetSize: 64 * MiB});
    // Map ranges of three 20 MiB outputs (60 MiB ≤ 64 MiB): 33 ranges of 3 and one of 1 → 34 tasks.
    expect(plan.skewedPartitions).toEqual([{partition: 100, bytes: 2000 * MiB, splits: 34}]);
  });

  it('uses the factor when 5 × median passes the threshold', () => {
    const plan = skewJoin({partitionBytes: [100, 100, 100, 100, 600, 501].map((m) => m * MiB)});
    // even count: median = (100 + 100) / 2 = 100 MiB → threshold 500 MiB
    expect(plan.skewThreshold).toBe(500 * MiB);
    expect(plan.skewedPartitions.map((p) => p.partition)).toEqual([4, 5]);
    expect(plan.targetSize).toBe(100 * MiB);
  });

  it('median and split helpers follow Utils.median and splitSizeListByTargetSize', () => {
    expect(medianSize([0, 0, 0])).toBe(1);
    expect(medianSize([1, 4, 10, 3])).toBe(3);
    // [10, 10, 10, 60, 1] at target 30: ranges start 0 and 3; the last 1 merges back (1 < 0.2 × 30).
    expect(splitSizeListByTargetSize([10, 10, 10, 60, 1], 30)).toEqual([0, 3]);
  });
});

describe('broadcastDecision (JoinSelectionHelper.canBroadcastBySize)', () => {
  it('broadcasts at or below spark.sql.autoBroadcastJoinThreshold (10 MiB)', () => {
    expect(broadcastDecision({sizeInBytes: 10 * MiB}).broadcast).toBe(true);
    expect(broadcastDecision({sizeInBytes: 10 * MiB + 1}).broadcast).toBe(false);
    expect(broadcastDecision({sizeInBytes: 0, autoBroadcastJoinThreshold: -1}).broadcast).toBe(false);
  });

  it('uses spark.sql.adaptive.autoBroadcastJoinThreshold when AQE re-plans', () => {
    expect(broadcastDecision({sizeInBytes: 12 * MiB, adaptiveAutoBroadcastJoinThreshold: 32 * MiB, atAqeReplanning: true})).toEqual({threshold: 32 * MiB, broadcast: true, configKey: 'spark.sql.adaptive.autoBroadcastJoinThreshold'});
    expect(broadcastDecision({sizeInBytes: 12 * MiB, adaptiveAutoBroadcastJoinThreshold: 32 * MiB}).broadcast).toBe(false);
  });
});

describe('executorContainerMemory (ResourceProfile.calculateOverHeadMemory)', () => {
  it('adds max(0.10 × memory, 384 MiB) unless the overhead is set', () => {
    // (0.1 × 8192).toInt = 819
    expect(executorContainerMemory({executorMemoryMiB: 8192})).toEqual({overheadMiB: 819, overheadSource: 'factor', totalMiB: 9011});
    // 0.1 × 2048 = 204 < 384
    expect(executorContainerMemory({executorMemoryMiB: 2048})).toEqual({overheadMiB: 384, overheadSource: 'minimum', totalMiB: 2432});
    expect(executorContainerMemory({executorMemoryMiB: 8192, memoryOverheadMiB: 1024}).totalMiB).toBe(9216);
  });

  it('adds off-heap and PySpark memory to the container', () => {
    expect(executorContainerMemory({executorMemoryMiB: 8192, offHeapMiB: 2048, pysparkMemoryMiB: 1024}).totalMiB).toBe(8192 + 819 + 2048 + 1024);
  });
});

describe('unifiedMemory (UnifiedMemoryManager)', () => {
  it("gives (1024 − 300) × 0.6 MiB for a 1 GiB heap, as UnifiedMemoryManager's comment says", () => {
    const plan = unifiedMemory({heapBytes: GiB});
    expect(plan.unifiedBytes).toBe(455_501_414);
    expect(plan.unifiedBytes / MiB).toBeCloseTo(434.4, 1);
  });

  it('splits an 8 GiB heap into regions and per-task bounds for 4 cores', () => {
    const plan = unifiedMemory({heapBytes: 8 * GiB, concurrentTasks: 4});
    expect(plan).toEqual({
      reservedBytes: 314_572_800,
      usableBytes: 8_275_361_792,
      unifiedBytes: 4_965_217_075,
      storageRegionBytes: 2_482_608_537,
      executionRegionBytes: 2_482_608_538,
      userBytes: 3_310_144_717,
      perTaskMinBytes: 310_326_067,
      perTaskMaxBytes: 1_241_304_268,
    });
  });

  it("refuses a heap under 1.5 × 300 MiB with Spark's message", () => {
    expect(() => unifiedMemory({heapBytes: 400 * MiB})).toThrow('System memory 419430400 must be at least 471859200.');
  });
});
