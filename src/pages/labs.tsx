import type {ReactNode} from 'react';
import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import {labs} from '@site/src/data/labs';
import styles from './labs.module.css';

/** Every lab on the site with its page: the place to find one without knowing the catalog. */
export default function Labs(): ReactNode {
  return (
    <Layout title="Labs" description="Every in-browser lab of the site: what you do in it and the pattern page it belongs to. They run offline, in this tab.">
      <main className="container margin-vert--lg">
        <h1>Labs</h1>
        <p>
          Each lab runs in this browser tab on generated, seeded plant data: DuckDB compiled to WebAssembly or a TypeScript engine, served by this site, so they
          work on a plant network without internet. Pages with SQL examples also run them in place.
        </p>
        <ul className={styles.list}>
          {labs.map((lab) => (
            <li key={`${lab.to}-${lab.title}`}>
              <Link to={lab.to}>{lab.title}</Link>
              <span>{lab.does}</span>
            </li>
          ))}
        </ul>
      </main>
    </Layout>
  );
}
