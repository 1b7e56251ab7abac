import type {ReactNode} from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import TraceDecoder from '@site/src/components/TraceDecoder';

export default function DecodePage(): ReactNode {
  return (
    <Layout title="Decode a stack trace" description="Paste a Spark, Delta, Kafka or Databricks stack trace: the decoder names the real error, the cause chain and the playbook, offline, in the browser.">
      <main className="container margin-vert--lg">
        <h1>Decode a stack trace</h1>
        <p>
          Paste the failing part of a driver log or job output. The decoder finds the errors of the <Link to="/errors">error reference</Link> in it (by their error class in
          brackets, their exception class, or their message text), lays out the <code>Caused by:</code> chain and points to the playbook. Nothing leaves this browser tab.
        </p>
        <TraceDecoder />
      </main>
    </Layout>
  );
}
