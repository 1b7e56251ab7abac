/**
 * Spark Structured Streaming from Kafka to Delta, simulated micro-batch by micro-batch on the
 * generated sensor events: watermarks, windows, output modes, deduplication, faults and sinks.
 */
export {streamSpecSchema, parseStreamSpec, startErrors} from './spec';
export type {StreamSpec, StreamSpecInput, StreamStartError} from './spec';
export {simulateStream, rateLimit, maxTriggers, streamQueryName, streamTargetTable} from './simulate';
export type {PartitionOffsets, SimulatedBatch, SinkWrite, StreamOutcome, StreamSimulation, StreamingQueryProgress} from './simulate';
export {StreamingQueryState} from './microbatch';
export type {BatchExecution, EventTimeStats, InputRow, QueryShape, StateOperatorProgress, WindowRow} from './microbatch';
export {windowsOf} from './windows';
export {murmur2, partitionForKey} from './partitioner';
export {streamTables} from './topic';
export {checkpointAt} from './checkpoint';
export type {CheckpointFile, CheckpointView} from './checkpoint';
export {streamToPySpark} from './export';
export type {StreamExportOptions} from './export';
export {streamBenchmark} from './benchmark';
