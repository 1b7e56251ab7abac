import {quoteIdentifier} from '../sql/quote';
import {str, type StepLog} from '../lab/step';

/** A column as DuckDB's information_schema reports it. */
export interface TableColumn {
  name: string;
  type: string;
}

/** The columns of `table` in order; empty when there is no such table. */
export async function tableColumns(log: StepLog, table: string): Promise<TableColumn[]> {
  const rows = await log.rows(
    `SELECT column_name, data_type
FROM information_schema.columns
WHERE table_name = ?
ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((row) => ({name: str(row, 'column_name'), type: str(row, 'data_type')}));
}

/** The columns of a source table that must exist, with the map column among them. */
export async function sourceColumns(log: StepLog, source: string, mapColumn: string): Promise<TableColumn[]> {
  const columns = await tableColumns(log, source);
  if (columns.length === 0) {
    throw new RangeError(`There is no table ${JSON.stringify(source)}: load the sensor_events dataset first.`);
  }
  if (!columns.some((column) => column.name.toLowerCase() === mapColumn.toLowerCase())) {
    throw new RangeError(`Table ${JSON.stringify(source)} has no column ${JSON.stringify(mapColumn)}.`);
  }
  return columns;
}

/** A computed column of a projection. */
export interface ProjectedColumn {
  expression: string;
  column: string;
}

/**
 * A SELECT of the base columns followed by computed ones, one per line: a single projection,
 * however many keys there are (a loop of withColumn calls in Spark would add one per column).
 */
export function projectionSql(source: string, baseColumns: readonly string[], computed: readonly ProjectedColumn[], where = ''): string {
  const lines = [
    ...baseColumns.map(quoteIdentifier),
    ...computed.map(({expression, column}) => `${expression} AS ${quoteIdentifier(column)}`),
  ];
  return `SELECT
  ${lines.join(',\n  ')}
FROM ${quoteIdentifier(source)}${where ? `\n${where}` : ''}`;
}
