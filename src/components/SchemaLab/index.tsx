import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';

const Lab = lazy(() => import('./Lab'));

/** The schema compatibility lab, loaded in the browser only. */
export default function SchemaLab(): ReactNode {
  return (
    <BrowserLab placeholder="The schema compatibility lab loads here: it checks schemas in this browser tab and needs JavaScript.">
      {() => <Lab />}
    </BrowserLab>
  );
}
