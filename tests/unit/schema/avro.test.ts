import {describe, expect, it} from 'vitest';
import {
  checkAvroReadCompatibility,
  checkRegistryCompatibility,
  MAX_AVRO_SCHEMA_BYTES,
  parseAvroSchema,
  type AvroIncompatibilityKind,
  type AvroSchema,
} from '../../../playground/schema/avro';

/*
 * The cases come from the projects whose behaviour this module reproduces:
 * - apache/avro lang/java/avro/src/test/java/org/apache/avro/TestSchemaCompatibility*.java, with the
 *   schemas of TestSchemas.java written out below as JSON under the same names;
 * - apache/avro lang/py/avro/test/test_compatibility.py (aliases, namespaces);
 * - confluentinc/schema-registry core/src/test/java/io/confluent/kafka/schemaregistry/avro/AvroCompatibilityTest.java.
 */

function schema(json: unknown): AvroSchema {
  const parsed = parseAvroSchema(JSON.stringify(json));
  if (!parsed.ok) throw new Error(`${parsed.error.path}: ${parsed.error.message}`);
  return parsed.schema;
}

function kindsAndPaths(reader: AvroSchema, writer: AvroSchema): Array<[AvroIncompatibilityKind, string, string]> {
  return checkAvroReadCompatibility(reader, writer).map(({kind, path, avroMessage}) => [kind, path, avroMessage]);
}

// TestSchemas.java
const NULL = schema('null');
const BOOLEAN = schema('boolean');
const INT = schema('int');
const LONG = schema('long');
const FLOAT = schema('float');
const DOUBLE = schema('double');
const STRING = schema('string');
const BYTES = schema('bytes');
const INT_ARRAY = schema({type: 'array', items: 'int'});
const LONG_ARRAY = schema({type: 'array', items: 'long'});
const STRING_ARRAY = schema({type: 'array', items: 'string'});
const INT_MAP = schema({type: 'map', values: 'int'});
const LONG_MAP = schema({type: 'map', values: 'long'});
const STRING_MAP = schema({type: 'map', values: 'string'});
const enumJson = (name: string, symbols: string[], enumDefault?: string) => ({type: 'enum', name, symbols, ...(enumDefault === undefined ? {} : {default: enumDefault})});
const ENUM1_AB = schema(enumJson('Enum1', ['A', 'B']));
const ENUM1_ABC = schema(enumJson('Enum1', ['A', 'B', 'C']));
const ENUM1_BC = schema(enumJson('Enum1', ['B', 'C']));
const ENUM2_AB = schema(enumJson('Enum2', ['A', 'B']));
const ENUM_ABC_ENUM_DEFAULT_A = schema(enumJson('Enum', ['A', 'B', 'C'], 'A'));
const ENUM_AB_ENUM_DEFAULT_A = schema(enumJson('Enum', ['A', 'B'], 'A'));
const recordJson = (name: string, fields: unknown[]) => ({type: 'record', name, fields});
const ENUM_ABC_ENUM_DEFAULT_A_RECORD = schema(recordJson('Record', [{name: 'Field', type: enumJson('Schema', ['A', 'B', 'C'], 'A')}]));
const ENUM_AB_ENUM_DEFAULT_A_RECORD = schema(recordJson('Record', [{name: 'Field', type: enumJson('Schema', ['A', 'B'], 'A')}]));
const ENUM_ABC_FIELD_DEFAULT_B_ENUM_DEFAULT_A_RECORD = schema(recordJson('Record', [{name: 'Field', type: enumJson('Schema', ['A', 'B', 'C'], 'A'), default: 'B'}]));
const ENUM_AB_FIELD_DEFAULT_A_ENUM_DEFAULT_B_RECORD = schema(recordJson('Record', [{name: 'Field', type: enumJson('Schema', ['A', 'B'], 'B'), default: 'A'}]));
const EMPTY_UNION = schema([]);
const NULL_UNION = schema(['null']);
const INT_UNION = schema(['int']);
const LONG_UNION = schema(['long']);
const FLOAT_UNION = schema(['float']);
const DOUBLE_UNION = schema(['double']);
const STRING_UNION = schema(['string']);
const BYTES_UNION = schema(['bytes']);
const INT_STRING_UNION = schema(['int', 'string']);
const STRING_INT_UNION = schema(['string', 'int']);
const INT_FLOAT_UNION = schema(['int', 'float']);
const INT_LONG_UNION = schema(['int', 'long']);
const INT_LONG_FLOAT_DOUBLE_UNION = schema(['int', 'long', 'float', 'double']);
const NULL_INT_ARRAY_UNION = schema(['null', {type: 'array', items: 'int'}]);
const NULL_INT_MAP_UNION = schema(['null', {type: 'map', values: 'int'}]);
const EMPTY_RECORD1 = schema(recordJson('Record1', []));
const EMPTY_RECORD2 = schema(recordJson('Record2', []));
const A_INT_RECORD1 = schema(recordJson('Record1', [{name: 'a', type: 'int'}]));
const A_LONG_RECORD1 = schema(recordJson('Record1', [{name: 'a', type: 'long'}]));
const A_INT_B_INT_RECORD1 = schema(recordJson('Record1', [{name: 'a', type: 'int'}, {name: 'b', type: 'int'}]));
const A_DINT_RECORD1 = schema(recordJson('Record1', [{name: 'a', type: 'int', default: 0}]));
const A_INT_B_DINT_RECORD1 = schema(recordJson('Record1', [{name: 'a', type: 'int'}, {name: 'b', type: 'int', default: 0}]));
const A_DINT_B_DINT_RECORD1 = schema(recordJson('Record1', [{name: 'a', type: 'int', default: 0}, {name: 'b', type: 'int', default: 0}]));
const fixedJson = (name: string, size: number) => ({type: 'fixed', name, size});
const A_DINT_B_DFIXED_4_BYTES_RECORD1 = schema(recordJson('Record1', [{name: 'a', type: 'int', default: 0}, {name: 'b', type: fixedJson('Fixed', 4)}]));
const A_DINT_B_DFIXED_8_BYTES_RECORD1 = schema(recordJson('Record1', [{name: 'a', type: 'int', default: 0}, {name: 'b', type: fixedJson('Fixed', 8)}]));
const A_DINT_B_DINT_STRING_UNION_RECORD1 = schema(recordJson('Record1', [{name: 'a', type: 'int', default: 0}, {name: 'b', type: ['int', 'string'], default: 0}]));
const A_DINT_B_DINT_UNION_RECORD1 = schema(recordJson('Record1', [{name: 'a', type: 'int', default: 0}, {name: 'b', type: ['int'], default: 0}]));
const A_DINT_B_DENUM_1_RECORD1 = schema(recordJson('Record1', [{name: 'a', type: 'int', default: 0}, {name: 'b', type: enumJson('Enum1', ['A', 'B'])}]));
const A_DINT_B_DENUM_2_RECORD1 = schema(recordJson('Record1', [{name: 'a', type: 'int', default: 0}, {name: 'b', type: enumJson('Enum2', ['A', 'B'])}]));
const FIXED_4_BYTES = schema(fixedJson('Fixed', 4));
const FIXED_8_BYTES = schema(fixedJson('Fixed', 8));
const nsRecord = (namespace: string) =>
  schema(recordJson('Record1', [{name: 'f1', type: ['null', {type: 'array', items: {type: 'record', name: 'InnerRecord1', namespace, fields: [{name: 'a', type: 'int'}]}}]}]));
