import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';

const Lab = lazy(() => import('./Lab'));

/** The change-data-capture lab, loaded in the browser only. */
export default function CdcLab(): ReactNode {
  return (
    <BrowserLab placeholder="The change-data-capture lab loads here: it runs DuckDB in this browser tab, served by this site, and needs JavaScript.">
      {() => <Lab />}
    </BrowserLab>
  );
}
