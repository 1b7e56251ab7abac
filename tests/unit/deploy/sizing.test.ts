import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {bundleSchema, checkClusterPolicy, jobClusterYaml, largestExecutorMemory, parseYamlFile, sizeCluster, type ClusterSizing, type ClusterSizingInput} from '../../../playground';

const MiB = 1024 * 1024;
const node = {nodeTypeId: 'Standard_D8ds_v5', nodeCores: 8, nodeMemoryGiB: 32, systemReservePercent: 25};
const streaming: ClusterSizingInput = {
  workload: 'streaming',
  eventsPerSecond: 50_000,
  bytesPerEvent: 600,
  outageHours: 8,
  catchUpHours: 1,
  triggerSeconds: 60,
  throughputMiBPerCoreSecond: 4,
  shuffleRatioPercent: 100,
  targetPartitionMiB: 128,
  ...node,
};
const batch: ClusterSizingInput = {
  workload: 'batch',
  dataGiB: 1200,
  inputFiles: 48_000,
  deadlineMinutes: 60,
  minWorkers: 2,
  throughputMiBPerCoreSecond: 8,
  shuffleRatioPercent: 75,
  targetPartitionMiB: 128,
  nodeTypeId: 'Standard_E8ds_v5',
  nodeCores: 8,
  nodeMemoryGiB: 64,
  systemReservePercent: 25,
};

