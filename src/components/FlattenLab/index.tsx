import {Suspense, lazy, type ReactNode} from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';

const Lab = lazy(() => import('./Lab'));

const placeholder = (
  <p>
    <em>The flattening lab loads here: it runs DuckDB in this browser tab, served by this site, and needs JavaScript.</em>
  </p>
);

/** The 11-step MAP flattening lab, loaded in the browser only (DuckDB-WASM and Monaco come with it on demand). */
export default function FlattenLab(): ReactNode {
  return (
    <BrowserOnly fallback={placeholder}>
      {() => (
        <Suspense fallback={placeholder}>
          <Lab />
        </Suspense>
      )}
    </BrowserOnly>
  );
}
