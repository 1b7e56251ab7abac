import {describe, expect, it} from 'vitest';
import {decodeStackTrace, errorCatalog, errorEntrySchema} from '../../../playground';
import {sampleTraces} from '../../../src/components/TraceDecoder/samples';

/*
 * Logs shaped like what an engineer pastes mid-incident: driver logs, job run output and notebook
 * cells. Messages are the systems' own texts (Spark's error-conditions.json, Delta's
 * delta-error-classes.json, Kafka's NetworkClient and Errors); ids, hosts, paths and frames are made up.
 */

const codes = (text: string) => decodeStackTrace(text).matches.map((match) => match.entry.code);

const castMessage =
  "The value 'n/a' of the type \"STRING\" cannot be cast to \"DOUBLE\" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.";

/** Spark's DAGScheduler puts the executor's whole trace into "Job aborted due to stage failure", then the driver prints the same causes again. */
const stageFailure = `26/11/27 03:40:12 ERROR FileFormatWriter: Aborting job 7f3e9a10-2c4b-4d8e-9f1a-3b5c7d9e1f20.
org.apache.spark.SparkException: Job aborted due to stage failure: Task 3 in stage 12.0 failed 4 times, most recent failure: Lost task 3.3 in stage 12.0 (TID 845) (10.139.64.12 executor 2): org.apache.spark.SparkException: [TASK_WRITE_FAILED] Task failed while writing rows to abfss://silver@plantlake.dfs.core.windows.net/machine_telemetry. SQLSTATE: 58030
\tat org.apache.spark.sql.errors.QueryExecutionErrors$.taskFailedWhileWritingRowsError(QueryExecutionErrors.scala:774)
\tat org.apache.spark.sql.execution.datasources.FileFormatWriter$.executeTask(FileFormatWriter.scala:420)
Caused by: org.apache.spark.SparkNumberFormatException: [CAST_INVALID_INPUT] ${castMessage} SQLSTATE: 22018
\tat org.apache.spark.sql.errors.QueryExecutionErrors$.invalidInputInCastToNumberError(QueryExecutionErrors.scala:145)
\t... 19 more

Driver stacktrace:
\tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(DAGScheduler.scala:2898)
\tat org.apache.spark.sql.execution.datasources.FileFormatWriter$.write(FileFormatWriter.scala:248)
Caused by: org.apache.spark.SparkException: [TASK_WRITE_FAILED] Task failed while writing rows to abfss://silver@plantlake.dfs.core.windows.net/machine_telemetry. SQLSTATE: 58030
\tat org.apache.spark.sql.errors.QueryExecutionErrors$.taskFailedWhileWritingRowsError(QueryExecutionErrors.scala:774)
Caused by: org.apache.spark.SparkNumberFormatException: [CAST_INVALID_INPUT] ${castMessage} SQLSTATE: 22018
\tat org.apache.spark.sql.catalyst.expressions.Cast.castToDouble(Cast.scala:1084)
`;

const kafkaDataLossHead = [
  'Some data may have been lost because they are not available in Kafka any more;',
  'either the data was aged out by Kafka or the topic may have been deleted before all the data in the',
  'topic was processed.',
  "If you don't want your streaming query to fail on such cases, set the source option failOnDataLoss to false.",
].join('\n');

describe('the root cause when it appears more than once in the chain', () => {
  it('ranks by the deepest occurrence: a stage failure repeats TASK_WRITE_FAILED and CAST_INVALID_INPUT, and the cast is the cause', () => {
    const result = decodeStackTrace(stageFailure);
    expect(result.chain.map((link) => link.code)).toEqual([null, 'CAST_INVALID_INPUT', 'TASK_WRITE_FAILED', 'CAST_INVALID_INPUT']);
    const [root, next] = result.matches;
    expect(root?.entry.code).toBe('CAST_INVALID_INPUT');
    expect(root?.depth).toBe(3);
    expect(root?.lines).toEqual([5, 14]);
    expect(root?.params).toMatchObject({expression: "'n/a'", sourceType: '"STRING"', targetType: '"DOUBLE"'});
    expect(next?.entry.code).toBe('TASK_WRITE_FAILED');
    expect(result.rootCause).toEqual({kind: 'deepest-link', depth: 3, chainLength: 4});
  });
});

