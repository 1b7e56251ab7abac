import {tableFromArrays, type Table} from 'apache-arrow';
import type {SqlEngine} from '../../playground';

/**
 * The parts of @duckdb/node-api (native DuckDB) the benchmark uses. `npm run bench` installs the
 * package without saving it: its per-platform binaries cannot be recorded in this project's lock
 * file, and nothing but the benchmark needs it.
 */
export interface NativeConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string, values?: unknown[]): Promise<{getColumnsObjectJS(): Record<string, unknown[]>}>;
  createAppender(table: string): Promise<{
    appendBigInt(value: bigint): void;
    appendInteger(value: number): void;
    appendDouble(value: number): void;
    appendVarchar(value: string): void;
    appendTimestamp(value: unknown): void;
    appendMap(value: unknown): void;
    appendNull(): void;
    endRow(): void;
    closeSync(): void;
  }>;
  closeSync(): void;
}
export interface NativeApi {
  DuckDBInstance: {create(path: string, options?: Record<string, string>): Promise<{connect(): Promise<NativeConnection>; closeSync(): void}>};
  DuckDBTimestampValue: new (micros: bigint) => unknown;
  mapValue(entries: {key: string; value: string | null}[]): unknown;
}
export const nativeApiPackage = '@duckdb/node-api';

/**
 * Native DuckDB behind the engine interface the simulation takes: results come back as Arrow
 * tables built from the result's columns, and `insertArrow` appends row by row (the simulation
 * inserts only its small key and sink tables).
 */
export function nativeSqlEngine(api: NativeApi, connection: NativeConnection): SqlEngine {
  const sqlTypes: Record<string, string> = {Int32: 'INTEGER', Int64: 'BIGINT', Float64: 'DOUBLE', Utf8: 'VARCHAR', 'Timestamp<MICROSECOND>': 'TIMESTAMP'};
  return {
    async query(sql, params = []) {
      const reader = await connection.runAndReadAll(sql, [...params]);
      return tableFromArrays(reader.getColumnsObjectJS() as Record<string, never[]>) as unknown as Table;
    },
    async insertArrow(name, table) {
      const columns = table.schema.fields.map((field) => ({name: field.name, type: sqlTypes[String(field.type)] ?? 'VARCHAR'}));
      await connection.run(`CREATE OR REPLACE TABLE "${name}" (${columns.map((column) => `"${column.name}" ${column.type}`).join(', ')})`);
      const appender = await connection.createAppender(name);
      const vectors = columns.map((column) => table.getChild(column.name)!);
      for (let row = 0; row < table.numRows; row += 1) {
        columns.forEach((column, index) => {
          const value = vectors[index]!.get(row);
          if (value === null) appender.appendNull();
          else if (column.type === 'INTEGER') appender.appendInteger(Number(value));
          else if (column.type === 'BIGINT') appender.appendBigInt(BigInt(value as number));
          else if (column.type === 'DOUBLE') appender.appendDouble(Number(value));
          else if (column.type === 'TIMESTAMP') appender.appendTimestamp(new api.DuckDBTimestampValue(BigInt(Math.round(Number(value) * 1000))));
          else appender.appendVarchar(String(value));
        });
        appender.endRow();
      }
      appender.closeSync();
    },
    cancel: async () => false,
    close: async () => undefined,
  };
}

