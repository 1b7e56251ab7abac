import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';
import type {HoconLabProps} from './Lab';

const Lab = lazy(() => import('./Lab'));

/** The HOCON lab (the page's files resolved per environment by the HOCON library), loaded in the browser only. */
export default function HoconLab(props: HoconLabProps): ReactNode {
  return (
    <BrowserLab placeholder="The HOCON lab loads here: it resolves the configuration in this browser tab and needs JavaScript.">
      {() => <Lab {...props} />}
    </BrowserLab>
  );
}