describe('multi-line message templates', () => {
  const offsetChanged = `${kafkaDataLossHead}\nReason: Partition plant017.telemetry.raw-3 offset was changed from 48211 to 1200.\nThis could be either 1) a user error that the start offset is set beyond available offset when starting query, or 2) the kafka topic-partition is deleted and re-created.`;

  it('tells KAFKA_DATA_LOSS sub-classes apart by the lines after the shared first line, and returns one entry', () => {
    const withCode = `org.apache.spark.sql.kafka010.KafkaIllegalStateException: [KAFKA_DATA_LOSS.PARTITION_OFFSET_CHANGED] ${offsetChanged} SQLSTATE: 22000`;
    expect(codes(withCode)).toEqual(['KAFKA_DATA_LOSS.PARTITION_OFFSET_CHANGED']);
    const withoutCode = `26/11/27 04:02:17 WARN KafkaMicroBatchStream: ${offsetChanged}`;
    const result = decodeStackTrace(withoutCode);
    expect(result.matches.map((match) => [match.entry.code, match.via, match.line])).toEqual([['KAFKA_DATA_LOSS.PARTITION_OFFSET_CHANGED', 'message', 1]]);
    expect(result.matches[0]?.params).toEqual({topicPartition: 'plant017.telemetry.raw-3', prevOffset: '48211', newOffset: '1200'});
    const deleted = `${kafkaDataLossHead}\nReason: Partitions [plant017.telemetry.raw-4] have been deleted.`;
    expect(codes(deleted)).toEqual(['KAFKA_DATA_LOSS.PARTITIONS_DELETED']);
  });

  it('does not match on a generic sentence that several entries share', () => {
    expect(codes('26/11/27 04:02:17 WARN KafkaSource: Some data may have been lost because they are not available in Kafka any more; see the query log')).toEqual([]);
    expect(codes(kafkaDataLossHead)).toEqual([]);
  });
});

describe('sub-classes and former codes', () => {
  it('reads Delta 3.x DELTA_CONCURRENT_APPEND on an unpartitioned table as WITHOUT_HINT, not as the partition sub-class', () => {
    const unpartitioned =
      'io.delta.exceptions.ConcurrentAppendException: [DELTA_CONCURRENT_APPEND] ConcurrentAppendException: Files were added to the root of the table by a concurrent update. Please try the operation again.';
    expect(codes(unpartitioned)).toEqual(['DELTA_CONCURRENT_APPEND.WITHOUT_HINT']);
    const partitioned =
      'io.delta.exceptions.ConcurrentAppendException: [DELTA_CONCURRENT_APPEND] ConcurrentAppendException: Files were added to partition [plant_id=DE-ING-01, event_date=2026-11-27] by a concurrent update. Please try the operation again.';
    const result = decodeStackTrace(partitioned);
    expect(result.matches.map((match) => match.entry.code)).toEqual(['DELTA_CONCURRENT_APPEND.WITH_PARTITION_HINT']);
    expect(result.chain).toEqual([
      expect.objectContaining({exceptionClass: 'io.delta.exceptions.ConcurrentAppendException', errorClass: 'DELTA_CONCURRENT_APPEND', code: 'DELTA_CONCURRENT_APPEND.WITH_PARTITION_HINT', embedded: false}),
    ]);
  });

  it('reads a former code by the message that follows it, and a former code alone matches nothing', () => {
    const legacy = `org.apache.spark.sql.delta.DeltaAnalysisException: [_LEGACY_ERROR_TEMP_DELTA_0007] A schema mismatch detected when writing to the Delta table (Table ID: 3f0c2a9e-5b1d-4c7e-8a2f-6d9b0e1c4a7f).
To enable schema migration using DataFrameWriter or DataStreamWriter, please set:
'.option("mergeSchema", "true")'.`;
    expect(codes(legacy)).toEqual(['DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH']);
    expect(codes('org.apache.spark.sql.delta.DeltaAnalysisException: [_LEGACY_ERROR_TEMP_DELTA_0007] Partition columns do not match the partition columns of the table.')).toEqual([
      'DELTA_METADATA_MISMATCH.PARTITIONING_MISMATCH',
    ]);
    expect(codes('ERROR Writer: failed with [_LEGACY_ERROR_TEMP_DELTA_0007]; see above')).toEqual([]);
  });

  it('reads DELTA_METADATA_MISMATCH with its sub-errors on "- " lines, as Delta prints them', () => {
    const entry = errorCatalog.find((candidate) => candidate.code === 'DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH')!;
    expect(entry.message.split('\n').slice(0, 2)).toEqual([
      'A metadata mismatch was detected when writing to the Delta table.',
      '- A schema mismatch detected when writing to the Delta table (Table ID: <id>).',
    ]);
    const printed = `org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_METADATA_MISMATCH] A metadata mismatch was detected when writing to the Delta table.
- A schema mismatch detected when writing to the Delta table (Table ID: 3f0c2a9e-5b1d-4c7e-8a2f-6d9b0e1c4a7f).
To enable schema migration using DataFrameWriter or DataStreamWriter, please set: '.option("mergeSchema", "true")'.`;
    const result = decodeStackTrace(printed);
    expect(result.matches.map((match) => [match.entry.code, match.via, match.line])).toEqual([['DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH', 'error-class', 1]]);
    expect(result.chain[0]?.code).toBe('DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH');
  });

  it('refuses a bare error class among the texts an entry matches, and an interface as the exception class', () => {
    const entry = errorCatalog.find((candidate) => candidate.code === 'DELTA_METADATA_MISMATCH.PARTITIONING_MISMATCH')!;
    expect(() => errorEntrySchema.parse({...entry, alsoMatches: ['_LEGACY_ERROR_TEMP_DELTA_0007']})).toThrow(/formerCodes/);
    expect(() => errorEntrySchema.parse({...entry, exceptionClass: 'org.apache.spark.SparkThrowable'})).toThrow(/interface/);
    expect(errorCatalog.filter((candidate) => candidate.exceptionClass === 'org.apache.spark.SparkThrowable')).toEqual([]);
  });
});

