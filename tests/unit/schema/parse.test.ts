import {describe, expect, it} from 'vitest';
import {columnListDdl, parseSparkType, scalaTypeName, sqlTypeName, toSparkJson, type SparkType} from '../../../playground';

function parsed(text: string): SparkType {
  const result = parseSparkType(text);
  if (!result.ok) {
    throw new Error(`${text}: ${result.error.message}`);
  }
  return result.type;
}

describe('parseSparkType reads Spark SQL DDL', () => {
  // Each row: DDL as a reader writes it, then Spark's `DataType.sql` and `DataType.toString` for it.
  const cases: [string, string, string][] = [
    ['INT', 'INT', 'IntegerType'],
    ['integer', 'INT', 'IntegerType'],
    ['TINYINT', 'TINYINT', 'ByteType'],
    ['byte', 'TINYINT', 'ByteType'],
    ['SMALLINT', 'SMALLINT', 'ShortType'],
    ['BIGINT', 'BIGINT', 'LongType'],
    ['long', 'BIGINT', 'LongType'],
    ['REAL', 'FLOAT', 'FloatType'],
    ['DOUBLE', 'DOUBLE', 'DoubleType'],
    ['DECIMAL', 'DECIMAL(10,0)', 'DecimalType(10,0)'],
    ['decimal(18, 10)', 'DECIMAL(18,10)', 'DecimalType(18,10)'],
    ['NUMERIC(5)', 'DECIMAL(5,0)', 'DecimalType(5,0)'],
    ['STRING', 'STRING', 'StringType'],
    ['VARCHAR(32)', 'VARCHAR(32)', 'VarcharType(32)'],
    ['CHAR(3)', 'CHAR(3)', 'CharType(3)'],
    ['BOOLEAN', 'BOOLEAN', 'BooleanType'],
    ['BINARY', 'BINARY', 'BinaryType'],
    ['DATE', 'DATE', 'DateType'],
    ['TIMESTAMP', 'TIMESTAMP', 'TimestampType'],
    ['TIMESTAMP_LTZ', 'TIMESTAMP', 'TimestampType'],
    ['TIMESTAMP_NTZ', 'TIMESTAMP_NTZ', 'TimestampNTZType'],
    ['VOID', 'VOID', 'NullType'],
    ['ARRAY<DOUBLE>', 'ARRAY<DOUBLE>', 'ArrayType(DoubleType,true)'],
    ['MAP<STRING, STRING>', 'MAP<STRING, STRING>', 'MapType(StringType,StringType,true)'],
    ['STRUCT<>', 'STRUCT<>', 'StructType()'],
    [
      'STRUCT<id: BIGINT, customExtension: MAP<STRING, STRING>>',
      'STRUCT<id: BIGINT, customExtension: MAP<STRING, STRING>>',
      'StructType(StructField(id,LongType,true),StructField(customExtension,MapType(StringType,StringType,true),true))',
    ],
    ['struct<a int not null, `b c`: array<struct<d: date>>>', 'STRUCT<a: INT NOT NULL, `b c`: ARRAY<STRUCT<d: DATE>>>', 'StructType(StructField(a,IntegerType,false),StructField(b c,ArrayType(StructType(StructField(d,DateType,true)),true),true))'],
  ];
  for (const [ddl, sql, scala] of cases) {
    it(`${ddl} is ${sql}, printed ${scala}`, () => {
      const type = parsed(ddl);
      expect(sqlTypeName(type)).toBe(sql);
      expect(scalaTypeName(type)).toBe(scala);
    });
  }

  it('reads a column list as a struct, keeping NOT NULL and the comment (StructType.fromDDL)', () => {
    const type = parsed("id BIGINT NOT NULL, ts TIMESTAMP COMMENT 'event time, UTC', `plant id` STRING");
    expect(type).toEqual({
      kind: 'struct',
      fields: [
        {name: 'id', type: {kind: 'long'}, nullable: false, metadata: {}},
        {name: 'ts', type: {kind: 'timestamp'}, nullable: true, metadata: {comment: 'event time, UTC'}},
        {name: 'plant id', type: {kind: 'string'}, nullable: true, metadata: {}},
      ],
    });
    expect(type.kind === 'struct' && columnListDdl(type)).toBe("id BIGINT NOT NULL, ts TIMESTAMP COMMENT 'event time, UTC', `plant id` STRING");
  });

  it('round-trips its own SQL rendering', () => {
    const text = 'STRUCT<a: DECIMAL(38,18) NOT NULL, m: MAP<STRING, ARRAY<STRUCT<`x-y`: TIMESTAMP_NTZ>>>, c: VARCHAR(4) COMMENT \'it\\\'s\'>';
    expect(sqlTypeName(parsed(sqlTypeName(parsed(text))))).toBe(sqlTypeName(parsed(text)));
  });
});

