/**
 * The source tables the change stream captures: an MES database's work orders and machine master
 * data, as a PostgreSQL connector (pgoutput) would capture them. One column of each table is
 * added mid-stream (`ALTER TABLE ... ADD COLUMN`), so events before it lack the field.
 */

/** A source column; DuckDB types that stand for what the JSON converter writes. */
export interface SourceColumn {
  name: string;
  type: 'BIGINT' | 'INTEGER' | 'VARCHAR';
}

export interface SourceTable {
  name: 'work_order' | 'machine';
  /** The primary key: Debezium's message key holds it, and it decides the Kafka partition. */
  key: SourceColumn;
  /** The other columns, the added one last. */
  columns: readonly SourceColumn[];
  /** The column added mid-stream. */
  addedColumn: string;
}

export const sourceTables: Record<SourceTable['name'], SourceTable> = {
  work_order: {
    name: 'work_order',
    key: {name: 'work_order_id', type: 'BIGINT'},
    columns: [
      {name: 'plant_id', type: 'VARCHAR'},
      {name: 'machine_id', type: 'VARCHAR'},
      {name: 'material', type: 'VARCHAR'},
      {name: 'status', type: 'VARCHAR'},
      {name: 'qty_planned', type: 'INTEGER'},
      {name: 'qty_confirmed', type: 'INTEGER'},
      // PostgreSQL `timestamp` arrives as io.debezium.time.MicroTimestamp: microseconds since the epoch.
      {name: 'updated_at', type: 'BIGINT'},
      {name: 'priority', type: 'INTEGER'},
    ],
    addedColumn: 'priority',
  },
  machine: {
    name: 'machine',
    key: {name: 'machine_id', type: 'VARCHAR'},
    columns: [
      {name: 'plant_id', type: 'VARCHAR'},
      {name: 'line_id', type: 'VARCHAR'},
      {name: 'machine_type', type: 'VARCHAR'},
      {name: 'firmware', type: 'VARCHAR'},
      {name: 'status', type: 'VARCHAR'},
      {name: 'updated_at', type: 'BIGINT'},
      {name: 'criticality', type: 'VARCHAR'},
    ],
    addedColumn: 'criticality',
  },
};

/** The Kafka topic Debezium writes a table to: `<topic.prefix>.<schema>.<table>`. */
export function topicOf(table: SourceTable): string {
  return `mes_de01.public.${table.name}`;
}

/** The table's columns, key first. */
export function allColumns(table: SourceTable): SourceColumn[] {
  return [table.key, ...table.columns];
}
