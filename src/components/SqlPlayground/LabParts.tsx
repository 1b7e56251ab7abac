import type {ReactNode} from 'react';
import ResultTable from '@site/src/components/ResultTable';
import {errorHint} from './messages';
import type {EngineErrorInfo} from '@site/playground';
import type {LabOutcome} from './useLabRunner';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';

export interface LabActions {
  running: boolean;
  onRun: () => void;
  onCancel: () => void;
  onReset: () => void;
  onShare: () => void;
  onCopy: () => void;
}

/** Run, Cancel, Reset, Share and Copy, as every lab shows them. */
export function LabToolbar({running, onRun, onCancel, onReset, onShare, onCopy}: LabActions): ReactNode {
  return (
    <div className={frame.actions}>
      <button type="button" className="button button--primary button--sm" onClick={onRun} disabled={running}>
        Run
      </button>
      <button type="button" className="button button--secondary button--sm" onClick={onCancel} disabled={!running}>
        Cancel
      </button>
      <button type="button" className="button button--secondary button--sm" onClick={onReset} disabled={running}>
        Reset
      </button>
      <button type="button" className="button button--secondary button--sm" onClick={onShare}>
        Share
      </button>
      <button type="button" className="button button--secondary button--sm" onClick={onCopy}>
        Copy
      </button>
    </div>
  );
}

/** An engine error as every lab shows it: DuckDB's words, and a hint where there is one. */
export function EngineErrorView({error}: {error: EngineErrorInfo}): ReactNode {
  const hint = errorHint(error);
  return (
    <div className={styles.error} role="alert">
      <pre>{error.message}</pre>
      {hint && <p>{hint}</p>}
    </div>
  );
}

/** The last run's error or its result table. */
export function LabOutcomeView({outcome, caption}: {outcome: LabOutcome | undefined; caption: string}): ReactNode {
  if (outcome?.error) {
    return <EngineErrorView error={outcome.error} />;
  }
  return outcome?.table ? <ResultTable table={outcome.table} caption={caption} /> : null;
}
