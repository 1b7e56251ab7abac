/**
 * Column names for map keys. A key such as `temp (C)` would be rejected by Delta without column
 * mapping, so names keep to `[0-9a-z_]`; DuckDB compares identifiers case-insensitively, so
 * collisions are checked in lower case.
 */

/** The prefix every promoted key's column carries. */
export const columnPrefix = 'ext_';

/** The column a key becomes: `ext_` plus the key lower-cased, each run of other characters turned into `_`. */
export function columnNameFor(key: string): string {
  const snake = key
    .toLowerCase()
    .replace(/[^0-9a-z]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${columnPrefix}${snake.length > 0 ? snake : 'key'}`;
}

/**
 * Names `keys` in the order given, never reusing a name in `taken` or one given to an earlier
 * key: the second key that sanitizes to `ext_temp_c` gets `ext_temp_c_2`, the third `_3`.
 */
export function assignColumnNames(keys: readonly string[], taken: Iterable<string>): Map<string, string> {
  const used = new Set(Array.from(taken, (name) => name.toLowerCase()));
  const names = new Map<string, string>();
  for (const key of keys) {
    const base = columnNameFor(key);
    let name = base;
    for (let suffix = 2; used.has(name); suffix++) {
      name = `${base}_${suffix}`;
    }
    used.add(name);
    names.set(key, name);
  }
  return names;
}
