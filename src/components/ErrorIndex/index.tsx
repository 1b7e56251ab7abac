import {useMemo, useState, type ReactNode} from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import {openInDecoder} from '@site/src/components/TraceDecoder/handoff';
import type {ErrorIndexProps, ErrorSummary} from '@site/src/plugins/errorPages';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';

function matches(entry: ErrorSummary, system: string, sqlClass: string, words: string): boolean {
  if (system && entry.system !== system) {
    return false;
  }
  if (sqlClass && (sqlClass === 'none' ? entry.sqlState !== null : entry.sqlState?.slice(0, 2) !== sqlClass)) {
    return false;
  }
  const query = words.trim().toLowerCase();
  return !query || `${entry.code} ${entry.message} ${entry.exceptionClass ?? ''}`.toLowerCase().includes(query);
}

/**
 * Every catalog entry, filterable by system, SQLSTATE class and words; rendered in full at build
 * time. The route passes the entries (src/plugins/errorPages.ts), so the page loads no catalog code.
 */
export default function ErrorIndex({entries: errorCatalog, systems: errorSystems, sqlStateClasses: allSqlStateClasses}: ErrorIndexProps): ReactNode {
  const [system, setSystem] = useState('');
  const [sqlClass, setSqlClass] = useState('');
  const [words, setWords] = useState('');
  const shown = useMemo(() => errorCatalog.filter((entry) => matches(entry, system, sqlClass, words)), [system, sqlClass, words]);
  return (
    <Layout title="Error reference" description="Kafka, Spark, Delta Lake, Databricks and JVM/TLS errors from plant pipelines: the exact message, what it means, causes, diagnosis, fixes and the playbook.">
      <main className="container margin-vert--lg">
        <h1>Error reference</h1>
        <p>
          {errorCatalog.length} errors that stop Kafka → Spark → Delta pipelines, each with the exact message, its SQLSTATE and exception class, what it means, how to
          diagnose and fix it, and the playbook it belongs to. Have a stack trace? <Link to="/errors/decode">Decode it</Link>.
        </p>
        <div className={styles.filters} role="search" aria-label="Filter the errors">
          <label>
            System{' '}
            <select value={system} onChange={(event) => setSystem(event.target.value)}>
              <option value="">all</option>
              {errorSystems.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            SQLSTATE class{' '}
            <select value={sqlClass} onChange={(event) => setSqlClass(event.target.value)}>
              <option value="">all</option>
              {allSqlStateClasses.map((item) => (
                <option key={item.code} value={item.code}>
                  {item.code}
                  {item.name ? ` — ${item.name}` : ''}
                </option>
              ))}
              <option value="none">no SQLSTATE</option>
            </select>
          </label>
          <label>
            Code or message{' '}
            <input type="search" value={words} onChange={(event) => setWords(event.target.value)} placeholder="e.g. INCOMPATIBLE_DATATYPE" />
          </label>
        </div>
        <p role="status">
          {shown.length === errorCatalog.length ? `All ${shown.length} errors.` : `${shown.length} of ${errorCatalog.length} errors match.`}
        </p>
        {shown.length === 0 && words.trim() && (
          <p className={styles.decodeHint}>
            The filter looks for these exact words in codes and message templates, so a message with its values filled in, or a log, matches nothing here.{' '}
            <Link to="/errors/decode" onClick={() => openInDecoder(words)}>
              Decode what you pasted
            </Link>{' '}
            instead: the decoder matches the templates with their values and follows the cause chain.
          </p>
        )}
        <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="Errors">
          <table className={frame.table}>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">System</th>
                <th scope="col">SQLSTATE</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) => (
                <tr key={entry.code}>
                  <th scope="row" className={styles.code}>
                    <Link to={entry.path}>{entry.code}</Link>
                  </th>
                  <td>{entry.system}</td>
                  <td>{entry.sqlState ? <code>{entry.sqlState}</code> : '—'}</td>
                  <td className={styles.message}>{entry.message.split('\n')[0]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </main>
    </Layout>
  );
}
