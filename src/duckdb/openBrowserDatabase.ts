import * as duckdb from '@duckdb/duckdb-wasm';
import type {DownloadProgress} from '@site/playground';

/**
 * The only module that knows where the DuckDB-WASM bundles live. `new URL(..., import.meta.url)`
 * makes the bundler copy them into the build, so they are served by the site itself.
 */
const bundles: duckdb.DuckDBBundles = {
  mvp: {
    mainModule: new URL('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm', import.meta.url).href,
    mainWorker: new URL('@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js', import.meta.url).href,
  },
  eh: {
    mainModule: new URL('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm', import.meta.url).href,
    mainWorker: new URL('@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js', import.meta.url).href,
  },
};

/** A wrong MIME type makes instantiate() hang silently; fail with a message instead. */
const startTimeoutMs = 60_000;

/**
 * Starts DuckDB-WASM in a Web Worker, using the exception-handling build where the browser has it.
 * `onDownload` gets the bytes of the WebAssembly module as the worker streams it in (DuckDB-WASM's
 * `instantiate` progress callback, `InstantiationProgress` in its bindings/progress.ts).
 */
export async function openBrowserDatabase(onDownload: (report: DownloadProgress) => void = () => {}): Promise<duckdb.AsyncDuckDB> {
  const bundle = await duckdb.selectBundle(bundles);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('The SQL engine did not start within 60 s. Reload the page to try again.')),
      startTimeoutMs,
    );
  });
  try {
    await Promise.race([db.instantiate(bundle.mainModule, bundle.pthreadWorker, ({bytesLoaded, bytesTotal}) => onDownload({bytesLoaded, bytesTotal})), timeout]);
  } catch (error) {
    await db.terminate();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return db;
}
