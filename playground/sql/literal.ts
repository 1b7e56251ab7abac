/**
 * The one place the engine writes a value into SQL text. Values go as `?` parameters wherever a
 * statement runs on its own; a literal is needed only where the SQL must stand alone as one string
 * (`flattenSql`, `naiveFlattenSql`, a step's SQL shown with its values by `inlineParams`: the
 * reader copies and edits it) or where DuckDB accepts nothing but a constant (the sample clause).
 */

/** A SQL string literal: single quotes doubled, as the SQL standard requires. */
export function sqlString(value: string): string {
  if (value.includes('\u0000')) {
    throw new RangeError('A SQL string literal cannot contain a NUL character.');
  }
  return `'${value.replaceAll("'", "''")}'`;
}
