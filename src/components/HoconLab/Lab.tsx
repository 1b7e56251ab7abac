import {useEffect, useMemo, useState, type ReactNode} from 'react';
import {resolveHocon, type HoconResult, type Location} from '@site/playground';
import {useStoredState} from '@site/src/components/SqlPlayground/useStoredState';
import frame from '@site/src/components/LabFrame/styles.module.css';
import FileTabs from '@site/src/components/LabFrame/FileTabs';
import styles from './styles.module.css';
import SqlEditor from '@site/src/components/SqlEditor/Deferred';

export interface HoconLabProps {
  /** The configuration files next to the page, by path relative to the configuration directory. */
  files: Record<string, string>;
}

interface LabState {
  files: Record<string, string>;
  open: string;
  env: string;
  /** `NAME=value` lines, as typed. */
  variables: string;
}

const place = (location: Location) => `${location.file}:${location.line}`;

/** `NAME=value` lines into a map; a line without `=` is reported, not dropped silently. */
function parseVariables(text: string): {values: Record<string, string>; bad: string[]} {
  const values: Record<string, string> = {};
  const bad: string[] = [];
  for (const line of text.split('\n').map((entry) => entry.trim()).filter(Boolean)) {
    const index = line.indexOf('=');
    if (index <= 0) bad.push(line);
    else values[line.slice(0, index).trim()] = line.slice(index + 1).trim();
  }
  return {values, bad};
}

/** The variables the files read through `${?VAR}` or `${VAR}` substitutions written in upper case. */
function variablesRead(files: Record<string, string>): string[] {
  const names = new Set<string>();
  for (const text of Object.values(files)) for (const match of text.matchAll(/\$\{\??([A-Z][A-Z0-9_]*)\}/g)) names.add(match[1]!);
  return [...names].sort();
}

/**
 * The HOCON configuration per environment: edit the files, set environment variables, and read the
 * effective values with the file and line behind each, resolved in this tab by the HOCON library.
 */
