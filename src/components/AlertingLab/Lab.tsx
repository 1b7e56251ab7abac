import {useMemo, type ReactNode} from 'react';
import {
  evaluateAlertRules,
  firingAt,
  generateIncident,
  incidentNames,
  incidentTitle,
  labelsKey,
  parseSilences,
  rangeQuery,
  silenceState,
  routeAlerts,
  stateRuns,
  type AlertEvaluation,
  type AlertTimeline,
  type IncidentName,
  type Labels,
} from '@site/playground';
import {useStoredState} from '@site/src/components/SqlPlayground/useStoredState';
import frame from '@site/src/components/LabFrame/styles.module.css';
import Chart from './Chart';
import {withOriginalInhibitRule} from './presets';
import type {AlertingLabProps} from './index';
import styles from './styles.module.css';

const seed = 42;
const minuteMs = 60_000;

interface LabState {
  incident: IncidentName;
  minute: number;
  rules: string;
  alertmanager: string;
  /** Silences as a YAML list; empty for none. */
  silences: string;
}

const silenceExample = `- matchers: ['alertname="StreamingBatchTooSlow"', 'plant="PLANT_01"']
  startsAt: 40m
  endsAt: 1h30m
  comment: firmware rollback at PLANT_01 in progress
  createdBy: on-call data engineer
`;

/** The labels that tell one alert of a rule from another. */
function subject(labels: Labels): string {
  const base = labels.plant ?? labels.table ?? labels.consumergroup ?? '';
  return labels.executor_id === undefined ? base : `${base} executor ${labels.executor_id}`;
}

function runsText(timeline: AlertTimeline | undefined, state: 'pending' | 'firing'): string {
  if (timeline === undefined) return 'never';
  const runs = stateRuns(timeline, state);
  return runs.length === 0 ? 'never' : runs.map(([first, last]) => (first === last ? `${first}` : `${first}–${last}`)).join(', ');
}

/** The minute with the most alerts firing (the Watchdog aside): where an incident is worth looking at first. */
function busiestMinute(evaluation: AlertEvaluation): number {
  let best = 0;
  let bestCount = -1;
  evaluation.times.forEach((_, step) => {
    const count = evaluation.alerts.filter((alert) => alert.rule !== 'Watchdog' && alert.states[step] === 'firing').length;
    if (count > bestCount) [best, bestCount] = [step, count];
  });
  return best;
}

function evaluate(rules: string, incident: ReturnType<typeof generateIncident>) {
  try {
    return evaluateAlertRules(rules, incident.series, {from: 0, to: incident.minutes * minuteMs, step: minuteMs});
  } catch (error) {
    return {ok: false as const, problems: [{message: (error as Error).message, line: 1, column: 1}]};
  }
}

