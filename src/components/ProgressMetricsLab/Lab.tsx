import {useMemo, type ReactNode} from 'react';
import {progressMetrics} from '@site/playground';
import {useStoredState} from '@site/src/components/SqlPlayground/useStoredState';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';

interface LabState {
  progress: string;
  env: string;
  plant: string;
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([name, value]) => `${name}="${value}"`)
    .join(',');
}

/** Paste a `query.lastProgress` and see each metric pipeline_metrics.py would push for it. */
export default function Lab({sample}: {sample: string}): ReactNode {
  const initial: LabState = {progress: sample, env: 'prod', plant: 'PLANT_01'};
  const [state, setState] = useStoredState<LabState>('mfg.progressMetricsLab', initial);
  const change = (next: Partial<LabState>) => setState((previous) => ({...previous, ...next}));
  const result = useMemo(() => progressMetrics(state.progress, {env: state.env, plant: state.plant}), [state]);

  return (
    <section className={frame.frame} aria-label="Progress to metrics" id="progress-metrics-lab">
      <div className={styles.fields}>
        <label>
          env <input value={state.env} onChange={(event) => change({env: event.target.value})} />
        </label>
        <label>
          plant <input value={state.plant} onChange={(event) => change({plant: event.target.value})} />
        </label>
        <button type="button" className="button button--sm button--secondary" onClick={() => setState(initial)} disabled={state.progress === sample && state.env === 'prod' && state.plant === 'PLANT_01'}>
          Reset to the sample progress
        </button>
      </div>
      <label className={styles.editor}>
        StreamingQueryProgress (the JSON of query.lastProgress)
        <textarea value={state.progress} onChange={(event) => change({progress: event.target.value})} rows={14} spellCheck={false} />
      </label>
      {result.ok ? (
        <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="Exported metrics">
          <table className={frame.table} aria-label="Metrics pushed for this progress">
            <thead>
              <tr>
                <th scope="col">Series</th>
                <th scope="col">Type</th>
                <th scope="col">Value</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {result.metrics.map((metric) => (
                <tr key={`${metric.name}{${labelText(metric.labels)}}`}>
                  <td>
                    <code>
                      {metric.name}
                      {`{${labelText(Object.fromEntries(Object.entries(metric.labels).filter(([name]) => !['job', 'env', 'plant', 'query_name'].includes(name))))}}`}
                    </code>
                  </td>
                  <td>{metric.type}</td>
                  <td>{metric.value.toLocaleString('en-US', {maximumFractionDigits: 3})}</td>
                  <td>
                    <code>{metric.source}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className={styles.note}>
            Every series also carries <code>{labelText(result.metrics[0]!.labels).split(',').slice(0, 4).join(', ')}</code>, the Pushgateway grouping key.
          </p>
        </div>
      ) : (
        <p role="alert" className={styles.problem}>
          Line {result.problem.line}, column {result.problem.column}: {result.problem.message}
        </p>
      )}
    </section>
  );
}