const NS_RECORD1 = nsRecord('ns1');
const NS_RECORD2 = nsRecord('ns2');
const listRecord = (head: string) => schema(recordJson('List', [{name: 'head', type: head}, {name: 'tail', type: 'List'}]));
const INT_LIST_RECORD = listRecord('int');
const LONG_LIST_RECORD = listRecord('long');

describe('checkAvroReadCompatibility: TestSchemaCompatibility.COMPATIBLE_READER_WRITER_TEST_CASES', () => {
  const cases: Array<[string, AvroSchema, AvroSchema]> = [
    ['BOOLEAN reads BOOLEAN', BOOLEAN, BOOLEAN],
    ['INT reads INT', INT, INT],
    ['int is promotable to long (reader LONG, writer INT)', LONG, INT],
    ['LONG reads LONG', LONG, LONG],
    ['int is promotable to float (reader FLOAT, writer INT)', FLOAT, INT],
    ['long is promotable to float (reader FLOAT, writer LONG)', FLOAT, LONG],
    ['long is promotable to double (reader DOUBLE, writer LONG)', DOUBLE, LONG],
    ['int is promotable to double (reader DOUBLE, writer INT)', DOUBLE, INT],
    ['float is promotable to double (reader DOUBLE, writer FLOAT)', DOUBLE, FLOAT],
    ['STRING reads STRING', STRING, STRING],
    ['BYTES reads BYTES', BYTES, BYTES],
    ['INT_ARRAY reads INT_ARRAY', INT_ARRAY, INT_ARRAY],
    ['array items promote (reader LONG_ARRAY, writer INT_ARRAY)', LONG_ARRAY, INT_ARRAY],
    ['INT_MAP reads INT_MAP', INT_MAP, INT_MAP],
    ['map values promote (reader LONG_MAP, writer INT_MAP)', LONG_MAP, INT_MAP],
    ['ENUM1_AB reads ENUM1_AB', ENUM1_AB, ENUM1_AB],
    ['an enum with more symbols reads one with fewer (reader ENUM1_ABC, writer ENUM1_AB)', ENUM1_ABC, ENUM1_AB],
    ['bytes is promotable to string (reader STRING, writer BYTES)', STRING, BYTES],
    ['string is promotable to bytes (reader BYTES, writer STRING)', BYTES, STRING],
    ['EMPTY_UNION reads EMPTY_UNION', EMPTY_UNION, EMPTY_UNION],
    ['FLOAT_UNION reads EMPTY_UNION', FLOAT_UNION, EMPTY_UNION],
    ['FLOAT_UNION reads INT_UNION', FLOAT_UNION, INT_UNION],
    ['FLOAT_UNION reads LONG_UNION', FLOAT_UNION, LONG_UNION],
    ['FLOAT_UNION reads INT_LONG_UNION', FLOAT_UNION, INT_LONG_UNION],
    ['INT_UNION reads INT_UNION', INT_UNION, INT_UNION],
    ['branch order does not matter (reader INT_STRING_UNION, writer STRING_INT_UNION)', INT_STRING_UNION, STRING_INT_UNION],
    ['INT_UNION reads EMPTY_UNION', INT_UNION, EMPTY_UNION],
    ['LONG_UNION reads EMPTY_UNION', LONG_UNION, EMPTY_UNION],
    ['LONG_UNION reads INT_UNION', LONG_UNION, INT_UNION],
    ['DOUBLE_UNION reads INT_UNION', DOUBLE_UNION, INT_UNION],
    ['DOUBLE_UNION reads LONG_UNION', DOUBLE_UNION, LONG_UNION],
    ['DOUBLE_UNION reads FLOAT_UNION', DOUBLE_UNION, FLOAT_UNION],
    ['STRING_UNION reads EMPTY_UNION', STRING_UNION, EMPTY_UNION],
    ['STRING_UNION reads BYTES_UNION', STRING_UNION, BYTES_UNION],
    ['BYTES_UNION reads EMPTY_UNION', BYTES_UNION, EMPTY_UNION],
    ['BYTES_UNION reads STRING_UNION', BYTES_UNION, STRING_UNION],
    ['DOUBLE_UNION reads INT_FLOAT_UNION', DOUBLE_UNION, INT_FLOAT_UNION],
    ['a reader reading every writer branch (reader FLOAT, writer INT_FLOAT_UNION)', FLOAT, INT_FLOAT_UNION],
    ['a reader reading every writer branch (reader LONG, writer INT_LONG_UNION)', LONG, INT_LONG_UNION],
    ['a reader reading every writer branch (reader DOUBLE, writer INT_FLOAT_UNION)', DOUBLE, INT_FLOAT_UNION],
    ['a reader reading every writer branch (reader DOUBLE, writer INT_LONG_FLOAT_DOUBLE_UNION)', DOUBLE, INT_LONG_FLOAT_DOUBLE_UNION],
    ['singleton union (reader FLOAT, writer FLOAT_UNION)', FLOAT, FLOAT_UNION],
    ['singleton union (reader INT_UNION, writer INT)', INT_UNION, INT],
    ['singleton union (reader INT, writer INT_UNION)', INT, INT_UNION],
    ['FIXED_4_BYTES reads FIXED_4_BYTES', FIXED_4_BYTES, FIXED_4_BYTES],
    ['EMPTY_RECORD1 reads EMPTY_RECORD1', EMPTY_RECORD1, EMPTY_RECORD1],
    ['writer fields the reader lacks are skipped (reader EMPTY_RECORD1, writer A_INT_RECORD1)', EMPTY_RECORD1, A_INT_RECORD1],
    ['A_INT_RECORD1 reads A_INT_RECORD1', A_INT_RECORD1, A_INT_RECORD1],
    ['A_DINT_RECORD1 reads A_INT_RECORD1', A_DINT_RECORD1, A_INT_RECORD1],
    ['A_DINT_RECORD1 reads A_DINT_RECORD1', A_DINT_RECORD1, A_DINT_RECORD1],
    ['A_INT_RECORD1 reads A_DINT_RECORD1', A_INT_RECORD1, A_DINT_RECORD1],
    ['record field types promote (reader A_LONG_RECORD1, writer A_INT_RECORD1)', A_LONG_RECORD1, A_INT_RECORD1],
    ['A_INT_RECORD1 reads A_INT_B_INT_RECORD1', A_INT_RECORD1, A_INT_B_INT_RECORD1],
    ['A_DINT_RECORD1 reads A_INT_B_INT_RECORD1', A_DINT_RECORD1, A_INT_B_INT_RECORD1],
    ['a new field with a default (reader A_INT_B_DINT_RECORD1, writer A_INT_RECORD1)', A_INT_B_DINT_RECORD1, A_INT_RECORD1],
    ['all fields defaulted (reader A_DINT_B_DINT_RECORD1, writer EMPTY_RECORD1)', A_DINT_B_DINT_RECORD1, EMPTY_RECORD1],
    ['A_DINT_B_DINT_RECORD1 reads A_INT_RECORD1', A_DINT_B_DINT_RECORD1, A_INT_RECORD1],
    ['A_INT_B_INT_RECORD1 reads A_DINT_B_DINT_RECORD1', A_INT_B_INT_RECORD1, A_DINT_B_DINT_RECORD1],
    ['recursive record (reader INT_LIST_RECORD, writer INT_LIST_RECORD)', INT_LIST_RECORD, INT_LIST_RECORD],
    ['recursive record (reader LONG_LIST_RECORD, writer LONG_LIST_RECORD)', LONG_LIST_RECORD, LONG_LIST_RECORD],
    ['recursive record with promotion (reader LONG_LIST_RECORD, writer INT_LIST_RECORD)', LONG_LIST_RECORD, INT_LIST_RECORD],
    ['NULL reads NULL', NULL, NULL],
    ['enum default covers a removed symbol (reader ENUM_AB_ENUM_DEFAULT_A_RECORD, writer ENUM_ABC_ENUM_DEFAULT_A_RECORD)', ENUM_AB_ENUM_DEFAULT_A_RECORD, ENUM_ABC_ENUM_DEFAULT_A_RECORD],
    [
      'enum default with field defaults (reader ENUM_AB_FIELD_DEFAULT_A_ENUM_DEFAULT_B_RECORD, writer ENUM_ABC_FIELD_DEFAULT_B_ENUM_DEFAULT_A_RECORD)',
      ENUM_AB_FIELD_DEFAULT_A_ENUM_DEFAULT_B_RECORD,
      ENUM_ABC_FIELD_DEFAULT_B_ENUM_DEFAULT_A_RECORD,
    ],
    ['inner records in different namespaces match by name (reader NS_RECORD1, writer NS_RECORD2)', NS_RECORD1, NS_RECORD2],
  ];
  it.each(cases)('TestSchemaCompatibility: %s', (_label, reader, writer) => {
    expect(checkAvroReadCompatibility(reader, writer)).toEqual([]);
  });
});

