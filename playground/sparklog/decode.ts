import {Decompress as ZstdDecompress} from 'fzstd';
import {decompressBlock} from 'lz4js';
import {hash as xxh32} from 'lz4js/xxh32';
import {uncompress as snappyUncompress} from 'snappyjs';

/**
 * Decompression of event log files the way Spark writes them. `EventLogFileWriter` wraps the file in
 * `CompressionCodec.compressedOutputStream` when `spark.eventLog.compress` is true (the default from Spark 4.0), with the codec of
 * `spark.eventLog.compression.codec` (zstd by default since Spark 3.2, SPARK-34503) and names the file with the
 * codec's short name (`CompressionCodec.shortCompressionCodecNames`: lz4, lzf, snappy, zstd) as extension.
 *
 * The decoding itself is done by npm decoders (fzstd, lz4js, snappyjs); this module only reads the
 * stream framing each Spark codec puts around their blocks.
 */
export type Codec = 'none' | 'zstd' | 'lz4' | 'snappy' | 'lzf';

export class EventLogFormatError extends Error {
  override readonly name = 'EventLogFormatError';
}

/** The result of decoding: the bytes, and whether the stream ended early (a log still being written). */
export interface Decoded {
  bytes: Uint8Array;
  truncated: boolean;
}

const zstdMagic = [0x28, 0xb5, 0x2f, 0xfd];
// net.jpountz.lz4.LZ4BlockOutputStream.MAGIC
const lz4BlockMagic = [...'LZ4Block'].map((c) => c.charCodeAt(0));
// org.xerial.snappy.SnappyCodec.MAGIC_HEADER: -126, 'S', 'N', 'A', 'P', 'P', 'Y', 0
const snappyMagic = [0x82, ...'SNAPPY'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0))).concat([0]);
// com.ning.compress.lzf.LZFChunk: 'Z', 'V'
const lzfMagic = [0x5a, 0x56];

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((value, i) => bytes[at + i] === value);
}

/** The codec a file's name says (Spark's `EventLogFileWriter.codecName`: the extension after the last dot). */
export function codecFromName(name: string): Codec | undefined {
  const base = name.split('/').pop() ?? name;
  const extension = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1).toLowerCase() : '';
  if (extension === 'zstd' || extension === 'lz4' || extension === 'snappy' || extension === 'lzf') return extension;
  return undefined;
}

/** The codec the first bytes reveal; `none` for text. */
export function codecFromBytes(bytes: Uint8Array): Codec {
  if (startsWith(bytes, zstdMagic)) return 'zstd';
  if (startsWith(bytes, lz4BlockMagic)) return 'lz4';
  if (startsWith(bytes, snappyMagic)) return 'snappy';
  if (startsWith(bytes, lzfMagic)) return 'lzf';
  return 'none';
}

