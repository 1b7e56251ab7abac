import {describe, expect, it} from 'vitest';
import {Table} from 'apache-arrow';
import {
  bigintColumn,
  booleanColumn,
  dateColumn,
  decimalColumn,
  dictionaryColumn,
  doubleColumn,
  integerColumn,
  stringMapColumn,
  timestampColumn,
  varcharColumn,
} from '../../../playground/datasets/arrow-columns';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

describe('Arrow columns from typed arrays', () => {
  it('reach DuckDB with the intended types and values, non-ASCII text and NULLs included', async () => {
    const table = new Table({
      id: bigintColumn([1, 2 ** 40 + 5, -3]),
      at: timestampColumn(Float64Array.from([1_767_571_200_000, 1_767_571_200_001, 0])),
      day: dateColumn(Int32Array.from([20_458, 0, -1])),
      offset: decimalColumn(Int32Array.from([-5, 123_456, 0]), 6, 3),
      ok: booleanColumn(Uint8Array.from([1, 0, 1])),
      value: doubleColumn(Float64Array.from([0.1, -2.5, 1e6])),
      count: integerColumn(Int32Array.from([7, -7, 0])),
      label: varcharColumn(['Größe ✓', null, '']),
      kind: dictionaryColumn(['cnc_mill', 'test_rig'], Int32Array.from([1, 0, 1])),
      extension: stringMapColumn(Int32Array.from([0, 2, 2, 3]), ['temp_c', 'Maß', 'rpm'], ['71.25', null, '1450']),
    });
    await engine.insertArrow('columns_check', table, 'create');
    const described = await engine.query('DESCRIBE columns_check');
    expect(described.toArray().map((row) => `${row.column_name} ${row.column_type}`)).toEqual([
      'id BIGINT',
      'at TIMESTAMP',
      'day DATE',
      'offset DECIMAL(6,3)',
      'ok BOOLEAN',
      'value DOUBLE',
      'count INTEGER',
      'label VARCHAR',
      'kind VARCHAR',
      'extension MAP(VARCHAR, VARCHAR)',
    ]);
    const rows = await engine.query('SELECT COLUMNS(*)::VARCHAR FROM columns_check');
    expect(rows.toArray().map((row) => row.toJSON())).toEqual([
      {id: '1', at: '2026-01-05 00:00:00', day: '2026-01-05', offset: '-0.005', ok: 'true', value: '0.1', count: '7', label: 'Größe ✓', kind: 'test_rig', extension: '{temp_c=71.25, Maß=NULL}'},
      {id: '1099511627781', at: '2026-01-05 00:00:00.001', day: '1970-01-01', offset: '123.456', ok: 'false', value: '-2.5', count: '-7', label: null, kind: 'cnc_mill', extension: '{}'},
      {id: '-3', at: '1970-01-01 00:00:00', day: '1969-12-31', offset: '0.000', ok: 'true', value: '1000000.0', count: '0', label: '', kind: 'test_rig', extension: '{rpm=1450}'},
    ]);
  });

  it('refuses map offsets that do not match the entries', () => {
    expect(() => stringMapColumn(Int32Array.from([0, 3]), ['a', 'b'], ['1', '2'])).toThrow('Map offsets, keys and values do not line up.');
  });
});
