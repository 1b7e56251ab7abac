import type {AsyncDuckDB} from '@duckdb/duckdb-wasm';
import type {Table} from 'apache-arrow';
import {loadDataset, type DatasetName, type DatasetRequest, type DatasetSummary} from './datasets';
import type {SqlEngine} from './sql/engine';
import {openDuckDbEngine} from './sql/duckdb';
import {EngineError, classifyEngineError} from './sql/errors';

/**
 * How far the engine's start has got: the WebAssembly download (bytes as they arrive), then
 * compiling and instantiating it, then opening the connection.
 */
export type StartProgress =
  | {step: 'downloading'; bytesLoaded: number; bytesTotal: number | undefined}
  | {step: 'instantiating'; bytesLoaded: number}
  | {step: 'opening'};

/** What the runtime is doing, for a status line. */
export type RuntimeStatus =
  | {phase: 'starting'; progress?: StartProgress}
  | {phase: 'generating'; dataset: DatasetName; rowsDone: number; rowsTotal: number}
  | {phase: 'running'}
  | {phase: 'restarting'; reason: 'cancel-timeout' | 'engine-failed'}
  | {phase: 'ready'};

/** How a cancel ended: the query stopped, or the engine had to be restarted to stop it. */
export type CancelOutcome = 'cancelled' | 'restarted' | 'nothing-running';

/** The download progress DuckDB-WASM's `instantiate` reports (its `InstantiationProgress`, without the dates). */
export interface DownloadProgress {
  bytesLoaded: number;
  bytesTotal: number;
}

/**
 * The next start step after a download report. Bytes only grow (reports can arrive out of order
 * from the worker); a total of 0, or one smaller than the bytes loaded (a compressed response
 * whose Content-Length counts compressed bytes), is unknown; the download is over once the known
 * total has arrived, and compiling is what remains. Once past the download, a late report does
 * not move the step back.
 */
export function nextStartProgress(previous: StartProgress | undefined, report: DownloadProgress): StartProgress {
  if (previous && previous.step === 'opening') {
    return previous;
  }
  const bytesLoaded = Math.max(report.bytesLoaded, previous?.bytesLoaded ?? 0);
  const bytesTotal = report.bytesTotal > 0 && report.bytesTotal >= bytesLoaded ? report.bytesTotal : undefined;
  if (previous?.step === 'instantiating' || (bytesTotal !== undefined && bytesLoaded >= bytesTotal)) {
    return {step: 'instantiating', bytesLoaded};
  }
  return {step: 'downloading', bytesLoaded, bytesTotal};
}

/** Opens the database; `onDownload` receives the WebAssembly download's progress where the platform reports it. */
export type OpenDatabase = (onDownload: (report: DownloadProgress) => void) => Promise<AsyncDuckDB>;

/** A cancelled query that has not stopped after this long gets the engine restarted. */
export const cancelGraceMs = 1_500;

/**
 * One DuckDB instance shared by the labs on a page: it starts on demand, loads datasets,
 * serializes queries, and restarts itself (reloading every dataset it had) when a query will
 * not stop or the WebAssembly instance breaks. The database factory is injected, so the same
 * runtime runs on a Web Worker in the browser and a worker thread in Node.
 */
