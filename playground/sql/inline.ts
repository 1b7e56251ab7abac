import type {SqlParam} from './engine';
import {sqlString} from './literal';

/** A value as a SQL literal, for showing a statement as it ran and letting a reader re-run it. */
export function sqlLiteral(value: SqlParam): string {
  if (value === null) {
    return 'NULL';
  }
  switch (typeof value) {
    case 'string':
      return sqlString(value);
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'bigint':
      return value.toString();
    case 'number':
      if (!Number.isFinite(value)) {
        throw new RangeError(`${value} has no SQL literal.`);
      }
      // A fractional literal would be a DECIMAL; a bound JS number is a DOUBLE.
      return Number.isInteger(value) ? String(value) : `${value}::DOUBLE`;
  }
}

const placeholder = /\?|\$(\d+)/y;

/**
 * `sql` with its placeholders replaced by literals: each `?` takes the next value, `$n` the n-th.
 * Placeholders inside string literals, quoted identifiers and comments are left alone.
 */
export function inlineParams(sql: string, params: readonly SqlParam[]): string {
  let out = '';
  let next = 0;
  let at = 0;
  const valueAt = (index: number): string => {
    if (index >= params.length) {
      throw new RangeError(`The statement has more placeholders than the ${params.length} values given.`);
    }
    return sqlLiteral(params[index]!);
  };
  while (at < sql.length) {
    const char = sql[at]!;
    const skipTo = (end: number) => {
      out += sql.slice(at, end);
      at = end;
    };
    if (char === "'" || char === '"') {
      let end = at + 1;
      while (end < sql.length) {
        if (sql[end] === char) {
          if (sql[end + 1] === char) {
            end += 2;
            continue;
          }
          break;
        }
        end += 1;
      }
      skipTo(Math.min(end + 1, sql.length));
    } else if (sql.startsWith('--', at)) {
      const end = sql.indexOf('\n', at);
      skipTo(end === -1 ? sql.length : end);
    } else if (sql.startsWith('/*', at)) {
      const end = sql.indexOf('*/', at + 2);
      skipTo(end === -1 ? sql.length : end + 2);
    } else {
      placeholder.lastIndex = at;
      const match = placeholder.exec(sql);
      if (match) {
        out += match[1] === undefined ? valueAt(next++) : valueAt(Number(match[1]) - 1);
        at += match[0].length;
      } else {
        out += char;
        at += 1;
      }
    }
  }
  return out;
}
