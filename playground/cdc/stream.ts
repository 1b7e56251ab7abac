import * as z from 'zod';
import {Table} from 'apache-arrow';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {bigintColumn, varcharColumn} from '../datasets/arrow-columns';
import {fieldHash, fieldSalt, mix32, pick, rowHash, streamKey} from '../datasets/hash';
import {identifierSchema, parseOptions, seedSchema} from '../lab/options';
import {allColumns, sourceTables, topicOf, type SourceTable} from './source';
import {pacer} from '../lab/pause';

const streamSchema = z.strictObject({
  source: z.enum(['work_order', 'machine']).default('work_order'),
  seed: seedSchema.default(42),
  /** About how many Kafka records to generate (change events, tombstones and re-sent events together). */
  events: z.number().int().min(100, 'Generate at least 100 events.').max(500_000, 'At most 500,000 events: the stream is held in this tab.').default(2_000),
  /** The table the records are written to. */
  table: identifierSchema.default('cdc_events'),
});

/** Why a number of events cannot be generated, in words, or null when it can. */
export function changeStreamEventsProblem(events: unknown): string | null {
  const parsed = streamSchema.shape.events.safeParse(events);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Not a valid number of events.');
}

/** Options of `generateChangeStream`. */
export type ChangeStreamOptions = z.input<typeof streamSchema>;

/** What the generated stream holds, counted as it was generated. */
export interface ChangeStreamSummary {
  source: SourceTable['name'];
  topic: string;
  table: string;
  /** Kafka records, tombstones included. */
  records: number;
  byOp: {r: number; c: number; u: number; d: number};
  tombstones: number;
  /** Records the connector sent again after its restart (same `source.lsn`, new offsets). */
  resent: number;
  /** Pairs of changes to one row with the same `source.ts_ms`: same-millisecond changes. */
  sameMillisecondPairs: number;
  /** Change events read after a change of the same key with a higher `source.lsn` (re-sent ones included). */
  readOutOfOrder: number;
  partitionsBefore: number;
  partitionsAfter: number;
  /** The column added mid-stream and the first `source.lsn` whose row images carry it. */
  schemaChange: {column: string; fromLsn: number};
  /** Keys that exist in the source at the end of the stream. */
  liveKeys: number;
  /** A few records as the topic holds them (the JSON converter with schemas disabled), for reading. */
  samples: {label: string; partition: number; offset: number; key: string; value: string | null}[];
}

/** A row image: column name to value (a missing column is absent from the image). */
type Image = Record<string, string | number | null>;

interface ChangeEvent {
  key: string;
  op: 'r' | 'c' | 'u' | 'd' | null;
  before: Image | null;
  after: Image | null;
  sourceTsMs: number;
  snapshot: 'true' | 'last' | 'false';
  txId: number;
  lsn: number;
  lastCommitLsn: number | null;
  tsMs: number;
  /** Whether the row images carry the added column. */
  evolved: boolean;
  resent: boolean;
  partition: number;
  offset: number;
  readAtMs: number;
}

const salts = {
  kind: fieldSalt('kind'),
  gap: fieldSalt('gap'),
  pickKey: fieldSalt('pick_key'),
  twice: fieldSalt('twice'),
  value: fieldSalt('value'),
  lsn: fieldSalt('lsn'),
  latency: fieldSalt('latency'),
  partition: fieldSalt('partition'),
};

const plants = ['PLANT_01', 'PLANT_02', 'PLANT_03', 'PLANT_05', 'PLANT_08'];
const orderStatuses = ['CREATED', 'RELEASED', 'IN_PROGRESS', 'CONFIRMED', 'CLOSED'];
const machineStatuses = ['IN_PRODUCTION', 'MAINTENANCE', 'IDLE'];
const machineTypes = ['CNC_MILL', 'ROBOT_WELDER', 'TEST_BENCH', 'PRESS'];
const firmwares = ['4.1.0', '4.2.0', '4.2.1', '5.0.0'];

/** Partitions of the topic before and after an operator adds partitions mid-stream. */
const partitionsBefore = 3;
const partitionsAfter = 6;
/**
 * How far the consumer lags behind each partition (ms): the old partitions hold a backlog, the
 * added ones are read at their head. A key that moves to an added partition can have its newer
 * changes read before older ones still waiting in its old partition.
 */