export class PlaygroundRuntime {
  private engine: Promise<SqlEngine> | undefined;
  private readonly datasets = new Map<DatasetName, DatasetRequest>();
  private queue: Promise<unknown> = Promise.resolve();
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly openDatabase: OpenDatabase,
    private readonly onStatus: (status: RuntimeStatus) => void = () => {},
  ) {}

  /** The datasets loaded now, with the sizes and seeds they were generated with. */
  loadedDatasets(): DatasetRequest[] {
    return [...this.datasets.values()];
  }

  /** Starts the engine (after any queued work) without loading anything: a speculative start. */
  start(): Promise<void> {
    return this.enqueue(async () => {
      await this.startedEngine();
      this.onStatus({phase: 'ready'});
    });
  }

  /** Loads `request` unless the same dataset with the same rows and seed is already loaded. */
  ensureDataset(request: DatasetRequest): Promise<DatasetSummary | undefined> {
    const loaded = this.datasets.get(request.name);
    if (
      loaded &&
      loaded.rows === request.rows &&
      loaded.seed === request.seed &&
      loaded.malformedRate === request.malformedRate
    ) {
      return Promise.resolve(undefined);
    }
    return this.enqueue(async () => this.generate(await this.startedEngine(), request));
  }

  /** Regenerates a dataset as it was loaded (after a reader dropped or changed it). */
  resetDataset(name: DatasetName): Promise<DatasetSummary | undefined> {
    const request = this.datasets.get(name);
    if (!request) {
      return Promise.resolve(undefined);
    }
    return this.enqueue(async () => this.generate(await this.startedEngine(), request));
  }

  /** Runs SQL after any queued work; an engine failure restarts the engine before rethrowing. */
  run(sql: string): Promise<Table> {
    return this.withEngine((engine) => engine.query(sql));
  }

  /**
   * Runs work of several statements (a flattening step, a merge) after any queued work, as one
   * unit that `cancel` stops; an engine failure restarts the engine before rethrowing.
   */
  withEngine<T>(work: (engine: SqlEngine) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      const engine = await this.startedEngine();
      this.onStatus({phase: 'running'});
      const running = work(engine);
      this.running = running;
      try {
        return await running;
      } catch (error) {
        const info = classifyEngineError(error);
        if (info.kind === 'engine-failed') {
          await this.restart('engine-failed');
        }
        throw error instanceof EngineError ? error : new EngineError(info);
      } finally {
        this.running = undefined;
        this.onStatus({phase: 'ready'});
      }
    });
  }

  /** Cancels the running query; restarts the engine if it does not stop within `cancelGraceMs`. */
  async cancel(): Promise<CancelOutcome> {
    const running = this.running;
    if (!running || !this.engine) {
      return 'nothing-running';
    }
    const engine = await this.engine;
    await engine.cancel();
    const stopped = await Promise.race([
      running.then(
        () => true,
        () => true,
      ),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), cancelGraceMs)),
    ]);
    if (stopped) {
      return 'cancelled';
    }
    await this.restart('cancel-timeout');
    return 'restarted';
  }

  /** Throws the instance away and starts a new one with the same datasets. */
  async restart(reason: 'cancel-timeout' | 'engine-failed'): Promise<void> {
    this.onStatus({phase: 'restarting', reason});
    const old = this.engine;
    this.engine = undefined;
    this.running = undefined;
    this.queue = Promise.resolve();
    if (old) {
      await old.then((engine) => engine.close()).catch(() => undefined);
    }
    const engine = await this.startedEngine();
    for (const request of this.datasets.values()) {
      await this.generate(engine, request);
    }
    this.onStatus({phase: 'ready'});
  }

  /** Shuts the engine down. */
  async close(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    if (engine) {
      await (await engine).close();
    }
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private startedEngine(): Promise<SqlEngine> {
    if (!this.engine) {
      this.onStatus({phase: 'starting'});
      let progress: StartProgress | undefined;
      const report = (next: StartProgress) => {
        progress = next;
        this.onStatus({phase: 'starting', progress});
      };
      this.engine = this.openDatabase((download) => report(nextStartProgress(progress, download))).then((db) => {
        report({step: 'opening'});
        return openDuckDbEngine(db);
      });
      this.engine.catch(() => {
        this.engine = undefined;
      });
    }
    return this.engine;
  }

  private async generate(engine: SqlEngine, request: DatasetRequest): Promise<DatasetSummary> {
    this.onStatus({phase: 'generating', dataset: request.name, rowsDone: 0, rowsTotal: request.rows});
    const summary = await loadDataset(engine, request, ({rowsDone, rowsTotal}) =>
      this.onStatus({phase: 'generating', dataset: request.name, rowsDone, rowsTotal}),
    );
    this.datasets.set(request.name, request);
    this.onStatus({phase: 'ready'});
    return summary;
  }
}
