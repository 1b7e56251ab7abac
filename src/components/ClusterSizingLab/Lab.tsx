import {useMemo, type ReactNode} from 'react';
import CodeBlock from '@theme/CodeBlock';
import {checkClusterPolicy, jobClusterYaml, parseYamlFile, sizeCluster, type ClusterSizing, type SizingProblem, type SizingStep} from '@site/playground';
import {useStoredState} from '@site/src/components/SqlPlayground/useStoredState';
import DownloadFile from '@site/src/components/DownloadFile';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from '@site/src/components/LabFrame/calculator.module.css';
import own from './styles.module.css';

export interface ClusterSizingLabProps {
  /** The cluster policy the bundle's job clusters refer to; the sized cluster is checked against it. */
  policy: {name: string; text: string};
}

type Workload = 'streaming' | 'batch';

/** Azure node types of the Ddsv5 (4 GiB per vCPU) and Edsv5 (8 GiB per vCPU) series. */
const nodeTypes = [
  {id: 'Standard_D8ds_v5', cores: 8, memoryGiB: 32},
  {id: 'Standard_E8ds_v5', cores: 8, memoryGiB: 64},
  {id: 'Standard_D16ds_v5', cores: 16, memoryGiB: 64},
  {id: 'Standard_E16ds_v5', cores: 16, memoryGiB: 128},
] as const;

interface Field {
  key: string;
  label: string;
  help: string;
  step: number;
}

const streamingFields: Field[] = [
  {key: 'eventsPerSecond', label: 'Events per second (all plants)', help: 'the steady arrival rate on the Kafka topics', step: 1000},
  {key: 'bytesPerEvent', label: 'Bytes per event', help: 'average record size as Kafka holds it', step: 50},
  {key: 'outageHours', label: 'Outage to recover from (hours)', help: 'how long a plant or the source may be offline', step: 1},
  {key: 'catchUpHours', label: 'Catch-up time (hours)', help: 'how fast the backlog must be drained', step: 0.5},
  {key: 'triggerSeconds', label: 'Trigger interval (seconds)', help: 'Trigger.ProcessingTime of the query', step: 10},
];

const batchFields: Field[] = [
  {key: 'dataGiB', label: 'Data per run (GiB)', help: 'bytes the run reads after partition pruning', step: 10},
  {key: 'inputFiles', label: 'Input files', help: 'files the run opens (Delta: numFiles of the version read)', step: 100},
  {key: 'deadlineMinutes', label: 'Deadline (minutes)', help: 'the time the run may take', step: 5},
  {key: 'minWorkers', label: 'Minimum workers', help: 'the autoscale floor', step: 1},
];

const commonFields: Field[] = [
  {key: 'throughputMiBPerCoreSecond', label: 'Throughput per core (MiB/s)', help: 'measured: input bytes ÷ summed task time of a test run', step: 0.5},
  {key: 'shuffleRatioPercent', label: 'Shuffle share of the input (%)', help: 'shuffle write ÷ input in the Spark UI of a test run', step: 5},
  {key: 'targetPartitionMiB', label: 'Target partition size (MiB)', help: 'what one shuffle task should hold', step: 16},
  {key: 'systemReservePercent', label: 'Memory the node keeps (%)', help: 'your assumption for OS and platform services: compare with spark.executor.memory in the Spark UI', step: 5},
];

interface LabState {
  workload: Workload;
  nodeTypeId: string;
  /** What the reader typed, as typed: an empty or half-typed field is kept, not lost. */
  values: Record<string, string>;
}

const defaults: LabState = {
  workload: 'streaming',
  nodeTypeId: 'Standard_D8ds_v5',
  values: {
    eventsPerSecond: '50000',
    bytesPerEvent: '600',
    outageHours: '8',
    catchUpHours: '1',
    triggerSeconds: '60',
    dataGiB: '1200',
    inputFiles: '48000',
    deadlineMinutes: '60',
    minWorkers: '2',
    throughputMiBPerCoreSecond: '4',
    shuffleRatioPercent: '100',
    targetPartitionMiB: '128',
    systemReservePercent: '25',
  },
};

