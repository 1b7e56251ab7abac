import {Suspense, lazy, useCallback, useRef, useState, type ReactNode} from 'react';
import CodeBlock from '@theme/CodeBlock';
import {
  checkSchemaAnswer,
  checkSqlAnswer,
  classifyEngineError,
  explainProblem,
  findLesson,
  progressKey,
  tutorialSchemaChecker,
  type CheckResult,
  type EngineErrorInfo,
  type Exercise as ExerciseData,
} from '@site/playground';
import {pageRuntime} from '@site/src/duckdb/runtime';
import {EngineErrorView} from '@site/src/components/SqlPlayground/LabParts';
import {useStoredState} from '@site/src/components/SqlPlayground/useStoredState';
import {useTutorialProgress} from '@site/src/components/TutorialProgress/useTutorialProgress';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';

const SqlEditor = lazy(() => import('@site/src/components/SqlEditor/Deferred'));

/** Text with `code` spans, as prompts and hints are written. */
function WithCode({text}: {text: string}): ReactNode {
  return text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part));
}

type Outcome = {checking: true} | {checking: false; result: CheckResult} | {checking: false; engineError: EngineErrorInfo};

async function check(exercise: ExerciseData, answer: string): Promise<CheckResult> {
  if (exercise.kind === 'schema') {
    return checkSchemaAnswer(exercise, answer, tutorialSchemaChecker);
  }
  const runtime = pageRuntime();
  for (const request of exercise.datasets) {
    await runtime.ensureDataset(request);
  }
  return runtime.withEngine((engine) => checkSqlAnswer(engine, exercise, answer));
}

function OutcomeView({outcome}: {outcome: Outcome}): ReactNode {
  if (outcome.checking) {
    return <p>Checking your answer…</p>;
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

  const runCheck = useCallback(async () => {
    if (checking.current) return;
    checking.current = true;
    setOutcome({checking: true});
    try {
      const checked = state.answer;
      const result = await check(exercise, checked);
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
    <section className={frame.frame} id={`exercise-${exercise.id}`} aria-labelledby={headingId}>
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
      <div className={styles.workspace}>
        <div className={styles.editorColumn}>
          <p className={styles.label}>
            {exercise.kind === 'sql' ? 'Your query (Ctrl+Enter or ⌘+Enter checks it):' : "The DataFrame's schema, Spark DDL (Ctrl+Enter or ⌘+Enter checks it):"}
          </p>
          <div className={frame.editor}>
            <Suspense fallback={<CodeBlock language="sql">{state.answer}</CodeBlock>}>
              <SqlEditor value={state.answer} onChange={edit} onRun={() => void runCheck()} label={`Your answer: ${exercise.title}`} />
            </Suspense>
          </div>
          <div className={frame.actions}>
            <button type="button" className="button button--primary button--sm" onClick={() => void runCheck()} disabled={outcome?.checking === true}>
              Check
            </button>
            {exercise.kind === 'sql' && (
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
          <CodeBlock language="sql">{exercise.solution}</CodeBlock>
          <p>
            <WithCode text={exercise.explanation} />
          </p>
        </div>
      )}
    </section>
  );
}