const consumerLagMs = [2_000, 12_000, 25_000, 0, 500, 1_000];
/** The connector restarts after this share of the streamed changes and re-sends what followed its last offset commit. */
const restartAt = 0.4;
const partitionIncreaseAt = 0.6;
const schemaChangeAt = 0.55;

/** The first row image of a new key. */
function createdImage(table: SourceTable, key: string, hash: number, tsMs: number, evolved: boolean): Image {
  const plant = plants[pick(fieldHash(hash, 1), plants.length)]!;
  const machineNumber = 1 + pick(fieldHash(hash, 2), 200);
  if (table.name === 'work_order') {
    return {
      work_order_id: Number(key),
      plant_id: plant,
      machine_id: `M${String(machineNumber).padStart(5, '0')}`,
      material: `MAT-${String(100_000 + pick(fieldHash(hash, 3), 900_000))}`,
      status: 'CREATED',
      qty_planned: 10 * (1 + pick(fieldHash(hash, 4), 50)),
      qty_confirmed: 0,
      updated_at: tsMs * 1000,
      ...(evolved ? {priority: 1 + pick(fieldHash(hash, 5), 3)} : {}),
    };
  }
  return {
    machine_id: key,
    plant_id: plant,
    line_id: `${plant}-L${1 + pick(fieldHash(hash, 6), 3)}`,
    machine_type: machineTypes[pick(fieldHash(hash, 7), machineTypes.length)]!,
    firmware: firmwares[pick(fieldHash(hash, 8), 2)]!,
    status: 'IN_PRODUCTION',
    updated_at: tsMs * 1000,
    ...(evolved ? {criticality: ['A', 'B', 'C'][pick(fieldHash(hash, 9), 3)]!} : {}),
  };
}

/** The row after an update: one business change plus the new `updated_at`. */
function updatedImage(table: SourceTable, row: Image, hash: number, tsMs: number, evolved: boolean): Image {
  const next: Image = {...row, updated_at: tsMs * 1000};
  if (evolved && !(table.addedColumn in next)) {
    next[table.addedColumn] = null;
  }
  const kind = pick(fieldHash(hash, 11), 10);
  if (table.name === 'work_order') {
    const status = orderStatuses.indexOf(String(row.status));
    if (kind < 5 && status < orderStatuses.length - 1) {
      next.status = orderStatuses[status + 1]!;
    } else if (kind < 8) {
      next.qty_confirmed = Math.min(Number(row.qty_planned), Number(row.qty_confirmed) + 1 + pick(fieldHash(hash, 12), 10));
    } else if (evolved) {
      next.priority = 1 + pick(fieldHash(hash, 13), 3);
    } else {
      next.qty_planned = Number(row.qty_planned) + 10;
    }
    return next;
  }
  if (kind < 5) {
    next.status = machineStatuses[pick(fieldHash(hash, 14), machineStatuses.length)]!;
  } else if (kind < 8) {
    next.firmware = firmwares[pick(fieldHash(hash, 15), firmwares.length)]!;
  } else if (evolved) {
    next.criticality = ['A', 'B', 'C'][pick(fieldHash(hash, 16), 3)]!;
  } else {
    next.line_id = `${String(row.plant_id)}-L${1 + pick(fieldHash(hash, 17), 3)}`;
  }
  return next;
}

/** The key's hash as Kafka's default partitioner would use it (murmur2 of the key bytes there; a 32-bit mix here). */
function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  }
  return mix32(h);
}

/**
 * Simulates the source database and the connector: an initial snapshot (`op` r), then
 * transactions of inserts, updates (some rows updated twice in one transaction, so both changes
 * share the commit's `source.ts_ms`) and deletes (each followed by a tombstone), a column added
 * mid-stream, a connector restart that re-sends what followed its last offset commit, and a
 * partition increase that moves keys to new partitions. Returns the events in production order.
 */
