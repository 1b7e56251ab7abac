/**
 * Node-only entry: a DuckDB-WASM engine in a worker thread, for tests, benchmarks and scripts.
 * The browser never imports this file.
 */
import {createRequire} from 'node:module';
import {dirname, join, resolve} from 'node:path';
import Worker from 'web-worker';
import type {AsyncDuckDB} from '@duckdb/duckdb-wasm';
import type {SqlEngine} from './sql/engine';
import {openDuckDbEngine} from './sql/duckdb';

// Resolved from the project root (tests, benchmarks and scripts run there), so this file loads
// both as an ES module (vitest) and as CommonJS (Playwright's test loader).
const requireFromProject = createRequire(resolve('package.json'));

interface DuckDbNodeModule {
  AsyncDuckDB: new (logger: unknown, worker: unknown) => AsyncDuckDB;
  VoidLogger: new () => unknown;
}

/** Instantiates DuckDB-WASM (the `eh` build, as in the browser) in a worker thread. */
export async function openNodeDatabase(): Promise<AsyncDuckDB> {
  const nodeBundle = requireFromProject.resolve('@duckdb/duckdb-wasm/dist/duckdb-node.cjs');
  const distDir = dirname(nodeBundle);
  const duckdb = requireFromProject(nodeBundle) as DuckDbNodeModule;
  // The worker bundle is CommonJS; the web-worker polyfill only gives it `module` as an ES module worker.
  const worker = new Worker(join(distDir, 'duckdb-node-eh.worker.cjs'), {type: 'module'});
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(join(distDir, 'duckdb-eh.wasm'));
  return db;
}

/** Opens a fresh in-memory engine. Close it when done. */
export async function openNodeEngine(): Promise<SqlEngine> {
  return openDuckDbEngine(await openNodeDatabase());
}
