import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';
import type {StreamingLabVariant} from './presets';

const Lab = lazy(() => import('./Lab'));

/** The streaming lab, loaded in the browser only; `variant` picks the page's first settings. */
export default function StreamingLab({variant}: {variant: StreamingLabVariant}): ReactNode {
  return (
    <BrowserLab placeholder="The streaming lab loads here: it runs DuckDB in this browser tab, served by this site, and needs JavaScript.">
      {() => <Lab variant={variant} />}
    </BrowserLab>
  );
}
