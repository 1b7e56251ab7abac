import type {DatasetRequest} from '@site/playground';

/**
 * When a lab may start the SQL engine before anyone clicks: pure decisions, no DOM, so they are
 * unit-tested in Node. The hook that feeds them the browser's signals is `usePrestart`.
 */

/** What the page knows when it considers a speculative start. */
export interface PrestartSignals {
  /** A lab is within the observer's margin of the viewport. */
  near: boolean;
  /** The page's load event has fired. */
  loaded: boolean;
  /** The browser has reported idle time (requestIdleCallback) since the lab came near. */
  idle: boolean;
  /** The engine was started already (by a click or an earlier speculative start). */
  started: boolean;
  /** The reader asked the browser to save data (`navigator.connection.saveData`). */
  saveData: boolean;
  /** A reader has moved the pointer, touched, pressed a key or turned the wheel since the page loaded. */
  readerPresent: boolean;
}

/**
 * Start only for a lab near view, on a loaded and idle page with a reader at it, once, and never when the reader
 * saves data.
 */
export function shouldPrestart(signals: PrestartSignals): boolean {
  return signals.near && signals.loaded && signals.idle && signals.readerPresent && !signals.started && !signals.saveData;
}

/** The largest dataset loaded speculatively: first runs are small; larger sizes wait for the reader's click. */
export const prestartMaxRows = 100_000;

/**
 * The datasets to load with a speculative start: the lab's small ones, skipping a name another
 * request has claimed or that is loaded already (two labs on one page asking for different sizes of one dataset would
 * otherwise replace each other's table before anyone clicked, and a reader's own size stays).
 */
export function prestartDatasets(requested: readonly DatasetRequest[], claimed: ReadonlySet<string>): DatasetRequest[] {
  const chosen: DatasetRequest[] = [];
  for (const request of requested) {
    if (request.rows <= prestartMaxRows && !claimed.has(request.name) && !chosen.some((other) => other.name === request.name)) {
      chosen.push(request);
    }
  }
  return chosen;
}

/** How far a lab's surroundings reach: it counts as near within this margin of the viewport. */
export const prestartRootMargin = '400px 0px';