async function simulate(table: SourceTable, seed: number, records: number): Promise<{events: ChangeEvent[]; schemaChangeLsn: number; liveKeys: number}> {
  const stream = streamKey(seed, `cdc_${table.name}`);
  const startMs = Date.UTC(2026, 2, 2, 6, 0, 0);
  const rows = new Map<string, Image>();
  const live: string[] = [];
  const events: ChangeEvent[] = [];
  let nextKey = table.name === 'work_order' ? 880_001 : 1;
  const newKey = () => (table.name === 'work_order' ? String(nextKey++) : `M${String(nextKey++).padStart(5, '0')}`);
  let lsn = 24_000_000;
  let txId = 5_000;
  let clockMs = startMs;
  let lastEmitMs = startMs;
  const emit = (event: Omit<ChangeEvent, 'partition' | 'offset' | 'readAtMs' | 'tsMs' | 'resent'>, latencyMs: number) => {
    lastEmitMs = Math.max(lastEmitMs, event.sourceTsMs + latencyMs);
    events.push({...event, tsMs: lastEmitMs, resent: false, partition: 0, offset: 0, readAtMs: 0});
  };

  // The initial snapshot: one read event per existing row, all at the snapshot's LSN.
  const snapshotRows = Math.max(10, Math.round(records * 0.05));
  const snapshotLsn = lsn;
  txId += 1;
  for (let i = 0; i < snapshotRows; i++) {
    const key = newKey();
    const image = createdImage(table, key, rowHash(stream, i), startMs - 86_400_000 + i * 1000, false);
    rows.set(key, image);
    live.push(key);
    emit({key, op: 'r', before: null, after: image, sourceTsMs: startMs, snapshot: i === snapshotRows - 1 ? 'last' : 'true', txId, lsn: snapshotLsn, lastCommitLsn: null, evolved: false}, 5 + i);
  }

  const plannedChanges = Math.round(records * 0.86) - snapshotRows;
  let schemaChangeLsn = 0;
  let lastCommitLsn = snapshotLsn;
  let restartDone = false;
  let transaction = 0;
  let streamed = 0;
  // 100,000 records are about a second of JavaScript: the page gets its turn every 40 ms.
  const pause = pacer();
  while (streamed < plannedChanges) {
    await pause();
    transaction += 1;
    const hash = rowHash(stream, 1_000_000 + transaction);
    // Some commits land in the same millisecond as the previous one.
    const gapHash = fieldHash(hash, salts.gap);
    clockMs += gapHash % 100 < 4 ? 0 : 1 + pick(gapHash >>> 7, 600);
    txId += 1;
    const evolved = streamed >= plannedChanges * schemaChangeAt;
    const kindRoll = pick(fieldHash(hash, salts.kind), 100);
    const changes: {key: string; op: 'c' | 'u' | 'd'}[] = [];
    if (kindRoll < 20 || live.length < 5) {
      changes.push({key: newKey(), op: 'c'});
    } else {
      const key = live[pick(fieldHash(hash, salts.pickKey), live.length)]!;
      if (kindRoll < 92) {
        changes.push({key, op: 'u'});
        if (pick(fieldHash(hash, salts.twice), 100) < 8) {
          changes.push({key, op: 'u'});
        }
      } else {
        changes.push({key, op: 'd'});
      }
    }
    for (const [index, change] of changes.entries()) {
      lsn += 56 + pick(fieldHash(hash, salts.lsn + index), 400);
      if (evolved && schemaChangeLsn === 0) {
        schemaChangeLsn = lsn;
      }
      const changeHash = fieldHash(hash, salts.value + index);
      const latency = 3 + pick(fieldHash(hash, salts.latency + index), 120);
      const base = {key: change.key, sourceTsMs: clockMs, snapshot: 'false' as const, txId, lsn, lastCommitLsn, evolved};
      if (change.op === 'c') {
        const image = createdImage(table, change.key, changeHash, clockMs, evolved);
        rows.set(change.key, image);
        live.push(change.key);
        emit({...base, op: 'c', before: null, after: image}, latency);
      } else if (change.op === 'u') {
        const before = rows.get(change.key)!;
        const after = updatedImage(table, before, changeHash, clockMs, evolved);
        rows.set(change.key, after);
        emit({...base, op: 'u', before, after}, latency);
      } else {
        const before = rows.get(change.key)!;
        rows.delete(change.key);
        live.splice(live.indexOf(change.key), 1);
        emit({...base, op: 'd', before, after: null}, latency);
        // The tombstone: same key, null value, so log compaction can drop the key.
        emit({...base, op: null, before: null, after: null}, latency);
      }
      streamed += 1;
    }
    lastCommitLsn = lsn;
    if (!restartDone && streamed >= plannedChanges * restartAt) {
      restartDone = true;
      // Offsets were last committed a while ago (offset.flush.interval.ms); everything after is sent again.
      const resend = Math.max(5, Math.round(records * 0.04));
      const from = Math.max(snapshotRows, events.length - resend);
      const restartMs = lastEmitMs + 15_000;
      clockMs = restartMs;
      events.slice(from).forEach((event, index) => {
        events.push({...event, tsMs: restartMs + index, resent: true});
      });
      lastEmitMs = restartMs + resend;
    }
  }
  return {events, schemaChangeLsn, liveKeys: live.length};
}

