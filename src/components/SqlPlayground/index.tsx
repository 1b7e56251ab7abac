import {useCallback, useEffect, useMemo, useRef, useState, type ReactNode} from 'react';
import {decodeShareState, encodeShareState, parsePlaygroundMeta, type DatasetRequest} from '@site/playground';
import {LabOutcomeView, LabToolbar} from './LabParts';
import {useLabRunner} from './useLabRunner';
import {usePrestart} from '@site/src/duckdb/usePrestart';
import {copyText, readStorage, writeStorage} from './browser';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';
import SqlEditor from '@site/src/components/SqlEditor/Deferred';

export interface SqlPlaygroundProps {
  /** The SQL as the author wrote it. */
  code: string;
  /** The code block's meta string (`playground dataset=... rows=... seed=...`). */
  meta: string;
}

/** A stable, short id for saved edits and share links: an FNV-1a hash of page and SQL. */
function blockId(pathname: string, code: string): string {
  let hash = 0x811c9dc5;
  for (const char of `${pathname}\n${code}`) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  }
  return `lab-${(hash >>> 0).toString(36)}`;
}

/** A runnable SQL lab: Monaco editor, DuckDB-WASM over a generated dataset, results as a table. */
export default function SqlPlayground({code, meta}: SqlPlaygroundProps): ReactNode {
  const parsedMeta = useMemo(() => parsePlaygroundMeta(meta), [meta]);
  const id = parsedMeta.ok && parsedMeta.meta.id ? parsedMeta.meta.id : blockId(window.location.pathname, code);
  const storageKey = `mdp-playground:${id}`;

  const [dataset, setDataset] = useState<DatasetRequest | undefined>(parsedMeta.ok ? parsedMeta.meta.dataset : undefined);
  const withDatasets = useMemo(() => (parsedMeta.ok ? (parsedMeta.meta.withDatasets ?? []) : []), [parsedMeta]);
  const [sql, setSql] = useState(code);
  const [notice, setNotice] = useState<string | undefined>();
  const {status, setStatus, running, outcome, run: runSql, cancel, resetDatasets} = useLabRunner(
    'Ready to run. The SQL engine starts when this lab comes into view, or on the first run.',
  );
  const containerRef = useRef<HTMLElement>(null);
  usePrestart(containerRef, dataset ? [dataset, ...withDatasets] : []);

  // Saved edits first, then a share link addressed to this lab (it wins, and says so).
  useEffect(() => {
    const saved = readStorage(storageKey);
    if (saved !== undefined) {
      setSql(saved);
    }
    const params = new URLSearchParams(window.location.search);
    const shared = params.get('state');
    if (params.get('lab') === id && shared) {
      const decoded = decodeShareState(shared);
      if (decoded.ok) {
        setSql(decoded.state.sql);
        setDataset(decoded.state.dataset);
        setNotice('Showing the SQL and data from a shared link.');
        containerRef.current?.scrollIntoView();
      } else {
        setNotice(`${decoded.message} Your own SQL is shown instead.`);
      }
    }
  }, [id, storageKey]);

  const changeSql = useCallback(
    (next: string) => {
      setSql(next);
      writeStorage(storageKey, next === code ? undefined : next);
    },
    [code, storageKey],
  );

  const run = useCallback(async () => {
    if (dataset) {
      await runSql(sql, [dataset, ...withDatasets]);
    }
  }, [dataset, runSql, sql, withDatasets]);

  const reset = useCallback(async () => {
    changeSql(code);
    const original = parsedMeta.ok ? parsedMeta.meta.dataset : dataset;
    setDataset(original);
    if (original) {
      await resetDatasets([original, ...withDatasets]);
    }
    setStatus('Reset: the original SQL and data are back.');
  }, [changeSql, code, dataset, parsedMeta, resetDatasets, setStatus, withDatasets]);

  const share = useCallback(async () => {
    if (!dataset) {
      return;
    }
    const url = new URL(window.location.href);
    url.searchParams.set('lab', id);
    url.searchParams.set('state', encodeShareState({sql, dataset}));
    url.hash = id;
    window.history.replaceState(null, '', url);
    setStatus(
      (await copyText(url.href))
        ? 'Share link copied. It holds the SQL, the dataset, its size and its seed.'
        : 'The share link is in the address bar (copying to the clipboard is not allowed here).',
    );
  }, [dataset, id, setStatus, sql]);

  const copy = useCallback(async () => {
    setStatus(
      (await copyText(sql)) ? 'SQL copied.' : 'Copying to the clipboard is not allowed here: select the SQL and copy it by hand.',
    );
  }, [setStatus, sql]);

  if (!parsedMeta.ok || !dataset) {
    return (
      <div className={frame.frame} role="alert">
        This playground block is misconfigured: {parsedMeta.ok ? 'no dataset' : parsedMeta.message}
      </div>
    );
  }

  const joined = withDatasets.length > 0 ? ` with ${withDatasets.map((extra) => extra.name).join(', ')}` : '';
  const data = `${dataset.name} (${dataset.rows.toLocaleString('en-US')} rows, seed ${dataset.seed})${joined}`;
  // A title tells the labs of one page apart, for screen readers as much as on screen.
  const label = parsedMeta.ok && parsedMeta.meta.title ? `SQL lab: ${parsedMeta.meta.title}, on ${data}` : `SQL lab on ${data}`;

  return (
    <section ref={containerRef} id={id} className={frame.frame} aria-label={label}>
      <header className={styles.header}>
        <span className={styles.title}>{label}</span>
        <LabToolbar running={running} onRun={run} onCancel={cancel} onReset={reset} onShare={share} onCopy={copy} />
      </header>
      {notice && <p className={styles.notice}>{notice}</p>}
      <div className={frame.editor}>
        <SqlEditor value={sql} onChange={changeSql} onRun={run} label={`SQL editor: ${label}`} />
      </div>
      <p role="status" className={frame.status}>
        {status}
      </p>
      <LabOutcomeView outcome={outcome} caption={`Result of ${label}`} />
    </section>
  );
}
