import * as z from 'zod';
import {quoteIdentifier} from '../sql/quote';
import {sqlString} from '../sql/literal';
import {identifierSchema, parseOptions} from '../lab/options';
import {sourceShape} from './options';

const naiveSchema = z.strictObject({
  ...sourceShape,
  idColumn: identifierSchema.default('event_id'),
  /**
   * The keys to pivot into columns: a key alone names its column after itself (as Spark's pivot
   * does); `{key, column}` names it explicitly, so a plan's `keys` can be passed as they are
   * (other fields are ignored).
   */
  keys: z
    .array(z.union([z.string().min(1), z.object({key: z.string().min(1), column: identifierSchema})]))
    .min(1)
    .optional(),
});

/** Options of `naiveFlattenSql`. Without `keys`, the PIVOT first finds the distinct keys itself. */
export type NaiveFlattenOptions = z.input<typeof naiveSchema>;

/**
 * The naive baseline: unnest the map into one row per key/value pair, then PIVOT back to one row
 * per event, grouped by `idColumn`. Each value stays VARCHAR. Spark's version is
 * `explode` (a narrow transformation: it multiplies rows but shuffles nothing) followed by
 * `groupBy(...).pivot(...)`, which shuffles every exploded row to rebuild the events; without a
 * key list, pivot also runs a job to find the distinct keys. An event whose map is empty or NULL
 * produces no pair, so it is missing from the result.
 */
export function naiveFlattenSql(input: NaiveFlattenOptions = {}): string {
  const {source, mapColumn, idColumn, keys} = parseOptions(naiveSchema, input, 'naiveFlattenSql');
  const map = quoteIdentifier(mapColumn);
  const id = quoteIdentifier(idColumn);
  const on = keys
    ? `ON key IN (\n  ${keys
        .map((entry) => (typeof entry === 'string' ? {key: entry, column: entry} : entry))
        .map(({key, column}) => `${sqlString(key)} AS ${quoteIdentifier(column)}`)
        .join(',\n  ')}\n)`
    : 'ON key';
  return `PIVOT (
  SELECT
    ${id},
    unnest(map_keys(${map})) AS key,
    unnest(map_values(${map})) AS value
  FROM ${quoteIdentifier(source)}
)
${on}
USING first(value)
GROUP BY ${id}`;
}
