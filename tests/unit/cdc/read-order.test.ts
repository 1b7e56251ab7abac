import {describe, expect, it, vi} from 'vitest';
import {generateChangeStream} from '../../../playground';
import {readOrder, type ReadPosition} from '../../../playground/cdc/stream';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();
vi.setConfig({testTimeout: 120_000});

const byComparator = (events: readonly ReadPosition[]) => [...events].sort((a, b) => a.readAtMs - b.readAtMs || a.partition - b.partition || a.offset - b.offset);

/** Records on six partitions with offsets numbered per partition, read at times with many ties. */
function positions(count: number, spreadMs: number): ReadPosition[] {
  const offsets = [0, 0, 0, 0, 0, 0];
  return Array.from({length: count}, (_, index) => {
    const partition = (index * 7 + (index >> 3)) % 6;
    return {partition, offset: offsets[partition]!++, readAtMs: 1_772_431_200_000 + ((index * 2_654_435_761) % spreadMs)};
  });
}

describe('readOrder', () => {
  it('orders by read time, then partition, then offset, as a comparator sort does', () => {
    const events = positions(5_000, 97);
    expect(readOrder(events)).toEqual(byComparator(events));
  });

  it('falls back to the comparator when one number per record would not be exact', () => {
    const events = positions(1_000, 97).map((event, index) => (index === 0 ? {...event, readAtMs: event.readAtMs + 2 ** 50} : event));
    expect(readOrder(events)).toEqual(byComparator(events));
  });
});

describe('generateChangeStream in slices', () => {
  it('numbers 25,000 records in read order across slices, each partition read in offset order', async () => {
    const stream = await generateChangeStream(engine, {seed: 7, events: 25_000});
    const [summary] = await engine.query(`SELECT count(*) AS n, count(DISTINCT read_order) AS distinct_orders, min(read_order) AS first, max(read_order) AS last FROM cdc_events`);
    expect({...summary}).toEqual({n: BigInt(stream.records), distinct_orders: BigInt(stream.records), first: 0n, last: BigInt(stream.records - 1)});
    const [backwards] = await engine.query(`SELECT count(*) AS n FROM (
  SELECT kafka_offset < lag(kafka_offset) OVER (PARTITION BY kafka_partition ORDER BY read_order) AS backwards FROM cdc_events
) WHERE backwards`);
    expect({...backwards}).toEqual({n: 0n});
  });
});
