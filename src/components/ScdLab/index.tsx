import {Suspense, lazy, type ReactNode} from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';

const Lab = lazy(() => import('./Lab'));

const placeholder = (
  <p>
    <em>The SCD lab loads here: it runs DuckDB in this browser tab, served by this site, and needs JavaScript.</em>
  </p>
);

/** The slowly-changing-dimension lab, loaded in the browser only. */
export default function ScdLab(): ReactNode {
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
