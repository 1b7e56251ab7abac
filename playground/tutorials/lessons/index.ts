import {parseLesson, type Lesson} from '../exercise';
import {dayOne} from './day-1';
import {dayTwo} from './day-2';
import {dayThree} from './day-3';
import {dayFour} from './day-4';
import {dayFive} from './day-5';
import {incidentDrill} from './incident-drill';

/** The tutorial track's lessons with checked exercises, in reading order; validated when loaded. */
export const tutorialLessons: readonly Lesson[] = [dayOne, dayTwo, dayThree, dayFour, dayFive, incidentDrill].map(parseLesson);

/** A lesson by id. */
export function findLesson(id: string): Lesson | undefined {
  return tutorialLessons.find((lesson) => lesson.id === id);
}