export default function HoconLab({files: pageFiles}: HoconLabProps): ReactNode {
  const environments = Object.keys(pageFiles)
    .filter((file) => /^environments\/[^/]+\.conf$/.test(file))
    .map((file) => file.slice('environments/'.length, -'.conf'.length));
  const initial: LabState = {files: pageFiles, open: 'environments/prod.conf', env: 'prod', variables: ''};
  const [state, setState] = useStoredState<LabState>('mdp.hoconLab', initial, {
    restore: (saved) => ({...initial, ...saved, files: {...pageFiles, ...(saved.files ?? {})}}),
  });
  const change = (next: Partial<LabState>) => setState((previous) => ({...previous, ...next}));
  const variables = useMemo(() => parseVariables(state.variables), [state.variables]);
  const [resolved, setResolved] = useState<{key: string; result: HoconResult} | undefined>();
  const key = JSON.stringify([state.files, state.env, variables.values]);

  useEffect(() => {
    let current = true;
    resolveHocon(state.files, state.env, variables.values).then(
      (result) => current && setResolved({key, result}),
      (error: unknown) => current && setResolved({key, result: {ok: false, problems: [{severity: 'error', message: error instanceof Error ? error.message : String(error)}]}}),
    );
    return () => {
      current = false;
    };
    // `key` stands for the files, the environment and the variables.
  }, [key]);

  const result = resolved?.result;
  const stale = resolved?.key !== key;
  const problems = result && !result.ok ? result.problems : [];
  const markers = problems.filter((problem) => problem.file === state.open && problem.line).map((problem) => ({line: problem.line!, column: problem.column ?? 1, message: problem.message}));
  const edited = Object.keys(pageFiles).some((file) => state.files[file] !== pageFiles[file]);
  const read = useMemo(() => variablesRead(state.files), [state.files]);

  return (
    <section className={frame.frame} aria-label="HOCON configuration lab" id="hocon-lab">
      <div className={styles.row}>
        <fieldset className={frame.choice}>
          <legend>Environment (APP_ENV)</legend>
          {environments.map((name) => (
            <label key={name}>
              <input type="radio" name="hocon-env" value={name} checked={state.env === name} onChange={() => change({env: name})} /> {name}
            </label>
          ))}
        </fieldset>
        <label className={styles.area}>
          <span>
            Environment variables on the cluster, one <code>NAME=value</code> a line
          </span>
          <textarea rows={3} value={state.variables} onChange={(event) => change({variables: event.target.value})} placeholder="KAFKA_BOOTSTRAP_SERVERS=kafka-dr-1.plant.example:9093" aria-describedby="hocon-variables-hint" />
        </label>
        <button type="button" className="button button--secondary button--sm" disabled={!edited} onClick={() => setState({...initial, env: state.env, variables: state.variables})}>
          Reset the files
        </button>
      </div>
      <p id="hocon-variables-hint" className={styles.hint}>
        The files read {read.length === 0 ? 'no environment variable' : read.map((name, index) => <span key={name}>{index > 0 && ', '}<code>{name}</code></span>)}. Nothing is read from your machine: only what you set here.
      </p>
      {variables.bad.length > 0 && (
        <p role="alert" className={styles.error}>
          Not a <code>NAME=value</code> line: {variables.bad.map((line) => `“${line}”`).join(', ')}
        </p>
      )}

      <FileTabs label="HOCON files" files={Object.keys(state.files)} open={state.open} problemsIn={(file) => problems.filter((problem) => problem.file === file).length} onOpen={(file) => change({open: file})} />
      <div className={frame.editor}>
        <SqlEditor
          value={state.files[state.open] ?? ''}
          onChange={(text) => setState((previous) => ({...previous, files: {...previous.files, [previous.open]: text}}))}
          label={`HOCON file ${state.open}`}
          language="plaintext"
          markers={markers}
        />
      </div>

      {!result ? (
        <p role="status">Loading the HOCON library…</p>
      ) : !result.ok ? (
        <div role="alert">
          <ul aria-label="HOCON problems" className={styles.problemList}>
            {result.problems.map((problem) => (
              <li key={`${problem.file}-${problem.line}-${problem.message}`} className={styles.error}>
                <strong>error</strong>: {problem.message}{' '}
                {problem.file && (
                  <button type="button" className={styles.link} onClick={() => problem.file && problem.file in state.files && change({open: problem.file})}>
                    {problem.file}
                    {problem.line ? `:${problem.line}` : ''}
                    {problem.column ? `:${problem.column}` : ''}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <div className={frame.tableScroller} aria-busy={stale} tabIndex={0} role="region" aria-label={`Effective configuration in ${state.env}, scrollable`}>
          <table className={`${frame.table} ${styles.table}`} aria-label={`Effective configuration in ${state.env}`}>
            <thead>
              <tr>
                <th scope="col">key</th>
                <th scope="col">value</th>
                <th scope="col">set by</th>
              </tr>
            </thead>
            <tbody>
              {result.values.map((value) => (
                <tr key={value.path}>
                  <th scope="row">
                    <code>{value.path}</code>
                  </th>
                  <td>
                    <code>{JSON.stringify(value.value)}</code>
                  </td>
                  <td>
                    {value.fromEnvironment ? (
                      <>
                        <code>{value.fromEnvironment}</code> through <code>{place(value.location)}</code>
                      </>
                    ) : (
                      <code>{place(value.location)}</code>
                    )}
                    {value.unsetOverrides.map((override) => (
                      <div key={place(override.location)} className={styles.unset}>
                        <code>{`\${?${override.variable}}`}</code> at <code>{place(override.location)}</code>: not set, so it changes nothing
                      </div>
                    ))}
                    {value.shadowedOverrides.map((override) => (
                      <div key={place(override.location)} className={styles.shadowed}>
                        <code>{override.variable}</code> is set, but <code>{place(value.location)}</code> comes after its <code>{`\${?${override.variable}}`}</code> at{' '}
                        <code>{place(override.location)}</code> and wins
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