function readIntLE(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function readIntBE(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * zstd: `ZStdCompressionCodec` writes standard zstd frames (zstd-jni's ZstdOutputStreamNoFinalizer).
 * fzstd's streaming decoder keeps what it decoded when the stream stops mid-frame.
 */
function decodeZstd(bytes: Uint8Array): Decoded {
  const chunks: Uint8Array[] = [];
  const stream = new ZstdDecompress((chunk) => {
    chunks.push(chunk);
  });
  try {
    stream.push(bytes, true);
    return {bytes: concat(chunks), truncated: false};
  } catch (error) {
    const code = (error as {code?: number}).code;
    // fzstd's ZstdErrorCode.UnexpectedEOF: the stream ends inside a frame.
    if (code === 5) return {bytes: concat(chunks), truncated: true};
    throw new EventLogFormatError(`The zstd stream is damaged: ${(error as Error).message}.`);
  }
}

const lz4HeaderLength = 8 + 1 + 4 + 4 + 4;
const lz4MethodRaw = 0x10;
const lz4MethodLz4 = 0x20;
// LZ4BlockOutputStream.DEFAULT_SEED, the seed Spark's LZ4CompressionCodec passes (defaultSeed = 0x9747b28c)
const lz4ChecksumSeed = 0x9747b28c;

/**
 * lz4: `LZ4CompressionCodec` writes lz4-java's `LZ4BlockOutputStream` framing, not the LZ4 frame format:
 * per block the magic "LZ4Block", a token (method | level), compressed and original length and an
 * XXH32 checksum (seed 0x9747b28c, masked to 28 bits by `StreamingXXHash32.asChecksum`), all little
 * endian, then the raw LZ4 block, which lz4js decodes. An empty RAW block ends a stream; a stream may
 * follow (LZ4BlockInputStream reads concatenated streams).
 */
function decodeLz4Block(bytes: Uint8Array): Decoded {
  const chunks: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length - at < lz4HeaderLength) return {bytes: concat(chunks), truncated: true};
    if (!startsWith(bytes, lz4BlockMagic, at)) {
      throw new EventLogFormatError(`The lz4 stream is damaged: no LZ4Block header at byte ${at}.`);
    }
    const method = bytes[at + 8]! & 0xf0;
    const compressedLength = readIntLE(bytes, at + 9);
    const originalLength = readIntLE(bytes, at + 13);
    const checksum = readIntLE(bytes, at + 17);
    const dataStart = at + lz4HeaderLength;
    if (originalLength === 0 && compressedLength === 0) {
      at = dataStart;
      continue;
    }
    if (dataStart + compressedLength > bytes.length) return {bytes: concat(chunks), truncated: true};
    const data = bytes.subarray(dataStart, dataStart + compressedLength);
    let block: Uint8Array;
    if (method === lz4MethodRaw) {
      block = data;
    } else if (method === lz4MethodLz4) {
      block = new Uint8Array(originalLength);
      const end = decompressBlock(data, block, 0, compressedLength, 0);
      if (end !== originalLength) throw new EventLogFormatError(`The lz4 block at byte ${at} decodes to ${end} bytes, its header says ${originalLength}.`);
    } else {
      throw new EventLogFormatError(`The lz4 block at byte ${at} has an unknown compression method 0x${method.toString(16)}.`);
    }
    if ((xxh32(lz4ChecksumSeed, block, 0, block.length) & 0x0fffffff) !== checksum) {
      throw new EventLogFormatError(`The lz4 block at byte ${at} fails its checksum: the file is damaged.`);
    }
    chunks.push(block);
    at = dataStart + compressedLength;
  }
  return {bytes: concat(chunks), truncated: false};
}

const snappyHeaderLength = 16;

/**
 * snappy: `SnappyCompressionCodec` writes snappy-java's `SnappyOutputStream`: a 16-byte header
 * (`SnappyCodec`: magic, version 1, minimum compatible version 1, big endian), then per block a
 * big-endian length and a raw snappy block, which snappyjs decodes.
 */
function decodeSnappyJava(bytes: Uint8Array): Decoded {
  const chunks: Uint8Array[] = [];
  let at = snappyHeaderLength;
  while (at < bytes.length) {
    // SnappyInputStream accepts a second stream header after the first stream (concatenation).
    if (startsWith(bytes, snappyMagic, at)) {
      at += snappyHeaderLength;
      continue;
    }
    if (bytes.length - at < 4) return {bytes: concat(chunks), truncated: true};
    const length = readIntBE(bytes, at);
    if (at + 4 + length > bytes.length) return {bytes: concat(chunks), truncated: true};
    try {
      chunks.push(snappyUncompress(bytes.subarray(at + 4, at + 4 + length)));
    } catch (error) {
      throw new EventLogFormatError(`The snappy block at byte ${at} is damaged: ${(error as Error).message}.`);
    }
    at += 4 + length;
  }
  return {bytes: concat(chunks), truncated: false};
}

/**
 * Decodes one event log file. The codec comes from its first bytes; a file whose name carries a
 * codec extension but whose bytes are neither that stream nor JSON text is refused.
 */
export function decodeEventLogFile(bytes: Uint8Array, name = ''): {codec: Codec} & Decoded {
  const codec = codecFromBytes(bytes);
  switch (codec) {
    case 'zstd':
      return {codec, ...decodeZstd(bytes)};
    case 'lz4':
      return {codec, ...decodeLz4Block(bytes)};
    case 'snappy':
      return {codec, ...decodeSnappyJava(bytes)};
    case 'lzf':
      throw new EventLogFormatError(
        'This log is compressed with lzf (spark.eventLog.compression.codec=lzf), which this page does not read: Spark never defaults to lzf for event logs, and the only JavaScript LZF decoder on npm is a little-used package this site does not bundle. Decompress the log with Spark (or write it with zstd, the default) and drop the result.',
      );
    case 'none': {
      const named = codecFromName(name);
      if (named !== undefined && bytes.length > 0 && bytes[0] !== 0x7b) {
        throw new EventLogFormatError(`${name} is named as a ${named} file but is not a ${named} stream as Spark writes it.`);
      }
      return {codec, bytes, truncated: false};
    }
  }
}
