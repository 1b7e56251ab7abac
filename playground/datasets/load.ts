import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {datasetColumns, type DatasetColumn, type DatasetName} from './catalog';
import {configChangesChunks} from './machine-config-changes';
import {machinesChunk} from './machines';
import {plants, plantsTable} from './plants';
import {parseDatasetRequest, type DatasetRequest, type DatasetRequestInput} from './request';
import {sensorEventsWriter} from './sensor-events';
import {testResultsChunks} from './test-results';
import {arrowChunkWriter, type DatasetWriter} from './writer';

/**
 * Rows generated and inserted at a time: small enough to report progress and to keep each chunk's
 * generation on the page's main thread well under 200 ms (100,000 sensor events took 200–250 ms in
 * Chromium, tests/bench/longTasks.ts), large enough to amortize each insert.
 */
const chunkRows = 25_000;

/** How far a load has got, reported after each chunk. */
export interface DatasetProgress {
  rowsDone: number;
  rowsTotal: number;
}

/** What a load produced, read back from DuckDB. */
export interface DatasetSummary {
  name: DatasetName;
  /** The table's row count: the requested rows, except for `plants`, which always has its ten. */
  rows: number;
  seed: number;
  columns: DatasetColumn[];
}

function writerFor(engine: SqlEngine, request: DatasetRequest): DatasetWriter {
  switch (request.name) {
    case 'sensor_events':
      return sensorEventsWriter(engine, request);
    case 'machines':
      return arrowChunkWriter(engine, request.name, request.rows, (start, count) => machinesChunk(request.seed, start, count));
    case 'machine_config_changes':
      return arrowChunkWriter(engine, request.name, request.rows, configChangesChunks(request.seed, request.rows));
    case 'plants':
      return arrowChunkWriter(engine, request.name, plants.length, plantsTable);
    case 'test_results':
      return arrowChunkWriter(engine, request.name, request.rows, testResultsChunks(request.seed, request.rows));
  }
}

/**
 * Generates a dataset into the table of the same name, replacing it. The load is one transaction:
 * if a chunk fails (or the query is cancelled), the previous table is left as it was.
 */
export async function loadDataset(
  engine: SqlEngine,
  input: DatasetRequestInput,
  onProgress?: (progress: DatasetProgress) => void,
): Promise<DatasetSummary> {
  const parsed = parseDatasetRequest(input);
  if (!parsed.ok) {
    throw new RangeError(parsed.message);
  }
  const request = parsed.request;
  const writer = writerFor(engine, request);
  await engine.query('BEGIN TRANSACTION');
  try {
    for (let start = 0; start < writer.rows; start += chunkRows) {
      const count = Math.min(chunkRows, writer.rows - start);
      await writer.writeChunk(start, count);
      onProgress?.({rowsDone: start + count, rowsTotal: writer.rows});
    }
    await writer.finish();
    await engine.query('COMMIT');
  } catch (error) {
    // A failed statement may already have ended the transaction; the original error is the one to report.
    await engine.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  const table = quoteIdentifier(request.name);
  const described = await engine.query(`DESCRIBE ${table}`);
  const counted = await engine.query(`SELECT count(*) AS row_count FROM ${table}`);
  return {
    name: request.name,
    rows: Number(counted.getChild('row_count')?.get(0)),
    seed: request.seed,
    columns: described.toArray().map((row) => ({name: String(row.column_name), type: String(row.column_type)})),
  };
}

/**
 * One query returning one row, `row_count` (BIGINT) and `checksum` (VARCHAR, a sum of per-row
 * hashes over every column, MAP included): equal seeds give equal checksums, in any row order.
 * A sum rather than an xor, so exact duplicate rows do not cancel out.
 */
export function datasetChecksumSql(name: DatasetName): string {
  const columns = datasetColumns[name].map((column) => quoteIdentifier(column.name)).join(', ');
  return `SELECT count(*) AS row_count, coalesce(sum(hash(${columns})), 0)::VARCHAR AS checksum FROM ${quoteIdentifier(name)}`;
}
