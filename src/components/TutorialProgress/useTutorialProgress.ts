import {useCallback, useEffect, useState} from 'react';
import {progressStorageKey, readProgress, recordCheck, type TutorialProgress} from '@site/playground';
import {readStorage, writeStorage} from '@site/src/components/SqlPlayground/browser';

/** Fired on the window when this tab changes the progress, so every exercise and summary on the page updates. */
const progressChanged = 'mdp-tutorial-progress';

function storedProgress(): TutorialProgress {
  return readProgress(readStorage(progressStorageKey));
}

/** The learner's tutorial progress in this browser, a way to record a check, and a reset. Browser only. */
export function useTutorialProgress(): {progress: TutorialProgress; record: (key: string, passed: boolean) => void; reset: () => void} {
  const [progress, setProgress] = useState(storedProgress);
  useEffect(() => {
    const sync = () => setProgress(storedProgress());
    window.addEventListener(progressChanged, sync);
    // Another tab of the site changed it.
    window.addEventListener('storage', sync);
    return () => {
      window.removeEventListener(progressChanged, sync);
      window.removeEventListener('storage', sync);
    };
  }, []);
  const save = useCallback((next: TutorialProgress | undefined) => {
    writeStorage(progressStorageKey, next && JSON.stringify(next));
    window.dispatchEvent(new Event(progressChanged));
  }, []);
  const record = useCallback((key: string, passed: boolean) => save(recordCheck(storedProgress(), key, passed)), [save]);
  const reset = useCallback(() => save(undefined), [save]);
  return {progress, record, reset};
}
