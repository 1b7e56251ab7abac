import {describe, expect, it} from 'vitest';
import {nodeEngineForFile} from '../nodeEngine';
import {formatValue, typeLabel} from '../../../src/components/ResultTable/format';

const engine = nodeEngineForFile();

describe('result cells and headers for values as DuckDB-WASM returns them', () => {
  it.each([
    ['9007199254740993::BIGINT', 'BIGINT', '9007199254740993'],
    ['42::INTEGER', 'INTEGER', '42'],
    ['12.345::DECIMAL(6,3)', 'DECIMAL(6,3)', '12.345'],
    ['-0.012::DECIMAL(6,3)', 'DECIMAL(6,3)', '-0.012'],
    ['1.5::DOUBLE', 'DOUBLE', '1.5'],
    ["TIMESTAMP '2026-01-05 06:30:00'", 'TIMESTAMP', '2026-01-05 06:30:00'],
    ["TIMESTAMP '2026-01-05 06:30:00.250'", 'TIMESTAMP', '2026-01-05 06:30:00.250'],
    ["DATE '2026-01-05'", 'DATE', '2026-01-05'],
    ['true', 'BOOLEAN', 'true'],
    ["MAP {'temp_c': '71.25', 'rpm': NULL}", 'MAP(VARCHAR, VARCHAR)', "{'temp_c': '71.25', 'rpm': NULL}"],
    ["{'mode': 'auto', 'slots': 4}", 'STRUCT(mode VARCHAR, slots INTEGER)', "{'mode': 'auto', 'slots': 4}"],
    ["['A', NULL, 'C']", 'VARCHAR[]', "['A', NULL, 'C']"],
    ['NULL::VARCHAR', 'VARCHAR', 'NULL'],
  ])('%s shows as %s / %s', async (expression, label, text) => {
    const result = await engine.query(`SELECT ${expression} AS v`);
    const field = result.schema.fields[0]!;
    expect(typeLabel(field.type)).toBe(label);
    expect(formatValue(result.getChild('v')?.get(0), field.type)).toBe(text);
  });
});
