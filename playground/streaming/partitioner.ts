/**
 * Kafka's default partitioner for keyed records: `Utils.toPositive(Utils.murmur2(keyBytes)) %
 * numPartitions` (`BuiltInPartitioner.partitionForKey`, Kafka clients 3.x and 4.x), so the simulated
 * topic puts each machine's events where a producer keyed by machine id would.
 */
export function partitionForKey(key: string, numPartitions: number): number {
  return (murmur2(new TextEncoder().encode(key)) & 0x7fffffff) % numPartitions;
}

/** `org.apache.kafka.common.utils.Utils.murmur2`: 32-bit MurmurHash2 with Kafka's seed. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  const m = 0x5bd1e995;
  const r = 24;
  let h = (0x9747b28c ^ length) | 0;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24);
    k = Math.imul(k, m);
    k ^= k >>> r;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const tail = length & ~3;
  const rest = length % 4;
  if (rest === 3) h ^= data[tail + 2]! << 16;
  if (rest >= 2) h ^= data[tail + 1]! << 8;
  if (rest >= 1) {
    h ^= data[tail]!;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}
