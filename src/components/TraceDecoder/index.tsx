import {useDeferredValue, useEffect, useMemo, useState, type ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {decodeStackTrace, errorPath, maxTraceChars, playbookPath, type DecodeResult} from '@site/playground';
import {readStorage, writeStorage} from '@site/src/components/SqlPlayground/browser';
import frame from '@site/src/components/LabFrame/styles.module.css';
import {sampleTraces} from './samples';
import styles from './styles.module.css';

const storageKey = 'mdp.traceDecoder';
/** Larger pastes are decoded but not kept across reloads: browser storage is small. */
const maxSavedChars = 200_000;

type Outcome = {result: DecodeResult; elapsedMs: number} | {refused: string} | undefined;

function decode(text: string): Outcome {
  if (!text.trim()) {
    return undefined;
  }
  try {
    const started = performance.now();
    const result = decodeStackTrace(text);
    return {result, elapsedMs: performance.now() - started};
  } catch (error) {
    return {refused: error instanceof Error ? error.message : String(error)};
  }
}

const count = (value: number) => value.toLocaleString('en-US');

/** Paste a log or stack trace; see the errors it shows, the cause chain and the playbooks. */
export default function TraceDecoder(): ReactNode {
  const [text, setText] = useState('');
  useEffect(() => setText(readStorage(storageKey) ?? ''), []);
  const change = (next: string) => {
    setText(next);
    writeStorage(storageKey, next.length <= maxSavedChars ? next : undefined);
  };
  const deferred = useDeferredValue(text);
  const outcome = useMemo(() => decode(deferred), [deferred]);

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
        {outcome === undefined
          ? 'Paste a trace to decode it.'
          : 'refused' in outcome
            ? outcome.refused
            : outcome.result.recognised
              ? `Decoded ${count(outcome.result.lines)} lines in ${outcome.elapsedMs.toFixed(0)} ms: ${outcome.result.matches.length} known error${outcome.result.matches.length === 1 ? '' : 's'}.`
              : `Decoded ${count(outcome.result.lines)} lines in ${outcome.elapsedMs.toFixed(0)} ms: not recognised.`}
      </p>
      {text.length > maxTraceChars && <p className={styles.hint}>Your text is {count(text.length)} characters; it is kept in the box so you can cut it down.</p>}
      {outcome && 'result' in outcome && <DecodedView result={outcome.result} />}
    </section>
  );
}

function DecodedView({result}: {result: DecodeResult}): ReactNode {
  if (!result.recognised) {
    return (
      <div className={styles.unknown}>
        <p>None of the errors in the reference appears in this text.</p>
        {result.exceptionClasses.length > 0 ? (
          <>
            <p>Exception classes found in it:</p>
            <ul>
              {result.exceptionClasses.slice(0, 20).map((name) => (
                <li key={name}>
                  <code>{name}</code>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>No exception class (such as org.apache.spark.SparkException) appears either: is this the part of the log with the error?</p>
        )}
        <p>
          <Link to="/errors">Browse the error reference</Link> by system or SQLSTATE.
        </p>
      </div>
    );
  }
  return (
    <>
      {result.chain.length > 1 && (
        <>
          <h3>Cause chain, outermost first</h3>
          <ol className={styles.chain} aria-label="Cause chain">
            {result.chain.map((link, index) => (
              <li key={`${link.line}-${index}`}>
                <code>{link.exceptionClass}</code>
                {link.code ? (
                  <>
                    {' '}
                    — <Link to={errorPath(link.code)}>{link.code}</Link>
                  </>
                ) : link.errorClass ? (
                  <> — {link.errorClass}</>
                ) : null}{' '}
                <span className={styles.where}>(line {link.line})</span>
              </li>
            ))}
          </ol>
        </>
      )}
      <h3>Known errors, root cause first</h3>
      <ol className={styles.matches} aria-label="Known errors">
        {result.matches.map((match) => (
          <li key={match.entry.code} className={styles.match}>
            <p className={styles.matchTitle}>
              <Link to={errorPath(match.entry.code)}>{match.entry.code}</Link> <span className={styles.where}>({match.entry.system}{match.depth !== null ? `, cause ${match.depth + 1} of the chain` : ''})</span>
            </p>
            <p>{match.entry.meaning}</p>
            <p className={styles.where}>
              Line {match.line}
              {match.occurrences > 1 ? ` and ${match.occurrences - 1} more` : ''}: <code>{match.text}</code>
            </p>
            {Object.keys(match.params).length > 0 && (
              <dl className={styles.params}>
                {Object.entries(match.params).map(([name, value]) => (
                  <div key={name}>
                    <dt>{name}</dt>
                    <dd>
                      <code>{value}</code>
                    </dd>
                  </div>
                ))}
              </dl>
            )}
            <p>
              Playbook: <Link to={playbookPath(match.entry.playbook)}>{match.entry.playbook.replaceAll('-', ' ')}</Link>
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
