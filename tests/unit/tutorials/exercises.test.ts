import {describe, expect, it} from 'vitest';
import {checkAnswer, explainProblem, loadDataset, tutorialCheckers, tutorialLessons, type CheckEnvironment, type CheckResult, type Exercise} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();
const loaded = new Set<string>();

/** Real DuckDB in Node; each dataset is loaded once per file (the exercises share them). */
const environment: CheckEnvironment = {
  checkers: tutorialCheckers,
  async withEngine(datasets, run) {
    for (const request of datasets) {
      const key = JSON.stringify(request);
      if (!loaded.has(key)) {
        await loadDataset(engine, request);
        loaded.add(key);
      }
    }
    return run(engine);
  },
};

function check(exercise: Exercise, answer: string): Promise<CheckResult> {
  return checkAnswer(exercise, answer, environment);
}

function explanation(result: CheckResult): string {
  return result.problems.map(explainProblem).join('\n');
}

const exercises = tutorialLessons.flatMap((lesson) => lesson.exercises.map((exercise) => ({lesson: lesson.id, exercise})));

describe('every exercise of the track', () => {
  it('has lessons with 3 to 6 exercises', () => {
    expect(tutorialLessons.map((lesson) => [lesson.id, lesson.exercises.length])).toEqual([
      ['day-1', 3],
      ['day-2', 4],
      ['day-3', 5],
      ['day-4', 4],
      ['day-5', 5],
      ['incident-drill', 4],
    ]);
  });

  it.each(exercises.map(({lesson, exercise}) => [`${lesson}/${exercise.id}`, exercise] as const))('%s: the solution passes its own checker', async (_, exercise) => {
    const result = await check(exercise, exercise.solution);
    expect(explanation(result)).toBe('');
    expect(result.passed).toBe(true);
  }, 30_000);

  const wrong = exercises.flatMap(({lesson, exercise}) => exercise.wrongAnswers.map((wrongAnswer, index) => [`${lesson}/${exercise.id} #${index + 1}`, exercise, wrongAnswer] as const));
  it.each(wrong)('%s: a known wrong answer fails with its explanation', async (_, exercise, {answer, explains}) => {
    const result = await check(exercise, answer);
    expect(result.passed).toBe(false);
    expect(explanation(result)).toContain(explains);
  }, 30_000);

  it('the starting state of a SQL exercise is not already a solution', async () => {
    for (const {exercise} of exercises) {
      expect((await check(exercise, exercise.starter)).passed, exercise.id).toBe(false);
    }
  }, 60_000);
});

describe('the explanations name the difference', () => {
  const byId = (id: string) => exercises.find(({exercise}) => exercise.id === id)!.exercise;

  it('a missing column and a wrong row say which', async () => {
    expect(explanation(await check(byId('key-coverage'), 'SELECT DISTINCT unnest(map_keys(customExtension)) AS key FROM sensor_events'))).toBe(
      'Column `events` is missing: the result has the columns `key`, `events`.',
    );
    const result = await check(byId('key-coverage'), 'SELECT map_keys(customExtension)[1] AS key, count(*) AS events FROM sensor_events GROUP BY 1');
    expect(result.problems).toEqual([{kind: 'missing-rows', count: 39, examples: expect.any(Array)}]);
  });

  it('a CAST that meets a malformed value is the learner’s error, as DuckDB words it', async () => {
    const result = await check(byId('typed-temperature'), "SELECT plant_id, avg(CAST(customExtension['temp_c'] AS DOUBLE)) AS avg_temp_c FROM sensor_events GROUP BY plant_id");
    expect(result.problems).toHaveLength(1);
    expect(explanation(result)).toMatch(/^Your query failed: Conversion Error: Could not convert string '(N\/A|12,5|--|)' to DOUBLE/);
  });

  it('the schema refusal carries the Delta error chain', async () => {
    const exercise = byId('evolve-silver-schema');
    expect(explanation(await check(exercise, exercise.starter))).toBe(
      'Delta refuses the write with DELTA_FAILED_TO_MERGE_FIELDS:\n' +
        "org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'good_count' and 'good_count'\n" +
        'Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_MERGE_INCOMPATIBLE_DATATYPE] Failed to merge incompatible data types IntegerType and StringType',
    );
  });
});
