import {Suspense, type ReactNode} from 'react';
import WideLab from '@site/src/components/LabFrame/WideLab';
import LabMount from './LabMount';

/**
 * A lab that exists only in the browser: server rendering and the first paint show `placeholder`; the lazily
 * loaded lab (DuckDB-WASM and Monaco come with it on demand), which can open wide, replaces it when `LabMount`
 * says it is wanted. `reservedHeight` keeps that much room from the first paint on, so a lab that fills the page
 * does not move what follows it into view and out again when it replaces the placeholder (a layout shift
 * Lighthouse counts).
 */
export default function BrowserLab({placeholder, reservedHeight, children}: {placeholder: string; reservedHeight?: string; children: () => ReactNode}): ReactNode {
  const fallback = (
    <p>
      <em>{placeholder}</em>
    </p>
  );
  const lab = (
    <LabMount waiting={fallback}>
      {() => (
        <WideLab>
          <Suspense fallback={fallback}>{children()}</Suspense>
        </WideLab>
      )}
    </LabMount>
  );
  return reservedHeight ? <div style={{minHeight: reservedHeight}}>{lab}</div> : lab;
}
