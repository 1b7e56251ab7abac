import {useEffect, useLayoutEffect, useRef, useState, type ReactNode} from 'react';
import type {MonacoInstance, SqlEditorProps} from './index';
import {whenReaderPresentAndIdle} from '@site/src/duckdb/readerPresence';
import {useImportWhen} from '@site/src/browser/useImportWhen';
import styles from './deferred.module.css';

/**
 * The editor as labs embed it (imported directly, not lazily: it is small, and a lazy wrapper would show yet
 * another stand-in whose focus is lost when it is replaced). Monaco is 2.8 MB of JavaScript, so until the reader
 * reaches for the editor (the pointer over it, a touch, Tab) or the editor is within a screen of view once the
 * page has gone idle with a reader at it (src/duckdb/readerPresence.ts: a page nobody touches, such as a background
 * tab or a page-load audit, never loads Monaco), the text shows as plain code of the editor's height: pages paint
 * and become usable without it, and nothing moves when Monaco takes its place.
 *
 * Focus: the text stays, the same element, until Monaco has mounted beside it (hidden; no Suspense fallback in
 * between); if the reader's focus is on the text then, Monaco takes it as the text leaves, in the same task.
 */
export default function DeferredSqlEditor(props: SqlEditorProps): ReactNode {
  const [wanted, setWanted] = useState(false);
  const {module: editorModule, loadError} = useImportWhen(wanted, () => import('./index'));
  const Editor = editorModule?.default;
  // Monaco, mounted and laid out: only then does it replace the text.
  const [mounted, setMounted] = useState<MonacoInstance | undefined>();
  const placeholder = useRef<HTMLPreElement>(null);
  const handsFocusOver = useRef(false);

  useEffect(() => {
    const element = placeholder.current;
    if (wanted || !element) {
      return undefined;
    }
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && setWanted(true), {rootMargin: '100% 0px'});
    const stopWaiting = whenReaderPresentAndIdle(() => observer.observe(element));
    return () => {
      stopWaiting();
      observer.disconnect();
    };
  }, [wanted]);

  // The text leaves and Monaco appears in one commit; focus on the text moves to Monaco in the same task, so it is
  // never on the page's body in between (Chromium blurs the element React removes).
  useLayoutEffect(() => {
    if (mounted && handsFocusOver.current) {
      handsFocusOver.current = false;
      mounted.focus();
    }
  }, [mounted]);

  // SqlEditor's height for this text, so the swap moves nothing.
  const height = Math.min(420, Math.max(120, (props.value.split('\n').length + 2) * 20));
  return (
    <>
      {!mounted && (
        <pre
          ref={placeholder}
          className={styles.placeholder}
          style={{height}}
          tabIndex={0}
          aria-label={`${props.label} (loading the editor)`}
          onPointerEnter={() => setWanted(true)}
          onTouchStart={() => setWanted(true)}
          onFocus={() => setWanted(true)}
        >
          {props.value}
        </pre>
      )}
      {Editor && (
        <div hidden={!mounted}>
          <Editor
            {...props}
            onMounted={(editor) => {
              handsFocusOver.current = placeholder.current !== null && document.activeElement === placeholder.current;
              setMounted(editor);
            }}
          />
        </div>
      )}
      {loadError && (
        <p role="alert" className={styles.loadError}>
          The editor could not load ({loadError}); the text above can be read but not edited. Reload the page to try again.
        </p>
      )}
    </>
  );
}
