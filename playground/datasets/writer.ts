import type {Table} from 'apache-arrow';
import type {SqlEngine} from '../sql/engine';

/** Writes one dataset into its table, chunk by chunk, in row order. */
export interface DatasetWriter {
  /** How many rows the table will hold. */
  readonly rows: number;
  /** Writes rows `start` to `start + count - 1` (0-based); the first call replaces the table. */
  writeChunk(start: number, count: number): Promise<void>;
  /** Drops helper tables; runs after the last chunk and after a failure alike. */
  finish(): Promise<void>;
}

/** A writer for datasets whose chunks are plain Arrow tables, inserted as they are. */
export function arrowChunkWriter(
  engine: SqlEngine,
  tableName: string,
  rows: number,
  chunkAt: (start: number, count: number) => Table,
): DatasetWriter {
  return {
    rows,
    writeChunk: (start, count) => engine.insertArrow(tableName, chunkAt(start, count), start === 0 ? 'create' : 'append'),
    finish: async () => {},
  };
}
