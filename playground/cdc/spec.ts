import * as z from 'zod';
import {identifierSchema, parseOptions} from '../lab/options';

/**
 * How change events are applied to a target: which order decides the latest change, what a
 * delete does, and whether the target keeps the current state (type 1) or history (type 2).
 */
const cdcSpecSchema = z.strictObject({
  source: z.enum(['work_order', 'machine']).default('work_order'),
  /** The table `generateChangeStream` wrote. */
  events: identifierSchema.default('cdc_events'),
  /** The Delta-like target table the MERGE writes. */
  targetTable: identifierSchema.default('cdc_target'),
  /**
   * What decides which change is the latest: the source's log position (`source.lsn`), the
   * source commit time (`source.ts_ms`, milliseconds) or the Kafka offset the record was read at.
   */
  ordering: z.enum(['lsn', 'ts_ms', 'kafka_offset']).default('lsn'),
  /** `hard`: a delete removes the row. `soft`: the row stays, flagged `_cdc_deleted`, with the delete's position. */
  deletes: z.enum(['hard', 'soft']).default('soft'),
  /** `scd1`: one row per key, the latest state. `scd2`: history through the SCD engine's type 2 MERGE. */
  target: z.enum(['scd1', 'scd2']).default('scd1'),
  /** How many micro-batches the stream is read in. */
  batches: z.number().int().min(1, 'Read the stream in at least 1 batch.').max(500, 'At most 500 batches.').default(20),
});

/** Why a number of micro-batches cannot be used, in words, or null when it can. */
export function cdcBatchesProblem(batches: unknown): string | null {
  const parsed = cdcSpecSchema.shape.batches.safeParse(batches);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Not a valid number of batches.');
}

/** A spec as callers write it; every field has a default. */
export type CdcSpecInput = z.input<typeof cdcSpecSchema>;

/** A validated spec. */
export type CdcSpec = z.output<typeof cdcSpecSchema>;

/** Validates a spec at the boundary; a RangeError names each field that is wrong. */
export function parseCdcSpec(input: unknown, what: string): CdcSpec {
  return parseOptions(cdcSpecSchema, input ?? {}, what);
}