describe('checkAvroReadCompatibility: TestSchemaCompatibility single tests', () => {
  const WRITER_SCHEMA = schema(recordJson('Record', [{name: 'oldfield1', type: 'int'}, {name: 'oldfield2', type: 'string'}]));

  it('TestSchemaCompatibility.testValidateSchemaPairMissingField / MissingSecondField / AllFields: a reader may drop writer fields', () => {
    expect(checkAvroReadCompatibility(schema(recordJson('Record', [{name: 'oldfield1', type: 'int'}])), WRITER_SCHEMA)).toEqual([]);
    expect(checkAvroReadCompatibility(schema(recordJson('Record', [{name: 'oldfield2', type: 'string'}])), WRITER_SCHEMA)).toEqual([]);
    expect(checkAvroReadCompatibility(schema(recordJson('Record', [{name: 'oldfield1', type: 'int'}, {name: 'oldfield2', type: 'string'}])), WRITER_SCHEMA)).toEqual([]);
  });

  it('TestSchemaCompatibility.testValidateSchemaNewFieldWithDefault: a new field with a default is compatible', () => {
    const reader = schema(recordJson('Record', [{name: 'oldfield1', type: 'int'}, {name: 'newfield1', type: 'int', default: 42}]));
    expect(checkAvroReadCompatibility(reader, WRITER_SCHEMA)).toEqual([]);
  });

  it('TestSchemaCompatibility.testValidateSchemaNewField: a new field without a default is READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1', () => {
    const reader = schema(recordJson('Record', [{name: 'oldfield1', type: 'int'}, {name: 'newfield1', type: 'int'}]));
    const [incompatibility, ...rest] = checkAvroReadCompatibility(reader, WRITER_SCHEMA);
    expect(rest).toEqual([]);
    expect(incompatibility).toMatchObject({kind: 'READER_FIELD_MISSING_DEFAULT_VALUE', path: '/fields/1', avroMessage: 'newfield1'});
    expect(incompatibility?.message).toContain('"newfield1"');
    expect(incompatibility?.message).toContain('default');
  });

  it('TestSchemaCompatibility.testValidateArrayWriterSchema: an array reads an array, a map does not', () => {
    expect(checkAvroReadCompatibility(schema({type: 'array', items: 'string'}), STRING_ARRAY)).toEqual([]);
    expect(kindsAndPaths(STRING_MAP, STRING_ARRAY)).toEqual([['TYPE_MISMATCH', '/', 'reader type: MAP not compatible with writer type: ARRAY']]);
  });

  it('TestSchemaCompatibility.testValidatePrimitiveWriterSchema: string reads string, int does not', () => {
    expect(checkAvroReadCompatibility(STRING, STRING)).toEqual([]);
    expect(kindsAndPaths(INT, STRING)).toEqual([['TYPE_MISMATCH', '/', 'reader type: INT not compatible with writer type: STRING']]);
  });

  it('TestSchemaCompatibility.testUnionReaderWriterSubsetIncompatibility: the reader union must hold every writer branch', () => {
    expect(kindsAndPaths(schema(['int', 'string']), schema(['int', 'string', 'long']))).toEqual([['MISSING_UNION_BRANCH', '/2', 'reader union lacking writer type: LONG']]);
  });

  it('TestSchemaCompatibility: nested arrays and maps recurse (NULL_INT_ARRAY_UNION, NULL_INT_MAP_UNION)', () => {
    expect(checkAvroReadCompatibility(NULL_INT_ARRAY_UNION, NULL_INT_ARRAY_UNION)).toEqual([]);
    expect(checkAvroReadCompatibility(NULL_INT_MAP_UNION, NULL_INT_MAP_UNION)).toEqual([]);
    const nested = (items: string) => schema({type: 'map', values: {type: 'array', items: {type: 'map', values: items}}});
    expect(checkAvroReadCompatibility(nested('long'), nested('int'))).toEqual([]);
    expect(kindsAndPaths(nested('int'), nested('long'))).toEqual([['TYPE_MISMATCH', '/values/items/values', 'reader type: INT not compatible with writer type: LONG']]);
  });
});

