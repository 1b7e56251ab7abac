import {parseLesson, type Lesson} from '../exercise';
import {dayOne} from './day-1';
import {dayThree} from './day-3';

/** The tutorial track's lessons with checked exercises, in reading order; validated when loaded. */
export const tutorialLessons: readonly Lesson[] = [dayOne, dayThree].map(parseLesson);

/** A lesson by id. */
export function findLesson(id: string): Lesson | undefined {
  return tutorialLessons.find((lesson) => lesson.id === id);
}
