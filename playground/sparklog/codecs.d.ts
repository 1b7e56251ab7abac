// Types for the two decoder packages that ship none (lz4js 0.2.0, snappyjs 0.7.0), limited to what the engine calls.
declare module 'lz4js' {
  /** Decodes one raw LZ4 block from src[sIndex, sIndex + sLength) into dst from dIndex; returns the end index in dst. */
  export function decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
  /** Encodes one raw LZ4 block; returns its length in dst (0 when the block does not compress). */
  export function compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
  export function compressBound(length: number): number;
}
declare module 'lz4js/xxh32' {
  /** XXH32 of src[index, index + length). */
  export function hash(seed: number, src: Uint8Array, index: number, length: number): number;
}
declare module 'snappyjs' {
  export function uncompress(compressed: Uint8Array, maxLength?: number): Uint8Array;
  export function compress(uncompressed: Uint8Array): Uint8Array;
}
