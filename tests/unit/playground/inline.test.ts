import {describe, expect, it} from 'vitest';
import {inlineParams, sqlLiteral} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();

describe('sqlLiteral', () => {
  it.each([
    [null, 'NULL'],
    ["it's", "'it''s'"],
    [true, 'TRUE'],
    [12.5, '12.5::DOUBLE'],
    [7, '7'],
  ])('%j is %s', (value, literal) => {
    expect(sqlLiteral(value)).toBe(literal);
  });

  it('writes a BIGINT beyond 2^53 exactly', () => {
    expect(sqlLiteral(2n ** 63n - 1n)).toBe('9223372036854775807');
  });

  it('refuses a number SQL cannot write', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow(/NaN has no SQL literal/);
  });
});

describe('inlineParams', () => {
  it('fills ? in order and $n by position, leaving strings, identifiers and comments alone', () => {
    const sql = `SELECT ? AS "a?", '$1 ?' AS b, $2 AS c -- why?\n/* $1 */ , ? AS d`;
    expect(inlineParams(sql, ["x'y", 7])).toBe(`SELECT 'x''y' AS "a?", '$1 ?' AS b, 7 AS c -- why?\n/* $1 */ , 7 AS d`);
  });

  it('says when there are fewer values than placeholders', () => {
    expect(() => inlineParams('SELECT ?, ?', [1])).toThrow(/more placeholders than the 1 values given/);
  });

  it('gives the same result in DuckDB as the parameterized statement', async () => {
    const sql = `SELECT ?::TIMESTAMP AS ts, ? AS name, ? AS n, ? AS flag, ? AS nothing`;
    const params = ['2026-01-11T06:00:00.000Z', "O'Brien", 3.25, false, null];
    const bound = (await engine.query(sql, params)).toArray()[0]?.toJSON();
    const inlined = (await engine.query(inlineParams(sql, params))).toArray()[0]?.toJSON();
    expect(inlined).toEqual(bound);
    expect(inlined).toMatchObject({name: "O'Brien", n: 3.25, flag: false, nothing: null});
  });
});