describe('checkAvroReadCompatibility: TestSchemaCompatibilityTypeMismatch', () => {
  const cases: Array<[string, AvroSchema, AvroSchema, string, string]> = [
    ['NULL, INT', NULL, INT, 'reader type: NULL not compatible with writer type: INT', '/'],
    ['NULL, LONG', NULL, LONG, 'reader type: NULL not compatible with writer type: LONG', '/'],
    ['BOOLEAN, INT', BOOLEAN, INT, 'reader type: BOOLEAN not compatible with writer type: INT', '/'],
    ['INT, NULL', INT, NULL, 'reader type: INT not compatible with writer type: NULL', '/'],
    ['INT, BOOLEAN', INT, BOOLEAN, 'reader type: INT not compatible with writer type: BOOLEAN', '/'],
    ['INT, LONG (no narrowing)', INT, LONG, 'reader type: INT not compatible with writer type: LONG', '/'],
    ['INT, FLOAT', INT, FLOAT, 'reader type: INT not compatible with writer type: FLOAT', '/'],
    ['INT, DOUBLE', INT, DOUBLE, 'reader type: INT not compatible with writer type: DOUBLE', '/'],
    ['LONG, FLOAT', LONG, FLOAT, 'reader type: LONG not compatible with writer type: FLOAT', '/'],
    ['LONG, DOUBLE', LONG, DOUBLE, 'reader type: LONG not compatible with writer type: DOUBLE', '/'],
    ['FLOAT, DOUBLE', FLOAT, DOUBLE, 'reader type: FLOAT not compatible with writer type: DOUBLE', '/'],
    ['DOUBLE, STRING', DOUBLE, STRING, 'reader type: DOUBLE not compatible with writer type: STRING', '/'],
    ['FIXED_4_BYTES, STRING', FIXED_4_BYTES, STRING, 'reader type: FIXED not compatible with writer type: STRING', '/'],
    ['STRING, BOOLEAN', STRING, BOOLEAN, 'reader type: STRING not compatible with writer type: BOOLEAN', '/'],
    ['STRING, INT', STRING, INT, 'reader type: STRING not compatible with writer type: INT', '/'],
    ['BYTES, NULL', BYTES, NULL, 'reader type: BYTES not compatible with writer type: NULL', '/'],
    ['BYTES, INT', BYTES, INT, 'reader type: BYTES not compatible with writer type: INT', '/'],
    ['A_INT_RECORD1, INT', A_INT_RECORD1, INT, 'reader type: RECORD not compatible with writer type: INT', '/'],
    ['INT_ARRAY, LONG_ARRAY', INT_ARRAY, LONG_ARRAY, 'reader type: INT not compatible with writer type: LONG', '/items'],
    ['INT_MAP, INT_ARRAY', INT_MAP, INT_ARRAY, 'reader type: MAP not compatible with writer type: ARRAY', '/'],
    ['INT_ARRAY, INT_MAP', INT_ARRAY, INT_MAP, 'reader type: ARRAY not compatible with writer type: MAP', '/'],
    ['INT_MAP, LONG_MAP', INT_MAP, LONG_MAP, 'reader type: INT not compatible with writer type: LONG', '/values'],
    ['INT, ENUM2_AB', INT, ENUM2_AB, 'reader type: INT not compatible with writer type: ENUM', '/'],
    ['ENUM2_AB, INT', ENUM2_AB, INT, 'reader type: ENUM not compatible with writer type: INT', '/'],
    ['FLOAT, INT_LONG_FLOAT_DOUBLE_UNION', FLOAT, INT_LONG_FLOAT_DOUBLE_UNION, 'reader type: FLOAT not compatible with writer type: DOUBLE', '/3'],
    ['LONG, INT_FLOAT_UNION', LONG, INT_FLOAT_UNION, 'reader type: LONG not compatible with writer type: FLOAT', '/1'],
    ['INT, INT_FLOAT_UNION', INT, INT_FLOAT_UNION, 'reader type: INT not compatible with writer type: FLOAT', '/1'],
    ['INT_LIST_RECORD, LONG_LIST_RECORD (recursion stops at the repeated pair)', INT_LIST_RECORD, LONG_LIST_RECORD, 'reader type: INT not compatible with writer type: LONG', '/fields/0/type'],
  ];
  it.each(cases)('TestSchemaCompatibilityTypeMismatch: r: %s', (_label, reader, writer, avroMessage, path) => {
    expect(kindsAndPaths(reader, writer)).toEqual([['TYPE_MISMATCH', path, avroMessage]]);
  });

  it('TestSchemaCompatibilityTypeMismatch: the message names both types and the promotions Avro allows', () => {
    const [incompatibility] = checkAvroReadCompatibility(INT, LONG);
    expect(incompatibility?.message).toContain('writes a long');
    expect(incompatibility?.message).toContain('expects an int');
    expect(incompatibility?.message).toContain('widens int to long');
  });
});

describe('checkAvroReadCompatibility: TestSchemaCompatibilityMissingUnionBranch', () => {
  const record = (name: string) => ({type: 'record', name, fields: [{name: 'field1', type: 'int'}]});
  const UNION_INT_RECORD1 = schema(['int', record('Record1')]);
  const UNION_INT_RECORD2 = schema(['int', record('Record2')]);
  const cases: Array<[string, AvroSchema, AvroSchema, string[], string[]]> = [
    ['INT_UNION, INT_STRING_UNION', INT_UNION, INT_STRING_UNION, ['STRING'], ['/1']],
    ['STRING_UNION, INT_STRING_UNION', STRING_UNION, INT_STRING_UNION, ['INT'], ['/0']],
    ['INT_UNION, UNION_INT_RECORD1', INT_UNION, UNION_INT_RECORD1, ['RECORD'], ['/1']],
    ['INT_UNION, UNION_INT_RECORD2', INT_UNION, UNION_INT_RECORD2, ['RECORD'], ['/1']],
    ['UNION_INT_RECORD1, UNION_INT_RECORD2', UNION_INT_RECORD1, UNION_INT_RECORD2, ['RECORD'], ['/1']],
    ['INT_UNION, UNION_INT_ENUM1_AB', INT_UNION, schema(['int', enumJson('Enum1', ['A', 'B'])]), ['ENUM'], ['/1']],
    ['INT_UNION, UNION_INT_FIXED_4_BYTES', INT_UNION, schema(['int', fixedJson('Fixed', 4)]), ['FIXED'], ['/1']],
    ['INT_UNION, UNION_INT_BOOLEAN', INT_UNION, schema(['int', 'boolean']), ['BOOLEAN'], ['/1']],
    ['INT_UNION, LONG_UNION', INT_UNION, LONG_UNION, ['LONG'], ['/0']],
    ['INT_UNION, FLOAT_UNION', INT_UNION, FLOAT_UNION, ['FLOAT'], ['/0']],
    ['INT_UNION, DOUBLE_UNION', INT_UNION, DOUBLE_UNION, ['DOUBLE'], ['/0']],
    ['INT_UNION, BYTES_UNION', INT_UNION, BYTES_UNION, ['BYTES'], ['/0']],
    ['INT_UNION, UNION_INT_ARRAY_INT', INT_UNION, schema(['int', {type: 'array', items: 'int'}]), ['ARRAY'], ['/1']],
    ['INT_UNION, UNION_INT_MAP_INT', INT_UNION, schema(['int', {type: 'map', values: 'int'}]), ['MAP'], ['/1']],
    ['INT_UNION, UNION_INT_NULL', INT_UNION, schema(['int', 'null']), ['NULL'], ['/1']],
    ['INT_UNION, INT_LONG_FLOAT_DOUBLE_UNION', INT_UNION, INT_LONG_FLOAT_DOUBLE_UNION, ['LONG', 'FLOAT', 'DOUBLE'], ['/1', '/2', '/3']],
    ['A_DINT_B_DINT_UNION_RECORD1, A_DINT_B_DINT_STRING_UNION_RECORD1', A_DINT_B_DINT_UNION_RECORD1, A_DINT_B_DINT_STRING_UNION_RECORD1, ['STRING'], ['/fields/1/type/1']],
  ];
  it.each(cases)('TestSchemaCompatibilityMissingUnionBranch: r: %s', (_label, reader, writer, writerTypes, paths) => {
    expect(kindsAndPaths(reader, writer)).toEqual(
      writerTypes.map((writerType, index) => ['MISSING_UNION_BRANCH', paths[index], `reader union lacking writer type: ${writerType}`]),
    );
  });

  it('TestSchemaCompatibility.NULL_UNION_SCHEMA: a non-union writer that no reader branch can read is MISSING_UNION_BRANCH at the union', () => {
    expect(kindsAndPaths(NULL_UNION, INT)).toEqual([['MISSING_UNION_BRANCH', '/', 'reader union lacking writer type: INT']]);
    expect(checkAvroReadCompatibility(NULL_UNION, NULL)).toEqual([]);
  });
});

