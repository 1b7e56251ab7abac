/**
 * The update prompt of @docusaurus/plugin-pwa, swizzled (ejected): src/pwa/registerServiceWorker.ts renders it
 * through the plugin's renderReloadPopup when a new build's service worker is waiting. Unlike the plugin's popup:
 * - it is a polite live region whose text is set after it is in the page, so screen readers announce it, and it
 *   never takes the focus: a reader in the middle of a lab is told and keeps working;
 * - "Later" dismisses it in words (the next page load offers it again while the new build waits);
 * - after Refresh it stays and says the new version is loading: the reload waits until the new worker controls
 *   the page, which the browser may delay while the old one finishes a request.
 * The plugin's translation ids are kept.
 */
import {useEffect, useState, type ReactNode} from 'react';
import clsx from 'clsx';
import Translate from '@docusaurus/Translate';
import styles from './styles.module.css';

export interface Props {
  readonly onReload: () => void;
}

type Phase = 'mounting' | 'offered' | 'loading' | 'dismissed';

export default function PwaReloadPopup({onReload}: Props): ReactNode {
  const [phase, setPhase] = useState<Phase>('mounting');
  // The live region is in the page before its text: a region inserted with its text already in it is not
  // announced by every screen reader.
  useEffect(() => setPhase('offered'), []);
  if (phase === 'dismissed') {
    return null;
  }
  return (
    <div role="status" aria-label="Site update" className={clsx('alert', 'alert--secondary', styles.popup)}>
      {phase === 'offered' && (
        <>
          <p>
            <Translate id="theme.PwaReloadPopup.info" description="The text for PWA reload popup">
              New version available
            </Translate>
          </p>
          <div className={styles.buttonContainer}>
            <button
              className="button button--sm button--primary"
              type="button"
              onClick={() => {
                setPhase('loading');
                onReload();
              }}>
              <Translate id="theme.PwaReloadPopup.refreshButtonText" description="The text for PWA reload button">
                Refresh
              </Translate>
            </button>
            <button className="button button--sm button--secondary" type="button" onClick={() => setPhase('dismissed')}>
              <Translate id="theme.PwaReloadPopup.laterButtonText" description="The text for the PWA reload popup's dismiss button">
                Later
              </Translate>
            </button>
          </div>
        </>
      )}
      {phase === 'loading' && (
        <p>
          <Translate id="theme.PwaReloadPopup.loadingText" description="The text for PWA reload popup once Refresh was pressed">
            Loading the new version…
          </Translate>
        </p>
      )}
    </div>
  );
}
