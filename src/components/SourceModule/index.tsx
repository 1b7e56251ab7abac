import {useEffect, useRef, useState, type ReactNode} from 'react';
import CodeBlock from '@theme/CodeBlock';
import styles from './styles.module.css';

const languages: Record<string, string> = {
  ts: 'typescript',
  tsx: 'tsx',
  py: 'python',
  sql: 'sql',
  yaml: 'yaml',
  yml: 'yaml',
  sh: 'bash',
  java: 'java',
  json: 'json',
};

/** The anchor of a module on its page, e.g. `source-playground-runtime-ts`. */
export function sourceAnchor(path: string): string {
  return `source-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}`;
}

export interface SourceModuleProps {
  /** The file's path in the repository, shown as its title. */
  path: string;
  /** The file's text, imported with `?raw`. */
  source: string;
  /** One sentence on what the module does. */
  summary: string;
}

/**
 * A full source module rendered in the page (so it works offline), collapsed by default,
 * with a deep link that opens it. Closed, it holds the text as one plain block (searchable, a
 * few DOM nodes); highlighted with line numbers (a dozen nodes a line) once opened.
 */
export default function SourceModule({path, source, summary}: SourceModuleProps): ReactNode {
  const anchor = sourceAnchor(path);
  const details = useRef<HTMLDetailsElement>(null);
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (window.location.hash === `#${anchor}` && details.current) {
      details.current.open = true;
      setOpened(true);
      details.current.scrollIntoView();
    }
  }, [anchor]);
  const extension = path.split('.').pop() ?? '';
  const lines = source.split('\n').length;
  return (
    <details ref={details} id={anchor} className={styles.module} onToggle={(event) => event.currentTarget.open && setOpened(true)}>
      <summary>
        <code>{path}</code> — {summary} <span className={styles.meta}>({lines} lines)</span>
      </summary>
      <p className={styles.permalink}>
        <a href={`#${anchor}`}>Link to this module</a>
      </p>
      {opened ? (
        <CodeBlock language={languages[extension] ?? 'text'} title={path} showLineNumbers>
          {source}
        </CodeBlock>
      ) : (
        <pre>
          <code>{source}</code>
        </pre>
      )}
    </details>
  );
}
