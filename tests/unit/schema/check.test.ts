import {describe, expect, it} from 'vitest';
import {
  canUpCast,
  checkCompatibility,
  parseSparkType,
  renderErrorChain,
  sqlTypeName,
  typeWideningSupport,
  type CompatibilityContext,
  type SparkType,
  type StructType,
  type SystemError,
} from '../../../playground';

function type(text: string): SparkType {
  const result = parseSparkType(text);
  if (!result.ok) {
    throw new Error(`${text}: ${result.error.message}`);
  }
  return result.type;
}

const struct = (text: string) => type(text) as StructType;

/** The error chain as [class, message without the class] pairs, outermost first. */
function chain(error: SystemError | null): [string, string][] {
  const pairs: [string, string][] = [];
  for (let current = error ?? undefined; current; current = current.cause) {
    pairs.push([current.errorClass, current.message.replace(`[${current.errorClass}] `, '')]);
  }
  return pairs;
}

function check(current: string, update: string, context: CompatibilityContext, mergeSchema = false) {
  return checkCompatibility(struct(current), struct(update), {context, mergeSchema});
}

const merged = (report: ReturnType<typeof check>) => sqlTypeName(report.result);
const fails = (currentField: string, updateField = currentField): [string, string] => ['DELTA_FAILED_TO_MERGE_FIELDS', `Failed to merge fields '${currentField}' and '${updateField}'`];
const incompatible = (current: string, update: string): [string, string] => ['DELTA_MERGE_INCOMPATIBLE_DATATYPE', `Failed to merge incompatible data types ${current} and ${update}`];
const decimal = (ranges: string): [string, string] => ['DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE', `Failed to merge decimal types with incompatible ${ranges}`];

