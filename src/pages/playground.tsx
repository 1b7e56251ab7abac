import {Suspense, lazy, type ReactNode} from 'react';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import BrowserOnly from '@docusaurus/BrowserOnly';

const FullLab = lazy(() => import('@site/src/components/FullLab'));

const loading = <p>Loading the lab…</p>;

export default function PlaygroundPage(): ReactNode {
  return (
    <Layout title="SQL lab" description="Run DuckDB SQL in your browser against seeded manufacturing data: sensor events, machines, configuration changes, plants and test results.">
      <main className="container margin-vert--lg">
        <Heading as="h1">SQL lab</Heading>
        <p>
          DuckDB runs in this browser tab on generated plant data. The same seed gives everyone the same rows, so a
          share link shows a colleague exactly what you saw. Nothing leaves your machine.
        </p>
        <BrowserOnly fallback={loading}>
          {() => (
            <Suspense fallback={loading}>
              <FullLab />
            </Suspense>
          )}
        </BrowserOnly>
      </main>
    </Layout>
  );
}
