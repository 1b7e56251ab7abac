import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import CodeBlock from '@theme/CodeBlock';
import {decodeStackTrace, errorPath, maxTraceChars, playbookPath, type DecodeResult, type DecodedMatch, type RootCauseReason} from '@site/playground';
import styles from './styles.module.css';

// Loaded once there is text to decode: the decoder brings the error catalog, which a reader who has
// not pasted anything does not need at load.

export {maxTraceChars};

/** What decoding a text gave: the result and how long it took, or why the text was refused. */
export type Outcome = {result: DecodeResult; elapsedMs: number} | {refused: string};

/** Decodes `text`, timing it; a text the decoder refuses (over 1 MB) gives its reason instead. */
export function decode(text: string): Outcome {
  try {
    const started = performance.now();
    const result = decodeStackTrace(text);
    return {result, elapsedMs: performance.now() - started};
  } catch (error) {
    return {refused: error instanceof Error ? error.message : String(error)};
  }
}

/** The decoded text: root cause, cause chain and known errors, or what was found when nothing was recognised. */
export function DecodedView({result}: {result: DecodeResult}): ReactNode {
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
  const [root] = result.matches;
  return (
    <>
      {root && result.rootCause && <RootCause match={root} reason={result.rootCause} />}
      {result.chain.length > 1 && (
        <>
          <h3>Cause chain, outermost first</h3>
          <ol className={styles.chain} aria-label="Cause chain">
            {result.chain.map((link, index) => (
              <li key={`${link.line}-${index}`} className={link.code !== null && link.code === root?.entry.code && index === root.depth ? styles.rootLink : undefined}>
                {link.embedded && <span className={styles.where}>inside the message above: </span>}
                {link.exceptionClass ? <code>{link.exceptionClass}</code> : link.errorClass ? <code>[{link.errorClass}]</code> : <span>a message</span>}
                {link.code ? (
                  <>
                    {' '}
                    — <Link to={errorPath(link.code)}>{link.code}</Link>
                  </>
                ) : link.errorClass && link.exceptionClass ? (
                  <> — {link.errorClass}</>
                ) : null}{' '}
                <span className={styles.where}>(line {link.line})</span>
                {link.code !== null && link.code === root?.entry.code && index === root.depth && <strong> ← root cause</strong>}
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
              {match.lines.length > 1 ? `Lines ${match.lines.join(', ')}${match.occurrences > match.lines.length ? ' and more' : ''}` : `Line ${match.line}`} ({viaWords[match.via]}): <code>{match.text}</code>
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

const viaWords: Record<DecodedMatch['via'], string> = {
  'error-class': 'by its error class',
  'exception-class': 'by its exception class',
  message: 'by its message',
  'protocol-error': 'by the Kafka protocol error in a client log line',
};

function reasonWords(reason: RootCauseReason): string {
  switch (reason.kind) {
    case 'deepest-link':
      return `It is the deepest known link of the cause chain (link ${reason.depth + 1} of ${reason.chainLength}): every exception above it only reports it.`;
    case 'wrapped':
      return `The chain holds only errors that report another one (${reason.wrappers.join(', ')}); this is the error found in the text that they report.`;
    case 'only-error':
      return 'It is the only known error in the text.';
    case 'first-found':
      return 'The text has no cause chain; this is the first known error in it.';
  }
}

/** The answer first: the root cause, why it is the root cause, and the first steps of its fix. */
function RootCause({match, reason}: {match: DecodedMatch; reason: RootCauseReason}): ReactNode {
  const firstSteps = match.entry.fixes.slice(0, 2);
  return (
    <section className={styles.root} aria-labelledby="root-cause-heading">
      <h3 id="root-cause-heading">
        Root cause: <Link to={errorPath(match.entry.code)}>{match.entry.code}</Link>
      </h3>
      <p>{match.entry.meaning}</p>
      <p>
        <strong>Why this one:</strong> {reasonWords(reason)} Found on line {match.lines.join(', ')}.
      </p>
      <h4>First steps</h4>
      <ol>
        {firstSteps.map((fix) => (
          <li key={fix.title}>
            {fix.title}
            {fix.code && <CodeBlock language={fix.language ?? 'text'}>{fix.code}</CodeBlock>}
          </li>
        ))}
      </ol>
      <p>
        The rest is in the playbook: <Link to={playbookPath(match.entry.playbook)}>{match.entry.playbook.replaceAll('-', ' ')}</Link>.
      </p>
    </section>
  );
}