// Delta's SchemaMergingUtils.mergeSchemas, as DataFrameWriter append/overwrite and the streaming sink call it
// (ImplicitMetadataOperation.updateMetadata: no implicit conversions, no type widening). Cases from delta-io/delta
// spark/src/test/scala/org/apache/spark/sql/delta/schema/SchemaUtilsSuite.scala and DeltaErrorsSuite.scala.
describe('delta-write (SchemaMergingUtils.mergeSchemas via ImplicitMetadataOperation)', () => {
  const base = 'top STRING, struct STRUCT<a: INT>, array ARRAY<STRUCT<b: DECIMAL(18,10)>>, map MAP<STRING, STRING>';
  const incompatibleCases: [string, string, [string, string][]][] = [
    ['top INT', 'top', [fails('top'), incompatible('StringType', 'IntegerType')]],
    ['struct STRUCT<a: DATE>', 'struct.a', [fails('struct'), fails('a'), incompatible('IntegerType', 'DateType')]],
    ['struct MAP<STRING, INT>', 'struct', [fails('struct'), incompatible('StructType(StructField(a,IntegerType,true))', 'MapType(StringType,IntegerType,true)')]],
    ['array ARRAY<STRUCT<b: DOUBLE>>', 'array.element.b', [fails('array'), fails('b'), incompatible('DecimalType(18,10)', 'DoubleType')]],
    ['array ARRAY<STRUCT<b: DECIMAL(18,12)>>', 'array.element.b', [fails('array'), fails('b'), decimal('scale 10 and 12')]],
    ['array ARRAY<STRUCT<b: DECIMAL(16,10)>>', 'array.element.b', [fails('array'), fails('b'), decimal('precision 18 and 16')]],
    ['map STRUCT<b: STRING>', 'map', [fails('map'), incompatible('MapType(StringType,StringType,true)', 'StructType(StructField(b,StringType,true))')]],
    ['map MAP<STRING, INT>', 'map.value', [fails('map'), incompatible('StringType', 'IntegerType')]],
    ['map MAP<INT, STRING>', 'map.key', [fails('map'), incompatible('StringType', 'IntegerType')]],
  ];
  for (const [update, path, expected] of incompatibleCases) {
    it(`SchemaUtilsSuite "schema merging of incompatible types": ${update} fails at ${path}`, () => {
      const report = check(base, update, 'delta-write', true);
      expect(report.accepted).toBe(false);
      expect(chain(report.error)).toEqual(expected);
      expect(report.findings.find((finding) => finding.path === path)?.verdict).toBe('incompatible');
    });
  }

  it("DeltaErrorsSuite DELTA_FAILED_TO_MERGE_FIELDS: c0 INT vs c0 STRING prints the chain as Spark does", () => {
    const report = check('c0 INT', 'c0 STRING', 'delta-write');
    expect(renderErrorChain(report.error!)).toBe(
      "org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'c0' and 'c0'\n" +
        'Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_MERGE_INCOMPATIBLE_DATATYPE] Failed to merge incompatible data types IntegerType and StringType',
    );
    expect([report.error?.sqlState, report.error?.cause?.sqlState]).toEqual(['22005', '42K09']);
  });

  it('SchemaUtilsSuite "mergeSchemas: missing columns in df" keeps the column; with different case the table name stays', () => {
    expect(merged(check('a INT, b INT', 'a INT', 'delta-write'))).toBe('STRUCT<a: INT, b: INT>');
    const report = check('a INT, b INT', 'A INT', 'delta-write');
    expect([report.accepted, merged(report)]).toEqual([true, 'STRUCT<a: INT, b: INT>']);
    expect(report.findings.map((finding) => [finding.path, finding.verdict])).toEqual([
      ['a', 'identical'],
      ['b', 'missing-field'],
    ]);
  });

  it('SchemaUtilsSuite "new columns get added to the tail of the schema" (flat and nested)', () => {
    expect(merged(check('a INT', 'b INT, a INT', 'delta-write', true))).toBe('STRUCT<a: INT, b: INT>');
    expect(merged(check('regular STRING, struct STRUCT<a: INT>', 'other STRING, struct STRUCT<b: DATE, a: INT>, this STRING', 'delta-write', true))).toBe(
      'STRUCT<regular: STRING, struct: STRUCT<a: INT, b: DATE>, other: STRING, this: STRING>',
    );
  });

  it('SchemaUtilsSuite "schema merging should pick current nullable and metadata"', () => {
    const report = check("a INT NOT NULL COMMENT 'kept'", 'a INT', 'delta-write');
    expect([report.accepted, report.schemaChanges, merged(report)]).toEqual([true, false, "STRUCT<a: INT NOT NULL COMMENT 'kept'>"]);
    expect(report.findings[0]?.detail).toMatch(/DELTA_NOT_NULL_CONSTRAINT_VIOLATED/);
  });

  it('SchemaUtilsSuite "schema merging null type": VOID takes the other type, either way', () => {
    expect(merged(check('top VOID', 'top STRING', 'delta-write', true))).toBe('STRUCT<top: STRING>');
    const kept = check('top STRING', 'top VOID', 'delta-write');
    expect([kept.accepted, kept.schemaChanges, kept.findings[0]?.verdict]).toEqual([true, false, 'keep-current']);
  });

  const integralCases: [string, string, string, string][] = [
    ['a TINYINT', 'a SMALLINT', 'SMALLINT', 'widen'],
    ['a SMALLINT', 'a TINYINT', 'SMALLINT', 'keep-current'],
    ['a INT', 'a SMALLINT', 'INT', 'keep-current'],
    ['a SMALLINT', 'a INT', 'INT', 'widen'],
  ];
  for (const [current, update, result, verdict] of integralCases) {
    it(`SchemaUtilsSuite "schema merging performs upcast between ByteType, ShortType, and IntegerType": ${current} + ${update} is ${result}`, () => {
      const report = check(current, update, 'delta-write', true);
      expect([report.accepted, merged(report), report.findings[0]?.verdict]).toEqual([true, `STRUCT<a: ${result}>`, verdict]);
    });
  }
  it('SchemaUtilsSuite upcast between ByteType, ShortType, IntegerType inside maps and arrays', () => {
    expect(merged(check('m MAP<INT, SMALLINT>', 'm MAP<SMALLINT, INT>', 'delta-write', true))).toBe('STRUCT<m: MAP<INT, INT>>');
    expect(merged(check('a ARRAY<INT>', 'a ARRAY<SMALLINT>', 'delta-write', true))).toBe('STRUCT<a: ARRAY<INT>>');
  });

  for (const narrow of ['TINYINT', 'SMALLINT', 'INT']) {
    it(`SchemaUtilsSuite "schema merging allows upcasting to LongType with allowImplicitConversions": a write of ${narrow} into BIGINT fails`, () => {
      const scala = {TINYINT: 'ByteType', SMALLINT: 'ShortType', INT: 'IntegerType'}[narrow]!;
      expect(chain(check('top BIGINT', `top ${narrow}`, 'delta-write', true).error)).toEqual([fails('top'), incompatible('LongType', scala)]);
    });
  }

  it('without mergeSchema a new column raises the schema mismatch with both schemas as tree strings (ImplicitMetadataOperation)', () => {
    const report = check('a INT', 'a INT, b STRING', 'delta-write');
    expect(report.error?.errorClass).toBe('DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH');
    expect(report.error?.sqlState).toBe('42KDG');
    expect(report.error?.message).toContain('Table schema:\nroot\n |-- a: integer (nullable = true)\n\nData schema:\nroot\n |-- a: integer (nullable = true)\n |-- b: string (nullable = true)');
    expect(check('a INT', 'a INT, b STRING', 'delta-write', true)).toMatchObject({accepted: true, schemaChanges: true});
  });

  it('the streaming sink refuses NullType anywhere in the data (DeltaSink, DELTA_NULL_SCHEMA_IN_STREAMING_WRITE)', () => {
    const report = checkCompatibility(struct('a INT'), struct('a INT, b STRUCT<c: VOID>'), {context: 'delta-write', mergeSchema: true, streaming: true});
    expect(chain(report.error)).toEqual([['DELTA_NULL_SCHEMA_IN_STREAMING_WRITE', "Delta doesn't accept NullTypes in the schema for streaming writes."]]);
  });

  it('reports every conflict but raises the first in table order, with the new fields listed too', () => {
    const report = check('a INT, b STRING, c DATE', 'c STRING, b INT, a INT, d DOUBLE', 'delta-write', true);
    expect(report.findings.map((finding) => [finding.path, finding.verdict])).toEqual([
      ['a', 'identical'],
      ['b', 'incompatible'],
      ['c', 'incompatible'],
      ['d', 'add-field'],
    ]);
    expect(chain(report.error)[0]).toEqual(fails('b'));
  });

  it('marks INT → DOUBLE as an ALTER-only change only where type widening is on', () => {
    expect(check('t INT', 't DOUBLE', 'delta-write', true).findings[0]?.alterTableOnly).toBeUndefined();
    expect(check('t INT', 't DOUBLE', 'delta-type-widening', true).findings[0]?.alterTableOnly).toBe(true);
  });

  it('a customExtension map whose values become structs is incompatible; the merge does not reach into it', () => {
    const report = check('customExtension MAP<STRING, STRING>', 'customExtension MAP<STRING, STRUCT<value: DOUBLE, unit: STRING>>', 'delta-write', true);
    expect(chain(report.error)).toEqual([fails('customExtension'), incompatible('StringType', 'StructType(StructField(value,DoubleType,true),StructField(unit,StringType,true))')]);
  });
});

