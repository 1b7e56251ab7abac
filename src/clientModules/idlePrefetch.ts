/**
 * A client module (docusaurus.config.ts `clientModules`): Docusaurus prefetches the page chunks of every
 * internal link as soon as the link scrolls into view (`@docusaurus/Link` calls `window.docusaurus.prefetch`
 * from an IntersectionObserver). Right after hydration that is one long task: for each navbar, sidebar,
 * footer and content link it searches the route table and appends a `<link rel="prefetch">` (measured on
 * the SCD page at 4× CPU throttling: the largest main-thread cost outside React, 110–250 ms). Here the
 * prefetches wait in a queue and run when the page is idle, a few milliseconds at a time, so none of them
 * makes a long task; what is prefetched does not change. Preloading on hover (`preload`) is left alone.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import {whenIdle} from '@site/src/browser/idle';

/** Lighthouse's mobile preset multiplies main-thread time by 4: 8 ms slices stay under its 50 ms long-task bar. */
const sliceMs = 8;

const queue: string[] = [];
let scheduled = false;
let installed = false;

function schedule(prefetch: (url: string) => unknown): void {
  if (scheduled) return;
  scheduled = true;
  whenIdle(
    () => {
      const sliceEnd = performance.now() + sliceMs;
      while (queue.length > 0 && performance.now() < sliceEnd) {
        prefetch(queue.shift()!);
      }
      scheduled = false;
      if (queue.length > 0) schedule(prefetch);
    },
    {timeout: 5_000},
  );
}

/** The first route update runs in a layout effect of the first render, before any link's observer reports. */
export function onRouteDidUpdate(): void {
  if (installed || !ExecutionEnvironment.canUseDOM || !window.docusaurus) return;
  installed = true;
  const original = window.docusaurus;
  window.docusaurus = {
    ...original,
    prefetch: (url) => {
      queue.push(url);
      schedule(original.prefetch);
      return false;
    },
  };
}
