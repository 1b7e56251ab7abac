import type {Table} from 'apache-arrow';
import type {SqlEngine} from '../sql/engine';
import {classifyEngineError} from '../sql/errors';
import {quoteIdentifier} from '../sql/quote';
import type {SqlExercise} from './exercise';
import type {CheckProblem, CheckResult, ResultRow, ResultValue} from './problems';

/** Results larger than this are not compared row by row: no exercise asks for more. */
export const maxComparedRows = 5_000;

/** How many example rows a missing- or extra-rows problem carries. */
const exampleRows = 3;

const answerTable = 'tutorial_answer';
const expectedTable = 'tutorial_expected';

/**
 * The one query in `sql` without its trailing semicolons, or why there is not exactly one.
 * Quotes, quoted identifiers and comments are skipped, so a `;` inside them does not count.
 */
export function singleQuery(sql: string): {ok: true; query: string} | {ok: false; problem: CheckProblem} {
  let end = 0;
  let index = 0;
  let statementEnded = false;
  while (index < sql.length) {
    const char = sql[index]!;
    const next = sql[index + 1];
    if (char === '-' && next === '-') {
      const newline = sql.indexOf('\n', index);
      index = newline === -1 ? sql.length : newline;
      continue;
    }
    if (char === '/' && next === '*') {
      const close = sql.indexOf('*/', index + 2);
      index = close === -1 ? sql.length : close + 2;
      continue;
    }
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    if (char === ';') {
      statementEnded = true;
      index++;
      continue;
    }
    if (statementEnded) {
      return {ok: false, problem: {kind: 'several-statements'}};
    }
    if (char === "'" || char === '"') {
      const close = sql.indexOf(char, index + 1);
      // A doubled quote inside is an escaped quote: the scan continues after the pair.
      index = close === -1 ? sql.length : close + 1;
    } else {
      index++;
    }
    end = index;
  }
  const query = sql.slice(0, end).trim();
  return query ? {ok: true, query} : {ok: false, problem: {kind: 'empty-answer'}};
}

/** DuckDB numbers lines from the CREATE line the checker adds before the learner's query. */
function learnerLineNumbers(message: string): string {
  return message.replace(/\bLINE (\d+):/g, (_, line: string) => `LINE ${Math.max(1, Number(line) - 1)}:`);
}

