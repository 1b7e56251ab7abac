import type {ErrorEntryInput} from '../schema';

/**
 * Delta Lake error classes seen in the plant pipelines: schema merge, MERGE, optimistic concurrency,
 * streaming sources and sinks, constraints, the transaction log. Codes, SQLSTATEs and templates are
 * from Delta's error-class catalog (a commit newer than Delta 4.0); placeholders are `<name>`.
 */
export const deltaErrors: ErrorEntryInput[] = [
  {
    code: 'DELTA_FAILED_TO_MERGE_FIELDS',
    system: 'Delta',
    sqlState: '22005',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaAnalysisException',
    message: 'Failed to merge fields \'<currentField>\' and \'<updateField>\'',
    alsoMatches: ["Failed to merge fields '<currentField>' and '<updateField>'. Failed to merge incompatible data types <currentDataType> and <updateDataType>"],
    versions: 'Delta 3.x and 4.x as an error class, with the deeper failure as the cause. Older Delta (before error classes) printed the cause text in the same message, as in alsoMatches.',
    meaning:
      "Delta's schema merge (SchemaMergingUtils.mergeSchemas) failed inside the struct field <currentField>. It wraps the real failure once per struct level, so the chain reads as the path to the conflict: 'telemetry', then 'spindle_rpm', then DELTA_MERGE_INCOMPATIBLE_DATATYPE. The first name is the table's spelling, the second the data's.",
    causes: [
      'A firmware release changed a field type (spindle_rpm from INT to a quoted string) and the silver append or streaming write runs the schema merge, with or without mergeSchema.',
      'MAP values in customExtension changed from strings to structs (map and array levels add no wrapper of their own).',
      'Two decimals with different precision or scale (innermost cause DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE).',
    ],
    diagnostics: [
      'Walk the cause chain to the innermost DELTA_MERGE_INCOMPATIBLE_DATATYPE or DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE; the outer message alone does not contain the types in Delta 3.x/4.x.',
      '`DESCRIBE HISTORY` on the target: which commit last changed the schema.',
      'Group the failing batch by plant_id and firmware_version and print `typeof` of the field, or the schema of a sample payload per firmware.',
    ],
    fixes: [
      {
        title: 'Cast the field to the table type in place (lossless cases only)',
        language: 'python',
        code: `df = df.withColumn("telemetry", F.col("telemetry").withField(
    "spindle_rpm", F.expr("try_cast(telemetry.spindle_rpm AS INT)")))
# rows where a non-null value became NULL go to quarantine, see CAST_INVALID_INPUT`,
      },
      {
        title: 'New structure or meaning: versioned column',
        language: 'sql',
        code: 'ALTER TABLE mfg_prod.silver.machine_telemetry ADD COLUMNS (customExtension_v2 MAP<STRING, STRUCT<value: STRING, unit: STRING, quality: STRING>>)',
      },
    ],
    prevention: [
      'Pre-merge validation of the batch schema against the table schema in foreachBatch (see Delta type conflicts).',
      'Type widening (Delta 4.0+) for widenings such as INT to BIGINT; never overwriteSchema on a table that other streams read.',
    ],
    related: ['DELTA_MERGE_INCOMPATIBLE_DATATYPE', 'DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE', 'DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH', 'CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DELTA_MERGE_INCOMPATIBLE_DATATYPE',
    system: 'Delta',
    sqlState: '42K09',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaAnalysisException',
    message: 'Failed to merge incompatible data types <currentDataType> and <updateDataType>',
    versions: 'Delta 3.x and 4.x. Not a DeltaInvariantViolationException: that class only carries NOT NULL, CHECK and char/varchar length violations.',
    meaning:
      'Two types with no merge rule. The first is the table type, the second the data type, printed as Scala names (IntegerType, LongType, StringType, DecimalType(18,10), StructType(...)). For a column it arrives wrapped by DELTA_FAILED_TO_MERGE_FIELDS.',
    causes: [
      'INT against STRING, STRING against a struct, a map against a struct.',
      'INT against BIGINT on an append without type widening: only TINYINT, SMALLINT and INT merge with each other; BIGINT does not.',
      'FLOAT against DOUBLE without type widening.',
    ],
    diagnostics: ['Read both types from this innermost message, and the field path from the DELTA_FAILED_TO_MERGE_FIELDS levels above it.'],
    fixes: [
      {
        title: 'Widen the column where the change is a real widening (Delta 4.0+)',
        language: 'sql',
        code: `ALTER TABLE mfg_prod.silver.test_cycles SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true');
ALTER TABLE mfg_prod.silver.test_cycles ALTER COLUMN cycle_counter TYPE BIGINT;`,
      },
      {
        title: 'Otherwise cast the batch to the table type before the write',
        language: 'python',
        code: `table_schema = spark.table("mfg_prod.silver.machine_telemetry").schema
df = df.select(*[F.expr(f"try_cast(\`{f.name}\` AS {f.dataType.simpleString()})").alias(f.name)
                 for f in table_schema.fields if f.name in df.columns])`,
      },
    ],
    prevention: [
      'Type contracts per firmware version; bronze keeps raw payloads as STRING or VARIANT.',
      'Alert rules match the condition name, not the text "IntegerType and StringType", which the outer log line may not contain.',
    ],
    related: ['DELTA_FAILED_TO_MERGE_FIELDS', 'DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE', 'DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DELTA_MERGE_INCOMPATIBLE_DECIMAL_TYPE',
    system: 'Delta',
    sqlState: '42806',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaAnalysisException',
    message: 'Failed to merge decimal types with incompatible <decimalRanges>',
    versions: 'Delta 3.x and 4.x. <decimalRanges> reads "precision 18 and 16", "scale 10 and 12" or "precision 10 and 5 & scale 2 and 4" (table first, data second).',
    meaning: 'Two DECIMAL types that differ in precision or scale, and neither type widening nor MERGE implicit casts apply.',
    causes: [
      'A calibration change: a new sensor firmware reports energy_kwh as DECIMAL(18,6) against a DECIMAL(18,4) column.',
      'Decimals inferred from JSON or Avro logical types with a different scale per producer.',
    ],
    diagnostics: ['Compare the decimal types of the field in the table and in the batch; the field path comes from the wrapping DELTA_FAILED_TO_MERGE_FIELDS.'],
    fixes: [
      {
        title: 'Cast to the table decimal, or widen with type widening',
        language: 'python',
        code: 'df = df.withColumn("energy_kwh", F.col("energy_kwh").cast("decimal(18,4)"))  # check rounding is acceptable',
      },
    ],
    prevention: ['Fix decimal precision and scale in the payload contract; widen explicitly (type widening supports larger precision and scale with the same or larger integer part).'],
    related: ['DELTA_FAILED_TO_MERGE_FIELDS', 'DELTA_MERGE_INCOMPATIBLE_DATATYPE'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH',
    system: 'Delta',
    sqlState: '42KDG',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaAnalysisException',
    message: 'A metadata mismatch was detected when writing to the Delta table.\n- A schema mismatch detected when writing to the Delta table (Table ID: <id>).\nTo enable schema migration using DataFrameWriter or DataStreamWriter, please set: \'.option("mergeSchema", "true")\'.\nFor other operations, set the session configuration spark.databricks.delta.schema.autoMerge.enabled to "true". See the documentation specific to the operation for details.\n\nTable schema:\n<tableSchema>\n\nData schema:\n<dataSchema>\n',
    alsoMatches: ['A schema mismatch detected when writing to the Delta table (Table ID: <id>).'],
    formerCodes: ['_LEGACY_ERROR_TEMP_DELTA_0007'],
    versions: 'Delta 4.1+. Delta 3.x and 4.0 raise the same text as [_LEGACY_ERROR_TEMP_DELTA_0007] (line breaks differ slightly). One write can report several sub-errors together (schema, partitioning, overwrite hint): Delta prints the main message after [DELTA_METADATA_MISMATCH], then each sub-error on its own line starting with "- ", so match on the prefix DELTA_METADATA_MISMATCH and read the "- " lines.',
    meaning:
      'The schemas merge, but the merge would change the table (a new column, a widening) and schema evolution is off for this write.',
    causes: [
      'New firmware adds a field (telemetry.spindle.load_pct) and the silver writer has no mergeSchema.',
      'A backfill job that carries an extra helper column (a batch id, a debug field) into the write.',
      'On some access-controlled Databricks compute the session setting spark.databricks.delta.schema.autoMerge.enabled is not honoured; only the per-write option works there.',
    ],
    diagnostics: ['The message prints both schemas as trees: diff them (`Table schema` against `Data schema`).'],
    fixes: [
      {
        title: 'Accept the new column deliberately',
        language: 'python',
        code: `(df.write.format("delta").mode("append")
   .option("mergeSchema", "true")
   .saveAsTable("mfg_prod.silver.machine_telemetry"))`,
      },
      {
        title: 'Or drop what the table should not get',
        language: 'python',
        code: 'df = df.select(*spark.table("mfg_prod.silver.machine_telemetry").columns)',
      },
    ],
    prevention: ['Decide per table whether new payload fields evolve the schema (mergeSchema) or are dropped, and encode that in the writer, not in a session flag.'],
    related: ['DELTA_FAILED_TO_MERGE_FIELDS', 'DELTA_METADATA_MISMATCH.PARTITIONING_MISMATCH', 'INCOMPATIBLE_DATA_FOR_TABLE.EXTRA_COLUMNS'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DELTA_METADATA_MISMATCH.PARTITIONING_MISMATCH',
    system: 'Delta',
    sqlState: '42KDG',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaAnalysisException',
    message: 'A metadata mismatch was detected when writing to the Delta table.\n- Partition columns do not match the partition columns of the table.\nGiven: <provided>\nTable: <original>\n',
    alsoMatches: ['Partition columns do not match the partition columns of the table.'],
    formerCodes: ['_LEGACY_ERROR_TEMP_DELTA_0007'],
    versions: 'Delta 4.1+; Delta 3.x and 4.0 raise the same text as [_LEGACY_ERROR_TEMP_DELTA_0007].',
    meaning: 'The write specifies partitionBy columns that differ from the table partitioning.',
    causes: ['A backfill notebook writes to the gold table with partitionBy("event_date") while the table is partitioned by plant_id and event_date, or not partitioned at all (liquid clustering).'],
    diagnostics: ['`DESCRIBE DETAIL` shows partitionColumns (and clusteringColumns); compare with the writer.'],
    fixes: [
      {
        title: 'Drop partitionBy on appends to existing tables',
        language: 'python',
        code: 'df.write.format("delta").mode("append").saveAsTable("mfg_prod.gold.oee_hourly")  # the table keeps its own partitioning',
      },
    ],
    prevention: ['Backfills reuse the production writer function instead of their own write code.'],
    related: ['DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE',
    system: 'Delta',
    sqlState: '21506',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaUnsupportedOperationException',
    message: 'Cannot perform Merge as multiple source rows matched and attempted to modify the same\ntarget row in the Delta table in possibly conflicting ways. By SQL semantics of Merge,\nwhen multiple source rows match on the same target row, the result may be ambiguous\nas it is unclear which source row should be used to update or delete the matching\ntarget row. You can preprocess the source table to eliminate the possibility of\nmultiple matches. Please refer to\n<usageReference>',
    versions: 'Delta 3.x and 4.x (older releases raise the same text without the error class).',
    meaning: 'Two or more source rows of the MERGE match the same target row and an UPDATE or DELETE clause applies, so the result would be ambiguous.',
    causes: [
      'Kafka at-least-once delivery or a gateway resend puts the same machine event twice in one micro-batch.',
      'The merge key is too coarse: machine_id alone where the target key is (plant_id, machine_id), so machines with the same number in two plants collide.',
      'A backfill batch that overlaps itself (two extracts of the same shift).',
    ],
    diagnostics: [
      'Count duplicates on the merge key in the batch: `batch.groupBy("plant_id", "machine_id", "event_time").count().filter("count > 1")`.',
      'Check the ON condition against the real key of the target table.',
    ],
    fixes: [
      {
        title: 'Deduplicate the batch on the merge key, keeping the latest record',
        language: 'python',
        code: `from pyspark.sql.window import Window
w = Window.partitionBy("plant_id", "machine_id", "event_time").orderBy(F.col("kafka_offset").desc())
latest = batch.withColumn("rn", F.row_number().over(w)).filter("rn = 1").drop("rn")`,
      },
    ],
    prevention: ['Every MERGE source is deduplicated on the full target key inside foreachBatch; the key includes plant_id.'],
    related: ['DELTA_CONCURRENT_APPEND.WITH_PARTITION_HINT'],
    playbook: 'delta-merge-conflicts',
  },
  {
    code: 'DELTA_CONCURRENT_APPEND.WITH_PARTITION_HINT',
    system: 'Delta',
    sqlState: '2D521',
    exceptionClass: 'io.delta.exceptions.ConcurrentAppendException',
    message: 'Transaction conflict detected. a concurrent <operation> added data to table <tableName> committed at version <version>. The concurrent operation modified data in the partition <partitionValues> that should have been read by this operation. Please retry the operation. Refer to <docLink> for more information.',
    alsoMatches: [
      'ConcurrentAppendException: Files were added to <partition> by a concurrent update.',
      'Files were added to <partition> by a concurrent update. Please try the operation again.',
    ],
    versions: 'Wording and the WITH_PARTITION_HINT/WITHOUT_HINT split are from the newest Delta catalog (newer than 4.0). Delta 3.x and 4.0 raise [DELTA_CONCURRENT_APPEND] with "Files were added to <partition> by a concurrent update." Match on DELTA_CONCURRENT_APPEND and SQLSTATE 2D521.',
    meaning:
      'Optimistic concurrency: a transaction committed at <version> added data in partition <partitionValues>, which this transaction (a MERGE, UPDATE, DELETE or a read-then-write) had read. Delta aborts this one.',
    causes: [
      'A backfill and the streaming gold MERGE write the same plant_id/event_date partitions at the same time.',
      'The MERGE condition has no partition predicate, so it reads the whole table and conflicts with any append.',
      'Two plants\' jobs merging into one shared table without a plant_id predicate.',
    ],
    diagnostics: [
      '`DESCRIBE HISTORY` around <version>: operation, job and user of the conflicting commit.',
      'Check that the MERGE ON clause names the partition or clustering columns with literal values of the batch.',
    ],
    fixes: [
      {
        title: 'Make writers provably disjoint: partition predicates in the MERGE condition',
        language: 'python',
        code: `dates = [r.event_date for r in batch.select("event_date").distinct().collect()]
cond = ("t.plant_id = 'DE-ING-01' AND t.event_date IN ({}) AND "
        "t.machine_id = s.machine_id AND t.event_time = s.event_time").format(
        ",".join(f"'{d}'" for d in dates))
gold.alias("t").merge(batch.alias("s"), cond).whenMatchedUpdateAll().whenNotMatchedInsertAll().execute()`,
      },
      {
        title: 'Retry idempotent operations with backoff',
        language: 'python',
        code: `import random, time
from delta.exceptions import ConcurrentAppendException
for attempt in range(5):
    try:
        run_merge(batch); break
    except ConcurrentAppendException:
        time.sleep(2 ** attempt + random.random())
else:
    raise RuntimeError("gold MERGE still conflicting after 5 attempts")`,
      },
    ],
    prevention: [
      'Backfills run outside the streaming window or on partitions the stream does not touch, announced in the runbook.',
      'OPTIMIZE scheduled away from the busy window and restricted with WHERE on old partitions.',
    ],
    related: ['DELTA_CONCURRENT_APPEND.WITHOUT_HINT', 'DELTA_CONCURRENT_DELETE_READ.WITH_PARTITION_HINT', 'DELTA_CONCURRENT_DELETE_DELETE.WITH_PARTITION_HINT', 'DELTA_METADATA_CHANGED'],
    playbook: 'delta-merge-conflicts',
  },
  {
    code: 'DELTA_CONCURRENT_APPEND.WITHOUT_HINT',
    system: 'Delta',
    sqlState: '2D521',
    exceptionClass: 'io.delta.exceptions.ConcurrentAppendException',
    message: 'Transaction conflict detected. a concurrent <operation> added data to table <tableName> committed at version <version>. The concurrent operation modified data that should have been read by this operation. Please retry the operation. Refer to <docLink> for more information.',
    alsoMatches: [
      'ConcurrentAppendException: Files were added to the root of the table by a concurrent update.',
      'Files were added to the root of the table by a concurrent update. Please try the operation again.',
    ],
    versions: 'Newest Delta catalog (newer than 4.0); Delta 3.x and 4.0 print [DELTA_CONCURRENT_APPEND] "Files were added to the root of the table by a concurrent update." for unpartitioned tables.',
    meaning: 'The same conflict as WITH_PARTITION_HINT on a table where Delta cannot name a partition: unpartitioned or liquid-clustered tables, or a read of the whole table.',
    causes: [
      'Concurrent MERGEs into an unpartitioned or clustered table (clustering does not make writers disjoint by itself).',
      'A MERGE whose condition cannot be narrowed to files, racing with an append.',
    ],
    diagnostics: ['`DESCRIBE HISTORY` for the conflicting commit; check whether the table has partitions (`DESCRIBE DETAIL`) and whether row-level concurrency applies on your platform.'],
    fixes: [
      {
        title: 'Serialize the writers or narrow the MERGE',
        language: 'text',
        code: 'Run the conflicting writers one after another (one job owns the table), narrow the MERGE with predicates on clustering columns, and retry idempotent operations with backoff.',
      },
    ],
    prevention: ['One writer per gold table; other producers write to staging tables that the owner merges.'],
    related: ['DELTA_CONCURRENT_APPEND.WITH_PARTITION_HINT'],
    playbook: 'delta-merge-conflicts',
  },
  {
    code: 'DELTA_CONCURRENT_DELETE_READ.WITH_PARTITION_HINT',
    system: 'Delta',
    sqlState: '2D521',
    exceptionClass: 'io.delta.exceptions.ConcurrentDeleteReadException',
    message: 'Transaction conflict detected, a concurrent <operation> deleted data from table <tableName> (committed at version <version>) that this transaction read. The concurrent operation deleted data in the partition <partitionValues> that was read by this operation. Please retry the operation. Refer to <docLink> for more information.',
    alsoMatches: ['This transaction attempted to read one or more files that were deleted (for example <file>) by a concurrent update. Please try the operation again.'],
    versions: 'Wording from the newest Delta catalog; Delta 3.x and 4.0 raise [DELTA_CONCURRENT_DELETE_READ] with the alsoMatches text. A WITHOUT_HINT sub-condition exists for unpartitioned tables.',
    meaning: 'A concurrent commit removed files (DELETE, UPDATE, MERGE, OPTIMIZE rewrite) that this transaction had read.',
    causes: [
      'OPTIMIZE or ZORDER on gold partitions while the streaming MERGE reads them.',
      'A GDPR or correction DELETE on the same plant partitions as the running MERGE.',
    ],
    diagnostics: ['`DESCRIBE HISTORY`: the operation at the conflicting version (often OPTIMIZE) and its partition predicate.'],
    fixes: [
      {
        title: 'Restrict maintenance to partitions the stream no longer writes',
        language: 'sql',
        code: "OPTIMIZE mfg_prod.gold.oee_hourly WHERE event_date < current_date() - INTERVAL 1 DAY",
      },
    ],
    prevention: ['Maintenance windows per table; OPTIMIZE only on closed partitions; retries with backoff for idempotent writers.'],
    related: ['DELTA_CONCURRENT_DELETE_DELETE.WITH_PARTITION_HINT', 'DELTA_CONCURRENT_APPEND.WITH_PARTITION_HINT'],
    playbook: 'delta-merge-conflicts',
  },
  {
    code: 'DELTA_CONCURRENT_DELETE_DELETE.WITH_PARTITION_HINT',
    system: 'Delta',
    sqlState: '2D521',
    exceptionClass: 'io.delta.exceptions.ConcurrentDeleteDeleteException',
    message: 'Transaction conflict detected, a concurrent <operation> deleted data from table <tableName> (committed at version <version>) that this transaction attempted to delete. The concurrent operation deleted data in the partition <partitionValues> that was read by this operation. Please retry the operation. Refer to <docLink> for more information.',
    alsoMatches: ['This transaction attempted to delete one or more files that were deleted (for example <file>) by a concurrent update. Please try the operation again.'],
    versions: 'Wording from the newest Delta catalog; Delta 3.x and 4.0 raise [DELTA_CONCURRENT_DELETE_DELETE] with the alsoMatches text. A WITHOUT_HINT sub-condition exists for unpartitioned tables.',
    meaning: 'Two transactions both tried to remove or rewrite the same files; the second to commit fails.',
    causes: [
      'Two MERGE or UPDATE jobs rewriting the same gold files (the streaming MERGE and a correction job for the same shift).',
      'OPTIMIZE compacting files that a concurrent MERGE rewrites.',
    ],
    diagnostics: ['`DESCRIBE HISTORY` at the conflicting version; compare the partitions and predicates of both operations.'],
    fixes: [
      {
        title: 'Serialize rewrites of the same partitions',
        language: 'text',
        code: 'Run corrections through the owning pipeline (as a batch in its foreachBatch) or after it pauses; keep OPTIMIZE away from partitions being merged.',
      },
    ],
    prevention: ['A single owner per table for rewrites; corrections as inputs to the owner rather than direct DML.'],
    related: ['DELTA_CONCURRENT_DELETE_READ.WITH_PARTITION_HINT'],
    playbook: 'delta-merge-conflicts',
  },
  {
    code: 'DELTA_METADATA_CHANGED',
    system: 'Delta',
    sqlState: '2D521',
    exceptionClass: 'io.delta.exceptions.MetadataChangedException',
    message: 'MetadataChangedException: The metadata of the Delta table <tableName> has been changed by a concurrent update. Please try the operation again.<conflictingCommit>\nRefer to <docLink> for more details.',
    alsoMatches: ['The metadata of the Delta table has been changed by a concurrent update. Please try the operation again.'],
    versions: 'Delta 3.x and 4.x; the <tableName> placeholder is in the newest catalog, older releases omit the table name.',
    meaning: 'A concurrent commit changed the table metadata (schema, properties, partitioning) after this transaction read it.',
    causes: [
      'A streaming write with mergeSchema evolved the schema while another writer was committing.',
      'ALTER TABLE (SET TBLPROPERTIES, ADD COLUMNS, type widening) run during production writes.',
      'overwriteSchema or CREATE OR REPLACE TABLE on a table with running writers.',
    ],
    diagnostics: ['`DESCRIBE HISTORY`: look for SET TBLPROPERTIES, ADD COLUMNS, CHANGE COLUMN or a write with a schema change at the conflicting version.'],
    fixes: [
      {
        title: 'Retry, and move schema changes out of concurrent writers',
        language: 'text',
        code: 'Retry the failed operation (it will see the new metadata). Apply ALTER TABLE in a maintenance step with writers paused; let only one writer evolve the schema.',
      },
    ],
    prevention: ['Schema changes as planned migrations, not as side effects of several writers with mergeSchema.'],
    related: ['DELTA_PROTOCOL_CHANGED', 'DELTA_SCHEMA_CHANGED', 'DELTA_CONCURRENT_APPEND.WITH_PARTITION_HINT'],
    playbook: 'delta-merge-conflicts',
  },
  {
    code: 'DELTA_PROTOCOL_CHANGED',
    system: 'Delta',
    sqlState: '2D521',
    exceptionClass: 'io.delta.exceptions.ProtocolChangedException',
    message: 'ProtocolChangedException: The protocol version of the Delta table has been changed by a concurrent update. <additionalInfo><conflictingCommit>\nRefer to <docLink> for more details.',
    alsoMatches: ['This happens when multiple writers are writing to an empty directory. Creating the table ahead of time will avoid this conflict.'],
    versions: 'Delta 3.x and 4.x.',
    meaning: 'A concurrent commit changed the protocol (reader/writer versions or table features) of the table, or created it.',
    causes: [
      'Several plant jobs writing the first batch into a table path that does not exist yet (the additional info then says so).',
      'Enabling a table feature (type widening, deletion vectors, column mapping) while writers run.',
    ],
    diagnostics: ['`DESCRIBE HISTORY` at version 0 or at the conflicting version; `DESCRIBE DETAIL` for minReaderVersion, minWriterVersion and tableFeatures.'],
    fixes: [
      {
        title: 'Create tables ahead of time',
        language: 'sql',
        code: 'CREATE TABLE IF NOT EXISTS mfg_prod.silver.machine_telemetry (plant_id STRING, machine_id STRING, event_time TIMESTAMP, temperature DOUBLE) USING DELTA CLUSTER BY (plant_id, event_time)',
      },
    ],
    prevention: ['Tables and table features are created and enabled by deployment code before any writer starts.'],
    related: ['DELTA_METADATA_CHANGED'],
    playbook: 'delta-merge-conflicts',
  },
  {
    code: 'DELTA_CONCURRENT_TRANSACTION',
    system: 'Delta',
    sqlState: '2D521',
    exceptionClass: 'io.delta.exceptions.ConcurrentTransactionException',
    message: 'ConcurrentTransactionException: This error occurs when multiple streaming queries are using the same checkpoint to write into this table. Did you run multiple instances of the same streaming query at the same time?<conflictingCommit>\nRefer to <docLink> for more details.',
    versions: 'Delta 3.x and 4.x.',
    meaning: 'Two writers committed with the same application id (a streaming query id, or txnAppId) to the table: usually two instances of one streaming query.',
    causes: [
      'A job retried while the previous run was still writing; two clusters running the same plant job.',
      'A copied checkpoint (same query id) used by a second query writing to the same table.',
      'Two foreachBatch writers using the same txnAppId.',
    ],
    diagnostics: ['Active runs of the job and any other query using the same checkpoint; `DESCRIBE HISTORY` around the conflicting version for STREAMING UPDATE commits with the same queryId in operationParameters.'],
    fixes: [
      {
        title: 'Stop the duplicate instance; unique txnAppId per writer',
        language: 'python',
        code: `(batch.write.format("delta").mode("append")
   .option("txnAppId", "silver-telemetry-DE-ING-01")   # stable, unique per query
   .option("txnVersion", batch_id)
   .saveAsTable("mfg_prod.silver.machine_telemetry"))`,
      },
    ],
    prevention: ['max_concurrent_runs: 1; never copy checkpoints between queries; txnAppId derived from the query name and plant.'],
    related: ['CONCURRENT_STREAM_LOG_UPDATE', 'DELTA_CONCURRENT_WRITE'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'DELTA_CONCURRENT_WRITE',
    system: 'Delta',
    sqlState: '2D521',
    exceptionClass: 'io.delta.exceptions.ConcurrentWriteException',
    message: 'ConcurrentWriteException: A concurrent transaction has written new data since the current transaction read the table. Please try the operation again.<conflictingCommit>\nRefer to <docLink> for more details.',
    versions: 'Delta 3.x and 4.x.',
    meaning: 'A concurrent transaction wrote new data after this transaction read the table, in a way that the more specific checks could not allow.',
    causes: ['A read-then-overwrite job (gold rebuild with mode("overwrite") or replaceWhere) racing with the streaming writer.'],
    diagnostics: ['`DESCRIBE HISTORY` for the conflicting commit and the isolation level of both operations.'],
    fixes: [
      {
        title: 'Retry after the other writer, or separate the partitions',
        language: 'text',
        code: 'Retry the operation. For rebuilds use replaceWhere on partitions the stream does not write, or pause the stream during the rebuild.',
      },
    ],
    prevention: ['Rebuilds and backfills are scheduled in the runbook with the streaming owner.'],
    related: ['DELTA_CONCURRENT_APPEND.WITH_PARTITION_HINT', 'DELTA_CONCURRENT_TRANSACTION'],
    playbook: 'delta-merge-conflicts',
  },
  {
    code: 'DELTA_SCHEMA_CHANGED',
    system: 'Delta',
    sqlState: 'KD007',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaIllegalStateException',
    message: 'Detected schema change:\nstreaming source schema: <readSchema>\n\ndata file schema: <dataSchema>\n\nPlease try restarting the query. If this issue repeats across query restarts without\nmaking progress, you have made an incompatible schema change and need to start your\nquery from scratch using a new checkpoint directory.\n',
    versions: 'Delta 3.x and 4.x. Sibling classes: DELTA_SCHEMA_CHANGED_WITH_VERSION (the version is known) and DELTA_SCHEMA_CHANGED_WITH_STARTING_OPTIONS (startingVersion/startingTimestamp set).',
    meaning: 'A Delta streaming source found that the table schema differs from the schema the stream was started with. Additive changes resolve after a restart; incompatible ones repeat.',
    causes: [
      'mergeSchema on the upstream silver table added a column (restart fixes it).',
      'A type change, rename or drop in the source table (repeats across restarts).',
      'overwriteSchema or CREATE OR REPLACE on the source table.',
    ],
    diagnostics: ['Diff "streaming source schema" and "data file schema" in the message; `DESCRIBE HISTORY` on the source for the schema-changing commit.'],
    fixes: [
      {
        title: 'Restart once; if it repeats, treat it as a breaking change',
        language: 'text',
        code: 'Restart the query (jobs with retries do this automatically). If the error repeats, either provide schemaTrackingLocation (column mapping tables) and unblock the change, or start a new checkpoint with startingVersion after the change and backfill.',
      },
    ],
    prevention: ['Downstream streams are restarted automatically (job retries) after additive upstream changes; non-additive changes are migrations with a plan for every reader.'],
    related: ['DELTA_SCHEMA_CHANGED_WITH_VERSION', 'DELTA_SCHEMA_CHANGED_WITH_STARTING_OPTIONS', 'DELTA_STREAMING_INCOMPATIBLE_SCHEMA_CHANGE_USE_SCHEMA_LOG', 'DELTA_METADATA_CHANGED'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DELTA_SCHEMA_CHANGED_WITH_VERSION',
    system: 'Delta',
    sqlState: 'KD007',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaIllegalStateException',
    message: 'Detected schema change in version <version>:\nstreaming source schema: <readSchema>\n\ndata file schema: <dataSchema>\n\nPlease try restarting the query. If this issue repeats across query restarts without\nmaking progress, you have made an incompatible schema change and need to start your\nquery from scratch using a new checkpoint directory.\n',
    versions: 'Delta 3.x and 4.x.',
    meaning: 'As DELTA_SCHEMA_CHANGED, with the source table version <version> at which the schema changed.',
    causes: ['An upstream schema change at <version>: a new firmware field merged into silver, or a type change.'],
    diagnostics: ['`DESCRIBE HISTORY mfg_prod.silver.machine_telemetry` and read the operation at <version>.'],
    fixes: [
      {
        title: 'Restart; for incompatible changes start after <version>',
        language: 'python',
        code: `(spark.readStream.format("delta")
    .option("startingVersion", "<version>")   # new checkpoint; backfill anything before it
    .table("mfg_prod.silver.machine_telemetry"))`,
      },
    ],
    prevention: ['Record schema changes of shared silver tables in the change log that downstream owners watch.'],
    related: ['DELTA_SCHEMA_CHANGED', 'DELTA_SCHEMA_CHANGED_WITH_STARTING_OPTIONS'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DELTA_SCHEMA_CHANGED_WITH_STARTING_OPTIONS',
    system: 'Delta',
    sqlState: 'KD007',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaIllegalStateException',
    message: 'Detected schema change in version <version>:\nstreaming source schema: <readSchema>\n\ndata file schema: <dataSchema>\n\nPlease try restarting the query. If this issue repeats across query restarts without\nmaking progress, you have made an incompatible schema change and need to start your\nquery from scratch using a new checkpoint directory. If the issue persists after\nchanging to a new checkpoint directory, you may need to change the existing\n\'startingVersion\' or \'startingTimestamp\' option to start from a version newer than\n<version> with a new checkpoint directory.\n',
    versions: 'Delta 3.x and 4.x.',
    meaning: 'The stream was started with startingVersion or startingTimestamp before a schema change at <version>, so even a new checkpoint hits the change again.',
    causes: ['A reprocessing run for a plant started from an old startingTimestamp across a schema change of the source.'],
    diagnostics: ['Compare the starting option with <version> from the message.'],
    fixes: [
      {
        title: 'Split the reprocessing at the schema change',
        language: 'text',
        code: 'Reprocess the range before <version> as a batch read with the old schema (time travel), then start the stream with a new checkpoint and startingVersion greater than <version>.',
      },
    ],
    prevention: ['Reprocessing plans list the schema-changing versions of every source table in the range.'],
    related: ['DELTA_SCHEMA_CHANGED_WITH_VERSION'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DELTA_STREAMING_INCOMPATIBLE_SCHEMA_CHANGE_USE_SCHEMA_LOG',
    system: 'Delta',
    sqlState: '42KD4',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaStreamingNonAdditiveSchemaIncompatibleException',
    message: 'Streaming read is not supported on tables with read-incompatible schema changes (e.g. rename or drop or datatype changes).\nPlease provide a \'schemaTrackingLocation\' to enable non-additive schema evolution for Delta stream processing.\nSee <docLink> for more details.\nRead schema: <readSchema>. Incompatible data schema: <incompatibleSchema>.',
    versions: 'Delta 3.x and 4.x (a DeltaUnsupportedOperationException subclass). When schema tracking is disabled by configuration the same exception carries DELTA_STREAMING_INCOMPATIBLE_SCHEMA_CHANGE instead.',
    meaning: 'A streaming read of a table with column mapping met a rename, drop or type change, which a stream cannot apply without a schema log.',
    causes: [
      'A column renamed or dropped in silver with column mapping (spindleSpeed renamed to spindle_rpm).',
      'Type widening of a source column (Delta 4.0+) read by a stream.',
    ],
    diagnostics: ['Compare "Read schema" and "Incompatible data schema" (JSON) in the message; `DESCRIBE HISTORY` for RENAME COLUMN, DROP COLUMN or CHANGE COLUMN.'],
    fixes: [
      {
        title: 'Give the stream a schema tracking location under its checkpoint',
        language: 'python',
        code: `(spark.readStream.format("delta")
    .option("schemaTrackingLocation", "/Volumes/mfg_prod/ops/checkpoints/gold_oee_hourly/_schema_log")
    .table("mfg_prod.silver.machine_telemetry"))`,
      },
    ],
    prevention: ['Every stream that reads a table with column mapping sets schemaTrackingLocation from its first run.'],
    related: ['DELTA_STREAMING_CANNOT_CONTINUE_PROCESSING_POST_SCHEMA_EVOLUTION', 'DELTA_SCHEMA_CHANGED'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DELTA_STREAMING_CANNOT_CONTINUE_PROCESSING_POST_SCHEMA_EVOLUTION',
    system: 'Delta',
    sqlState: 'KD002',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaRuntimeException',
    message: 'We\'ve detected one or more non-additive schema change(s) (<opType>) between Delta version <previousSchemaChangeVersion> and <currentSchemaChangeVersion> in the Delta streaming source.\nChanges: \n<columnChangeDetails>\nPlease check if you want to manually propagate the schema change(s) to the sink table before we proceed with stream processing using the finalized schema at version <currentSchemaChangeVersion>.\nOnce you have fixed the schema of the sink table or have decided there is no need to fix, you can set the following configuration(s) to unblock the non-additive schema change(s) and continue stream processing.\n\nUsing dataframe reader option(s):\nTo unblock for this particular stream just for this series of schema change(s):\n<unblockChangeOptions>\nTo unblock for this particular stream:\n<unblockStreamOptions>\n\nUsing SQL configuration(s):\nTo unblock for this particular stream just for this series of schema change(s):\n<unblockChangeConfs>\nTo unblock for this particular stream:\n<unblockStreamConfs>\nTo unblock for all streams:\n<unblockAllConfs>\n',
    versions: 'Delta 3.x and 4.x, for streams with schemaTrackingLocation.',
    meaning: 'The schema log recorded a non-additive change; the stream stops once so that the sink can be adjusted, and tells you which reader option or SQL configuration unblocks it.',
    causes: ['A rename, drop or type change in the source table of a stream with schema tracking.'],
    diagnostics: ['Read <columnChangeDetails> and decide whether the sink table needs the same change (rename the gold column, widen it).'],
    fixes: [
      {
        title: 'Adjust the sink, then unblock with the option the message prints',
        language: 'python',
        code: `# after propagating the change to the sink; option names and version come from the message
(spark.readStream.format("delta")
    .option("schemaTrackingLocation", schema_log)
    .option("<option from the message>", "<currentSchemaChangeVersion>")
    .table("mfg_prod.silver.machine_telemetry"))`,
      },
    ],
    prevention: ['Non-additive changes on silver are announced so that owners of downstream streams prepare the sink change and the unblock option.'],
    related: ['DELTA_STREAMING_INCOMPATIBLE_SCHEMA_CHANGE_USE_SCHEMA_LOG'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DELTA_NULL_SCHEMA_IN_STREAMING_WRITE',
    system: 'Delta',
    sqlState: '42P18',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaAnalysisException',
    message: 'Delta doesn\'t accept NullTypes in the schema for streaming writes.',
    versions: 'Delta 3.x and 4.x (DeltaSink checks any NullType anywhere in the schema).',
    meaning: 'The streaming DataFrame written to Delta has a column (or nested field) of type VOID/NullType, which Delta cannot store.',
    causes: [
      'F.lit(None) used as a placeholder for a column that old firmware does not send.',
      'Schema inference on a JSON sample where a field was always null (e.g. an optional alarm_code).',
    ],
    diagnostics: ['`df.printSchema()` and look for `void` or `null` types, also inside structs and arrays.'],
    fixes: [
      {
        title: 'Give placeholders a type',
        language: 'python',
        code: 'df = df.withColumn("alarm_code", F.lit(None).cast("string"))',
      },
    ],
    prevention: ['Explicit schemas for from_json in silver; no schema inference in streaming jobs.'],
    related: ['DELTA_FAILED_TO_MERGE_FIELDS'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DELTA_NOT_NULL_CONSTRAINT_VIOLATED',
    system: 'Delta',
    sqlState: '23502',
    exceptionClass: 'org.apache.spark.sql.delta.schema.DeltaInvariantViolationException',
    message: 'NOT NULL constraint violated for column: <columnName>.\n',
    versions: 'Delta 3.x and 4.x. The whole write fails and commits nothing.',
    meaning: 'A row written to the table has NULL in a column declared NOT NULL.',
    causes: [
      'Gateways that lost their configuration send machine_id = null.',
      'A renamed payload field: the old name is selected, returns NULL, and hits the NOT NULL column.',
      'A failed try_cast producing NULL in a NOT NULL measurement column.',
    ],
    diagnostics: ['Count nulls of <columnName> in the failing batch by plant_id and gateway; check for a rename in the payload.'],
    fixes: [
      {
        title: 'Route rows with null keys to quarantine before the write',
        language: 'python',
        code: `bad = batch.filter(F.col("machine_id").isNull())
bad.write.mode("append").saveAsTable("mfg_prod.ops.quarantine_telemetry_null_keys")
batch.filter(F.col("machine_id").isNotNull()).write.format("delta").mode("append").saveAsTable(SILVER)`,
      },
    ],
    prevention: ['Validate NOT NULL columns in the foreachBatch before writing, so one bad gateway does not stop the plant stream.'],
    related: ['DELTA_VIOLATE_CONSTRAINT_WITH_VALUES', 'TASK_WRITE_FAILED', 'UNRESOLVED_COLUMN.WITH_SUGGESTION'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DELTA_VIOLATE_CONSTRAINT_WITH_VALUES',
    system: 'Delta',
    sqlState: '23001',
    exceptionClass: 'org.apache.spark.sql.delta.schema.DeltaInvariantViolationException',
    message: 'CHECK constraint <constraintName> <expression> violated by row with values:\n<values>',
    versions: 'Delta 3.x and 4.x.',
    meaning: 'A row violates a CHECK constraint of the table; the values of the referenced columns are printed.',
    causes: [
      'A sensor outside its physical range after a unit change (temperature in Fahrenheit against CHECK (temperature BETWEEN -50 AND 400) defined for Celsius).',
      'Counters reset by a PLC restart violating CHECK (cycle_counter >= 0) after an overflow.',
    ],
    diagnostics: ['The constraint name, expression and offending values are in the message; `SHOW TBLPROPERTIES` lists delta.constraints.*.'],
    fixes: [
      {
        title: 'Split the batch on the constraint expression',
        language: 'python',
        code: `ok = F.expr("temperature BETWEEN -50 AND 400")
batch.filter(~ok).write.mode("append").saveAsTable("mfg_prod.ops.quarantine_telemetry_out_of_range")
batch.filter(ok).write.format("delta").mode("append").saveAsTable(SILVER)`,
      },
    ],
    prevention: ['Keep CHECK constraints and the pre-write validation generated from the same rule list.'],
    related: ['DELTA_NOT_NULL_CONSTRAINT_VIOLATED'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DELTA_LOG_FILE_NOT_FOUND_FOR_STREAMING_SOURCE',
    system: 'Delta',
    sqlState: '42K03',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaFileNotFoundException',
    message: 'If you never deleted it, it\'s likely your query is lagging behind. Please delete its checkpoint to restart from scratch. To avoid this happening again, you can update your retention policy of your Delta table',
    versions: 'Delta 3.x and 4.x; the cause is the java.io.FileNotFoundException with the missing _delta_log path. On Databricks the same situation is often reported as DELTA_FILE_NOT_FOUND_DETAILED, a Databricks-only class not in the Delta Lake catalog.',
    meaning: 'A Delta streaming source needs a commit file (_delta_log/<version>.json) that log cleanup has already removed: the stream lags behind delta.logRetentionDuration.',
    causes: [
      'The downstream stream was stopped longer than the log retention (30 days by default) of its source.',
      'A shorter delta.logRetentionDuration set on a high-commit-rate silver table.',
    ],
    diagnostics: ['Compare the reservoirVersion in the latest <checkpoint>/offsets file with the oldest _delta_log/*.json of the source and with `DESCRIBE HISTORY`.'],
    fixes: [
      {
        title: 'New checkpoint from a version that still exists, and backfill the gap',
        language: 'python',
        code: `(spark.readStream.format("delta")
    .option("startingVersion", "<oldest available version>")   # new checkpoint
    .table("mfg_prod.silver.machine_telemetry"))
# backfill the gap from the source table as a batch job, deduplicated by key`,
      },
    ],
    prevention: ['Source log retention longer than the longest tolerated downtime of every reader; alert on stream inactivity.'],
    related: ['DELTA_MISSING_FILES_UNEXPECTED_VERSION', 'DELTA_TRUNCATED_TRANSACTION_LOG', 'FAILED_READ_FILE.FILE_NOT_EXIST'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'DELTA_MISSING_FILES_UNEXPECTED_VERSION',
    system: 'Delta',
    sqlState: '42K03',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaIllegalStateException',
    message: 'Delta stream cannot resume from version <startVersion>; transaction log starts at <earliestVersion>. Log files may have been deleted by log retention. Restart the stream with a new checkpoint location and consider increasing delta.logRetentionDuration. To skip missing data instead, set .option("<option>", "false").',
    versions: 'Newer Delta releases (present in the checked 4.x source and catalog).',
    meaning: 'The Delta streaming source expected to resume at <startVersion>, but the transaction log now starts later: the commits in between were removed by log retention.',
    causes: ['The same as DELTA_LOG_FILE_NOT_FOUND_FOR_STREAMING_SOURCE: a stream stopped or lagging longer than the source log retention.'],
    diagnostics: ['Compare <startVersion> and <earliestVersion>; `DESCRIBE HISTORY` on the source table.'],
    fixes: [
      {
        title: 'Restart on a new checkpoint and backfill, or skip knowingly',
        language: 'text',
        code: 'Restart with a new checkpoint and backfill the versions between <startVersion> and <earliestVersion> from the table. Setting the printed option (failOnDataLoss) to false skips the missing data; do it only after a decision that the gap is acceptable.',
      },
    ],
    prevention: ['delta.logRetentionDuration on shared silver tables longer than the slowest consumer can be down.'],
    related: ['DELTA_LOG_FILE_NOT_FOUND_FOR_STREAMING_SOURCE', 'DELTA_TRUNCATED_TRANSACTION_LOG'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'DELTA_TRUNCATED_TRANSACTION_LOG',
    system: 'Delta',
    sqlState: '42K03',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaFileNotFoundException',
    message: '<path>: Unable to reconstruct state at version <version> as the transaction log has been truncated due to manual deletion or the log retention policy (<logRetentionKey>=<logRetention>) and checkpoint retention policy (<checkpointRetentionKey>=<checkpointRetention>)',
    versions: 'Delta 3.x and 4.x.',
    meaning: 'Delta cannot reconstruct version <version>: the commits and checkpoints it needs were removed by log or checkpoint retention, or by hand.',
    causes: [
      'Time travel (VERSION AS OF) or a restore to a version older than delta.logRetentionDuration, for a plant audit or a backfill.',
      'Files deleted manually from _delta_log to "save space".',
    ],
    diagnostics: ['`DESCRIBE HISTORY` shows the oldest reachable versions; compare with <version> and the retention settings in the message.'],
    fixes: [
      {
        title: 'Use a reachable version; raise retention for audit tables',
        language: 'sql',
        code: "ALTER TABLE mfg_prod.gold.quality_results SET TBLPROPERTIES ('delta.logRetentionDuration' = 'interval 365 days', 'delta.deletedFileRetentionDuration' = 'interval 365 days')",
      },
    ],
    prevention: ['Audit-relevant tables (quality results, batch genealogy) get long retention or periodic snapshots (DEEP CLONE) instead of relying on time travel.'],
    related: ['DELTA_LOG_FILE_NOT_FOUND_FOR_STREAMING_SOURCE', 'DELTA_VERSIONS_NOT_CONTIGUOUS'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'DELTA_VERSIONS_NOT_CONTIGUOUS',
    system: 'Delta',
    sqlState: 'KD00C',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaIllegalStateException',
    message: 'Versions (<versionList>) are not contiguous. \nA gap in the delta log between versions <startVersion> and <endVersion> was detected while trying to load version <versionToLoad>.',
    versions: 'Delta 3.x and 4.x.',
    meaning: 'The _delta_log has a gap: commit files between <startVersion> and <endVersion> are missing, so no snapshot at <versionToLoad> can be built.',
    causes: [
      'Commit JSON files deleted or lost by a storage lifecycle rule or a partial copy of the table folder between storage accounts.',
      'A restore of only part of _delta_log from a backup.',
    ],
    diagnostics: ['List _delta_log/ and find the missing <n>.json files; check storage versioning and soft delete for them.'],
    fixes: [
      {
        title: 'Restore the missing commit files',
        language: 'text',
        code: 'Restore the missing _delta_log/<n>.json files from storage versioning or backup. If they are lost, rebuild the table from its sources or from the last consistent DEEP CLONE; do not hand-edit the log.',
      },
    ],
    prevention: ['No lifecycle rules on table folders; copy Delta tables with DEEP CLONE, never with file copies.'],
    related: ['DELTA_TRUNCATED_TRANSACTION_LOG'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'DIFFERENT_DELTA_TABLE_READ_BY_STREAMING_SOURCE',
    system: 'Delta',
    sqlState: '55019',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaIllegalStateException',
    message: 'The streaming query was reading from an unexpected Delta table (id = \'<newTableId>\'). \nIt used to read from another Delta table (id = \'<oldTableId>\') according to checkpoint. \nThis may happen when you changed the code to read from a new table or you deleted and \nre-created a table. Please revert your change or delete your streaming query checkpoint \nto restart from scratch.',
    versions: 'Delta 3.x and 4.x (a Delta class without the DELTA_ prefix).',
    meaning: 'The checkpoint belongs to a stream over a Delta table with another table id: the source was dropped and recreated, or the code now reads a different table.',
    causes: [
      'CREATE OR REPLACE TABLE or DROP and CREATE on the silver source during a fix, which gives it a new table id.',
      'A source path changed to another plant table while keeping the checkpoint.',
    ],
    diagnostics: ['Compare <oldTableId> with `DESCRIBE DETAIL` id of the current source; `DESCRIBE HISTORY` for CREATE OR REPLACE.'],
    fixes: [
      {
        title: 'New checkpoint with a deliberate starting point',
        language: 'text',
        code: 'The old checkpoint cannot be reused. Start a new checkpoint with startingVersion chosen so that rows already written downstream are not duplicated (or MERGE on the key downstream), and backfill what the recreated table no longer holds.',
      },
    ],
    prevention: ['Never recreate tables that streams read; use ALTER TABLE, or a new table name with a planned switch of readers.'],
    related: ['DELTA_SCHEMA_CHANGED', 'DELTA_SOURCE_TABLE_IGNORE_CHANGES'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'DELTA_SOURCE_TABLE_IGNORE_CHANGES',
    system: 'Delta',
    sqlState: '0A000',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaUnsupportedOperationException',
    message: 'Detected a data update (for example <changeInfo>) in the source table at version <version>. This is currently not supported. If this is going to happen regularly and you are okay to skip changes, set the option \'skipChangeCommits\' to \'true\'. If you would like the data update to be reflected, please restart this query with a fresh checkpoint directory. The source table can be found at path <dataPath>.',
    versions: 'Delta 3.x and 4.x. skipChangeCommits is the current option; the older ignoreChanges option re-emits rewritten files and causes duplicates downstream.',
    meaning: 'A streaming source met a commit that rewrote existing files (UPDATE, DELETE, MERGE, RESTORE, OPTIMIZE with data change); an append-only stream cannot express that.',
    causes: [
      'A correction UPDATE or a GDPR DELETE on the silver table that gold streams read.',
      'A backfill MERGE into a table that is also a streaming source.',
      'RESTORE of the source after a bad deployment.',
    ],
    diagnostics: ['`DESCRIBE HISTORY` at <version>: operation and predicate.'],
    fixes: [
      {
        title: 'Skip change commits if the downstream can miss them',
        language: 'python',
        code: `(spark.readStream.format("delta")
    .option("skipChangeCommits", "true")
    .table("mfg_prod.silver.machine_telemetry"))
# propagate corrections to gold separately (batch MERGE of the corrected keys)`,
      },
      {
        title: 'Or read the change data feed',
        language: 'python',
        code: `(spark.readStream.format("delta").option("readChangeFeed", "true")
    .table("mfg_prod.silver.machine_telemetry"))   # needs delta.enableChangeDataFeed on the source`,
      },
    ],
    prevention: ['Streaming sources are append-only by rule; corrections go through a separate corrections table or the change data feed.'],
    related: ['DIFFERENT_DELTA_TABLE_READ_BY_STREAMING_SOURCE', 'DELTA_CONCURRENT_DELETE_READ.WITH_PARTITION_HINT'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'DELTA_CAST_OVERFLOW_IN_TABLE_WRITE',
    system: 'Delta',
    sqlState: '22003',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaArithmeticException',
    message: 'Failed to write a value of <sourceType> type into the <targetType> type column <columnName> due to an overflow.\nUse `try_cast` on the input value to tolerate overflow and return NULL instead.\nIf necessary, set <storeAssignmentPolicyFlag> to "LEGACY" to bypass this error or set <updateAndMergeCastingFollowsAnsiEnabledFlag> to true to revert to the old behaviour and follow <ansiEnabledFlag> in UPDATE and MERGE.',
    versions: 'Delta 3.x and 4.x (UPDATE and MERGE casts under the default ANSI store assignment).',
    meaning: 'UPDATE or MERGE cast a source value to a narrower column type and it overflowed.',
    causes: ['MERGE with schema evolution accepts BIGINT data for an INT cycle_counter (implicit cast) and the first value above 2,147,483,647 fails at write time.'],
    diagnostics: ['Column and both types are in the message; max() of the source column.'],
    fixes: [
      {
        title: 'Widen the target column (Delta 4.0+), or a versioned BIGINT column on Delta 3.x',
        language: 'sql',
        code: `ALTER TABLE mfg_prod.silver.test_cycles SET TBLPROPERTIES ('delta.enableTypeWidening' = 'true');
ALTER TABLE mfg_prod.silver.test_cycles ALTER COLUMN cycle_counter TYPE BIGINT;`,
      },
    ],
    prevention: ['Do not rely on MERGE implicit casts for counters; the store assignment flags in the message only hide overflows.'],
    related: ['CAST_OVERFLOW_IN_TABLE_INSERT', 'DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP', 'DELTA_MERGE_INCOMPATIBLE_DATATYPE'],
    playbook: 'schema-evolution-errors',
  },
  {
    code: 'DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP',
    system: 'Delta',
    sqlState: '0AKDC',
    exceptionClass: 'org.apache.spark.sql.delta.DeltaAnalysisException',
    message: 'ALTER TABLE CHANGE COLUMN is not supported for changing column <fieldPath> from <oldField> to <newField>',
    versions: 'Delta 3.x and 4.x; types print in SQL form (INT, BIGINT, with " NOT NULL" when the field is not nullable).',
    meaning: 'ALTER COLUMN ... TYPE asked for a change that this table cannot make: type widening is off, or the widening is not supported by the Delta release.',
    causes: [
      'INT to BIGINT on Delta 3.2/3.3, where the type widening preview does not include it.',
      'Any type change on a table without delta.enableTypeWidening.',
      'A change that is not a widening (STRING to INT), which needs a rewrite.',
    ],
    diagnostics: ['`SHOW TBLPROPERTIES` for delta.enableTypeWidening; the Delta version of every reader and writer.'],
    fixes: [
      {
        title: 'Enable type widening on Delta 4.0+, or add a versioned column',
        language: 'sql',
        code: 'ALTER TABLE mfg_prod.silver.test_cycles ADD COLUMNS (cycle_counter_64 BIGINT)',
      },
    ],
    prevention: ['Check the type widening support of all reader and writer versions (including Databricks runtimes and external engines) before widening a shared table.'],
    related: ['DELTA_MERGE_INCOMPATIBLE_DATATYPE', 'DELTA_CAST_OVERFLOW_IN_TABLE_WRITE'],
    playbook: 'schema-evolution-errors',
  },
];
