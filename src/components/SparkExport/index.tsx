import {useMemo, useState, type ReactNode} from 'react';
import CodeBlock from '@theme/CodeBlock';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';

/** One language the export can write. */
export interface ExportFormat {
  id: string;
  label: string;
  /** The code block's language and file name. */
  language: 'python' | 'sql' | 'json';
  fileName: string;
  /** Writes the code for the table names; throws a RangeError naming the field when one is wrong. */
  render: (tables: Record<string, string>) => string;
}

/** A table name the reader sets: the option name the export takes, its label and its default. */
export interface ExportTable {
  option: string;
  label: string;
  defaultName: string;
}

/**
 * Code for the reader's own Spark tables: pick a language, name the tables, copy the code (the
 * code block has a copy button). A bad table name is explained in words; the code of the last
 * good names is not shown as if it were current.
 */
export default function SparkExport({formats, tables, name}: {formats: readonly ExportFormat[]; tables: readonly ExportTable[]; name: string}): ReactNode {
  const [formatId, setFormatId] = useState(formats[0]?.id ?? '');
  const [names, setNames] = useState<Record<string, string>>(() => Object.fromEntries(tables.map((table) => [table.option, table.defaultName])));
  const format = formats.find((candidate) => candidate.id === formatId) ?? formats[0];
  const exported = useMemo(() => {
    if (!format) {
      return {problem: 'Nothing to export.'};
    }
    try {
      return {code: format.render(names)};
    } catch (error) {
      let message = error instanceof Error ? error.message : String(error);
      message = message.replace(/^\w+: /, '');
      for (const table of tables) {
        message = message.replace(`${table.option}:`, `${table.label}:`);
      }
      return {problem: message};
    }
  }, [format, names, tables]);
  return (
    <div className={styles.export}>
      <div className={styles.controls}>
        <fieldset className={frame.choice}>
          <legend>Export as</legend>
          {formats.map((candidate) => (
            <label key={candidate.id}>
              <input type="radio" name={`${name}-format`} value={candidate.id} checked={candidate.id === format?.id} onChange={() => setFormatId(candidate.id)} />{' '}
              {candidate.label}
            </label>
          ))}
        </fieldset>
        {tables.map((table) => (
          <label key={table.option} className={styles.field}>
            {table.label}
            <input
              value={names[table.option] ?? ''}
              onChange={(event) => setNames((current) => ({...current, [table.option]: event.target.value}))}
              spellCheck={false}
            />
          </label>
        ))}
      </div>
      {'problem' in exported ? (
        <p role="alert" className={styles.problem}>
          {exported.problem}
        </p>
      ) : (
        <CodeBlock language={format!.language} title={format!.fileName}>
          {exported.code}
        </CodeBlock>
      )}
    </div>
  );
}