/** Stores a query's result in a temporary table, keeping its row order. */
async function storeResult(engine: SqlEngine, table: string, query: string): Promise<void> {
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${quoteIdentifier(table)} AS\n${query}\n`);
}

interface ResultColumn {
  name: string;
  type: string;
}

async function columnsOf(engine: SqlEngine, table: string): Promise<ResultColumn[]> {
  const result = await engine.query(
    "SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = 'temp' AND table_name = ? ORDER BY ordinal_position",
    [table],
  );
  return result.toArray().map((row: {column_name: string; data_type: string}) => ({name: row.column_name, type: row.data_type}));
}

async function rowCount(engine: SqlEngine, table: string): Promise<number> {
  const result = await engine.query(`SELECT count(*)::INTEGER AS n FROM ${quoteIdentifier(table)}`);
  return result.getChildAt(0)!.get(0) as number;
}

/**
 * How a column is compared: floating-point and decimal values as doubles within a tolerance,
 * integers up to BIGINT as exact bigints, everything else as its text.
 */
function comparedAs(type: string): 'DOUBLE' | 'BIGINT' | 'VARCHAR' {
  if (/^(FLOAT|REAL|DOUBLE|DECIMAL)/.test(type)) return 'DOUBLE';
  return /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER)$/.test(type) ? 'BIGINT' : 'VARCHAR';
}

/** The rows of `table` in stored order, the columns in `columns` order, as text or numbers. */
async function fetchRows(engine: SqlEngine, table: string, columns: readonly ResultColumn[]): Promise<ResultRow[]> {
  const projection = columns
    .map(({name, type}) => `CAST(${quoteIdentifier(name)} AS ${comparedAs(type)}) AS ${quoteIdentifier(name)}`)
    .join(', ');
  const result: Table = await engine.query(`SELECT ${projection} FROM ${quoteIdentifier(table)} ORDER BY rowid`);
  const vectors = columns.map((_, index) => result.getChildAt(index)!);
  return Array.from({length: result.numRows}, (_, row) =>
    Object.fromEntries(columns.map(({name}, index) => [name, (vectors[index]!.get(row) ?? null) as ResultValue])),
  );
}

function valueKey(value: ResultValue): string {
  if (value === null) return 'N';
  if (typeof value === 'string') return `s${value}`;
  return typeof value === 'number' ? `n${value}` : `i${value}`;
}

function rowKey(row: ResultRow, names: readonly string[]): string {
  return names.map((name) => valueKey(row[name] ?? null)).join('\u0001');
}

function valuesMatch(actual: ResultValue, expected: ResultValue, tolerance: number): boolean {
  if (typeof actual === 'number' && typeof expected === 'number') {
    if (Number.isNaN(actual) || Number.isNaN(expected)) return Number.isNaN(actual) && Number.isNaN(expected);
    return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(actual), Math.abs(expected));
  }
  return actual === expected;
}

function rowsMatch(actual: ResultRow, expected: ResultRow, names: readonly string[], tolerance: number): boolean {
  return names.every((name) => valuesMatch(actual[name] ?? null, expected[name] ?? null, tolerance));
}

/**
 * Compares two results as multisets (each row as often as it occurs): exact matches first, then
 * the rows left over pair up when every value matches within the tolerance.
 */
export function compareRows(actual: readonly ResultRow[], expected: readonly ResultRow[], names: readonly string[], tolerance: number): {missing: ResultRow[]; extra: ResultRow[]} {
  const unmatchedExpected = new Map<string, ResultRow[]>();
  for (const row of expected) {
    const key = rowKey(row, names);
    unmatchedExpected.set(key, [...(unmatchedExpected.get(key) ?? []), row]);
  }
  let extra: ResultRow[] = [];
  for (const row of actual) {
    const same = unmatchedExpected.get(rowKey(row, names));
    if (same && same.length > 0) {
      same.pop();
    } else {
      extra.push(row);
    }
  }
  const missing: ResultRow[] = [];
  for (const row of [...unmatchedExpected.values()].flat()) {
    const partner = extra.findIndex((candidate) => rowsMatch(candidate, row, names, tolerance));
    if (partner === -1) {
      missing.push(row);
    } else {
      extra = extra.filter((_, index) => index !== partner);
    }
  }
  return {missing, extra};
}

function columnProblems(actual: readonly ResultColumn[], expected: readonly ResultColumn[]): CheckProblem[] {
  const expectedNames = expected.map(({name}) => name);
  const actualByName = new Map(actual.map((column) => [column.name.toLowerCase(), column]));
  const expectedByName = new Set(expected.map(({name}) => name.toLowerCase()));
  const problems: CheckProblem[] = [];
  const missing = expected.filter(({name}) => !actualByName.has(name.toLowerCase())).map(({name}) => name);
  if (missing.length > 0) problems.push({kind: 'missing-columns', columns: missing, expected: expectedNames});
  const extra = actual.filter(({name}) => !expectedByName.has(name.toLowerCase())).map(({name}) => name);
  if (extra.length > 0) problems.push({kind: 'extra-columns', columns: extra, expected: expectedNames});
  for (const column of expected) {
    const found = actualByName.get(column.name.toLowerCase());
    if (found && found.type !== column.type) {
      problems.push({kind: 'column-type', column: found.name, actual: found.type, expected: column.type});
    }
  }
  return problems;
}

/**
 * Checks a SQL answer: the learner's query and the exercise's solution run on the same engine (its
 * datasets loaded by the caller), and their results are compared. Columns match by name in any
 * order; rows match as a multiset, floating-point values within the exercise's tolerance, NULL
 * equal to NULL; the order counts only when the exercise says so. A failing query is the learner's
 * error; a failing solution throws.
 */
export async function checkSqlAnswer(engine: SqlEngine, exercise: SqlExercise, answer: string): Promise<CheckResult> {
  const learner = singleQuery(answer);
  if (!learner.ok) {
    return {passed: false, problems: [learner.problem]};
  }
  const reference = singleQuery(exercise.solution);
  if (!reference.ok) {
    throw new RangeError(`Exercise ${exercise.id}: the solution is not one query.`);
  }
  try {
    await storeResult(engine, expectedTable, reference.query);
    try {
      await storeResult(engine, answerTable, learner.query);
    } catch (error) {
      const info = classifyEngineError(error);
      if (info.kind !== 'sql' && info.kind !== 'missing-extension') throw error;
      return {passed: false, problems: [{kind: 'sql-error', message: learnerLineNumbers(info.message)}]};
    }
    const expectedColumns = await columnsOf(engine, expectedTable);
    const actualColumns = await columnsOf(engine, answerTable);
    const columnIssues = columnProblems(actualColumns, expectedColumns);
    if (columnIssues.length > 0) {
      return {passed: false, problems: columnIssues};
    }
    const expectedCount = await rowCount(engine, expectedTable);
    const actualCount = await rowCount(engine, answerTable);
    if (expectedCount > maxComparedRows) {
      throw new RangeError(`Exercise ${exercise.id}: the solution returns ${expectedCount} rows, more than the ${maxComparedRows} the checker compares.`);
    }
    if (actualCount > maxComparedRows) {
      return {passed: false, problems: [{kind: 'too-many-rows', actual: actualCount, expected: expectedCount, limit: maxComparedRows}]};
    }
    // The learner's spelling of each column, in the solution's column order.
    const actualByName = new Map(actualColumns.map((column) => [column.name.toLowerCase(), column]));
    const ordered = expectedColumns.map(({name}) => actualByName.get(name.toLowerCase())!);
    const names = expectedColumns.map(({name}) => name);
    const rename = (row: ResultRow): ResultRow => Object.fromEntries(ordered.map(({name}, index) => [names[index]!, row[name] ?? null]));
    const actualRows = (await fetchRows(engine, answerTable, ordered)).map(rename);
    const expectedRows = await fetchRows(engine, expectedTable, expectedColumns);

    const {missing, extra} = compareRows(actualRows, expectedRows, names, exercise.tolerance);
    const problems: CheckProblem[] = [];
    if (missing.length > 0) problems.push({kind: 'missing-rows', count: missing.length, examples: missing.slice(0, exampleRows)});
    if (extra.length > 0) problems.push({kind: 'extra-rows', count: extra.length, examples: extra.slice(0, exampleRows)});
    if (problems.length === 0 && exercise.orderMatters) {
      const position = expectedRows.findIndex((row, index) => !rowsMatch(actualRows[index]!, row, names, exercise.tolerance));
      if (position !== -1) {
        problems.push({kind: 'row-order', position: position + 1, actual: actualRows[position]!, expected: expectedRows[position]!});
      }
    }
    return {passed: problems.length === 0, problems};
  } finally {
    // Best effort: after a cancel the engine may be gone, and the error that matters is the one above;
    // the next check replaces both tables anyway.
    await engine.query(`DROP TABLE IF EXISTS ${quoteIdentifier(answerTable)}; DROP TABLE IF EXISTS ${quoteIdentifier(expectedTable)}`).catch(() => undefined);
  }
}
