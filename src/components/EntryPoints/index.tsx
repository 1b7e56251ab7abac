import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import styles from './styles.module.css';

export interface EntryPoint {
  title: string;
  description: string;
  to: string;
}

/** The first choices a visitor has: a row of large links. */
export default function EntryPoints({entries}: {entries: readonly EntryPoint[]}): ReactNode {
  return (
    <nav aria-label="Start here" className={styles.entryPoints}>
      {entries.map((entry) => (
        <Link key={entry.to} to={entry.to} className={styles.entry}>
          <span className={styles.title}>{entry.title}</span>
          <span className={styles.description}>{entry.description}</span>
        </Link>
      ))}
    </nav>
  );
}
