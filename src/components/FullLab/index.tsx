import {useCallback, useEffect, useRef, useState, type ReactNode} from 'react';
import {
  datasetDescriptions,
  datasetNames,
  decodeShareState,
  encodeShareState,
  parseDatasetRequest,
  rowPresets,
  type DatasetName,
  type DatasetRequest,
} from '@site/playground';
import {pageRuntime} from '@site/src/duckdb/runtime';
import {LabOutcomeView, LabToolbar} from '@site/src/components/SqlPlayground/LabParts';
import {useLabRunner} from '@site/src/components/SqlPlayground/useLabRunner';
import {usePrestart} from '@site/src/duckdb/usePrestart';
import {copyText, readStorage, writeStorage} from '@site/src/components/SqlPlayground/browser';
import styles from './styles.module.css';
import SqlEditor from '@site/src/components/SqlEditor/Deferred';

const storageKey = 'mdp-playground:full-lab';
const starterSql = `-- Which keys do the plants send, and how often?
SELECT key, count(*) AS events
FROM (SELECT unnest(map_keys(customExtension)) AS key FROM sensor_events)
GROUP BY key
ORDER BY events DESC
LIMIT 20;`;

interface SchemaColumn {
  table: string;
  column: string;
  type: string;
}

interface HistoryEntry {
  sql: string;
  summary: string;
}

