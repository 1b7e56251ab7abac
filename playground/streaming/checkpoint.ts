import type {PartitionOffsets, StreamSimulation} from './simulate';

/** One file of a checkpoint folder, as Spark writes it. */
export interface CheckpointFile {
  path: string;
  /** The text; `sources/0/0` starts with a zero byte, shown here as `\u0000`. */
  content: string;
  /** The batch the file belongs to, if any. */
  batchId: number | null;
}

/** The checkpoint at one moment: its files, and what a restart would do next. */
export interface CheckpointView {
  files: CheckpointFile[];
  /** The last batch with an offsets entry, and whether its commit is written. */
  latestOffsets: number | null;
  latestCommit: number | null;
  /** On restart: run the uncommitted batch again, or plan the next one. */
  restart: {action: 'rerun'; batchId: number} | {action: 'next'; batchId: number} | {action: 'start'};
}

/**
 * The session settings Spark keeps in every offsets entry (`OffsetSeqMetadata.relevantSQLConfs`),
 * with open-source Spark 3.5's defaults; Databricks writes its own provider and a few more keys.
 */
const offsetLogConf: Record<string, string> = {
  'spark.sql.streaming.stateStore.providerClass': 'org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider',
  'spark.sql.streaming.join.stateFormatVersion': '2',
  'spark.sql.streaming.stateStore.compression.codec': 'lz4',
  'spark.sql.streaming.stateStore.rocksdb.formatVersion': '5',
  'spark.sql.streaming.statefulOperator.useStrictDistribution': 'true',
  'spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion': '2',
  'spark.sql.streaming.multipleWatermarkPolicy': 'min',
  'spark.sql.streaming.aggregation.stateFormatVersion': '2',
  'spark.sql.shuffle.partitions': '200',
};

const json = (offsets: PartitionOffsets) => JSON.stringify(offsets);

/**
 * The checkpoint folder of checkpoint generation `checkpoint` after the first `upTo` batches of the
 * simulation (in run order): `metadata` (`StreamMetadata`), `sources/0/0` (the Kafka source's
 * initial offsets, `KafkaSourceInitialOffsetWriter`), `offsets/<id>` (`OffsetSeqLog`: "v1", the
 * `OffsetSeqMetadata`, one line per source) and `commits/<id>` (`CommitLog`: "v1",
 * `{"nextBatchWatermarkMs":…}`). A batch that crashed before its commit has an offsets entry only.
 */
export function checkpointAt(simulation: Extract<StreamSimulation, {status: 'ran'}>, checkpoint: number, upTo: number): CheckpointView {
  const batches = simulation.batches.slice(0, upTo).filter((batch) => batch.checkpoint === checkpoint);
  const files: CheckpointFile[] = [];
  const first = batches[0];
  if (!first) return {files, latestOffsets: null, latestCommit: null, restart: {action: 'start'}};
  files.push({path: 'metadata', content: JSON.stringify({id: first.progress.id}), batchId: null});
  files.push({path: 'sources/0/0', content: `\u0000v1\n${json(first.startOffsets)}`, batchId: null});
  const offsets = new Map<number, string>();
  const commits = new Map<number, string>();
  for (const batch of batches) {
    const {batchId} = batch.progress;
    const metadata = {batchWatermarkMs: Date.parse(batch.progress.eventTime?.watermark ?? '1970-01-01T00:00:00Z'), batchTimestampMs: batch.triggerMs, conf: offsetLogConf};
    offsets.set(batchId, `v1\n${JSON.stringify(metadata)}\n${json(batch.progress.sources[0]!.endOffset)}`);
    if (batch.nextBatchWatermarkMs === null) commits.delete(batchId);
    else commits.set(batchId, `v1\n${JSON.stringify({nextBatchWatermarkMs: batch.nextBatchWatermarkMs})}`);
  }
  for (const [batchId, content] of offsets) files.push({path: `offsets/${batchId}`, content, batchId});
  for (const [batchId, content] of commits) files.push({path: `commits/${batchId}`, content, batchId});
  const latestOffsets = Math.max(...offsets.keys());
  const latestCommit = commits.size > 0 ? Math.max(...commits.keys()) : null;
  // MicroBatchExecution.populateStartOffsets: an offsets entry without its commit is run again.
  const restart = latestCommit === latestOffsets ? ({action: 'next', batchId: latestOffsets + 1} as const) : ({action: 'rerun', batchId: latestOffsets} as const);
  return {files, latestOffsets, latestCommit, restart};
}
