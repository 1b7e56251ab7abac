import {useEffect, useRef, type RefObject} from 'react';
import type {DatasetRequest} from '@site/playground';
import {prestartEngine, type PrestartWork} from './runtime';
import {prestartRootMargin, shouldPrestart} from './prestart';
import {whenReaderPresent} from './readerPresence';
import {whenLoadedAndIdle} from '@site/src/browser/idle';

interface NetworkInformation {
  saveData?: boolean;
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
      pending = whenLoadedAndIdle(
        () => {
          pending = undefined;
          // The lab may have left the margin while the page was busy: then wait until it comes back.
          if (shouldPrestart({near, loaded: document.readyState === 'complete', idle: true, started, saveData, readerPresent})) {
            started = true;
            observer.disconnect();
            prestartEngine(datasetsRef.current, prepareRef.current);
          }
        },
        {timeout: 2_000},
      );
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
