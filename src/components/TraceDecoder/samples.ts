/**
 * Sample traces for the decoder, shaped like real driver logs of plant pipelines. The messages
 * are the systems' own texts (Spark, Delta, Kafka and the JDK); ids, hosts and stack frames are
 * made up.
 */
export const sampleTraces: {title: string; text: string}[] = [
  {
    title: 'Silver stream: a type change',
    text: `26/11/27 03:12:44 ERROR MicroBatchExecution: Query silver_machine_readings [id = 5f1c2d8e-4b7a-4c1e-9f3d-2a6b8c0d1e2f, runId = 9a2e7c41-0d3b-4f5e-8a1c-6b2d9e0f3a4c] terminated with error
org.apache.spark.sql.streaming.StreamingQueryException: [STREAM_FAILED] Query [id = 5f1c2d8e-4b7a-4c1e-9f3d-2a6b8c0d1e2f, runId = 9a2e7c41-0d3b-4f5e-8a1c-6b2d9e0f3a4c] terminated with exception: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'telemetry' and 'telemetry' SQLSTATE: XXKST
\tat org.apache.spark.sql.execution.streaming.StreamExecution.org$apache$spark$sql$execution$streaming$StreamExecution$$runStream(StreamExecution.scala:372)
\tat org.apache.spark.sql.execution.streaming.StreamExecution$$anon$1.run(StreamExecution.scala:226)
Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'telemetry' and 'telemetry'
\tat org.apache.spark.sql.delta.schema.SchemaMergingUtils$.$anonfun$mergeSchemas$2(SchemaMergingUtils.scala:196)
Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_FAILED_TO_MERGE_FIELDS] Failed to merge fields 'spindle_rpm' and 'spindle_rpm'
\tat org.apache.spark.sql.delta.schema.SchemaMergingUtils$.$anonfun$mergeSchemas$2(SchemaMergingUtils.scala:196)
Caused by: org.apache.spark.sql.delta.DeltaAnalysisException: [DELTA_MERGE_INCOMPATIBLE_DATATYPE] Failed to merge incompatible data types IntegerType and StringType
\tat org.apache.spark.sql.delta.schema.SchemaMergingUtils$.merge$1(SchemaMergingUtils.scala:275)
`,
  },
  {
    title: 'Databricks: rotated Kafka password',
    text: `26/11/27 02:04:19 ERROR NetworkClient: [Consumer clientId=consumer-spark-kafka-source-7c1d-1, groupId=spark-kafka-source-7c1d] Connection to node -1 (broker-1.plant-a.example:9093) failed authentication due to: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512
26/11/27 02:04:20 ERROR MicroBatchExecution: Query bronze_plant_a terminated with error
org.apache.spark.sql.streaming.StreamingQueryException: [STREAM_FAILED] Query [id = 0b3e1f5a-22c4-4d8e-9a7b-1c2d3e4f5a6b, runId = 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a] terminated with exception: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512 SQLSTATE: XXKST
Caused by: kafkashaded.org.apache.kafka.common.errors.SaslAuthenticationException: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512
`,
  },
  {
    title: 'New plant broker: untrusted certificate',
    text: `26/11/27 05:40:02 ERROR NetworkClient: [Producer clientId=producer-1] Connection to node -1 (broker-2.plant-c.example:9093) failed authentication due to: SSL handshake failed
org.apache.kafka.common.errors.SslAuthenticationException: SSL handshake failed
Caused by: javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target
\tat java.base/sun.security.ssl.Alert.createSSLException(Alert.java:131)
Caused by: sun.security.validator.ValidatorException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target
Caused by: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target
`,
  },
  {
    title: 'Kafka client log: topic not authorized',
    text: `26/11/27 04:10:31 WARN NetworkClient: [AdminClient clientId=adminclient-7] The metadata response from the cluster reported a recoverable issue with correlation id 4 : {mfg.sensor-events.raw=TOPIC_AUTHORIZATION_FAILED}
26/11/27 04:10:31 ERROR Metadata: [AdminClient clientId=adminclient-7] Topic authorization failed for topics [mfg.sensor-events.raw]
26/11/27 04:10:32 ERROR MicroBatchExecution: Query bronze_sensor_events [id = 2c4e6a8b-1d3f-4a5b-9c7d-8e0f1a2b3c4d, runId = 6f8a0b2c-4d6e-4f1a-8b3c-5d7e9f1a3b5c] terminated with error
org.apache.spark.sql.streaming.StreamingQueryException: [STREAM_FAILED] Query [id = 2c4e6a8b-1d3f-4a5b-9c7d-8e0f1a2b3c4d, runId = 6f8a0b2c-4d6e-4f1a-8b3c-5d7e9f1a3b5c] terminated with exception: Not authorized to access topics: [mfg.sensor-events.raw] SQLSTATE: XXKST
Caused by: kafkashaded.org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized to access topics: [mfg.sensor-events.raw]
`,
  },
  {
    title: 'Something the reference does not know',
    text: `26/11/27 06:15:33 ERROR MesBridge: order sync failed
com.example.plant.mes.MesClientException: MES endpoint returned 503 for order 4711
Caused by: java.net.SocketTimeoutException: Read timed out
`,
  },
];
