import * as z from 'zod';
import {defaultClock, type Clock} from './step';

/** A table or column name; it reaches SQL only through `quoteIdentifier`. */
export const identifierSchema = z
  .string()
  .min(1, 'A table or column name cannot be empty.')
  .max(255)
  .refine((name) => !name.includes('\u0000'), 'A table or column name cannot contain a NUL character.');

/** A seed, in DuckDB's REPEATABLE range. */
export const seedSchema = z.number().int().min(0).max(2 ** 31 - 1);

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