const clusterKeys: Record<Workload, {key: string; workload: string}> = {
  streaming: {key: 'streaming', workload: 'streaming-ingest'},
  batch: {key: 'batch', workload: 'dimensional-load'},
};

function toNumber(text: string | undefined): number {
  return text === undefined || text.trim() === '' ? Number.NaN : Number(text);
}

function format(step: SizingStep): string {
  const digits = Number.isInteger(step.value) ? 0 : step.value >= 100 ? 0 : 1;
  return `${step.value.toLocaleString('en-US', {maximumFractionDigits: digits, minimumFractionDigits: digits})} ${step.unit}`;
}

/** The job cluster as it sits in a bundle job file, checked against the policy next to the bundle. */
function policyFindings(yamlText: string, policy: ClusterSizingLabProps['policy']): string[] {
  const wrapped = `resources:\n  jobs:\n    sized:\n${yamlText.replace(/^/gm, '      ')}`;
  const check = checkClusterPolicy(parseYamlFile('sized.yml', wrapped), policy.text, policy.name);
  return check.ok ? check.findings.map((finding) => finding.message) : [check.message];
}

/** The cluster sizing calculator: the reader's volume and throughput in, the job cluster out, every number explained. */
export default function ClusterSizingLab({policy}: ClusterSizingLabProps): ReactNode {
  const [state, setState] = useStoredState<LabState>('mdp.clusterSizingLab', defaults, {
    restore: (saved) => ({...defaults, ...saved, values: {...defaults.values, ...(saved.values ?? {})}}),
  });
  const node = nodeTypes.find((candidate) => candidate.id === state.nodeTypeId) ?? nodeTypes[0];
  const fields = useMemo(() => [...(state.workload === 'streaming' ? streamingFields : batchFields), ...commonFields], [state.workload]);

  const result = useMemo(() => {
    const input: Record<string, unknown> = {workload: state.workload, nodeTypeId: node.id, nodeCores: node.cores, nodeMemoryGiB: node.memoryGiB};
    for (const field of fields) input[field.key] = toNumber(state.values[field.key]);
    return sizeCluster(input);
  }, [state, node, fields]);
  const problems: SizingProblem[] = result.ok ? [] : result.problems;
  const problemOf = (key: string) => problems.find((problem) => problem.field === key)?.message;
  const unplaced = problems.filter((problem) => !fields.some((field) => field.key === problem.field));

  const yamlText = useMemo(
    () =>
      result.ok
        ? jobClusterYaml(result.sizing, {
            jobClusterKey: clusterKeys[state.workload].key,
            sparkVersion: '15.4.x-scala2.12',
            policyId: '${var.job_policy_id}',
            customTags: {cost_center: 'mfg-data-platform', workload: clusterKeys[state.workload].workload},
          })
        : undefined,
    [result, state.workload],
  );
  const findings = useMemo(() => (yamlText ? policyFindings(yamlText, policy) : []), [yamlText, policy]);

  const setValue = (key: string, value: string) => setState((previous) => ({...previous, values: {...previous.values, [key]: value}}));

  return (
    <section className={frame.frame} aria-label="Cluster sizing calculator" id="cluster-sizing-lab">
      <div className={own.row}>
        <fieldset className={frame.choice}>
          <legend>Workload</legend>
          {(['streaming', 'batch'] as const).map((workload) => (
            <label key={workload}>
              <input type="radio" name="cluster-workload" value={workload} checked={state.workload === workload} onChange={() => setState((previous) => ({...previous, workload}))} />{' '}
              {workload === 'streaming' ? 'Kafka → bronze stream' : 'Nightly batch load'}
            </label>
          ))}
        </fieldset>
        <label className={styles.field}>
          <span>Node type</span>
          <select value={node.id} onChange={(event) => setState((previous) => ({...previous, nodeTypeId: event.target.value}))}>
            {nodeTypes.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.id} ({candidate.cores} vCPU, {candidate.memoryGiB} GiB)
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className={styles.inputs}>
        {fields.map((field) => {
          const problem = problemOf(field.key);
          return (
            <label key={field.key} className={styles.field}>
              <span>{field.label}</span>
              <input
                type="number"
                inputMode="decimal"
                step={field.step}
                value={state.values[field.key] ?? ''}
                aria-invalid={problem !== undefined}
                aria-describedby={`cluster-help-${field.key}`}
                onChange={(event) => setValue(field.key, event.target.value)}
              />
              <small id={`cluster-help-${field.key}`} className={problem ? styles.invalid : undefined}>
                {problem ?? field.help}
              </small>
            </label>
          );
        })}
      </div>
      <div className={frame.actions}>
        <button type="button" className="button button--sm button--secondary" onClick={() => setState(defaults)}>
          Back to the example
        </button>
      </div>
      {unplaced.length > 0 && (
        <p role="alert" className={styles.invalid}>
          {unplaced.map((problem) => problem.message).join(' ')}
        </p>
      )}
      {problems.length > 0 && unplaced.length === 0 && (
        <p role="status" className={styles.invalid}>
          Fix the field marked above to see the cluster.
        </p>
      )}
      {result.ok && yamlText && <Sized sizing={result.sizing} yamlText={yamlText} findings={findings} policyName={policy.name} />}
    </section>
  );
}