// MERGE INTO with schema evolution: ResolveDeltaMergeInto calls mergeSchemas(target, source, allowImplicitConversions = true),
// so any type Spark's non-ANSI TypeCoercion.implicitCast can cast to the target type keeps the target type.
describe('delta-merge-evolution (ResolveDeltaMergeInto → mergeSchemas with allowImplicitConversions)', () => {
  const kept: [string, string][] = [
    ['BIGINT', 'INT'],
    ['INT', 'BIGINT'],
    ['INT', 'DOUBLE'],
    ['STRING', 'INT'],
    ['INT', 'STRING'],
    ['DECIMAL(10,2)', 'DECIMAL(12,4)'],
    ['TIMESTAMP', 'DATE'],
    ['BINARY', 'STRING'],
  ];
  for (const [target, source] of kept) {
    it(`SchemaUtilsSuite "allows upcasting ... with allowImplicitConversions" / TypeCoercion.implicitCast: ${source} source into ${target} target keeps ${target}`, () => {
      const report = check(`c ${target}`, `c ${source}`, 'delta-merge-evolution');
      expect([report.accepted, report.findings[0]?.verdict, merged(report)]).toEqual([true, 'keep-current', `STRUCT<c: ${target}>`]);
    });
  }
  const refused: [string, string, string, string][] = [
    ['BOOLEAN', 'STRING', 'BooleanType', 'StringType'],
    ['BINARY', 'INT', 'BinaryType', 'IntegerType'],
    ['DATE', 'INT', 'DateType', 'IntegerType'],
  ];
  for (const [target, source, targetScala, sourceScala] of refused) {
    it(`TypeCoercion.implicitCast has no ${source} → ${target}: DELTA_MERGE_INCOMPATIBLE_DATATYPE`, () => {
      expect(chain(check(`c ${target}`, `c ${source}`, 'delta-merge-evolution').error)).toEqual([fails('c'), incompatible(targetScala, sourceScala)]);
    });
  }
  it('MAP<STRING,STRING> ↔ MAP<STRING,STRUCT<…>> stays incompatible in both directions', () => {
    expect(check('m MAP<STRING, STRING>', 'm MAP<STRING, STRUCT<v: DOUBLE>>', 'delta-merge-evolution').accepted).toBe(false);
    expect(check('m MAP<STRING, STRUCT<v: DOUBLE>>', 'm MAP<STRING, STRING>', 'delta-merge-evolution').accepted).toBe(false);
  });
  it('new struct fields inside map values and array elements are added', () => {
    const report = check('m MAP<STRING, STRUCT<v: DOUBLE>>, a ARRAY<STRUCT<x: INT>>', 'm MAP<STRING, STRUCT<v: DOUBLE, unit: STRING>>, a ARRAY<STRUCT<x: INT, y: INT>>', 'delta-merge-evolution');
    expect(merged(report)).toBe('STRUCT<m: MAP<STRING, STRUCT<v: DOUBLE, unit: STRING>>, a: ARRAY<STRUCT<x: INT, y: INT>>>');
    expect(report.findings.filter((finding) => finding.verdict === 'add-field').map((finding) => finding.path)).toEqual(['m.value.unit', 'a.element.y']);
  });
});

