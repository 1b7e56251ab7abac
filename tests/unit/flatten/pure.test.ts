import {describe, expect, it} from 'vitest';
import {assignColumnNames, columnCountLevel, columnNameFor, flattenSql, naiveFlattenSql, promoteByCoverage, verdictOf} from '../../../playground/flatten';
import {sqlString} from '../../../playground/sql/literal';
import {sampleClause, sampleSchema} from '../../../playground/flatten/options';
import {parseStepOptions} from '../../../playground/lab/options';
import {castTypeFor, castTypeFromSql, inferJsonFields, type JsonField} from '../../../playground/flatten/value-types';

describe('column names for map keys', () => {
  it.each([
    ['temp_c', 'ext_temp_c'],
    ['temp (C)', 'ext_temp_c'],
    ['Spindle-RPM', 'ext_spindle_rpm'],
    ['__x__', 'ext_x'],
    ['"; DROP TABLE t; --', 'ext_drop_table_t'],
    ['°', 'ext_key'],
  ])('%j becomes %s', (key, column) => {
    expect(columnNameFor(key)).toBe(column);
  });

  it('gives colliding keys numbered names and never reuses a taken name, case-insensitively', () => {
    const names = assignColumnNames(['temp_c', 'temp (C)', 'TEMP-C', 'event_id'], ['EXT_TEMP_C_2', 'event_id']);
    expect(Object.fromEntries(names)).toEqual({
      temp_c: 'ext_temp_c',
      'temp (C)': 'ext_temp_c_3',
      'TEMP-C': 'ext_temp_c_4',
      event_id: 'ext_event_id',
    });
  });
});

describe('JSON STRUCT inference', () => {
  const cases: {name: string; texts: string[]; fields: JsonField[]}[] = [
    {
      name: 'the config objects of the dataset',
      texts: ['{"mode":"auto","recipe":"R-102","slots":4}', '{"mode":"setup","recipe":"R-135","slots":5}'],
      fields: [
        {name: 'mode', type: 'VARCHAR'},
        {name: 'recipe', type: 'VARCHAR'},
        {name: 'slots', type: 'BIGINT'},
      ],
    },
    {
      // JSON.parse reads 0.00 as 0; the text says it is a decimal.
      name: 'a decimal written with zero fraction digits',
      texts: ['{"offset":0.00,"by":"QA"}'],
      fields: [
        {name: 'offset', type: 'DOUBLE'},
        {name: 'by', type: 'VARCHAR'},
      ],
    },
    {
      name: 'integers and decimals in one field',
      texts: ['{"offset":1}', '{"offset":-0.12}'],
      fields: [{name: 'offset', type: 'DOUBLE'}],
    },
    {
      name: 'fields that only some objects have, NULLs, flags and nested objects',
      texts: ['{"a":null}', '{"a":"x","b":true}', '{"c":{"d":1.5},"e":[1]}', 'N/A', '[1,2]', '{"b":2}'],
      fields: [
        {name: 'a', type: 'VARCHAR'},
        {name: 'b', type: 'VARCHAR'},
        {name: 'c', type: 'VARCHAR'},
        {name: 'e', type: 'VARCHAR'},
      ],
    },
    {
      // The nested decimal must not make the top-level integer look like one.
      name: 'a nested decimal with the same name as a top-level integer',
      texts: ['{"inner":{"id":2.5},"id":3}'],
      fields: [
        {name: 'inner', type: 'VARCHAR'},
        {name: 'id', type: 'BIGINT'},
      ],
    },
  ];

  it.each(cases)('infers $name', ({texts, fields}) => {
    expect(inferJsonFields(texts)).toEqual(fields);
  });

  it('falls back to a string when no object gives a field', () => {
    expect(castTypeFor('json', inferJsonFields(['{}', 'N/A']))).toEqual({type: 'string', sqlType: 'VARCHAR', fields: []});
  });
});

describe('registry types', () => {
  it.each(['BIGINT', 'DOUBLE', 'BOOLEAN', 'TIMESTAMP', 'VARCHAR', 'STRUCT("mode" VARCHAR, "slots" BIGINT)', 'STRUCT("a ""b""" DOUBLE)'])(
    'reads back %s',
    (sqlType) => {
      expect(castTypeFromSql(sqlType).sqlType).toBe(sqlType);
    },
  );

  it.each(['INTEGER', 'STRUCT()', 'STRUCT("a" VARCHAR); DROP TABLE x', 'STRUCT("a" VARCHAR, "b" DATE)', 'DOUBLE '])('refuses %j', (sqlType) => {
    expect(() => castTypeFromSql(sqlType)).toThrow(RangeError);
  });
});

