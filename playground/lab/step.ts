import type {Table} from 'apache-arrow';
import type {SqlEngine} from '../sql/engine';

/**
 * A value bound to a `?` in a step's SQL. No bigint, so step results serialize as JSON and the
 * UI can show each statement with the values it ran with.
 */
export type StepParam = string | number | boolean | null;

/** A clock in milliseconds; steps take one so tests and the UI decide what time is. */
export type Clock = () => number;

/** The clock steps use unless given one: monotonic, and present in Node and browsers alike. */
export const defaultClock: Clock = () => performance.now();

/** What every step measures. */
export interface StepMetrics {
  /** Rows the step read from its input (the source table, a batch or a subset of it). */
  rowsIn: number;
  /** Rows of what it produced: the table it wrote or the result rows it returns. */
  rowsOut: number;
  /** Columns of what it produced (for discovery: the `ext_` columns the keys would become). */
  columns: number;
  /** Time spent running the step's statements, by the step's clock. */
  elapsedMs: number;
}

/**
 * What every step returns: plain data. `sql[i]` is a statement exactly as the step ran it, and
 * `params[i]` the values bound to its placeholders: `?` in order, or `$1`, `$2`, ... by position
 * (empty when it has none).
 */
export interface StepResult<M extends StepMetrics = StepMetrics> {
  step: number;
  title: string;
  sql: string[];
  params: StepParam[][];
  metrics: M;
}

/** A result row with BIGINT counts turned into numbers (counts here stay far below 2^53). */
export type Row = Record<string, unknown>;

function plainValue(value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** Runs a step's statements on an engine and keeps each one, with its parameters, for the result. */
export class StepLog {
  readonly sql: string[] = [];
  readonly params: StepParam[][] = [];
  private readonly engine: SqlEngine;

  constructor(engine: SqlEngine) {
    this.engine = engine;
  }

  /** Runs one statement and returns its result as Arrow, for results too long to turn into objects. */
  async table(sql: string, params: readonly StepParam[] = []): Promise<Table> {
    this.sql.push(sql);
    this.params.push([...params]);
    return this.engine.query(sql, params);
  }

  /** Runs one statement and returns its rows as plain objects. */
  async rows(sql: string, params: readonly StepParam[] = []): Promise<Row[]> {
    const table = await this.table(sql, params);
    return table.toArray().map((row) => {
      const plain: Row = {};
      for (const [name, value] of Object.entries(row.toJSON() as Record<string, unknown>)) {
        plain[name] = plainValue(value);
      }
      return plain;
    });
  }

  /** Runs one statement that must return exactly one row. */
  async one(sql: string, params: readonly StepParam[] = []): Promise<Row> {
    const rows = await this.rows(sql, params);
    const [first] = rows;
    if (rows.length !== 1 || !first) {
      throw new Error(`Expected one row, got ${rows.length} from: ${sql}`);
    }
    return first;
  }
}

/** Reads a numeric column of a result row. */
export function num(row: Row, name: string): number {
  const value = row[name];
  if (typeof value !== 'number') {
    throw new TypeError(`Column ${name} is not a number: ${String(value)}`);
  }
  return value;
}

/** Reads a numeric column that may be NULL. */
export function optionalNum(row: Row, name: string): number | null {
  return row[name] === null || row[name] === undefined ? null : num(row, name);
}

/** Reads a text column of a result row. */
export function str(row: Row, name: string): string {
  const value = row[name];
  if (typeof value !== 'string') {
    throw new TypeError(`Column ${name} is not text: ${String(value)}`);
  }
  return value;
}

/** A share that is 0 rather than NaN when there is nothing to divide. */
export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** Runs `work` and measures it with `now`. */
export async function timed<T>(now: Clock, work: () => Promise<T>): Promise<{value: T; elapsedMs: number}> {
  const start = now();
  const value = await work();
  return {value, elapsedMs: now() - start};
}

/** Renders an epoch-milliseconds TIMESTAMP as ISO 8601 UTC, the form results and parameters use. */
export function isoTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
