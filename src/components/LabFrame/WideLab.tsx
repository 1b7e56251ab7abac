import {useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode} from 'react';
import styles from './styles.module.css';

/** Marks everything outside `element` inert (and returns how to undo it), so Tab stays in the wide lab. */
function isolate(element: HTMLElement): () => void {
  const made: Element[] = [];
  for (let node: HTMLElement | null = element; node && node !== document.body; node = node.parentElement) {
    for (const sibling of node.parentElement?.children ?? []) {
      if (sibling !== node && !sibling.hasAttribute('inert')) {
        sibling.setAttribute('inert', '');
        made.push(sibling);
      }
    }
  }
  return () => made.forEach((sibling) => sibling.removeAttribute('inert'));
}

/**
 * A lab that can open wide: it then covers the window (the docs column, sidebar and table of contents make room),
 * keeps its state, and Esc or the button brings it back. Tables with many columns fit without scrolling there.
 */
export default function WideLab({children}: {children: ReactNode}): ReactNode {
  const [wide, setWide] = useState(false);
  const frameRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const frame = frameRef.current;
    if (!wide || !frame) {
      return undefined;
    }
    const restore = isolate(frame);
    const root = document.documentElement;
    const overflow = root.style.overflow;
    root.style.overflow = 'hidden';
    buttonRef.current?.focus();
    return () => {
      restore();
      root.style.overflow = overflow;
      buttonRef.current?.focus();
    };
  }, [wide]);

  // Esc that nothing inside the lab used (Monaco stops the ones it handles) closes the wide view.
  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (wide && event.key === 'Escape' && !event.defaultPrevented) {
        setWide(false);
      }
    },
    [wide],
  );

  return (
    <div
      ref={frameRef}
      className={wide ? styles.wide : undefined}
      role={wide ? 'dialog' : undefined}
      aria-modal={wide ? true : undefined}
      aria-label={wide ? 'Lab, wide view' : undefined}
      onKeyDown={onKeyDown}
    >
      <div className={styles.wideBar}>
        <button ref={buttonRef} type="button" className="button button--secondary button--sm" aria-pressed={wide} onClick={() => setWide(!wide)}>
          {wide ? 'Close the wide view (Esc)' : 'Open the lab wide'}
        </button>
      </div>
      {children}
    </div>
  );
}