function Sized({sizing, yamlText, findings, policyName}: {sizing: ClusterSizing; yamlText: string; findings: string[]; policyName: string}): ReactNode {
  const fileName = `${sizing.workload === 'streaming' ? 'streaming' : 'batch'}-job-cluster.yml`;
  return (
    <>
      <p role="status">
        {sizing.workload === 'streaming' ? `${sizing.workers} workers` : `${sizing.minWorkers} to ${sizing.workers} workers`} of {sizing.nodeTypeId}: {sizing.totalCores} cores,{' '}
        spark.sql.shuffle.partitions {sizing.shufflePartitions}.
      </p>
      <dl className={styles.results} aria-label="How the cluster was sized">
        {sizing.steps.map((step) => (
          <div key={step.key}>
            <dt>{step.label}</dt>
            <dd>
              <strong>{format(step)}</strong>
              <span className={styles.why}>{step.formula}</span>
              <span className={own.source}>Source: {step.source}</span>
            </dd>
          </div>
        ))}
      </dl>
      {sizing.spill !== 'none' && (
        <p role="alert" className={styles.invalid}>
          A shuffle partition of {(sizing.partitionBytes / 1024 / 1024).toFixed(0)} MiB is more than one task&apos;s {sizing.spill === 'certain' ? 'largest' : 'guaranteed'} share of execution memory: it{' '}
          {sizing.spill === 'certain' ? 'spills' : 'may spill'} to disk. Lower the target partition size.
        </p>
      )}
      <CodeBlock language="yaml" title={`job_clusters for resources/jobs/*.yml (${fileName})`}>
        {yamlText}
      </CodeBlock>
      <div className={frame.actions}>
        <DownloadFile name={fileName} content={yamlText} type="application/yaml" />
      </div>
      {findings.length === 0 ? (
        <p role="status">The cluster fits the {policyName} policy&apos;s fixed, allowlist and range rules.</p>
      ) : (
        <ul aria-label="Policy findings" className={own.findings}>
          {findings.map((finding) => (
            <li key={finding}>{finding}</li>
          ))}
        </ul>
      )}
      <p className={own.source}>
        spark.executor.memory ({sizing.executorMemoryMiB.toLocaleString('en-US')} MiB here) and spark.executor.cores are not in the YAML: Databricks sets them from the node type.
        {sizing.workload === 'streaming' && sizing.maxOffsetsPerTrigger !== undefined && (
          <>
            {' '}
            Set <code>maxOffsetsPerTrigger</code> to {sizing.maxOffsetsPerTrigger.toLocaleString('en-US')} on the Kafka source so a catch-up micro-batch stays the size sized here.
          </>
        )}
      </p>
    </>
  );
}
