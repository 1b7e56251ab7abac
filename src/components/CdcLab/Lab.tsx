import {useCallback, useEffect, useRef, useState, type ReactNode} from 'react';
import CodeBlock from '@theme/CodeBlock';
import {
  applyChangeBatch,
  cdcBatchesProblem,
  cdcBenchmark,
  cdcToDeltaSql,
  cdcToPySpark,
  changeStreamEventsProblem,
  classifyEngineError,
  generateChangeStream,
  inlineParams,
  measureCdc,
  mergeScd2,
  resetCdcTarget,
  scd2ToDeltaSql,
  sourceTables,
  type CdcBatchResult,
  type CdcMeasurement,
  type CdcSpecInput,
  type ChangeStreamSummary,
  type Difference,
  type EngineErrorInfo,
} from '@site/playground';
import {onRuntimeStatus, pageRuntime} from '@site/src/duckdb/runtime';
import {usePrestart} from '@site/src/duckdb/usePrestart';
import SparkExport from '@site/src/components/SparkExport';
import {describeStatus} from '@site/src/components/SqlPlayground/messages';
import {EngineErrorView} from '@site/src/components/SqlPlayground/LabParts';
import {useStoredState} from '@site/src/components/SqlPlayground/useStoredState';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';

type Source = 'work_order' | 'machine';
type Ordering = 'lsn' | 'ts_ms' | 'kafka_offset';
type Deletes = 'soft' | 'hard';
type Target = 'scd1' | 'scd2';

/** What the reader chose; the numbers stay text until they are valid, so a bad value is shown as typed. */
interface Choices {
  source: Source;
  events: string;
  batches: string;
  ordering: Ordering;
  deletes: Deletes;
  target: Target;
}

const initialChoices: Choices = {source: 'work_order', events: '2000', batches: '20', ordering: 'lsn', deletes: 'soft', target: 'scd1'};
const seed = 42;
const count = (value: number) => value.toLocaleString('en-US');

const orderingLabels: Record<Ordering, string> = {
  lsn: 'Log position (source.lsn)',
  ts_ms: 'Source commit time (source.ts_ms)',
  kafka_offset: 'Arrival (Kafka offset)',
};

/** A whole number typed as text, or the reason it is not one the engine takes. */
function wholeNumber(text: string, problemOf: (value: unknown) => string | null): {value: number} | {problem: string} {
  const trimmed = text.replaceAll(',', '').trim();
  if (!/^\d+$/.test(trimmed)) {
    return {problem: 'Use a whole number.'};
  }
  const value = Number(trimmed);
  const problem = problemOf(value);
  return problem ? {problem} : {value};
}

/** Why a key differs, in words. */
function explain(difference: Difference): string {
  switch (difference.kind) {
    case 'missing':
      return `The source has this row (LSN ${difference.sourceLsn}); the target does not.`;
    case 'not_deleted':
      return difference.targetLsn !== null && difference.deletedAtLsn !== null && difference.targetLsn < difference.deletedAtLsn
        ? `Deleted in the source at LSN ${difference.deletedAtLsn}, but the target holds an older change (LSN ${difference.targetLsn}) that arrived after the delete and re-inserted the row.`
        : `Deleted in the source${difference.deletedAtLsn !== null ? ` at LSN ${difference.deletedAtLsn}` : ''}; the target still has the row.`;
    case 'same_millisecond':
      return `Two changes committed in the same millisecond (source.ts_ms ${difference.sourceTsMs}); the target kept the earlier one${difference.targetLsn !== null ? ` (LSN ${difference.targetLsn} instead of ${difference.sourceLsn})` : ''}.`;
    case 'stale':
      return `The target holds an older change${difference.targetLsn !== null ? ` (LSN ${difference.targetLsn})` : ''} than the source's latest (LSN ${difference.sourceLsn}).`;
  }
}

