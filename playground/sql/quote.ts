/**
 * Quotes a SQL identifier (table, column, key-derived column name) for DuckDB.
 *
 * Every identifier the engine puts into SQL goes through this function; values are bound as
 * parameters instead. Embedded double quotes are doubled, as the SQL standard requires.
 */
export function quoteIdentifier(name: string): string {
  if (name.length === 0) {
    throw new RangeError('A SQL identifier cannot be empty.');
  }
  if (name.includes('\u0000')) {
    throw new RangeError('A SQL identifier cannot contain a NUL character.');
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a dotted name (`schema.table`) part by part. */
export function quoteQualifiedName(...parts: string[]): string {
  return parts.map(quoteIdentifier).join('.');
}
