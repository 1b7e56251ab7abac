import type {AsyncDuckDB, AsyncDuckDBConnection} from '@duckdb/duckdb-wasm';
import {Table, type RecordBatch} from 'apache-arrow';
import type {SqlEngine, SqlParam} from './engine';
import {EngineError, classifyEngineError} from './errors';
import {quoteIdentifier} from './quote';

/**
 * Settings applied to every connection so the engine never reaches for the network: with
 * external access off, a query that needs a missing extension fails with a clear catalog error
 * instead of downloading it (or hanging, as the ICU autoload does in Node).
 */
const offlineSettings = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET enable_external_access = false',
];

type BatchReader = Awaited<ReturnType<AsyncDuckDBConnection['send']>>;

async function readAll(reader: BatchReader | undefined): Promise<Table> {
  // DuckDB-WASM answers with nothing when its worker is gone (crashed or terminated).
  if (!reader) {
    throw new EngineError({kind: 'engine-failed', message: 'The DuckDB worker stopped responding.'});
  }
  await reader.open();
  const schema = reader.schema;
  const batches: RecordBatch[] = [];
  for await (const batch of reader) {
    batches.push(batch);
  }
  return new Table(schema, batches);
}

/**
 * A `SqlEngine` over an instantiated DuckDB-WASM database. The caller creates the database
 * with the worker of its platform (a Web Worker in the browser, a worker thread in Node).
 */
export async function openDuckDbEngine(db: AsyncDuckDB): Promise<SqlEngine> {
  const connection = await db.connect();
  for (const setting of offlineSettings) {
    await connection.query(setting);
  }

  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw new EngineError(classifyEngineError(error));
    }
  };

  return {
    query: (sql: string, params: readonly SqlParam[] = []) =>
      run(async () => {
        if (params.length === 0) {
          return readAll(await connection.send(sql, true));
        }
        const statement = await connection.prepare(sql);
        try {
          return await readAll(await statement.send(...params));
        } finally {
          await statement.close();
        }
      }),
    insertArrow: (name: string, table: Table, mode: 'create' | 'append') =>
      run(async () => {
        if (mode === 'create') {
          await connection.query(`DROP TABLE IF EXISTS ${quoteIdentifier(name)}`);
        }
        await connection.insertArrowTable(table, {name, create: mode === 'create'});
      }),
    cancel: () => connection.cancelSent(),
    close: async () => {
      await connection.close();
      await db.terminate();
    },
  };
}
