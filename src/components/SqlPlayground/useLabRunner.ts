import {useCallback, useEffect, useRef, useState} from 'react';
import type {Table} from 'apache-arrow';
import {classifyEngineError, type DatasetRequest, type EngineErrorInfo, type RuntimeStatus} from '@site/playground';
import {currentRuntimeStatus, onRuntimeStatus, pageRuntime} from '@site/src/duckdb/runtime';
import {describeStatus} from './messages';

/** The last run's result or error, and how long the query took. */
export interface LabOutcome {
  sql: string;
  table?: Table;
  error?: EngineErrorInfo;
  elapsedMs: number;
}

/** Runs SQL on the page runtime for one lab, with the status line and outcome React needs. */
export function useLabRunner(initialStatus: string) {
  const [status, setStatus] = useState(initialStatus);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<LabOutcome | undefined>();
  const runningRef = useRef(false);

  useEffect(
    () =>
      onRuntimeStatus((runtimeStatus: RuntimeStatus) => {
        if (runningRef.current) {
          setStatus(describeStatus(runtimeStatus));
        }
      }),
    [],
  );

  const run = useCallback(async (sql: string, datasets: readonly DatasetRequest[]): Promise<LabOutcome | undefined> => {
    if (runningRef.current) {
      return undefined;
    }
    runningRef.current = true;
    setRunning(true);
    setOutcome(undefined);
    // A click during a speculative start shows how far the start has got, not the idle line.
    const now = currentRuntimeStatus();
    if (now && now.phase !== 'ready') {
      setStatus(describeStatus(now));
    }
    const runtime = pageRuntime();
    let started = performance.now();
    let result: LabOutcome;
    try {
      for (const dataset of datasets) {
        await runtime.ensureDataset(dataset);
      }
      started = performance.now();
      const table = await runtime.run(sql);
      result = {sql, table, elapsedMs: performance.now() - started};
      setStatus(`Ready. The query returned ${table.numRows.toLocaleString('en-US')} rows in ${result.elapsedMs.toFixed(0)} ms.`);
    } catch (error) {
      const info = classifyEngineError(error);
      result = {sql, error: info, elapsedMs: performance.now() - started};
      setStatus(info.kind === 'cancelled' ? 'Ready. The query was cancelled.' : 'Ready. The query failed; see the error below.');
    } finally {
      runningRef.current = false;
      setRunning(false);
    }
    setOutcome(result);
    return result;
  }, []);

  const cancel = useCallback(async () => {
    setStatus('Cancelling…');
    const result = await pageRuntime().cancel();
    if (result === 'restarted') {
      setStatus('The query did not stop, so the engine was restarted and the datasets were restored.');
    }
  }, []);

  const resetDatasets = useCallback(async (datasets: readonly DatasetRequest[]) => {
    setOutcome(undefined);
    setStatus(`Restoring ${datasets.map((dataset) => dataset.name).join(', ')}…`);
    runningRef.current = true;
    try {
      for (const dataset of datasets) {
        await pageRuntime().resetDataset(dataset.name);
      }
    } finally {
      runningRef.current = false;
    }
  }, []);

  /** Takes the last result off screen: an input that stops the next run makes it stale. */
  const clearOutcome = useCallback(() => setOutcome(undefined), []);

  return {status, setStatus, running, outcome, run, cancel, resetDatasets, clearOutcome};
}