function Problems({label, problems}: {label: string; problems: {message: string; line: number; column: number}[]}): ReactNode {
  return (
    <div role="alert">
      <ul aria-label={label} className={styles.problems}>
        {problems.map((problem, index) => (
          <li key={index}>
            Line {problem.line}, column {problem.column}: {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The alerting lab: an incident's series, the alert states they cause, and what Alertmanager would send. */
export default function Lab({rules: pageRules, alertmanager: pageAlertmanager}: AlertingLabProps): ReactNode {
  const initial: LabState = {incident: 'slow-sink', minute: 90, rules: pageRules, alertmanager: pageAlertmanager, silences: ''};
  const [state, setState] = useStoredState<LabState>('mfg.alertingLab', initial, {
    restore: (saved) => ({
      ...initial,
      ...saved,
      incident: incidentNames.includes(saved.incident as IncidentName) ? (saved.incident as IncidentName) : initial.incident,
    }),
  });
  const change = (next: Partial<LabState>) => setState((previous) => ({...previous, ...next}));

  const incident = useMemo(() => generateIncident(state.incident, seed), [state.incident]);
  const baseline = useMemo(() => evaluate(pageRules, incident), [pageRules, incident]);
  const current = useMemo(() => evaluate(state.rules, incident), [state.rules, incident]);
  const times = baseline.ok ? baseline.evaluation.times : [];
  const minute = Math.min(Math.max(0, state.minute), incident.minutes);
  const charts = useMemo(() => incident.charts.map((chart) => ({...chart, lines: rangeQuery(chart.expr, incident.series, times)})), [incident, times]);
  const firing = useMemo(() => (current.ok ? firingAt(current.evaluation, minute) : []), [current, minute]);
  const silences = useMemo(() => parseSilences(state.silences), [state.silences]);
  const routed = useMemo(
    () => (current.ok ? routeAlerts(state.alertmanager, firing, {silences: silences.ok ? silences.silences : [], atMs: minute * minuteMs}) : null),
    [current, state.alertmanager, firing, silences, minute],
  );
  // The annotations as Prometheus renders them at this minute, by alert.
  const summaries = useMemo(() => new Map(firing.map((alert) => [labelsKey(alert.labels), alert.annotations.summary ?? ''])), [firing]);

  const timelines = current.ok ? current.evaluation.alerts.filter((alert) => alert.rule !== 'Watchdog') : [];
  const differences = useMemo(() => {
    if (!current.ok || !baseline.ok) return [];
    const before = new Map(baseline.evaluation.alerts.map((alert) => [labelsKey(alert.labels), alert]));
    const after = new Map(current.evaluation.alerts.map((alert) => [labelsKey(alert.labels), alert]));
    return [...new Set([...before.keys(), ...after.keys()])].flatMap((key) => {
      const [was, now] = [runsText(before.get(key), 'firing'), runsText(after.get(key), 'firing')];
      const alert = (after.get(key) ?? before.get(key))!;
      return was === now ? [] : [`${alert.rule} ${subject(alert.labels)}: firing at minutes ${was} → ${now}`];
    });
  }, [baseline, current]);
  const edited = state.rules !== pageRules || state.alertmanager !== pageAlertmanager || state.silences !== '';
  const originalInhibition = withOriginalInhibitRule(pageAlertmanager);

  return (
    <section className={frame.frame} aria-label="Alerting lab" id="alerting-lab">
      <fieldset className={frame.choice}>
        <legend>Incident</legend>
        {incidentNames.map((name) => (
          <label key={name}>
            <input
              type="radio"
              name="alerting-incident"
              value={name}
              checked={state.incident === name}
              onChange={() => {
                const next = generateIncident(name, seed);
                const result = evaluate(state.rules, next);
                change({incident: name, minute: result.ok ? busiestMinute(result.evaluation) : 0});
              }}
            />{' '}
            {incidentTitle(name)}
          </label>
        ))}
      </fieldset>
      <p className={frame.status}>{incident.story}</p>

      <label className={styles.slider}>
        Minute <input type="range" min={0} max={incident.minutes} value={minute} onChange={(event) => change({minute: Number(event.target.value)})} aria-valuetext={`minute ${minute}`} /> <output aria-live="polite">{minute}</output>
      </label>

      <div className={styles.charts}>
        {charts.map((chart) => (
          <Chart key={chart.expr} {...chart} cursor={minute} steps={times.length} />
        ))}
      </div>

      <h3 className={styles.heading}>Alert states</h3>
      {current.ok ? (
        <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="Alert states">
          <table className={`${frame.table} ${styles.timeline}`} aria-label="Alert states over the incident">
            <thead>
              <tr>
                <th scope="col">Alert</th>
                <th scope="col">Pending (minutes)</th>
                <th scope="col">Firing (minutes)</th>
                <th scope="col">At minute {minute}</th>
                <th scope="col" className={styles.stripColumn}>
                  Timeline
                </th>
              </tr>
            </thead>
            <tbody>
              {timelines.length === 0 && (
                <tr>
                  <td colSpan={5}>No alert becomes pending in this incident with these rules.</td>
                </tr>
              )}
              {timelines.map((alert) => (
                <tr key={labelsKey(alert.labels)}>
                  <th scope="row">
                    {alert.rule} <span className={styles.subject}>{subject(alert.labels)}</span> <span className={styles[`severity_${alert.labels.severity ?? 'none'}`]}>{alert.labels.severity}</span>
                  </th>
                  <td>{runsText(alert, 'pending')}</td>
                  <td>{runsText(alert, 'firing')}</td>
                  <td>{alert.states[minute]}</td>
                  <td className={styles.stripColumn}>
                    <svg viewBox={`0 0 ${alert.states.length} 10`} preserveAspectRatio="none" className={styles.strip} aria-hidden="true">
                      {alert.states.map((stepState, step) => (stepState === 'inactive' ? null : <rect key={step} x={step} width={1.02} y={0} height={10} className={stepState === 'firing' ? styles.firing : styles.pending} />))}
                      <line x1={minute + 0.5} x2={minute + 0.5} y1={0} y2={10} className={styles.cursor} vectorEffect="non-scaling-stroke" />
                    </svg>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className={styles.note}>The Watchdog rule fires throughout, as it should.</p>
        </div>
      ) : (
        <Problems label="Problems in the alert rules" problems={current.problems} />
      )}

      <h3 className={styles.heading}>Notifications at minute {minute}</h3>
      {routed === null ? (
        <p>Fix the alert rules to see what Alertmanager would send.</p>
      ) : !routed.ok ? (
        <Problems label="Problems in the Alertmanager configuration" problems={routed.problems} />
      ) : (
        <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="Notification list">
          <table className={frame.table} aria-label="Notifications">
            <thead>
              <tr>
                <th scope="col">Receiver</th>
                <th scope="col">Group</th>
                <th scope="col">Sent</th>
                <th scope="col">Muted by inhibition or silenced</th>
              </tr>
            </thead>
            <tbody>
              {routed.notifications.length === 0 && (
                <tr>
                  <td colSpan={4}>Nothing is firing at this minute.</td>
                </tr>
              )}
              {routed.notifications.map((notification) => (
                <tr key={`${notification.path}|${labelsKey(notification.groupLabels)}`}>
                  <td>{notification.receiver}</td>
                  <td>
                    <code>{Object.entries(notification.groupLabels).map(([name, value]) => `${name}=${value}`).join(', ') || '(all alerts)'}</code>
                  </td>
                  <td>
                    {notification.alerts.length === 0
                      ? 'nothing: every alert is muted'
                      : notification.alerts.map((alert) => (
                          <div key={labelsKey(alert)} className={styles.sent}>
                            <strong>
                              {alert.alertname} {subject(alert)}
                            </strong>
                            {summaries.get(labelsKey(alert)) ? <span className={styles.summary}>{summaries.get(labelsKey(alert))}</span> : null}
                          </div>
                        ))}
                  </td>
                  <td>
                    {notification.muted.map((muted) => {
                      const inhibitions = routed.alerts.find((alert) => labelsKey(alert.labels) === labelsKey(muted))!.inhibitedBy;
                      return (
                        <div key={labelsKey(muted)}>
                          {muted.alertname} {subject(muted)}: muted by inhibit rule {inhibitions.map((inhibition) => `#${inhibition.rule + 1} (source ${inhibition.source.alertname} ${subject(inhibition.source)})`).join(', ')}
                        </div>
                      );
                    })}
                    {notification.silenced.map((silenced) => {
                      const by = routed.alerts.find((alert) => labelsKey(alert.labels) === labelsKey(silenced))!.silencedBy;
                      return (
                        <div key={labelsKey(silenced)}>
                          {silenced.alertname} {subject(silenced)}: silenced by {by.map((index) => `silence #${index + 1}${silences.ok && silences.silences[index]!.comment ? ` (${silences.silences[index]!.comment})` : ''}`).join(', ')}
                        </div>
                      );
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 className={styles.heading}>Edit the rules or the routing</h3>
      <div className={frame.actions}>
        <button type="button" className="button button--sm button--secondary" onClick={() => change({alertmanager: originalInhibition})} disabled={state.alertmanager === originalInhibition}>
          Load the original inhibit rule (the bug)
        </button>
        <button type="button" className="button button--sm button--secondary" onClick={() => change({silences: silenceExample})} disabled={state.silences === silenceExample}>
          Add an example silence
        </button>
        <button type="button" className="button button--sm button--secondary" onClick={() => change({rules: pageRules, alertmanager: pageAlertmanager, silences: ''})} disabled={!edited}>
          Reset to the page&apos;s files
        </button>
      </div>
      {differences.length > 0 && (
        <ul aria-label="Differences from the page's rules" className={styles.differences}>
          {differences.map((difference) => (
            <li key={difference}>{difference}</li>
          ))}
        </ul>
      )}
      <div className={styles.editors}>
        <label>
          alert-rules.yml
          <textarea className={styles.yaml} spellCheck={false} value={state.rules} onChange={(event) => change({rules: event.target.value})} rows={18} />
        </label>
        <label>
          alertmanager.yml
          <textarea className={styles.yaml} spellCheck={false} value={state.alertmanager} onChange={(event) => change({alertmanager: event.target.value})} rows={18} />
        </label>
      </div>
      <label className={styles.silences}>
        Silences (startsAt and endsAt count from minute 0 of the incident)
        <textarea className={styles.yaml} spellCheck={false} value={state.silences} onChange={(event) => change({silences: event.target.value})} rows={6} placeholder={silenceExample} />
      </label>
      {!silences.ok && <Problems label="Problems in the silences" problems={silences.problems} />}
      {silences.ok && silences.silences.length > 0 && (
        <ul aria-label="Silences at this minute" className={styles.differences}>
          {silences.silences.map((silence) => (
            <li key={silence.index}>
              Silence #{silence.index + 1} <code>{`{${silence.matcherText.join(', ')}}`}</code>: {silenceState(silence, minute * minuteMs)} at minute {minute}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
