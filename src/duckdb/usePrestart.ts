import {useEffect, useRef, type RefObject} from 'react';
import type {DatasetRequest} from '@site/playground';
import {prestartEngine, type PrestartWork} from './runtime';
import {prestartRootMargin, shouldPrestart} from './prestart';
import {whenReaderPresent} from './readerPresence';

interface NetworkInformation {
  saveData?: boolean;
}

/** Waits for the page's load event, then for the browser's next idle period. */
function whenLoadedAndIdle(then: () => void): () => void {
  let cancelled = false;
  let idleHandle: number | undefined;
  const afterLoad = () => {
    if (cancelled) {
      return;
    }
    idleHandle = typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(() => !cancelled && then(), {timeout: 2_000}) : window.setTimeout(() => !cancelled && then(), 200);
  };
  if (document.readyState === 'complete') {
    afterLoad();
  } else {
    window.addEventListener('load', afterLoad, {once: true});
  }
  return () => {
    cancelled = true;
    window.removeEventListener('load', afterLoad);
    if (idleHandle !== undefined) {
      if (typeof window.cancelIdleCallback === 'function') {
        window.cancelIdleCallback(idleHandle);
      } else {
        window.clearTimeout(idleHandle);
      }
    }
  };
}

/**
 * Starts the SQL engine and the lab's small datasets when the lab comes near the viewport, the
 * page is loaded and idle and a reader is at it, so the first click finds them ready; `prepare` then runs the lab's own
 * speculative work. Pages whose labs stay far from view never download the engine.
 */
export function usePrestart(ref: RefObject<Element | null>, datasets: readonly DatasetRequest[], prepare?: PrestartWork): void {
  const datasetsRef = useRef(datasets);
  datasetsRef.current = datasets;
  const prepareRef = useRef(prepare);
  prepareRef.current = prepare;

  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') {
      return undefined;
    }
    const saveData = (navigator as Navigator & {connection?: NetworkInformation}).connection?.saveData === true;
    let started = false;
    let near = false;
    let readerPresent = false;
    let pending: (() => void) | undefined;
    const consider = () => {
      if (!near || !readerPresent || pending || started) {
        return;
      }
      pending = whenLoadedAndIdle(() => {
        pending = undefined;
        // The lab may have left the margin while the page was busy: then wait until it comes back.
        if (shouldPrestart({near, loaded: document.readyState === 'complete', idle: true, started, saveData, readerPresent})) {
          started = true;
          observer.disconnect();
          prestartEngine(datasetsRef.current, prepareRef.current);
        }
      });
    };
    const observer = new IntersectionObserver(
      (entries) => {
        near = entries.at(-1)?.isIntersecting ?? near;
        consider();
      },
      {rootMargin: prestartRootMargin},
    );
    observer.observe(element);
    const stopWaiting = whenReaderPresent(() => {
      readerPresent = true;
      consider();
    });
    return () => {
      observer.disconnect();
      stopWaiting();
      pending?.();
    };
  }, [ref]);
}
