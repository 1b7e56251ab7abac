import {readFileSync, existsSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseLesson, tutorialLessons} from '../../../playground';

const tutorialsDir = resolve(__dirname, '../../../docs/tutorials');

describe('the lesson pages', () => {
  it.each(tutorialLessons.map((lesson) => [lesson.id, lesson] as const))('%s: its page exists and embeds every exercise once, and its progress', (_, lesson) => {
    const file = join(tutorialsDir, `${lesson.path.replace('/docs/tutorials/', '')}.mdx`);
    expect(existsSync(file), file).toBe(true);
    const page = readFileSync(file, 'utf8');
    const embedded = [...page.matchAll(/<TutorialExercise lesson="([^"]+)" exercise="([^"]+)" \/>/g)].map((match) => `${match[1]}/${match[2]}`);
    expect(embedded).toEqual(lesson.exercises.map((exercise) => `${lesson.id}/${exercise.id}`));
    expect(page).toContain(`<TutorialProgress lesson="${lesson.id}" />`);
  });
});

describe('parseLesson', () => {
  const exercise = {
    kind: 'sql' as const,
    id: 'one',
    title: 'One',
    prompt: 'Select one.',
    hints: ['SELECT 1'],
    explanation: 'One.',
    wrongAnswers: [{answer: 'SELECT 2', explains: 'rows'}],
    datasets: [{name: 'plants' as const}],
    starter: '',
    solution: 'SELECT 1 AS one',
  };
  const lesson = {id: 'day-9', title: 'Day 9', path: '/docs/tutorials/day-9', outcome: 'Select one.', exercises: [exercise, {...exercise, id: 'two'}, {...exercise, id: 'three'}]};

  it('accepts a lesson and fills in the defaults', () => {
    const parsed = parseLesson(lesson);
    expect(parsed.exercises[0]).toMatchObject({orderMatters: false, tolerance: 1e-9, datasets: [{name: 'plants', rows: 100_000, seed: 42}]});
  });

  it('names the lesson and the problem: a repeated id, an exercise without a wrong answer, too few exercises', () => {
    expect(() => parseLesson({...lesson, exercises: [exercise, exercise, {...exercise, id: 'three'}]})).toThrow('Lesson day-9: Exercise ids repeat within the lesson.');
    expect(() => parseLesson({...lesson, exercises: [{...exercise, wrongAnswers: []}, ...lesson.exercises.slice(1)]})).toThrow(/^Lesson day-9: exercises\.0\.wrongAnswers: /);
    expect(() => parseLesson({...lesson, exercises: [exercise]})).toThrow(/^Lesson day-9: exercises: /);
    expect(() => parseLesson({...lesson, id: 'Day 9'})).toThrow('Lesson Day 9: id: An id is lowercase words joined by hyphens, such as key-coverage.');
  });
});