// Delta type widening (Delta 4.0+): the lists of delta-io/delta typewidening/TypeWideningTestCases.scala.
describe('delta-type-widening (TypeWidening, TypeWideningTestCases)', () => {
  const automatic: [string, string][] = [
    ['TINYINT', 'SMALLINT'],
    ['TINYINT', 'INT'],
    ['SMALLINT', 'INT'],
    ['SMALLINT', 'BIGINT'],
    ['INT', 'BIGINT'],
    ['FLOAT', 'DOUBLE'],
    ['DATE', 'TIMESTAMP_NTZ'],
    ['DECIMAL(9,2)', 'DECIMAL(18,2)'],
    ['DECIMAL(8,2)', 'DECIMAL(9,3)'],
    ['DECIMAL(9,2)', 'DECIMAL(19,3)'],
  ];
  for (const [from, to] of automatic) {
    it(`TypeWideningTestCases supportedTestCases: ${from} → ${to} is widened by schema evolution`, () => {
      expect(typeWideningSupport(type(from), type(to))).toBe('automatic');
      const report = check(`c ${from}`, `c ${to}`, 'delta-type-widening', true);
      expect([report.accepted, report.findings[0]?.verdict, merged(report)]).toEqual([true, 'widen', `STRUCT<c: ${sqlTypeName(type(to))}>`]);
    });
  }
  const alterOnly: [string, string][] = [
    ['INT', 'DOUBLE'],
    ['TINYINT', 'DECIMAL(10,0)'],
    ['SMALLINT', 'DECIMAL(10,0)'],
    ['INT', 'DECIMAL(10,0)'],
    ['BIGINT', 'DECIMAL(20,0)'],
  ];
  for (const [from, to] of alterOnly) {
    it(`TypeWideningTestCases restrictedAutomaticWideningTestCases: ${from} → ${to} only through ALTER TABLE`, () => {
      expect(typeWideningSupport(type(from), type(to))).toBe('alter-table-only');
      const report = check(`c ${from}`, `c ${to}`, 'delta-type-widening', true);
      expect([report.accepted, report.findings[0]?.alterTableOnly]).toEqual([false, true]);
    });
  }
  const unsupported: [string, string][] = [
    ['INT', 'TINYINT'],
    ['BIGINT', 'INT'],
    ['DOUBLE', 'FLOAT'],
    ['TINYINT', 'DECIMAL(2,0)'],
    ['SMALLINT', 'DECIMAL(4,0)'],
    ['INT', 'DECIMAL(9,0)'],
    ['BIGINT', 'DECIMAL(19,0)'],
    ['TIMESTAMP_NTZ', 'DATE'],
    ['DECIMAL(9,2)', 'DECIMAL(9,3)'],
    ['DECIMAL(9,2)', 'DECIMAL(8,2)'],
    ['DECIMAL(18,2)', 'DECIMAL(8,1)'],
    ['DECIMAL(9,2)', 'DECIMAL(10,4)'],
    ['DECIMAL(18,2)', 'DECIMAL(12,1)'],
  ];
  for (const [from, to] of unsupported) {
    it(`TypeWideningTestCases unsupportedTestCases: ${from} → ${to} is never widened`, () => {
      expect(typeWideningSupport(type(from), type(to))).toBe('unsupported');
      // Data of a narrower type is still written into the wider column (cast) where Delta's merge allows it.
      expect(check(`c ${from}`, `c ${to}`, 'delta-type-widening', true).findings[0]?.verdict).not.toBe('widen');
    });
  }
  it('a widening still needs schema evolution on the write: without mergeSchema it is a schema mismatch', () => {
    expect(check('c INT', 'c BIGINT', 'delta-type-widening').error?.errorClass).toBe('DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH');
  });
  it('SchemaUtilsSuite "widen to common wider decimal": DECIMAL(10,2) vs DECIMAL(5,4) fails with both ranges', () => {
    expect(chain(check('c DECIMAL(10,2)', 'c DECIMAL(5,4)', 'delta-type-widening', true).error)).toEqual([fails('c'), decimal('precision 10 and 5 & scale 2 and 4')]);
    expect(chain(check('c DECIMAL(20,19)', 'c DECIMAL(21,0)', 'delta-type-widening', true).error)).toEqual([fails('c'), decimal('precision 20 and 21 & scale 19 and 0')]);
  });
});

