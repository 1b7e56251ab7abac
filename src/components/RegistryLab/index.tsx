import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';

const Lab = lazy(() => import('./Lab'));

/** The Schema Registry compatibility lab, loaded in the browser only. */
export default function RegistryLab(): ReactNode {
  return (
    <BrowserLab placeholder="The Schema Registry compatibility lab loads here: it checks Avro schemas in this browser tab and needs JavaScript.">
      {() => <Lab />}
    </BrowserLab>
  );
}
