import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';

const Lab = lazy(() => import('./Lab'));

/** The slowly-changing-dimension lab, loaded in the browser only. */
export default function ScdLab(): ReactNode {
  return (
    <BrowserLab placeholder="The SCD lab loads here: it runs DuckDB in this browser tab, served by this site, and needs JavaScript.">
      {() => <Lab />}
    </BrowserLab>
  );
}
