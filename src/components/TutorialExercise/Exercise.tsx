import {useCallback, useRef, useState, type FormEvent, type ReactNode} from 'react';
import CodeBlock from '@theme/CodeBlock';
import {
  checkAnswer,
  classifyEngineError,
  explainProblem,
  findLesson,
  progressKey,
  readIncidentAnswer,
  tutorialCheckers,
  type CheckEnvironment,
  type CheckResult,
  type EngineErrorInfo,
  type EventLogExercise,
  type Exercise as ExerciseData,
  type IncidentExercise,
  type StreamExercise,
} from '@site/playground';
import {pageRuntime} from '@site/src/duckdb/runtime';
import {useEngineProgress} from '@site/src/duckdb/useEngineProgress';
import {usePrestart} from '@site/src/duckdb/usePrestart';
import {describeStatus} from '@site/src/components/SqlPlayground/messages';
import {EngineErrorView} from '@site/src/components/SqlPlayground/LabParts';
import {useStoredState} from '@site/src/components/SqlPlayground/useStoredState';
import {useTutorialProgress} from '@site/src/components/TutorialProgress/useTutorialProgress';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';
import SqlEditor from '@site/src/components/SqlEditor/Deferred';

/** Text with `code` spans, as prompts and hints are written. */
function WithCode({text}: {text: string}): ReactNode {
  return text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part));
}

type Outcome = {checking: true} | {checking: false; result: CheckResult} | {checking: false; engineError: EngineErrorInfo};

/** The page's DuckDB engine with the exercise's datasets loaded, and the engines' checkers. */
const pageEnvironment: CheckEnvironment = {
  checkers: tutorialCheckers,
  async withEngine(datasets, run) {
    const runtime = pageRuntime();
    for (const request of datasets) {
      await runtime.ensureDataset(request);
    }
    return runtime.withEngine(run);
  },
};

/** Playbook ids as their pages title them. */
const playbookTitles: Record<string, string> = {
  'schema-evolution-errors': 'Schema evolution errors',
  'kafka-auth-failures': 'Kafka authentication failures',
  'delta-merge-conflicts': 'Delta merge conflicts',
  'checkpoint-recovery': 'Checkpoint recovery',
  'performance-degradation': 'Performance degradation',
  'data-skew-issues': 'Data skew issues',
  'out-of-memory-errors': 'Out-of-memory errors',
};

/** The incident form: root cause, playbook and first fix; Enter in the code field checks. */
function IncidentForm({exercise, answer, onChange, onCheck}: {exercise: IncidentExercise; answer: string; onChange: (answer: string) => void; onCheck: () => void}): ReactNode {
  const current = readIncidentAnswer(answer);
  const set = (part: Partial<typeof current>) => onChange(JSON.stringify({...current, ...part}));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onCheck();
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-label={`Your answer: ${exercise.title}`}>
      <label className={styles.field}>
        Root cause (error class or exception class)
        <input type="text" value={current.code} onChange={(event) => set({code: event.target.value})} spellCheck={false} autoComplete="off" placeholder="e.g. DELTA_FAILED_TO_MERGE_FIELDS" />
      </label>
      <label className={styles.field}>
        Playbook
        <select value={current.playbook} onChange={(event) => set({playbook: event.target.value})}>
          <option value="">Choose a playbook</option>
          {tutorialCheckers.incident.playbooks.map((playbook) => (
            <option key={playbook} value={playbook}>
              {playbookTitles[playbook] ?? playbook}
            </option>
          ))}
        </select>
      </label>
      <fieldset className={styles.fixes}>
        <legend>The fix to apply first</legend>
        {exercise.fixChoices.map((fix) => (
          <label key={fix}>
            <input type="radio" name={`fix-${exercise.id}`} value={fix} checked={current.fix === fix} onChange={() => set({fix})} /> {fix}
          </label>
        ))}
      </fieldset>
    </form>
  );
}

/** The watermark delay, as it goes into withWatermark; Enter checks. */
function WatermarkInput({exercise, answer, onChange, onCheck}: {exercise: StreamExercise; answer: string; onChange: (answer: string) => void; onCheck: () => void}): ReactNode {
  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        onCheck();
      }}>
      <label className={styles.field}>
        <span>
          <code>.withWatermark("event_ts", "…")</code>: the delay
        </span>
        <input type="text" value={answer} onChange={(event) => onChange(event.target.value)} spellCheck={false} autoComplete="off" aria-label={`Watermark delay: ${exercise.title}`} placeholder="e.g. 30 minutes" />
      </label>
    </form>
  );
}

