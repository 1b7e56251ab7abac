import {useCallback, useMemo, useRef, useState, type ReactNode} from 'react';
import CodeBlock from '@theme/CodeBlock';
import {
  buildKafkaConfig,
  checkpointAt,
  classifyEngineError,
  parseStreamSpec,
  simulateStream,
  streamBenchmark,
  streamQueryName,
  streamToPySpark,
  type EngineErrorInfo,
  type SimulatedBatch,
  type StreamSimulation,
} from '@site/playground';
import {pageRuntime} from '@site/src/duckdb/runtime';
import {useEngineProgress} from '@site/src/duckdb/useEngineProgress';
import {usePrestart} from '@site/src/duckdb/usePrestart';
import {describeStatus} from '@site/src/components/SqlPlayground/messages';
import SparkExport from '@site/src/components/SparkExport';
import {EngineErrorView} from '@site/src/components/SqlPlayground/LabParts';
import {WatermarkChart} from './Chart';
import {faultBatch, outageText, presets, specOf, type StreamForm, type StreamingLabVariant} from './presets';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';

type Ran = Extract<StreamSimulation, {status: 'ran'}>;

const minute = 60_000;
const count = (value: number) => value.toLocaleString('en-US');
const duration = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${Math.round(ms / minute)} min`);
const time = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** The Kafka options every export starts from: the SASL_SSL client the Kafka page builds for Databricks. */
const kafkaClient = buildKafkaConfig({
  bootstrapServers: ['kafka-1.plant.example:9093', 'kafka-2.plant.example:9093'],
  securityProtocol: 'SASL_SSL',
  saslMechanism: 'SCRAM-SHA-512',
  platform: 'databricks',
  topic: 'mfg.sensor-events',
  username: {databricksSecret: {scope: 'kafka', key: 'username'}},
  password: {databricksSecret: {scope: 'kafka', key: 'password'}},
});

const titles: Record<StreamingLabVariant, string> = {
  watermark: 'Kafka to Delta: watermark, windows and late data, batch by batch',
  'exactly-once': 'Exactly-once: faults against sinks, the gold table against the truth',
  recovery: 'Failure recovery: the checkpoint Spark writes, and what a restart replays',
  'case-study': 'Multi-plant streaming at small scale: a reconnect burst under a rate limit',
};

function Radio<T extends string>({legend, name, value, options, onChange, disabled}: {legend: string; name: string; value: T; options: readonly [T, string][]; onChange: (value: T) => void; disabled: boolean}): ReactNode {
  return (
    <fieldset className={frame.choice} disabled={disabled}>
      <legend>{legend}</legend>
      {options.map(([option, label]) => (
        <label key={option}>
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

/** What the sink holds against the truth, in words. */
function Outcome({simulation}: {simulation: Ran}): ReactNode {
  const {outcome} = simulation;
  const problems: string[] = [];
  if (outcome.missing.droppedAsLate > 0) problems.push(`${count(outcome.missing.droppedAsLate)} dropped as late by the watermark`);
  if (outcome.missing.skippedByIdempotentWrite > 0) problems.push(`${count(outcome.missing.skippedByIdempotentWrite)} skipped by Delta because their batch id was already recorded for the app id`);
  if (outcome.missing.neverRead > 0) problems.push(`${count(outcome.missing.neverRead)} never read: the new checkpoint started at the latest offsets`);
  const windowed = outcome.kind === 'window';
  const noun = windowed ? 'windows' : 'readings';
  const clean = outcome.missing.total === 0 && outcome.duplicates === 0 && outcome.undercounted === 0 && outcome.overcounted === 0;
  return (
    <section className={clean ? styles.clean : styles.wrong} aria-label="The sink against the truth">
      <p>
        <strong>{clean ? 'The sink matches the truth.' : 'The sink differs from the truth.'}</strong> The topic holds {count(outcome.truthRows)} {noun}
        {windowed ? ` (counted from every committed reading)` : ' (committed records)'}; the sink table has {count(outcome.sinkRows)} rows.
      </p>
      <ul>
        {outcome.missing.total > 0 && (
          <li>
            {count(outcome.missing.total)} {noun} missing{problems.length > 0 ? `: ${problems.join('; ')}` : ''}.
          </li>
        )}
        {outcome.duplicates > 0 && <li>{count(outcome.duplicates)} duplicate rows (the same {windowed ? 'window' : 'event id'} written more than once).</li>}
        {windowed && (
          <li>
            Windows: {count(outcome.exact)} exact, {count(outcome.undercounted)} counted short (late readings dropped), {count(outcome.overcounted)} counted
            over, {count(outcome.open)} still open (the watermark has not passed their end).
          </li>
        )}
      </ul>
      {outcome.examples.length > 0 && (
        <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="Rows that differ">
          <table className={frame.table}>
            <caption>Examples of rows that differ</caption>
            <thead>
              <tr>
                <th scope="col">Plant</th>
                <th scope="col">{windowed ? 'Window start' : 'Event id'}</th>
                <th scope="col">Truth</th>
                <th scope="col">Sink</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {outcome.examples.map((example, index) => (
                <tr key={index}>
                  <td>{example.plant}</td>
                  <td>{example.windowStart ? time(Date.parse(example.windowStart)) : example.eventId}</td>
                  <td>{example.truth}</td>
                  <td>{example.sink}</td>
                  <td>{example.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A batch worth showing when only the eventful ones are listed: a checkpoint's first, late rows, a replay, a skipped or crashed write. */
function eventful(batch: SimulatedBatch): boolean {
  return batch.progress.batchId === 0 || batch.replay || batch.sinkWrite.action === 'skipped' || batch.nextBatchWatermarkMs === null || Object.keys(batch.lateRowsByPlant).length > 0;
}

/** Rows per page of the batch table, so a long run does not put thousands of rows in the page. */
const pageSize = 100;

function BatchTable({simulation}: {simulation: Ran}): ReactNode {
  const [all, setAll] = useState(false);
  const [page, setPage] = useState(0);
  const listed = all ? simulation.batches : simulation.batches.filter(eventful);
  const pages = Math.max(1, Math.ceil(listed.length / pageSize));
  const current = Math.min(page, pages - 1);
  const shown = listed.slice(current * pageSize, (current + 1) * pageSize);
  return (
    <>
      <div className={frame.actions}>
        <button
          type="button"
          className="button button--secondary button--sm"
          onClick={() => {
            setAll(!all);
            setPage(0);
          }}
          aria-pressed={all}
        >
          {all ? 'Show only batches where something happened' : `Show all ${count(simulation.batches.length)} batches`}
        </button>
        {pages > 1 && (
          <>
            <button type="button" className="button button--secondary button--sm" onClick={() => setPage(current - 1)} disabled={current === 0}>
              Previous {pageSize}
            </button>
            <button type="button" className="button button--secondary button--sm" onClick={() => setPage(current + 1)} disabled={current >= pages - 1}>
              Next {pageSize}
            </button>
            <span className={styles.pageInfo}>
              Rows {count(current * pageSize + 1)}–{count(current * pageSize + shown.length)} of {count(listed.length)}
            </span>
          </>
        )}
      </div>
      <div className={`${frame.tableScroller} ${styles.batches}`} tabIndex={0} role="region" aria-label="Batches">
        <table className={frame.table}>
          <caption>
            {all ? 'Every batch' : 'Batches where something happened (the first of each checkpoint, late rows, a replay, a skipped write)'}: batch id, trigger
            time, input rows, watermark, late rows per plant, rows emitted and what the sink did
          </caption>
          <thead>
            <tr>
              <th scope="col">Checkpoint</th>
              <th scope="col">Batch</th>
              <th scope="col">Trigger</th>
              <th scope="col">Input rows</th>
              <th scope="col">Watermark</th>
              <th scope="col">Late rows</th>
              <th scope="col">Emitted</th>
              <th scope="col">Sink</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((batch, index) => (
              <tr key={`${batch.checkpoint}-${batch.progress.batchId}-${batch.replay}-${index}`}>
                <td>{batch.checkpoint === 0 ? 'first' : 'new'}</td>
                <th scope="row">
                  {batch.progress.batchId}
                  {batch.replay ? ' (replay)' : ''}
                </th>
                <td>{time(batch.triggerMs)}</td>
                <td>{count(batch.progress.numInputRows)}</td>
                <td>{batch.progress.eventTime ? time(Date.parse(batch.progress.eventTime.watermark)) : 'none'}</td>
                <td>
                  {Object.entries(batch.lateRowsByPlant)
                    .map(([plant, late]) => `${plant} ${late}`)
                    .join(', ') || '0'}
                </td>
                <td>{count(batch.emitted)}</td>
                <td>
                  {batch.sinkWrite.action === 'skipped'
                    ? `skipped: ${batch.sinkWrite.appId === batch.progress.id ? 'query id' : 'txnAppId'} already at version ${batch.sinkWrite.recordedVersion}`
                    : `wrote ${count(batch.sinkWrite.rows)}`}
                  {batch.nextBatchWatermarkMs === null ? '; crashed before the commit log' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Picks one batch of a run by its position, with a number field and previous/next buttons. */
function BatchStepper({simulation, position, onChange, label}: {simulation: Ran; position: number; onChange: (position: number) => void; label: string}): ReactNode {
  const last = simulation.batches.length;
  const batch = simulation.batches[position - 1]!;
  return (
    <div className={frame.actions}>
      <label className={styles.inline}>
        {label}{' '}
        <input type="number" min={1} max={last} value={position} onChange={(event) => onChange(Math.min(last, Math.max(1, Number(event.target.value) || 1)))} className={styles.number} />
      </label>
      <button type="button" className="button button--secondary button--sm" onClick={() => onChange(position - 1)} disabled={position <= 1}>
        Previous
      </button>
      <button type="button" className="button button--secondary button--sm" onClick={() => onChange(position + 1)} disabled={position >= last}>
        Next
      </button>
      <span className={styles.pageInfo} aria-live="polite">
        of {count(last)}: {batch.checkpoint === 1 ? 'new checkpoint, ' : ''}batch {batch.progress.batchId}
        {batch.replay ? ' (replay)' : batch.nextBatchWatermarkMs === null ? ' (crashed before its commit)' : ''} at {time(batch.triggerMs)}
      </span>
    </div>
  );
}

function ProgressView({simulation}: {simulation: Ran}): ReactNode {
  const [position, setPosition] = useState(() => Math.max(1, simulation.batches.findIndex((batch) => Object.keys(batch.lateRowsByPlant).length > 0) + 1));
  const batch = simulation.batches[position - 1]!;
  return (
    <>
      <BatchStepper simulation={simulation} position={position} onChange={setPosition} label="Run step" />
      <CodeBlock language="json" title={`StreamingQueryProgress, batch ${batch.progress.batchId}`}>
        {JSON.stringify(batch.progress, null, 2)}
      </CodeBlock>
    </>
  );
}

function CheckpointViewer({simulation}: {simulation: Ran}): ReactNode {
  const crashIndex = simulation.batches.findIndex((batch) => batch.nextBatchWatermarkMs === null);
  const [upTo, setUpTo] = useState(crashIndex >= 0 ? crashIndex + 1 : Math.min(3, simulation.batches.length));
  const checkpoint = simulation.batches[upTo - 1]!.checkpoint;
  const view = checkpointAt(simulation, checkpoint, upTo);
  const shownFiles = view.files.filter((file) => file.batchId === null || file.batchId >= (view.latestOffsets ?? 0) - 2);
  return (
    <>
      <BatchStepper simulation={simulation} position={upTo} onChange={setUpTo} label="The checkpoint after run step" />
      <p>
        <code>/Volumes/mfg_prod/ops/checkpoints/{simulation.batches[0]!.progress.name}</code> holds {view.files.length} files; the last three batches&apos; are
        shown.{' '}
        {view.restart.action === 'rerun'
          ? `offsets/${view.restart.batchId} has no commits/${view.restart.batchId}: a restart runs batch ${view.restart.batchId} again, with the same offsets and the same watermark. Whether the sink writes it twice depends on the sink.`
          : view.restart.action === 'next'
            ? `Every offsets entry has its commit: a restart plans batch ${view.restart.batchId} from the last end offsets.`
            : 'Nothing written yet.'}
      </p>
      {shownFiles.map((file) => (
        <CodeBlock key={file.path} language="json" title={file.path}>
          {file.content.replace('\u0000', '\\0 ')}
        </CodeBlock>
      ))}
    </>
  );
}

/** The streaming lab: a Kafka topic built from the generated sensor events, run batch by batch as Spark would. */
export default function StreamingLab({variant}: {variant: StreamingLabVariant}): ReactNode {
  const [form, setForm] = useState<StreamForm>(presets[variant]);
  const [simulation, setSimulation] = useState<StreamSimulation | undefined>();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('Ready. Run the stream to generate the sensor events in this tab and play the micro-batches.');
  const [error, setError] = useState<EngineErrorInfo | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const busyRef = useRef(false);
  const labRef = useRef<HTMLElement>(null);
  // The events of the preset's size (larger sizes wait for the click: see prestartDatasets).
  usePrestart(labRef, [{name: 'sensor_events', rows: form.rows, seed: 42}]);
  const engineProgress = useEngineProgress(busy);
  const set = <K extends keyof StreamForm>(key: K) => (value: StreamForm[K]) => setForm((current) => ({...current, [key]: value}));

  const run = useCallback(async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(undefined);
    setProblem(undefined);
    setSimulation(undefined);
    const runtime = pageRuntime();
    try {
      setStatus(`Generating ${count(form.rows)} sensor events in this tab…`);
      await runtime.ensureDataset({name: 'sensor_events', rows: form.rows, seed: 42});
      setStatus('Writing the Kafka topic and running the micro-batches…');
      const result = await runtime.withEngine((engine) => simulateStream(engine, specOf(form)));
      setSimulation(result);
      setStatus(
        result.status === 'ran'
          ? `Ran ${count(result.batches.length)} batches over ${count(result.topicRecords)} Kafka records, triggered every ${duration(form.triggerMs)}.`
          : 'Spark would not start this query: see why below.',
      );
    } catch (caught) {
      if (caught instanceof RangeError) {
        setProblem(caught.message.replace(/^Stream: /, ''));
        setStatus('These settings cannot run: see below.');
      } else {
        setError(classifyEngineError(caught));
        setStatus('The run failed or was cancelled; see the message below.');
      }
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, [form]);

  const cancel = useCallback(async () => {
    setStatus('Cancelling…');
    const outcome = await pageRuntime().cancel();
    if (outcome === 'restarted') setStatus('The work did not stop, so the engine was restarted and the data restored. Run again.');
  }, []);

  const [measured, setMeasured] = useState<{batches: number; ms: number}[]>([]);
  const measure = useCallback(async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(undefined);
    const runtime = pageRuntime();
    try {
      setStatus(`Measuring: generating ${count(streamBenchmark.rows)} sensor events (once), then timing the stream…`);
      await runtime.ensureDataset({name: 'sensor_events', rows: streamBenchmark.rows, seed: streamBenchmark.seed});
      const started = performance.now();
      const result = await runtime.withEngine((engine) => simulateStream(engine, streamBenchmark.spec));
      const ms = performance.now() - started;
      const batches = result.status === 'ran' ? result.batches.length : 0;
      setMeasured((current) => [...current, {batches, ms}]);
      setStatus(`Measured: ${count(streamBenchmark.rows)} events in ${batches} micro-batches in ${ms.toFixed(0)} ms.`);
    } catch (caught) {
      setError(classifyEngineError(caught));
      setStatus('The measurement failed or was cancelled; see the message below.');
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  const exportFormats = useMemo(() => {
    const spec = parseStreamSpec(specOf(form));
    return [
      {
        id: 'pyspark',
        label: 'PySpark job',
        language: 'python' as const,
        fileName: `${streamQueryName(spec)}.py`,
        render: (names: Record<string, string>) => {
          if (!kafkaClient.ok) throw new Error(kafkaClient.problems.map((entry) => entry.message).join(' '));
          return streamToPySpark(spec, {kafkaOptions: kafkaClient.outputs.pysparkOptions, catalog: names.catalog ?? ''});
        },
      },
    ];
  }, [form]);

  const ran = simulation?.status === 'ran' ? simulation : undefined;
  const windowed = form.query !== 'events';
  const delays = ran?.batches.flatMap((batch) => (batch.windowDelayMs ? [batch.windowDelayMs.min, batch.windowDelayMs.max] : [])) ?? [];
  const biggestBatch = ran ? Math.max(...ran.batches.map((batch) => batch.progress.numInputRows)) : 0;

  return (
    <section ref={labRef} className={frame.frame} aria-labelledby={`streaming-lab-${variant}-title`} id={`streaming-lab-${variant}`}>
      <h3 id={`streaming-lab-${variant}-title`} className={styles.title}>
        {titles[variant]}
      </h3>
      <p className={styles.intro}>
        The stream reads a Kafka topic of the generated sensor events (8 partitions keyed by machine; a record arrives at its <code>ingest_ts</code>)
        from 8 to 11 January and runs it as Spark 3.5 and 4.0 do: offsets per trigger, the watermark from the newest event time of each batch, late
        rows filtered against the previous batch&apos;s watermark, windows emitted when the watermark passes their end.
      </p>
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <Radio legend="Events generated" name={`${variant}-rows`} value={String(form.rows) as '10000' | '100000'} options={[['10000', '10,000 (the month)'], ['100000', '100,000']]} onChange={(value) => set('rows')(Number(value) as 10_000 | 100_000)} disabled={busy} />
        <label className={styles.field}>
          Trigger (processing time){' '}
          <select value={form.triggerMs} onChange={(event) => set('triggerMs')(Number(event.target.value))} disabled={busy}>
            {[5, 15, 60].map((minutes) => (
              <option key={minutes} value={minutes * minute}>
                every {duration(minutes * minute)}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          Watermark delay{' '}
          <select value={form.watermarkMs ?? 'none'} onChange={(event) => set('watermarkMs')(event.target.value === 'none' ? null : Number(event.target.value))} disabled={busy}>
            <option value="none">no watermark</option>
            {[10, 30, 120, 720].map((minutes) => (
              <option key={minutes} value={minutes * minute}>
                {duration(minutes * minute)}
              </option>
            ))}
          </select>
        </label>
        <Radio legend="Query" name={`${variant}-query`} value={form.query} options={[['events', 'readings as they are (bronze)'], ['tumbling', 'count per plant and hour'], ['sliding', 'count per plant, 1 h sliding every 15 min']]} onChange={set('query')} disabled={busy} />
        {windowed && <Radio legend="Output mode" name={`${variant}-mode`} value={form.outputMode} options={[['append', 'append'], ['update', 'update'], ['complete', 'complete']]} onChange={set('outputMode')} disabled={busy} />}
        <label className={styles.check}>
          <input type="checkbox" checked={form.dedup} onChange={(event) => set('dedup')(event.target.checked)} disabled={busy} /> dropDuplicatesWithinWatermark(&quot;event_id&quot;)
        </label>
        <Radio
          legend="Fault"
          name={`${variant}-fault`}
          value={form.fault}
          options={[
            ['none', 'none'],
            ['outage', 'plant outage'],
            ['crash', `crash after the sink wrote batch ${faultBatch}`],
            ['checkpoint-reset', `checkpoint deleted after batch ${faultBatch}`],
            ['aborted', '5% of sends aborted by the producer'],
          ]}
          onChange={set('fault')}
          disabled={busy}
        />
        {form.fault === 'outage' && <p className={styles.hint}>{outageText}.</p>}
        {form.fault === 'checkpoint-reset' && (
          <Radio legend="The new query starts at" name={`${variant}-start`} value={form.startingOffsets} options={[['latest', 'latest (the default)'], ['earliest', 'earliest'], ['resume', 'the old end offsets (copied by hand)']]} onChange={set('startingOffsets')} disabled={busy} />
        )}
        <Radio legend="kafka.isolation.level" name={`${variant}-isolation`} value={form.isolationLevel} options={[['read_uncommitted', 'read_uncommitted (the default)'], ['read_committed', 'read_committed']]} onChange={set('isolationLevel')} disabled={busy} />
        <Radio legend="Sink" name={`${variant}-sink`} value={form.sink} options={[['delta', 'Delta sink'], ['append', 'foreachBatch append'], ['merge', 'foreachBatch MERGE']]} onChange={set('sink')} disabled={busy} />
        {form.sink !== 'delta' && (
          <Radio legend="txnAppId / txnVersion" name={`${variant}-txn`} value={form.txnAppId} options={[['none', 'not set'], ['fixed', 'fixed app id'], ['per-checkpoint', 'app id per checkpoint']]} onChange={set('txnAppId')} disabled={busy} />
        )}
        <label className={styles.field}>
          maxOffsetsPerTrigger{' '}
          <select value={form.maxOffsetsPerTrigger ?? 'none'} onChange={(event) => set('maxOffsetsPerTrigger')(event.target.value === 'none' ? null : Number(event.target.value))} disabled={busy}>
            <option value="none">not set</option>
            {[50, 400, 2000].map((limit) => (
              <option key={limit} value={limit}>
                {count(limit)}
              </option>
            ))}
          </select>
        </label>
        <div className={frame.actions}>
          <button type="submit" className="button button--primary button--sm" disabled={busy}>
            Run the stream
          </button>
          <button type="button" className="button button--secondary button--sm" onClick={cancel} disabled={!busy}>
            Cancel
          </button>
          <button type="button" className="button button--secondary button--sm" onClick={() => setForm(presets[variant])} disabled={busy}>
            Reset the settings
          </button>
        </div>
      </form>
      <p role="status" className={frame.status}>
        {engineProgress ? describeStatus(engineProgress) : status}
      </p>
      {problem && (
        <p role="alert" className={styles.problem}>
          {problem}
        </p>
      )}
      {error && <EngineErrorView error={error} />}
      {simulation?.status === 'refused' && (
        <div role="alert" className={styles.problem}>
          {simulation.errors.map((refusal) => (
            <p key={refusal.message}>
              <code>{refusal.exceptionClass}</code>: {refusal.errorClass ? `[${refusal.errorClass}] ` : ''}
              {refusal.message}
            </p>
          ))}
        </div>
      )}
      {ran && (
        <>
          <Outcome simulation={ran} />
          {windowed && delays.length > 0 && (
            <p>
              Windows reached the sink {duration(Math.min(...delays))} to {duration(Math.max(...delays))} after they ended (the watermark delay plus up to one trigger,
              longer after a burst). The largest batch read {count(biggestBatch)} records.
            </p>
          )}
          <h4>Watermark against event time</h4>
          <WatermarkChart batches={ran.batches} />
          <h4>Batches</h4>
          <BatchTable simulation={ran} />
          <details className={styles.details} open={variant === 'recovery'}>
            <summary>The checkpoint: offsets and commits as Spark writes them</summary>
            <CheckpointViewer simulation={ran} />
          </details>
          <details className={styles.details}>
            <summary>A batch&apos;s StreamingQueryProgress</summary>
            <ProgressView simulation={ran} />
          </details>
        </>
      )}
      {variant === 'watermark' && (
        <>
          <h4>Measure the simulation on this machine</h4>
          <p>
            Times the whole month, {count(streamBenchmark.rows)} events, as 12-hour micro-batches counted per plant and hour: writing the topic, every batch, and
            the comparison with the truth. The events are generated once, the same way on every run.
          </p>
          <div className={frame.actions}>
            <button type="button" className="button button--secondary button--sm" onClick={measure} disabled={busy}>
              Measure 1M events in micro-batches
            </button>
          </div>
          {measured.length > 0 && (
            <ol aria-label="Stream measurements">
              {measured.map((run, index) => (
                <li key={index}>
                  {count(streamBenchmark.rows)} events, {run.batches} batches: {run.ms.toFixed(0)} ms
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      <h4>Export these settings as a PySpark job</h4>
      <SparkExport name={`${variant}-export`} tables={[{option: 'catalog', label: 'Catalog', defaultName: 'mfg_prod'}]} formats={exportFormats} />
    </section>
  );
}
