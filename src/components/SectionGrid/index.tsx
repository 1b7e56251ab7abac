import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {catalogSections, docsPath} from '@site/src/data/catalog';
import styles from './styles.module.css';

/** The 11 catalog sections as cards, in catalog order, each with its priority. */
export default function SectionGrid(): ReactNode {
  return (
    <ol className={styles.grid}>
      {catalogSections.map((section) => (
        <li key={section.dir}>
          <Link to={docsPath(section.dir)} className={styles.card}>
            <span className={styles.number}>{section.dir.slice(0, 2)}</span>
            <span className={styles.title}>{section.title}</span>
            <span className={styles.summary}>{section.summary}</span>
            <span className={styles.meta}>
              Priority {section.priority} · {section.patterns.length} patterns
            </span>
          </Link>
        </li>
      ))}
    </ol>
  );
}
