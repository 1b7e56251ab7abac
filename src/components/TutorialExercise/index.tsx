import {lazy, type ReactNode} from 'react';
import BrowserLab from '@site/src/components/BrowserLab';

const Exercise = lazy(() => import('./Exercise'));

/** One checked exercise of a lesson, loaded in the browser only (Monaco and DuckDB come on demand). */
export default function TutorialExercise({lesson, exercise}: {lesson: string; exercise: string}): ReactNode {
  return (
    <BrowserLab placeholder="This exercise loads here: your answer is checked in this browser tab and needs JavaScript.">
      {() => <Exercise lessonId={lesson} exerciseId={exercise} />}
    </BrowserLab>
  );
}
