import {useMemo, type ReactNode} from 'react';
import CodeBlock from '@theme/CodeBlock';
import {aqeCoalesce, broadcastDecision, executorContainerMemory, filePartitions, GiB, MiB, skewJoin, unifiedMemory} from '@site/playground';
import {useStoredState} from '@site/src/components/SqlPlayground/useStoredState';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from '@site/src/components/LabFrame/calculator.module.css';

/** The reader's numbers; sizes in the units engineers think in (GiB of data, MiB of files). */
interface SizingInput {
  dataGiB: number;
  files: number;
  executors: number;
  coresPerExecutor: number;
  executorMemoryGiB: number;
  shuffleGiB: number;
  shufflePartitions: number;
  largestKeyShare: number;
  dimensionMiB: number;
  maxPartitionMiB: number;
  advisoryMiB: number;
}

const defaults: SizingInput = {
  dataGiB: 1200,
  files: 48_000,
  executors: 40,
  coresPerExecutor: 8,
  executorMemoryGiB: 56,
  shuffleGiB: 900,
  shufflePartitions: 2000,
  largestKeyShare: 4,
  dimensionMiB: 24,
  maxPartitionMiB: 128,
  advisoryMiB: 64,
};

const limits: Record<keyof SizingInput, {min: number; max: number; step: number; label: string; help: string}> = {
  dataGiB: {min: 0.001, max: 1_000_000, step: 1, label: 'Input data (GiB)', help: 'bytes the scan reads after partition pruning'},
  files: {min: 1, max: 1_000_000, step: 1, label: 'Input files', help: 'files the scan opens (Delta: numFiles of the version read)'},
  executors: {min: 1, max: 10_000, step: 1, label: 'Executors', help: 'workers × executors per worker'},
  coresPerExecutor: {min: 1, max: 256, step: 1, label: 'Cores per executor', help: 'spark.executor.cores'},
  executorMemoryGiB: {min: 1, max: 2048, step: 1, label: 'Executor memory (GiB)', help: 'spark.executor.memory (on Databricks: set by the instance type)'},
  shuffleGiB: {min: 0, max: 1_000_000, step: 1, label: 'Shuffle size (GiB)', help: 'shuffleWriteBytes of the stage before the join or aggregation'},
  shufflePartitions: {min: 1, max: 100_000, step: 1, label: 'spark.sql.shuffle.partitions', help: 'the partitions the shuffle writes (AQE coalesces them)'},
  largestKeyShare: {min: 0, max: 100, step: 0.1, label: 'Largest key share (%)', help: 'share of the shuffle in the biggest key, e.g. the largest plant'},
  dimensionMiB: {min: 0, max: 1_000_000, step: 1, label: 'Dimension size (MiB)', help: 'the optimizer’s size estimate of the smaller join side'},
  maxPartitionMiB: {min: 1, max: 16_384, step: 1, label: 'spark.sql.files.maxPartitionBytes (MiB)', help: 'default 128 MiB'},
  advisoryMiB: {min: 1, max: 16_384, step: 1, label: 'spark.sql.adaptive.advisoryPartitionSizeInBytes (MiB)', help: 'default 64 MiB'},
};

