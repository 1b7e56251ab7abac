import type {ReactNode} from 'react';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import MDXContent from '@theme/MDXContent';
import EntryPoints, {type EntryPoint} from '@site/src/components/EntryPoints';
import SectionGrid from '@site/src/components/SectionGrid';
import PlatformDiagram from './_platform-diagram.mdx';
import styles from './index.module.css';

const entryPoints: readonly EntryPoint[] = [
  {
    title: 'Browse patterns',
    description: 'The whole catalog on one page: every pattern, the problem it solves, its priority.',
    to: '/docs/architecture/patterns-catalog',
  },
  {
    title: 'Run a lab',
    description: 'Every in-browser lab with its page, and the SQL playground: offline, on generated plant data.',
    to: '/labs',
  },
  {
    title: 'Decode an error',
    description: 'Paste a stack trace: the real error, its cause chain and the playbook, offline.',
    to: '/errors/decode',
  },
  {
    title: 'Start onboarding',
    description: 'A week-one reading path for engineers new to the platform.',
    to: '/docs/tutorials/onboarding',
  },
];

export default function Home(): ReactNode {
  return (
    <Layout
      title="Production patterns for manufacturing data"
      description="Kafka → Spark → Delta Lake patterns, playbooks and in-browser labs for multi-plant manufacturing data platforms.">
      <header className={styles.hero}>
        <div className="container">
          <Heading as="h1">Manufacturing Data Platform — Production Patterns</Heading>
          <p className={styles.tagline}>
            Patterns, playbooks and labs for engineers who run Kafka → Spark → Delta Lake pipelines across many
            plants. Everything works offline: search, diagrams and labs run in your browser.
          </p>
        </div>
      </header>
      <main className="container margin-vert--lg">
        <EntryPoints entries={entryPoints} />
        <section className="margin-top--xl" aria-labelledby="catalog-heading">
          <Heading as="h2" id="catalog-heading">
            The catalog: 11 sections
          </Heading>
          <SectionGrid />
        </section>
        <section className="margin-top--xl" aria-labelledby="architecture-heading">
          <Heading as="h2" id="architecture-heading">
            The platform these patterns run on
          </Heading>
          <p>
            Plants publish machine and test-equipment events to Kafka over SASL_SSL. Kafka Streams validates and
            enriches them; Spark Structured Streaming lands them in Delta Lake and refines them from bronze to gold.
          </p>
          <div className={styles.diagram}>
            {/* MDXContent gives the partial the MDX components, among them the diagram's. */}
            <MDXContent>
              <PlatformDiagram />
            </MDXContent>
          </div>
        </section>
      </main>
    </Layout>
  );
}
