import {tableFromArrays, type Table} from 'apache-arrow';
import {loadDataset, type SqlEngine} from '../../playground';
import {openNodeEngine} from '../../playground/node';

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

/** Copies the WASM-generated 1M events, every column, into native DuckDB, so both engines query the same rows. */
export async function copyEventsToNative(api: NativeApi, native: NativeConnection, seed: number, malformedRate?: number): Promise<void> {
  const engine = await openNodeEngine();
  try {
    await loadDataset(engine, {name: 'sensor_events', rows: 1_000_000, seed, malformedRate});
    await native.run('DROP TABLE IF EXISTS sensor_events');
    const table = await engine.query('SELECT * FROM sensor_events');
    await native.run(`CREATE TABLE sensor_events (
      event_id BIGINT, plant_id VARCHAR, line_id VARCHAR, machine_id VARCHAR, machine_type VARCHAR, firmware VARCHAR,
      event_ts TIMESTAMP, ingest_ts TIMESTAMP, customExtension MAP(VARCHAR, VARCHAR))`);
    const appender = await native.createAppender('sensor_events');
    const column = (name: string) => table.getChild(name)!;
    const [ids, plants, lines, machines, types, firmware, times, ingested, maps] = [
      'event_id', 'plant_id', 'line_id', 'machine_id', 'machine_type', 'firmware', 'event_ts', 'ingest_ts', 'customExtension',
    ].map(column) as [ReturnType<typeof column>, ...ReturnType<typeof column>[]];
    const timestamp = (epochMs: unknown) => new api.DuckDBTimestampValue(BigInt(epochMs as number) * 1000n);
    for (let row = 0; row < table.numRows; row += 1) {
      appender.appendBigInt(BigInt(ids.get(row) as bigint));
      for (const text of [plants, lines, machines, types, firmware]) {
        appender.appendVarchar(String(text!.get(row)));
      }
      appender.appendTimestamp(timestamp(times!.get(row)));
      appender.appendTimestamp(timestamp(ingested!.get(row)));
      const entries = [...(maps!.get(row) as Iterable<[string, string | null]>)].map(([key, value]) => ({key, value}));
      appender.appendMap(api.mapValue(entries));
      appender.endRow();
    }
    appender.closeSync();
  } finally {
    await engine.close();
  }
}
