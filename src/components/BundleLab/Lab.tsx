import {useMemo, type ReactNode} from 'react';
import CodeBlock from '@theme/CodeBlock';
import {
  bundleTargets,
  checkClusterPolicy,
  diffTargets,
  resolveBundle,
  summarizeJobs,
  toPlain,
  type BundleContext,
  type BundleResult,
  type DeployProblem,
  type Located,
  type Location,
} from '@site/playground';
import {useStoredState} from '@site/src/components/SqlPlayground/useStoredState';
import frame from '@site/src/components/LabFrame/styles.module.css';
import FileTabs from '@site/src/components/LabFrame/FileTabs';
import styles from './styles.module.css';
import SqlEditor from '@site/src/components/SqlEditor/Deferred';

export interface BundleLabProps {
  /** The bundle files next to the page, by path relative to the bundle root. */
  files: Record<string, string>;
  /** The cluster policy the job clusters refer to, checked against every effective job cluster. */
  policy?: {name: string; text: string};
}

interface LabState {
  files: Record<string, string>;
  open: string;
  target: string;
  compareWith: string;
  userName: string;
  vars: string;
  env: string;
}

const storageKey = 'mdp.bundleLab';
const ciPrincipal = '3c1d7e2a-5b8f-4e6a-9d0c-7f2b1a4e6c93';

/** `name=value` lines into a map; a line without `=` is reported, not dropped silently. */
function parseAssignments(text: string, prefix = ''): {values: Record<string, string>; bad: string[]} {
  const values: Record<string, string> = {};
  const bad: string[] = [];
  for (const line of text.split('\n').map((entry) => entry.trim()).filter(Boolean)) {
    const index = line.indexOf('=');
    if (index <= 0) bad.push(line);
    else values[`${prefix}${line.slice(0, index).trim()}`] = line.slice(index + 1).trim();
  }
  return {values, bad};
}

/** A resolution, or the unexpected failure as a problem: what the reader typed never breaks the page. */
function resolveSafely(files: Record<string, string>, target: string, context: BundleContext): BundleResult {
  try {
    return resolveBundle(files, target, context);
  } catch (error) {
    return {ok: false, problems: [{severity: 'error', message: error instanceof Error ? error.message : String(error)}]};
  }
}

