import {PlaygroundRuntime, type RuntimeStatus} from '@site/playground';

type Listener = (status: RuntimeStatus) => void;

const listeners = new Set<Listener>();
let runtime: PlaygroundRuntime | undefined;

/**
 * The page's one DuckDB runtime, shared by every playground on it. DuckDB-WASM is only
 * downloaded when the first playground asks for the runtime.
 */
export function pageRuntime(): PlaygroundRuntime {
  if (!runtime) {
    runtime = new PlaygroundRuntime(
      async () => (await import('./openBrowserDatabase')).openBrowserDatabase(),
      (status) => listeners.forEach((listener) => listener(status)),
    );
  }
  return runtime;
}

/** Subscribes to the runtime's status; returns the unsubscribe function. */
export function onRuntimeStatus(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