describe('SQL text', () => {
  it('quotes string literals by doubling single quotes', () => {
    expect(sqlString("it's")).toBe("'it''s'");
    expect(() => sqlString('a\u0000b')).toThrow(RangeError);
  });

  it('writes the sample clause for rows and percent', () => {
    expect(sampleClause({rows: 1_000}, 7)).toBe('USING SAMPLE reservoir(1000 ROWS) REPEATABLE (7)');
    expect(sampleClause({percent: 2.5}, 7)).toBe('USING SAMPLE bernoulli(2.5 PERCENT) REPEATABLE (7)');
  });

  it('builds the naive PIVOT with quoted names and literal keys', () => {
    expect(naiveFlattenSql({keys: ["it's", {key: 'temp_c', column: 'ext_temp_c'}]})).toBe(`PIVOT (
  SELECT
    "event_id",
    unnest(map_keys("customExtension")) AS key,
    unnest(map_values("customExtension")) AS value
  FROM "sensor_events"
)
ON key IN (
  'it''s' AS "it's",
  'temp_c' AS "ext_temp_c"
)
USING first(value)
GROUP BY "event_id"`);
    expect(naiveFlattenSql({source: 'my events'})).toContain('FROM "my events"\n)\nON key\nUSING first(value)');
  });
});

describe('option validation', () => {
  it.each([
    [{rows: 0}, false],
    [{rows: 1}, true],
    [{rows: 1_000_000}, true],
    [{rows: 1_000_001}, false],
    [{rows: 2.5}, false],
    [{percent: 0}, false],
    [{percent: 12.5}, true],
    [{percent: 101}, false],
    [{rows: 10, percent: 1}, false],
  ])('sample %j valid: %s', (sample, valid) => {
    expect(sampleSchema.safeParse(sample).success).toBe(valid);
  });

  it('names the option at fault and takes the clock outside the schema', () => {
    const clock = () => 5;
    expect(parseStepOptions(sampleSchema, {rows: 3, now: clock}, 'test')).toEqual({options: {rows: 3}, now: clock});
    expect(() => parseStepOptions(sampleSchema, {rows: 0}, 'discoverKeys')).toThrow(/^discoverKeys: rows: /);
  });

  it('refuses a naive plan without a usable key', () => {
    expect(() => naiveFlattenSql({keys: []})).toThrow(RangeError);
  });
});

describe('column count levels', () => {
  it.each([
    [79, 'ok'],
    [80, 'warning'],
    [100, 'warning'],
    [101, 'critical'],
  ] as const)('%i columns against 100 (warning at 80) is %s', (columns, level) => {
    expect(columnCountLevel(columns, 100, 80)).toBe(level);
  });
});

describe('the comparison verdict', () => {
  const run = (planMs: number, runMs: number) => ({sql: '', table: 't', planMs, runMs, intermediateRows: 0, outputRows: 0, rowsMaterialized: 0, columns: 0, estimatedShuffleBytes: 0});

  it('on small data the naive one pass wins, and the plan time over the per-event saving says from where the targeted plan would', () => {
    // 10,000 events: naive 250 ms; targeted 200 ms planning + 100 ms projection. Saving 0.015 ms per event.
    const verdict = verdictOf(10_000, run(200, 100), run(0, 250));
    expect(verdict).toMatchObject({faster: 'naive', naiveMs: 250, targetedMs: 300, targetedPlanMs: 200, naiveMsPerThousand: 25, projectionMsPerThousand: 10});
    expect(verdict.planShare).toBeCloseTo(2 / 3, 10);
    expect(verdict.breakEvenEvents).toBe(13_334);
  });

  it('names the targeted plan when it is faster, and gives no break-even when its projection saves nothing per event', () => {
    expect(verdictOf(1_000_000, run(600, 3_000), run(0, 5_000))).toMatchObject({faster: 'targeted', breakEvenEvents: 300_000});
    expect(verdictOf(100, run(50, 30), run(0, 20)).breakEvenEvents).toBeNull();
    expect(verdictOf(0, run(1, 1), run(0, 1))).toMatchObject({naiveMsPerThousand: 0, projectionMsPerThousand: 0, breakEvenEvents: null});
  });
});

describe('promoteByCoverage', () => {
  const key = (name: string, coverage: number) => ({key: name, column: `ext_${name}`, type: 'string' as const, sqlType: 'VARCHAR', fields: [], coverage, failureShare: 0});
  const plan = {
    source: 'sensor_events',
    mapColumn: 'customExtension',
    baseColumns: ['event_id', 'customExtension'],
    sample: {size: {rows: 10}, seed: 1, rows: 10},
    maxFailureShare: 0.05,
    keys: [key('a', 1), key('b', 0.2), key('c', 0.19)],
    sql: [],
    params: [],
    elapsedMs: 1,
  };

  it('keeps the keys at or above the threshold, holds back the rest and keeps the map column', () => {
    const promoted = promoteByCoverage(plan, 0.2);
    expect(promoted.keys.map((entry) => entry.key)).toEqual(['a', 'b']);
    expect(promoted.heldBack.map((entry) => entry.key)).toEqual(['c']);
    expect(flattenSql(promoted)).toContain('"customExtension",');
    expect(flattenSql(promoted)).not.toContain("['c']");
  });

  it('refuses a threshold that is not a share', () => {
    expect(() => promoteByCoverage(plan, 1.5)).toThrow('minCoverage must be a share between 0 and 1, got 1.5');
    expect(() => promoteByCoverage(plan, Number.NaN)).toThrow(RangeError);
  });
});