/** The stages of the sample event log, as the analysis summarises them, and the stage the learner names; Enter checks. */
function StageInput({exercise, answer, onChange, onCheck}: {exercise: EventLogExercise; answer: string; onChange: (answer: string) => void; onCheck: () => void}): ReactNode {
  const {stages} = tutorialCheckers.eventLog(exercise.log);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const mebibytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;
  return (
    <>
      {/* Focusable so a keyboard can scroll the table sideways on a phone (axe: scrollable-region-focusable). */}
      <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="The job's stages">
        <table className={frame.table}>
          <caption>The job's stages: successful tasks, their durations and the bytes each read (input and shuffle read)</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Tasks</th>
              <th scope="col">Median task</th>
              <th scope="col">Slowest task</th>
              <th scope="col">Median read</th>
              <th scope="col">Largest read</th>
            </tr>
          </thead>
          <tbody>
            {stages.map((stage) => (
              <tr key={`${stage.stageId}.${stage.attemptId}`}>
                <th scope="row">
                  {stage.stageId}
                  {stage.attemptId > 0 ? ` (attempt ${stage.attemptId})` : ''}
                </th>
                <td>{stage.tasks}</td>
                <td>{seconds(stage.medianTaskMs)}</td>
                <td>{seconds(stage.maxTaskMs)}</td>
                <td>{mebibytes(stage.medianReadBytes)}</td>
                <td>{mebibytes(stage.maxReadBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          onCheck();
        }}>
        <label className={styles.field}>
          The stage id
          <input type="text" inputMode="numeric" value={answer} onChange={(event) => onChange(event.target.value)} autoComplete="off" placeholder="e.g. 0" />
        </label>
      </form>
    </>
  );
}

/** The solution as the learner would enter it. */
function SolutionView({exercise}: {exercise: ExerciseData}): ReactNode {
  if (exercise.kind === 'incident') {
    const solution = readIncidentAnswer(exercise.solution);
    return (
      <ul>
        <li>
          Root cause: <code>{solution.code}</code>
        </li>
        <li>Playbook: {playbookTitles[solution.playbook] ?? solution.playbook}</li>
        <li>First fix: {solution.fix}</li>
      </ul>
    );
  }
  if (exercise.kind === 'eventlog') {
    return <p>Stage {exercise.solution}</p>;
  }
  if (exercise.kind === 'stream') {
    return <CodeBlock language="python">{`.withWatermark("event_ts", "${exercise.solution}")`}</CodeBlock>;
  }
  return <CodeBlock language={exercise.kind === 'kafka' ? 'properties' : 'sql'}>{exercise.solution}</CodeBlock>;
}

const editorLabels: Record<'sql' | 'schema' | 'kafka', string> = {
  sql: 'Your query (Ctrl+Enter or ⌘+Enter checks it):',
  schema: "The DataFrame's schema, Spark DDL (Ctrl+Enter or ⌘+Enter checks it):",
  kafka: 'The client configuration, one key=value per line (Ctrl+Enter or ⌘+Enter checks it):',
};

function OutcomeView({outcome}: {outcome: Outcome}): ReactNode {
  const engineProgress = useEngineProgress(outcome.checking);
  if (outcome.checking) {
    return <p>{engineProgress ? describeStatus(engineProgress) : 'Checking your answer…'}</p>;
  }
  if ('engineError' in outcome) {
    return <EngineErrorView error={outcome.engineError} />;
  }
  const {result} = outcome;
  if (result.passed) {
    return <p className={styles.passed}>Correct: your answer gives the expected result.</p>;
  }
  return (
    <div className={styles.failed}>
      <p>
        <strong>Not yet.</strong>
      </p>
      {result.problems.map((problem, index) =>
        problem.kind === 'sql-error' ? (
          <EngineErrorView key={index} error={{kind: 'sql', message: explainProblem(problem)}} />
        ) : (
          <pre key={index} className={styles.problem}>
            {explainProblem(problem)}
          </pre>
        ),
      )}
    </div>
  );
}

/** An exercise: prompt, editor, Check, progressive hints and the solution once an answer was checked. */
export default function Exercise({lessonId, exerciseId}: {lessonId: string; exerciseId: string}): ReactNode {
  const exercise = findLesson(lessonId)?.exercises.find((candidate) => candidate.id === exerciseId);
  if (!exercise) {
    throw new Error(`TutorialExercise: there is no exercise ${lessonId}/${exerciseId}.`);
  }
  const key = progressKey(lessonId, exercise.id);
  const {progress, record} = useTutorialProgress();
  const [state, setState] = useStoredState(`mdp.tutorials.answer.${key}`, {answer: exercise.starter, hintsShown: 0});
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [solutionShown, setSolutionShown] = useState(false);
  const checking = useRef(false);
  const latestAnswer = useRef(state.answer);
  latestAnswer.current = state.answer;
  const solved = progress.solved.includes(key);
  const attempted = progress.attempted.includes(key);
  const headingId = `exercise-${exercise.id}-title`;
  // SQL and stream answers are checked on DuckDB: start it, with the exercise's small datasets, as the exercise nears view.
  const usesEngine = exercise.kind === 'sql' || exercise.kind === 'stream';
  const sectionRef = useRef<HTMLElement>(null);
  usePrestart(sectionRef, usesEngine ? exercise.datasets : []);

  const runCheck = useCallback(async () => {
    if (checking.current) return;
    checking.current = true;
    setOutcome({checking: true});
    try {
      const checked = state.answer;
      const result = await checkAnswer(exercise, checked, pageEnvironment);
      record(key, result.passed);
      // Edited while the check ran: the result no longer describes the text in the editor.
      setOutcome(latestAnswer.current === checked ? {checking: false, result} : undefined);
    } catch (error) {
      setOutcome({checking: false, engineError: classifyEngineError(error)});
    } finally {
      checking.current = false;
    }
  }, [exercise, state.answer, record, key]);

  const edit = (answer: string) => {
    setState((previous) => ({...previous, answer}));
    // A result belongs to the text it checked: an edit makes it stale.
    setOutcome((previous) => (previous?.checking ? previous : undefined));
  };

  return (
    <section ref={usesEngine ? sectionRef : undefined} className={frame.frame} id={`exercise-${exercise.id}`} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.title}>
        {exercise.title}
        <span className={solved ? styles.badgeSolved : styles.badge}>{solved ? 'Solved' : 'Not solved yet'}</span>
      </h3>
      <p>
        <WithCode text={exercise.prompt} />
      </p>
      {exercise.kind === 'schema' && (
        <>
          <p className={styles.label}>The Delta table's schema:</p>
          <CodeBlock language="sql">{exercise.tableSchema.replaceAll(', ', ',\n')}</CodeBlock>
        </>
      )}
      {exercise.kind === 'incident' && (
        <>
          <p className={styles.label}>The driver log:</p>
          <CodeBlock language="text">{exercise.log}</CodeBlock>
        </>
      )}
      <div className={styles.workspace}>
        <div className={styles.editorColumn}>
          {exercise.kind === 'incident' ? (
            <IncidentForm exercise={exercise} answer={state.answer} onChange={edit} onCheck={() => void runCheck()} />
          ) : exercise.kind === 'stream' ? (
            <WatermarkInput exercise={exercise} answer={state.answer} onChange={edit} onCheck={() => void runCheck()} />
          ) : exercise.kind === 'eventlog' ? (
            <StageInput exercise={exercise} answer={state.answer} onChange={edit} onCheck={() => void runCheck()} />
          ) : (
            <>
              <p className={styles.label}>{editorLabels[exercise.kind]}</p>
              <div className={frame.editor}>
                <SqlEditor value={state.answer} onChange={edit} onRun={() => void runCheck()} label={`Your answer: ${exercise.title}`} />
              </div>
            </>
          )}
          <div className={frame.actions}>
            <button type="button" className="button button--primary button--sm" onClick={() => void runCheck()} disabled={outcome?.checking === true}>
              Check
            </button>
            {(exercise.kind === 'sql' || exercise.kind === 'stream') && (
              <button type="button" className="button button--secondary button--sm" onClick={() => void pageRuntime().cancel()} disabled={outcome?.checking !== true}>
                Cancel
              </button>
            )}
            <button type="button" className="button button--secondary button--sm" onClick={() => edit(exercise.starter)}>
              Start over
            </button>
            <button
              type="button"
              className="button button--secondary button--sm"
              onClick={() => setState((previous) => ({...previous, hintsShown: previous.hintsShown + 1}))}
              disabled={state.hintsShown >= exercise.hints.length}>
              {state.hintsShown >= exercise.hints.length ? 'No more hints' : `Show hint ${state.hintsShown + 1} of ${exercise.hints.length}`}
            </button>
            <button
              type="button"
              className="button button--secondary button--sm"
              onClick={() => setSolutionShown((shown) => !shown)}
              disabled={!attempted}
              title={attempted ? undefined : 'Check an answer first'}>
              {solutionShown ? 'Hide the solution' : attempted ? 'Show the solution' : 'Solution (after your first check)'}
            </button>
          </div>
        </div>
        <div className={styles.resultColumn} role="status" aria-live="polite" aria-label={`Check result: ${exercise.title}`}>
          {outcome ? <OutcomeView outcome={outcome} /> : <p className={styles.idle}>Check your answer to see what the result is missing or has too much.</p>}
        </div>
      </div>
      {state.hintsShown > 0 && (
        <ol className={styles.hints} aria-label="Hints">
          {exercise.hints.slice(0, state.hintsShown).map((hint) => (
            <li key={hint}>
              <WithCode text={hint} />
            </li>
          ))}
        </ol>
      )}
      {solutionShown && attempted && (
        <div className={styles.solution} role="region" aria-label={`Solution: ${exercise.title}`}>
          <SolutionView exercise={exercise} />
          <p>
            <WithCode text={exercise.explanation} />
          </p>
        </div>
      )}
    </section>
  );
}
