import {useCallback, useEffect, useRef, useState, type ReactNode} from 'react';
import type {Table} from 'apache-arrow';
import CodeBlock from '@theme/CodeBlock';
import {
  applyScdLabBatch,
  classifyEngineError,
  dropTables,
  inlineParams,
  keysWithMostVersions,
  quoteIdentifier,
  scd2History,
  scd2ToDeltaSql,
  scd2ToPySpark,
  scdLabBatchInPlace,
  scdLabDimensions as dimensions,
  scdMergeScenario,
  scdScenarioSteps,
  type EngineErrorInfo,
  type HistoryVersion,
  type PlaygroundRuntime,
  type ScdLabBatch as AppliedBatch,
  type ScdMergeResult,
  type ScdScenarioStep,
} from '@site/playground';
import {onRuntimeStatus, pageRuntime} from '@site/src/duckdb/runtime';
import {usePrestart} from '@site/src/duckdb/usePrestart';
import ResultTable from '@site/src/components/ResultTable';
import SparkExport from '@site/src/components/SparkExport';
import {describeStatus} from '@site/src/components/SqlPlayground/messages';
import {EngineErrorView} from '@site/src/components/SqlPlayground/LabParts';
import {Timeline} from './Timeline';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';

const batches = 5;
const dataset = {name: 'machine_config_changes' as const, rows: 10_000, seed: 42};

/** The four dimensions as the side-by-side view shows one machine in each. */
const sideBySideViews = [
  {label: 'Type 1: overwrite', table: dimensions.scd1, orderBy: 'machine_id'},
  {label: 'Type 2: history', table: dimensions.scd2, orderBy: 'valid_from'},
  {label: 'Type 3: previous values', table: dimensions.scd3, orderBy: 'machine_id'},
  {label: 'Type 6: history with current and previous values', table: dimensions.scd6, orderBy: 'valid_from'},
] as const;

const count = (value: number) => value.toLocaleString('en-US');

/** What each step of "Measure the merge" does, in the status line. */
function measureStepText(step: ScdScenarioStep, rows: number): string {
  switch (step) {
    case 'generate':
      return `generating ${count(rows)} machines`;
    case 'load':
      return `loading them into the type 2 dimension with one MERGE (the longest step at 1M)`;
    case 'stage':
      return 'staging 2,000 changed and 500 new machines';
    case 'merge':
      return 'timing the MERGE of the batch';
    case 'check':
      return 'timing the invariants check';
  }
}

/** The latest MERGE of the type 2 load, with its values written in, as the reader would run it. */
function mergeStatement(result: ScdMergeResult): string {
  const index = result.sql.findIndex((sql) => sql.startsWith('MERGE INTO'));
  return index < 0 ? '' : inlineParams(result.sql[index]!, result.params[index] ?? []);
}

