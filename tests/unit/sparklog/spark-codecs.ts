import {compressBlock} from 'lz4js';
import {hash as xxh32} from 'lz4js/xxh32';
import {compress as snappyCompress} from 'snappyjs';
import {ZstdCodec} from 'zstd-codec';

/**
 * Encoders that write the streams Spark's codecs write, for test fixtures: the block codecs come
 * from the same npm packages the engine decodes with, the framing follows lz4-java's
 * LZ4BlockOutputStream and snappy-java's SnappyOutputStream; zstd frames come from zstd-codec
 * (libzstd compiled to WebAssembly).
 */

function intLE(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

function intBE(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

const lz4Magic = [...'LZ4Block'].map((c) => c.charCodeAt(0));

/** LZ4BlockOutputStream with Spark's defaults: 32 KiB blocks (spark.io.compression.lz4.blockSize), seed 0x9747b28c. */
export function lz4BlockStream(data: Uint8Array, blockSize = 32 * 1024): Uint8Array {
  // LZ4BlockOutputStream.compressionLevel: 32 - numberOfLeadingZeros(blockSize - 1) - COMPRESSION_LEVEL_BASE
  const level = Math.max(0, 32 - Math.clz32(blockSize - 1) - 10);
  const out: number[] = [];
  for (let at = 0; at < data.length; at += blockSize) {
    const block = data.subarray(at, Math.min(at + blockSize, data.length));
    const compressed = new Uint8Array(block.length + Math.ceil(block.length / 255) + 16);
    const length = compressBlock(block, compressed, 0, block.length, new Uint32Array(1 << 16));
    const raw = length === 0 || length >= block.length;
    const payload = raw ? block : compressed.subarray(0, length);
    const checksum = xxh32(0x9747b28c, block, 0, block.length) & 0x0fffffff;
    out.push(...lz4Magic, (raw ? 0x10 : 0x20) | level, ...intLE(payload.length), ...intLE(block.length), ...intLE(checksum));
    for (const byte of payload) out.push(byte);
  }
  out.push(...lz4Magic, 0x10 | level, ...intLE(0), ...intLE(0), ...intLE(0));
  return Uint8Array.from(out);
}

/** SnappyOutputStream: SnappyCodec header (magic, version 1, compatible version 1), then length-prefixed raw blocks. */
export function snappyJavaStream(data: Uint8Array, blockSize = 32 * 1024): Uint8Array {
  const out: number[] = [0x82, ...[...'SNAPPY'].map((c) => c.charCodeAt(0)), 0, ...intBE(1), ...intBE(1)];
  for (let at = 0; at < data.length; at += blockSize) {
    const compressed = snappyCompress(data.subarray(at, Math.min(at + blockSize, data.length)));
    out.push(...intBE(compressed.length));
    for (const byte of compressed) out.push(byte);
  }
  return Uint8Array.from(out);
}

/** A zstd frame of the data. */
export function zstdFrame(data: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve) => {
    ZstdCodec.run((zstd) => {
      resolve(new zstd.Simple().compress(data, 1));
    });
  });
}

export const utf8 = (text: string) => new TextEncoder().encode(text);
