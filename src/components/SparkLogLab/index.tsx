import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';

const Lab = lazy(() => import('./Lab'));

/** The Spark UI analysis lab (event log reader, stages, task chart, findings), loaded in the browser only. */
export default function SparkLogLab(): ReactNode {
  return (
    <BrowserLab placeholder="The Spark UI analysis lab loads here: it reads event logs in this browser tab and needs JavaScript.">
      {() => <Lab />}
    </BrowserLab>
  );
}
