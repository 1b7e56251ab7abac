/**
 * Whether a reader is at the page: the first pointer move, touch, key, wheel turn or click since it loaded.
 * A speculative engine start waits for it, so a page nobody looks at (a background tab, a link preview, a
 * crawler, a page-load audit) never downloads the 34 MB engine. Programmatic scrolls (a deep link's anchor,
 * scroll restoration) do not count: a reader scrolls with the wheel, a touch, a key or the scrollbar's pointer.
 *
 * Also a client module (docusaurus.config.ts), so it listens from the first script on: labs mount later, in
 * their own chunks, and a reader may have moved before any lab existed.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import {whenLoadedAndIdle, type IdleOptions} from '@site/src/browser/idle';

const presenceEvents = ['pointermove', 'pointerdown', 'touchstart', 'keydown', 'wheel'] as const;

let present = false;
const waiting = new Set<() => void>();

function arrived(): void {
  present = true;
  for (const event of presenceEvents) {
    window.removeEventListener(event, arrived, {capture: true});
  }
  const callbacks = [...waiting];
  waiting.clear();
  callbacks.forEach((callback) => callback());
}

if (ExecutionEnvironment.canUseDOM) {
  for (const event of presenceEvents) {
    window.addEventListener(event, arrived, {capture: true, passive: true});
  }
}

/** Calls `callback` once the reader is present (at once if they already are); returns a cancel function. */
export function whenReaderPresent(callback: () => void): () => void {
  if (present) {
    callback();
    return () => undefined;
  }
  waiting.add(callback);
  return () => {
    waiting.delete(callback);
  };
}

/**
 * Calls `callback` once a reader is present and the page has then loaded and gone idle: the moment for speculative
 * work a reader will likely want (a lab's mount, Monaco's load). Returns a cancel function.
 */
export function whenReaderPresentAndIdle(callback: () => void, options: IdleOptions = {}): () => void {
  let stopIdle: (() => void) | undefined;
  const stopWaiting = whenReaderPresent(() => {
    stopIdle = whenLoadedAndIdle(callback, options);
  });
  return () => {
    stopWaiting();
    stopIdle?.();
  };
}
