import {PlaygroundRuntime, type DatasetRequest, type RuntimeStatus} from '@site/playground';
import {prestartDatasets} from './prestart';

type Listener = (status: RuntimeStatus) => void;

const listeners = new Set<Listener>();
let runtime: PlaygroundRuntime | undefined;
let lastStatus: RuntimeStatus | undefined;
const claimedDatasets = new Set<string>();

/**
 * The page's one DuckDB runtime, shared by every playground on it. DuckDB-WASM is only
 * downloaded when a lab asks for the runtime: on a click, or speculatively (`prestartEngine`).
 */
export function pageRuntime(): PlaygroundRuntime {
  if (!runtime) {
    runtime = new PlaygroundRuntime(
      async (onDownload) => (await import('./openBrowserDatabase')).openBrowserDatabase(onDownload),
      (status) => {
        lastStatus = status;
        // For tests and the benchmark: whether the engine is starting, busy or ready (nothing is shown).
        document.documentElement.dataset.sqlEngine = status.phase === 'ready' ? 'ready' : status.phase === 'starting' ? 'starting' : 'busy';
        listeners.forEach((listener) => listener(status));
      },
    );
  }
  return runtime;
}

/**
 * Subscribes to the runtime's status; returns the unsubscribe function. A listener added while
 * the engine starts (a click during a speculative start) hears the current step at once.
 */
export function onRuntimeStatus(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What the runtime reported last, if it was ever asked for anything. */
export function currentRuntimeStatus(): RuntimeStatus | undefined {
  return lastStatus;
}

/**
 * A lab's own speculative work after the engine and its datasets are ready (the SCD lab applies its
 * first batch): it must leave the lab as the click would find it and only ever produce what the click would.
 */
export type PrestartWork = (runtime: PlaygroundRuntime) => Promise<unknown>;

/**
 * Starts the engine and loads a lab's small datasets before the click. It queues like any other
 * work, so a click during it waits for it and Cancel/restart behave as after a click; a failure
 * here is left for the click to report (the runtime retries a failed start). A dataset that is
 * loaded already, or that another lab loaded speculatively, is left as it is.
 */
export function prestartEngine(datasets: readonly DatasetRequest[], prepare?: PrestartWork): void {
  const runtime = pageRuntime();
  const taken = new Set([...claimedDatasets, ...runtime.loadedDatasets().map((dataset) => dataset.name)]);
  const chosen = prestartDatasets(datasets, taken);
  chosen.forEach((dataset) => claimedDatasets.add(dataset.name));
  const work: Promise<unknown>[] = [runtime.start(), ...chosen.map((dataset) => runtime.ensureDataset(dataset))];
  // Queued after the datasets, so it finds them loaded.
  if (prepare) {
    work.push(prepare(runtime));
  }
  void Promise.all(work).then(
    // For tests and the benchmark: the speculative start has finished (nothing is shown).
    () => (document.documentElement.dataset.sqlPrestart = 'done'),
    () => undefined,
  );
}
