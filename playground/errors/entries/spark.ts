import type {ErrorEntryInput} from '../schema';

/**
 * Spark error conditions seen in the plant streams (Structured Streaming, state store, Kafka source,
 * casts, table writes, memory). Codes, SQLSTATEs and message templates are from Spark's condition
 * catalog (master, December 2025) and the Kafka connector catalog; placeholders are `<name>`.
 */
export const sparkErrors: ErrorEntryInput[] = [
  {
    code: 'STREAM_FAILED',
    system: 'Spark',
    sqlState: 'XXKST',
    exceptionClass: 'org.apache.spark.sql.streaming.StreamingQueryException',
    wrapper: true,
    message: 'Query [id = <id>, runId = <runId>] terminated with exception: <message>',
    alsoMatches: ['Query [id = <id>, runId = <runId>] terminated with error'],
    versions: 'Spark 3.4+ (condition name); earlier releases throw the same StreamingQueryException without the bracketed condition. PySpark shows it as pyspark.errors.exceptions.captured.StreamingQueryException.',
    meaning:
      'The streaming query stopped. This is only the wrapper that StreamExecution puts around the real failure; `<message>` is the message of the cause and the cause itself is on the exception chain.',
    causes: [
      'Any failure inside a micro-batch: a cast of a new firmware payload, a Delta write conflict, a Kafka offset that retention removed, a state store that cannot load.',
      'A failure in a foreachBatch function (the silver MERGE), re-raised by Spark.',
      'The task retry limit reached: "Task <n> in stage <m> failed 4 times" inside `<message>` means one task failed spark.task.maxFailures times.',
    ],
    diagnostics: [
      'Read the cause chain from the inside out: the last "Caused by:" line or the innermost bracketed condition is the error to look up.',
      'Record the query id, run id and the last batch id (`query.lastProgress["batchId"]`, or the highest file in <checkpoint>/commits) before restarting anything.',
      'In a StreamingQueryListener, route alerts on `QueryTerminatedEvent.errorClassOnException` (Spark 3.5+), which carries the condition of the cause, not STREAM_FAILED.',
    ],
    fixes: [
      {
        title: 'Classify on the innermost condition, not on STREAM_FAILED',
        language: 'python',
        code: `import re
from pyspark.errors import PySparkException

CONDITION = re.compile(r"\\[([A-Z][A-Z0-9_]*(?:\\.[A-Z][A-Z0-9_]*)?)\\]")

def innermost_condition(e):
    # The outer condition comes first in the text, causes later. With
    # spark.sql.pyspark.jvmStacktrace.enabled=true the "Caused by:" lines are included too.
    found = CONDITION.findall(str(e))
    return found[-1] if found else None

try:
    query.awaitTermination()
except PySparkException as e:
    log.error("stream failed: cause=%s sqlstate=%s", innermost_condition(e), e.getSqlState())
    raise`,
      },
      {
        title: 'Restart on the same checkpoint once the cause is fixed',
        language: 'text',
        code: 'Fix the cause, then start the same query with the same checkpointLocation. Do not delete the checkpoint to "unstick" the stream: it re-reads from startingOffsets and either duplicates or skips plant data.',
      },
    ],
    prevention: [
      'Alert on the cause condition and on batch progress (no new batch for N trigger intervals), not on the text of STREAM_FAILED.',
      'Validate and type payloads before the stateful and Delta stages so that a firmware change lands in quarantine instead of terminating the stream.',
    ],
    related: ['CAST_INVALID_INPUT', 'KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE', 'DELTA_FAILED_TO_MERGE_FIELDS', 'CONCURRENT_STREAM_LOG_UPDATE'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'CONCURRENT_STREAM_LOG_UPDATE',
    system: 'Spark',
    sqlState: '40000',
    exceptionClass: 'org.apache.spark.SparkException',
    message: 'Concurrent update to the log. Multiple streaming jobs detected for <batchId>.\nPlease make sure only one streaming job runs on a specific checkpoint location at a time.',
    alsoMatches: ['Concurrent update to the log. Multiple streaming jobs detected for <batchId>'],
    versions: 'Spark 3.5.0 and later with this condition (QueryExecutionErrors.concurrentStreamLogUpdate). Older 3.x releases fail an assertion with the same first sentence ("assertion failed: Concurrent update to the log. Multiple streaming jobs detected for <batchId>").',
    meaning:
      'Two query runs write the offset log of the same checkpoint: the second one found batch <batchId> already written by the other.',
    causes: [
      'A job retried or re-triggered while the previous run was still alive (max_concurrent_runs above 1, an orchestrator retry after a driver hang).',
      'Two notebooks or two jobs (for example the test-bench and the production copy of a plant job) configured with the same checkpointLocation.',
      'A restart while the old driver was still shutting down on a shared cluster.',
    ],
    diagnostics: [
      'List active runs of the job and any other job that uses the same checkpoint path (`spark.streams.active` on every cluster that can run it).',
      'Compare the modification times and contents of <checkpoint>/offsets/<batchId> with both run ids in the driver logs.',
    ],
    fixes: [
      {
        title: 'Stop the duplicate run, keep one writer per checkpoint',
        language: 'text',
        code: 'Stop the second run. Set max_concurrent_runs: 1 on the job. Give each query its own checkpoint path, derived from its queryName in the bundle: /Volumes/<catalog>/ops/checkpoints/<queryName>, e.g. /Volumes/mfg_prod/ops/checkpoints/silver_sensor_readings.',
      },
    ],
    prevention: [
      'One checkpoint path per query, derived from environment, plant and query name in code, never copied between jobs.',
      'Jobs with max_concurrent_runs: 1 and no retry until the previous run has terminated.',
    ],
    related: ['DELTA_CONCURRENT_TRANSACTION', 'STREAM_FAILED'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE',
    system: 'Spark',
    sqlState: '22000',
    exceptionClass: 'org.apache.spark.sql.kafka010.KafkaIllegalStateException',
    message: 'Some data may have been lost because they are not available in Kafka any more;\neither the data was aged out by Kafka or the topic may have been deleted before all the data in the\ntopic was processed.\nIf you don\'t want your streaming query to fail on such cases, set the source option failOnDataLoss to false.\nReason: Could not read records in offset [<startOffset>, <endOffset>) for topic partition <topicPartition>\nwith consumer group <groupId>.',
    alsoMatches: ['Some data may have been lost because they are not available in Kafka any more'],
    versions: 'Spark 4.0+ (Kafka connector condition KAFKA_DATA_LOSS). Spark 3.x throws a plain java.lang.IllegalStateException whose text contains the same explanation ("Some data may have been lost because they are not available in Kafka any more; ...").',
    meaning:
      'The checkpoint asks for offsets [<startOffset>, <endOffset>) of a partition that the broker no longer holds, and failOnDataLoss is true (the default). Raised by the Kafka source on the executor.',
    causes: [
      'The stream was stopped longer than the topic retention (a weekend outage of a plant job, retention.ms of 3 days on the raw topic).',
      'The topic was deleted and recreated with the same name (offsets restart at 0).',
      'A checkpoint restored from another environment, pointing at offsets that never existed on this cluster.',
    ],
    diagnostics: [
      'Compare the offsets in the latest <checkpoint>/offsets file with the earliest available offsets: `kafka-get-offsets.sh --bootstrap-server <b> --topic <t> --time -2` (Kafka 3.x) or kafka-consumer-groups --describe.',
      'Check the topic retention (retention.ms, retention.bytes) and the topic creation time for recreation.',
      'Estimate the gap in records per partition: earliest available offset minus the checkpoint offset.',
    ],
    fixes: [
      {
        title: 'Decide explicitly about the gap, then restart',
        language: 'python',
        code: `# Option A: accept the loss once, restart on the same checkpoint, then switch back.
(spark.readStream.format("kafka")
    .option("subscribe", "plant.sensor-events.raw")
    .option("failOnDataLoss", "false")   # temporary, remove after the first batch
    ...)
# Option B: backfill the gap from the plant historian or a replayable bronze copy,
# then restart with failOnDataLoss=true.`,
      },
    ],
    prevention: [
      'Topic retention longer than the longest tolerated outage plus the time to notice it (alert on query inactivity, not only on failure).',
      'Keep a replayable bronze table of the raw payload so a Kafka gap can be backfilled.',
      'Never recreate a topic that running checkpoints read; create a new topic name instead.',
    ],
    related: ['KAFKA_DATA_LOSS.START_OFFSET_RESET', 'KAFKA_DATA_LOSS.PARTITION_OFFSET_CHANGED', 'KAFKA_DATA_LOSS.PARTITIONS_DELETED', 'STREAM_FAILED'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'KAFKA_DATA_LOSS.START_OFFSET_RESET',
    system: 'Spark',
    sqlState: '22000',
    exceptionClass: 'org.apache.spark.sql.kafka010.KafkaIllegalStateException',
    message: 'Some data may have been lost because they are not available in Kafka any more;\neither the data was aged out by Kafka or the topic may have been deleted before all the data in the\ntopic was processed.\nIf you don\'t want your streaming query to fail on such cases, set the source option failOnDataLoss to false.\nReason: Starting offset for <topicPartition> was <offset> but consumer reset to <fetchedOffset>.',
    versions: 'Spark 4.0+ (condition); Spark 3.x reports the same situation as a java.lang.IllegalStateException without a condition.',
    meaning:
      'The consumer was positioned at the offset recorded for the batch, but the broker reset it to <fetchedOffset>: the requested offset is out of range on the broker.',
    causes: [
      'Retention deleted segments between planning and reading a batch (a lagging stream close to the retention edge).',
      'Log truncation after an unclean leader election on the plant Kafka cluster.',
    ],
    diagnostics: [
      'Compare <offset> and <fetchedOffset> with the partition earliest and latest offsets.',
      'Check broker logs for unclean leader election or truncation on that partition at the time of the batch.',
    ],
    fixes: [
      {
        title: 'Same decision as for COULD_NOT_READ_OFFSET_RANGE',
        language: 'text',
        code: 'Accept the loss with a one-time failOnDataLoss=false restart, or backfill the missing range from bronze or the historian first. Keep the checkpoint.',
      },
    ],
    prevention: [
      'Alert on consumer lag against retention (lag in time, not only in records).',
      'unclean.leader.election.enable=false on plant topics.',
    ],
    related: ['KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'KAFKA_DATA_LOSS.PARTITION_OFFSET_CHANGED',
    system: 'Spark',
    sqlState: '22000',
    exceptionClass: 'org.apache.spark.sql.kafka010.KafkaIllegalStateException',
    message: 'Some data may have been lost because they are not available in Kafka any more;\neither the data was aged out by Kafka or the topic may have been deleted before all the data in the\ntopic was processed.\nIf you don\'t want your streaming query to fail on such cases, set the source option failOnDataLoss to false.\nReason: Partition <topicPartition> offset was changed from <prevOffset> to <newOffset>.\nThis could be either 1) a user error that the start offset is set beyond available offset when starting query, or 2) the kafka topic-partition is deleted and re-created.',
    versions: 'Spark 4.0+ (condition); Spark 3.x reports the same situation as a java.lang.IllegalStateException without a condition.',
    meaning:
      'The latest offset of a partition went backwards between two batches: the partition is not the one the checkpoint knew.',
    causes: [
      'The topic was deleted and recreated (an environment refresh, a Kafka cluster migration for a plant).',
      'startingOffsets set to JSON offsets beyond the end of the partition on a fresh checkpoint.',
    ],
    diagnostics: [
      'Check topic creation time and the platform team change log.',
      'Compare <prevOffset> with the current end offset of the partition.',
    ],
    fixes: [
      {
        title: 'Treat it as a new topic',
        language: 'text',
        code: 'If the topic was recreated, the old checkpoint offsets are meaningless: start a new checkpoint with startingOffsets=earliest for the new topic and backfill the gap from bronze. If the start offset was wrong, correct startingOffsets on a new checkpoint.',
      },
    ],
    prevention: ['Announce topic recreation as a breaking change; give recreated topics a new name or version suffix.'],
    related: ['KAFKA_DATA_LOSS.PARTITIONS_DELETED', 'KAFKA_DATA_LOSS.COULD_NOT_READ_OFFSET_RANGE'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'KAFKA_DATA_LOSS.PARTITIONS_DELETED',
    system: 'Spark',
    sqlState: '22000',
    exceptionClass: 'org.apache.spark.sql.kafka010.KafkaIllegalStateException',
    message: 'Some data may have been lost because they are not available in Kafka any more;\neither the data was aged out by Kafka or the topic may have been deleted before all the data in the\ntopic was processed.\nIf you don\'t want your streaming query to fail on such cases, set the source option failOnDataLoss to false.\nReason: Partitions <partitions> have been deleted.',
    versions: 'Spark 4.0+ (condition). When the query sets kafka.group.id the sub-condition is PARTITIONS_DELETED_AND_GROUP_ID_CONFIG_PRESENT instead, with a warning about shared group ids.',
    meaning: 'Partitions present in the checkpoint are missing from the topic metadata.',
    causes: [
      'The topic was deleted (and maybe recreated with fewer partitions).',
      'A subscribePattern query whose pattern no longer matches a plant topic after it was renamed.',
    ],
    diagnostics: [
      'kafka-topics --describe --topic <t>: compare the partition count with the partitions in the latest checkpoint offsets file.',
      'For subscribePattern queries, list the topics the pattern matches now.',
    ],
    fixes: [
      {
        title: 'Restore access or restart on a new checkpoint',
        language: 'text',
        code: 'If the pattern or subscription is wrong, correct it and restart on the same checkpoint. If the topic really lost partitions, start a new checkpoint and backfill from bronze.',
      },
    ],
    prevention: ['Kafka topics may only grow partitions; deletions go through a migration plan with new checkpoints.'],
    related: ['KAFKA_DATA_LOSS.PARTITION_OFFSET_CHANGED'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE',
    system: 'Spark',
    sqlState: 'XXKST',
    exceptionClass: 'org.apache.spark.sql.execution.streaming.state.StateStoreKeySchemaNotCompatible',
    message: 'Provided key schema does not match existing state key schema.\nPlease check number and type of fields.\nExisting key_schema=<storedKeySchema> and new key_schema=<newKeySchema>.\nIf you want to force running the query without schema validation, please set spark.sql.streaming.stateStore.stateSchemaCheck to false.\nHowever, please note that running the query with incompatible schema could cause non-deterministic behavior.',
    alsoMatches: ["Provided schema doesn't match to the schema for existing state!"],
    versions: 'Spark 4.0+ (a SparkUnsupportedOperationException subclass). Spark 3.x throws StateSchemaNotCompatible with "Provided schema doesn\'t match to the schema for existing state!".',
    meaning:
      'A stateful operator (aggregation, dropDuplicates, stream-stream join) restarted with grouping keys whose types or number differ from the keys stored in the checkpoint.',
    causes: [
      'A deployment changed the grouping keys, e.g. window(event_time) plus machine_id becomes plant_id plus machine_id.',
      'A key column changed type upstream (machine_id INT from old gateways, STRING from new ones) or a Delta source column was widened.',
    ],
    diagnostics: [
      'Read the stored key schema in the message (existing key_schema) against the new one; the state schema files are under <checkpoint>/state/<operatorId>/_metadata.',
      'Diff the deployed code against the last version that ran on this checkpoint.',
    ],
    fixes: [
      {
        title: 'Revert the key change, or start a new checkpoint on purpose',
        language: 'text',
        code: 'Revert the key change to keep the state. If the change is intended, run the new query on a new checkpoint, start it from offsets that cover the state window (e.g. the last 24 h for a 24 h window) and reconcile the overlap in the sink with a MERGE on the window key.',
      },
    ],
    prevention: [
      'Cast grouping keys explicitly before stateful operators so upstream type changes do not reach the state.',
      'Treat changes to stateful operators as migrations with a new checkpoint, reviewed like schema changes.',
      'Do not set spark.sql.streaming.stateStore.stateSchemaCheck=false to silence it: the state is then read with the wrong layout.',
    ],
    related: ['STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE', 'STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE',
    system: 'Spark',
    sqlState: 'XXKST',
    exceptionClass: 'org.apache.spark.sql.execution.streaming.state.StateStoreValueSchemaNotCompatible',
    message: 'Provided value schema does not match existing state value schema.\nPlease check number and type of fields.\nExisting value_schema=<storedValueSchema> and new value_schema=<newValueSchema>.\nIf you want to force running the query without schema validation, please set spark.sql.streaming.stateStore.stateSchemaCheck to false.\nHowever, please note that running the query with incompatible schema could cause non-deterministic behavior.',
    alsoMatches: ["Provided schema doesn't match to the schema for existing state!"],
    versions: 'Spark 4.0+ (a SparkUnsupportedOperationException subclass); Spark 3.x reports it as StateSchemaNotCompatible.',
    meaning: 'The aggregation buffer or the stored row of a stateful operator changed shape between restarts.',
    causes: [
      'A new aggregate added to a windowed aggregation (avg(vibration_rms) next to max(temperature)).',
      'A column carried through dropDuplicates or a join changed type, e.g. after a firmware change widened a reading.',
    ],
    diagnostics: ['Compare the existing and new value_schema in the message; diff the aggregation list against the last deployed version.'],
    fixes: [
      {
        title: 'Keep aggregates stable or migrate with a new checkpoint',
        language: 'text',
        code: 'Revert the aggregate change, or run the changed query on a new checkpoint and backfill the open windows, as for STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE.',
      },
    ],
    prevention: ['Add new metrics in a separate query or in the downstream batch layer instead of in a running stateful aggregation.'],
    related: ['STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA',
    system: 'Spark',
    sqlState: '42K03',
    exceptionClass: 'org.apache.spark.SparkRuntimeException',
    message: 'Streaming stateful operator name does not match with the operator in state metadata. This likely to happen when user adds/removes/changes stateful operator of existing streaming query.\nStateful operators in the metadata: [<OpsInMetadataSeq>]; Stateful operators in current batch: [<OpsInCurBatchSeq>].',
    versions: 'Spark 3.5+ as far as checked (needs the operator state metadata written into the checkpoint); confirmed in the 4.x source.',
    meaning:
      'The restarted query has a different set or order of stateful operators than the one recorded in the checkpoint state metadata.',
    causes: [
      'A deployment added, removed or reordered stateful operators: a dropDuplicates added before the windowed aggregation, a stream-stream join replaced by a lookup.',
      'Two different queries pointed at the same checkpoint location.',
    ],
    diagnostics: ['The message lists operator ids and names from the metadata and from the current batch; compare them with the physical plan of the new code (`query.explain()`).'],
    fixes: [
      {
        title: 'Restore the operator layout or start a new checkpoint',
        language: 'text',
        code: 'Redeploy the previous code to drain, or start the new query on a new checkpoint with offsets chosen to rebuild the state, and reconcile the overlap in the sink.',
      },
    ],
    prevention: ['Pin the operator layout of stateful queries; review any change to dropDuplicates, groupBy, joins or flatMapGroupsWithState as a checkpoint migration.'],
    related: ['STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE', 'CONCURRENT_STREAM_LOG_UPDATE'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS',
    system: 'Spark',
    sqlState: '58030',
    exceptionClass: 'org.apache.spark.SparkException',
    message: 'An error occurred during loading state. Error reading delta file <fileToRead> of <clazz>: <fileToRead> does not exist.',
    alsoMatches: ['Error reading delta file <fileToRead> of <clazz>: <fileToRead> does not exist'],
    versions: 'Spark 3.5+ with the condition (HDFS-backed state store). Older releases throw java.lang.IllegalStateException with the same text. "delta file" here is a state store file (<version>.delta), not Delta Lake.',
    meaning:
      'The HDFS-backed state store cannot rebuild the state of a partition because a <version>.delta file of the checkpoint is missing.',
    causes: [
      'Files deleted from the checkpoint by hand or by a storage lifecycle rule on the checkpoint bucket.',
      'A checkpoint copied partially between storage accounts.',
    ],
    diagnostics: [
      'List <checkpoint>/state/<operatorId>/<partitionId>/ and compare the .delta and .snapshot versions with the batch id in <checkpoint>/commits.',
      'Check lifecycle policies and recent deletions on the checkpoint storage.',
    ],
    fixes: [
      {
        title: 'Restore the files or rebuild the state in a new checkpoint',
        language: 'text',
        code: 'Restore the missing files from storage versioning or backup and restart on the same checkpoint. Otherwise start a new checkpoint with offsets that cover the state window and reconcile the sink.',
      },
    ],
    prevention: ['No lifecycle or cleanup rules on checkpoint paths; soft delete or versioning enabled on the checkpoint storage.'],
    related: ['STREAMING_STATEFUL_OPERATOR_NOT_MATCH_IN_STATE_METADATA', 'CANNOT_LOAD_STATE_STORE.HDFS_STORE_PROVIDER_OUT_OF_MEMORY'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'CANNOT_LOAD_STATE_STORE.HDFS_STORE_PROVIDER_OUT_OF_MEMORY',
    system: 'Spark',
    sqlState: '58030',
    exceptionClass: 'org.apache.spark.SparkException',
    message: 'An error occurred during loading state. Could not load HDFS state store with id <stateStoreId> because of an out of memory exception.',
    versions: 'Spark 4.x catalog (QueryExecutionErrors.notEnoughMemoryToLoadStore, cause: the OutOfMemoryError). Older releases show the java.lang.OutOfMemoryError directly.',
    meaning:
      'The default HDFS-backed state store keeps every state row of a partition on the executor heap, and loading it ran out of memory.',
    causes: [
      'State without a watermark (dropDuplicates on event_id or an aggregation by machine_id with no time bound) growing since the query started.',
      'A new plant or a high-rate test bench multiplying the number of keys.',
    ],
    diagnostics: ['In query progress, stateOperators[].numRowsTotal and memoryUsedBytes growing without bound; executor heap dumps dominated by UnsafeRow.'],
    fixes: [
      {
        title: 'Bound the state and move it off heap',
        language: 'python',
        code: `spark.conf.set("spark.sql.streaming.stateStore.providerClass",
    "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")  # new checkpoint
deduped = (events.withWatermark("event_time", "2 hours")
    .dropDuplicatesWithinWatermark(["event_id"]))  # Spark 3.5+`,
      },
    ],
    prevention: ['Every stateful operator has a watermark; the state store provider is chosen before the first run, since switching needs a new checkpoint.'],
    related: ['CANNOT_LOAD_STATE_STORE.ROCKSDB_STORE_PROVIDER_OUT_OF_MEMORY', 'UNSUPPORTED_STREAMING_OPERATOR_WITHOUT_WATERMARK', 'UNABLE_TO_ACQUIRE_MEMORY'],
    playbook: 'out-of-memory-errors',
  },
  {
    code: 'CANNOT_LOAD_STATE_STORE.ROCKSDB_STORE_PROVIDER_OUT_OF_MEMORY',
    system: 'Spark',
    sqlState: '58030',
    exceptionClass: 'org.apache.spark.SparkException',
    message: 'An error occurred during loading state. Could not load RocksDB state store with id <stateStoreId> because of an out of memory exception.',
    versions: 'Spark 4.x catalog; older releases show the underlying OutOfMemoryError.',
    meaning: 'Loading a RocksDB state store instance (its snapshot and changelog replay) ran out of memory on the executor.',
    causes: [
      'Very large state per partition (few shuffle partitions for many machines).',
      'RocksDB block cache and write buffers not bounded, so many state store instances on one executor compete for memory.',
    ],
    diagnostics: ['stateOperators[].customMetrics (rocksdbTotalBytesRead, rocksdbPinnedBlocksMemoryUsage) and executor memory in the Spark UI.'],
    fixes: [
      {
        title: 'Bound RocksDB memory',
        language: 'properties',
        code: `spark.sql.streaming.stateStore.rocksdb.boundedMemoryUsage=true
spark.sql.streaming.stateStore.rocksdb.maxMemoryUsageMB=<per-executor budget>`,
      },
    ],
    prevention: ['Watermarks on all stateful operators; size executor memory overhead for RocksDB (it is native memory, not heap).'],
    related: ['CANNOT_LOAD_STATE_STORE.HDFS_STORE_PROVIDER_OUT_OF_MEMORY'],
    playbook: 'out-of-memory-errors',
  },
  {
    code: 'UNSUPPORTED_STREAMING_OPERATOR_WITHOUT_WATERMARK',
    system: 'Spark',
    sqlState: '0A000',
    exceptionClass: 'org.apache.spark.sql.AnalysisException',
    message: '<outputMode> output mode not supported for <statefulOperator> on streaming DataFrames/DataSets without watermark.',
    alsoMatches: ['output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark'],
    versions: 'Spark 4.x catalog. Older releases raise an AnalysisException with text such as "Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark". Exception class stated as the general AnalysisException (not verified further).',
    meaning: 'The query is rejected at start: in this output mode the stateful operator can only emit results once a watermark closes the window.',
    causes: ['A windowed aggregation of machine readings written in append mode to Delta without withWatermark on the event time column.'],
    diagnostics: ['Check that withWatermark is applied to the same column that the window uses, before the aggregation.'],
    fixes: [
      {
        title: 'Add the watermark on the event-time column',
        language: 'python',
        code: `agg = (readings.withWatermark("event_time", "10 minutes")
    .groupBy(F.window("event_time", "1 minute"), "plant_id", "machine_id")
    .agg(F.max("temperature").alias("max_temperature")))`,
      },
    ],
    prevention: ['Choose the watermark from the measured lateness of plant gateways (buffering during network outages), and document it next to the query.'],
    related: ['CANNOT_LOAD_STATE_STORE.HDFS_STORE_PROVIDER_OUT_OF_MEMORY'],
    playbook: 'out-of-memory-errors',
  },
  {
    code: 'CAST_INVALID_INPUT',
    system: 'Spark',
    sqlState: '22018',
    exceptionClass: 'org.apache.spark.SparkNumberFormatException',
    message: 'The value <expression> of the type <sourceType> cannot be cast to <targetType> because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead.',
    alsoMatches: [
      'The value <expression> of the type <sourceType> cannot be cast to <targetType> because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead. If necessary set <ansiConfig> to "false" to bypass this error.',
    ],
    versions: 'Spark 3.4+ under ANSI mode (default from Spark 4.0). The older template ends with "If necessary set <ansiConfig> to "false" to bypass this error."; the newest catalog drops that sentence. Casts to DATE/TIMESTAMP raise it as org.apache.spark.SparkDateTimeException.',
    meaning: 'An ANSI cast met a value that is not valid for the target type, for example the string n/a cast to DOUBLE.',
    causes: [
      'New firmware sends placeholders ("N/A", "--", "NaN%") or units ("1450 rpm") in a numeric field.',
      'A decimal comma from a plant with a German locale ("21,5") cast to DOUBLE.',
      'Spark 4.0 upgrade: the same cast returned NULL silently under Spark 3.x defaults.',
    ],
    diagnostics: [
      'The value and the target type are in the message; the query context (Spark 4.0) points at the expression.',
      'Find the source rows: `bronze.filter(F.col("payload.temperature").isNotNull() & F.expr("try_cast(payload.temperature AS DOUBLE)").isNull())`, grouped by plant_id and firmware_version.',
    ],
    fixes: [
      {
        title: 'try_cast and quarantine the rows that became NULL',
        language: 'python',
        code: `parsed = df.withColumn("temperature_c", F.expr("try_cast(temperature AS DOUBLE)"))
bad = parsed.filter(F.col("temperature").isNotNull() & F.col("temperature_c").isNull())
bad.write.mode("append").saveAsTable("mfg_prod.ops.quarantine_telemetry_bad_values")
good = parsed.filter(~(F.col("temperature").isNotNull() & F.col("temperature_c").isNull()))`,
      },
      {
        title: 'Normalise known plant formats before the cast',
        language: 'sql',
        code: "SELECT try_cast(regexp_replace(temperature, ',', '.') AS DOUBLE) AS temperature_c FROM bronze_telemetry",
      },
    ],
    prevention: [
      'Keep bronze as STRING or VARIANT and type in silver with try_cast plus a quarantine table.',
      'A payload contract per firmware version, checked in the Kafka Streams preprocessing or the schema registry.',
      'Do not turn ANSI mode off globally to silence it; it hides the same bad values as NULLs.',
    ],
    related: ['CAST_OVERFLOW', 'DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION', 'STREAM_FAILED', 'TASK_WRITE_FAILED'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'CAST_OVERFLOW',
    system: 'Spark',
    sqlState: '22003',
    exceptionClass: 'org.apache.spark.SparkArithmeticException',
    message: 'The value <value> of the type <sourceType> cannot be cast to <targetType> due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead.',
    alsoMatches: [
      'The value <value> of the type <sourceType> cannot be cast to <targetType> due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead. If necessary set <ansiConfig> to "false" to bypass this error.',
    ],
    versions: 'Spark 3.4+ under ANSI mode (default from Spark 4.0); older templates end with the ansiConfig sentence.',
    meaning: 'An explicit or implicit cast produced a value outside the range of the target type.',
    causes: [
      'cycle_counter or energy counters passing 2,147,483,647 cast to INT.',
      'Millisecond epoch timestamps cast to INT.',
      'A DOUBLE reading cast to a DECIMAL with too few integer digits.',
    ],
    diagnostics: ['Check max() of the source column per machine against the target type range.'],
    fixes: [
      {
        title: 'Use a wider type, or try_cast and quarantine',
        language: 'python',
        code: 'df = df.withColumn("cycle_counter", F.col("cycle_counter").cast("bigint"))',
      },
    ],
    prevention: ['Counters are BIGINT from the start; decimal precision chosen from the sensor range plus margin.'],
    related: ['CAST_OVERFLOW_IN_TABLE_INSERT', 'DELTA_CAST_OVERFLOW_IN_TABLE_WRITE', 'CAST_INVALID_INPUT'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'CAST_OVERFLOW_IN_TABLE_INSERT',
    system: 'Spark',
    sqlState: '22003',
    exceptionClass: 'org.apache.spark.SparkArithmeticException',
    message: 'Fail to assign a value of <sourceType> type to the <targetType> type column or variable <columnName> due to an overflow. Use `try_cast` on the input value to tolerate overflow and return NULL instead.',
    alsoMatches: ['Fail to insert a value of <sourceType> type into the <targetType> type column <columnName> due to an overflow.'],
    versions: 'Spark 3.4+. Spark 3.4/3.5 word it "Fail to insert a value of ... type column ..." (recalled wording, not re-checked); the newest catalog says "assign" and "column or variable". Delta raises its own DELTA_CAST_OVERFLOW_IN_TABLE_WRITE for UPDATE and MERGE.',
    meaning: 'A table insert cast a source value to the narrower column type under the ANSI store assignment policy (the default) and it did not fit.',
    causes: [
      'INSERT INTO a table whose cycle_counter is INT with BIGINT values from newer test stands.',
      'A streaming write into a Delta table with type widening where the batch type is wider than the column and schema evolution is off.',
    ],
    diagnostics: ['The column is in the message; compare the source maximum with the column type (`DESCRIBE TABLE`).'],
    fixes: [
      {
        title: 'Widen the column (Delta 4.0+ type widening) or write to a versioned column',
        language: 'sql',
        code: `ALTER TABLE mfg_prod.silver.test_cycles SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true');
ALTER TABLE mfg_prod.silver.test_cycles ALTER COLUMN cycle_counter TYPE BIGINT;`,
      },
    ],
    prevention: ['Schema review of counter ranges when a new equipment vendor is onboarded.'],
    related: ['DELTA_CAST_OVERFLOW_IN_TABLE_WRITE', 'CAST_OVERFLOW', 'TASK_WRITE_FAILED'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION',
    system: 'Spark',
    sqlState: '42K09',
    exceptionClass: 'org.apache.spark.sql.AnalysisException',
    message: 'Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to <targetType>.',
    versions: 'Spark 3.4+ (DATATYPE_MISMATCH sub-conditions). Raised at analysis time as an AnalysisException (ExtendedAnalysisException in Spark 4.x).',
    meaning: 'The query casts between two types that have no cast at all, so it fails before any data is read.',
    causes: [
      'Casting a JSON string to a struct or map (customExtension arrives as a string and the code casts it to MAP<STRING,STRING>).',
      'Casting a struct from new firmware to a different struct shape.',
    ],
    diagnostics: ['The expression and both types are in the message; print the source schema (`df.printSchema()`) for the firmware versions involved.'],
    fixes: [
      {
        title: 'Parse instead of cast',
        language: 'python',
        code: 'df = df.withColumn("customExtension", F.from_json("customExtension", "MAP<STRING,STRING>"))',
      },
    ],
    prevention: ['Parse JSON payloads once, in silver, with an explicit schema per firmware version.'],
    related: ['DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION', 'CAST_INVALID_INPUT'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION',
    system: 'Spark',
    sqlState: '42K09',
    exceptionClass: 'org.apache.spark.sql.AnalysisException',
    message: 'Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to <targetType>.\nTo convert values from <srcType> to <targetType>, you can use the functions <functionNames> instead.',
    versions: 'Spark 3.4+ under ANSI mode (default from Spark 4.0); without ANSI the same cast is allowed and interprets numbers as seconds.',
    meaning:
      'ANSI mode forbids casting numbers to TIMESTAMP or DATE and back; Spark names the functions to use instead (`TIMESTAMP_SECONDS`/`TIMESTAMP_MILLIS`/`TIMESTAMP_MICROS`, `UNIX_SECONDS`/..., `DATE_FROM_UNIX_DATE`, `UNIX_DATE`).',
    causes: ['Gateways send event time as epoch milliseconds and the job casts it to TIMESTAMP; code that worked on Spark 3.x without ANSI fails after the 4.0 upgrade.'],
    diagnostics: ['Check the unit of the epoch values (10 digits: seconds, 13: milliseconds) per gateway type.'],
    fixes: [
      {
        title: 'Use the named conversion function',
        language: 'python',
        code: 'df = df.withColumn("event_time", F.expr("timestamp_millis(event_ts_ms)"))',
      },
    ],
    prevention: ['Document the epoch unit per gateway in the payload contract; convert in one shared function.'],
    related: ['DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE',
    system: 'Spark',
    sqlState: '42825',
    exceptionClass: 'org.apache.spark.SparkException',
    message: 'Failed to merge incompatible data types <left> and <right>. Please check the data types of the columns being merged and ensure that they are compatible. If necessary, consider casting the columns to compatible data types before attempting the merge.',
    alsoMatches: ["Failed to merge fields '<leftName>' and '<rightName>'. <message>"],
    versions: 'Spark 3.4+ (replaced _LEGACY_ERROR_TEMP_2123/2125, SPARK-42318/42319). Types print in SQL form ("FLOAT", "BIGINT"). Not the Delta error: Delta table writes raise DELTA_MERGE_INCOMPATIBLE_DATATYPE.',
    meaning: "Spark's own schema merge (StructType.merge) found a field with two types that cannot be merged.",
    causes: [
      'Reading a folder of Parquet files with mergeSchema=true where old gateway exports wrote temperature as FLOAT and new ones as BIGINT.',
      'Spark declarative pipelines or other callers of StructType.merge over batches with different types.',
    ],
    diagnostics: ['Read the footers per file (`spark.read.parquet(path_of_one_file).schema`) to find which export wrote which type.'],
    fixes: [
      {
        title: 'Read each schema generation separately and cast before the union',
        language: 'python',
        code: `old = spark.read.parquet("/landing/plant_a/2024/").withColumn("temperature", F.col("temperature").cast("double"))
new = spark.read.parquet("/landing/plant_a/2025/").withColumn("temperature", F.col("temperature").cast("double"))
df = old.unionByName(new, allowMissingColumns=True)`,
      },
    ],
    prevention: ['Land files into bronze Delta tables instead of reading raw folders with mergeSchema.'],
    related: ['DELTA_MERGE_INCOMPATIBLE_DATATYPE', 'DELTA_FAILED_TO_MERGE_FIELDS'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'CANNOT_UP_CAST_DATATYPE',
    system: 'Spark',
    sqlState: '42846',
    exceptionClass: 'org.apache.spark.sql.AnalysisException',
    message: 'Cannot up cast <expression> from <sourceType> to <targetType>.\n<details>',
    versions: 'Spark 3.x and 4.x (QueryCompilationErrors.upCastFailureError).',
    meaning: 'Spark needs a cast that cannot lose information (an up-cast) and the requested one can.',
    causes: [
      'A typed Dataset conversion (`.as[Reading]` in Scala) where the case class field is Int and the column became BIGINT.',
      'A table write with spark.sql.storeAssignmentPolicy=STRICT of BIGINT data into an INT column.',
    ],
    diagnostics: ['The expression path and both types are in the message; `<details>` names the path inside the object for typed conversions.'],
    fixes: [
      {
        title: 'Align the target type with the data',
        language: 'scala',
        code: `case class Reading(machineId: String, cycleCounter: Long)  // was Int
val ds = df.as[Reading]`,
      },
    ],
    prevention: ['Generate case classes from the silver table schema; keep counters as Long.'],
    related: ['INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST', 'CAST_OVERFLOW_IN_TABLE_INSERT'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'UNRESOLVED_COLUMN.WITH_SUGGESTION',
    system: 'Spark',
    sqlState: '42703',
    exceptionClass: 'org.apache.spark.sql.AnalysisException',
    message: 'A column, variable, or function parameter with name <objectName> cannot be resolved. Did you mean one of the following? [<proposal>].',
    alsoMatches: ['A column or function parameter with name <objectName> cannot be resolved. Did you mean one of the following? [<proposal>].'],
    versions: 'Spark 3.4+; 3.4 and 3.5 say "A column or function parameter with name", newer releases add "variable". Spark 3.3 used MISSING_COLUMN.',
    meaning: 'The query references a column that does not exist in its input; Spark lists the closest names.',
    causes: [
      'A firmware release renamed a payload field (spindleSpeed becomes spindle_rpm) and the silver transformation still selects the old name.',
      'Case or nesting changes: telemetry.rpm moved under telemetry.spindle.rpm.',
      'A column dropped from a Delta source with column mapping.',
    ],
    diagnostics: ['Compare the proposals in the message with the select list; `df.schema.simpleString()` per firmware version.'],
    fixes: [
      {
        title: 'Select the field defensively across firmware versions',
        language: 'python',
        code: `cols = set(df.columns)
rpm = F.col("spindle_rpm") if "spindle_rpm" in cols else F.col("spindleSpeed")
df = df.withColumn("spindle_rpm", rpm)`,
      },
    ],
    prevention: ['Renames in payloads are breaking changes: ship both names for a transition period and test silver against sample payloads of every firmware in the fleet.'],
    related: ['DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH', 'TABLE_OR_VIEW_NOT_FOUND'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST',
    system: 'Spark',
    sqlState: 'KD000',
    exceptionClass: 'org.apache.spark.sql.AnalysisException',
    message: 'Cannot write incompatible data for the table <tableName>: Cannot safely cast <colName> <srcType> to <targetType>.',
    versions: 'Spark 3.5+ (Spark 3.4 named the condition INCOMPATIBLE_DATA_TO_TABLE). Raised by Spark\'s table-output resolution; Delta writes usually report their own DELTA_* conditions for the same mismatch.',
    meaning: 'An INSERT or a DataFrameWriterV2 write needs a cast that the store assignment policy (ANSI by default) does not allow, such as STRING to INT.',
    causes: [
      'INSERT INTO a typed extract table (Parquet, JDBC or catalog table) from a silver view where a reading is still STRING.',
      'A writeTo(...).append() with a DOUBLE reading into a DECIMAL or INT column.',
    ],
    diagnostics: ['Column, source type and target type are in the message; compare `df.schema` with `DESCRIBE TABLE`.'],
    fixes: [
      {
        title: 'Cast explicitly before the write',
        language: 'sql',
        code: 'INSERT INTO mfg_prod.gold.machine_kpis SELECT plant_id, machine_id, try_cast(oee AS DECIMAL(5,4)) AS oee FROM kpi_batch',
      },
    ],
    prevention: ['The last select before a write casts every column to the target type, generated from the table schema.'],
    related: ['INCOMPATIBLE_DATA_FOR_TABLE.EXTRA_COLUMNS', 'CANNOT_UP_CAST_DATATYPE', 'CAST_INVALID_INPUT'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'INCOMPATIBLE_DATA_FOR_TABLE.EXTRA_COLUMNS',
    system: 'Spark',
    sqlState: 'KD000',
    exceptionClass: 'org.apache.spark.sql.AnalysisException',
    message: 'Cannot write incompatible data for the table <tableName>: Cannot write extra columns <extraColumns>.',
    versions: 'Spark 3.5+ (INCOMPATIBLE_DATA_TO_TABLE in 3.4). For Delta sinks the same situation without mergeSchema is usually DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH.',
    meaning: 'The data written by name has columns that the target table does not have, and schema evolution does not apply to this write.',
    causes: ['A new field from firmware (load_pct) flows through `select("*")` into an INSERT into a fixed-schema extract or catalog table.'],
    diagnostics: ['The extra columns are listed in the message.'],
    fixes: [
      {
        title: 'Select the target columns explicitly, or evolve the table on purpose',
        language: 'python',
        code: `target_cols = spark.table("mfg_prod.gold.machine_kpis").columns
df.select(*target_cols).writeTo("mfg_prod.gold.machine_kpis").append()`,
      },
    ],
    prevention: ['No select("*") between silver and typed targets; new fields are added to targets by a reviewed ALTER TABLE.'],
    related: ['INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST', 'DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DIVIDE_BY_ZERO',
    system: 'Spark',
    sqlState: '22012',
    exceptionClass: 'org.apache.spark.SparkArithmeticException',
    message: 'Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set <config> to "false" to bypass this error.',
    versions: 'Spark 3.3+ under ANSI mode (default from Spark 4.0); without ANSI the division returns NULL.',
    meaning: 'A division by zero under ANSI mode fails the task instead of returning NULL.',
    causes: [
      'KPI ratios at shift start or on idle machines: good_count / total_count, runtime / planned_time with planned_time = 0.',
      'Rates per window where a gateway sent no samples.',
    ],
    diagnostics: ['Find the rows with a zero denominator per machine and window in the input of the failing stage.'],
    fixes: [
      {
        title: 'try_divide or an explicit rule for zero',
        language: 'sql',
        code: 'SELECT machine_id, try_divide(good_count, total_count) AS quality_rate FROM shift_counts',
      },
    ],
    prevention: ['Define the KPI value for empty shifts (NULL or excluded) in the KPI specification and encode it once.'],
    related: ['CAST_OVERFLOW', 'TASK_WRITE_FAILED'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'UNABLE_TO_ACQUIRE_MEMORY',
    system: 'Spark',
    sqlState: '53200',
    exceptionClass: 'org.apache.spark.memory.SparkOutOfMemoryError',
    message: 'Unable to acquire <requestedBytes> bytes of memory, got <receivedBytes>.',
    alsoMatches: ['Unable to acquire <requestedBytes> bytes of memory, got <receivedBytes>'],
    versions: 'Recent releases (3.4+ as far as checked; Spark 4.x source confirmed) with the condition; older releases throw SparkOutOfMemoryError with the same words and no condition.',
    meaning: 'A task asked the execution memory manager for a page (sort, hash aggregation, join) and even after spilling it could not get it.',
    causes: [
      'One huge partition: a skewed key such as a high-rate test bench, or machine_id = null from gateways that lost their configuration.',
      'Row explosion before a shuffle (explode of customExtension maps, then groupBy/pivot).',
      'Too few shuffle partitions for the data volume of a backfill.',
    ],
    diagnostics: [
      'Spark UI, failed stage: task summary, max against the 75th percentile of shuffle read and of spill; the failing task input size.',
      'Count rows per key of the shuffle: `df.groupBy("plant_id", "machine_id").count().orderBy(F.desc("count"))`.',
    ],
    fixes: [
      {
        title: 'Spread the hot key or increase partitions (batch)',
        language: 'python',
        code: `spark.conf.set("spark.sql.adaptive.enabled", "true")
spark.conf.set("spark.sql.adaptive.skewJoin.enabled", "true")
spark.conf.set("spark.sql.shuffle.partitions", "800")   # backfill only; fixed in the checkpoint for stateful streams
nulls = df.filter(F.col("machine_id").isNull())          # route null keys separately
df = df.filter(F.col("machine_id").isNotNull())`,
      },
    ],
    prevention: ['Monitor per-key volume of new plants and test benches; salt known hot keys in streaming, where AQE does not apply.'],
    related: ['CANNOT_LOAD_STATE_STORE.HDFS_STORE_PROVIDER_OUT_OF_MEMORY', 'TASK_WRITE_FAILED'],
    playbook: 'out-of-memory-errors',
  },
  {
    code: 'FAILED_READ_FILE.FILE_NOT_EXIST',
    system: 'Spark',
    sqlState: 'KD001',
    exceptionClass: 'org.apache.spark.SparkException',
    message: 'Encountered error while reading file <path>. File does not exist. It is possible the underlying files have been updated.\nYou can explicitly invalidate the cache in Spark by running \'REFRESH TABLE tableName\' command in SQL or by recreating the Dataset/DataFrame involved.',
    alsoMatches: ['It is possible the underlying files have been updated.'],
    versions: 'Spark 4.0+ (QueryExecutionErrors.fileNotExistError, cause java.io.FileNotFoundException). Spark 3.x throws a FileNotFoundException whose text ends with the same REFRESH TABLE hint. Databricks may report FAILED_READ_FILE.DBR_FILE_NOT_EXIST instead.',
    meaning: 'A scan planned on a list of files found one of them gone when the task opened it.',
    causes: [
      'VACUUM with a short retention removed files that a long backfill, a time-travel query or a lagging Delta stream still needed.',
      'Files of a path-based table deleted or overwritten outside Delta (manual cleanup of a plant folder).',
      'A cached DataFrame reused after the table was overwritten.',
    ],
    diagnostics: [
      'Look up the file in the Delta log: `DESCRIBE HISTORY` for the VACUUM END operation and its time; compare with the version the query read.',
      'Check delta.deletedFileRetentionDuration on the table.',
    ],
    fixes: [
      {
        title: 'Re-read a current version; keep retention above the longest reader',
        language: 'sql',
        code: "ALTER TABLE mfg_prod.silver.machine_telemetry SET TBLPROPERTIES ('delta.deletedFileRetentionDuration' = 'interval 14 days')",
      },
    ],
    prevention: ['VACUUM retention longer than the longest backfill, time-travel window and stream downtime; never set spark.sql.files.ignoreMissingFiles=true as a workaround, it silently drops data.'],
    related: ['DELTA_LOG_FILE_NOT_FOUND_FOR_STREAMING_SOURCE', 'DELTA_TRUNCATED_TRANSACTION_LOG'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'TASK_WRITE_FAILED',
    system: 'Spark',
    sqlState: '58030',
    exceptionClass: 'org.apache.spark.SparkException',
    wrapper: true,
    message: 'Task failed while writing rows to <path>.',
    versions: 'Spark 3.5 and 4.x (QueryExecutionErrors.taskFailedWhileWritingRowsError, checked in the 4.x source); older releases say "Task failed while writing rows." without this condition.',
    meaning: 'A wrapper: a write task failed and its cause is on the exception chain.',
    causes: [
      'A data error while computing the rows to write: CAST_INVALID_INPUT, CAST_OVERFLOW_IN_TABLE_INSERT, DIVIDE_BY_ZERO, a Delta constraint violation.',
      'Storage errors (throttling, permissions on the target path) and executor memory pressure during the write.',
    ],
    diagnostics: ['Follow the "Caused by:" chain to the first bracketed condition or storage exception and look that up.'],
    fixes: [
      {
        title: 'Fix the cause',
        language: 'text',
        code: 'TASK_WRITE_FAILED itself needs no fix. Handle the inner condition (casts with try_cast and quarantine, constraint violations in a validation step, storage access with the platform team).',
      },
    ],
    prevention: ['Alerting and log parsing classify on the innermost condition.'],
    related: ['CAST_OVERFLOW_IN_TABLE_INSERT', 'DELTA_NOT_NULL_CONSTRAINT_VIOLATED', 'STREAM_FAILED'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'TABLE_OR_VIEW_NOT_FOUND',
    system: 'Spark',
    sqlState: '42P01',
    exceptionClass: 'org.apache.spark.sql.AnalysisException',
    message: 'The table or view <relationName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.',
    versions: 'Spark 3.4+.',
    meaning: 'The name does not resolve in the current catalog and schema, or the principal cannot see it.',
    causes: [
      'A two-part name (silver.machine_telemetry) resolved against the wrong catalog after moving to Unity Catalog three-level names.',
      'A job running in another workspace or environment where the plant schema does not exist yet.',
      'On Unity Catalog, missing privileges on the catalog or schema (depending on the privilege, Databricks reports a permission error instead).',
    ],
    diagnostics: ['`SELECT current_catalog(), current_schema()` in the job; `SHOW TABLES IN mfg_prod.silver`; the grants of the run-as principal.'],
    fixes: [
      {
        title: 'Use fully qualified names',
        language: 'python',
        code: 'spark.table("mfg_prod.silver.machine_telemetry")',
      },
    ],
    prevention: ['Catalog and schema come from job parameters per environment; no unqualified names in pipeline code.'],
    related: ['UNRESOLVED_COLUMN.WITH_SUGGESTION'],
    playbook: 'schema-evolution-errors',
  },
];
