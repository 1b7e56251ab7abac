/**
 * The one source of randomness in the datasets: a 32-bit integer mixer. It uses only `Math.imul`,
 * shifts and xor, so every JavaScript engine produces the same bits for the same inputs; a
 * generated value is a pure function of (seed, stream, row index, field).
 */

/** Mixes 32 bits into 32 well-distributed bits (the lowbias32 finalizer, a bijection). */
export function mix32(value: number): number {
  let x = value | 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Hashes a short ASCII label (a dataset or field name) to 32 bits, so streams need no numbering scheme. */
function labelHash(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  }
  return mix32(h);
}

/**
 * A stream of hashes for one seed and one purpose (a dataset, or machines, which every dataset
 * shares). Distinct labels give unrelated streams.
 */
export function streamKey(seed: number, label: string): number {
  return mix32(mix32(seed ^ 0x5bd1e995) ^ labelHash(label));
}

/** The hash of one row of a stream; derive each field's hash from it with `fieldHash`. */
export function rowHash(stream: number, rowIndex: number): number {
  return mix32(stream ^ mix32(rowIndex + 0x27d4eb2f));
}

/** A field's salt: hash it once per generator, not once per row. */
export function fieldSalt(field: string): number {
  return labelHash(field);
}

/** The hash of one field of a row. */
export function fieldHash(row: number, salt: number): number {
  return mix32(row ^ salt);
}

/**
 * An integer in [0, count) from a hash. Keep `count` below about 2^24 (count seconds, not
 * milliseconds, over days), so the modulo bias stays under a thousandth of a percent.
 */
export function pick(hash: number, count: number): number {
  return hash % count;
}

/** Whether a hash falls in the first `partsPerMillion` millionths of its range: a yes with that probability. */
export function chance(hash: number, partsPerMillion: number): boolean {
  return hash % 1_000_000 < partsPerMillion;
}
