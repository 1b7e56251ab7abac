import type {ReactNode} from 'react';
import type {Table} from 'apache-arrow';
import {formatValue, typeLabel} from './format';
import styles from './styles.module.css';

/** Rows rendered at most; the caption gives the full count. */
export const displayedRowLimit = 1_000;

/** An Arrow result as an accessible table: column names with types, the first 1,000 rows. */
export default function ResultTable({table, caption}: {table: Table; caption: string}): ReactNode {
  const fields = table.schema.fields;
  const shown = Math.min(table.numRows, displayedRowLimit);
  const columns = fields.map((_, index) => table.getChildAt(index));
  const rows: ReactNode[] = [];
  for (let row = 0; row < shown; row += 1) {
    rows.push(
      <tr key={row}>
        {fields.map((field, index) => (
          <td key={field.name + index}>{formatValue(columns[index]?.get(row), field.type)}</td>
        ))}
      </tr>,
    );
  }
  const count =
    table.numRows > shown
      ? `${table.numRows.toLocaleString('en-US')} rows (first ${shown.toLocaleString('en-US')} shown)`
      : `${table.numRows.toLocaleString('en-US')} ${table.numRows === 1 ? 'row' : 'rows'}`;
  return (
    <div className={styles.scroller} tabIndex={0} role="region" aria-label={`${caption}: ${count}`}>
      <table className={styles.table}>
        <caption className={styles.caption}>{count}</caption>
        <thead>
          <tr>
            {fields.map((field, index) => (
              <th key={field.name + index} scope="col">
                <span className={styles.name}>{field.name}</span>
                <span className={styles.type}>{typeLabel(field.type)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows}</tbody>
      </table>
    </div>
  );
}