describe('checkAvroReadCompatibility: TestSchemaCompatibilityNameMismatch, FixedSizeMismatch, MissingEnumSymbols, ReaderFieldMissingDefaultValue', () => {
  const nameCases: Array<[string, AvroSchema, AvroSchema, string, string]> = [
    ['ENUM1_AB_SCHEMA, ENUM2_AB_SCHEMA', ENUM1_AB, ENUM2_AB, 'expected: Enum2', '/name'],
    ['EMPTY_RECORD2, EMPTY_RECORD1', EMPTY_RECORD2, EMPTY_RECORD1, 'expected: Record1', '/name'],
    ['FIXED_4_BYTES, FIXED_4_ANOTHER_NAME', FIXED_4_BYTES, schema(fixedJson('AnotherName', 4)), 'expected: AnotherName', '/name'],
    ['A_DINT_B_DENUM_1_RECORD1, A_DINT_B_DENUM_2_RECORD1', A_DINT_B_DENUM_1_RECORD1, A_DINT_B_DENUM_2_RECORD1, 'expected: Enum2', '/fields/1/type/name'],
  ];
  it.each(nameCases)('TestSchemaCompatibilityNameMismatch: r: %s', (_label, reader, writer, avroMessage, path) => {
    expect(kindsAndPaths(reader, writer)).toEqual([['NAME_MISMATCH', path, avroMessage]]);
  });

  const fixedCases: Array<[string, AvroSchema, AvroSchema, string, string]> = [
    ['FIXED_4_BYTES, FIXED_8_BYTES', FIXED_4_BYTES, FIXED_8_BYTES, 'expected: 8, found: 4', '/size'],
    ['FIXED_8_BYTES, FIXED_4_BYTES', FIXED_8_BYTES, FIXED_4_BYTES, 'expected: 4, found: 8', '/size'],
    ['A_DINT_B_DFIXED_8_BYTES_RECORD1, A_DINT_B_DFIXED_4_BYTES_RECORD1', A_DINT_B_DFIXED_8_BYTES_RECORD1, A_DINT_B_DFIXED_4_BYTES_RECORD1, 'expected: 4, found: 8', '/fields/1/type/size'],
    ['A_DINT_B_DFIXED_4_BYTES_RECORD1, A_DINT_B_DFIXED_8_BYTES_RECORD1', A_DINT_B_DFIXED_4_BYTES_RECORD1, A_DINT_B_DFIXED_8_BYTES_RECORD1, 'expected: 8, found: 4', '/fields/1/type/size'],
  ];
  it.each(fixedCases)('TestSchemaCompatibilityFixedSizeMismatch: r: %s', (_label, reader, writer, avroMessage, path) => {
    expect(kindsAndPaths(reader, writer)).toEqual([['FIXED_SIZE_MISMATCH', path, avroMessage]]);
  });

  const recordWithEnum = (enumType: unknown) => schema(recordJson('Record1', [{name: 'field1', type: enumType}]));
  const enumCases: Array<[string, AvroSchema, AvroSchema, string, string]> = [
    ['ENUM1_AB_SCHEMA, ENUM1_ABC_SCHEMA', ENUM1_AB, ENUM1_ABC, '[C]', '/symbols'],
    ['ENUM1_BC_SCHEMA, ENUM1_ABC_SCHEMA', ENUM1_BC, ENUM1_ABC, '[A]', '/symbols'],
    ['RECORD1_WITH_ENUM_AB, RECORD1_WITH_ENUM_ABC', recordWithEnum(enumJson('Enum1', ['A', 'B'])), recordWithEnum(enumJson('Enum1', ['A', 'B', 'C'])), '[C]', '/fields/0/type/symbols'],
  ];
  it.each(enumCases)('TestSchemaCompatibilityMissingEnumSymbols: r: %s', (_label, reader, writer, avroMessage, path) => {
    expect(kindsAndPaths(reader, writer)).toEqual([['MISSING_ENUM_SYMBOLS', path, avroMessage]]);
  });

  const defaultCases: Array<[string, AvroSchema, AvroSchema]> = [
    ['A_INT_RECORD1, EMPTY_RECORD1', A_INT_RECORD1, EMPTY_RECORD1],
    ['A_INT_B_DINT_RECORD1, EMPTY_RECORD1', A_INT_B_DINT_RECORD1, EMPTY_RECORD1],
  ];
  it.each(defaultCases)('TestSchemaCompatibilityReaderFieldMissingDefaultValue: r: %s', (_label, reader, writer) => {
    expect(kindsAndPaths(reader, writer)).toEqual([['READER_FIELD_MISSING_DEFAULT_VALUE', '/fields/0', 'a']]);
  });
});

describe('checkAvroReadCompatibility: TestSchemaCompatibilityEnumDefaults', () => {
  const record = (field: string, type: unknown, fieldDefault?: string) =>
    schema(recordJson('Record1', [{name: field, type, ...(fieldDefault === undefined ? {} : {default: fieldDefault})}]));
  const ENUM_ABC_DEFAULT_A = enumJson('Enum', ['A', 'B', 'C'], 'A');
  const ENUM_AB_DEFAULT_A = enumJson('Enum', ['A', 'B'], 'A');

  it('TestSchemaCompatibilityEnumDefaults.enumDefaultAppliedWhenNoFieldDefaultDefined: the reader enum default covers symbol C', () => {
    expect(checkAvroReadCompatibility(record('field1', ENUM_AB_DEFAULT_A), record('field1', ENUM_ABC_DEFAULT_A))).toEqual([]);
    expect(checkAvroReadCompatibility(ENUM_AB_ENUM_DEFAULT_A, ENUM_ABC_ENUM_DEFAULT_A)).toEqual([]);
  });

  it('TestSchemaCompatibilityEnumDefaults.enumDefaultAppliedWhenFieldDefaultDefined: compatible with a field default too', () => {
    expect(checkAvroReadCompatibility(record('field1', ENUM_AB_DEFAULT_A, 'B'), record('field1', ENUM_ABC_DEFAULT_A))).toEqual([]);
  });

  it('TestSchemaCompatibilityEnumDefaults.fieldDefaultNotAppliedForUnknownSymbol: a field default does not stand in for an enum default', () => {
    const reader = record('field1', enumJson('Enum1', ['A', 'B']), 'A');
    const writer = record('field1', enumJson('Enum1', ['A', 'B', 'C']));
    expect(kindsAndPaths(reader, writer)).toEqual([['MISSING_ENUM_SYMBOLS', '/fields/0/type/symbols', '[C]']]);
  });

  it('TestSchemaCompatibilityEnumDefaults.enumDefaultNotAppliedWhenWriterFieldMissing: an enum default does not fill a missing field', () => {
    const reader = record('field1', ENUM_AB_DEFAULT_A);
    const writer = record('field2', enumJson('Enum2', ['A', 'B']));
    const [incompatibility, ...rest] = checkAvroReadCompatibility(reader, writer);
    expect(rest).toEqual([]);
    expect(incompatibility).toMatchObject({kind: 'READER_FIELD_MISSING_DEFAULT_VALUE', path: '/fields/0'});
    expect(incompatibility?.message).toContain("enum's own default");
  });
});

