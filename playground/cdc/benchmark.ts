import type {SqlEngine} from '../sql/engine';
import {defaultClock, timed, type Clock} from '../lab/step';
import {applyChanges} from './apply';
import type {CdcSpecInput} from './spec';
import {generateChangeStream} from './stream';

/**
 * The change stream `npm run bench` times, in Node (DuckDB-WASM and native DuckDB) and in the
 * browser lab alike: 100,000 Kafka records of the work-order stream, applied in 20 micro-batches
 * (latest change by LSN, soft deletes, SCD1 target) with the convergence check after every batch.
 */
export const cdcBenchmark: {events: number; seed: number; spec: CdcSpecInput} = {
  events: 100_000,
  seed: 42,
  spec: {source: 'work_order', ordering: 'lsn', deletes: 'soft', target: 'scd1', batches: 20},
};

/** One timed run: generating the records, applying every batch, and the engine time the batches report. */
export interface CdcMeasurement {
  generateMs: number;
  applyMs: number;
  /** The batches' own `elapsedMs`, summed: the MERGEs and convergence checks without the loop around them. */
  batchesMs: number;
  batches: number;
  /** Whether the target equalled the source after every batch (it must, for this configuration). */
  converged: boolean;
}

/** Generates the benchmark's stream and applies it, timing both with `now`. */
export async function measureCdc(engine: SqlEngine, benchmark = cdcBenchmark, now: Clock = defaultClock): Promise<CdcMeasurement> {
  const {spec} = benchmark;
  const generated = await timed(now, () => generateChangeStream(engine, {source: spec.source, events: benchmark.events, seed: benchmark.seed}));
  const applied = await timed(now, () => applyChanges(engine, spec));
  return {
    generateMs: generated.elapsedMs,
    applyMs: applied.elapsedMs,
    batchesMs: applied.value.reduce((sum, result) => sum + result.elapsedMs, 0),
    batches: applied.value.length,
    converged: applied.value.every((result) => result.convergence.converged),
  };
}
