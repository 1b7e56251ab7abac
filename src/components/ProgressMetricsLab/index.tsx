import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';

const Lab = lazy(() => import('./Lab'));

/** From a StreamingQueryProgress to the metrics the listener pushes, loaded in the browser only. */
export default function ProgressMetricsLab({sample}: {sample: string}): ReactNode {
  return (
    <BrowserLab placeholder="The progress-to-metrics lab loads here: it runs in this browser tab and needs JavaScript.">
      {() => <Lab sample={sample} />}
    </BrowserLab>
  );
}
