import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {sqlString} from '../sql/literal';
import {assignColumnNames} from './naming';
import {identifierSchema, parseStepOptions, type StepInput} from '../lab/options';
import {sourceShape} from './options';
import {rawSql} from './profile';
import {StepLog, num, timed, type StepParam, type StepResult} from '../lab/step';
import {projectionSql, sourceColumns} from './tables';

const defaultsSchema = z.strictObject({
  ...sourceShape,
  /**
   * Defaults by key, only where the domain has one. The example assumes a device leaves
   * `alarm_code` out when no alarm is active: a fact to confirm with the plant, not one the data
   * proves. A missing sensor reading has no default; never 0.
   */
  defaults: z
    .record(z.string().min(1), z.string())
    .refine((defaults) => Object.keys(defaults).length > 0, 'Give at least one key a default.')
    .default({alarm_code: 'NONE'}),
  /** Keys extracted without a default, to show that absent keys are already NULL. */
  keys: z.array(z.string().min(1)).default(['temp_c']),
  target: identifierSchema.default('events_with_defaults'),
});

/** Options of step 3. */
export type ApplyDefaultsOptions = StepInput<typeof defaultsSchema>;

/** One key of step 3. */
export interface DefaultedKey {
  key: string;
  column: string;
  /** The default applied when the key is absent; null for keys left as they are. */
  default: string | null;
  /** Rows whose map lacks the key: NULL by element access already. */
  absentRows: number;
  /** Rows whose map has the key with a NULL value (a sensor that sent nothing): kept NULL. */
  nullValueRows: number;
  /** Rows the default filled (the absent rows, for keys with a default). */
  defaultedRows: number;
  /** Non-null values in the column afterwards. */
  nonNull: number;
}

/** Step 3's result. */
export interface ApplyDefaultsResult extends StepResult {
  table: string;
  keys: DefaultedKey[];
}

/**
 * Step 3: element access already returns NULL for an absent key, so wrapping it in
 * `coalesce(x, NULL)` changes nothing. A default is applied only to keys given one, only when the
 * key is absent (`map_contains`), never to a value the device sent as NULL.
 */
export async function applyDefaults(engine: SqlEngine, input: ApplyDefaultsOptions = {}): Promise<ApplyDefaultsResult> {
  const {options, now} = parseStepOptions(defaultsSchema, input, 'applyDefaults');
  const log = new StepLog(engine);
  const map = quoteIdentifier(options.mapColumn);
  const keys = [...Object.keys(options.defaults), ...options.keys.filter((key) => !Object.hasOwn(options.defaults, key))];
  const {value, elapsedMs} = await timed(now, async () => {
    const base = (await sourceColumns(log, options.source, options.mapColumn)).map((column) => column.name);
    const names = assignColumnNames(keys, base);
    const params: StepParam[] = [];
    const computed = keys.map((key) => {
      const fallback = options.defaults[key];
      const raw = rawSql(options.mapColumn, key);
      if (fallback === undefined) {
        return {column: names.get(key)!, expression: raw};
      }
      params.push(fallback);
      return {column: names.get(key)!, expression: `CASE WHEN map_contains(${map}, ${sqlString(key)}) THEN ${raw} ELSE ? END`};
    });
    await log.rows(`CREATE OR REPLACE TABLE ${quoteIdentifier(options.target)} AS\n${projectionSql(options.source, base, computed)}`, params);
    const counts = await log.one(`SELECT
  (SELECT count(*) FROM ${quoteIdentifier(options.source)}) AS rows_in,
  count(*) AS rows_out,
  ${keys
    .map((key) => {
      const column = names.get(key)!;
      const present = `map_contains(${map}, ${sqlString(key)})`;
      return [
        `count(*) FILTER (WHERE NOT ${present}) AS ${quoteIdentifier(`${column} absent`)}`,
        `count(*) FILTER (WHERE ${present} AND ${rawSql(options.mapColumn, key)} IS NULL) AS ${quoteIdentifier(`${column} null values`)}`,
        `count(${quoteIdentifier(column)}) AS ${quoteIdentifier(`${column} non-null`)}`,
      ].join(',\n  ');
    })
    .join(',\n  ')}
FROM ${quoteIdentifier(options.target)}`);
    return {base, names, counts};
  });
  const rowsOut = num(value.counts, 'rows_out');
  return {
    step: 3,
    title: 'Default only where the domain has one',
    sql: log.sql,
    params: log.params,
    metrics: {rowsIn: num(value.counts, 'rows_in'), rowsOut, columns: value.base.length + keys.length, elapsedMs},
    table: options.target,
    keys: keys.map((key): DefaultedKey => {
      const column = value.names.get(key)!;
      const absentRows = num(value.counts, `${column} absent`);
      const fallback = options.defaults[key] ?? null;
      return {
        key,
        column,
        default: fallback,
        absentRows,
        nullValueRows: num(value.counts, `${column} null values`),
        defaultedRows: fallback === null ? 0 : absentRows,
        nonNull: num(value.counts, `${column} non-null`),
      };
    }),
  };
}
