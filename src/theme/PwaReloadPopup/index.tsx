/**
 * The update prompt of @docusaurus/plugin-pwa, swizzled (ejected): src/pwa/registerServiceWorker.ts renders it
 * through the plugin's renderReloadPopup when a new build's service worker is waiting. Unlike the plugin's popup:
 * - it is a polite live region whose text is set after it is in the page, so screen readers announce it, and it
 *   never takes the focus: a reader in the middle of a lab is told and keeps working;
 * - "Later" dismisses it in words (the next page load offers it again while the new build waits);
 * - after Refresh it stays where it is, says the new version is loading and ignores further presses. The reload
 *   waits until the old worker has stopped and the new one controls the page. The plugin's popup vanished on the
 *   click, so the pointer landed on whatever link was under it; in Chromium hovering a link starts the old worker
 *   again for that navigation, which then delays the new one's activation (see loadNewBuild). A popup that stays
 *   in place leaves nothing new under the pointer.
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
  const loading = phase === 'loading';
  return (
    <div role="status" aria-label="Site update" className={clsx('alert', 'alert--secondary', styles.popup)}>
      {phase !== 'mounting' && (
        <>
          <p>
            {loading ? (
              <Translate id="theme.PwaReloadPopup.loadingText" description="The text for PWA reload popup once Refresh was pressed">
                Loading the new version…
              </Translate>
            ) : (
              <Translate id="theme.PwaReloadPopup.info" description="The text for PWA reload popup">
                New version available
              </Translate>
            )}
          </p>
          <div className={styles.buttonContainer}>
            <button
              className="button button--sm button--primary"
              type="button"
              aria-disabled={loading}
              onClick={() => {
                if (!loading) {
                  setPhase('loading');
                  onReload();
                }
              }}>
              <Translate id="theme.PwaReloadPopup.refreshButtonText" description="The text for PWA reload button">
                Refresh
              </Translate>
            </button>
            <button
              className="button button--sm button--secondary"
              type="button"
              aria-disabled={loading}
              onClick={() => !loading && setPhase('dismissed')}>
              <Translate id="theme.PwaReloadPopup.laterButtonText" description="The text for the PWA reload popup's dismiss button">
                Later
              </Translate>
            </button>
          </div>
        </>
      )}
    </div>
  );
}
