import * as z from 'zod';
import {identifierSchema} from '../lab/options';

/**
 * How a step samples its source: a fixed number of rows (reservoir) or a share of them
 * (Bernoulli, like Spark's `sample(fraction)`). Both are seeded, so a seed gives the same sample.
 */
export const sampleSchema = z.union([
  z.strictObject({rows: z.number().int().min(1).max(1_000_000)}),
  z.strictObject({percent: z.number().min(0.001).max(100)}),
]);

/** A validated sample size. */
export type SampleSize = z.output<typeof sampleSchema>;

/** Keys given by a caller: at least one, no repeats. */
export const keyListSchema = z
  .array(z.string().min(1))
  .min(1)
  .refine((keys) => new Set(keys).size === keys.length, 'List each key once.');

/** The share of non-null values a type may fail on and still be chosen: above 0, below 1. */
export const failureShareSchema = z.number().gt(0).lt(1);

/** The table holding the events and the MAP column to flatten. */
export const sourceShape = {
  source: identifierSchema.default('sensor_events'),
  mapColumn: identifierSchema.default('customExtension'),
};

/** The USING SAMPLE clause for a validated size; DuckDB takes only constants there, not parameters. */
export function sampleClause(sample: SampleSize, seed: number): string {
  return 'rows' in sample
    ? `USING SAMPLE reservoir(${sample.rows} ROWS) REPEATABLE (${seed})`
    : `USING SAMPLE bernoulli(${sample.percent} PERCENT) REPEATABLE (${seed})`;
}