// Spark's Cast.canUpCast (UpCastRule, Spark 4.0); cases from sql/catalyst CastSuiteBase "up-cast" and SPARK-40389.
describe('spark-upcast (Cast.canUpCast)', () => {
  const cases: [string, string, boolean, string][] = [
    ['INT', 'BIGINT', true, 'CastSuiteBase "up-cast": numeric precedence'],
    ['BIGINT', 'FLOAT', true, 'CastSuiteBase "up-cast": long to float follows the precedence'],
    ['BIGINT', 'INT', false, 'QueryCompilationErrorsSuite "CANNOT_UP_CAST_DATATYPE: invalid upcast data type"'],
    ['INT', 'DECIMAL(10,0)', true, 'SPARK-40389: integral to DecimalType.forType'],
    ['DECIMAL(10,0)', 'INT', false, 'SPARK-40389: canUpCast returns false if casting decimal to integral can overflow'],
    ['DECIMAL(9,0)', 'INT', true, 'SPARK-40389: a decimal tighter than int'],
    ['DOUBLE', 'DECIMAL(38,10)', false, 'CastSuiteBase "up-cast": float/double never up-cast to decimal'],
    ['DECIMAL(10,2)', 'DECIMAL(12,2)', true, 'DecimalType.isWiderThan'],
    ['DECIMAL(10,2)', 'DECIMAL(10,3)', false, 'DecimalType.isWiderThan needs room for the integer digits'],
    ['DATE', 'TIMESTAMP', true, 'CastSuiteBase "up-cast": date to timestamp'],
    ['TIMESTAMP', 'DATE', false, 'CastSuiteBase "up-cast": timestamp to date loses the time'],
    ['TIMESTAMP_NTZ', 'TIMESTAMP', true, 'CastSuiteBase "up-cast": timestamp_ntz and timestamp both ways'],
    ['BOOLEAN', 'STRING', true, 'any atomic type to string'],
    ['STRING', 'BOOLEAN', false, 'UpdateSQL "invalid implicit cast string source type into boolean target"'],
    ['ARRAY<INT>', 'STRING', false, 'CastSuiteBase "up-cast": complex types to string are not up-casts'],
    ['VOID', 'DATE', true, 'CastSuiteBase "up-cast": NullType to anything'],
    ['ARRAY<INT>', 'ARRAY<BIGINT>', true, 'CastSuiteBase "up-cast" complex types'],
    ['STRUCT<a: INT, b: INT>', 'STRUCT<x: BIGINT, y: BIGINT>', true, 'canUpCast compares struct fields by position'],
    ['STRUCT<a: INT>', 'STRUCT<a: INT NOT NULL>', false, 'CastSuiteBase "up-cast": nullable to non-nullable is not resolvable'],
  ];
  for (const [from, to, expected, source] of cases) {
    it(`${source}: ${from} → ${to} is ${expected ? '' : 'not '}an up-cast`, () => {
      expect(canUpCast(type(from), type(to))).toBe(expected);
    });
  }
  it('QueryCompilationErrorsSuite CANNOT_UP_CAST_DATATYPE: the message with an empty type path, as a table write prints it', () => {
    const report = check('b INT', 'b BIGINT', 'spark-upcast');
    expect(report.error?.message).toBe(
      '[CANNOT_UP_CAST_DATATYPE] Cannot up cast b from "BIGINT" to "INT".\nThe type path of the target object is:\n\nYou can either add an explicit cast to the input data or choose a higher precision type of the field in the target object SQLSTATE: 42846',
    );
    expect(report.error?.exceptionClass).toBe('org.apache.spark.sql.AnalysisException');
  });
});

