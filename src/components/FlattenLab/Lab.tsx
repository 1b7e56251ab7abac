import {useCallback, useEffect, useRef, useState, type ReactNode} from 'react';
import type {Table} from 'apache-arrow';
import {
  classifyEngineError,
  compareFlattenPlans,
  dropTables,
  flattenCompareTables,
  flattenLabStepTables,
  flattenLabSteps,
  labStepScript,
  type CompareFlattenResult,
  type DatasetRequest,
  type EngineErrorInfo,
  type FlattenLabOutcome,
  type FlattenLabStep,
} from '@site/playground';
import {onRuntimeStatus, pageRuntime} from '@site/src/duckdb/runtime';
import {usePrestart} from '@site/src/duckdb/usePrestart';
import ResultTable from '@site/src/components/ResultTable';
import {describeStatus} from '@site/src/components/SqlPlayground/messages';
import {EngineErrorView} from '@site/src/components/SqlPlayground/LabParts';
import {copyText, readStorage, writeStorage} from '@site/src/components/SqlPlayground/browser';
import {ComparisonView} from './Comparison';
import {ExportPanel} from './ExportPanel';
import {MetricsTable, StepFindings} from './StepDetails';
import {formatCount, formatMs} from './format';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';
import SqlEditor from '@site/src/components/SqlEditor/Deferred';

const sizes = [10_000, 100_000, 1_000_000] as const;
type Size = (typeof sizes)[number];
const seed = 42;
const storagePrefix = 'mdp-flatten-lab:step-';

interface StepState {
  status: 'running' | 'done' | 'failed';
  outcome?: FlattenLabOutcome;
  /** The statements the step ran, values inlined, ending on its preview. */
  script?: string;
  preview?: Table;
  error?: EngineErrorInfo;
}

/** The last run of a step's edited SQL: shown under its editor, apart from what the step itself produced. */
interface EditRun {
  table?: Table;
  error?: EngineErrorInfo;
}

function datasetFor(rows: Size): DatasetRequest {
  return {name: 'sensor_events', rows, seed};
}

function batchLabels(outcome: FlattenLabOutcome): string[] {
  return outcome.results.map((result) => ('batch' in result ? `Batch ${result.batch.id}` : 'Step'));
}