/** The full-page lab: pick a dataset, browse the schema, run SQL, keep a history. */
export default function FullLab(): ReactNode {
  const [name, setName] = useState<DatasetName>('sensor_events');
  // First runs use a small dataset; the Rows list offers 100k and 1M.
  const [rowsText, setRowsText] = useState('10000');
  const [seedText, setSeedText] = useState('42');
  const [sql, setSql] = useState(starterSql);
  const [notice, setNotice] = useState<string | undefined>();
  const [schema, setSchema] = useState<SchemaColumn[]>([]);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const {status, setStatus, running, outcome, run, cancel, resetDatasets, clearOutcome} = useLabRunner(
    'Ready. The SQL engine starts when this lab comes into view, or on the first run.',
  );

  useEffect(() => {
    const saved = readStorage(storageKey);
    if (saved !== undefined) {
      setSql(saved);
    }
    const shared = new URLSearchParams(window.location.search).get('state');
    if (shared) {
      const decoded = decodeShareState(shared);
      if (decoded.ok) {
        setSql(decoded.state.sql);
        setName(decoded.state.dataset.name);
        setRowsText(String(decoded.state.dataset.rows));
        setSeedText(String(decoded.state.dataset.seed));
        setNotice('Showing the SQL and data from a shared link.');
      } else {
        setNotice(`${decoded.message} Your own SQL is shown instead.`);
      }
    }
  }, []);

  const request = parseDatasetRequest({
    name,
    rows: /^\d+$/.test(rowsText) ? Number(rowsText) : rowsText,
    seed: /^\d+$/.test(seedText) ? Number(seedText) : seedText,
  });
  const labRef = useRef<HTMLDivElement>(null);
  usePrestart(labRef, request.ok ? [request.request] : []);

  const refreshSchema = useCallback(async () => {
    const table = await pageRuntime().run(
      "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' ORDER BY table_name, ordinal_position",
    );
    const columns: SchemaColumn[] = [];
    for (let row = 0; row < table.numRows; row += 1) {
      columns.push({
        table: String(table.getChild('table_name')?.get(row)),
        column: String(table.getChild('column_name')?.get(row)),
        type: String(table.getChild('data_type')?.get(row)),
      });
    }
    setSchema(columns);
  }, []);

  const changeSql = useCallback((next: string) => {
    setSql(next);
    writeStorage(storageKey, next === starterSql ? undefined : next);
  }, []);

  const runQuery = useCallback(async () => {
    if (!request.ok) {
      clearOutcome();
      setStatus(`Not run: ${request.message} (see the dataset settings above).`);
      return;
    }
    const result = await run(sql, [request.request]);
    if (!result) {
      return;
    }
    const summary = result.table
      ? `${result.table.numRows.toLocaleString('en-US')} rows, ${result.elapsedMs.toFixed(0)} ms`
      : result.error?.kind === 'cancelled'
        ? 'cancelled'
        : 'failed';
    setHistory((entries) => [{sql, summary}, ...entries].slice(0, 50));
    await refreshSchema();
  }, [clearOutcome, refreshSchema, request, run, setStatus, sql]);

  const reset = useCallback(async () => {
    if (!request.ok) {
      setStatus(request.message);
      return;
    }
    changeSql(starterSql);
    await resetDatasets([request.request]);
    setStatus('Reset: the starter SQL and the dataset are back.');
  }, [changeSql, request, resetDatasets, setStatus]);

  const share = useCallback(async () => {
    if (!request.ok) {
      setStatus(request.message);
      return;
    }
    const dataset: DatasetRequest = request.request;
    const url = new URL(window.location.href);
    url.searchParams.set('state', encodeShareState({sql, dataset}));
    window.history.replaceState(null, '', url);
    setStatus(
      (await copyText(url.href))
        ? 'Share link copied. It holds the SQL, the dataset, its size and its seed.'
        : 'The share link is in the address bar (copying to the clipboard is not allowed here).',
    );
  }, [request, setStatus, sql]);

  const tables = [...new Set(schema.map((column) => column.table))];

  return (
    <div className={styles.lab} ref={labRef}>
      <form className={styles.controls} onSubmit={(event) => event.preventDefault()} aria-label="Dataset settings">
        <label>
          Dataset
          <select value={name} onChange={(event) => setName(event.target.value as DatasetName)}>
            {datasetNames.map((option) => (
              <option key={option} value={option}>
                {datasetDescriptions[option].title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Rows
          <input list="row-presets" inputMode="numeric" value={rowsText} onChange={(event) => setRowsText(event.target.value)} />
          <datalist id="row-presets">
            {Object.values(rowPresets).map((rows) => (
              <option key={rows} value={rows} />
            ))}
          </datalist>
        </label>
        <label>
          Seed
          <input inputMode="numeric" value={seedText} onChange={(event) => setSeedText(event.target.value)} />
        </label>
        <p className={styles.description}>{datasetDescriptions[name].description}</p>
        {!request.ok && (
          <p role="alert" className={styles.invalid}>
            {request.message}
          </p>
        )}
      </form>
      {notice && <p>{notice}</p>}
      <div className={styles.workspace}>
        <aside className={styles.schema} aria-label="Schema">
          <h2>Schema</h2>
          {tables.length === 0 ? (
            <p>Tables appear here after the first run.</p>
          ) : (
            tables.map((table) => (
              <details key={table} open={table === name}>
                <summary>{table}</summary>
                <ul>
                  {schema
                    .filter((column) => column.table === table)
                    .map((column) => (
                      <li key={column.column}>
                        <code>{column.column}</code> <span className={styles.type}>{column.type}</span>
                      </li>
                    ))}
                </ul>
              </details>
            ))
          )}
        </aside>
        <section className={styles.main} aria-label="Query">
          <LabToolbar
            running={running}
            onRun={runQuery}
            onCancel={cancel}
            onReset={reset}
            onShare={share}
            onCopy={async () => setStatus((await copyText(sql)) ? 'SQL copied.' : 'Copying is not allowed here.')}
          />
          <SqlEditor value={sql} onChange={changeSql} onRun={runQuery} label="SQL editor" />
          <p role="status">{status}</p>
          <LabOutcomeView outcome={outcome} caption="Query result" />
        </section>
      </div>
      <section aria-label="History" className={styles.history}>
        <h2>History</h2>
        {history.length === 0 ? (
          <p>Queries you run on this page are listed here; pick one to load it into the editor.</p>
        ) : (
          <ol>
            {history.map((entry, index) => (
              <li key={index}>
                <button type="button" className={styles.historyItem} onClick={() => changeSql(entry.sql)}>
                  <code>{entry.sql.split('\n').find((line) => !line.startsWith('--')) ?? entry.sql}</code>
                  <span> — {entry.summary}</span>
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
