// zstd-codec 0.1.5 ships no types; the tests use its one-shot compressor only.
declare module 'zstd-codec' {
  export const ZstdCodec: {run: (callback: (zstd: {Simple: new () => {compress: (data: Uint8Array, level: number) => Uint8Array}}) => void) => void};
}