/** The 11-step flattening lab: run each step or all, edit its SQL, compare naive and targeted, export to Spark. */
export default function FlattenLab(): ReactNode {
  const [rows, setRows] = useState<Size>(10_000);
  const [steps, setSteps] = useState<Record<number, StepState>>({});
  const [selected, setSelected] = useState(1);
  const [edits, setEdits] = useState<Record<number, string>>({});
  const [editRuns, setEditRuns] = useState<Record<number, EditRun>>({});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('Ready. The SQL engine starts when this lab comes into view, or on the first run; nothing is downloaded from outside this site.');
  const [comparison, setComparison] = useState<{result?: CompareFlattenResult; error?: EngineErrorInfo}>({});
  const busyRef = useRef(false);
  const labRef = useRef<HTMLElement>(null);
  usePrestart(labRef, [datasetFor(rows)]);

  useEffect(() => {
    const saved: Record<number, string> = {};
    for (const step of flattenLabSteps) {
      const text = readStorage(`${storagePrefix}${step.step}`);
      if (text !== undefined) {
        saved[step.step] = text;
      }
    }
    setEdits(saved);
    const fromHash = /^#flatten-step-(\d+)$/.exec(window.location.hash);
    if (fromHash && flattenLabSteps.some((step) => step.step === Number(fromHash[1]))) {
      setSelected(Number(fromHash[1]));
    }
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

  /** Runs `work` unless something runs already; the status line and buttons follow it. */
  const exclusive = useCallback(async (work: () => Promise<void>) => {
    if (busyRef.current) {
      return;
    }
    busyRef.current = true;
    setBusy(true);
    try {
      await work();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  const setStep = (step: number, state: StepState) => setSteps((current) => ({...current, [step]: state}));

  /** Runs one step and its preview; returns whether it succeeded. */
  const runOne = useCallback(async (step: FlattenLabStep, total?: number): Promise<boolean> => {
    const runtime = pageRuntime();
    setStep(step.step, {status: 'running'});
    setStatus(`${total ? `Step ${step.step} of ${total}` : `Step ${step.step}`}: ${step.title}… (Cancel stops it)`);
    try {
      await runtime.ensureDataset(datasetFor(rows));
      setStatus(`${total ? `Step ${step.step} of ${total}` : `Step ${step.step}`}: ${step.title}… (Cancel stops it)`);
      const outcome = await runtime.withEngine((engine) => step.run(engine));
      const preview = step.previewSql ? await runtime.run(step.previewSql) : undefined;
      setStep(step.step, {status: 'done', outcome, preview, script: labStepScript(step, outcome.results)});
      return true;
    } catch (error) {
      setStep(step.step, {status: 'failed', error: classifyEngineError(error)});
      return false;
    }
  }, [rows]);

  const runStep = useCallback(
    (step: FlattenLabStep) =>
      exclusive(async () => {
        const ok = await runOne(step);
        setStatus(ok ? `Step ${step.step} done.` : `Step ${step.step} failed; see the message below.`);
      }),
    [exclusive, runOne],
  );

  const runAll = useCallback(
    () =>
      exclusive(async () => {
        const started = performance.now();
        await pageRuntime().withEngine((engine) => dropTables(engine, flattenCompareTables));
        for (const step of flattenLabSteps) {
          setSelected(step.step);
          if (!(await runOne(step, flattenLabSteps.length))) {
            setStatus(`Stopped at step ${step.step}: it failed or was cancelled. The steps before it are done.`);
            return;
          }
        }
        setStatus(`All ${flattenLabSteps.length} steps done in ${formatMs(performance.now() - started)}.`);
      }),
    [exclusive, runOne],
  );

  const runEdited = useCallback(
    (step: FlattenLabStep, script: string) =>
      exclusive(async () => {
        const runtime = pageRuntime();
        setStatus(`Running your SQL for step ${step.step}… (Cancel stops it)`);
        // The old result goes at once, so a failure never sits next to a table it did not produce.
        setEditRuns((current) => ({...current, [step.step]: {}}));
        try {
          await runtime.ensureDataset(datasetFor(rows));
          const started = performance.now();
          const table = await runtime.run(script);
          setEditRuns((current) => ({...current, [step.step]: {table}}));
          setStatus(`Your SQL for step ${step.step} ran in ${formatMs(performance.now() - started)}; its last statement's result is under the editor.`);
        } catch (error) {
          setEditRuns((current) => ({...current, [step.step]: {error: classifyEngineError(error)}}));
          setStatus(`Your SQL for step ${step.step} failed; the message is under the editor. Your edits are kept.`);
        }
      }),
    [exclusive, rows],
  );

  const compare = useCallback(
    () =>
      exclusive(async () => {
        const runtime = pageRuntime();
        setComparison({});
        setStatus(`Comparing naive and targeted on ${formatCount(rows)} events… (Cancel stops it)`);
        try {
          await runtime.ensureDataset(datasetFor(rows));
          setStatus(`Comparing naive and targeted on ${formatCount(rows)} events… (Cancel stops it)`);
          const result = await runtime.withEngine(async (engine) => {
            await dropTables(engine, flattenLabStepTables);
            return compareFlattenPlans(engine, {seed});
          });
          setComparison({result});
          setStatus(
            `Compared on ${formatCount(result.events)} events. The plan below is ready to export. To make room in memory, the tables the steps wrote were dropped (their findings above stay); run a step to write its table again.`,
          );
        } catch (error) {
          setComparison({error: classifyEngineError(error)});
          setStatus('The comparison failed or was cancelled; see the message below.');
        }
      }),
    [exclusive, rows],
  );

  const cancel = useCallback(async () => {
    setStatus('Cancelling…');
    const outcome = await pageRuntime().cancel();
    if (outcome === 'restarted') {
      setStatus('The work did not stop, so the engine was restarted and the data restored.');
    }
  }, []);

  const changeSize = (next: Size) => {
    setRows(next);
    setSteps({});
    setEditRuns({});
    setComparison({});
    setStatus(`${formatCount(next)} events selected; they are generated on the next run. Earlier step results were cleared.`);
  };

  const changeEdit = (step: number, text: string, original: string | undefined) => {
    const edited = text === original ? undefined : text;
    writeStorage(`${storagePrefix}${step}`, edited);
    setEdits((current) => {
      const next = {...current};
      if (edited === undefined) {
        delete next[step];
      } else {
        next[step] = edited;
      }
      return next;
    });
  };

  const current = flattenLabSteps.find((step) => step.step === selected) ?? flattenLabSteps[0]!;
  const state = steps[current.step];
  const editRun = editRuns[current.step];
  const originalScript = state?.script;
  const script = edits[current.step] ?? originalScript ?? `-- Run step ${current.step} to see the statements it runs, with their values.\n`;
  const select = (step: number) => {
    setSelected(step);
    window.history.replaceState(null, '', `#flatten-step-${step}`);
  };

  return (
    <section ref={labRef} className={frame.frame} aria-labelledby="flatten-lab-title" id="flatten-lab">
      <header className={styles.labHeader}>
        <h3 id="flatten-lab-title" className={styles.labTitle}>
          The 11 steps on {formatCount(rows)} generated sensor events (seed {seed})
        </h3>
        <div className={styles.controls}>
          <fieldset className={frame.choice} disabled={busy}>
            <legend>Events</legend>
            {sizes.map((size) => (
              <label key={size}>
                <input type="radio" name="flatten-lab-size" value={size} checked={rows === size} onChange={() => changeSize(size)} />{' '}
                {size >= 1_000_000 ? '1M' : `${size / 1_000}k`}
              </label>
            ))}
          </fieldset>
          <button type="button" className="button button--primary button--sm" onClick={runAll} disabled={busy}>
            Run all 11 steps
          </button>
          <button type="button" className="button button--secondary button--sm" onClick={cancel} disabled={!busy}>
            Cancel
          </button>
        </div>
      </header>
      <p role="status" className={frame.status}>
        {status}
      </p>
      <div className={styles.stepsLayout}>
        <nav aria-label="Flattening steps">
          <ol className={styles.stepList}>
            {flattenLabSteps.map((step) => {
              const stepState = steps[step.step];
              const mark = stepState?.status === 'done' ? '✓' : stepState?.status === 'failed' ? '✗' : stepState?.status === 'running' ? '…' : '';
              const time = stepState?.outcome ? stepState.outcome.results.reduce((sum, result) => sum + result.metrics.elapsedMs, 0) : undefined;
              return (
                <li key={step.step}>
                  <button
                    type="button"
                    className={`${styles.stepButton} ${step.step === current.step ? styles.stepSelected : ''}`}
                    aria-current={step.step === current.step ? 'step' : undefined}
                    onClick={() => select(step.step)}
                  >
                    <span>
                      {step.step}. {step.title}
                    </span>
                    <span className={styles.stepMark} aria-label={stepState ? stepState.status : 'not run'}>
                      {mark} {time !== undefined ? formatMs(time) : ''}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
        <article className={styles.stepPanel} aria-labelledby="flatten-step-title" id={`flatten-step-${current.step}`}>
          <h4 id="flatten-step-title">
            Step {current.step}: {current.title}
          </h4>
          <p>{current.goal}</p>
          <div className={`${frame.actions} ${styles.spaced}`}>
            <button type="button" className="button button--primary button--sm" onClick={() => runStep(current)} disabled={busy}>
              Run step {current.step}
            </button>
          </div>
          {state?.error && <EngineErrorView error={state.error} />}
          {state?.outcome && (
            <>
              <MetricsTable labels={batchLabels(state.outcome)} metrics={state.outcome.results.map((result) => result.metrics)} />
              <StepFindings outcome={state.outcome} />
            </>
          )}
          {state?.preview && <ResultTable table={state.preview} caption={`Preview of step ${current.step}`} />}
          <h5 className={styles.editorTitle}>SQL of step {current.step}</h5>
          <p className={styles.hint}>
            {edits[current.step] !== undefined
              ? 'Your edited SQL, saved in this browser. Run it, or restore what the step ran.'
              : 'The statements the step ran, with their values filled in. Edit and run them.'}
          </p>
          <div className={frame.editor}>
            <SqlEditor
              key={current.step}
              value={script}
              onChange={(text) => changeEdit(current.step, text, originalScript)}
              onRun={() => runEdited(current, script)}
              label={`SQL of step ${current.step}: ${current.title}`}
            />
          </div>
          <div className={`${frame.actions} ${styles.spaced}`}>
            <button type="button" className="button button--secondary button--sm" onClick={() => runEdited(current, script)} disabled={busy}>
              Run this SQL
            </button>
            <button
              type="button"
              className="button button--secondary button--sm"
              onClick={() => changeEdit(current.step, originalScript ?? '', originalScript)}
              disabled={edits[current.step] === undefined}
            >
              Restore step SQL
            </button>
            <button
              type="button"
              className="button button--secondary button--sm"
              onClick={async () => setStatus((await copyText(script)) ? 'SQL copied.' : 'Copying is not allowed here: select the SQL and copy it by hand.')}
            >
              Copy SQL
            </button>
          </div>
          {editRun?.error && <EngineErrorView error={editRun.error} />}
          {editRun?.table && <ResultTable table={editRun.table} caption={`Result of your SQL for step ${current.step}`} />}
        </article>
      </div>

      <h3 id="flatten-compare">Naive vs targeted on the same data</h3>
      <p>
        Runs the naive plan (unnest every pair, PIVOT back per event) and the targeted plan (sampled discovery and type inference, then one
        projection) on the {formatCount(rows)} events above, and estimates what each would shuffle in Spark.
      </p>
      <div className={`${frame.actions} ${styles.spaced}`}>
        <button type="button" className="button button--primary button--sm" onClick={compare} disabled={busy}>
          Compare on {formatCount(rows)} events
        </button>
      </div>
      {comparison.error && <EngineErrorView error={comparison.error} />}
      {comparison.result && <ComparisonView result={comparison.result} />}

      <h3 id="flatten-export">Export the plan to Spark</h3>
      {comparison.result ? (
        <>
          <p>
            The plan inferred from this data ({comparison.result.plan.keys.length} keys), as code to run the same flattening on your own table in
            Databricks or any Spark 3.5/4.0 cluster with Delta Lake 3.2+.
          </p>
          <ExportPanel plan={comparison.result.plan} />
        </>
      ) : (
        <p>Run the comparison first: its targeted plan (keys, types and JSON schemas inferred from the sample) is what gets exported.</p>
      )}
    </section>
  );
}
