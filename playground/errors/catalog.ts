import {createTraceDecoder, type DecodeResult, type TraceDecoder} from './decode';
import {databricksErrors} from './entries/databricks';
import {deltaErrors} from './entries/delta';
import {jvmErrors} from './entries/jvm';
import {kafkaErrors} from './entries/kafka';
import {sparkErrors} from './entries/spark';
import {errorEntrySchema, type ErrorEntry} from './schema';

/**
 * The error catalog: every entry validated when the module loads, so a malformed entry fails the
 * build and the tests rather than a page. Codes are unique.
 */
export const errorCatalog: readonly ErrorEntry[] = (() => {
  const entries = errorEntrySchema.array().parse([...kafkaErrors, ...jvmErrors, ...databricksErrors, ...sparkErrors, ...deltaErrors]);
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.code)) {
      throw new Error(`The error catalog has ${entry.code} twice.`);
    }
    seen.add(entry.code);
  }
  return entries;
})();

/** Compiled on the first decode: the error pages import the catalog but never decode. */
let decoder: TraceDecoder | undefined;

/**
 * Reads a pasted log or stack trace (up to 1 MB) and returns the catalog entries it shows, the
 * line each was found on, the values in their messages, and the cause chain, outermost first.
 */
export function decodeStackTrace(text: unknown): DecodeResult {
  decoder ??= createTraceDecoder(errorCatalog);
  return decoder.decode(text);
}
