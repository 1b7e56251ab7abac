/**
 * Driver logs for the incident exercises, shaped like the logs of the platform's jobs. The error
 * texts are the systems' own, as the error catalog records them (Spark 3.5+/4.0, Delta, Kafka
 * clients); query ids, hosts and stack frames are made up.
 */

/** A rotated SCRAM password: the broker refuses the credentials at the bootstrap connection. */
export const rotatedPasswordLog = `26/01/21 02:04:19 WARN NetworkClient: [Consumer clientId=consumer-spark-kafka-source-3a9e-1, groupId=spark-kafka-source-3a9e] Bootstrap broker broker-1.plant-03.example:9093 (id: -1 rack: null) disconnected
26/01/21 02:04:19 ERROR NetworkClient: [Consumer clientId=consumer-spark-kafka-source-3a9e-1, groupId=spark-kafka-source-3a9e] Connection to node -1 (broker-1.plant-03.example/10.30.4.11:9093) failed authentication due to: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512
26/01/21 02:04:20 ERROR MicroBatchExecution: Query bronze_plant_03 [id = 4d0c9a1e-7b2f-4e3a-9c5d-1f2e3a4b5c6d, runId = 8e7f6a5b-4c3d-4e2f-8a1b-0c9d8e7f6a5b] terminated with error
org.apache.spark.sql.streaming.StreamingQueryException: [STREAM_FAILED] Query [id = 4d0c9a1e-7b2f-4e3a-9c5d-1f2e3a4b5c6d, runId = 8e7f6a5b-4c3d-4e2f-8a1b-0c9d8e7f6a5b] terminated with exception: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512 SQLSTATE: XXKST
\tat org.apache.spark.sql.execution.streaming.StreamExecution.org$apache$spark$sql$execution$streaming$StreamExecution$$runStream(StreamExecution.scala:372)
Caused by: kafkashaded.org.apache.kafka.common.errors.SaslAuthenticationException: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512
`;

/** A foreachBatch MERGE whose batch holds two changes of one machine. */
export const duplicateMergeSourceLog = `26/01/20 06:31:12 ERROR MicroBatchExecution: Query silver_machine_config [id = 2b6d8f0a-1c3e-4a5b-8d7f-9e0a1b2c3d4e, runId = 5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c] terminated with error
org.apache.spark.sql.streaming.StreamingQueryException: [STREAM_FAILED] Query [id = 2b6d8f0a-1c3e-4a5b-8d7f-9e0a1b2c3d4e, runId = 5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c] terminated with exception: [DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE] Cannot perform Merge as multiple source rows matched and attempted to modify the same SQLSTATE: XXKST
\tat org.apache.spark.sql.execution.streaming.StreamExecution.org$apache$spark$sql$execution$streaming$StreamExecution$$runStream(StreamExecution.scala:372)
Caused by: org.apache.spark.sql.delta.DeltaUnsupportedOperationException: [DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE] Cannot perform Merge as multiple source rows matched and attempted to modify the same
target row in the Delta table in possibly conflicting ways. By SQL semantics of Merge,
when multiple source rows match on the same target row, the result may be ambiguous
as it is unclear which source row should be used to update or delete the matching
target row. You can preprocess the source table to eliminate the possibility of
multiple matches. Please refer to
https://docs.delta.io/latest/delta-update.html#upsert-into-a-table-using-merge SQLSTATE: 21506
\tat org.apache.spark.sql.delta.DeltaErrorsBase.multipleSourceRowMatchingTargetRowInMergeException(DeltaErrors.scala:1180)
`;

/** Two runs of one job on one checkpoint: a retry started while the first run was still alive. */
export const duplicateRunLog = `26/01/21 04:02:17 ERROR MicroBatchExecution: Query silver_sensor_readings [id = 8c1f2e3d-4a5b-4c6d-9e7f-0a1b2c3d4e5f, runId = 3b7e9d1f-2a4c-4e6b-8d0f-1a3c5e7b9d2f] terminated with error
org.apache.spark.sql.streaming.StreamingQueryException: [STREAM_FAILED] Query [id = 8c1f2e3d-4a5b-4c6d-9e7f-0a1b2c3d4e5f, runId = 3b7e9d1f-2a4c-4e6b-8d0f-1a3c5e7b9d2f] terminated with exception: [CONCURRENT_STREAM_LOG_UPDATE] Concurrent update to the log. Multiple streaming jobs detected for 1532.
Please make sure only one streaming job runs on a specific checkpoint location at a time. SQLSTATE: XXKST
\tat org.apache.spark.sql.execution.streaming.StreamExecution.org$apache$spark$sql$execution$streaming$StreamExecution$$runStream(StreamExecution.scala:372)
Caused by: org.apache.spark.SparkException: [CONCURRENT_STREAM_LOG_UPDATE] Concurrent update to the log. Multiple streaming jobs detected for 1532.
Please make sure only one streaming job runs on a specific checkpoint location at a time. SQLSTATE: 40000
\tat org.apache.spark.sql.errors.QueryExecutionErrors$.concurrentStreamLogUpdate(QueryExecutionErrors.scala:2212)
`;

/** The silver stream after a firmware rollout: a nested field arrives as a string. */
export const typeChangeLog = `26/01/22 03:12:44 ERROR MicroBatchExecution: Query silver_machine_telemetry [id = 5f1c2d8e-9b7a-4c1e-8f3d-7a6b8c0d1e2f, runId = 1a2e7c41-0d3b-4f5e-8a1c-6b2d9e0f3a4c] terminated with error
org.apache.spark.sql.streaming.StreamingQueryException: [STREAM_FAILED] Query [id = 5f1c2d8e-9b7a-4c1e-8f3d-7a6b8c0d1e2f, runId = 1a2e7c41-0d3b-4f5e-8a1c-6b2d9e0f3a4c] terminated with exception: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'telemetry' and 'telemetry' SQLSTATE: XXKST
\tat org.apache.spark.sql.execution.streaming.StreamExecution.org$apache$spark$sql$execution$streaming$StreamExecution$$runStream(StreamExecution.scala:372)
Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'telemetry' and 'telemetry' SQLSTATE: 22005
\tat org.apache.spark.sql.delta.schema.SchemaMergingUtils$.$anonfun$mergeSchemas$2(SchemaMergingUtils.scala:196)
Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'spindle_rpm' and 'spindle_rpm' SQLSTATE: 22005
\tat org.apache.spark.sql.delta.schema.SchemaMergingUtils$.$anonfun$mergeSchemas$2(SchemaMergingUtils.scala:196)
Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_MERGE_INCOMPATIBLE_DATATYPE] Failed to merge incompatible data types IntegerType and StringType SQLSTATE: 42K09
\tat org.apache.spark.sql.delta.schema.SchemaMergingUtils$.merge$1(SchemaMergingUtils.scala:275)
`;
