import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';

const Lab = lazy(() => import('./Lab'));

/** The 11-step MAP flattening lab, loaded in the browser only. */
export default function FlattenLab(): ReactNode {
  return (
    <BrowserLab placeholder="The flattening lab loads here: it runs DuckDB in this browser tab, served by this site, and needs JavaScript.">
      {() => <Lab />}
    </BrowserLab>
  );
}
