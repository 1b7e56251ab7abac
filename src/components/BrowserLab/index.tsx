import {Suspense, type ReactNode} from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import WideLab from '@site/src/components/LabFrame/WideLab';

/**
 * A lab that exists only in the browser: server rendering and the first paint show `placeholder`,
 * then the lazily loaded lab (DuckDB-WASM and Monaco come with it on demand), which can open wide.
 */
export default function BrowserLab({placeholder, children}: {placeholder: string; children: () => ReactNode}): ReactNode {
  const fallback = (
    <p>
      <em>{placeholder}</em>
    </p>
  );
  return (
    <BrowserOnly fallback={fallback}>
      {() => (
        <WideLab>
          <Suspense fallback={fallback}>{children()}</Suspense>
        </WideLab>
      )}
    </BrowserOnly>
  );
}