/** The SCD lab: machine configuration changes applied batch by batch as types 1, 2, 3 and 6. */
export default function ScdLab(): ReactNode {
  const [applied, setApplied] = useState<AppliedBatch[]>([]);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState(`Ready. ${count(dataset.rows)} configuration changes (seed ${dataset.seed}) arrive in ${batches} batches; the SQL engine starts when this lab comes into view, or on the first batch.`);
  const [error, setError] = useState<EngineErrorInfo | undefined>();
  const [machines, setMachines] = useState<{key: string; versions: number}[]>([]);
  const [machine, setMachine] = useState<string | undefined>();
  const [history, setHistory] = useState<HistoryVersion[]>([]);
  const [sideBySide, setSideBySide] = useState<{label: string; table: Table}[]>([]);
  const [measured, setMeasured] = useState<{dimensionRows: number; mergeMs: number; checkMs: number; totalMs: number}[]>([]);
  const [measureRows, setMeasureRows] = useState(10_000);
  const busyRef = useRef(false);
  const labRef = useRef<HTMLElement>(null);
  // Batch 1 applied by the speculative start, for the first click to show; cleared once taken. Not started once the reader acted.
  const firstBatch = useRef<Promise<{applied?: AppliedBatch; error?: unknown}> | undefined>(undefined);
  const touched = useRef(false);
  usePrestart(labRef, [dataset], (runtime) => {
    if (touched.current) {
      return Promise.resolve();
    }
    // The lab has no options before batch 1, so this is the very work the click would do, done while the reader reads.
    const applying = runtime.withEngine((engine) => applyScdLabBatch(engine, {batch: 1, batches})).then(
      (applied) => ({applied}),
      (error: unknown) => ({error}),
    );
    firstBatch.current = applying;
    return applying;
  });

  /**
   * Batch 1 as the speculative start applied it, if it is still in the dimensions. Otherwise the
   * dimensions are dropped so the click applies it from scratch; a Cancel during it stops the click too
   * (and leaves no half-applied batch behind).
   */
  const takeFirstBatch = useCallback(async (runtime: PlaygroundRuntime): Promise<AppliedBatch | undefined> => {
    const pending = firstBatch.current;
    firstBatch.current = undefined;
    if (!pending) {
      return undefined;
    }
    const {applied, error} = await pending;
    if (applied && (await runtime.withEngine((engine) => scdLabBatchInPlace(engine, applied)))) {
      return applied;
    }
    // A cancelled or failed speculative batch may have written part of the dimensions.
    await runtime.withEngine((engine) => dropTables(engine, Object.values(dimensions)));
    if (error !== undefined && classifyEngineError(error).kind === 'cancelled') {
      throw error;
    }
    return undefined;
  }, []);

  useEffect(
    () =>
      onRuntimeStatus((runtimeStatus) => {
        if (busyRef.current && runtimeStatus.phase !== 'ready' && runtimeStatus.phase !== 'running') {
          setStatus(describeStatus(runtimeStatus));
        }
      }),
    [],
  );

  const showMachine = useCallback(async (key: string) => {
    setMachine(key);
    const shown = await pageRuntime().withEngine(async (engine) => {
      const versions = await scd2History(engine, {dimension: dimensions.scd2}, key);
      const tables: {label: string; table: Table}[] = [];
      for (const view of sideBySideViews) {
        const sql = `SELECT * EXCLUDE (row_hash) FROM ${quoteIdentifier(view.table)} WHERE machine_id = ? ORDER BY ${quoteIdentifier(view.orderBy)}`;
        tables.push({label: view.label, table: await engine.query(sql, [key])});
      }
      return {versions, tables};
    });
    setHistory(shown.versions);
    setSideBySide(shown.tables);
  }, []);

  const applyBatches = useCallback(
    async (upTo: number) => {
      if (busyRef.current) {
        return;
      }
      busyRef.current = true;
      touched.current = true;
      setBusy(true);
      setError(undefined);
      const runtime = pageRuntime();
      try {
        await runtime.ensureDataset(dataset);
        const results = [...applied];
        for (let batch = applied.length + 1; batch <= upTo; batch += 1) {
          setStatus(`Applying batch ${batch} of ${batches} to the four dimensions… (Cancel stops it)`);
          const result = (batch === 1 ? await takeFirstBatch(runtime) : undefined) ?? (await runtime.withEngine((engine) => applyScdLabBatch(engine, {batch, batches})));
          results.push(result);
          setApplied([...results]);
        }
        const top = await runtime.withEngine((engine) => keysWithMostVersions(engine, {dimension: dimensions.scd2}, 20));
        setMachines(top);
        const chosen = machine && top.some((entry) => entry.key === machine) ? machine : top[0]?.key;
        if (chosen) {
          await showMachine(chosen);
        }
        const last = results.at(-1);
        setStatus(
          last
            ? `Applied ${results.length} of ${batches} batches. Invariants of the type 2 history: ${last.invariants.violations.length === 0 ? 'clean' : `${last.invariants.violations.length} violations`}.`
            : 'Nothing applied yet.',
        );
      } catch (caught) {
        setError(classifyEngineError(caught));
        setStatus('Applying the batch failed or was cancelled; see the message below. Start over to rebuild the dimensions.');
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [applied, machine, showMachine, takeFirstBatch],
  );

  const startOver = useCallback(async () => {
    if (busyRef.current) {
      return;
    }
    await pageRuntime().withEngine((engine) => dropTables(engine, Object.values(dimensions)));
    setApplied([]);
    setMachines([]);
    setMachine(undefined);
    setHistory([]);
    setSideBySide([]);
    setError(undefined);
    setStatus('The four dimensions were dropped. Apply batch 1 to start again.');
  }, []);

  const cancel = useCallback(async () => {
    setStatus('Cancelling…');
    const outcome = await pageRuntime().cancel();
    if (outcome === 'restarted') {
      setStatus('The work did not stop, so the engine was restarted and the data restored. Start over to rebuild the dimensions.');
    }
  }, []);

  const measure = useCallback(async () => {
    if (busyRef.current) {
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setStatus(`Measuring: building a ${count(measureRows)}-machine dimension, then timing the MERGE of 2,000 changes and 500 new machines and the invariants check…`);
    // The step and the seconds since it began, every second: at 1M machines the setup takes a while.
    const started = performance.now();
    let line = '';
    const show = () => setStatus(`${line} ${((performance.now() - started) / 1_000).toFixed(0)} s so far. (Cancel stops it)`);
    const ticker = window.setInterval(() => line && show(), 1_000);
    try {
      const result = await pageRuntime().withEngine((engine) =>
        scdMergeScenario(engine, {dimensionRows: measureRows}, (step) => {
          line = `Measuring on ${count(measureRows)} machines, step ${scdScenarioSteps.indexOf(step) + 1} of ${scdScenarioSteps.length}: ${measureStepText(step, measureRows)}…`;
          show();
        }),
      );
      setMeasured((current) => [...current, {dimensionRows: measureRows, mergeMs: result.mergeMs, checkMs: result.checkMs, totalMs: result.totalMs}]);
      setStatus(`Measured: MERGE ${result.mergeMs.toFixed(0)} ms, invariants check ${result.checkMs.toFixed(0)} ms.`);
    } catch (caught) {
      setError(classifyEngineError(caught));
      setStatus('The measurement failed or was cancelled; see the message below.');
    } finally {
      window.clearInterval(ticker);
      busyRef.current = false;
      setBusy(false);
    }
  }, [measureRows]);

  const last = applied.at(-1);

  return (
    <section ref={labRef} className={frame.frame} aria-labelledby="scd-lab-title" id="scd-lab">
      <header className={styles.header}>
        <h3 id="scd-lab-title" className={styles.title}>
          Machine configuration changes, applied as SCD types 1, 2, 3 and 6
        </h3>
        <div className={frame.actions}>
          <button type="button" className="button button--primary button--sm" onClick={() => applyBatches(applied.length + 1)} disabled={busy || applied.length >= batches}>
            {applied.length >= batches ? `All ${batches} batches applied` : `Apply batch ${applied.length + 1} of ${batches}`}
          </button>
          <button type="button" className="button button--secondary button--sm" onClick={() => applyBatches(batches)} disabled={busy || applied.length >= batches}>
            Apply all
          </button>
          <button type="button" className="button button--secondary button--sm" onClick={cancel} disabled={!busy}>
            Cancel
          </button>
          <button type="button" className="button button--secondary button--sm" onClick={startOver} disabled={busy || applied.length === 0}>
            Start over
          </button>
        </div>
      </header>
      <p role="status" className={frame.status}>
        {status}
      </p>
      {error && <EngineErrorView error={error} />}

      {applied.length > 0 && (
        <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="What each batch did">
          <table className={frame.table}>
            <caption>What each batch did (type 2: versions inserted, closed and changes that altered nothing)</caption>
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">Changes</th>
                <th scope="col">Out of order</th>
                <th scope="col">Type 2 inserted</th>
                <th scope="col">Type 2 closed</th>
                <th scope="col">Unchanged</th>
                <th scope="col">Written as</th>
                <th scope="col">Type 1 ins / upd / del</th>
                <th scope="col">Type 3 ins / upd / del</th>
                <th scope="col">Invariants</th>
              </tr>
            </thead>
            <tbody>
              {applied.map((result) => (
                <tr key={result.staged.batch}>
                  <th scope="row">{result.staged.batch}</th>
                  <td>{count(result.staged.rows)}</td>
                  <td>{count(result.staged.outOfOrder)}</td>
                  <td>{count(result.scd2.inserted)}</td>
                  <td>{count(result.scd2.closed)}</td>
                  <td>{count(result.scd2.unchanged)}</td>
                  <td>{result.scd2.path === 'append' ? 'one MERGE' : 'history rebuild + MERGE'}</td>
                  <td>
                    {count(result.scd1.inserted)} / {count(result.scd1.updated)} / {count(result.scd1.deleted)}
                  </td>
                  <td>
                    {count(result.scd3.inserted)} / {count(result.scd3.updated)} / {count(result.scd3.deleted)}
                  </td>
                  <td>{result.invariants.violations.length === 0 ? 'clean' : `${result.invariants.violations.length} violations`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {last && (
        <>
          <h4>Invariants of the type 2 history after batch {last.staged.batch}</h4>
          {last.invariants.violations.length === 0 ? (
            <p className={styles.clean}>
              Clean: {count(last.invariants.rows)} versions of {count(last.invariants.keys)} machines, no overlapping or empty interval, one current version
              per live machine and none per deleted one. {count(last.invariants.gapsAfterDelete)} gaps are where a deleted machine was away until it came
              back.
            </p>
          ) : (
            <ul className={styles.violations}>
              {last.invariants.violations.map((violation) => (
                <li key={`${violation.kind}-${violation.key}-${violation.validFrom ?? ''}`}>
                  {violation.kind}: {violation.key} {violation.validFrom ?? ''} {violation.detail}
                </li>
              ))}
            </ul>
          )}
          <details className={styles.merge}>
            <summary>The MERGE that applied batch {last.staged.batch} to the type 2 dimension</summary>
            <CodeBlock language="sql">{mergeStatement(last.scd2)}</CodeBlock>
          </details>
        </>
      )}

      {machines.length > 0 && (
        <>
          <h4>One machine's history</h4>
          <label className={styles.field}>
            Machine (the 20 with the most versions)
            <select value={machine} onChange={(event) => void showMachine(event.target.value)} disabled={busy}>
              {machines.map((entry) => (
                <option key={entry.key} value={entry.key}>
                  {entry.key} ({entry.versions} versions)
                </option>
              ))}
            </select>
          </label>
          {machine && <Timeline machine={machine} history={history} />}
          {sideBySide.map(({label, table}) => (
            <div key={label}>
              <h5 className={styles.sideTitle}>{label}</h5>
              <ResultTable table={table} caption={`${label} for ${machine}`} />
            </div>
          ))}
        </>
      )}

      <h4>Measure the merge on this machine</h4>
      <p>
        Times one type 2 load as the lab runs it: a batch of 2,000 changed and 500 new machines merged into a dimension of 10,000 or a million
        machines, then the invariants check. The data is generated the same way on every run.
      </p>
      <div className={frame.actions}>
        <label className={styles.inline}>
          Dimension{' '}
          <select value={measureRows} onChange={(event) => setMeasureRows(Number(event.target.value))} disabled={busy}>
            <option value={10_000}>10,000 machines</option>
            <option value={1_000_000}>1,000,000 machines</option>
          </select>
        </label>
        <button type="button" className="button button--secondary button--sm" onClick={measure} disabled={busy}>
          Measure the merge
        </button>
      </div>
      {measured.length > 0 && (
        <ol className={styles.measurements} aria-label="Merge measurements">
          {measured.map((run, index) => (
            <li key={index}>
              {count(run.dimensionRows)} machines: MERGE {run.mergeMs.toFixed(1)} ms + invariants check {run.checkMs.toFixed(1)} ms ={' '}
              {run.totalMs.toFixed(1)} ms
            </li>
          ))}
        </ol>
      )}

      <h4>Export the type 2 load to Delta Lake</h4>
      <SparkExport
        name="scd-export"
        tables={[
          {option: 'dimensionTable', label: 'Dimension table', defaultName: 'mfg_prod.gold.dim_machine'},
          {option: 'updatesTable', label: 'Changes table', defaultName: 'mfg_prod.silver.machine_config_changes'},
        ]}
        formats={[
          {id: 'sql', label: 'Delta SQL', language: 'sql', fileName: 'dim_machine_scd2.sql', render: (names) => scd2ToDeltaSql({}, names)},
          {id: 'pyspark', label: 'PySpark', language: 'python', fileName: 'dim_machine_scd2.py', render: (names) => scd2ToPySpark({}, names)},
        ]}
      />
    </section>
  );
}