describe('checkAvroReadCompatibility: TestSchemaCompatibilityMultiple.multipleIncompatibilities', () => {
  const readerJson = recordJson('base', [
    {name: 'check_enum_symbols_field', type: enumJson('check_enum_symbols_type', ['A', 'C'])},
    {name: 'check_enum_name_field', type: enumJson('check_enum_name_type', ['A', 'B', 'C', 'D'])},
    {name: 'type_mismatch_field', type: 'string'},
    {
      name: 'sub_record',
      type: recordJson('sub_record_type', [
        {name: 'identical_1_field', type: 'long', default: 42},
        {name: 'extra_no_default_field', type: 'long'},
        {name: 'fixed_length_mismatch_field', type: fixedJson('fixed_length_mismatch_type', 4)},
        {name: 'union_missing_branches_field', type: ['boolean']},
        {name: 'reader_union_does_not_support_type_field', type: ['boolean']},
        {
          name: 'record_fqn_mismatch_field',
          type: {
            type: 'record',
            name: 'recordA',
            namespace: 'not_nsA',
            fields: [
              {name: 'A_field_0', type: 'boolean', default: true},
              {name: 'array_type_mismatch_field', type: {type: 'array', items: 'string'}},
            ],
          },
        },
      ]),
    },
  ]);
  const writerJson = recordJson('base', [
    {name: 'check_enum_symbols_field', type: enumJson('check_enum_symbols_type', ['A', 'B', 'C', 'D'])},
    {name: 'check_enum_name_field', type: enumJson('check_enum_name_type_ERR', ['A', 'B', 'C', 'D'])},
    {name: 'type_mismatch_field', type: 'long'},
    {
      name: 'sub_record',
      type: recordJson('sub_record_type', [
        {name: 'identical_1_field', type: 'long', default: 42},
        {name: 'fixed_length_mismatch_field', type: fixedJson('fixed_length_mismatch_type', 8)},
        {name: 'union_missing_branches_field', type: ['boolean', 'double', 'string']},
        {name: 'reader_union_does_not_support_type_field', type: 'long'},
        {
          name: 'record_fqn_mismatch_field',
          type: {
            type: 'record',
            name: 'recordA',
            namespace: 'nsA',
            fields: [
              {name: 'A_field_0', type: 'boolean', default: true},
              {name: 'array_type_mismatch_field', type: {type: 'array', items: 'boolean'}},
            ],
          },
        },
      ]),
    },
  ]);

  it('TestSchemaCompatibilityMultiple.multipleIncompatibilities: nine incompatibilities in Avro order, and no NAME_MISMATCH for recordA across namespaces', () => {
    expect(kindsAndPaths(schema(readerJson), schema(writerJson))).toEqual([
      ['MISSING_ENUM_SYMBOLS', '/fields/0/type/symbols', '[B, D]'],
      ['NAME_MISMATCH', '/fields/1/type/name', 'expected: check_enum_name_type_ERR'],
      ['TYPE_MISMATCH', '/fields/2/type', 'reader type: STRING not compatible with writer type: LONG'],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', '/fields/3/type/fields/1', 'extra_no_default_field'],
      ['FIXED_SIZE_MISMATCH', '/fields/3/type/fields/2/type/size', 'expected: 8, found: 4'],
      ['MISSING_UNION_BRANCH', '/fields/3/type/fields/3/type/1', 'reader union lacking writer type: DOUBLE'],
      ['MISSING_UNION_BRANCH', '/fields/3/type/fields/3/type/2', 'reader union lacking writer type: STRING'],
      ['MISSING_UNION_BRANCH', '/fields/3/type/fields/4/type', 'reader union lacking writer type: LONG'],
      ['TYPE_MISMATCH', '/fields/3/type/fields/5/type/fields/1/type/items', 'reader type: STRING not compatible with writer type: BOOLEAN'],
    ]);
  });
});

describe('checkAvroReadCompatibility: aliases and namespaces (test_compatibility.py)', () => {
  const writer = schema({name: 'foo', type: 'record', fields: [{type: 'int', name: 'f1'}, {type: 'string', name: 'f2'}]});

  it('test_compatibility.py test_simple_schema_promotion: a reader field alias matches the writer field', () => {
    expect(checkAvroReadCompatibility(schema({name: 'foo', type: 'record', fields: [{type: 'int', name: 'bar', aliases: ['f1']}]}), writer)).toEqual([]);
  });

  it('test_compatibility.py test_simple_schema_promotion: a reader record alias matches the writer record name', () => {
    const aliased = schema({name: 'other', type: 'record', fields: [{type: 'int', name: 'f1'}], aliases: ['foo']});
    expect(checkAvroReadCompatibility(aliased, writer)).toEqual([]);
    const unaliased = schema({name: 'other', type: 'record', fields: [{type: 'int', name: 'f1'}]});
    expect(kindsAndPaths(unaliased, writer)).toEqual([['NAME_MISMATCH', '/name', 'expected: foo']]);
  });

  it('test_compatibility.py: WITHOUT_NAMESPACE_RECORD reads WITH_NAMESPACE_RECORD (records match by unqualified name)', () => {
    const withoutNamespace = schema({type: 'record', name: 'Record', fields: [{name: 'f1', type: 'int'}]});
    const withNamespace = schema({type: 'record', name: 'ns.Record', fields: [{name: 'f1', type: 'int'}]});
    expect(checkAvroReadCompatibility(withoutNamespace, withNamespace)).toEqual([]);
  });

  it('SchemaCompatibility.lookupWriterField: a reader field whose name and alias match two writer fields is refused, not guessed', () => {
    const ambiguous = schema({name: 'foo', type: 'record', fields: [{type: 'int', name: 'f1', aliases: ['f2']}]});
    expect(checkAvroReadCompatibility(ambiguous, writer).map(({kind, path}) => [kind, path])).toEqual([['AMBIGUOUS_READER_FIELD', '/fields/0']]);
  });
});

