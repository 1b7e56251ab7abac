import type {ReactNode} from 'react';
import styles from './fileTabs.module.css';

/** One button per file of a multi-file lab, the open one pressed, each with its number of problems. */
export default function FileTabs({label, files, open, problemsIn, onOpen}: {label: string; files: readonly string[]; open: string; problemsIn: (file: string) => number; onOpen: (file: string) => void}): ReactNode {
  return (
    <div role="group" aria-label={label} className={styles.files}>
      {files.map((file) => {
        const count = problemsIn(file);
        return (
          <button key={file} type="button" aria-pressed={open === file} className={open === file ? styles.activeFile : undefined} onClick={() => onOpen(file)}>
            {file}
            {count > 0 && <span className={styles.badge}> ({count} problem{count === 1 ? '' : 's'})</span>}
          </button>
        );
      })}
    </div>
  );
}
