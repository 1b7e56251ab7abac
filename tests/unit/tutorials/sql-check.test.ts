import {beforeAll, describe, expect, it} from 'vitest';
import {checkSqlAnswer, loadDataset, explainProblem, singleQuery, type CheckResult, type SqlExercise} from '../../../playground';
import {sqlExerciseSchema} from '../../../playground/tutorials/exercise';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();
beforeAll(async () => {
  await loadDataset(engine, {name: 'plants', rows: 10, seed: 42});
});

function exercise(solution: string, options: {orderMatters?: boolean; tolerance?: number} = {}): SqlExercise {
  return sqlExerciseSchema.parse({
    kind: 'sql',
    id: 'edge-case',
    title: 'Edge case',
    prompt: 'A checker edge case.',
    hints: ['none'],
    explanation: 'none',
    wrongAnswers: [{answer: 'SELECT 1', explains: 'none'}],
    datasets: [{name: 'plants'}],
    starter: '',
    solution,
    ...options,
  });
}

async function explain(solution: string, answer: string, options?: {orderMatters?: boolean; tolerance?: number}): Promise<{result: CheckResult; text: string}> {
  const result = await checkSqlAnswer(engine, exercise(solution, options), answer);
  return {result, text: result.problems.map(explainProblem).join('\n')};
}

describe('checkSqlAnswer', () => {
  it('matches columns by name in any order, and their names case-insensitively', async () => {
    const {result} = await explain("SELECT 1 AS a, 'x' AS b", "SELECT 'x' AS B, 1 AS a");
    expect(result).toEqual({passed: true, problems: []});
  });

  it('names a missing and an extra column', async () => {
    expect((await explain('SELECT 1 AS a, 2 AS b', 'SELECT 1 AS a')).text).toBe('Column `b` is missing: the result has the columns `a`, `b`.');
    expect((await explain('SELECT 1 AS a', 'SELECT 1 AS a, 2 AS c, 3 AS d')).text).toBe('Columns `c`, `d` are not asked for: the result has the columns `a`.');
  });

  it('names a column of the wrong type', async () => {
    expect((await explain('SELECT 1.5::DOUBLE AS x', "SELECT '1.5' AS x")).text).toBe('Column `x` is VARCHAR, expected DOUBLE.');
    expect((await explain('SELECT 1::BIGINT AS n', 'SELECT 1::INTEGER AS n')).text).toBe('Column `n` is INTEGER, expected BIGINT.');
  });

  it('compares floating-point values within the tolerance', async () => {
    expect((await explain('SELECT 0.1::DOUBLE + 0.2::DOUBLE AS x', 'SELECT 0.3::DOUBLE AS x')).result.passed).toBe(true);
    expect((await explain('SELECT 2.0::DOUBLE AS x', 'SELECT 2.004::DOUBLE AS x', {tolerance: 0.005})).result.passed).toBe(true);
    const {result, text} = await explain('SELECT 0.3::DOUBLE AS x', 'SELECT 0.31::DOUBLE AS x');
    expect(result.passed).toBe(false);
    expect(text).toBe('1 row missing: (x = 0.3).\n1 row not expected: (x = 0.31).');
  });

  it('treats NULL as equal to NULL and different from the text NULL', async () => {
    const solution = "SELECT * FROM (VALUES (1, NULL), (2, 'a')) t(id, v)";
    expect((await explain(solution, "SELECT * FROM (VALUES (2, 'a'), (1, NULL)) t(id, v)")).result.passed).toBe(true);
    expect((await explain(solution, "SELECT * FROM (VALUES (2, 'a'), (1, 'NULL')) t(id, v)")).text).toBe(
      "1 row missing: (id = 1, v = NULL).\n1 row not expected: (id = 1, v = 'NULL').",
    );
  });

  it('counts duplicates: rows are a multiset', async () => {
    const solution = 'SELECT * FROM (VALUES (1), (1), (2)) t(id)';
    expect((await explain(solution, 'SELECT DISTINCT * FROM (VALUES (1), (1), (2)) t(id)')).text).toBe('1 row missing: (id = 1).');
    expect((await explain(solution, 'SELECT * FROM (VALUES (1), (1), (1), (2)) t(id)')).text).toBe('1 row not expected: (id = 1).');
    const many = await explain('SELECT * FROM range(5) t(id)', 'SELECT * FROM range(10) t(id)');
    expect(many.text).toBe('5 rows not expected, e.g. (id = 5); (id = 6); (id = 7).');
  });

  it('checks the order only when the exercise asks for one', async () => {
    const solution = 'SELECT * FROM (VALUES (2), (1)) t(id) ORDER BY id';
    const reversed = 'SELECT * FROM (VALUES (2), (1)) t(id) ORDER BY id DESC';
    expect((await explain(solution, reversed)).result.passed).toBe(true);
    expect((await explain(solution, reversed, {orderMatters: true})).text).toBe('The rows are right but not in the order asked for: row 1 is (id = 2), expected (id = 1).');
  });

  it('shows a failing query as the learner’s error, with the learner’s line numbers', async () => {
    const {result, text} = await explain('SELECT 1 AS a', 'SELECT 1 AS a\nFORM plants');
    expect(result.problems[0]!.kind).toBe('sql-error');
    expect(text).toMatch(/^Your query failed: Parser Error: syntax error at or near "FORM"/);
    expect(text).toContain('LINE 2:');
    expect((await explain('SELECT 1 AS a', 'SELECT nope AS a FROM plants')).text).toMatch(/^Your query failed: Binder Error: Referenced column "nope" not found/);
  });

  it('refuses a second statement before running anything, and keeps a semicolon inside a string', async () => {
    expect((await explain('SELECT 1 AS a', 'SELECT 1 AS a; DROP TABLE plants')).text).toBe(
      'Write one query (SELECT, WITH … SELECT or FROM …): the answer holds more than one statement.',
    );
    expect((await engine.query('SELECT count(*)::INTEGER AS n FROM plants')).getChildAt(0)!.get(0)).toBe(10);
    expect((await explain("SELECT ';' AS s", "SELECT ';' AS s; -- done\n")).result.passed).toBe(true);
    expect((await explain('SELECT 1 AS a', '  -- nothing yet\n')).text).toBe('The answer is empty: write a query first.');
  });

  it('does not compare a runaway result row by row', async () => {
    expect((await explain('SELECT 1::BIGINT AS id', 'SELECT range AS id FROM range(6000)')).text).toBe(
      'Your query returned 6,000 rows; the expected result has 1 row (the checker compares at most 5,000).',
    );
  });

  it('leaves no table behind', async () => {
    await explain('SELECT 1 AS a', 'SELECT 2 AS a');
    const tables = await engine.query("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'tutorial_%'");
    expect(tables.numRows).toBe(0);
  });
});

describe('singleQuery', () => {
  it('skips comments, quoted identifiers and doubled quotes', () => {
    expect(singleQuery('SELECT \'it\'\'s; fine\' AS "a;b" /* ; */ -- ;\n;\n')).toEqual({ok: true, query: 'SELECT \'it\'\'s; fine\' AS "a;b"'});
  });
});
