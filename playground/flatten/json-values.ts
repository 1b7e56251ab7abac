import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {sqlString} from '../sql/literal';
import {assignColumnNames} from './naming';
import {identifierSchema, parseStepOptions, seedSchema, type StepInput} from '../lab/options';
import {failureShareSchema, keyListSchema, sampleSchema, sourceShape} from './options';
import {chooseType, jsonCastTypes, profileScope, rawSql, sampleScope} from './profile';
import {StepLog, num, share, str, timed, type StepResult} from '../lab/step';
import {projectionSql, sourceColumns} from './tables';
import {castSql, type JsonFieldType} from './value-types';

const jsonSchema = z.strictObject({
  ...sourceShape,
  /** The keys holding JSON objects; found in the sample when absent. */
  keys: keyListSchema.optional(),
  sample: sampleSchema.default({rows: 10_000}),
  seed: seedSchema.default(42),
  maxFailureShare: failureShareSchema.default(0.05),
  target: identifierSchema.default('events_json'),
});

/** Options of step 5. */
export type ParseJsonValuesOptions = StepInput<typeof jsonSchema>;

/** A STRUCT field and how often parsed objects had it. */
export interface ParsedField {
  name: string;
  type: JsonFieldType;
  /** Parsed objects with a non-null value for the field, and the share that lack one. */
  nonNull: number;
  nullShare: number;
}

/** One JSON key of step 5. */
export interface ParsedJsonKey {
  key: string;
  column: string;
  /** The STRUCT type the values were cast to. */
  structType: string;
  fields: ParsedField[];
  /** Non-null raw values, those the cast parsed, and those it turned into NULL. */
  values: number;
  parsed: number;
  failed: number;
  failureShare: number;
  /** The most frequent raw values that did not parse (up to five), to show why. */
  failureExamples: {value: string; events: number}[];
}

/** Step 5's result. */
export interface ParseJsonValuesResult extends StepResult {
  table: string;
  keys: ParsedJsonKey[];
}

const examplesPerKey = 5;

/**
 * Step 5: parses JSON object values into STRUCT columns with TRY_CAST(value AS STRUCT(...)), the
 * offline equivalent of Spark's `from_json` with an explicit schema, inferred from the sample.
 * A NULL value stays NULL without any guard. The failure count is the number to watch: DuckDB
 * fails the whole cast when an object has a field the STRUCT lacks, so a firmware that adds a
 * field inside the JSON shows up as a jump in failures; a field that goes missing shows up in its
 * null share.
 */
export async function parseJsonValues(engine: SqlEngine, input: ParseJsonValuesOptions = {}): Promise<ParseJsonValuesResult> {
  const {options, now} = parseStepOptions(jsonSchema, input, 'parseJsonValues');
  const log = new StepLog(engine);
  const target = quoteIdentifier(options.target);
  const {value, elapsedMs} = await timed(now, async () => {
    const base = (await sourceColumns(log, options.source, options.mapColumn)).map((column) => column.name);
    const scope = sampleScope(options);
    const jsonKeys =
      options.keys ??
      (await profileScope(log, scope)).keys.filter((key) => chooseType(key, options.maxFailureShare) === 'json').map((key) => key.key);
    const casts = await jsonCastTypes(log, scope, jsonKeys);
    // A key whose sampled objects gave no fields cannot become a STRUCT; it is left out.
    const keys = jsonKeys.filter((key) => casts.get(key)?.type === 'json');
    const names = assignColumnNames(keys, base);
    const columns = keys.map((key) => ({key, column: names.get(key)!, cast: casts.get(key)!}));
    await log.rows(
      `CREATE OR REPLACE TABLE ${target} AS\n${projectionSql(
        options.source,
        base,
        columns.map(({key, column, cast}) => ({column, expression: castSql(cast, rawSql(options.mapColumn, key))})),
      )}`,
    );
    const counts = await log.one(`SELECT
  (SELECT count(*) FROM ${quoteIdentifier(options.source)}) AS rows_in,
  count(*) AS rows_out${columns
    .flatMap(({key, column, cast}) => [
      `count(${rawSql(options.mapColumn, key)}) AS ${quoteIdentifier(`${column} values`)}`,
      `count(${quoteIdentifier(column)}) AS ${quoteIdentifier(`${column} parsed`)}`,
      ...cast.fields.map(
        (field) =>
          `count(struct_extract(${quoteIdentifier(column)}, ${sqlString(field.name)})) AS ${quoteIdentifier(`${column}.${field.name}`)}`,
      ),
    ])
    .map((line) => `,\n  ${line}`)
    .join('')}
FROM ${target}`);
    const examples =
      columns.length === 0
        ? []
        : await log.rows(`SELECT key, value, count(*) AS events
FROM (
  ${columns
    .map(({key, column}) => {
      const raw = rawSql(options.mapColumn, key);
      return `SELECT ${sqlString(key)} AS key, ${raw} AS value\n  FROM ${target}\n  WHERE ${raw} IS NOT NULL AND ${quoteIdentifier(column)} IS NULL`;
    })
    .join('\n  UNION ALL\n  ')}
)
GROUP BY key, value
QUALIFY row_number() OVER (PARTITION BY key ORDER BY count(*) DESC, value) <= ${examplesPerKey}
ORDER BY key, events DESC, value`);
    return {base, columns, counts, examples};
  });
  const {counts} = value;
  return {
    step: 5,
    title: 'Parse JSON values into STRUCTs',
    sql: log.sql,
    params: log.params,
    metrics: {rowsIn: num(counts, 'rows_in'), rowsOut: num(counts, 'rows_out'), columns: value.base.length + value.columns.length, elapsedMs},
    table: options.target,
    keys: value.columns.map(({key, column, cast}): ParsedJsonKey => {
      const values = num(counts, `${column} values`);
      const parsed = num(counts, `${column} parsed`);
      return {
        key,
        column,
        structType: cast.sqlType,
        fields: cast.fields.map((field) => {
          const nonNull = num(counts, `${column}.${field.name}`);
          return {name: field.name, type: field.type, nonNull, nullShare: share(parsed - nonNull, parsed)};
        }),
        values,
        parsed,
        failed: values - parsed,
        failureShare: share(values - parsed, values),
        failureExamples: value.examples
          .filter((row) => row.key === key)
          .map((row) => ({value: str(row, 'value'), events: num(row, 'events')})),
      };
    }),
  };
}
