import type {ReactNode} from 'react';
import {checkCompatibility, parseSparkType, sqlTypeName, type CompatibilityContext, type Finding, type SparkType} from '@site/playground';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';

const typeNames = ['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL(10,2)', 'DECIMAL(12,2)', 'DECIMAL(12,4)', 'STRING', 'BOOLEAN', 'BINARY', 'DATE', 'TIMESTAMP', 'TIMESTAMP_NTZ'];

const types: SparkType[] = typeNames.map((name) => {
  const parsed = parseSparkType(name);
  if (!parsed.ok) {
    throw new Error(`${name}: ${parsed.error.message}`);
  }
  return parsed.type;
});

/** A cell's words: short enough for a 15-column table, complete enough without the colour. */
function cellOf(finding: Finding | undefined): {text: string; verdict: string} {
  if (!finding) {
    return {text: '?', verdict: 'unknown'};
  }
  switch (finding.verdict) {
    case 'identical':
      return {text: '=', verdict: 'identical'};
    case 'widen':
      return {text: `widen to ${sqlTypeName(finding.result!)}`, verdict: 'widen'};
    case 'keep-current':
      return {text: 'cast', verdict: 'keep-current'};
    default:
      return finding.alterTableOnly ? {text: 'ALTER only', verdict: 'alter'} : {text: 'error', verdict: 'incompatible'};
  }
}

/**
 * Every pair of common column types checked with the engine in one context: the rows are the
 * table's type, the columns the incoming type. Computed at build time from the same checker the
 * lab runs, so the table cannot drift from it.
 */
export default function CompatibilityMatrix({context, caption}: {context: CompatibilityContext; caption: string}): ReactNode {
  return (
    <div className={frame.tableScroller} tabIndex={0} role="region" aria-label={caption}>
      <table className={`${frame.table} ${styles.matrix}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">table ↓ / incoming →</th>
            {typeNames.map((name) => (
              <th scope="col" key={name}>
                <code>{name}</code>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {types.map((current, row) => (
            <tr key={typeNames[row]}>
              <th scope="row">
                <code>{typeNames[row]}</code>
              </th>
              {types.map((update, column) => {
                const report = checkCompatibility(
                  {kind: 'struct', fields: [{name: 'c', type: current, nullable: true, metadata: {}}]},
                  {kind: 'struct', fields: [{name: 'c', type: update, nullable: true, metadata: {}}]},
                  {context, mergeSchema: true},
                );
                const cell = cellOf(report.findings[0]);
                return (
                  <td key={typeNames[column]} className={styles[cell.verdict]}>
                    {cell.text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
