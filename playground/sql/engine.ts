import type {Table} from 'apache-arrow';

/** A value bound to a `?` placeholder. */
export type SqlParam = string | number | boolean | bigint | null;

/**
 * A SQL engine the labs run on. Results are Apache Arrow tables; values travel as parameters.
 * The DuckDB adapter implements it in the browser and in Node alike.
 */
export interface SqlEngine {
  /** Runs `sql` (one or more statements; the last one's result is returned). */
  query(sql: string, params?: readonly SqlParam[]): Promise<Table>;
  /**
   * Writes an Arrow table into table `name`: `create` replaces any table of that name,
   * `append` adds the rows to an existing table with the same columns.
   */
  insertArrow(name: string, table: Table, mode: 'create' | 'append'): Promise<void>;
  /** Cancels the running query, if any; resolves to whether one was cancelled. */
  cancel(): Promise<boolean>;
  /** Closes the connection and shuts the database down. */
  close(): Promise<void>;
}
