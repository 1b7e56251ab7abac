import {useState, type ReactNode} from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import Link from '@docusaurus/Link';
import {findLesson, lessonProgress, progressKey, tutorialLessons, type Lesson} from '@site/playground';
import frame from '@site/src/components/LabFrame/styles.module.css';
import {useTutorialProgress} from './useTutorialProgress';

function ResetButton({onReset}: {onReset: () => void}): ReactNode {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button--secondary button--sm" onClick={() => setAsking(true)}>
        Reset progress
      </button>
    );
  }
  return (
    <span className={frame.actions}>
      <span>Forget every solved exercise in this browser?</span>
      <button
        type="button"
        className="button button--danger button--sm"
        onClick={() => {
          onReset();
          setAsking(false);
        }}>
        Yes, reset
      </button>
      <button type="button" className="button button--secondary button--sm" onClick={() => setAsking(false)}>
        Keep it
      </button>
    </span>
  );
}

function LessonSummary({lesson}: {lesson: Lesson}): ReactNode {
  const {progress, reset} = useTutorialProgress();
  const {solved, total} = lessonProgress(lesson, progress);
  return (
    <div className={frame.frame} role="region" aria-label="Lesson progress">
      <p className={frame.status}>
        <strong>
          {solved} of {total} exercises solved
        </strong>
        {solved === total ? ` — done. You can now: ${lesson.outcome}` : ''} Progress is kept in this browser only.
      </p>
      <ResetButton onReset={reset} />
    </div>
  );
}

function TrackSummary(): ReactNode {
  const {progress, reset} = useTutorialProgress();
  return (
    <div className={frame.frame} role="region" aria-label="Tutorial progress">
      <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="Lessons and progress, scrollable">
        <table className={frame.table}>
          <caption>Lessons with checked exercises, and your progress in this browser</caption>
          <thead>
            <tr>
              <th scope="col">Lesson</th>
              <th scope="col">Solved</th>
              <th scope="col">What you can do after it</th>
            </tr>
          </thead>
          <tbody>
            {tutorialLessons.map((lesson) => {
              const {solved, total} = lessonProgress(lesson, progress);
              return (
                <tr key={lesson.id}>
                  <th scope="row">
                    <Link to={lesson.path}>{lesson.title}</Link>
                  </th>
                  <td>
                    {solved} of {total}
                  </td>
                  <td>{lesson.outcome}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ResetButton onReset={reset} />
    </div>
  );
}

/** What the learner solved, lesson by lesson, and what the finished lessons let them do. */
function SolvedSummary(): ReactNode {
  const {progress} = useTutorialProgress();
  const solvedCount = tutorialLessons.reduce((total, lesson) => total + lessonProgress(lesson, progress).solved, 0);
  if (solvedCount === 0) {
    return (
      <p>
        Nothing solved in this browser yet: start with the <Link to={tutorialLessons[0]!.path}>{tutorialLessons[0]!.title}</Link> exercises.
      </p>
    );
  }
  return (
    <div role="region" aria-label="What you solved">
      {tutorialLessons.map((lesson) => {
        const {solved, total} = lessonProgress(lesson, progress);
        return (
          <section key={lesson.id} aria-labelledby={`summary-${lesson.id}`}>
            <h3 id={`summary-${lesson.id}`}>
              <Link to={lesson.path}>{lesson.title}</Link>: {solved} of {total} solved
            </h3>
            {solved === total && <p>You can now: {lesson.outcome}</p>}
            <ul>
              {lesson.exercises.map((exercise) => (
                <li key={exercise.id}>
                  {progress.solved.includes(progressKey(lesson.id, exercise.id)) ? 'Solved' : 'Not solved yet'}: {exercise.title}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/**
 * Progress through one lesson (`lesson`), through every lesson of the track (no prop), or the
 * summary of what was solved (`summary`).
 */
export default function TutorialProgress({lesson, summary = false}: {lesson?: string; summary?: boolean}): ReactNode {
  const found = lesson === undefined ? undefined : findLesson(lesson);
  if (lesson !== undefined && !found) {
    throw new Error(`TutorialProgress: there is no lesson ${lesson}.`);
  }
  return (
    <BrowserOnly fallback={<p>Your progress shows here: it is kept in this browser and needs JavaScript.</p>}>
      {() => (summary ? <SolvedSummary /> : found ? <LessonSummary lesson={found} /> : <TrackSummary />)}
    </BrowserOnly>
  );
}
