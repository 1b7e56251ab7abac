import type {ErrorEntryInput} from '../schema';

/**
 * Databricks-specific error conditions (Spark-style: [CONDITION.SUB_CONDITION] message SQLSTATE: …).
 * Codes, SQLSTATEs and templates are taken from Databricks' public error-condition reference; the
 * message is the parent template, a line break and the sub-condition template, without the bracketed code.
 * Databricks does not publish the concrete exception class behind INVALID_SECRET_LOOKUP or
 * UDF_PYSPARK_USER_CODE_ERROR, so those entries leave exceptionClass null (not known) rather than name
 * the SparkThrowable interface every error-condition exception implements.
 */
export const databricksErrors: ErrorEntryInput[] = [
  {
    code: 'INVALID_SECRET_LOOKUP.SECRET_FUNCTION_LOOKUP_FAILED',
    system: 'Databricks',
    sqlState: '22531',
    exceptionClass: null,
    message: 'Invalid secret lookup:\nThe SECRET function failed to find a secret with scope <scope> and key <key> <cause>',
    alsoMatches: [],
    versions: 'Databricks Runtime 11.3 LTS+ and Databricks SQL (secret() and try_secret() functions)',
    meaning:
      'The SQL secret(scope, key) function could not return the secret: the scope or key does not exist, or the principal running the query may not read it. try_secret() returns NULL instead of raising. In Python jobs the same root causes make dbutils.secrets.get fail with its own, non-classed error.',
    causes: [
      'The key name in the plant config block (e.g. sasl-password) differs from the key stored in the scope kafka-plant-017.',
      'The job runs as a service principal that has no READ ACL on the plant scope, while the developer who tested it had one.',
      'Azure Key Vault-backed scope: the secret was renamed or disabled in Key Vault, or Databricks lost access to the vault.',
    ],
    diagnostics: [
      'List the keys visible to the principal: SELECT * FROM list_secrets() WHERE scope = \'kafka-plant-017\' (run as the job\'s run-as principal).',
      'Check the scope ACLs: databricks secrets list-acls kafka-plant-017.',
    ],
    fixes: [
      {
        title: 'Grant the job principal READ on the plant scope',
        code: 'databricks secrets put-acl kafka-plant-017 <service-principal-application-id> READ',
        language: 'bash',
      },
      {
        title: 'Fail with the scope and key name, never the value, when a secret is missing',
        code: "SELECT try_secret('kafka-plant-017', 'sasl-password') IS NOT NULL AS secret_available",
        language: 'sql',
      },
    ],
    prevention: [
      'One scope per plant with a fixed key naming scheme; create keys from the onboarding template, not by hand.',
      'Grant scope ACLs to groups that contain the job service principals, and test jobs with run-as set to the service principal.',
    ],
    related: [
      'INVALID_SECRET_LOOKUP.LIST_SECRETS_FAILED',
      'INVALID_SECRET_LOOKUP.SECRET_FUNCTION_NOT_SUPPORTED',
      'org.apache.kafka.common.errors.SaslAuthenticationException',
    ],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'INVALID_SECRET_LOOKUP.LIST_SECRETS_FAILED',
    system: 'Databricks',
    sqlState: '22531',
    exceptionClass: null,
    message: 'Invalid secret lookup:\nThe LIST_SECRETS table function failed to return the list of available secrets <cause>',
    alsoMatches: [],
    versions: 'Databricks Runtime 11.3 LTS+ and Databricks SQL (list_secrets() table function)',
    meaning:
      'list_secrets() could not list the secrets the caller may see. The <cause> part carries the underlying reason; the usual one is that the secret service could not be reached or refused the call.',
    causes: [
      'Key Vault-backed scope whose vault is unreachable from the workspace (firewall or private endpoint change at the vault).',
      'Transient secret service failure during a workspace incident.',
    ],
    diagnostics: [
      'Read the <cause> text at the end of the message.',
      'Try the CLI from outside the cluster: databricks secrets list-secrets kafka-plant-017. If the CLI works, the problem is on the compute side.',
    ],
    fixes: [
      {
        title: 'Restore access to the backing vault (networking or permissions), then re-run the validation task',
        language: 'text',
      },
    ],
    prevention: ['Include a list_secrets() or try_secret() check in the first task of ingest jobs so secret outages fail fast and clearly.'],
    related: ['INVALID_SECRET_LOOKUP.SECRET_FUNCTION_LOOKUP_FAILED'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'INVALID_SECRET_LOOKUP.SECRET_FUNCTION_NOT_SUPPORTED',
    system: 'Databricks',
    sqlState: '22531',
    exceptionClass: null,
    message: 'Invalid secret lookup:\nThe SECRET and LIST_SECRETS functions are not supported.',
    alsoMatches: [],
    versions: 'Databricks Runtime 11.3 LTS+ and Databricks SQL',
    meaning:
      'The compute that ran the query cannot use the Databricks secret service from SQL, so secret() and list_secrets() are unavailable there.',
    causes: [
      'A SQL task or view using secret() runs on compute where the secret functions are not available.',
      'Code moved from a notebook cluster to another compute type without checking feature support.',
    ],
    diagnostics: ['Identify the compute type and runtime version of the failing task in the job run details.'],
    fixes: [
      {
        title: 'Read the secret in the Python task that builds the Kafka options instead of in SQL',
        code: 'password = dbutils.secrets.get("kafka-plant-017", "sasl-password")',
        language: 'python',
      },
    ],
    prevention: ['Keep secret access in the option builder of the ingest job, not in SQL objects that other compute may run.'],
    related: ['INVALID_SECRET_LOOKUP.SECRET_FUNCTION_LOOKUP_FAILED'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'INSUFFICIENT_PERMISSIONS',
    system: 'Databricks',
    sqlState: '42501',
    exceptionClass: 'org.apache.spark.SparkSecurityException',
    message: 'Insufficient privileges:\n<report>',
    alsoMatches: [
      "User does not have <privilege> on <securableType> '<securableName>'.",
      'User does not have permission <privilege> on <object>.',
    ],
    versions: 'Databricks Runtime 12.2+ and Databricks SQL with Unity Catalog (error conditions as documented for these releases)',
    meaning:
      'Unity Catalog denied the principal a privilege on a securable (catalog, schema, table, volume, external location). The report names the missing privilege and the object. Table-level grants are not enough: USE CATALOG and USE SCHEMA on the parents are required too.',
    causes: [
      'The ingest service principal can read the plant topic but lacks MODIFY on the bronze table or USE SCHEMA on the plant schema.',
      'The job reads a truststore or keytab from a Unity Catalog volume without READ VOLUME.',
      'A new plant schema was created by a person, so its ownership and grants do not include the platform group.',
      'The job\'s run-as was changed from a user to a service principal that never received the grants.',
    ],
    diagnostics: [
      'Read the report part: it states the privilege and the securable, e.g. "User does not have USE CATALOG on Catalog \'manufacturing\'."',
      'SHOW GRANTS ON SCHEMA manufacturing.plant017; and SHOW GRANTS `<service-principal>` ON TABLE manufacturing.plant017.bronze_telemetry;',
      'Check the run-as identity of the job in the job settings.',
    ],
    fixes: [
      {
        title: 'Grant the hierarchy the ingest job needs (to a group that contains the service principal)',
        code: 'GRANT USE CATALOG ON CATALOG manufacturing TO `grp-ingest-jobs`;\nGRANT USE SCHEMA, MODIFY, SELECT ON SCHEMA manufacturing.plant017 TO `grp-ingest-jobs`;\nGRANT READ VOLUME ON VOLUME platform.kafka.truststores TO `grp-ingest-jobs`;',
        language: 'sql',
      },
    ],
    prevention: [
      'Create plant schemas and volumes through an automated onboarding (Terraform or SQL scripts) that applies the grants.',
      'Grant to groups, not to individual principals, and run jobs as service principals from the first test run.',
    ],
    related: ['INVALID_SECRET_LOOKUP.SECRET_FUNCTION_LOOKUP_FAILED'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'UDF_PYSPARK_USER_CODE_ERROR.MEMORY_LIMIT',
    system: 'Databricks',
    sqlState: '39000',
    exceptionClass: null,
    message:
      'Execution failed.\nFunction exceeded the limit of <limitMb> megabytes. Please reduce the memory usage of your function or consider using a larger cluster.',
    alsoMatches: [],
    versions: 'Databricks Runtime releases that enforce a memory limit on Python UDF execution (condition listed in the Databricks error-condition reference)',
    meaning:
      'A Python UDF (or pandas UDF) used more memory than the limit Databricks enforces for the UDF process. The Spark JVM heap is not the issue; the Python worker is.',
    causes: [
      'A UDF that parses a whole plant payload (for example a nested JSON document with thousands of sensor readings) into Python objects per row.',
      'A pandas UDF receiving very large Arrow batches (spark.sql.execution.arrow.maxRecordsPerBatch too high for wide telemetry rows).',
      'A UDF that caches lookup data (machine master data) in a module-level dictionary that grows without bound.',
    ],
    diagnostics: [
      'Identify the UDF from the stack trace and the failing stage in the Spark UI.',
      'Measure input row sizes: df.select(F.max(F.length("value"))) on the column passed to the UDF.',
    ],
    fixes: [
      {
        title: 'Replace JSON parsing in Python with built-in functions',
        code: 'parsed = df.select(F.from_json(F.col("value").cast("string"), telemetry_schema).alias("t"))',
        language: 'python',
      },
      {
        title: 'Reduce Arrow batch size for pandas UDFs',
        code: 'spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "2000")',
        language: 'python',
      },
    ],
    prevention: [
      'Prefer from_json, transform and other built-in functions over Python UDFs on the ingest path.',
      'Load master data as a broadcast DataFrame join, not into UDF-level caches.',
    ],
    related: ['UDF_PYSPARK_USER_CODE_ERROR.MEMORY_LIMIT_SERVERLESS', 'java.lang.OutOfMemoryError'],
    playbook: 'out-of-memory-errors',
  },
  {
    code: 'UDF_PYSPARK_USER_CODE_ERROR.MEMORY_LIMIT_SERVERLESS',
    system: 'Databricks',
    sqlState: '39000',
    exceptionClass: null,
    message: 'Execution failed.\nFunction exceeded the limit of <limitMb> megabytes. Please reduce the memory usage of your function.',
    alsoMatches: ['Function exceeded the limit of <limitMb> megabytes.'],
    versions: 'Databricks serverless compute (condition listed in the Databricks error-condition reference)',
    meaning:
      'Same as MEMORY_LIMIT, on serverless compute. The message has no "larger cluster" advice because the cluster size is not under your control there.',
    causes: [
      'A Python UDF that materialises whole payloads or large lookup tables in memory, moved from a classic job cluster to serverless.',
    ],
    diagnostics: ['Find the UDF in the stack trace; check the size of its inputs and of any state it keeps between calls.'],
    fixes: [
      {
        title: 'Rewrite the UDF with built-in functions or process smaller inputs per call',
        code: 'exploded = parsed.select("t.machine_id", F.explode("t.readings").alias("r"))',
        language: 'python',
      },
    ],
    prevention: ['Load-test UDF-heavy jobs on serverless with the largest plant\'s payloads before migrating them.'],
    related: ['UDF_PYSPARK_USER_CODE_ERROR.MEMORY_LIMIT', 'java.lang.OutOfMemoryError'],
    playbook: 'out-of-memory-errors',
  },
  {
    code: 'INVALID_DRIVER_MEMORY.SYSTEM_MEMORY',
    system: 'Databricks',
    sqlState: 'F0000',
    exceptionClass: 'org.apache.spark.SparkIllegalArgumentException',
    message:
      'Insufficient driver memory:\nSystem memory <systemMemory> must be at least <minSystemMemory>.\nPlease increase heap size using the --driver-memory option or "<config>" in Spark configuration.',
    alsoMatches: [],
    versions: 'Databricks Runtime (Databricks error-condition reference); open-source Spark reports the same check as INVALID_DRIVER_MEMORY without sub-condition',
    meaning:
      'Spark refused to start because the driver JVM heap is below the minimum its memory manager needs. The job fails at startup, before any Kafka connection.',
    causes: [
      'spark.driver.memory overridden with a very small value in a cluster policy or job spark_conf (for example copied from a local test).',
      'A very small driver node type chosen for a lightweight plant job.',
    ],
    diagnostics: ['Check spark.driver.memory and the driver node type in the job cluster definition; the <config> placeholder names the setting.'],
    fixes: [
      {
        title: 'Remove the override or pick a larger driver node type',
        code: '# job cluster spark_conf: delete "spark.driver.memory" unless a measured value is needed',
        language: 'text',
      },
    ],
    prevention: ['Manage driver sizing through cluster policies with tested defaults instead of per-job overrides.'],
    related: ['java.lang.OutOfMemoryError'],
    playbook: 'out-of-memory-errors',
  },
];
