import {useState, type ReactNode} from 'react';
import {usePluginData} from '@docusaurus/useGlobalData';
import type {DeployProblem, Location} from '@site/playground';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';

interface Value {
  path: string;
  value: unknown;
  location: Location;
  unsetOverrides: {variable: string; location: Location}[];
  fromEnvironment?: string;
  shadowedOverrides: {variable: string; location: Location}[];
}

interface Scenario {
  env: string;
  set: string[];
  result: {ok: true; values: Value[]} | {ok: false; problems: DeployProblem[]};
}

const place = (location: Location) => `${location.file}:${location.line}`;

/**
 * The HOCON configuration per environment with environment variables to set: the page's files
 * resolved at build time by the HOCON library (src/plugins/hoconScenarios.ts), one result per
 * environment and combination of variables.
 */
export default function HoconLab(): ReactNode {
  const {scenarios, samples} = usePluginData('hocon-scenarios') as {scenarios: Scenario[]; samples: Record<string, string>};
  const [env, setEnv] = useState('prod');
  const [set, setSet] = useState<string[]>([]);
  const names = Object.keys(samples);
  const scenario = scenarios.find((candidate) => candidate.env === env && candidate.set.length === set.length && candidate.set.every((name) => set.includes(name)));

  return (
    <section className={frame.frame} aria-label="HOCON configuration lab" id="hocon-lab">
      <div className={styles.row}>
        <fieldset className={frame.choice}>
          <legend>Environment (APP_ENV)</legend>
          {['dev', 'qa', 'prod'].map((name) => (
            <label key={name}>
              <input type="radio" name="hocon-env" value={name} checked={env === name} onChange={() => setEnv(name)} /> {name}
            </label>
          ))}
        </fieldset>
        <fieldset className={frame.choice}>
          <legend>Environment variables on the cluster</legend>
          {names.map((name) => (
            <label key={name}>
              <input type="checkbox" checked={set.includes(name)} onChange={(event) => setSet(event.target.checked ? [...set, name] : set.filter((other) => other !== name))} /> <code>{name}</code>=
              <code>{samples[name]}</code>
            </label>
          ))}
        </fieldset>
      </div>
      {!scenario ? (
        <p role="alert">No resolution for this combination.</p>
      ) : !scenario.result.ok ? (
        <ul role="alert" aria-label="HOCON problems">
          {scenario.result.problems.map((problem) => (
            <li key={problem.message}>
              {problem.message} {problem.file && `${problem.file}:${problem.line ?? ''}`}
            </li>
          ))}
        </ul>
      ) : (
        <div className={frame.tableScroller}>
          <table className={`${frame.table} ${styles.table}`} aria-label={`Effective configuration in ${env}`}>
            <thead>
              <tr>
                <th scope="col">key</th>
                <th scope="col">value</th>
                <th scope="col">set by</th>
              </tr>
            </thead>
            <tbody>
              {scenario.result.values.map((value) => (
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
