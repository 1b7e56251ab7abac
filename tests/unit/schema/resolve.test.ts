import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {checkCompatibility, conversionSql, parseSparkType, resolveIncompatibilities, runCastDemo, schemaPresets, type SparkType, type StructType} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

function type(text: string): SparkType {
  const result = parseSparkType(text);
  if (!result.ok) {
    throw new Error(`${text}: ${result.error.message}`);
  }
  return result.type;
}

const preset = (id: string) => {
  const found = schemaPresets.find((candidate) => candidate.id === id)!;
  const current = type(found.current) as StructType;
  const update = type(found.update) as StructType;
  return {current, update, report: checkCompatibility(current, update, {context: found.context, mergeSchema: found.mergeSchema})};
};

/** Parses Python with python3's own parser; throws with the error on bad syntax. */
function parsePython(source: string): void {
  execFileSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], {input: source});
}

describe('conversionSql', () => {
  const cases: [string, string, string][] = [
    ['DOUBLE', 'INT', 'try_cast(c AS INT)'],
    ['STRING', 'DECIMAL(10,2)', 'try_cast(c AS DECIMAL(10,2))'],
    ['STRUCT<value: DOUBLE>', 'STRING', 'to_json(c)'],
    ['MAP<STRING, STRUCT<value: DOUBLE, unit: STRING>>', 'MAP<STRING, STRING>', 'transform_values(c, (k, v) -> to_json(v))'],
    ['ARRAY<BIGINT>', 'ARRAY<INT>', 'transform(c, x -> try_cast(x AS INT))'],
    ['STRUCT<a: BIGINT, b: STRING>', 'STRUCT<a: INT, c: DATE>', "named_struct('a', try_cast(c.`a` AS INT), 'c', CAST(NULL AS DATE))"],
  ];
  for (const [from, to, expected] of cases) {
    it(`${from} → ${to}: ${expected}`, () => {
      expect(conversionSql('c', type(from), type(to))).toBe(expected);
    });
  }
});

describe('resolveIncompatibilities', () => {
  it('offers the cast, ALTER COLUMN with type widening, versioning and overwriteSchema for temperature INT → DOUBLE', () => {
    const {current, update, report} = preset('temperature-double');
    const resolutions = resolveIncompatibilities(current, update, report);
    expect(resolutions.map((resolution) => [resolution.kind, resolution.applicable])).toEqual([
      ['cast-source', true],
      ['type-widening', true],
      ['column-versioning', true],
      ['overwrite-schema', true],
    ]);
    expect(resolutions[0]?.sql).toContain('try_cast(`temperature` AS INT) AS `temperature`');
    expect(resolutions[1]?.sql).toBe(
      "ALTER TABLE silver.machine_readings SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true');\nALTER TABLE silver.machine_readings ALTER COLUMN `temperature` TYPE DOUBLE;",
    );
    expect(resolutions[2]?.pyspark).toContain('withColumnRenamed("temperature", "temperature_v2")');
    expect(resolutions[3]?.tradeOffs).toMatch(/Streaming readers of the table fail/);
    for (const resolution of resolutions) {
      parsePython(resolution.pyspark);
    }
  });

  it('does not offer type widening for MAP<STRING, STRING> → MAP<STRING, STRUCT<…>>, and casts the values back to JSON text', () => {
    const {current, update, report} = preset('custom-extension-struct');
    const resolutions = resolveIncompatibilities(current, update, report, {table: 'plant_a.silver.readings', dataFrame: 'batch'});
    expect(resolutions.find((resolution) => resolution.kind === 'type-widening')?.applicable).toBe(false);
    expect(resolutions[0]?.pyspark).toContain('"transform_values(`customExtension`, (k, v) -> to_json(v)) AS `customExtension`"');
    expect(resolutions[0]?.pyspark).toContain('saveAsTable("plant_a.silver.readings")');
  });

  it('refuses a table name that is not one', () => {
    const {current, update, report} = preset('temperature-double');
    expect(() => resolveIncompatibilities(current, update, report, {table: 'x; DROP TABLE y'})).toThrow(/resolveIncompatibilities: table/);
  });
});

describe('runCastDemo (real DuckDB)', () => {
  it('merges generated text temperatures into an INT column and lists the values the cast turned into NULL', async () => {
    const {current, update} = preset('temperature-text');
    const demo = await runCastDemo(engine, current, update, {rows: 2_000, seed: 7});
    expect(demo.merged).toBe(2_000);
    expect(demo.columns).toHaveLength(1);
    const [temperature] = demo.columns;
    // As Spark's try_cast: every text that is not a whole number ('n/a', '', '21.37') becomes NULL, and nothing else does.
    const notWhole = await engine.query(`SELECT count(*)::INTEGER AS n FROM schema_lab_incoming WHERE temperature IS NOT NULL AND NOT regexp_full_match(temperature, '-?[0-9]+')`);
    expect(temperature?.nulled).toBe(notWhole.getChild('n')?.get(0));
    expect(temperature?.examples).toHaveLength(8);
    expect(temperature?.examples).toContain('');
    expect(temperature?.examples.some((value) => /^-?\d+\.\d+$/.test(value))).toBe(true);
    expect(temperature?.changed).toBe(0);
    const stored = await engine.query('SELECT count(*)::INTEGER AS n FROM schema_lab_table');
    expect(stored.getChild('n')?.get(0)).toBe(2_000);
  });

  it('gives the same result for the same seed and leaves nested conflicts out, saying which', async () => {
    const {current, update} = preset('custom-extension-struct');
    const demo = await runCastDemo(engine, current, update);
    expect(demo.columns).toEqual([]);
    expect(demo.skipped).toEqual(['customExtension (MAP<STRING, STRUCT<value: DOUBLE, unit: STRING>> → MAP<STRING, STRING>)']);
    const {current: c2, update: u2} = preset('temperature-double');
    const first = await runCastDemo(engine, c2, u2, {seed: 3});
    const second = await runCastDemo(engine, c2, u2, {seed: 3});
    expect(second.columns).toEqual(first.columns);
    // DOUBLE → INT truncates toward zero, as Spark's cast does: -12.75 → -12, 21.37 → 21.
    expect(first.columns[0]?.changed).toBeGreaterThan(0);
    for (const example of first.columns[0]?.changedExamples ?? []) {
      const [before, after] = example.split(' → ').map(Number);
      expect(after === Math.trunc(before!), example).toBe(true);
    }
  });

  it('refuses an absurd size in words', async () => {
    const {current, update} = preset('temperature-text');
    await expect(runCastDemo(engine, current, update, {rows: 10_000_000})).rejects.toThrow(/at most 100,000 rows/);
  });
});