function place(location: Location | undefined): string {
  if (!location || !location.file) return 'set by the CLI';
  return location.line > 0 ? `${location.file}:${location.line}` : location.file;
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The Asset Bundles lab: edit the bundle, pick a target, read the effective jobs and the diff to another target. */
export default function BundleLab({files: pageFiles, policy}: BundleLabProps): ReactNode {
  const initial: LabState = {files: pageFiles, open: 'databricks.yml', target: 'dev', compareWith: 'prod', userName: 'anna.schmidt@example.com', vars: '', env: ''};
  const [state, setState] = useStoredState<LabState>(storageKey, initial, {
    restore: (saved) => ({...initial, ...saved, files: {...pageFiles, ...(saved.files ?? {})}}),
  });
  const change = (next: Partial<LabState>) => setState((previous) => ({...previous, ...next}));

  const targets = useMemo(() => bundleTargets(state.files), [state.files]);
  const vars = useMemo(() => parseAssignments(state.vars), [state.vars]);
  const env = useMemo(() => parseAssignments(state.env), [state.env]);
  const context = useMemo<BundleContext>(() => ({userName: state.userName.trim() || 'anna.schmidt@example.com', vars: vars.values, env: env.values}), [state.userName, vars, env]);

  const result = useMemo(() => resolveSafely(state.files, state.target, context), [state.files, state.target, context]);
  const other = useMemo(
    () => (state.compareWith === state.target || !targets.includes(state.compareWith) ? undefined : resolveSafely(state.files, state.compareWith, context)),
    [state.files, state.compareWith, state.target, context, targets],
  );

  const jobs = result.ok ? summarizeJobs(result.config) : [];
  const policyCheck = useMemo(() => (result.ok && policy ? checkClusterPolicy(result.config, policy.text, policy.name) : undefined), [result, policy]);
  // Variables show their values in their own list; the diff keeps to what they produce.
  const differences = result.ok && other?.ok ? diffTargets(result.config, other.config).filter((difference) => !difference.path.startsWith('variables.')) : [];
  const markers = result.problems.filter((problem) => problem.file === state.open && problem.line).map((problem) => ({line: problem.line!, column: problem.column ?? 1, message: problem.message}));
  const edited = Object.keys(pageFiles).some((file) => state.files[file] !== pageFiles[file]);

  const openAt = (location: Location | undefined) => {
    if (location?.file && location.file in state.files) change({open: location.file});
  };
  const LocationLink = ({location}: {location: Location | undefined}) =>
    location?.file && location.file in state.files ? (
      <button type="button" className={styles.link} onClick={() => openAt(location)} aria-label={`Open ${place(location)}`}>
        {place(location)}
      </button>
    ) : (
      <span className={styles.muted}>{place(location)}</span>
    );
  const Cell = ({item}: {item: Located<unknown> | undefined}) =>
    item ? (
      <>
        <code>{show(item.value)}</code> <LocationLink location={item.location} />
        {item.references?.map((reference) => (
          <span key={reference.path} className={styles.via}>
            {' '}
            via <code>{`\${${reference.path}}`}</code> <LocationLink location={reference.location} />
          </span>
        ))}
      </>
    ) : (
      <span className={styles.muted}>—</span>
    );

  return (
    <section className={frame.frame} aria-label="Asset Bundles lab" id="bundle-lab">
      <div className={styles.row}>
        <fieldset className={frame.choice}>
          <legend>Target</legend>
          {(targets.length > 0 ? targets : [state.target]).map((target) => (
            <label key={target}>
              <input
                type="radio"
                name="bundle-target"
                value={target}
                checked={state.target === target}
                onChange={() => change({target, userName: target === 'dev' ? 'anna.schmidt@example.com' : state.userName === 'anna.schmidt@example.com' ? ciPrincipal : state.userName})}
              />{' '}
              {target}
            </label>
          ))}
        </fieldset>
        <label>
          Deploying user{' '}
          <input value={state.userName} onChange={(event) => change({userName: event.target.value})} size={38} aria-describedby="bundle-user-hint" />
        </label>
        <label>
          Compare with{' '}
          <select value={state.compareWith} onChange={(event) => change({compareWith: event.target.value})}>
            {targets.map((target) => (
              <option key={target} value={target}>
                {target}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--secondary button--sm" disabled={!edited} onClick={() => setState({...initial, target: state.target, compareWith: state.compareWith})}>
          Reset the files
        </button>
      </div>
      <p id="bundle-user-hint" className={styles.hint}>
        An e-mail for an engineer; a service principal&apos;s application ID for CI. Development mode names resources after the user&apos;s short name.
      </p>
      <div className={styles.row}>
        <label className={styles.area}>
          <span>
            <code>--var</code> flags, one <code>name=value</code> a line
          </span>
          <textarea rows={2} value={state.vars} onChange={(event) => change({vars: event.target.value})} placeholder="streaming_workers=4" />
        </label>
        <label className={styles.area}>
          <span>
            Environment variables (<code>BUNDLE_VAR_name=value</code>)
          </span>
          <textarea rows={2} value={state.env} onChange={(event) => change({env: event.target.value})} placeholder="BUNDLE_VAR_catalog=mfg_sandbox" />
        </label>
      </div>
      {[...vars.bad, ...env.bad].length > 0 && (
        <p role="alert" className={styles.problems}>
          Not a <code>name=value</code> line: {[...vars.bad, ...env.bad].map((line) => `“${line}”`).join(', ')}
        </p>
      )}

      <FileTabs label="Bundle files" files={Object.keys(state.files)} open={state.open} problemsIn={(file) => result.problems.filter((problem) => problem.file === file).length} onOpen={(file) => change({open: file})} />
      <div className={frame.editor}>
        <SqlEditor
          value={state.files[state.open] ?? ''}
          onChange={(text) => setState((previous) => ({...previous, files: {...previous.files, [previous.open]: text}}))}
          label={`Bundle file ${state.open}`}
          language="yaml"
          markers={markers}
        />
      </div>

      <Problems problems={result.problems} onOpen={openAt} />

      {result.ok && (
        <>
          <h4>
            Jobs in <code>{result.target}</code>
          </h4>
          <div className={frame.tableScroller} tabIndex={0} role="region" aria-label={`Effective jobs in ${result.target}, scrollable`}>
            <table className={`${frame.table} ${styles.table}`} aria-label={`Effective jobs in ${result.target}`}>
              <thead>
                <tr>
                  <th scope="col">job</th>
                  <th scope="col">name</th>
                  <th scope="col">runs</th>
                  <th scope="col">clusters</th>
                  <th scope="col">permissions</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((job) => (
                  <tr key={job.key}>
                    <th scope="row">
                      <code>{job.key}</code>
                    </th>
                    <td>
                      <Cell item={job.name} />
                    </td>
                    <td>
                      {job.runs.kind} {job.runs.cron && <code>{job.runs.cron.value}</code>}
                      {job.runs.pauseStatus && (
                        <div>
                          <Cell item={job.runs.pauseStatus} />
                        </div>
                      )}
                      {job.maxConcurrentRuns && (
                        <div>
                          max runs <Cell item={job.maxConcurrentRuns} />
                        </div>
                      )}
                    </td>
                    <td>
                      {job.clusters.map((cluster) => (
                        <div key={cluster.key} className={styles.cluster}>
                          <strong>{cluster.key}</strong>:{' '}
                          {cluster.workers ? (
                            <>
                              workers <Cell item={cluster.workers} />
                            </>
                          ) : (
                            <>
                              autoscale <Cell item={cluster.minWorkers} />–<Cell item={cluster.maxWorkers} />
                            </>
                          )}
                          <div>
                            <Cell item={cluster.nodeType} />, <Cell item={cluster.sparkVersion} />
                          </div>
                          {cluster.policyId && (
                            <div>
                              policy <Cell item={cluster.policyId} />
                            </div>
                          )}
                        </div>
                      ))}
                    </td>
                    <td>
                      {job.permissions.length === 0 ? (
                        <span className={styles.muted}>deployer only</span>
                      ) : (
                        job.permissions.map((permission) => (
                          <div key={`${permission.principal}-${permission.level.value}`}>
                            {permission.principal}: <Cell item={permission.level} />
                          </div>
                        ))
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          {policy && policyCheck && (
            <>
              <h4>
                Cluster policy <code>{policy.name}</code>
              </h4>
              {!policyCheck.ok ? (
                <p role="alert">{policyCheck.message}</p>
              ) : policyCheck.findings.length === 0 ? (
                <p role="status">Every job cluster in {result.target} fits the policy&apos;s fixed, forbidden, allowlist and range rules (regex rules are checked by the workspace).</p>
              ) : (
                <ul aria-label="Policy findings" className={styles.problemList}>
                  {policyCheck.findings.map((finding) => (
                    <li key={`${finding.job}-${finding.cluster}-${finding.attribute}`} className={styles.error}>
                      <code>{finding.job}</code>, cluster <code>{finding.cluster}</code>: {finding.message} <LocationLink location={finding.location} />
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}

          <h4>Variables</h4>
          <ul aria-label="Variable values" className={styles.variables}>
            {result.variables.map((variable) => (
              <li key={variable.name}>
                <code>{variable.name}</code> ={' '}
                {variable.source === 'lookup' ? (
                  <>
                    <em>unresolved offline</em>: the CLI looks up the {variable.lookup!.kind.replace(/_/g, ' ')} named <code>{variable.lookup!.name}</code> in the workspace
                  </>
                ) : (
                  <>
                    <code>{show(variable.value)}</code> from {variable.source === 'flag' ? '--var' : variable.source === 'environment' ? `BUNDLE_VAR_${variable.name}` : variable.source === 'target' ? `the ${result.target} target` : 'the default'}{' '}
                    <LocationLink location={variable.location} />
                  </>
                )}
              </li>
            ))}
          </ul>

          <h4>
            {result.target} compared with {state.compareWith}
          </h4>
          {state.compareWith === state.target ? (
            <p>Pick another target to compare with.</p>
          ) : other && !other.ok ? (
            <p role="status">
              {state.compareWith} does not resolve: {other.problems.find((problem) => problem.severity === 'error')?.message}
            </p>
          ) : differences.length === 0 ? (
            <p role="status">No difference in the effective configuration.</p>
          ) : (
            <div className={frame.tableScroller} tabIndex={0} role="region" aria-label={`Differences between ${result.target} and ${state.compareWith}, scrollable`}>
              <table className={`${frame.table} ${styles.table}`} aria-label={`Differences between ${result.target} and ${state.compareWith}`}>
                <caption>
                  {differences.length} setting{differences.length === 1 ? '' : 's'} differ
                </caption>
                <thead>
                  <tr>
                    <th scope="col">setting</th>
                    <th scope="col">{result.target}</th>
                    <th scope="col">{state.compareWith}</th>
                  </tr>
                </thead>
                <tbody>
                  {differences.map((difference) => (
                    <tr key={difference.path}>
                      <th scope="row">
                        <code>{difference.path}</code>
                      </th>
                      <td>{difference.left ? <Cell item={difference.left} /> : <span className={styles.muted}>not set</span>}</td>
                      <td>{difference.right ? <Cell item={difference.right} /> : <span className={styles.muted}>not set</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <details className={styles.json}>
            <summary>
              The resolved configuration (like <code>databricks bundle validate -t {result.target} --output json</code>)
            </summary>
            <CodeBlock language="json">{JSON.stringify(toPlain(result.config), null, 2)}</CodeBlock>
          </details>
        </>
      )}
    </section>
  );
}

function Problems({problems, onOpen}: {problems: DeployProblem[]; onOpen: (location: Location) => void}): ReactNode {
  if (problems.length === 0) return <p role="status">No error or warning: this is what the CLI would deploy.</p>;
  return (
    <div role="alert">
      <ul aria-label="Bundle problems" className={styles.problemList}>
      {problems.map((problem) => (
        <li key={`${problem.file}-${problem.line}-${problem.message}`} className={styles[problem.severity]}>
          <strong>{problem.severity}</strong>: <span className={styles.message}>{problem.message}</span>
          {problem.file && (
            <>
              {' '}
              <button type="button" className={styles.link} onClick={() => onOpen({file: problem.file!, line: problem.line ?? 1, column: problem.column ?? 1})}>
                {problem.file}
                {problem.line ? `:${problem.line}` : ''}
              </button>
            </>
          )}
          {problem.path && (
            <>
              {' '}
              at <code>{problem.path}</code>
            </>
          )}
        </li>
      ))}
      </ul>
    </div>
  );
}

/** The shared editor, showing YAML. */