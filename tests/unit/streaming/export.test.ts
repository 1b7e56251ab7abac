import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {buildKafkaConfig, checkpointAt, parseStreamSpec, simulateStream, streamToPySpark, type StreamSimulation, type StreamSpecInput} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const engine = nodeEngineForFile();
const pyflakes = '/usr/bin/python3';

/** Checks generated Python with pyflakes (Debian's python3-pyflakes); `spark` and `dbutils` exist on Databricks. */
function pyflakesReport(source: string): string {
  if (!existsSync(pyflakes)) throw new Error('pyflakes needs Debian python3: apt-get install python3-pyflakes');
  const file = join(mkdtempSync(join(tmpdir(), 'stream-export-')), 'job.py');
  writeFileSync(file, source);
  try {
    execFileSync(pyflakes, ['-m', 'pyflakes', file], {encoding: 'utf8', env: {...process.env, PYFLAKES_BUILTINS: 'spark,dbutils'}});
    return '';
  } catch (error) {
    return String((error as {stdout?: string}).stdout ?? error);
  }
}

const kafka = buildKafkaConfig({
  bootstrapServers: ['kafka-1.plant.example:9093'],
  securityProtocol: 'SASL_SSL',
  saslMechanism: 'SCRAM-SHA-512',
  platform: 'databricks',
  topic: 'mfg.sensor-events',
  username: {databricksSecret: {scope: 'kafka', key: 'username'}},
  password: {databricksSecret: {scope: 'kafka', key: 'password'}},
});

function kafkaOptions(): string {
  if (!kafka.ok) throw new Error(JSON.stringify(kafka.problems));
  return kafka.outputs.pysparkOptions;
}

describe('the PySpark job for a stream', () => {
  const cases: [string, StreamSpecInput][] = [
    ['Delta sink, events', {query: {kind: 'events'}, isolationLevel: 'read_committed'}],
    ['Delta sink, windows in append mode with dedup', {query: {kind: 'window', sizeMs: 3_600_000, slideMs: 900_000, outputMode: 'append', dropDuplicatesWithinWatermark: true}}],
    ['foreachBatch append, app id per checkpoint', {query: {kind: 'events'}, sink: {kind: 'append', txnAppId: 'per-checkpoint'}, maxOffsetsPerTrigger: 50_000}],
    ['foreachBatch MERGE with idempotency, update mode', {query: {kind: 'window', sizeMs: 600_000, outputMode: 'update'}, sink: {kind: 'merge', txnAppId: 'fixed'}}],
    ['foreachBatch MERGE without idempotency, no watermark', {watermarkDelayMs: null, query: {kind: 'events'}, sink: {kind: 'merge'}}],
  ];

  it.each(cases)('%s passes pyflakes', (_, input) => {
    expect(pyflakesReport(streamToPySpark(parseStreamSpec(input), {kafkaOptions: kafkaOptions()}))).toBe('');
  });

  it('writes what was chosen: read_committed, the watermark, the window, the checkpoint and the idempotent writer', () => {
    const job = streamToPySpark(parseStreamSpec(cases[3]![1]), {kafkaOptions: kafkaOptions(), catalog: 'mfg_qa'});
    expect(job).toContain('dbutils.secrets.get(scope="kafka", key="password")');
    expect(job).toContain('.option("subscribe", "mfg.sensor-events")');
    expect(job).toContain('events = events.withWatermark("event_ts", "10 minutes")');
    expect(job).toContain('.groupBy(F.window("event_ts", "10 minutes"), "plant_id")');
    expect(job).toContain('CHECKPOINT = "/Volumes/mfg_qa/ops/checkpoints/silver_plant_event_counts"');
    expect(job).toContain('conf.set("spark.databricks.delta.write.txnVersion", str(batch_id))');
    expect(job).toContain('.outputMode("update")');
    const perCheckpoint = streamToPySpark(parseStreamSpec(cases[2]![1]), {kafkaOptions: kafkaOptions()});
    expect(perCheckpoint).toContain('APP_ID = f"{QUERY_NAME}@{CHECKPOINT}"');
    expect(perCheckpoint).toContain('.option("txnAppId", APP_ID).option("txnVersion", batch_id)');
    expect(perCheckpoint).toContain('.option("maxOffsetsPerTrigger", 50000)');
    const sliding = streamToPySpark(parseStreamSpec(cases[1]![1]), {kafkaOptions: kafkaOptions()});
    expect(sliding).toContain('F.window("event_ts", "1 hour", "15 minutes")');
    expect(sliding).toContain('dropDuplicatesWithinWatermark(["event_id"])');
    expect(() => streamToPySpark(parseStreamSpec({}), {kafkaOptions: kafkaOptions(), catalog: 'mdp_prod'})).toThrow('catalog: Use the environment catalog: mfg_dev, mfg_qa or mfg_prod.');
  });
});

