import {useRef, useState, type ReactNode} from 'react';
import type {Table} from 'apache-arrow';
import {classifyEngineError, incidentLogLines, incidentNames, incidentTitle, loadPipelineLogs, logAnalysisQueries, type EngineErrorInfo, type IncidentName} from '@site/playground';
import {pageRuntime} from '@site/src/duckdb/runtime';
import {useEngineProgress} from '@site/src/duckdb/useEngineProgress';
import {usePrestart} from '@site/src/duckdb/usePrestart';
import {describeStatus} from '@site/src/components/SqlPlayground/messages';
import ResultTable from '@site/src/components/ResultTable';
import {EngineErrorView} from '@site/src/components/SqlPlayground/LabParts';
import {useStoredState} from '@site/src/components/SqlPlayground/useStoredState';
import frame from '@site/src/components/LabFrame/styles.module.css';
import SqlEditor from '@site/src/components/SqlEditor/Deferred';

interface LabState {
  incident: IncidentName;
  queryId: string;
  sql: string;
}

const first = logAnalysisQueries[1]!;

/** Pick an incident and one of the page's queries, edit it, run it on the incident's logs. */
export default function Lab(): ReactNode {
  const initial: LabState = {incident: 'stale-table', queryId: first.id, sql: first.sql};
  const [state, setState] = useStoredState<LabState>('mfg.logAnalysisLab', initial, {
    restore: (saved) => ({...initial, ...saved, incident: incidentNames.includes(saved.incident as IncidentName) ? (saved.incident as IncidentName) : initial.incident}),
  });
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<{table?: Table; error?: EngineErrorInfo; lines?: number}>();
  const labRef = useRef<HTMLElement>(null);
  // The engine only: the logs depend on the incident the reader picks, and load in a few milliseconds.
  usePrestart(labRef, []);
  const engineProgress = useEngineProgress(running);

  const run = async () => {
    setRunning(true);
    try {
      const result = await pageRuntime().withEngine(async (engine) => {
        const lines = await loadPipelineLogs(engine, incidentLogLines(state.incident, 42));
        return {lines, table: await engine.query(state.sql)};
      });
      setOutcome(result);
    } catch (error) {
      setOutcome({error: classifyEngineError(error)});
    } finally {
      setRunning(false);
    }
  };

  return (
    <section ref={labRef} className={frame.frame} aria-label="Log analysis lab" id="log-analysis-lab">
      <div className={frame.actions}>
        <label>
          Incident{' '}
          <select value={state.incident} onChange={(event) => setState((previous) => ({...previous, incident: event.target.value as IncidentName}))}>
            {incidentNames.map((name) => (
              <option key={name} value={name}>
                {incidentTitle(name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Query{' '}
          <select
            value={state.queryId}
            onChange={(event) => {
              const query = logAnalysisQueries.find((candidate) => candidate.id === event.target.value)!;
              setState((previous) => ({...previous, queryId: query.id, sql: query.sql}));
            }}>
            {logAnalysisQueries.map((query) => (
              <option key={query.id} value={query.id}>
                {query.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--primary button--sm" onClick={() => void run()} disabled={running}>
          Run on the incident&apos;s logs
        </button>
        <button type="button" className="button button--secondary button--sm" onClick={() => void pageRuntime().cancel()} disabled={!running}>
          Cancel
        </button>
      </div>
      <div className={frame.editor}>
        <SqlEditor value={state.sql} onChange={(sql) => setState((previous) => ({...previous, sql}))} onRun={() => void run()} label="Log analysis SQL" />
      </div>
      <p className={frame.status} aria-live="polite">
        {engineProgress ? describeStatus(engineProgress) : running ? 'Loading the logs and running the query…' : outcome?.lines !== undefined ? `${outcome.lines.toLocaleString('en-US')} log lines loaded into pipeline_logs.` : 'Run loads the incident’s logs into pipeline_logs and runs the query.'}
      </p>
      {outcome?.error && <EngineErrorView error={outcome.error} />}
      {outcome?.table && <ResultTable table={outcome.table} caption="Query result" />}
    </section>
  );
}