describe('parseSparkType reads the JSON of df.schema.json()', () => {
  const json = JSON.stringify({
    type: 'struct',
    fields: [
      {name: 'machine_id', type: 'string', nullable: false, metadata: {comment: 'natural key'}},
      {name: 'temperature', type: 'integer', nullable: true, metadata: {}},
      {name: 'reading', type: 'decimal(18,10)', nullable: true, metadata: {}},
      {name: 'tags', type: {type: 'array', elementType: 'string', containsNull: true}, nullable: true, metadata: {}},
      {
        name: 'customExtension',
        type: {type: 'map', keyType: 'string', valueType: {type: 'struct', fields: [{name: 'v', type: 'double', nullable: true, metadata: {}}]}, valueContainsNull: true},
        nullable: true,
        metadata: {},
      },
      {name: 'ts', type: 'timestamp_ntz'},
    ],
  });

  it('reads every shape, defaults nullable and metadata as Spark does, and keeps metadata', () => {
    const type = parsed(json);
    expect(sqlTypeName(type)).toBe(
      "STRUCT<machine_id: STRING NOT NULL COMMENT 'natural key', temperature: INT, reading: DECIMAL(18,10), tags: ARRAY<STRING>, customExtension: MAP<STRING, STRUCT<v: DOUBLE>>, ts: TIMESTAMP_NTZ>",
    );
    expect(type.kind === 'struct' && type.fields[0]?.metadata).toEqual({comment: 'natural key'});
  });

  it('writes back the JSON it read', () => {
    const type = parsed(json);
    expect(parsed(JSON.stringify(toSparkJson(type)))).toEqual(type);
  });

  it('accepts a bare type name and the legacy "null" name of NullType (DataType.nameToType)', () => {
    expect(parsed('"long"')).toEqual({kind: 'long'});
    expect(parsed('"null"')).toEqual({kind: 'void'});
  });
});

describe('parseSparkType explains what is wrong and where', () => {
  const ddlErrors: [string, RegExp, number, number][] = [
    ['id BIGINT, m MAP<STRING STRING>', /Expected ',' between the key and value types of MAP/, 1, 25],
    ['STRUCT<a: INT', /Expected '>' to close STRUCT</, 1, 14],
    ['id BIGINT,\n  reading DECIMAL(40,2)', /DECIMAL precision 40 is out of range: Spark supports 1 to 38/, 2, 11],
    ['x DECIMAL(4,6)', /scale larger than its precision/, 1, 3],
    ['id BIGINT, temp INTEGR', /Unknown type 'INTEGR'/, 1, 17],
    ['a INT, A STRING', /Two fields are named 'a' and 'A'/, 1, 8],
    ['name VARCHAR', /it needs a length/, 1, 13],
    ['id INT NOT', /Expected NULL after NOT/, 1, 11],
    ["c STRING COMMENT 'open", /This string is never closed/, 1, 18],
    ['`open INT', /backquoted name is never closed/, 1, 1],
    ['id INT; DROP TABLE t', /Unexpected character ';'/, 1, 7],
    ['ts INTERVAL DAY', /INTERVAL types are not modelled/, 1, 4],
  ];
  for (const [text, message, line, column] of ddlErrors) {
    it(`${JSON.stringify(text)}: ${message.source} at ${line}:${column}`, () => {
      const result = parseSparkType(text);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message).toMatch(message);
        expect([result.error.line, result.error.column]).toEqual([line, column]);
      }
    });
  }

  const jsonErrors: [unknown, RegExp, string | undefined][] = [
    [{type: 'struct', fields: [{name: 'a', type: 'integr'}]}, /Unknown type name "integr"/, 'fields[0].type'],
    [{type: 'struct', fields: [{name: 'm', type: {type: 'map', keyType: 'string', valueType: 'int', valueContainsNull: true}}]}, /Unknown type name "int"/, 'fields[0].type.valueType'],
    [{type: 'struct', fields: [{name: 'a', type: 'decimal(50,2)'}]}, /not a valid decimal/, 'fields[0].type'],
    [{type: 'struct', fields: [{name: 'a', type: 'long'}, {name: 'A', type: 'long'}]}, /A second field named 'A'/, 'fields[1].name'],
    [{type: 'struct', fields: [{name: 'a', type: 'long', nullable: 'yes'}]}, /boolean/, 'fields[0].nullable'],
    [{type: 'array', elementType: 'long'}, /containsNull/, 'containsNull'],
  ];
  for (const [value, message, path] of jsonErrors) {
    it(`JSON ${JSON.stringify(value).slice(0, 70)}: ${message.source} at ${path}`, () => {
      const result = parseSparkType(JSON.stringify(value));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message).toMatch(message);
        expect(result.error.path).toBe(path);
      }
    });
  }

  it('gives the line and column of malformed JSON', () => {
    const result = parseSparkType('{"type": "struct",\n "fields": [,]}');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/^This is not valid JSON/);
      expect([result.error.line, result.error.column]).toEqual([2, 13]);
    }
  });

  it('refuses empty input and a pasted log far larger than a schema, in words', () => {
    expect(parseSparkType('   ')).toMatchObject({ok: false, error: {message: expect.stringMatching(/The schema is empty/)}});
    expect(parseSparkType('x'.repeat(1_000_000))).toMatchObject({ok: false, error: {message: expect.stringMatching(/at most 200,000 characters/)}});
    expect(parseSparkType(42)).toMatchObject({ok: false});
  });
});
