import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {errorCatalog, errorPath, type ErrorSystem} from '@site/playground';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';

/** The catalog's entries of one system as a table, rendered at build time from the same data as /errors. */
export default function ErrorTable({system}: {system: ErrorSystem}): ReactNode {
  const entries = errorCatalog.filter((entry) => entry.system === system);
  return (
    <div className={frame.tableScroller} tabIndex={0} role="region" aria-label={`${system} errors`}>
      <table className={frame.table}>
        <caption>
          {entries.length} {system} errors in the catalog
        </caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">SQLSTATE</th>
            <th scope="col">Message</th>
            <th scope="col">What it means</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.code}>
              <th scope="row" className={styles.code}>
                <Link to={errorPath(entry.code)}>{entry.code}</Link>
              </th>
              <td>{entry.sqlState ? <code>{entry.sqlState}</code> : '—'}</td>
              <td>
                <code className={styles.message}>{entry.message.split('\n')[0]}</code>
              </td>
              <td>{entry.meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
