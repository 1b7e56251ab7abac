/**
 * Arrow columns built straight from typed arrays. Generators fill flat arrays and these helpers
 * wrap them without a per-value builder, which is what makes a million rows cheap: Arrow's
 * `vectorFromArray` spends about 2 µs per string.
 */
import {
  Bool,
  DateDay,
  Decimal,
  Dictionary,
  Field,
  Float64,
  Int32,
  Int64,
  Map_,
  Struct,
  TimestampMicrosecond,
  Utf8,
  makeData,
  makeVector,
  type Data,
  type Vector,
} from 'apache-arrow';

const mapEntryType = new Struct<{key: Utf8; value: Utf8}>([
  new Field('key', new Utf8(), false),
  new Field('value', new Utf8(), true),
]);

/** The Arrow type DuckDB reads as MAP(VARCHAR, VARCHAR). */
export const stringMapType = new Map_<Utf8, Utf8>(new Field('entries', mapEntryType, false), false);

const twoTo32 = 4_294_967_296;

/** Writes non-negative or negative integers below 2^53 as little-endian 64-bit words. */
function int64Words(values: ArrayLike<number>): BigInt64Array {
  const words = new Uint32Array(values.length * 2);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const high = Math.floor(value / twoTo32);
    words[2 * i] = value - high * twoTo32;
    words[2 * i + 1] = high;
  }
  return new BigInt64Array(words.buffer);
}

/** A BIGINT column; building the words directly avoids a `BigInt` per value. */
export function bigintColumn(values: ArrayLike<number>): Vector<Int64> {
  return makeVector(makeData({type: new Int64(), length: values.length, data: int64Words(values)}));
}

/** An INTEGER column. */
export function integerColumn(values: Int32Array): Vector<Int32> {
  return makeVector(makeData({type: new Int32(), length: values.length, data: values}));
}

/** A DOUBLE column. */
export function doubleColumn(values: Float64Array): Vector<Float64> {
  return makeVector(makeData({type: new Float64(), length: values.length, data: values}));
}

/** A BOOLEAN column from one 0/1 byte per row. */
export function booleanColumn(flags: Uint8Array): Vector<Bool> {
  const bits = new Uint8Array(Math.ceil(flags.length / 8));
  for (let i = 0; i < flags.length; i++) {
    if (flags[i]) {
      bits[i >> 3]! |= 1 << (i & 7);
    }
  }
  return makeVector(makeData({type: new Bool(), length: flags.length, data: bits}));
}

/**
 * A TIMESTAMP column from epoch milliseconds. Microseconds, because DuckDB reads Arrow
 * millisecond timestamps as TIMESTAMP_MS, a type labs should not have to explain.
 */
export function timestampColumn(epochMs: Float64Array): Vector<TimestampMicrosecond> {
  const micros = new Float64Array(epochMs.length);
  for (let i = 0; i < epochMs.length; i++) {
    micros[i] = epochMs[i]! * 1000;
  }
  return makeVector(makeData({type: new TimestampMicrosecond(), length: epochMs.length, data: int64Words(micros)}));
}

/** A DATE column from days since 1970-01-01. */
export function dateColumn(epochDays: Int32Array): Vector<DateDay> {
  return makeVector(makeData({type: new DateDay(), length: epochDays.length, data: epochDays}));
}

/** A DECIMAL(precision, scale) column from integers already multiplied by 10^scale. */
export function decimalColumn(scaled: Int32Array, precision: number, scale: number): Vector<Decimal> {
  const words = new Uint32Array(scaled.length * 4);
  for (let i = 0; i < scaled.length; i++) {
    const value = scaled[i]!;
    const signWord = value < 0 ? 0xffffffff : 0;
    words[4 * i] = value >>> 0;
    words[4 * i + 1] = signWord;
    words[4 * i + 2] = signWord;
    words[4 * i + 3] = signWord;
  }
  return makeVector(makeData({type: new Decimal(scale, precision, 128), length: scaled.length, data: words}));
}

/**
 * Utf8 data for a list of strings (NULL where the entry is null). All strings are encoded in one
 * `TextEncoder` call; offsets come from the string lengths when the text is ASCII.
 */
export function utf8Data(values: readonly (string | null)[]): Data<Utf8> {
  const offsets = new Int32Array(values.length + 1);
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  const encoder = new TextEncoder();
  let nullCount = 0;
  let joined = '';
  let charEnd = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      nullCount++;
    } else {
      validity[i >> 3]! |= 1 << (i & 7);
      joined += value;
      charEnd += value.length;
    }
    offsets[i + 1] = charEnd;
  }
  const bytes = encoder.encode(joined);
  if (bytes.length !== joined.length) {
    // Some text is not ASCII: a character may take several bytes, so measure each string.
    let byteEnd = 0;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value !== null && value !== undefined) {
        byteEnd += encoder.encode(value).length;
      }
      offsets[i + 1] = byteEnd;
    }
  }
  return makeData({
    type: new Utf8(),
    length: values.length,
    nullCount,
    nullBitmap: nullCount > 0 ? validity : null,
    valueOffsets: offsets,
    data: bytes,
  });
}

/** A VARCHAR column. */
export function varcharColumn(values: readonly (string | null)[]): Vector<Utf8> {
  return makeVector(utf8Data(values));
}

/**
 * A VARCHAR column whose values come from a small list, stored as indexes into it. DuckDB reads
 * it as plain VARCHAR; the generator saves building one string per row.
 */
export function dictionaryColumn(dictionary: readonly string[], indexes: Int32Array): Vector<Dictionary<Utf8, Int32>> {
  return makeVector(
    makeData({
      type: new Dictionary(new Utf8(), new Int32()),
      length: indexes.length,
      data: indexes,
      dictionary: makeVector(utf8Data(dictionary)),
    }),
  );
}

/**
 * A MAP(VARCHAR, VARCHAR) column from flat key and value lists, strings encoded in bulk: row `i`
 * holds the entries from `rowOffsets[i]` to `rowOffsets[i + 1]`. Far cheaper than one JavaScript
 * Map per row.
 */
export function stringMapColumn(
  rowOffsets: Int32Array,
  keys: readonly string[],
  values: readonly (string | null)[],
): Vector<typeof stringMapType> {
  if (keys.length !== values.length || rowOffsets[rowOffsets.length - 1] !== keys.length) {
    throw new RangeError('Map offsets, keys and values do not line up.');
  }
  const entries = makeData({
    type: mapEntryType,
    length: keys.length,
    nullCount: 0,
    children: [utf8Data(keys), utf8Data(values)],
  });
  return makeVector(
    makeData({type: stringMapType, length: rowOffsets.length - 1, nullCount: 0, valueOffsets: rowOffsets, child: entries}),
  );
}