function gib(bytes: number): string {
  return bytes >= GiB ? `${(bytes / GiB).toFixed(bytes >= 100 * GiB ? 0 : 1)} GiB` : `${(bytes / MiB).toFixed(bytes >= 100 * MiB ? 0 : 1)} MiB`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

interface Result {
  label: string;
  value: string;
  why: string;
}

function compute(input: SizingInput): {results: Result[]; conf: Record<string, string>} {
  const cores = input.executors * input.coresPerExecutor;
  const fileBytes = Math.max(1, Math.round((input.dataGiB * GiB) / input.files));
  const scan = filePartitions({fileSizes: Array<number>(input.files).fill(fileBytes), defaultParallelism: cores, maxPartitionBytes: Math.round(input.maxPartitionMiB * MiB)});
  const scanTasks = scan.partitionBytes.length;
  const shuffleBytes = Math.round(input.shuffleGiB * GiB);
  const hotBytes = Math.round((shuffleBytes * input.largestKeyShare) / 100);
  const rest = Math.max(0, shuffleBytes - hotBytes);
  const per = Math.floor(rest / Math.max(1, input.shufflePartitions - 1));
  const sizes = Array.from({length: input.shufflePartitions}, (_, i) => (i === 0 ? hotBytes : per));
  const advisory = Math.round(input.advisoryMiB * MiB);
  const coalesce = aqeCoalesce({partitionBytes: [sizes], defaultParallelism: cores, advisoryPartitionSizeInBytes: advisory});
  // The map side of the hot partition: every scan task wrote its share of it.
  const hotMapBytes = Array<number>(Math.min(scanTasks, 100_000)).fill(Math.floor(hotBytes / Math.max(1, Math.min(scanTasks, 100_000))));
  const skew = skewJoin({partitionBytes: sizes, advisoryPartitionSizeInBytes: advisory, mapBytesBySkewedPartition: {'0': hotMapBytes}});
  const broadcast = broadcastDecision({sizeInBytes: Math.round(input.dimensionMiB * MiB)});
  const container = executorContainerMemory({executorMemoryMiB: Math.round(input.executorMemoryGiB * 1024)});
  const memory = unifiedMemory({heapBytes: Math.round(input.executorMemoryGiB * GiB), concurrentTasks: input.coresPerExecutor});
  const hot = skew.skewedPartitions[0];
  const results: Result[] = [
    {
      label: 'Scan tasks',
      value: `${count(scanTasks)} tasks of about ${gib(scan.partitionBytes[0] ?? 0)}`,
      why: `FilePartition.maxSplitBytes = min(maxPartitionBytes ${gib(input.maxPartitionMiB * MiB)}, max(openCostInBytes 4 MiB, (data + 4 MiB per file) / ${count(cores)} cores = ${gib(scan.bytesPerCore)})) = ${gib(scan.maxSplitBytes)}; files of ${gib(fileBytes)} are ${fileBytes > scan.maxSplitBytes ? 'cut at that size' : 'packed together, each counting 4 MiB extra (spark.sql.files.openCostInBytes)'}.`,
    },
    {
      label: 'Tasks after AQE coalescing',
      value: `${count(coalesce.ranges.length)} of ${count(input.shufflePartitions)} shuffle partitions`,
      why: `target = max(min(ceil(shuffle / ${count(cores)} cores) = ${gib(coalesce.maxTargetSize)}, advisory ${gib(advisory)}), 1 MiB) = ${gib(coalesce.targetSize)} (spark.sql.adaptive.coalescePartitions.parallelismFirst=true uses the core count as the minimum number of partitions); consecutive partitions are packed up to it.`,
    },
    {
      label: 'Skewed join partition',
      value: hot ? `the ${gib(hot.bytes)} partition is split into ${hot.splits ?? '?'} tasks` : `none: the largest partition (${gib(hotBytes)}) is below ${gib(skew.skewThreshold)}`,
      why: `threshold = max(spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes 256 MiB, skewedPartitionFactor 5 × median ${gib(skew.medianSize)}) = ${gib(skew.skewThreshold)}; split target = max(advisory, mean of the other partitions) = ${gib(skew.targetSize)}, by ranges of map outputs (OptimizeSkewedJoin, sort-merge joins only).`,
    },
    {
      label: 'Broadcast of the dimension',
      value: broadcast.broadcast ? 'broadcast hash join' : 'sort-merge join (not broadcast)',
      why: `${gib(input.dimensionMiB * MiB)} ${broadcast.broadcast ? '≤' : '>'} spark.sql.autoBroadcastJoinThreshold ${gib(broadcast.threshold)} (JoinSelection compares the optimizer's estimate, which for a filtered or projected Delta table can be far from the file size).`,
    },
    {
      label: 'Executor container',
      value: `${gib(container.totalMiB * MiB)} per executor, ${gib(container.totalMiB * MiB * input.executors)} in all`,
      why: `spark.executor.memory ${gib(input.executorMemoryGiB * GiB)} + overhead ${gib(container.overheadMiB * MiB)} (${container.overheadSource === 'minimum' ? 'the 384 MiB minimum' : 'spark.executor.memoryOverheadFactor 0.10 × memory'}); YARN and Kubernetes request this much per executor.`,
    },
    {
      label: 'Execution memory per task',
      value: `${gib(memory.perTaskMinBytes)} to ${gib(memory.perTaskMaxBytes)}`,
      why: `(heap − 300 MiB) × spark.memory.fraction 0.6 = ${gib(memory.unifiedBytes)} shared by execution and storage (storage keeps ${gib(memory.storageRegionBytes)} from eviction); each of ${input.coresPerExecutor} running tasks gets between 1/(2N) of the execution pool and 1/N of the whole (ExecutionMemoryPool). A shuffle partition much larger than this spills.`,
    },
  ];
  const conf: Record<string, string> = {
    'spark.sql.adaptive.enabled': 'true',
    'spark.sql.shuffle.partitions': String(input.shufflePartitions),
    'spark.sql.adaptive.advisoryPartitionSizeInBytes': `${Math.round(input.advisoryMiB)}m`,
    'spark.sql.adaptive.skewJoin.enabled': 'true',
    'spark.sql.files.maxPartitionBytes': `${Math.round(input.maxPartitionMiB)}m`,
    'spark.sql.autoBroadcastJoinThreshold': `${Math.max(10, Math.ceil(input.dimensionMiB * 1.2))}m`,
    'spark.executor.cores': String(input.coresPerExecutor),
    'spark.executor.memory': `${Math.round(input.executorMemoryGiB)}g`,
  };
  return {results, conf};
}

function exportText(conf: Record<string, string>): {sparkConf: string; pyspark: string} {
  const sparkConf = Object.entries(conf)
    .map(([key, value]) => `${key} ${value}`)
    .join('\n');
  const sessionKeys = Object.entries(conf).filter(([key]) => key.startsWith('spark.sql.'));
  const pyspark = [
    '# Session settings for the job; spark.executor.* belong in the cluster or job configuration.',
    ...sessionKeys.map(([key, value]) => `spark.conf.set("${key}", "${value}")`),
  ].join('\n');
  return {sparkConf, pyspark};
}

/** The sizing calculator: Spark's own rules on the reader's numbers, each number explained. */
export default function SparkSizingLab(): ReactNode {
  const [input, setInput] = useStoredState<SizingInput>('mdp.sparkSizingLab', defaults, {restore: (saved) => ({...defaults, ...(saved as Partial<SizingInput>)})});
  const problems = (Object.keys(limits) as (keyof SizingInput)[]).filter((key) => !Number.isFinite(input[key]) || input[key] < limits[key].min || input[key] > limits[key].max);
  const computed = useMemo(() => {
    if (problems.length > 0) return null;
    try {
      return compute(input);
    } catch (error) {
      return {error: error instanceof Error ? error.message : String(error)};
    }
  }, [input, problems.length]);
  const exported = computed && 'conf' in computed ? exportText(computed.conf) : null;

  return (
    <section className={frame.frame} aria-label="Spark sizing calculator" id="spark-sizing-lab">
      <div className={styles.inputs}>
        {(Object.keys(limits) as (keyof SizingInput)[]).map((key) => {
          const limit = limits[key];
          const invalid = problems.includes(key);
          return (
            <label key={key} className={styles.field}>
              <span>{limit.label}</span>
              <input
                type="number"
                aria-label={limit.label}
                min={limit.min}
                max={limit.max}
                step={limit.step}
                value={Number.isFinite(input[key]) ? input[key] : ''}
                aria-invalid={invalid}
                aria-describedby={`sizing-help-${key}`}
                onChange={(event) => setInput((previous) => ({...previous, [key]: event.target.value === '' ? Number.NaN : Number(event.target.value)}))}
              />
              <small id={`sizing-help-${key}`} className={invalid ? styles.invalid : undefined}>
                {invalid ? `Enter a number from ${count(limit.min)} to ${count(limit.max)}.` : limit.help}
              </small>
            </label>
          );
        })}
      </div>
      <div className={frame.actions}>
        <button type="button" className="button button--sm button--secondary" onClick={() => setInput(defaults)}>
          Back to the example (1.2 TB of test results)
        </button>
      </div>
      {computed && 'error' in computed && (
        <p role="alert" className={styles.invalid}>
          {computed.error}
        </p>
      )}
      {computed && 'results' in computed && (
        <>
          <dl className={styles.results} aria-label="What Spark will do">
            {computed.results.map((result) => (
              <div key={result.label}>
                <dt>{result.label}</dt>
                <dd>
                  <strong>{result.value}</strong>
                  <span className={styles.why}>{result.why}</span>
                </dd>
              </div>
            ))}
          </dl>
          {exported && (
            <>
              <CodeBlock language="properties" title="spark-defaults.conf / cluster Spark config">
                {exported.sparkConf}
              </CodeBlock>
              <CodeBlock language="python" title="PySpark (session settings)">
                {exported.pyspark}
              </CodeBlock>
            </>
          )}
        </>
      )}
    </section>
  );
}