// Spark's StructType.merge, as Parquet mergeSchema uses it; cases from sql/catalyst StructTypeSuite and DataTypeSuite.
describe('parquet-merge (StructType.merge)', () => {
  it('DataTypeSuite "merge where right contains type conflict": FLOAT vs BIGINT', () => {
    const report = check('a BIGINT, b FLOAT', 'b BIGINT', 'parquet-merge');
    expect(report.error?.errorClass).toBe('CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE');
    expect(report.error?.message).toMatch(/^\[CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE\] Failed to merge incompatible data types "FLOAT" and "BIGINT"\. Please check .* SQLSTATE: 42825$/);
  });
  const decimals: [string, string, string | null][] = [
    ['DECIMAL(12,2)', 'DECIMAL(12,2)', 'DECIMAL(12,2)'],
    ['DECIMAL(12,2)', 'DECIMAL(17,2)', 'DECIMAL(17,2)'],
    ['DECIMAL(17,2)', 'DECIMAL(12,2)', 'DECIMAL(17,2)'],
    ['DECIMAL(10,5)', 'DECIMAL(12,2)', null],
    ['DECIMAL(12,5)', 'DECIMAL(12,2)', null],
  ];
  for (const [left, right, result] of decimals) {
    it(`StructTypeSuite "SPARK-37191: Merge DecimalType": ${left} + ${right} is ${result ?? 'an error'}`, () => {
      const report = check(`c1 ${left}`, `c1 ${right}`, 'parquet-merge');
      if (result) {
        expect(merged(report)).toBe(`STRUCT<c1: ${result}>`);
      } else {
        expect(report.error?.message).toContain(`Failed to merge incompatible data types "${left}" and "${right}"`);
      }
    });
  }
  it('DataTypeSuite "merge where both are non-empty" appends the right-only field', () => {
    expect(merged(check('a BIGINT, b FLOAT', 'c BIGINT', 'parquet-merge'))).toBe('STRUCT<a: BIGINT, b: FLOAT, c: BIGINT>');
  });
  it('StructType.merge has no integer widening and ORs nullability', () => {
    expect(check('a INT', 'a BIGINT', 'parquet-merge').error?.message).toContain('"INT" and "BIGINT"');
    expect(merged(check('a INT NOT NULL', 'a INT', 'parquet-merge'))).toBe('STRUCT<a: INT>');
  });
  it('each struct level replaces the error with its own types: the outermost field is named by its types', () => {
    expect(check('s STRUCT<b: INT>', 's STRUCT<b: STRING>', 'parquet-merge').error?.message).toContain('"STRUCT<b: INT>" and "STRUCT<b: STRING>"');
  });
});

describe('checkCompatibility validates its options', () => {
  it('names the contexts when given an unknown one', () => {
    expect(() => checkCompatibility(struct('a INT'), struct('a INT'), {context: 'hive' as CompatibilityContext})).toThrow(/Choose a context: delta-write, delta-merge-evolution/);
  });
});
