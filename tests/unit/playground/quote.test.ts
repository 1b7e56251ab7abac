import {describe, expect, it} from 'vitest';
import {quoteIdentifier, quoteQualifiedName} from '../../../playground';

describe('quoteIdentifier', () => {
  it.each([
    ['sensor_events', '"sensor_events"'],
    ['ext_temperature', '"ext_temperature"'],
    ['Machine ID', '"Machine ID"'],
    ['weird"name', '"weird""name"'],
    ['"; DROP TABLE sensor_events; --', '"""; DROP TABLE sensor_events; --"'],
    ['select', '"select"'],
  ])('quotes %j as %s', (name, quoted) => {
    expect(quoteIdentifier(name)).toBe(quoted);
  });

  it('refuses an empty identifier and a NUL character with a message', () => {
    expect(() => quoteIdentifier('')).toThrow('A SQL identifier cannot be empty.');
    expect(() => quoteIdentifier('a\u0000b')).toThrow('A SQL identifier cannot contain a NUL character.');
  });

  it('quotes each part of a qualified name', () => {
    expect(quoteQualifiedName('main', 'dim "machine"')).toBe('"main"."dim ""machine"""');
  });
});