/** The change-data-capture lab: a Debezium stream applied batch by batch, the target checked against the source after each. */
export default function CdcLab(): ReactNode {
  const [choices, setChoices] = useStoredState<Choices>('cdc-lab', initialChoices);
  const [results, setResults] = useState<CdcBatchResult[]>([]);
  const [stream, setStream] = useState<ChangeStreamSummary | undefined>();
  const [ranWith, setRanWith] = useState<CdcSpecInput | undefined>();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('Ready. Choose the options and apply the stream; the SQL engine starts when this lab comes into view, or on the first run.');
  const [error, setError] = useState<EngineErrorInfo | undefined>();
  const [shownBatch, setShownBatch] = useState<number | undefined>();
  const busyRef = useRef(false);
  const streamKey = useRef('');
  const labRef = useRef<HTMLElement>(null);
  // The engine only: the change stream depends on the reader's choices.
  usePrestart(labRef, []);

  useEffect(
    () =>
      onRuntimeStatus((runtimeStatus) => {
        if (busyRef.current && runtimeStatus.phase !== 'ready' && runtimeStatus.phase !== 'running') {
          setStatus(describeStatus(runtimeStatus));
        }
      }),
    [],
  );

  const events = wholeNumber(choices.events, changeStreamEventsProblem);
  const batches = wholeNumber(choices.batches, cdcBatchesProblem);
  const valid = 'value' in events && 'value' in batches;
  const choose = <K extends keyof Choices>(key: K, value: Choices[K]) => setChoices((current) => ({...current, [key]: value}));

  const run = useCallback(async () => {
    if (busyRef.current || !('value' in events) || !('value' in batches)) {
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setError(undefined);
    setResults([]);
    const spec: CdcSpecInput = {source: choices.source, ordering: choices.ordering, deletes: choices.deletes, target: choices.target, batches: batches.value};
    try {
      const runtime = pageRuntime();
      const key = `${choices.source}/${events.value}/${seed}`;
      if (streamKey.current !== key) {
        setStatus(`Generating ${count(events.value)} Kafka records of mes_de01.public.${choices.source}…`);
        const summary = await runtime.withEngine((engine) => generateChangeStream(engine, {source: choices.source, events: events.value, seed}));
        streamKey.current = key;
        setStream(summary);
      }
      await runtime.withEngine((engine) => resetCdcTarget(engine, spec));
      const done: CdcBatchResult[] = [];
      for (let batch = 1; batch <= batches.value; batch += 1) {
        setStatus(`Applying micro-batch ${batch} of ${batches.value}… (Cancel stops it)`);
        done.push(await runtime.withEngine((engine) => applyChangeBatch(engine, spec, batch, {mergeScd2})));
        setResults([...done]);
      }
      const divergent = done.filter((result) => !result.convergence.converged);
      setRanWith(spec);
      setShownBatch(divergent[0]?.batch ?? done.at(-1)?.batch);
      setStatus(
        divergent.length === 0
          ? `Applied ${done.length} micro-batches: the target equals the source after every one.`
          : `Applied ${done.length} micro-batches: the target differs from the source after ${divergent.length} of them, first after batch ${divergent[0]!.batch}.`,
      );
    } catch (caught) {
      setError(classifyEngineError(caught));
      setStatus('The run failed or was cancelled; see the message below.');
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, [batches, choices, events]);

  const cancel = useCallback(async () => {
    setStatus('Cancelling…');
    await pageRuntime().cancel();
  }, []);

  const [measured, setMeasured] = useState<CdcMeasurement[]>([]);
  const measure = useCallback(async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(undefined);
    const {events: records, seed: benchmarkSeed, spec} = cdcBenchmark;
    try {
      setStatus(`Measuring: generating ${count(records)} records, then applying them in ${spec.batches} micro-batches… (Cancel stops it)`);
      const run = await pageRuntime().withEngine((engine) => measureCdc(engine));
      // The measurement replaced the stream and the target; the next "Apply" starts from the reader's choices again.
      streamKey.current = `${spec.source}/${records}/${benchmarkSeed}`;
      setResults([]);
      setMeasured((current) => [...current, run]);
      setStatus(`Measured: ${count(records)} records generated in ${run.generateMs.toFixed(0)} ms and applied in ${spec.batches} micro-batches in ${run.applyMs.toFixed(0)} ms.`);
    } catch (caught) {
      setError(classifyEngineError(caught));
      setStatus('The measurement failed or was cancelled; see the message below.');
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  const shown = results.find((result) => result.batch === shownBatch);
  const mergeIndex = shown ? shown.sql.findIndex((sql) => sql.startsWith('MERGE INTO')) : -1;
  const table = sourceTables[choices.source];
  const exportSpec = {source: choices.source, ordering: choices.ordering, deletes: choices.deletes, target: choices.target};
  // For an SCD2 target the staged change rows feed the SCD lab's type 2 MERGE, composed here through the public surface.
  const scd2Merge = (dimensionTable: string): string =>
    choices.target === 'scd2'
      ? `\n${scd2ToDeltaSql(
          {
            naturalKey: table.key.name,
            trackedColumns: table.columns.map((column) => column.name),
            changedAt: 'changed_at',
            sequence: 'change_seq',
            operation: 'op',
            deleteValue: 'delete',
            deletes: choices.deletes === 'soft' ? 'new_record' : 'invalidate',
            surrogateKey: `${table.name}_sk`,
          },
          {dimensionTable, updatesTable: 'cdc_changes_scd2'},
        )}`
      : '';

  return (
    <section ref={labRef} className={frame.frame} aria-labelledby="cdc-lab-title" id="cdc-lab">
      <h3 id="cdc-lab-title" className={styles.title}>
        A Debezium change stream applied in micro-batches, checked against the source
      </h3>
      <div className={styles.controls}>
        <fieldset className={frame.choice}>
          <legend>Source table</legend>
          {(['work_order', 'machine'] as const).map((source) => (
            <label key={source}>
              <input type="radio" name="cdc-source" checked={choices.source === source} onChange={() => choose('source', source)} disabled={busy} /> {source}
            </label>
          ))}
        </fieldset>
        <fieldset className={frame.choice}>
          <legend>Latest change by</legend>
          {(Object.keys(orderingLabels) as Ordering[]).map((ordering) => (
            <label key={ordering}>
              <input type="radio" name="cdc-ordering" checked={choices.ordering === ordering} onChange={() => choose('ordering', ordering)} disabled={busy} /> {orderingLabels[ordering]}
            </label>
          ))}
        </fieldset>
        <fieldset className={frame.choice}>
          <legend>Deletes</legend>
          <label>
            <input type="radio" name="cdc-deletes" checked={choices.deletes === 'soft'} onChange={() => choose('deletes', 'soft')} disabled={busy} /> Soft (flag the row)
          </label>
          <label>
            <input type="radio" name="cdc-deletes" checked={choices.deletes === 'hard'} onChange={() => choose('deletes', 'hard')} disabled={busy} /> Hard (remove the row)
          </label>
        </fieldset>
        <fieldset className={frame.choice}>
          <legend>Target</legend>
          <label>
            <input type="radio" name="cdc-target" checked={choices.target === 'scd1'} onChange={() => choose('target', 'scd1')} disabled={busy} /> SCD1 (current state)
          </label>
          <label>
            <input type="radio" name="cdc-target" checked={choices.target === 'scd2'} onChange={() => choose('target', 'scd2')} disabled={busy} /> SCD2 (history)
          </label>
        </fieldset>
        <label className={styles.field}>
          Kafka records to generate
          <input
            value={choices.events}
            inputMode="numeric"
            onChange={(event) => choose('events', event.target.value)}
            aria-invalid={'problem' in events}
            aria-describedby={'problem' in events ? 'cdc-events-problem' : undefined}
            disabled={busy}
          />
          {'problem' in events && (
            <span id="cdc-events-problem" role="alert" className={styles.problem}>
              {events.problem}
            </span>
          )}
        </label>
        <label className={styles.field}>
          Micro-batches
          <input
            value={choices.batches}
            inputMode="numeric"
            onChange={(event) => choose('batches', event.target.value)}
            aria-invalid={'problem' in batches}
            aria-describedby={'problem' in batches ? 'cdc-batches-problem' : undefined}
            disabled={busy}
          />
          {'problem' in batches && (
            <span id="cdc-batches-problem" role="alert" className={styles.problem}>
              {batches.problem}
            </span>
          )}
        </label>
      </div>
      <div className={frame.actions}>
        <button type="button" className="button button--primary button--sm" onClick={run} disabled={busy || !valid}>
          Apply the stream
        </button>
        <button type="button" className="button button--secondary button--sm" onClick={cancel} disabled={!busy}>
          Cancel
        </button>
      </div>
      <p role="status" className={frame.status}>
        {status}
      </p>
      {error && <EngineErrorView error={error} />}

      {stream && (
        <details className={styles.details}>
          <summary>
            The stream: {count(stream.records)} records on {stream.topic} ({count(stream.byOp.r)} snapshot reads, {count(stream.byOp.c)} inserts, {count(stream.byOp.u)}{' '}
            updates, {count(stream.byOp.d)} deletes, {count(stream.tombstones)} tombstones, {count(stream.resent)} re-sent)
          </summary>
          <ul>
            <li>
              {count(stream.sameMillisecondPairs)} pairs of changes to one row committed in the same millisecond (the same <code>source.ts_ms</code>).
            </li>
            <li>
              The connector restarts and re-sends {count(stream.resent)} records it had sent after its last offset commit: same <code>source.lsn</code>, new
              offsets.
            </li>
            <li>
              The topic grows from {stream.partitionsBefore} to {stream.partitionsAfter} partitions; keys that move are read out of order when their old
              partition lags: {count(stream.readOutOfOrder)} change events are read after a newer change of their key.
            </li>
            <li>
              <code>{stream.schemaChange.column}</code> is added to the table at LSN {stream.schemaChange.fromLsn}; earlier row images lack the field.
            </li>
          </ul>
          {stream.samples.map((sample) => (
            <div key={sample.label}>
              <h5 className={styles.sampleTitle}>
                {sample.label}: partition {sample.partition}, offset {sample.offset}, key <code>{sample.key}</code>
              </h5>
              <CodeBlock language="json">{sample.value === null ? 'null' : JSON.stringify(JSON.parse(sample.value), null, 2)}</CodeBlock>
            </div>
          ))}
        </details>
      )}

      {results.length > 0 && (
        <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="What each micro-batch did">
          <table className={frame.table}>
            <caption>What each micro-batch did, and the target compared with the source after it</caption>
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">Records</th>
                <th scope="col">Tombstones</th>
                <th scope="col">Superseded in batch</th>
                <th scope="col">Inserted</th>
                <th scope="col">Updated</th>
                <th scope="col">Deleted</th>
                <th scope="col">Skipped as older</th>
                <th scope="col">Target vs source</th>
              </tr>
            </thead>
            <tbody>
              {results.map((result) => (
                <tr key={result.batch}>
                  <th scope="row">
                    <button type="button" className={styles.linkButton} onClick={() => setShownBatch(result.batch)} aria-pressed={shownBatch === result.batch}>
                      {result.batch}
                    </button>
                  </th>
                  <td>{count(result.records)}</td>
                  <td>{count(result.tombstones)}</td>
                  <td>{count(result.supersededInBatch)}</td>
                  <td>{count(result.inserted)}</td>
                  <td>{count(result.updated)}</td>
                  <td>{count(result.deleted)}</td>
                  <td>{ranWith?.target === 'scd2' ? '–' : count(result.skippedAsOlder)}</td>
                  <td className={result.convergence.converged ? styles.converged : styles.diverged}>
                    {result.convergence.converged ? 'converged' : `${count(Object.values(result.convergence.counts).reduce((sum, value) => sum + value, 0))} keys differ`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {shown && (
        <>
          <h4>After micro-batch {shown.batch}</h4>
          {shown.convergence.converged ? (
            <p className={styles.clean}>
              Converged: {count(shown.convergence.targetRows)} live rows in the target, the same keys and values as the source's {count(shown.convergence.sourceRows)}{' '}
              at this position.
            </p>
          ) : (
            <>
              <p>
                {count(shown.convergence.sourceRows)} live rows in the source, {count(shown.convergence.targetRows)} in the target. Missing{' '}
                {shown.convergence.counts.missing}, not deleted {shown.convergence.counts.not_deleted}, same-millisecond updates lost{' '}
                {shown.convergence.counts.same_millisecond}, stale {shown.convergence.counts.stale}.
              </p>
              <ul className={styles.differences} aria-label={`Keys that differ after batch ${shown.batch}`}>
                {shown.convergence.differences.map((difference) => (
                  <li key={difference.key}>
                    <strong>
                      {table.key.name} {difference.key}
                    </strong>
                    : {explain(difference)}{' '}
                    {difference.columns.length > 0 && difference.kind !== 'missing' && difference.kind !== 'not_deleted' && (
                      <span>
                        {difference.columns.map((column) => `${column}: target ${difference.targetValues[column] ?? 'NULL'}, source ${difference.sourceValues[column] ?? 'NULL'}`).join('; ')}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {mergeIndex >= 0 && (
            <details className={styles.details}>
              <summary>The MERGE that applied micro-batch {shown.batch}</summary>
              <CodeBlock language="sql">{inlineParams(shown.sql[mergeIndex]!, shown.params[mergeIndex] ?? [])}</CodeBlock>
            </details>
          )}
        </>
      )}

      <h4>Measure the apply on this machine</h4>
      <p>
        Generates {count(cdcBenchmark.events)} records of the work-order stream and applies them in {cdcBenchmark.spec.batches} micro-batches, latest change by
        LSN, soft deletes, SCD1 target, with the comparison against the source after every batch: the run <code>npm run bench</code> times in Node and here.
      </p>
      <div className={frame.actions}>
        <button type="button" className="button button--secondary button--sm" onClick={measure} disabled={busy}>
          Measure {count(cdcBenchmark.events)} records in {cdcBenchmark.spec.batches} micro-batches
        </button>
      </div>
      {measured.length > 0 && (
        <ol aria-label="CDC measurements">
          {measured.map((run, index) => (
            <li key={index}>
              generate {run.generateMs.toFixed(1)} ms, apply {run.applyMs.toFixed(1)} ms (batches {run.batchesMs.toFixed(1)} ms), {run.batches} batches,{' '}
              {run.converged ? 'converged' : 'diverged'}
            </li>
          ))}
        </ol>
      )}

      <h4>Export to Spark and Delta Lake</h4>
      <SparkExport
        name="cdc-export"
        tables={[{option: 'targetTable', label: 'Target table', defaultName: `mfg_prod.silver.mes_${choices.source}`}]}
        formats={[
          {
            id: 'sql',
            label: 'Delta SQL',
            language: 'sql',
            fileName: `mes_${choices.source}_cdc.sql`,
            render: (names) => `${cdcToDeltaSql(exportSpec, names)}${scd2Merge(names.targetTable!)}`,
          },
          {id: 'pyspark', label: 'PySpark foreachBatch', language: 'python', fileName: `mes_${choices.source}_cdc.py`, render: (names) => cdcToPySpark(exportSpec, names, scd2Merge(names.targetTable!))},
        ]}
      />
    </section>
  );
}
