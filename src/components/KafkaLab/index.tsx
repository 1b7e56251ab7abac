import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';

const Lab = lazy(() => import('./Lab'));

/** The Kafka client configuration builder and JAAS linter, loaded in the browser only. */
export default function KafkaLab(): ReactNode {
  return (
    <BrowserLab placeholder="The Kafka configuration builder loads here: it runs in this browser tab and needs JavaScript.">
      {() => <Lab />}
    </BrowserLab>
  );
}
