import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';

const Lab = lazy(() => import('./Lab'));

export interface AlertingLabProps {
  /** alert-rules.yml next to the Prometheus page, imported with `?raw`. */
  rules: string;
  /** alertmanager.yml next to the alerting page, imported with `?raw`. */
  alertmanager: string;
}

/** The alert simulator: incidents, rule states, routing and inhibition, loaded in the browser only. */
export default function AlertingLab(props: AlertingLabProps): ReactNode {
  return (
    <BrowserLab placeholder="The alerting lab loads here: it evaluates the rules in this browser tab and needs JavaScript.">
      {() => <Lab {...props} />}
    </BrowserLab>
  );
}
