import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';
import type {BundleLabProps} from './Lab';

const Lab = lazy(() => import('./Lab'));

/** The Asset Bundles lab (bundle files resolved per target as the Databricks CLI does), loaded in the browser only. */
export default function BundleLab(props: BundleLabProps): ReactNode {
  return (
    <BrowserLab placeholder="The Asset Bundles lab loads here: it resolves the bundle in this browser tab and needs JavaScript.">
      {() => <Lab {...props} />}
    </BrowserLab>
  );
}
