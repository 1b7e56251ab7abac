import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';

const Lab = lazy(() => import('./Lab'));

/** The data-quality lab, loaded in the browser only. */
export default function QualityLab(): ReactNode {
  return (
    <BrowserLab placeholder="The data-quality lab loads here: it runs DuckDB in this browser tab, served by this site, and needs JavaScript.">
      {() => <Lab />}
    </BrowserLab>
  );
}
