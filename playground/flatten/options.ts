import * as z from 'zod';
import {defaultClock, type Clock} from './step';

/** A table or column name; it reaches SQL only through `quoteIdentifier`. */
export const identifierSchema = z
  .string()
  .min(1, 'A table or column name cannot be empty.')
  .max(255)
  .refine((name) => !name.includes('\u0000'), 'A table or column name cannot contain a NUL character.');

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

/** A sampling seed, in DuckDB's REPEATABLE range. */
export const seedSchema = z.number().int().min(0).max(2 ** 31 - 1);

/** Keys given by a caller: at least one, no repeats. */
export const keyListSchema = z
  .array(z.string().min(1))
  .min(1)
  .refine((keys) => new Set(keys).size === keys.length, 'List each key once.');

/** The share of non-null values a type may fail on and still be chosen: above 0, below 1. */
export const failureShareSchema = z.number().gt(0).lt(1);

/** A point in time for a batch bound: an ISO date or date-time in UTC ("2026-01-11" or "2026-01-11T06:00:00.000Z"). */
export const instantSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?Z?)?$/, 'Use an ISO date or date-time such as 2026-01-11T06:00:00Z.')
  .refine((text) => !Number.isNaN(Date.parse(text)), 'Not a valid date.');

/** A calendar day ("2026-01-12"). */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a day such as 2026-01-12.')
  .refine((text) => !Number.isNaN(Date.parse(text)), 'Not a valid date.');

/** The table holding the events and the MAP column to flatten. */
export const sourceShape = {
  source: identifierSchema.default('sensor_events'),
  mapColumn: identifierSchema.default('customExtension'),
};

/** Options every step takes besides its own: the clock that times it. */
export interface ClockOption {
  /** Milliseconds from a monotonic clock; `performance.now()` unless given. */
  now?: Clock;
}

/** A step's input: its schema's input plus the clock. */
export type StepInput<S extends z.ZodType> = z.input<S> & ClockOption;

/**
 * Validates a step's options at the boundary. Unknown options and out-of-range values throw a
 * RangeError naming the option, so the UI can show what to change.
 */
export function parseStepOptions<S extends z.ZodType>(schema: S, input: unknown, what: string): {options: z.output<S>; now: Clock} {
  const {now, ...rest} = (input ?? {}) as ClockOption & Record<string, unknown>;
  if (now !== undefined && typeof now !== 'function') {
    throw new RangeError(`${what}: now must be a function returning milliseconds.`);
  }
  return {options: parseOptions(schema, rest, what), now: now ?? defaultClock};
}

/** Validates options that take no clock; a RangeError names each option that is wrong. */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
    throw new RangeError(`${what}: ${problems.join(' ')}`);
  }
  return parsed.data;
}

/** The USING SAMPLE clause for a validated size; DuckDB takes only constants there, not parameters. */
export function sampleClause(sample: SampleSize, seed: number): string {
  return 'rows' in sample
    ? `USING SAMPLE reservoir(${sample.rows} ROWS) REPEATABLE (${seed})`
    : `USING SAMPLE bernoulli(${sample.percent} PERCENT) REPEATABLE (${seed})`;
}
