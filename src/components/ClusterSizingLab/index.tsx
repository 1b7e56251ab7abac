import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';
import type {ClusterSizingLabProps} from './Lab';

const Lab = lazy(() => import('./Lab'));

/** The cluster sizing calculator (workers, executor memory, shuffle partitions, job-cluster YAML), loaded in the browser only. */
export default function ClusterSizingLab(props: ClusterSizingLabProps): ReactNode {
  return (
    <BrowserLab placeholder="The cluster sizing calculator loads here: it runs in this browser tab and needs JavaScript.">
      {() => <Lab {...props} />}
    </BrowserLab>
  );
}
