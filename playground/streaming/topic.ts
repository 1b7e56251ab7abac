import {Table} from 'apache-arrow';
import {integerColumn, varcharColumn} from '../datasets/arrow-columns';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {partitionForKey} from './partitioner';
import type {StreamSpec} from './spec';

/** Plants a source may have: window state is keyed by one number per window and plant. */
const maxPlants = 64;

/** The tables the simulation writes; the lab lets the reader query them. */
export const streamTables = {
  keys: 'stream_keys',
  topic: 'stream_topic',
  sink: 'stream_sink',
} as const;

/**
 * The topic as the simulation reads it: one entry per record, grouped by partition and in offset
 * order (offsets are dense from 0 in every partition: a record's offset is its position within its
 * partition), as typed arrays.
 */
export interface TopicRecords {
  /** Plant ids; a record's `group` indexes this list. */
  plants: string[];
  /** Index of the first record of each partition, plus the total at the end. */
  partitionStart: Int32Array;
  arrivalMs: Float64Array;
  eventMs: Float64Array;
  eventId: Float64Array;
  group: Int32Array;
  /** 1 for the copy of a record whose transaction was aborted. */
  aborted: Uint8Array;
}

function column(table: Table, name: string): ArrayLike<number> {
  const vector = table.getChild(name);
  if (!vector) throw new Error(`The topic query returned no column ${name}.`);
  return vector.toArray() as ArrayLike<number>;
}

/**
 * Writes the Kafka topic the stream reads into `stream_topic`: the source's events keyed by machine
 * (Kafka's partitioner), arriving at `ingest_ts` (processing time), the outage plant's events held
 * back until the connection returns, and, for a share of records, the aborted first send of a
 * transactional producer before the committed one. Offsets are dense per partition in arrival order.
 */
export async function writeTopic(engine: SqlEngine, spec: StreamSpec): Promise<TopicRecords> {
  const source = quoteIdentifier(spec.source);
  const keysTable = quoteIdentifier(streamTables.keys);
  const keyRows = (await engine.query(`SELECT DISTINCT machine_id, plant_id FROM ${source} ORDER BY machine_id`)).toArray();
  const machines = keyRows.map((row) => String(row.machine_id));
  const plants = [...new Set(keyRows.map((row) => String(row.plant_id)))].sort();
  if (plants.length > maxPlants) {
    throw new RangeError(`Stream: ${spec.source} has ${plants.length} plants; the simulation counts windows per plant for at most ${maxPlants}.`);
  }
  await engine.insertArrow(
    streamTables.keys,
    new Table({
      machine_id: varcharColumn(machines),
      kafka_partition: integerColumn(Int32Array.from(machines, (machine) => partitionForKey(machine, spec.partitions))),
      plant_index: integerColumn(Int32Array.from(keyRows, (row) => plants.indexOf(String(row.plant_id)))),
    }),
    'create',
  );

  const outage = spec.faults.outage;
  // One sort, in the CREATE: partition, then arrival. A plain scan returns rows in insertion order
  // (DuckDB's preserve_insertion_order, on by default), so offsets are the position within a partition.
  await engine.query(
    `CREATE OR REPLACE TABLE ${quoteIdentifier(streamTables.topic)} AS
WITH events AS (
  SELECT e.event_id, k.plant_index, k.kafka_partition, e.event_ts,
    CASE WHEN e.plant_id = $1 AND e.event_ts >= CAST($2 AS TIMESTAMP) AND e.event_ts < CAST($3 AS TIMESTAMP) AND e.ingest_ts < CAST($3 AS TIMESTAMP)
      -- the gateway sends its backlog within a minute of reconnecting
      THEN CAST($3 AS TIMESTAMP) + to_milliseconds(e.event_id % 60000)
      ELSE e.ingest_ts END AS arrival_ts
  FROM ${source} e JOIN ${keysTable} k USING (machine_id)
), in_range AS (
  SELECT * FROM events
  WHERE ($4 IS NULL OR arrival_ts >= CAST($4 AS TIMESTAMP)) AND ($5 IS NULL OR arrival_ts < CAST($5 AS TIMESTAMP))
)${
    spec.faults.abortedPerMille > 0
      ? `, records AS (
  SELECT *, false AS aborted FROM in_range
  UNION ALL
  SELECT *, true AS aborted FROM in_range WHERE (event_id * 2654435761 + $6) % 1000 < $7
)`
      : `, records AS (SELECT *, false AS aborted FROM in_range)`
  }
SELECT * FROM records ORDER BY kafka_partition, arrival_ts, event_id, aborted DESC`,
    [
      outage?.plantId ?? null,
      outage?.from ?? null,
      outage?.to ?? null,
      spec.from ?? null,
      spec.to ?? null,
      ...(spec.faults.abortedPerMille > 0 ? [spec.seed, spec.faults.abortedPerMille] : []),
    ],
  );

  const topicTable = quoteIdentifier(streamTables.topic);
  const counts = (await engine.query(`SELECT kafka_partition, count(*) AS records FROM ${topicTable} GROUP BY ALL`)).toArray();
  const partitionStart = new Int32Array(spec.partitions + 1);
  for (const row of counts) partitionStart[Number(row.kafka_partition) + 1] = Number(row.records);
  for (let partition = 0; partition < spec.partitions; partition++) {
    partitionStart[partition + 1]! += partitionStart[partition]!;
  }
  const table = await engine.query(
    `SELECT epoch_ms(arrival_ts)::DOUBLE AS arrival_ms, epoch_ms(event_ts)::DOUBLE AS event_ms, event_id::DOUBLE AS event_id, plant_index${
      spec.faults.abortedPerMille > 0 ? ', aborted::INTEGER AS aborted' : ''
    }
     FROM ${topicTable}`,
  );
  const total = partitionStart[spec.partitions]!;
  return {
    plants,
    partitionStart,
    arrivalMs: Float64Array.from(column(table, 'arrival_ms')),
    eventMs: Float64Array.from(column(table, 'event_ms')),
    eventId: Float64Array.from(column(table, 'event_id')),
    group: Int32Array.from(column(table, 'plant_index')),
    aborted: spec.faults.abortedPerMille > 0 ? Uint8Array.from(column(table, 'aborted')) : new Uint8Array(total),
  };
}
