import {Field, Map_, Struct, Utf8, makeData, makeVector, vectorFromArray, type Vector} from 'apache-arrow';

const entryType = new Struct<{key: Utf8; value: Utf8}>([
  new Field('key', new Utf8(), false),
  new Field('value', new Utf8(), true),
]);

/** The Arrow type DuckDB reads as MAP(VARCHAR, VARCHAR). */
export const stringMapType = new Map_<Utf8, Utf8>(new Field('entries', entryType, false), false);

/**
 * A MAP(VARCHAR, VARCHAR) column from flat key and value lists: row `i` holds the entries from
 * `rowOffsets[i]` to `rowOffsets[i + 1]`. Building the column from three flat arrays is far
 * cheaper than appending one JavaScript Map per row.
 */
export function stringMapVector(
  rowOffsets: Int32Array,
  keys: readonly string[],
  values: readonly (string | null)[],
): Vector<typeof stringMapType> {
  if (keys.length !== values.length || rowOffsets[rowOffsets.length - 1] !== keys.length) {
    throw new RangeError('Map offsets, keys and values do not line up.');
  }
  const keyData = vectorFromArray(keys as string[], new Utf8()).data[0]!;
  const valueData = vectorFromArray(values as (string | null)[], new Utf8()).data[0]!;
  const entries = makeData({
    type: entryType,
    length: keys.length,
    nullCount: 0,
    children: [keyData, valueData],
  });
  return makeVector(
    makeData({type: stringMapType, length: rowOffsets.length - 1, nullCount: 0, valueOffsets: rowOffsets, child: entries}),
  );
}
