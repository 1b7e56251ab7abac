import {useDeferredValue, useEffect, useMemo, useState, type ReactNode} from 'react';
import {readStorage, writeStorage} from '@site/src/components/SqlPlayground/browser';
import {useImportWhen} from '@site/src/browser/useImportWhen';
import frame from '@site/src/components/LabFrame/styles.module.css';
import {maxSavedChars, openInDecoder, storageKey} from './handoff';
import {sampleTraces} from './samples';
import type {Outcome} from './Decoded';
import styles from './styles.module.css';

export {openInDecoder};

const count = (value: number) => value.toLocaleString('en-US');
const plural = (value: number, noun: string) => `${count(value)} ${noun}${value === 1 ? '' : 's'}`;

/** The status line: what to do, what is loading, why the text was refused, or what decoding found. */
function statusWords(hasText: boolean, outcome: Outcome | undefined, loadError: string | undefined): string {
  if (!hasText) {
    return 'Paste a trace to decode it.';
  }
  if (outcome === undefined) {
    return loadError
      ? `The decoder could not be loaded (${loadError}). Reload the page to try again; your text stays in the box.`
      : 'Loading the decoder and the error reference…';
  }
  if ('refused' in outcome) {
    return outcome.refused;
  }
  const {result, elapsedMs} = outcome;
  const found = result.recognised ? plural(result.matches.length, 'known error') : 'not recognised';
  return `Decoded ${plural(result.lines, 'line')} in ${elapsedMs.toFixed(0)} ms: ${found}.`;
}

/** Paste a log or stack trace; see the errors it shows, the cause chain and the playbooks. */
export default function TraceDecoder(): ReactNode {
  const [text, setText] = useState('');
  useEffect(() => setText(readStorage(storageKey) ?? ''), []);
  const change = (next: string) => {
    setText(next);
    writeStorage(storageKey, next.length <= maxSavedChars ? next : undefined);
  };
  const deferred = useDeferredValue(text);
  const hasText = deferred.trim() !== '';
  const {module: decoder, loadError} = useImportWhen(hasText, () => import('./Decoded'));
  const outcome = useMemo(() => (hasText && decoder ? decoder.decode(deferred) : undefined), [hasText, decoder, deferred]);

  return (
    <section className={frame.frame} aria-label="Stack trace decoder" id="trace-decoder">
      <label htmlFor="trace-input" className={styles.label}>
        Log or stack trace (up to 1 MB; stays in this browser)
      </label>
      <textarea id="trace-input" className={styles.input} value={text} onChange={(event) => change(event.target.value)} rows={12} spellCheck={false} placeholder="Paste the driver log, the job run output or the exception with its Caused by: lines." />
      <div className={frame.actions}>
        <span className={styles.samplesLabel}>Try a sample:</span>
        {sampleTraces.map((sample) => (
          <button key={sample.title} type="button" className="button button--secondary button--sm" onClick={() => change(sample.text)}>
            {sample.title}
          </button>
        ))}
        <button type="button" className="button button--secondary button--sm" onClick={() => change('')} disabled={!text}>
          Clear
        </button>
      </div>
      <p className={frame.status} role="status">
        {statusWords(hasText, outcome, loadError)}
      </p>
      {decoder && text.length > decoder.maxTraceChars && <p className={styles.hint}>Your text is {count(text.length)} characters; it is kept in the box so you can cut it down.</p>}
      {decoder && outcome && 'result' in outcome && <decoder.DecodedView result={outcome.result} />}
    </section>
  );
}
