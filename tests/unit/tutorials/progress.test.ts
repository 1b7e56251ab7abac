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
