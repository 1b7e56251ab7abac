import {useEffect, useState} from 'react';
import type {RuntimeStatus} from '@site/playground';
import {currentRuntimeStatus, onRuntimeStatus} from './runtime';

/** Whether the engine is doing something slow the reader should see (starting, generating a dataset, restarting). */
function isProgress(status: RuntimeStatus | undefined): status is RuntimeStatus {
  return status !== undefined && status.phase !== 'ready' && status.phase !== 'running';
}

/**
 * The engine's start, dataset generation or restart while `active` (the lab's own work waits for
 * it), for a lab's status line; undefined otherwise. A lab that becomes active during a speculative
 * start sees its current step at once.
 */
export function useEngineProgress(active: boolean): RuntimeStatus | undefined {
  const [status, setStatus] = useState<RuntimeStatus | undefined>(undefined);
  useEffect(() => {
    if (!active) {
      setStatus(undefined);
      return undefined;
    }
    const now = currentRuntimeStatus();
    setStatus(isProgress(now) ? now : undefined);
    return onRuntimeStatus((next) => setStatus(isProgress(next) ? next : undefined));
  }, [active]);
  return status;
}
