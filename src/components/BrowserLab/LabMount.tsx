import {startTransition, useEffect, useLayoutEffect, useRef, useState, type ReactNode} from 'react';
import {whenReaderPresentAndIdle} from '@site/src/duckdb/readerPresence';

/** A lab mounts when it is within a screen of view: its code loads and renders before the reader reaches it. */
const nearMargin = '100% 0px';

/**
 * A deep link whose target is not on the page yet points into a lab (an exercise, a shared SQL lab): such a lab
 * mounts at once.
 */
function deepLinkWaits(): boolean {
  const target = decodeURIComponent(window.location.hash.slice(1));
  return target !== '' && document.getElementById(target) === null;
}

/**
 * A browser-only lab: shows `waiting` (also what the server renders) until the lab is wanted, then the lab. Wanted: within a screen of
 * view, or the page idle with a reader at it (first pointer move, touch, key or wheel turn), or focus reaching the
 * stand-in; the first two in a transition, so React renders the lab in slices instead of one long task. A page
 * nobody reads (a background tab, a link preview, a page-load audit) neither loads nor renders labs below the fold,
 * and its DOM stays small. Focus on the stand-in is not dropped: the lab's frame takes it, and the next Tab enters
 * the lab.
 */
export default function LabMount({waiting, children}: {waiting: ReactNode; children: () => ReactNode}): ReactNode {
  const standIn = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  // The server's render and hydration show the stand-in; only effects, in the browser, ask for the lab.
  const [wanted, setWanted] = useState(false);
  const focusWasInside = useRef(false);

  useEffect(() => {
    const element = standIn.current;
    if (wanted || !element) {
      return undefined;
    }
    if (deepLinkWaits()) {
      setWanted(true);
      return undefined;
    }
    const mount = () => startTransition(() => setWanted(true));
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && mount(), {rootMargin: nearMargin});
    observer.observe(element);
    const stopWaiting = whenReaderPresentAndIdle(mount, {timeout: 2_000});
    return () => {
      observer.disconnect();
      stopWaiting();
    };
  }, [wanted]);

  // Chromium blurs the element React removes: focus then sits on the body, and the lab's frame takes it.
  useLayoutEffect(() => {
    if (wanted && focusWasInside.current) {
      focusWasInside.current = false;
      if (document.activeElement === null || document.activeElement === document.body) {
        frame.current?.focus({preventScroll: true});
      }
    }
  }, [wanted]);

  if (!wanted) {
    return (
      <div
        ref={standIn}
        data-lab-waiting=""
        onFocus={() => {
          focusWasInside.current = true;
          setWanted(true);
        }}
      >
        {waiting}
      </div>
    );
  }
  return (
    <div ref={frame} tabIndex={-1}>
      {children()}
    </div>
  );
}
