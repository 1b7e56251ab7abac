import type {EngineErrorInfo, RuntimeStatus, StartProgress} from '@site/playground';

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** The engine's start, step by step: download (bytes), compile, open. */
function describeStart(progress: StartProgress | undefined): string {
  switch (progress?.step) {
    case undefined:
      return 'Starting the SQL engine (DuckDB-WASM, served by this site)…';
    case 'downloading':
      return progress.bytesTotal === undefined
        ? `Starting the SQL engine, step 1 of 3: downloading DuckDB-WASM from this site, ${megabytes(progress.bytesLoaded)} so far…`
        : `Starting the SQL engine, step 1 of 3: downloading DuckDB-WASM from this site, ${megabytes(progress.bytesLoaded)} of ${megabytes(progress.bytesTotal)} (${Math.round((progress.bytesLoaded / progress.bytesTotal) * 100)}%)…`;
    case 'instantiating':
      return `Starting the SQL engine, step 2 of 3: compiling DuckDB-WASM (${megabytes(progress.bytesLoaded)} downloaded)…`;
    case 'opening':
      return 'Starting the SQL engine, step 3 of 3: opening the database…';
  }
}

/** The status line's words for what the runtime is doing. */
export function describeStatus(status: RuntimeStatus): string {
  switch (status.phase) {
    case 'starting':
      return describeStart(status.progress);
    case 'generating': {
      const share = status.rowsTotal === 0 ? 0 : Math.round((status.rowsDone / status.rowsTotal) * 100);
      return `Generating ${status.dataset}: ${status.rowsDone.toLocaleString('en-US')} of ${status.rowsTotal.toLocaleString('en-US')} rows (${share}%)…`;
    }
    case 'running':
      return 'Running the query… (Cancel stops it)';
    case 'restarting':
      return status.reason === 'cancel-timeout'
        ? 'The query did not stop: restarting the engine and restoring the datasets…'
        : 'The engine failed: restarting it and restoring the datasets…';
    case 'ready':
      return 'Ready.';
  }
}

/** A hint that helps with an error, where there is one. */
export function errorHint(error: EngineErrorInfo): string | undefined {
  switch (error.kind) {
    case 'missing-extension':
      return `This offline build of DuckDB has no ${error.extension} extension. ${error.alternative ?? ''}`.trim();
    case 'engine-failed':
      return 'The engine was restarted and the datasets were restored; your SQL is still in the editor.';
    case 'cancelled':
      return undefined;
    case 'sql':
      if (/Table with name \S+ does not exist/i.test(error.message)) {
        return 'If you dropped or renamed a generated table, Reset brings the datasets back.';
      }
      if (/Out of Memory Error/i.test(error.message)) {
        return 'DuckDB in this tab keeps every table in memory and has run out (about 3 GiB). Drop tables you no longer need (DROP TABLE name) or choose fewer events.';
      }
      if (/Parser Error/i.test(error.message)) {
        return 'DuckDB could not parse the SQL: check the spot the caret points at.';
      }
      return undefined;
  }
}