describe('Kafka client log lines with an error code and no exception', () => {
  it('maps TOPIC_AUTHORIZATION_FAILED in the metadata warning, old and new wording, to TopicAuthorizationException', () => {
    for (const line of [
      '26/11/27 04:10:31 WARN NetworkClient: [Consumer clientId=consumer-spark-kafka-source-3c1e-1, groupId=spark-kafka-source-3c1e] Error while fetching metadata with correlation id 4 : {plant017.telemetry.raw=TOPIC_AUTHORIZATION_FAILED}',
      '26/11/27 04:10:31 WARN NetworkClient: [AdminClient clientId=adminclient-7] The metadata response from the cluster reported a recoverable issue with correlation id 4 : {plant017.telemetry.raw=TOPIC_AUTHORIZATION_FAILED}',
    ]) {
      const result = decodeStackTrace(line);
      expect(result.matches.map((match) => [match.entry.code, match.via])).toEqual([['org.apache.kafka.common.errors.TopicAuthorizationException', 'protocol-error']]);
      expect(result.matches[0]?.params).toEqual({topic: 'plant017.telemetry.raw', protocolError: 'TOPIC_AUTHORIZATION_FAILED'});
      expect(result.matches[0]?.entry.playbook).toBe('kafka-auth-failures');
    }
  });

  it("reads the producer's retry warning, and each topic of a multi-topic metadata warning", () => {
    const retry = decodeStackTrace(
      'WARN Sender: [Producer clientId=producer-1] Got error produce response with correlation id 8 on topic-partition mfg.sensor-alerts.raw-0, retrying (2147483646 attempts left). Error: UNKNOWN_TOPIC_OR_PARTITION',
    );
    expect(retry.matches.map((match) => [match.entry.code, match.params])).toEqual([
      ['org.apache.kafka.common.errors.UnknownTopicOrPartitionException', {protocolError: 'UNKNOWN_TOPIC_OR_PARTITION'}],
    ]);
    const two = decodeStackTrace('WARN NetworkClient: [Producer clientId=producer-1] Error while fetching metadata with correlation id 12 : {plant017.alarms=TOPIC_AUTHORIZATION_FAILED, plant017.events=UNKNOWN_TOPIC_OR_PARTITION}');
    expect(two.matches.map((match) => match.entry.code).sort()).toEqual(['org.apache.kafka.common.errors.TopicAuthorizationException', 'org.apache.kafka.common.errors.UnknownTopicOrPartitionException']);
  });

  it("reads the decoder page's Kafka sample to the topic ACL, from the warning line to the shaded cause", () => {
    const result = decodeStackTrace(sampleTraces.find((sample) => sample.title.startsWith('Kafka client log'))!.text);
    const [root, ...rest] = result.matches;
    expect(root?.entry.code).toBe('org.apache.kafka.common.errors.TopicAuthorizationException');
    expect(root?.lines).toEqual([1, 2, 4, 5]);
    expect(root?.depth).toBe(1);
    expect(rest.map((match) => match.entry.code)).toEqual(['STREAM_FAILED']);
  });

  it('gives the authorization entries the protocol names Kafka maps to their classes', () => {
    const protocolOf = (code: string) => errorCatalog.find((entry) => entry.code === code)?.protocolErrors;
    expect(protocolOf('org.apache.kafka.common.errors.TopicAuthorizationException')).toEqual(['TOPIC_AUTHORIZATION_FAILED']);
    expect(protocolOf('org.apache.kafka.common.errors.GroupAuthorizationException')).toEqual(['GROUP_AUTHORIZATION_FAILED']);
    expect(protocolOf('org.apache.kafka.common.errors.ClusterAuthorizationException')).toEqual(['CLUSTER_AUTHORIZATION_FAILED']);
  });
});

