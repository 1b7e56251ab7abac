import {useCallback, useEffect, useRef, useState, type DragEvent, type ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {findingThresholds, sampleScenarios, type EventLogAnalysis, type LogFinding, type SampleScenario, type StageData, type TaskMetricDistributions, type TaskPoint} from '@site/playground';
import frame from '@site/src/components/LabFrame/styles.module.css';
import {formatBytes, formatCount, formatMs, formatTime} from './format';
import type {WorkerRequest, WorkerResponse} from './protocol';
import styles from './styles.module.css';

const sampleLabels: Record<SampleScenario, string> = {
  'skewed-join': 'Gold quality join, one plant ten times larger (skew, spill, a failed and a speculative attempt)',
  'explode-pivot': 'Naive MAP flattening: explode + pivot (shuffle larger than the input, spill, GC)',
  'small-files': 'Hourly roll-up over thousands of small files (tiny tasks, idle executors)',
};

const findingTitles: Record<LogFinding['kind'], string> = {
  skew: 'Data skew: one task reads far more than the others',
  straggler: 'Straggler: one task runs far longer on a normal amount of data',
  spill: 'Spill to disk',
  gc: 'Garbage collection takes a large share of run time',
  'shuffle-explosion': 'The shuffle writes more than the stage read',
  'tiny-tasks': 'Tiny tasks: too many partitions for the data',
  'failed-tasks': 'Failed task attempts',
  'idle-executors': 'Idle executors',
};

interface StageDetail {
  stageId: number;
  attemptId: number;
  summary: TaskMetricDistributions | null;
  tasks: TaskPoint[];
}

type Status = {kind: 'idle'} | {kind: 'reading'; what: string; fraction: number} | {kind: 'done'; what: string; elapsedMs: number} | {kind: 'error'; what: string; message: string};

function words(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

function evidenceValue(key: string, value: number | string): string {
  if (typeof value === 'string') return value === '' ? '–' : value;
  if (/bytes/i.test(key)) return formatBytes(value);
  if (/Ms$|Time$/.test(key)) return formatMs(value);
  if (/share$/i.test(key)) return `${(value * 100).toFixed(1)} %`;
  if (key === 'ratio') return `${value.toFixed(2)}×`;
  return formatCount(value);
}

function FindingItem({finding}: {finding: LogFinding}): ReactNode {
  return (
    <li className={styles.finding} data-severity={finding.severity}>
      <p className={styles.findingTitle}>
        <strong>{findingTitles[finding.kind]}</strong>
        {finding.stageId !== undefined && ` in stage ${finding.stageId}${finding.attemptId ? `.${finding.attemptId}` : ''}`} <span className={styles.severity}>({finding.severity})</span>
      </p>
      <p className={styles.rule}>Rule: {finding.rule}.</p>
      <dl className={styles.evidence}>
        {Object.entries(finding.evidence).map(([key, value]) => (
          <div key={key}>
            <dt>{words(key)}</dt>
            <dd>{evidenceValue(key, value)}</dd>
          </div>
        ))}
      </dl>
      <p className={styles.links}>
        What fixes it:{' '}
        {finding.links.map((link, i) => (
          <span key={link.to}>
            {i > 0 && ' · '}
            <Link to={link.to}>{link.label}</Link>
          </span>
        ))}
      </p>
    </li>
  );
}

function Timeline({analysis}: {analysis: EventLogAnalysis}): ReactNode {
  const stages = analysis.stages.filter((stage) => stage.submissionTime !== undefined);
  const start = analysis.application.startTime ?? Math.min(...stages.map((stage) => stage.submissionTime!));
  const end = Math.max(start + 1, start + (analysis.application.durationMs ?? 0), ...stages.map((stage) => stage.completionTime ?? stage.submissionTime!));
  const width = 600;
  const row = 18;
  const x = (time: number) => ((time - start) / (end - start)) * width;
  if (stages.length === 0) return <p>No stage was submitted in this log.</p>;
  return (
    <figure className={styles.figure}>
      <svg viewBox={`0 0 ${width} ${stages.length * row + 20}`} role="img" aria-label={`Application timeline: ${stages.length} stages over ${formatMs(end - start)}`} className={styles.chart}>
        {stages.map((stage, i) => {
          const from = x(stage.submissionTime!);
          const to = x(stage.completionTime ?? end);
          return (
            <g key={`${stage.stageId}.${stage.attemptId}`}>
              <rect x={from} y={i * row + 2} width={Math.max(2, to - from)} height={row - 6} className={styles[`bar${stage.status}`] ?? styles.barCOMPLETE}>
                <title>{`Stage ${stage.stageId}.${stage.attemptId} ${stage.status}: ${formatMs((stage.completionTime ?? end) - stage.submissionTime!)}`}</title>
              </rect>
              <text x={Math.min(from + 4, width - 80)} y={i * row + row - 6} className={styles.barLabel}>
                {`stage ${stage.stageId}.${stage.attemptId}`}
              </text>
            </g>
          );
        })}
        <text x={0} y={stages.length * row + 16} className={styles.axis}>
          {formatTime(start)}
        </text>
        <text x={width} y={stages.length * row + 16} textAnchor="end" className={styles.axis}>
          {`+${formatMs(end - start)}`}
        </text>
      </svg>
      <figcaption>Stages from submission to completion; the application ran {formatMs(analysis.application.durationMs)}.</figcaption>
    </figure>
  );
}

function StageTable({stages, selected, onSelect}: {stages: StageData[]; selected?: string; onSelect: (stage: StageData) => void}): ReactNode {
  return (
    <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="Stages, scrollable">
      <table className={frame.table}>
        <caption>Stages, with the History Server's field names in the column titles</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">status</th>
            <th scope="col">Tasks: complete / numTasks (failed, killed)</th>
            <th scope="col">Duration</th>
            <th scope="col">executorRunTime</th>
            <th scope="col">inputBytes</th>
            <th scope="col">shuffleReadBytes</th>
            <th scope="col">shuffleWriteBytes</th>
            <th scope="col">diskBytesSpilled</th>
            <th scope="col">jvmGcTime</th>
            <th scope="col">Tasks</th>
          </tr>
        </thead>
        <tbody>
          {stages.map((stage) => {
            const key = `${stage.stageId}.${stage.attemptId}`;
            return (
              <tr key={key} aria-selected={selected === key}>
                <th scope="row" title={stage.name}>
                  {key}
                </th>
                <td>{stage.status}</td>
                <td>
                  {formatCount(stage.numCompleteTasks)} / {formatCount(stage.numTasks)}
                  {(stage.numFailedTasks > 0 || stage.numKilledTasks > 0) && ` (${stage.numFailedTasks}, ${stage.numKilledTasks})`}
                </td>
                <td>{stage.submissionTime !== undefined && stage.completionTime !== undefined ? formatMs(stage.completionTime - stage.submissionTime) : '–'}</td>
                <td>{formatMs(stage.executorRunTime)}</td>
                <td>{formatBytes(stage.inputBytes)}</td>
                <td>{formatBytes(stage.shuffleReadBytes)}</td>
                <td>{formatBytes(stage.shuffleWriteBytes)}</td>
                <td>{formatBytes(stage.diskBytesSpilled)}</td>
                <td>{formatMs(stage.jvmGcTime)}</td>
                <td>
                  <button type="button" className="button button--sm button--secondary" onClick={() => onSelect(stage)} disabled={stage.numCompleteTasks + stage.numFailedTasks + stage.numKilledTasks === 0}>
                    Show stage {key}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const statusClass: Record<string, string | undefined> = {SUCCESS: styles.taskSuccess, FAILED: styles.taskFailed, KILLED: styles.taskKilled};

function TaskChart({detail}: {detail: StageDetail}): ReactNode {
  const tasks = [...detail.tasks].sort((a, b) => a.durationMs - b.durationMs);
  const width = 600;
  const height = 160;
  const longest = Math.max(1, ...tasks.map((task) => task.durationMs));
  const barWidth = width / Math.max(1, tasks.length);
  const median = tasks[Math.floor(tasks.length / 2)]?.durationMs ?? 0;
  return (
    <figure className={styles.figure}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Task durations of stage ${detail.stageId}.${detail.attemptId}: ${tasks.length} attempts, median ${formatMs(median)}, longest ${formatMs(longest)}`} className={styles.chart} data-testid="task-chart">
        {tasks.map((task, i) => {
          const h = Math.max(1, (task.durationMs / longest) * (height - 10));
          return (
            <rect key={task.taskId} x={i * barWidth} y={height - h} width={Math.max(barWidth - (barWidth > 3 ? 1 : 0), 0.5)} height={h} className={`${statusClass[task.status] ?? styles.taskRunning} ${task.speculative ? styles.taskSpeculative : ''}`}>
              {tasks.length <= 1000 && <title>{`Task ${task.taskId} (partition ${task.index}, attempt ${task.attempt}${task.speculative ? ', speculative' : ''}) ${task.status}: ${formatMs(task.durationMs)}${task.readBytes !== undefined ? `, read ${formatBytes(task.readBytes)}` : ''}`}</title>}
            </rect>
          );
        })}
      </svg>
      <figcaption>
        Every attempt of stage {detail.stageId}.{detail.attemptId} by duration, shortest to longest: <span className={styles.keySuccess}>succeeded</span>, <span className={styles.keyFailed}>failed</span>, <span className={styles.keyKilled}>killed</span>; speculative attempts are outlined.
      </figcaption>
    </figure>
  );
}

function SummaryTable({summary}: {summary: TaskMetricDistributions}): ReactNode {
  const rows: [string, number[], (value: number) => string][] = [
    ['duration', summary.duration, formatMs],
    ['executorRunTime', summary.executorRunTime, formatMs],
    ['jvmGcTime', summary.jvmGcTime, formatMs],
    ['schedulerDelay', summary.schedulerDelay, formatMs],
    ['inputMetrics.bytesRead', summary.inputMetrics.bytesRead, formatBytes],
    ['shuffleReadMetrics.readBytes', summary.shuffleReadMetrics.readBytes, formatBytes],
    ['shuffleWriteMetrics.writeBytes', summary.shuffleWriteMetrics.writeBytes, formatBytes],
    ['memoryBytesSpilled', summary.memoryBytesSpilled, formatBytes],
    ['diskBytesSpilled', summary.diskBytesSpilled, formatBytes],
  ];
  return (
    <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="taskSummary quantiles, scrollable">
      <table className={frame.table}>
        <caption>taskSummary: the quantiles the History Server returns (successful tasks; see the page for the exceptions)</caption>
        <thead>
          <tr>
            <th scope="col">metric</th>
            {summary.quantiles.map((q) => (
              <th scope="col" key={q}>
                {q}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, values, format]) => (
            <tr key={name}>
              <th scope="row">
                <code>{name}</code>
              </th>
              {values.map((value, i) => (
                <td key={i}>{format(value)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Saves the stage list the way `/api/v1/applications/[app-id]/stages` names its fields, for an incident report. */
function downloadStages(analysis: EventLogAnalysis) {
  const blob = new Blob([JSON.stringify(analysis.stages, null, 2)], {type: 'application/json'});
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${analysis.application.id || 'spark-application'}-stages.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Reads every file of a dropped folder (an eventlog_v2_ folder of a rolling log). */
async function droppedFiles(event: DragEvent): Promise<File[]> {
  const items = [...event.dataTransfer.items];
  const entries = items.map((item) => item.webkitGetAsEntry?.()).filter((entry): entry is FileSystemEntry => entry !== null && entry !== undefined);
  if (entries.length === 0) return [...event.dataTransfer.files];
  const files: File[] = [];
  const walk = async (entry: FileSystemEntry, path: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      files.push(new File([file], `${path}${file.name}`));
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      let batch: FileSystemEntry[];
      do {
        batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        for (const child of batch) await walk(child, `${path}${entry.name}/`);
      } while (batch.length > 0);
    }
  };
  for (const entry of entries) await walk(entry, '');
  return files;
}

/** The Spark UI analysis lab: open an event log (or a sample), read it as the History Server would, show what it finds. */
export default function SparkLogLab(): ReactNode {
  const worker = useRef<Worker | null>(null);
  const [status, setStatus] = useState<Status>({kind: 'idle'});
  const [analysis, setAnalysis] = useState<EventLogAnalysis | null>(null);
  const [detail, setDetail] = useState<StageDetail | null>(null);
  const [scenario, setScenario] = useState<SampleScenario>('skewed-join');
  const [dragging, setDragging] = useState(false);
  const what = useRef('');

  useEffect(() => {
    const created = new Worker(new URL('./eventLog.worker.ts', import.meta.url));
    created.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      if (message.kind === 'progress') setStatus({kind: 'reading', what: what.current, fraction: message.fraction});
      else if (message.kind === 'analysis') {
        setAnalysis(message.analysis);
        setStatus({kind: 'done', what: what.current, elapsedMs: message.elapsedMs});
        const first = message.analysis.findings.find((finding) => finding.stageId !== undefined) ?? null;
        const stage = first ? message.analysis.stages.find((candidate) => candidate.stageId === first.stageId && candidate.attemptId === first.attemptId) : message.analysis.stages.find((candidate) => candidate.numCompleteTasks > 0);
        setDetail(null);
        if (stage) created.postMessage({kind: 'stage', stageId: stage.stageId, attemptId: stage.attemptId} satisfies WorkerRequest);
      } else if (message.kind === 'stage') setDetail(message);
      else setStatus({kind: 'error', what: what.current, message: message.message});
    };
    created.onerror = (event) => setStatus({kind: 'error', what: what.current || 'The lab', message: `its worker stopped: ${event.message || 'the browser gave no reason'}`});
    worker.current = created;
    return () => created.terminate();
  }, []);

  const send = useCallback((request: WorkerRequest, label: string, transfer: Transferable[] = []) => {
    what.current = label;
    setStatus({kind: 'reading', what: label, fraction: 0});
    worker.current?.postMessage(request, transfer);
  }, []);

  const openFiles = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      const label = files.length === 1 ? files[0]!.name : `${files.length} files`;
      try {
        const read = await Promise.all(files.map(async (file) => ({name: file.webkitRelativePath || file.name, bytes: await file.arrayBuffer()})));
        send({kind: 'files', files: read}, label, read.map((file) => file.bytes));
      } catch (error) {
        setStatus({kind: 'error', what: label, message: `The browser could not read the file: ${error instanceof Error ? error.message : String(error)}`});
      }
    },
    [send],
  );

  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    await openFiles(await droppedFiles(event));
  };

  const selectStage = (stage: StageData) => worker.current?.postMessage({kind: 'stage', stageId: stage.stageId, attemptId: stage.attemptId} satisfies WorkerRequest);
  const selectedKey = detail ? `${detail.stageId}.${detail.attemptId}` : undefined;
  const reading = status.kind === 'reading';

  return (
    <section className={frame.frame} aria-label="Spark UI analysis" id="spark-log-lab">
      <div className={styles.open}>
        <fieldset className={frame.choice}>
          <legend>A sample log, written by the site's generator</legend>
          <select aria-label="Sample event log" value={scenario} onChange={(event) => setScenario(event.target.value as SampleScenario)}>
            {sampleScenarios.map((id) => (
              <option key={id} value={id}>
                {sampleLabels[id]}
              </option>
            ))}
          </select>
          <button type="button" className="button button--sm button--primary" disabled={reading} onClick={() => send({kind: 'sample', scenario}, `sample: ${scenario}`)}>
            Open sample
          </button>
        </fieldset>
        <div
          className={`${styles.drop} ${dragging ? styles.dropActive : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="drop-zone">
          <label>
            Drop an event log here (a file, or the files or folder of an <code>eventlog_v2_</code> rolling log; plain, zstd, lz4 or snappy), or choose:{' '}
            <input type="file" multiple disabled={reading} onChange={(event) => void openFiles([...(event.target.files ?? [])])} aria-label="Event log files" />
          </label>
          <p className={styles.privacy}>The log is read in this browser tab; nothing is sent anywhere.</p>
        </div>
      </div>

      <div className={frame.status} role="status" data-elapsed-ms={status.kind === 'done' ? Math.round(status.elapsedMs) : undefined}>
        {status.kind === 'idle' && 'Open a sample or an event log of your own.'}
        {status.kind === 'reading' && (
          <>
            Reading {status.what}… <progress max={1} value={status.fraction} aria-label="Reading the event log" /> {Math.round(status.fraction * 100)} %
          </>
        )}
        {status.kind === 'done' && `Read ${status.what} in ${formatMs(status.elapsedMs)}.`}
      </div>
      {status.kind === 'error' && (
        <p className={styles.error} role="alert">
          {status.what} could not be read: {status.message}
        </p>
      )}

      {analysis && (
        <div>
          <h3 className={styles.heading}>{analysis.application.name || 'Application'}</h3>
          <p className={styles.meta}>
            <code>{analysis.application.id || 'no application id'}</code> · Spark {analysis.application.sparkVersion ?? 'version unknown'} · {analysis.application.completed ? `completed in ${formatMs(analysis.application.durationMs)}` : 'not finished (the log has no application end)'} · {formatCount(analysis.jobs.length)} jobs, {formatCount(analysis.stages.length)} stage attempts, {formatCount(analysis.totals.tasks)} task attempts ({analysis.totals.failedTasks} failed, {analysis.totals.killedTasks} killed, {analysis.totals.speculativeTasks} speculative) · {analysis.source.layout === 'rolling' ? `rolling log of ${analysis.source.files.length} files` : 'single file'}
            {analysis.source.codec !== 'none' && `, ${analysis.source.codec}`}
          </p>
          {analysis.warnings.length > 0 && (
            <ul className={styles.warnings} aria-label="Warnings">
              {analysis.warnings.map((warning, i) => (
                <li key={i}>
                  {warning.file && `${warning.file}: `}
                  {warning.line !== undefined && `line ${warning.line}: `}
                  {warning.message}
                </li>
              ))}
            </ul>
          )}

          <h4 className={styles.heading}>Findings</h4>
          {analysis.findings.length === 0 ? (
            <p>
              No finding: no stage passes the rules below (skew {findingThresholds.slowTaskFactor}× the 75th percentile, spill, GC over {findingThresholds.gcShare * 100} %, shuffle over input, tiny tasks, failed attempts, idle executors).
            </p>
          ) : (
            <ol className={styles.findings} aria-label="Findings">
              {analysis.findings.map((finding, i) => (
                <FindingItem key={i} finding={finding} />
              ))}
            </ol>
          )}

          <h4 className={styles.heading}>Timeline</h4>
          <Timeline analysis={analysis} />

          <h4 className={styles.heading}>Stages</h4>
          <div className={frame.actions}>
            <button type="button" className="button button--sm button--secondary" onClick={() => downloadStages(analysis)}>
              Download the stages as JSON (REST API field names)
            </button>
          </div>
          <StageTable stages={analysis.stages} selected={selectedKey} onSelect={selectStage} />

          {detail && (
            <div aria-live="polite">
              <h4 className={styles.heading}>
                Tasks of stage {detail.stageId}.{detail.attemptId}
              </h4>
              <TaskChart detail={detail} />
              {detail.summary ? <SummaryTable summary={detail.summary} /> : <p>No task of this stage attempt succeeded with metrics, so the History Server has no summary for it.</p>}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