describe('checkRegistryCompatibility: AvroCompatibilityTest (Confluent Schema Registry)', () => {
  const myrecord = (fields: unknown[]) => schema({type: 'record', name: 'myrecord', fields});
  const schema1 = myrecord([{type: 'string', name: 'f1'}]);
  const schema2 = myrecord([{type: 'string', name: 'f1'}, {type: 'string', name: 'f2', default: 'foo'}]);
  const schema3 = myrecord([{type: 'string', name: 'f1'}, {type: 'string', name: 'f2'}]);
  const schema4 = myrecord([{type: 'string', name: 'f1_new', aliases: ['f1']}]);
  const schema6 = myrecord([{type: ['null', 'string'], name: 'f1', doc: 'doc of f1'}]);
  const schema7 = myrecord([{type: ['null', 'string', 'int'], name: 'f1', doc: 'doc of f1'}]);
  // schema8 as the test means it (its Java string has a stray "]}," that makes Avro stop after f2).
  const schema8 = myrecord([{type: 'string', name: 'f1'}, {type: 'string', name: 'f2', default: 'foo'}, {type: 'string', name: 'f3', default: 'bar'}]);
  const verdict = (candidate: AvroSchema, previous: AvroSchema[], mode: string) => checkRegistryCompatibility(candidate, previous, mode).compatible;

  it('AvroCompatibilityTest.testBasicBackwardsCompatibility', () => {
    expect(verdict(schema2, [schema1], 'BACKWARD')).toBe(true); // adding a field with default
    expect(verdict(schema3, [schema1], 'BACKWARD')).toBe(false); // adding a field w/o default
    expect(verdict(schema4, [schema1], 'BACKWARD')).toBe(true); // changing field name with alias
    expect(verdict(schema6, [schema1], 'BACKWARD')).toBe(true); // evolving a field type to a union
    expect(verdict(schema1, [schema6], 'BACKWARD')).toBe(false); // removing a type from a union
    expect(verdict(schema7, [schema6], 'BACKWARD')).toBe(true); // adding a new type in union
    expect(verdict(schema6, [schema7], 'BACKWARD')).toBe(false); // removing a type from a union
    expect(checkRegistryCompatibility(schema3, [schema1, schema2], 'BACKWARD')).toEqual({compatible: true, mode: 'BACKWARD', checkedAgainst: [2], incompatibilities: []}); // only schema 2 is checked
  });

  it('AvroCompatibilityTest.testBasicBackwardsCompatibility: the failure names the version, direction, kind and path', () => {
    const result = checkRegistryCompatibility(schema3, [schema1], 'BACKWARD');
    expect(result.incompatibilities.map(({version, direction, kind, path}) => ({version, direction, kind, path}))).toEqual([
      {version: 1, direction: 'new-reads-old', kind: 'READER_FIELD_MISSING_DEFAULT_VALUE', path: '/fields/1'},
    ]);
    expect(result.incompatibilities[0]?.message).toContain('"f2"');
  });

  it('AvroCompatibilityTest.testBasicBackwardsTransitiveCompatibility: latest version compatible, an older one not', () => {
    expect(verdict(schema8, [schema1, schema2], 'BACKWARD_TRANSITIVE')).toBe(true);
    expect(verdict(schema2, [schema1], 'BACKWARD_TRANSITIVE')).toBe(true);
    expect(verdict(schema3, [schema2], 'BACKWARD_TRANSITIVE')).toBe(true);
    const result = checkRegistryCompatibility(schema3, [schema1, schema2], 'BACKWARD_TRANSITIVE');
    expect(result.compatible).toBe(false);
    expect(result.checkedAgainst).toEqual([2, 1]);
    expect(result.incompatibilities.map(({version, direction, kind}) => [version, direction, kind])).toEqual([[1, 'new-reads-old', 'READER_FIELD_MISSING_DEFAULT_VALUE']]);
  });

  it('AvroCompatibilityTest.testBasicForwardsCompatibility', () => {
    expect(verdict(schema2, [schema1], 'FORWARD')).toBe(true);
    expect(verdict(schema3, [schema1], 'FORWARD')).toBe(true);
    expect(verdict(schema3, [schema2], 'FORWARD')).toBe(true);
    expect(verdict(schema2, [schema3], 'FORWARD')).toBe(true);
    expect(verdict(schema1, [schema3, schema2], 'FORWARD')).toBe(true); // only schema 2 is checked
  });

  it('AvroCompatibilityTest.testBasicForwardsTransitiveCompatibility', () => {
    expect(verdict(schema1, [schema8, schema2], 'FORWARD_TRANSITIVE')).toBe(true);
    expect(verdict(schema2, [schema3], 'FORWARD_TRANSITIVE')).toBe(true);
    expect(verdict(schema1, [schema2], 'FORWARD_TRANSITIVE')).toBe(true);
    // Version 2 (schema3) is the newest and the one that cannot read the new schema's data.
    const result = checkRegistryCompatibility(schema1, [schema2, schema3], 'FORWARD_TRANSITIVE');
    expect(result.compatible).toBe(false);
    expect(result.checkedAgainst).toEqual([2]);
    expect(result.incompatibilities.map(({version, direction, kind, path}) => [version, direction, kind, path])).toEqual([[2, 'old-reads-new', 'READER_FIELD_MISSING_DEFAULT_VALUE', '/fields/1']]);
  });

  it('AvroCompatibilityTest.testBasicFullCompatibility', () => {
    expect(verdict(schema2, [schema1], 'FULL')).toBe(true);
    expect(verdict(schema3, [schema1, schema2], 'FULL')).toBe(true); // only schema 2 is checked
    expect(verdict(schema1, [schema3, schema2], 'FULL')).toBe(true); // only schema 2 is checked
  });

  it('AvroCompatibilityTest.testBasicFullTransitiveCompatibility', () => {
    expect(verdict(schema8, [schema1, schema2], 'FULL_TRANSITIVE')).toBe(true);
    expect(verdict(schema1, [schema8, schema2], 'FULL_TRANSITIVE')).toBe(true);
    expect(verdict(schema2, [schema3], 'FULL_TRANSITIVE')).toBe(true);
    expect(verdict(schema1, [schema2], 'FULL_TRANSITIVE')).toBe(true);
    expect(verdict(schema2, [schema1], 'FULL_TRANSITIVE')).toBe(true);
    expect(verdict(schema3, [schema2], 'FULL_TRANSITIVE')).toBe(true);
    expect(verdict(schema3, [schema2, schema1], 'FULL_TRANSITIVE')).toBe(false);
    expect(verdict(schema1, [schema2, schema3], 'FULL_TRANSITIVE')).toBe(false);
  });

  it('SchemaValidatorBuilder.mutualReadStrategy: FULL reports old-reads-new before new-reads-old', () => {
    const result = checkRegistryCompatibility(INT, [STRING], 'FULL');
    expect(result.incompatibilities.map(({direction, kind, path}) => [direction, kind, path])).toEqual([
      ['old-reads-new', 'TYPE_MISMATCH', '/'],
      ['new-reads-old', 'TYPE_MISMATCH', '/'],
    ]);
  });

  it('CompatibilityChecker.NO_OP_CHECKER: NONE accepts any change and checks nothing', () => {
    expect(checkRegistryCompatibility(INT, [STRING, schema1], 'NONE')).toEqual({compatible: true, mode: 'NONE', checkedAgainst: [], incompatibilities: []});
  });

  it('CompatibilityChecker: a first version has nothing to be checked against', () => {
    expect(checkRegistryCompatibility(schema1, [], 'FULL_TRANSITIVE')).toEqual({compatible: true, mode: 'FULL_TRANSITIVE', checkedAgainst: [], incompatibilities: []});
  });

  it('CompatibilityLevel: an unknown mode is refused with the list of modes', () => {
    expect(() => checkRegistryCompatibility(schema1, [schema2], 'BACKWARDS')).toThrow(
      'checkRegistryCompatibility: mode: Unknown compatibility mode "BACKWARDS". Use one of BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE.',
    );
    expect(() => checkRegistryCompatibility(schema1, [schema2], 'full')).toThrow(RangeError);
  });
});