/** Places events on partitions (a partition increase moves some keys), numbers offsets and derives when the consumer reads each. */
async function deliver(events: ChangeEvent[], pause: () => Promise<void>): Promise<void> {
  const offsets = new Array<number>(partitionsAfter).fill(0);
  const increaseAt = Math.round(events.length * partitionIncreaseAt);
  for (let index = 0; index < events.length; index++) {
    if (index % pacedRows === 0) {
      await pause();
    }
    const event = events[index]!;
    const partitions = index < increaseAt ? partitionsBefore : partitionsAfter;
    event.partition = keyHash(event.key) % partitions;
    event.offset = offsets[event.partition]!;
    offsets[event.partition]! += 1;
    event.readAtMs = event.tsMs + consumerLagMs[event.partition]!;
  }
}

/** Where and when the consumer reads a record. */
export type ReadPosition = Pick<ChangeEvent, 'partition' | 'offset' | 'readAtMs'>;

/**
 * The order the consumer reads the records in: by `readAtMs`, then partition, then offset. Sorted as
 * one number per record in a Float64Array (a native numeric sort): a comparator over 100,000 events
 * held the page for about 80 ms. Partition and offset identify a record, so the key maps back to it.
 */
export function readOrder<E extends ReadPosition>(events: readonly E[]): E[] {
  let firstReadMs = Infinity;
  let lastReadMs = -Infinity;
  let offsetSpan = 1;
  for (const event of events) {
    firstReadMs = Math.min(firstReadMs, event.readAtMs);
    lastReadMs = Math.max(lastReadMs, event.readAtMs);
    offsetSpan = Math.max(offsetSpan, event.offset + 1);
  }
  // The largest key a record can have: the last read time, on the last partition, at the last offset.
  if (!Number.isSafeInteger(((lastReadMs - firstReadMs + 1) * partitionsAfter) * offsetSpan)) {
    return [...events].sort((a, b) => a.readAtMs - b.readAtMs || a.partition - b.partition || a.offset - b.offset);
  }
  const byPartition: E[][] = Array.from({length: partitionsAfter}, () => []);
  const keys = new Float64Array(events.length);
  events.forEach((event, index) => {
    byPartition[event.partition]![event.offset] = event;
    keys[index] = ((event.readAtMs - firstReadMs) * partitionsAfter + event.partition) * offsetSpan + event.offset;
  });
  keys.sort();
  return Array.from(keys, (key) => byPartition[Math.floor(key / offsetSpan) % partitionsAfter]![key % offsetSpan]!);
}

/** A row image as the JSON converter writes it, with the table's columns in order. */
function imageJson(table: SourceTable, image: Image | null, evolved: boolean): unknown {
  if (!image) {
    return null;
  }
  const out: Record<string, unknown> = {};
  for (const column of allColumns(table)) {
    if (column.name !== table.addedColumn || evolved) {
      out[column.name] = image[column.name] ?? null;
    }
  }
  return out;
}

/**
 * The record value as the topic holds it with `value.converter.schemas.enable=false`: the
 * envelope of io.debezium.data.Envelope (before, after, source, op, ts_ms, transaction) and the
 * PostgreSQL source block of PostgresSourceInfoStructMaker (common fields, then schema, table,
 * txId, lsn, xmin). `sequence` is `["<last commit LSN>","<LSN>"]` as text.
 */
