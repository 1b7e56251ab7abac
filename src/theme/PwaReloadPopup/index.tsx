/**
 * The reload popup of @docusaurus/plugin-pwa, swizzled (ejected) to be announced: it appears in a live region
 * (role="status", polite) and takes no focus, so a reader in the middle of a lab is
 * told and keeps working. The plugin's translation ids are kept.
 */
import {useState, type ReactNode} from 'react';
import clsx from 'clsx';
import Translate, {translate} from '@docusaurus/Translate';
import styles from './styles.module.css';

export interface Props {
  readonly onReload: () => void;
}

export default function PwaReloadPopup({onReload}: Props): ReactNode {
  const [isVisible, setIsVisible] = useState(true);
  if (!isVisible) {
    return null;
  }
  return (
    <div role="status" aria-label="Site update" className={clsx('alert', 'alert--secondary', styles.popup)}>
      <p>
        <Translate id="theme.PwaReloadPopup.info" description="The text for PWA reload popup">
          New version available
        </Translate>
      </p>
      <div className={styles.buttonContainer}>
        <button
          className="button button--link"
          type="button"
          onClick={() => {
            setIsVisible(false);
            onReload();
          }}>
          <Translate id="theme.PwaReloadPopup.refreshButtonText" description="The text for PWA reload button">
            Refresh
          </Translate>
        </button>
        <button
          aria-label={translate({
            id: 'theme.PwaReloadPopup.closeButtonAriaLabel',
            message: 'Close',
            description: 'The ARIA label for close button of PWA reload popup',
          })}
          className="close"
          type="button"
          onClick={() => setIsVisible(false)}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
    </div>
  );
}
