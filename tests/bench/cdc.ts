/**
 * The CDC benchmark: 100,000 Kafka records of the generated Debezium stream, applied in 20 micro-batches
 * (latest change by LSN, soft deletes, SCD1 target), with the convergence check after every batch, in Node
 * (DuckDB-WASM). Call `benchCdc()` from tests/bench/run.ts and add its rows to the table; or run this file
 * alone with `npx tsx tests/bench/cdc.ts`.
 */
import {benchRow} from './rows';
import {applyChanges, generateChangeStream} from '../../playground';
import {openNodeEngine} from '../../playground/node';

export interface CdcBenchRow {
  environment: 'node-wasm';
  name: string;
  medianMs: number;
  runsMs: number[];
}

const runs = 5;
const events = 100_000;
const batches = 20;

function row(name: string, runsMs: number[]): CdcBenchRow {
  return benchRow('node-wasm', name, runsMs);
}

/** Medians of 5 runs: generating the stream, and applying it batch by batch with the convergence checks. */
export async function benchCdc(): Promise<CdcBenchRow[]> {
  const engine = await openNodeEngine();
  try {
    const generate: number[] = [];
    const apply: number[] = [];
    const merges: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      await generateChangeStream(engine, {events, seed: 42});
      generate.push(performance.now() - started);
      const applied = performance.now();
      const results = await applyChanges(engine, {ordering: 'lsn', deletes: 'soft', target: 'scd1', batches});
      apply.push(performance.now() - applied);
      if (results.some((result) => !result.convergence.converged)) {
        throw new Error('benchCdc: the LSN-ordered, soft-delete run did not converge; the benchmark measures a broken engine.');
      }
      merges.push(results.reduce((sum, result) => sum + result.elapsedMs, 0));
    }
    return [
      row(`CDC: generate ${events.toLocaleString('en-US')} Debezium records`, generate),
      row(`CDC: apply ${events.toLocaleString('en-US')} records in ${batches} micro-batches (MERGE + convergence check)`, apply),
      row(`CDC: the same, engine time of the ${batches} batches`, merges),
    ];
  } finally {
    await engine.close();
  }
}

if (process.argv[1]?.endsWith('cdc.ts')) {
  benchCdc().then(
    (rows) => process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
