import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';

const Lab = lazy(() => import('./Lab'));

/** The logging page's queries on the incidents' logs, in DuckDB in the browser. */
export default function LogAnalysisLab(): ReactNode {
  return (
    <BrowserLab placeholder="The log analysis lab loads here: it runs DuckDB in this browser tab, served by this site, and needs JavaScript.">
      {() => <Lab />}
    </BrowserLab>
  );
}