describe('parseAvroSchema', () => {
  const parseError = (text: string) => {
    const parsed = parseAvroSchema(text);
    if (parsed.ok) throw new Error('expected a parse error');
    return parsed.error;
  };

  it('Avro specification: primitive names, named types with namespaces, aliases, references and logical types', () => {
    const parsed = parseAvroSchema(
      JSON.stringify({
        type: 'record',
        name: 'Reading',
        namespace: 'com.acme.plant',
        aliases: ['Measurement', 'old.Reading'],
        fields: [
          {name: 'at', type: {type: 'long', logicalType: 'timestamp-millis'}},
          {name: 'amount', type: {type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2}},
          {name: 'state', type: {type: 'enum', name: 'State', symbols: ['OK', 'FAULT'], default: 'OK'}},
          {name: 'previous', type: ['null', 'State'], default: null},
        ],
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(Object.keys(parsed.schema.namedTypes)).toEqual(['com.acme.plant.Reading', 'com.acme.plant.State']);
    expect(parsed.schema.root).toMatchObject({type: 'record', name: 'Reading', namespace: 'com.acme.plant', aliases: ['com.acme.plant.Measurement', 'old.Reading']});
    if (parsed.schema.root.type !== 'record') return;
    expect(parsed.schema.root.fields.map((field) => field.type)).toEqual([
      {type: 'long', logicalType: {name: 'timestamp-millis'}},
      {type: 'bytes', logicalType: {name: 'decimal', precision: 9, scale: 2}},
      {type: 'enum', name: 'State', namespace: 'com.acme.plant', fullName: 'com.acme.plant.State', aliases: [], symbols: ['OK', 'FAULT'], default: 'OK'},
      {type: 'union', branches: [{type: 'null'}, {type: 'reference', fullName: 'com.acme.plant.State'}]},
    ]);
    expect(parsed.schema.root.fields[3]?.default).toEqual({value: null});
  });

  it('JSON syntax errors give the line, column and path', () => {
    expect(parseError('{"type": "record", "name": "R", "fields": [\n  {"name": "a", "type": "int"},\n  {"name": "b" "type": "int"}\n]}')).toEqual({
      message: `Invalid JSON: expected ',' or '}' after a property value but found '"'.`,
      path: 'fields[1]',
      line: 3,
      column: 16,
    });
    expect(parseError('{"type": "string"')).toMatchObject({line: 1, column: 18, message: expect.stringContaining('end of text')});
  });

  it('Avro specification: an unknown type name is refused with its path', () => {
    expect(parseError(JSON.stringify(recordJson('R', [{name: 'a', type: 'int'}, {name: 'b', type: 'string'}, {name: 'c', type: 'Missing'}])))).toMatchObject({
      path: 'fields[2].type',
      message: expect.stringContaining('Unknown type "Missing"'),
    });
  });

  it('Avro specification (Schema.Parser "Duplicate field"): two fields with one name are refused', () => {
    expect(parseError(JSON.stringify(recordJson('R', [{name: 'a', type: 'int'}, {name: 'a', type: 'string'}])))).toMatchObject({
      path: 'fields[1].name',
      message: 'The record R has two fields named "a" (fields[0] and fields[1]).',
    });
  });

  it('Avro specification: names start with a letter or underscore', () => {
    expect(parseError(JSON.stringify(recordJson('R', [{name: '2nd', type: 'int'}])))).toMatchObject({path: 'fields[0].name', message: expect.stringContaining('"2nd" is not a valid field name')});
    expect(parseError(JSON.stringify({type: 'record', name: 'R', namespace: 'com..acme', fields: []}))).toMatchObject({path: 'namespace'});
  });

  it('Avro specification (EnumSchema "Duplicate enum symbol"): an enum lists each symbol once, and its default is one of them', () => {
    expect(parseError(JSON.stringify(enumJson('Color', ['RED', 'GREEN', 'RED'])))).toMatchObject({path: 'symbols[2]', message: expect.stringContaining('lists the symbol RED twice')});
    expect(parseError(JSON.stringify(enumJson('Color', ['RED'], 'BLUE')))).toMatchObject({path: 'default'});
  });

  it('TestSchemaBuilder.testValidateDefaultsEnabled: an int field with the default "Invalid" is refused', () => {
    expect(parseError(JSON.stringify(recordJson('ValidationRecord', [{name: 'IntegerField', type: 'int', default: 'Invalid'}])))).toMatchObject({
      path: 'fields[0].default',
      message: 'Invalid default for field "IntegerField": expected an int, a whole number from -2147483648 to 2147483647, found the string "Invalid".',
    });
  });

  it('Avro specification (AVRO-617): a union default must match the first branch', () => {
    expect(parseError(JSON.stringify(recordJson('R', [{name: 'f1', type: ['null', 'int'], default: 3}])))).toMatchObject({
      path: 'fields[0].default',
      message: expect.stringContaining('must match its first branch (null)'),
    });
    expect(parseError(JSON.stringify(recordJson('R', [{name: 'f2', type: ['int', 'null'], default: null}])))).toMatchObject({path: 'fields[0].default'});
    expect(parseAvroSchema(JSON.stringify(recordJson('R', [{name: 'f3', type: ['int', 'null'], default: 3}]))).ok).toBe(true);
  });

  it('AvroCompatibilityTest.testBadDefaultNull: the string "null" as default of ["null","string"] is refused (the registry only validates defaults of new schemas)', () => {
    const badDefaultNull = '{"type":"record","name":"myrecord","fields":[{"type":["null", "string"],"name":"f1", "default": "null"}, {"type":"string","name":"f2", "default": "foo"}]}';
    expect(parseError(badDefaultNull)).toMatchObject({path: 'fields[0].default', line: 1});
  });

  it('Avro specification: int defaults are whole numbers in range, bytes and fixed defaults are byte strings', () => {
    const defaultError = (type: unknown, value: unknown) => parseError(JSON.stringify(recordJson('R', [{name: 'f', type, default: value}]))).path;
    expect(defaultError('int', 1.5)).toBe('fields[0].default');
    expect(defaultError('int', 2 ** 31)).toBe('fields[0].default');
    expect(defaultError('bytes', '\u20ac')).toBe('fields[0].default');
    expect(defaultError(fixedJson('F', 2), 'abc')).toBe('fields[0].default');
    expect(parseAvroSchema('{"type":"record","name":"R","fields":[{"name":"f","type":"long","default":9223372036854775807}]}').ok).toBe(true);
  });

  it('Avro specification: unions hold no nested union and no type twice', () => {
    expect(parseError('["null", ["int", "string"]]')).toMatchObject({path: '[1]', message: expect.stringContaining('cannot contain another union')});
    expect(parseError('["null", "int", "null"]')).toMatchObject({path: '[2]', message: expect.stringContaining('lists null twice')});
  });

  it('Avro specification: a named type is defined once, and primitive names cannot be redefined', () => {
    expect(parseError(JSON.stringify(recordJson('R', [{name: 'a', type: fixedJson('F', 4)}, {name: 'b', type: fixedJson('F', 8)}])))).toMatchObject({
      path: 'fields[1].type.name',
      message: expect.stringContaining('F is already defined'),
    });
    expect(parseError(JSON.stringify(fixedJson('int', 4)))).toMatchObject({path: 'name'});
  });

  it('refuses schemas above 1 MB', () => {
    const error = parseError(`"${'x'.repeat(MAX_AVRO_SCHEMA_BYTES)}"`);
    expect(error.message).toContain('larger than 1 MB');
    expect(error.path).toBe('');
  });
});