describe('the checkpoint a stream leaves', () => {
  const noon = Date.UTC(2026, 0, 5, 12, 0);
  const at = (minutes: number) => new Date(noon + minutes * 60_000).toISOString();
  let crashed: Extract<StreamSimulation, {status: 'ran'}>;
  let reset: Extract<StreamSimulation, {status: 'ran'}>;

  beforeAll(async () => {
    const values = [[1, 2], [4, 6], [12, 13], [23, 24]].map(([event, arrival], index) => `(${index + 1}, 'PLANT_01', 'M-1', TIMESTAMP '${at(event!).slice(0, 19)}', TIMESTAMP '${at(arrival!).slice(0, 19)}')`);
    await engine.query(`CREATE OR REPLACE TABLE checkpoint_events (event_id BIGINT, plant_id VARCHAR, machine_id VARCHAR, event_ts TIMESTAMP, ingest_ts TIMESTAMP);
      INSERT INTO checkpoint_events VALUES ${values.join(', ')}`);
    const base = {source: 'checkpoint_events', partitions: 2, from: at(0), triggerIntervalMs: 5 * 60_000, query: {kind: 'events' as const}};
    const first = await simulateStream(engine, {...base, faults: {crashAfterSinkWrite: 1}});
    const second = await simulateStream(engine, {...base, sink: {kind: 'append', txnAppId: 'fixed'}, faults: {checkpointReset: {afterBatch: 1, startingOffsets: 'resume'}}});
    if (first.status !== 'ran' || second.status !== 'ran') throw new Error('refused');
    crashed = first;
    reset = second;
  }, 60_000);

  it('offsets/N holds "v1", the batch metadata with the watermark and the Kafka offsets; commits/N the next watermark', () => {
    const view = checkpointAt(crashed, 0, 1);
    expect(view.files.map((file) => file.path)).toEqual(['metadata', 'sources/0/0', 'offsets/0', 'commits/0']);
    const [version, metadata, offsets] = view.files[2]!.content.split('\n');
    expect(version).toBe('v1');
    expect(JSON.parse(metadata!)).toMatchObject({batchWatermarkMs: 0, batchTimestampMs: noon + 5 * 60_000, conf: {'spark.sql.streaming.multipleWatermarkPolicy': 'min', 'spark.sql.shuffle.partitions': '200'}});
    expect(Object.keys(JSON.parse(offsets!))).toEqual(['mfg.sensor-events']);
    expect(view.files[3]!.content).toBe(`v1\n{"nextBatchWatermarkMs":${noon + 60_000 - 10 * 60_000}}`);
    expect(view.files[1]!.content.startsWith('\u0000v1\n')).toBe(true);
    expect(JSON.parse(view.files[0]!.content)).toEqual({id: crashed.batches[0]!.progress.id});
    expect(view.restart).toEqual({action: 'next', batchId: 1});
  });

  it('a crash after the sink wrote batch 1 leaves offsets/1 without commits/1: the restart runs batch 1 again', () => {
    const view = checkpointAt(crashed, 0, 2);
    expect(view.files.map((file) => file.path)).toEqual(['metadata', 'sources/0/0', 'offsets/0', 'offsets/1', 'commits/0']);
    expect(view.restart).toEqual({action: 'rerun', batchId: 1});
    const after = checkpointAt(crashed, 0, 3);
    expect(after.files.map((file) => file.path)).toContain('commits/1');
    expect(after.restart).toEqual({action: 'next', batchId: 2});
  });

  it('a new checkpoint starts again at offsets/0 under a new query id', () => {
    const generations = [checkpointAt(reset, 0, reset.batches.length), checkpointAt(reset, 1, reset.batches.length)];
    expect(generations[0]!.latestOffsets).toBe(1);
    expect(generations[1]!.files.filter((file) => file.path.startsWith('offsets/')).map((file) => file.path)[0]).toBe('offsets/0');
    expect(generations[1]!.files[0]!.content).not.toBe(generations[0]!.files[0]!.content);
    // The new checkpoint's source starts where the old query stopped.
    expect(generations[1]!.files[1]!.content).toBe(`\u0000v1\n${JSON.stringify(reset.batches.find((batch) => batch.checkpoint === 1)!.startOffsets)}`);
  });
});