export function envelopeJson(table: SourceTable, event: Pick<ChangeEvent, 'op' | 'before' | 'after' | 'sourceTsMs' | 'snapshot' | 'txId' | 'lsn' | 'lastCommitLsn' | 'tsMs' | 'evolved'>): string | null {
  if (event.op === null) {
    return null;
  }
  return JSON.stringify({
    before: imageJson(table, event.before, event.evolved),
    after: imageJson(table, event.after, event.evolved),
    source: {
      version: '3.0.0.Final',
      connector: 'postgresql',
      name: 'mes_de01',
      ts_ms: event.sourceTsMs,
      snapshot: event.snapshot,
      db: 'mes',
      sequence: JSON.stringify([event.lastCommitLsn === null ? null : String(event.lastCommitLsn), String(event.lsn)]),
      schema: 'public',
      table: table.name,
      txId: event.txId,
      lsn: event.lsn,
      xmin: null,
    },
    op: event.op,
    ts_ms: event.tsMs,
    transaction: null,
  });
}

/** The envelope's STRUCT type, as `from_json` with the declared schema yields it. */
function rowStructSql(table: SourceTable, prefix: 'before' | 'after'): string {
  return `{${allColumns(table)
    .map((column) => `${quoteIdentifier(column.name)}: TRY_CAST(${quoteIdentifier(`${prefix}_${column.name}`)} AS ${column.type})`)
    .join(', ')}}`;
}

/**
 * Rows handled between two chances for the page to respond: the stream's Arrow columns are built
 * and handed to DuckDB one slice of this many rows at a time (building all 100,000 rows of a
 * column at once held the page for up to 170 ms).
 */
const pacedRows = 10_000;

/**
 * Generates a seeded Debezium change stream for an MES source table and writes it to a table
 * with Kafka's view of each record (`topic`, `kafka_partition`, `kafka_offset`, `key`) and the
 * parsed value: a STRUCT shaped like the envelope (`before`, `after`, `source` with `ts_ms`,
 * `snapshot`, `txId`, `lsn`, then `op` and `ts_ms`), NULL for a tombstone. `read_order` is the order
 * the consumer reads the records in (by partition lag), which is not the order they were written.
 */
export async function generateChangeStream(engine: SqlEngine, input: ChangeStreamOptions = {}): Promise<ChangeStreamSummary> {
  const options = parseOptions(streamSchema, input, 'generateChangeStream');
  const table = sourceTables[options.source];
  const {events, schemaChangeLsn, liveKeys} = await simulate(table, options.seed, options.events);
  const pause = pacer();
  await deliver(events, pause);
  await pause();
  const ordered = readOrder(events);
  const staging = `${options.table}__raw`;
  for (let start = 0; start < ordered.length; start += pacedRows) {
    await pause();
    await engine.insertArrow(staging, await rawRecords(table, ordered, start, pause), start === 0 ? 'create' : 'append');
  }
  const q = quoteIdentifier;
  const keyType = table.key.type;
  await engine.query(
    `CREATE OR REPLACE TABLE ${q(options.table)} AS
SELECT
  read_order,
  ? AS topic,
  CAST(kafka_partition AS INTEGER) AS kafka_partition,
  kafka_offset,
  {${q(table.key.name)}: CAST(record_key AS ${keyType})} AS "key",
  CASE WHEN op IS NULL THEN NULL ELSE {
    'before': CASE WHEN has_before = 1 THEN ${rowStructSql(table, 'before')} END,
    'after': CASE WHEN op <> 'd' THEN ${rowStructSql(table, 'after')} END,
    'source': {
      'version': '3.0.0.Final', 'connector': 'postgresql', 'name': 'mes_de01', 'ts_ms': source_ts_ms, 'snapshot': snapshot, 'db': 'mes',
      'sequence': '["' || coalesce(last_commit_lsn, 'null') || '","' || CAST(lsn AS VARCHAR) || '"]',
      'schema': 'public', 'table': ?, 'txId': tx_id, 'lsn': lsn, 'xmin': NULL::BIGINT
    },
    'op': op,
    'ts_ms': ts_ms
  } END AS "value"
FROM ${q(staging)}
ORDER BY read_order`,
    [topicOf(table), table.name],
  );
  await engine.query(`DROP TABLE IF EXISTS ${q(staging)}`);
  await pause();
  return summarize(table, options.table, events, ordered, schemaChangeLsn, liveKeys);
}

