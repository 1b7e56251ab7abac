import {lazy, type ReactNode} from 'react';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import BrowserLab from '@site/src/components/BrowserLab';
import SourceModule from '@site/src/components/SourceModule';
import runtimeSource from '@site/playground/runtime.ts?raw';
import duckdbSource from '@site/playground/sql/duckdb.ts?raw';
import sensorEventsSource from '@site/playground/datasets/sensor-events.ts?raw';

const FullLab = lazy(() => import('@site/src/components/FullLab'));

export default function PlaygroundPage(): ReactNode {
  return (
    <Layout title="SQL lab" description="Run DuckDB SQL in your browser against seeded manufacturing data: sensor events, machines, configuration changes, plants and test results.">
      <main className="container margin-vert--lg">
        <Heading as="h1">SQL lab</Heading>
        <p>
          DuckDB runs in this browser tab on generated plant data. The same seed gives everyone the same rows, so a
          share link shows a colleague exactly what you saw. Nothing leaves your machine.
        </p>
        <BrowserLab reservedHeight="100vh" placeholder="Loading the lab… It runs DuckDB in this browser tab, served by this site, and needs JavaScript.">{() => <FullLab />}</BrowserLab>
        <section className="margin-top--xl" aria-labelledby="engine-heading">
          <Heading as="h2" id="engine-heading">
            The engine behind this lab
          </Heading>
          <p>The lab runs these modules from the site's own source, unchanged, in your browser.</p>
          <SourceModule
            path="playground/runtime.ts"
            source={runtimeSource}
            summary="one DuckDB per page: start on demand, cancel, restart and restore datasets"
          />
          <SourceModule
            path="playground/sql/duckdb.ts"
            source={duckdbSource}
            summary="the SqlEngine adapter over DuckDB-WASM, with extension downloads switched off"
          />
          <SourceModule
            path="playground/datasets/sensor-events.ts"
            source={sensorEventsSource}
            summary="the seeded sensor-event generator with customExtension maps and firmware rollouts"
          />
        </section>
      </main>
    </Layout>
  );
}