/** A Databricks notebook cell: IPython's coloured traceback, Py4J's header, then the JVM trace after ": ". */
const notebookPaste = [
  '\x1b[0;31m---------------------------------------------------------------------------\x1b[0m',
  '\x1b[0;31mPy4JJavaError\x1b[0m                             Traceback (most recent call last)',
  'File \x1b[0;32m<command-4127839917>, line 12\x1b[0m',
  '\x1b[1;32m     10\x1b[0m query \x1b[38;5;241m=\x1b[39m start_silver_stream(spark, plant\x1b[38;5;241m=\x1b[39m\x1b[38;5;124m"plant017"\x1b[39m)',
  '\x1b[0;32m---> 12\x1b[0m query\x1b[38;5;241m.\x1b[39mawaitTermination()',
  'File \x1b[0;32m/databricks/spark/python/pyspark/sql/streaming/query.py:221\x1b[0m, in \x1b[0;36mStreamingQuery.awaitTermination\x1b[0;34m(self, timeout)\x1b[0m',
  'File \x1b[0;32m/databricks/spark/python/lib/py4j-0.10.9.7-src.zip/py4j/protocol.py:326\x1b[0m, in \x1b[0;36mget_return_value\x1b[0;34m(answer, gateway_client, target_id, name)\x1b[0m',
  '\x1b[0;31mPy4JJavaError\x1b[0m: An error occurred while calling o412.awaitTermination.',
  ': org.apache.spark.sql.streaming.StreamingQueryException: [STREAM_FAILED] Query [id = 5f1c2d8e-4b7a-4c1e-9f3d-2a6b8c0d1e2f, runId = 9a2e7c41-0d3b-4f5e-8a1c-6b2d9e0f3a4c] terminated with exception: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields \'telemetry\' and \'telemetry\' SQLSTATE: XXKST',
  '\tat org.apache.spark.sql.execution.streaming.StreamExecution.org$apache$spark$sql$execution$streaming$StreamExecution$$runStream(StreamExecution.scala:372)',
  "Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'telemetry' and 'telemetry' SQLSTATE: 22005",
  '\tat org.apache.spark.sql.delta.schema.SchemaMergingUtils$.$anonfun$mergeSchemas$2(SchemaMergingUtils.scala:196)',
  '\tat scala.collection.immutable.List.map(List.scala:293)',
  'Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_MERGE_INCOMPATIBLE_DATATYPE] Failed to merge incompatible data types IntegerType and StringType SQLSTATE: 42K09',
  '\tat org.apache.spark.sql.delta.schema.SchemaMergingUtils$.merge$1(SchemaMergingUtils.scala:275)',
].join('\n');