/** The staging table's columns for the records `ordered[start, start + pacedRows)`, in read order. */
async function rawRecords(table: SourceTable, ordered: readonly ChangeEvent[], start: number, pause: () => Promise<void>): Promise<Table> {
  const slice = ordered.slice(start, start + pacedRows);
  const text = (value: string | number | null | undefined) => (value === null || value === undefined ? null : String(value));
  const raw: Record<string, ReturnType<typeof varcharColumn> | ReturnType<typeof bigintColumn>> = {
    read_order: bigintColumn(slice.map((_, index) => start + index)),
    kafka_partition: bigintColumn(slice.map((event) => event.partition)),
    kafka_offset: bigintColumn(slice.map((event) => event.offset)),
    record_key: varcharColumn(slice.map((event) => event.key)),
    op: varcharColumn(slice.map((event) => event.op)),
    has_before: bigintColumn(slice.map((event) => (event.before ? 1 : 0))),
    source_ts_ms: bigintColumn(slice.map((event) => event.sourceTsMs)),
    snapshot: varcharColumn(slice.map((event) => event.snapshot)),
    tx_id: bigintColumn(slice.map((event) => event.txId)),
    lsn: bigintColumn(slice.map((event) => event.lsn)),
    last_commit_lsn: varcharColumn(slice.map((event) => text(event.lastCommitLsn))),
    ts_ms: bigintColumn(slice.map((event) => event.tsMs)),
  };
  for (const column of allColumns(table)) {
    await pause();
    raw[`before_${column.name}`] = varcharColumn(slice.map((event) => text(event.before?.[column.name])));
    raw[`after_${column.name}`] = varcharColumn(slice.map((event) => text(event.after?.[column.name])));
  }
  return new Table(raw);
}

function summarize(table: SourceTable, tableName: string, events: ChangeEvent[], ordered: ChangeEvent[], schemaChangeLsn: number, liveKeys: number): ChangeStreamSummary {
  const byOp = {r: 0, c: 0, u: 0, d: 0};
  let tombstones = 0;
  let resent = 0;
  let sameMillisecondPairs = 0;
  const lastChange = new Map<string, ChangeEvent>();
  for (const event of events) {
    if (event.resent) {
      resent += 1;
      continue;
    }
    if (event.op === null) {
      tombstones += 1;
      continue;
    }
    byOp[event.op] += 1;
    const previous = lastChange.get(event.key);
    if (previous && previous.sourceTsMs === event.sourceTsMs && previous.op !== 'r') {
      sameMillisecondPairs += 1;
    }
    lastChange.set(event.key, event);
  }
  let readOutOfOrder = 0;
  const highestRead = new Map<string, number>();
  for (const event of ordered) {
    if (event.op === null) {
      continue;
    }
    const highest = highestRead.get(event.key) ?? -1;
    if (event.lsn < highest) {
      readOutOfOrder += 1;
    }
    highestRead.set(event.key, Math.max(highest, event.lsn));
  }
  const sample = (label: string, event: ChangeEvent | undefined) =>
    event ? [{label, partition: event.partition, offset: event.offset, key: JSON.stringify({[table.key.name]: table.key.type === 'VARCHAR' ? event.key : Number(event.key)}), value: envelopeJson(table, event)}] : [];
  const firstSameMs = events.find((event, index) => index > 0 && event.op === 'u' && events[index - 1]!.key === event.key && events[index - 1]!.sourceTsMs === event.sourceTsMs && events[index - 1]!.op === 'u');
  const deleteIndex = events.findIndex((event) => event.op === 'd' && !event.resent);
  return {
    source: table.name,
    topic: topicOf(table),
    table: tableName,
    records: events.length,
    byOp,
    tombstones,
    resent,
    sameMillisecondPairs,
    readOutOfOrder,
    partitionsBefore,
    partitionsAfter,
    schemaChange: {column: table.addedColumn, fromLsn: schemaChangeLsn},
    liveKeys,
    samples: [
      ...sample('Snapshot read (op r)', events.find((event) => event.op === 'r')),
      ...sample('Insert (op c)', events.find((event) => event.op === 'c')),
      ...sample('Update (op u)', events.find((event) => event.op === 'u' && !event.evolved)),
      ...sample('Second update in the same millisecond', firstSameMs),
      ...sample('Delete (op d)', events[deleteIndex]),
      ...sample('Tombstone after the delete', events[deleteIndex + 1]),
      ...sample('Re-sent after the connector restart', events.find((event) => event.resent && event.op !== null)),
      ...sample(`Update after ${table.addedColumn} was added`, events.find((event) => event.op === 'u' && event.evolved)),
    ],
  };
}