function sized(input: unknown): ClusterSizing {
  const result = sizeCluster(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.sizing;
}

describe('sizeCluster, streaming (values computed by hand)', () => {
  const sizing = sized(streaming);

  it('sizes for the catch-up rate: 50,000 events/s × 600 B × (1 + 8 h ÷ 1 h) = 270,000,000 B/s', () => {
    expect(sizing.requiredBytesPerSecond).toBe(270_000_000);
    // 270,000,000 ÷ (4 × 1,048,576) = 64.37 → 65 cores → ceil(65 ÷ 8) = 9 workers of 8 cores.
    expect(sizing.cores).toBe(65);
    expect(sizing.workers).toBe(9);
    expect(sizing.totalCores).toBe(72);
    expect(sizing.executorCores).toBe(8);
    // 50,000 × 9 × 60 s
    expect(sizing.maxOffsetsPerTrigger).toBe(27_000_000);
  });

  it('gives the executor the largest heap whose container fits 75 % of 32 GiB', () => {
    // 24,576 MiB available: 22,342 + trunc(0.1 × 22,342) = 22,342 + 2,234 = 24,576; 22,343 would need 24,577.
    expect(sizing.executorMemoryMiB).toBe(22_342);
    expect(sizing.overheadMiB).toBe(2_234);
    expect(sizing.containerMiB).toBe(24_576);
  });

  it('sets shuffle partitions from the micro-batch at the catch-up rate, a multiple of the cores, without AQE', () => {
    // 270,000,000 B/s × 60 s = 16.2 GB ÷ 128 MiB = 120.7 → 121 → next multiple of 72 = 144.
    expect(sizing.shufflePartitions).toBe(144);
    expect(sizing.partitionBytes).toBe(112_500_000);
    expect(sizing.coalescedPartitions).toBeUndefined();
    expect(sizing.steps.find((step) => step.key === 'shufflePartitions')!.source).toContain('OffsetSeqMetadata');
  });

  it('checks a partition against one task’s execution memory (UnifiedMemoryManager, ExecutionMemoryPool)', () => {
    // (22,342 − 300) MiB = 23,112,712,192 B × 0.6 = 13,867,627,315 B unified; half of it,
    // 6,933,813,658 B, for execution ÷ (2 × 8) tasks; the whole ÷ 8 tasks.
    expect(sizing.perTaskExecutionBytes).toEqual({min: 433_363_353, max: 1_733_453_414});
    expect(sizing.spill).toBe('none');
  });

  it('names the formula and the source of every step', () => {
    expect(sizing.steps.map((step) => step.key)).toEqual(['rate', 'maxOffsetsPerTrigger', 'cores', 'workers', 'executorMemory', 'overhead', 'shufflePartitions', 'perTaskMemory']);
    for (const step of sizing.steps) {
      expect(step.formula.length).toBeGreaterThan(5);
      expect(step.source.length).toBeGreaterThan(10);
    }
    expect(sizing.steps[0]!.formula).toBe('50000 events/s × 600 B × (1 + 8 h ÷ 1 h)');
  });
});

describe('sizeCluster, batch (values computed by hand)', () => {
  const sizing = sized(batch);

  it('sizes for the deadline: 1,200 GiB in 60 min = 341.3 MiB/s → 43 cores → 6 workers', () => {
    expect(sizing.requiredBytesPerSecond / MiB).toBeCloseTo(341.333, 3);
    expect(sizing.cores).toBe(43);
    expect(sizing.workers).toBe(6);
    expect(sizing.minWorkers).toBe(2);
    expect(sizing.totalCores).toBe(48);
  });

  it('fits the executor in 75 % of 64 GiB', () => {
    // 49,152 MiB: 44,684 + 4,468 = 49,152.
    expect(sizing.executorMemoryMiB).toBe(44_684);
    expect(sizing.overheadMiB).toBe(4_468);
  });

  it('reuses Spark’s file-split and AQE rules for the scan and the shuffle', () => {
    // 900 GiB of shuffle ÷ 128 MiB = 7,200, a multiple of 48.
    expect(sizing.shufflePartitions).toBe(7_200);
    expect(sizing.partitionBytes).toBe(128 * MiB);
    // 128 MiB partitions are above AQE's 64 MiB advisory size: nothing to coalesce.
    expect(sizing.coalescedPartitions).toBe(7_200);
    // Files of 25.6 MiB count 4 MiB open cost each: four fit under maxSplitBytes 128 MiB → 12,000 tasks.
    expect(sizing.scanTasks).toBe(12_000);
    // (44,684 − 300) MiB × 0.6 = 27,923,998,310 B; 13,961,999,155 B for execution ÷ 16.
    expect(sizing.perTaskExecutionBytes.min).toBe(872_624_947);
  });

  it('coalesces small partitions: 3 GiB into at least 48 partitions packs to 48 tasks of 64 MiB or less', () => {
    const small = sized({...batch, dataGiB: 3, shuffleRatioPercent: 100, targetPartitionMiB: 16});
    // 3 GiB ÷ 16 MiB = 192 (a multiple of 48) partitions of 16 MiB; target min(ceil(3 GiB ÷ 48) = 64 MiB, 64 MiB) → four per task.
    expect(small.shufflePartitions).toBe(192);
    expect(small.coalescedPartitions).toBe(48);
  });

  it('keeps the autoscale floor at most the computed size', () => {
    expect(sized({...batch, dataGiB: 1, minWorkers: 4}).minWorkers).toBe(1);
  });
});

describe('sizeCluster input validation', () => {
  const problemFor = (input: unknown) => {
    const result = sizeCluster(input);
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.problems;
  };

  it('names the field and the allowed range of an absurd size', () => {
    expect(problemFor({...streaming, eventsPerSecond: 1e12})).toEqual([{field: 'eventsPerSecond', message: 'Events per second must be from 1 to 100,000,000.'}]);
    expect(problemFor({...batch, dataGiB: -5})).toEqual([{field: 'dataGiB', message: 'Data per run must be from 0.001 to 1,000,000 GiB.'}]);
    expect(problemFor({...streaming, nodeCores: 2.5})).toEqual([{field: 'nodeCores', message: 'Cores per node must be a whole number.'}]);
  });

  it('says an empty field needs a number', () => {
    expect(problemFor({...streaming, throughputMiBPerCoreSecond: Number.NaN})[0]).toEqual({field: 'throughputMiBPerCoreSecond', message: 'Enter a number for Throughput per core.'});
  });

  it('refuses a result no job cluster should have, on the throughput field', () => {
    const [problem] = problemFor({...streaming, eventsPerSecond: 10_000_000, throughputMiBPerCoreSecond: 0.5});
    expect(problem!.field).toBe('throughputMiBPerCoreSecond');
    expect(problem!.message).toMatch(/^These numbers need [\d,]+ workers, more than the 1,000/);
  });

  it('refuses a node that leaves too little memory for a Spark executor', () => {
    expect(problemFor({...streaming, nodeMemoryGiB: 1, systemReservePercent: 80})).toEqual([
      {field: 'nodeMemoryGiB', message: 'The node leaves 204 MiB to the executor, too little for a Spark executor (its heap must be at least 450 MiB).'},
    ]);
  });

  it('refuses unknown fields and an unknown workload', () => {
    expect(problemFor({...streaming, executors: 3})[0]!.message).toMatch(/executors/);
    expect(problemFor({...streaming, workload: 'interactive'})[0]!.field).toBe('workload');
  });
});

describe('largestExecutorMemory', () => {
  it('uses the 384 MiB minimum overhead on small nodes and the 10 % factor on large ones', () => {
    // 2,000 − 384 = 1,616 (0.1 × 1,616 < 384).
    expect(largestExecutorMemory(2_000)).toBe(1_616);
    expect(largestExecutorMemory(24_576)).toBe(22_342);
  });
});

describe('the job-cluster YAML', () => {
  const policyText = readFileSync(join(__dirname, '../../../docs/06-databricks-deployment/asset-bundles/bundle/policies/mfg-jobs-medium.json'), 'utf8');
  const options = {jobClusterKey: 'streaming', sparkVersion: '15.4.x-scala2.12', policyId: '${var.job_policy_id}', customTags: {cost_center: 'mfg-data-platform', workload: 'streaming-ingest'}};
  const inBundle = (yamlText: string) => `bundle:\n  name: mfg-data-platform\nresources:\n  jobs:\n    sized:\n      name: sized\n${yamlText.replace(/^/gm, '      ')}`;

  it('is valid against the bundle schema, fixed-size for streaming', () => {
    const text = jobClusterYaml(sized(streaming), options);
    expect(parse(text)).toEqual({
      job_clusters: [
        {
          job_cluster_key: 'streaming',
          new_cluster: {
            spark_version: '15.4.x-scala2.12',
            node_type_id: 'Standard_D8ds_v5',
            num_workers: 9,
            policy_id: '${var.job_policy_id}',
            data_security_mode: 'SINGLE_USER',
            spark_conf: {'spark.sql.shuffle.partitions': '144'},
            custom_tags: {cost_center: 'mfg-data-platform', workload: 'streaming-ingest'},
          },
        },
      ],
    });
    expect(bundleSchema.safeParse(parse(inBundle(text))).success).toBe(true);
    const check = checkClusterPolicy(parseYamlFile('sized.yml', inBundle(text)), policyText, 'mfg-jobs-medium');
    expect(check).toEqual({ok: true, findings: []});
  });

  it('autoscales a batch cluster, and the policy refuses what exceeds its range', () => {
    const text = jobClusterYaml(sized({...batch, dataGiB: 4000}), {...options, jobClusterKey: 'batch'});
    const cluster = parse(text).job_clusters[0].new_cluster;
    // 4,000 GiB in an hour at 8 MiB/s per core: 143 cores, 18 workers of 8.
    expect(cluster.autoscale).toEqual({min_workers: 2, max_workers: 18});
    expect(cluster.num_workers).toBeUndefined();
    expect(bundleSchema.safeParse(parse(inBundle(text))).success).toBe(true);
    const check = checkClusterPolicy(parseYamlFile('sized.yml', inBundle(text)), policyText, 'mfg-jobs-medium');
    expect(check.ok && check.findings.map((finding) => finding.message)).toEqual(["autoscale.max_workers = 18: above the policy's maxValue 16 (policy mfg-jobs-medium)"]);
  });
});