describe('notebook and PySpark output', () => {
  it("strips colour codes and follows Py4J's \": org.apache…\" line into the JVM chain, keeping the middle DELTA_FAILED_TO_MERGE_FIELDS", () => {
    const result = decodeStackTrace(notebookPaste);
    expect(result.chain.map((link) => [link.exceptionClass, link.code])).toEqual([
      ['Py4JJavaError', null],
      ['org.apache.spark.sql.streaming.StreamingQueryException', 'STREAM_FAILED'],
      ['org.apache.spark.sql.delta.DeltaAnalysisException', 'DELTA_FAILED_TO_MERGE_FIELDS'],
      ['org.apache.spark.sql.delta.DeltaAnalysisException', 'DELTA_MERGE_INCOMPATIBLE_DATATYPE'],
    ]);
    expect(result.chain.map((link) => link.line)).toEqual([8, 9, 11, 14]);
    expect(result.matches.map((match) => match.entry.code)).toEqual(['DELTA_MERGE_INCOMPATIBLE_DATATYPE', 'DELTA_FAILED_TO_MERGE_FIELDS', 'STREAM_FAILED']);
    expect(result.matches[0]?.text).toBe(
      'Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_MERGE_INCOMPATIBLE_DATATYPE] Failed to merge incompatible data types IntegerType and StringType SQLSTATE: 42K09',
    );
  });

  it("reads PySpark's converted exception line (Name: message) and does not rank the wrapper above its cause", () => {
    const converted = `Traceback (most recent call last):
  File "/Workspace/Repos/platform/ingest/silver_stream.py", line 88, in <module>
    query.awaitTermination()
  File "/databricks/spark/python/pyspark/errors/exceptions/captured.py", line 230, in deco
    raise converted from None
pyspark.errors.exceptions.captured.StreamingQueryException: [STREAM_FAILED] Query [id = 0b3e1f5a-22c4-4d8e-9a7b-1c2d3e4f5a6b, runId = 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a] terminated with exception: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512 SQLSTATE: XXKST`;
    const result = decodeStackTrace(converted);
    expect(result.matches.map((match) => match.entry.code)).toEqual(['org.apache.kafka.common.errors.SaslAuthenticationException', 'STREAM_FAILED']);
    expect(result.chain.map((link) => [link.code, link.embedded])).toEqual([
      ['STREAM_FAILED', false],
      ['org.apache.kafka.common.errors.SaslAuthenticationException', true],
    ]);
    expect(result.matches[0]?.params).toEqual({mechanism: 'SCRAM-SHA-512'});
    const bare = decodeStackTrace(
      "StreamingQueryException: [STREAM_FAILED] Query [id = 5f1c2d8e-4b7a-4c1e-9f3d-2a6b8c0d1e2f, runId = 9a2e7c41-0d3b-4f5e-8a1c-6b2d9e0f3a4c] terminated with exception: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'telemetry' and 'telemetry' SQLSTATE: XXKST",
    );
    expect(bare.chain.map((link) => [link.exceptionClass, link.code])).toEqual([
      ['StreamingQueryException', 'STREAM_FAILED'],
      [null, 'DELTA_FAILED_TO_MERGE_FIELDS'],
    ]);
    expect(bare.matches[0]?.entry.code).toBe('DELTA_FAILED_TO_MERGE_FIELDS');
  });

  it('follows the "JVM stacktrace:" section PySpark appends to a captured exception', () => {
    const captured = `pyspark.errors.exceptions.captured.StreamingQueryException: [STREAM_FAILED] Query [id = 5f1c2d8e-4b7a-4c1e-9f3d-2a6b8c0d1e2f, runId = 9a2e7c41-0d3b-4f5e-8a1c-6b2d9e0f3a4c] terminated with exception: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'telemetry' and 'telemetry' SQLSTATE: XXKST

JVM stacktrace:
org.apache.spark.sql.streaming.StreamingQueryException: [STREAM_FAILED] Query [id = 5f1c2d8e-4b7a-4c1e-9f3d-2a6b8c0d1e2f, runId = 9a2e7c41-0d3b-4f5e-8a1c-6b2d9e0f3a4c] terminated with exception: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'telemetry' and 'telemetry' SQLSTATE: XXKST
\tat org.apache.spark.sql.execution.streaming.StreamExecution.runStream(StreamExecution.scala:372)
Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'telemetry' and 'telemetry' SQLSTATE: 22005
Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_MERGE_INCOMPATIBLE_DATATYPE] Failed to merge incompatible data types LongType and StringType SQLSTATE: 42K09`;
    const result = decodeStackTrace(captured);
    expect(result.chain.map((link) => [link.line, link.code])).toEqual([
      [4, 'STREAM_FAILED'],
      [6, 'DELTA_FAILED_TO_MERGE_FIELDS'],
      [7, 'DELTA_MERGE_INCOMPATIBLE_DATATYPE'],
    ]);
    expect(result.matches.map((match) => match.entry.code)).toEqual(['DELTA_MERGE_INCOMPATIBLE_DATATYPE', 'DELTA_FAILED_TO_MERGE_FIELDS', 'STREAM_FAILED']);
    expect(result.matches[0]?.params).toEqual({currentDataType: 'LongType', updateDataType: 'StringType'});
  });

  it('puts a wrapper whose message embeds its cause after that cause, and offers the cause\'s playbook', () => {
    const embedded =
      'org.apache.spark.sql.streaming.StreamingQueryException: [STREAM_FAILED] Query [id = 5f1c2d8e-4b7a-4c1e-9f3d-2a6b8c0d1e2f, runId = 9a2e7c41-0d3b-4f5e-8a1c-6b2d9e0f3a4c] terminated with exception: io.delta.exceptions.ConcurrentAppendException: [DELTA_CONCURRENT_APPEND] ConcurrentAppendException: Files were added to partition [plant_id=DE-ING-01, event_date=2026-11-27] by a concurrent update. Please try the operation again. SQLSTATE: XXKST';
    const result = decodeStackTrace(embedded);
    expect(result.chain.map((link) => [link.exceptionClass, link.errorClass, link.code, link.embedded])).toEqual([
      ['org.apache.spark.sql.streaming.StreamingQueryException', 'STREAM_FAILED', 'STREAM_FAILED', false],
      ['io.delta.exceptions.ConcurrentAppendException', 'DELTA_CONCURRENT_APPEND', 'DELTA_CONCURRENT_APPEND.WITH_PARTITION_HINT', true],
    ]);
    expect(result.matches.map((match) => match.entry.code)).toEqual(['DELTA_CONCURRENT_APPEND.WITH_PARTITION_HINT', 'STREAM_FAILED']);
    expect(result.matches[0]?.entry.playbook).toBe('delta-merge-conflicts');
    expect(result.matches[0]?.params).toMatchObject({partition: 'partition [plant_id=DE-ING-01, event_date=2026-11-27]'});
  });

  it('ranks a cause found on a log line above a wrapper that is the only link of the chain', () => {
    const log = `26/11/27 02:04:19 ERROR NetworkClient: [Consumer clientId=consumer-spark-kafka-source-7c1d-1, groupId=spark-kafka-source-7c1d] Connection to node -1 (broker-1.plant-a.example/10.20.0.11:9093) failed authentication due to: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512
org.apache.spark.sql.streaming.StreamingQueryException: [STREAM_FAILED] Query [id = 0b3e1f5a-22c4-4d8e-9a7b-1c2d3e4f5a6b, runId = 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a] terminated with exception: Failed to construct kafka consumer SQLSTATE: XXKST`;
    const result = decodeStackTrace(log);
    expect(result.matches[0]?.entry.code).toBe('org.apache.kafka.common.errors.SaslAuthenticationException');
    expect(result.matches.slice(1).every((match) => match.entry.wrapper)).toBe(true);
    expect(result.rootCause).toEqual({kind: 'wrapped', wrappers: ['STREAM_FAILED', 'org.apache.kafka.common.KafkaException']});
  });
});
