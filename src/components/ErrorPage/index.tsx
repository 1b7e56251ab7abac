import type {ReactNode} from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import CodeBlock from '@theme/CodeBlock';
import type {ErrorPageProps} from '@site/src/plugins/errorPages';
import styles from './styles.module.css';

/** The page of one catalog entry, at /errors/<code>; the route passes the entry (src/plugins/errorPages.ts). */
export default function ErrorPage({entry, playbookPath, relatedPaths}: ErrorPageProps): ReactNode {
  return (
    <Layout title={entry.code} description={`${entry.system}: ${entry.message.split('\n')[0]} — what it means, causes, diagnosis and fixes.`}>
      <main className="container margin-vert--lg">
        <nav aria-label="Breadcrumbs" className={styles.breadcrumbs}>
          <Link to="/errors">Error reference</Link> › {entry.system}
        </nav>
        <h1 className={styles.code}>{entry.code}</h1>
        <dl className={styles.facts}>
          <dt>System</dt>
          <dd>{entry.system}</dd>
          <dt>SQLSTATE</dt>
          <dd>{entry.sqlState ? <code>{entry.sqlState}</code> : 'none (an exception without an error class)'}</dd>
          <dt>Thrown as</dt>
          <dd>{entry.exceptionClass ? <code>{entry.exceptionClass}</code> : 'not published: the vendor documents the error condition, not the concrete class that carries it'}</dd>
          {entry.formerCodes.length > 0 && (
            <>
              <dt>Earlier releases print</dt>
              <dd>
                {entry.formerCodes.map((former) => (
                  <code key={former}>{former}</code>
                ))}
              </dd>
            </>
          )}
          {entry.protocolErrors.length > 0 && (
            <>
              <dt>Kafka protocol error</dt>
              <dd>
                {entry.protocolErrors.map((name) => (
                  <code key={name}>{name}</code>
                ))}{' '}
                (in client log lines such as <code>{'{topic=' + entry.protocolErrors[0] + '}'}</code>)
              </dd>
            </>
          )}
          <dt>Holds for</dt>
          <dd>{entry.versions}</dd>
        </dl>
        <h2>The message</h2>
        <p>As the system prints it; parts in angle brackets vary.</p>
        <CodeBlock language="text">{entry.message}</CodeBlock>
        {entry.alsoMatches.length > 0 && (
          <>
            <p>It also shows up as:</p>
            {entry.alsoMatches.map((text) => (
              <CodeBlock language="text" key={text}>
                {text}
              </CodeBlock>
            ))}
          </>
        )}
        <h2>What it means</h2>
        <p>{entry.meaning}</p>
        <h2>Typical causes in plant pipelines</h2>
        <ul>
          {entry.causes.map((cause) => (
            <li key={cause}>{cause}</li>
          ))}
        </ul>
        <h2>How to diagnose it</h2>
        <ol>
          {entry.diagnostics.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <h2>Fixes</h2>
        {entry.fixes.map((fix) => (
          <section key={fix.title} className={styles.fix}>
            <h3>{fix.title}</h3>
            {fix.code && <CodeBlock language={fix.language ?? 'text'}>{fix.code}</CodeBlock>}
          </section>
        ))}
        <h2>Prevention</h2>
        <ul>
          {entry.prevention.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <h2>Playbook and related errors</h2>
        <p>
          Playbook: <Link to={playbookPath}>{entry.playbook.replaceAll('-', ' ')}</Link>.{' '}
          <Link to="/errors/decode">Decode a whole stack trace</Link> to see where this error sits in the cause chain.
        </p>
        {entry.related.length > 0 && (
          <ul className={styles.related}>
            {entry.related.map((related) => (
              <li key={related}>{relatedPaths[related] ? <Link to={relatedPaths[related]}>{related}</Link> : <code>{related}</code>}</li>
            ))}
          </ul>
        )}
      </main>
    </Layout>
  );
}
