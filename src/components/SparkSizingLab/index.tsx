import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';

const Lab = lazy(() => import('./Lab'));

/** The Spark sizing calculator (file partitions, AQE, skew join, broadcast, memory), loaded in the browser only. */
export default function SparkSizingLab(): ReactNode {
  return (
    <BrowserLab placeholder="The Spark sizing calculator loads here: it runs in this browser tab and needs JavaScript.">
      {() => <Lab />}
    </BrowserLab>
  );
}
