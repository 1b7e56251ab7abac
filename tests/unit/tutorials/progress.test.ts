import {describe, expect, it} from 'vitest';
import {emptyProgress, lessonProgress, progressKey, readProgress, recordCheck, tutorialLessons} from '../../../playground';

describe('tutorial progress', () => {
  it('reads nothing, damaged text and another format version as no progress', () => {
    expect(readProgress(undefined)).toEqual(emptyProgress);
    expect(readProgress('{not json')).toEqual(emptyProgress);
    expect(readProgress(JSON.stringify({version: 2, solved: ['day-3/key-coverage'], attempted: []}))).toEqual(emptyProgress);
  });

  it('records attempts and solutions once each, and counts them per lesson', () => {
    const lesson = tutorialLessons.find(({id}) => id === 'day-3')!;
    const key = progressKey(lesson.id, lesson.exercises[0]!.id);
    const attempted = recordCheck(emptyProgress, key, false);
    expect(attempted).toEqual({version: 1, attempted: [key], solved: []});
    const solved = recordCheck(recordCheck(attempted, key, true), key, true);
    expect(solved).toEqual({version: 1, attempted: [key], solved: [key]});
    expect(lessonProgress(lesson, solved)).toEqual({solved: 1, total: 5});
    expect(readProgress(JSON.stringify(solved))).toEqual(solved);
  });
});

describe('progress over the whole track', () => {
  it('counts the exercises of every lesson, the new kinds included', () => {
    const solved = tutorialLessons.reduce(
      (progress, lesson) => recordCheck(progress, progressKey(lesson.id, lesson.exercises[0]!.id), true),
      emptyProgress,
    );
    expect(tutorialLessons.map((lesson) => [lesson.id, lessonProgress(lesson, solved)])).toEqual([
      ['day-1', {solved: 1, total: 3}],
      ['day-2', {solved: 1, total: 4}],
      ['day-3', {solved: 1, total: 5}],
      ['day-4', {solved: 1, total: 4}],
      ['day-5', {solved: 1, total: 5}],
      ['incident-drill', {solved: 1, total: 4}],
    ]);
    expect(new Set(tutorialLessons.flatMap((lesson) => lesson.exercises.map((exercise) => exercise.kind)))).toEqual(new Set(['sql', 'schema', 'kafka', 'stream', 'incident', 'eventlog']));
  });
});
