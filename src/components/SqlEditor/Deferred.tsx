import {lazy, Suspense, useEffect, useRef, useState, type ReactNode} from 'react';
import type {SqlEditorProps} from './index';
import styles from './deferred.module.css';

const MonacoEditor = lazy(() => import('./index'));

/**
 * The editor as labs embed it. Monaco is 2.8 MB of JavaScript, so until the reader reaches for the
 * editor (the pointer over it, a touch) or the editor is within a screen of view once the page has
 * gone idle, the text shows as plain code of the editor's height: pages paint and become usable
 * without it, and nothing moves when Monaco takes its place.
 */
export default function DeferredSqlEditor(props: SqlEditorProps): ReactNode {
  const [wanted, setWanted] = useState(false);
  // Reached by Tab: the text is focusable (it can scroll), and Monaco takes the focus when it has loaded.
  const [focused, setFocused] = useState(false);
  const placeholder = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const element = placeholder.current;
    if (wanted || !element) {
      return undefined;
    }
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && setWanted(true), {rootMargin: '100% 0px'});
    // Safari has no requestIdleCallback: a timeout after the load event stands in for it.
    const whenIdle = (callback: () => void) => ('requestIdleCallback' in window ? window.requestIdleCallback(callback) : setTimeout(callback, 200));
    const observe = () => whenIdle(() => observer.observe(element));
    if (document.readyState === 'complete') {
      observe();
    } else {
      window.addEventListener('load', observe, {once: true});
    }
    return () => {
      window.removeEventListener('load', observe);
      observer.disconnect();
    };
  }, [wanted]);

  // SqlEditor's height for this text, so the swap moves nothing.
  const height = Math.min(420, Math.max(120, (props.value.split('\n').length + 2) * 20));
  const plain = (
    <pre
      ref={placeholder}
      className={styles.placeholder}
      style={{height}}
      tabIndex={0}
      aria-label={`${props.label} (loading the editor)`}
      onPointerEnter={() => setWanted(true)}
      onTouchStart={() => setWanted(true)}
      onFocus={() => {
        setFocused(true);
        setWanted(true);
      }}
      onBlur={() => setFocused(false)}
    >
      {props.value}
    </pre>
  );
  if (!wanted) {
    return plain;
  }
  return (
    <Suspense fallback={plain}>
      <MonacoEditor {...props} focusOnMount={focused} />
    </Suspense>
  );
}
