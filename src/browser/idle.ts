/**
 * Idle-time scheduling shared by the client code that should never compete with the reader: link prefetches,
 * the service worker's registration, the speculative engine start and Monaco's load.
 */

export interface IdleOptions {
  /** The longest wait for an idle period, in ms (requestIdleCallback's `timeout`); none by default. */
  timeout?: number;
  /** Safari has no requestIdleCallback: this delay, in ms, stands in for it. */
  fallbackDelay?: number;
}

/** Runs `then` in the browser's next idle period. Returns a function that cancels it. */
export function whenIdle(then: () => void, {timeout, fallbackDelay = 200}: IdleOptions = {}): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(then, timeout === undefined ? undefined : {timeout});
    return () => window.cancelIdleCallback?.(handle);
  }
  const handle = window.setTimeout(then, fallbackDelay);
  return () => window.clearTimeout(handle);
}

/** Waits for the page's load event, then for the browser's next idle period. Returns a function that cancels it. */
export function whenLoadedAndIdle(then: () => void, options: IdleOptions = {}): () => void {
  let cancelIdle: (() => void) | undefined;
  let cancelled = false;
  const afterLoad = () => {
    if (!cancelled) {
      cancelIdle = whenIdle(then, options);
    }
  };
  if (document.readyState === 'complete') {
    afterLoad();
  } else {
    window.addEventListener('load', afterLoad, {once: true});
  }
  return () => {
    cancelled = true;
    window.removeEventListener('load', afterLoad);
    cancelIdle?.();
  };
}
