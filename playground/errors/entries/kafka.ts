import type {ErrorEntryInput} from '../schema';

/**
 * Kafka client errors as Spark Structured Streaming jobs on Databricks see them. On Databricks the
 * client is relocated, so every class below also appears with the `kafkashaded.` prefix
 * (`kafkashaded.org.apache.kafka.common.errors.SaslAuthenticationException`); the texts are identical.
 * Texts are checked against apache/kafka client sources (3.x and 4.0 line).
 */
export const kafkaErrors: ErrorEntryInput[] = [
  {
    code: 'org.apache.kafka.common.errors.SaslAuthenticationException',
    system: 'Kafka',
    sqlState: null,
    exceptionClass: 'org.apache.kafka.common.errors.SaslAuthenticationException',
    protocolErrors: ['SASL_AUTHENTICATION_FAILED'],
    message:
      'Authentication failed during authentication due to invalid credentials with SASL mechanism <mechanism>',
    alsoMatches: [
      'Authentication failed: Invalid username or password',
      'Authentication failed during re-authentication due to invalid credentials with SASL mechanism <mechanism>',
      'Authentication failed: credentials for user could not be verified',
      'SASL Authentication failed.',
      'Connection to node <node> (<address>) failed authentication due to: <reason>',
      'An error: (<exception>) occurred when evaluating SASL token received from the Kafka Broker.',
    ],
    versions: 'Kafka clients 2.x–4.x; Apache Kafka brokers 2.x–4.x (managed services may word server texts differently)',
    meaning:
      'The TLS handshake and the SASL mechanism negotiation succeeded, but the broker rejected the credentials. For SCRAM and GSSAPI the broker replaces the real reason with the generic "invalid credentials with SASL mechanism" text; its internal "Authentication failed: Invalid user credentials" never reaches the client. For PLAIN against Apache Kafka\'s built-in PLAIN server the text "Authentication failed: Invalid username or password" is passed through. A GSSAPI client-side failure (for example "Server not found in Kerberos database (7)") arrives as the "An error: (…) occurred when evaluating SASL token" variant.',
    causes: [
      'The plant team rotated the SASL password, but the secret scope (for example kafka-plant-017) still holds the old one, or the stream was started before the rotation and an executor reconnected later.',
      'The SCRAM user exists only for SCRAM-SHA-256 while the job uses SCRAM-SHA-512 (SCRAM credentials are stored per mechanism), or the user was created on the central cluster but not on this plant cluster.',
      'Username and password keys swapped in the plant config block, or a trailing newline stored in the secret value.',
      'GSSAPI: the broker host name used by the client does not match the broker service principal (kafka/<host>@REALM), or the keytab is stale after a password reset.',
    ],
    diagnostics: [
      'Search the driver log for the ERROR line "Connection to node -1 (<host>/<ip>:9093) failed authentication due to: …": node -1 is the bootstrap connection, so the credentials fail before any metadata is read.',
      'In a notebook running as the job\'s run-as principal, check that the secret is readable and has the expected length: len(dbutils.secrets.get("kafka-plant-017", "sasl-password")). Never print the value.',
      'Ask the plant Kafka team to list the SCRAM credentials of the user: kafka-configs.sh --bootstrap-server <broker>:9093 --command-config admin.properties --describe --entity-type users --entity-name <user>. The output must list the mechanism the job uses.',
      'Reproduce outside Spark with kcat, which uses librdkafka: kcat -L -b <broker>:9093 -X security.protocol=SASL_SSL -X sasl.mechanisms=SCRAM-SHA-512 -X sasl.username=<user> -X sasl.password=<password>. Success proves the credentials, not the JVM truststore.',
    ],
    fixes: [
      {
        title: 'Update the secret and restart the stream so every executor rebuilds its JAAS string',
        code: 'databricks secrets put-secret kafka-plant-017 sasl-password\n# then restart the job; the running query keeps the JAAS string it was started with',
        language: 'bash',
      },
      {
        title: 'Match mechanism and login module (shaded on Databricks)',
        code: 'opts["kafka.sasl.mechanism"] = "SCRAM-SHA-512"\nopts["kafka.sasl.jaas.config"] = (\n    "kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required "\n    f\'username="{user}" password="{password}";\'\n)',
        language: 'python',
      },
      {
        title: 'Create the missing SCRAM credential for this mechanism on the plant cluster (Kafka team)',
        code: "kafka-configs.sh --bootstrap-server <broker>:9093 --command-config admin.properties --alter \\\n  --add-config 'SCRAM-SHA-512=[password=<password>]' --entity-type users --entity-name <user>",
        language: 'bash',
      },
    ],
    prevention: [
      'Rotate credentials with overlap: the plant team adds the new credential, the platform updates the secret and restarts the streams, and only then is the old credential removed.',
      'Run a bounded batch read against each plant topic as the first task of every ingest job, so a wrong credential fails in seconds instead of hours later on an executor.',
      'Alert on the "failed authentication due to" log line in driver and executor logs, not only on query termination.',
    ],
    related: [
      'org.apache.kafka.common.errors.UnsupportedSaslMechanismException',
      'org.apache.kafka.common.errors.IllegalSaslStateException',
      'org.apache.kafka.common.KafkaException',
      'INVALID_SECRET_LOOKUP.SECRET_FUNCTION_LOOKUP_FAILED',
      'javax.security.auth.login.LoginException',
      'STREAM_FAILED',
    ],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'org.apache.kafka.common.errors.UnsupportedSaslMechanismException',
    system: 'Kafka',
    sqlState: null,
    exceptionClass: 'org.apache.kafka.common.errors.UnsupportedSaslMechanismException',
    protocolErrors: ['UNSUPPORTED_SASL_MECHANISM'],
    message: "Client SASL mechanism '<mechanism>' not enabled in the server, enabled mechanisms are <enabledMechanisms>",
    alsoMatches: ['The broker does not support the requested SASL mechanism.'],
    versions: 'Kafka clients 0.10.2+ through 4.x (SaslHandshake); protocol error UNSUPPORTED_SASL_MECHANISM (33)',
    meaning:
      'The broker listener answered the SaslHandshake with the list of mechanisms it accepts, and the one in kafka.sasl.mechanism is not in it. No credentials were sent. The second text is the protocol default for error 33, seen when no detail is passed.',
    causes: [
      'kafka.sasl.mechanism left at the client default PLAIN while the plant listener runs SCRAM-SHA-512.',
      'The job connects to the wrong listener port (for example the GSSAPI listener of an older site instead of the SCRAM listener).',
      'The plant cluster was migrated to a new mechanism and the plant config block was not updated.',
    ],
    diagnostics: [
      'Read the enabled mechanisms from the message itself, e.g. "enabled mechanisms are [SCRAM-SHA-512]", and compare with kafka.sasl.mechanism in the plant config.',
      'Check that the bootstrap port belongs to the intended listener (ask for the broker\'s listeners and sasl.enabled.mechanisms per listener).',
    ],
    fixes: [
      {
        title: 'Set the mechanism the listener accepts and the matching login module',
        code: 'opts["kafka.sasl.mechanism"] = "SCRAM-SHA-512"\nopts["kafka.sasl.jaas.config"] = (\n    "kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required "\n    f\'username="{user}" password="{password}";\'\n)',
        language: 'python',
      },
    ],
    prevention: [
      'Keep the mechanism in the per-plant config block (configs/sasl-scram-512.yaml etc.), never as a notebook default.',
      'Record each plant listener (host, port, mechanism) in the plant onboarding checklist and validate it with a bounded batch read.',
    ],
    related: ['org.apache.kafka.common.errors.IllegalSaslStateException', 'org.apache.kafka.common.errors.SaslAuthenticationException'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'org.apache.kafka.common.errors.IllegalSaslStateException',
    system: 'Kafka',
    sqlState: null,
    exceptionClass: 'org.apache.kafka.common.errors.IllegalSaslStateException',
    protocolErrors: ['ILLEGAL_SASL_STATE'],
    message: 'Unexpected handshake request with client mechanism <mechanism>, enabled mechanisms are <enabledMechanisms>',
    alsoMatches: [
      'Invalid SASL mechanism response, server may be expecting a different protocol',
      'Request is not valid given the current SASL state.',
    ],
    versions: 'Kafka clients 2.x–4.x; protocol error ILLEGAL_SASL_STATE (34)',
    meaning:
      'The client and the broker disagree about the state of the SASL exchange. Either the broker did not expect a SaslHandshake at this point, or the client could not parse the broker\'s reply as a Kafka SASL response, which usually means the port speaks a different protocol or a different security setting.',
    causes: [
      'kafka.security.protocol set to SASL_PLAINTEXT against a SASL_SSL port or the reverse, so one side reads TLS records as Kafka frames.',
      'The bootstrap address points at a listener with another security protocol (for example the plant\'s SSL-only replication listener).',
      'A TLS-intercepting proxy or load balancer in the plant DMZ answers instead of the broker.',
    ],
    diagnostics: [
      'Check kafka.security.protocol against the listener definition of the port (9093 is often SASL_SSL, 9092 PLAINTEXT, but plants differ).',
      'openssl s_client -connect <broker>:<port> -servername <broker> </dev/null: a certificate chain means the port speaks TLS; an immediate failure means it does not.',
    ],
    fixes: [
      {
        title: 'Use the security protocol the listener expects',
        code: 'opts["kafka.security.protocol"] = "SASL_SSL"  # must match the listener on this port',
        language: 'python',
      },
    ],
    prevention: [
      'Derive protocol and port from one per-plant config block; do not mix ports and protocols in notebook code.',
      'Document which plant ports pass through proxies and keep Kafka ports out of TLS inspection.',
    ],
    related: ['org.apache.kafka.common.errors.UnsupportedSaslMechanismException', 'org.apache.kafka.common.errors.SslAuthenticationException'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'org.apache.kafka.common.errors.SslAuthenticationException',
    system: 'Kafka',
    sqlState: null,
    exceptionClass: 'org.apache.kafka.common.errors.SslAuthenticationException',
    message: 'SSL handshake failed',
    alsoMatches: [
      'Failed to process post-handshake messages',
      'Connection to node <node> (<address>) failed authentication due to: <reason>',
    ],
    versions: 'Kafka clients 1.0+ through 4.x; cause texts come from the JDK (8, 11, 17, 21)',
    meaning:
      'The TLS handshake with the broker failed, so neither SASL nor any Kafka request took place. Kafka only wraps the error: the reason is the JDK exception in the "Caused by:" chain (certificate trust, host name, expiry, protocol or cipher mismatch).',
    causes: [
      'The plant CA (root or intermediate) is missing from the truststore given in kafka.ssl.truststore.*, or no truststore was configured and the JVM cacerts does not know the private plant CA.',
      'The bootstrap address (IP or load-balancer alias) is not in the broker certificate\'s subject alternative names; hostname verification is on by default (ssl.endpoint.identification.algorithm=https).',
      'The broker certificate or the plant CA expired, or the plant renewed its CA and the truststore still holds only the old one.',
      'Mutual TLS required by the listener but no client keystore configured.',
    ],
    diagnostics: [
      'Read the innermost "Caused by:" line: PKIX path building failed (trust), No subject alternative … (host name), validity check failed (expiry).',
      'From a %sh cell on the driver: openssl s_client -connect <broker>:9093 -servername <broker> -showcerts -CAfile plant017-ca.pem </dev/null | grep -E "s:|i:|Verify return code".',
      'Print the leaf certificate SANs and dates: openssl s_client -connect <broker>:9093 -servername <broker> </dev/null | openssl x509 -noout -subject -enddate -ext subjectAltName.',
      'openssl uses its own CA store; it does not prove the JVM truststore is right. Check the JVM side with keytool -list -keystore plant017-truststore.p12 -storetype PKCS12.',
    ],
    fixes: [
      {
        title: 'Pass the full plant CA chain as a PEM secret (Kafka clients 2.7+)',
        code: 'opts["kafka.ssl.truststore.type"] = "PEM"\nopts["kafka.ssl.truststore.certificates"] = dbutils.secrets.get("kafka-plant-017", "ca-chain-pem")',
        language: 'python',
      },
      {
        title: 'Or build a PKCS12 truststore per plant and store it in a Unity Catalog volume',
        code: 'keytool -importcert -noprompt -alias plant017-ca-2026 -file plant017-ca-2026.pem \\\n  -keystore plant017-truststore.p12 -storetype PKCS12 -storepass "$TRUSTSTORE_PASSWORD"',
        language: 'bash',
      },
    ],
    prevention: [
      'One truststore (or PEM bundle) per plant, holding old and new CA during rotations; alert 30 days before any CA or broker certificate expires.',
      'Never set kafka.ssl.endpoint.identification.algorithm to an empty string: it hides SAN problems instead of fixing them.',
    ],
    related: [
      'javax.net.ssl.SSLHandshakeException',
      'sun.security.provider.certpath.SunCertPathBuilderException',
      'java.security.cert.CertificateException',
      'java.security.cert.CertPathValidatorException',
      'STREAM_FAILED',
    ],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'org.apache.kafka.common.errors.TopicAuthorizationException',
    system: 'Kafka',
    sqlState: null,
    exceptionClass: 'org.apache.kafka.common.errors.TopicAuthorizationException',
    protocolErrors: ['TOPIC_AUTHORIZATION_FAILED'],
    message: 'Not authorized to access topics: [<topics>]',
    alsoMatches: ['Topic authorization failed.', 'Topic authorization failed for topics <topics>'],
    versions: 'Kafka clients 0.10+ through 4.x; brokers with an authorizer (ACLs) enabled',
    meaning:
      'Authentication succeeded, but the broker\'s authorizer denied the principal an operation on the listed topics (Describe for metadata, Read for fetch, Write for produce). "Topic authorization failed for topics" is the client\'s metadata log line for the same condition.',
    causes: [
      'The plant topic was created (e.g. plant017.telemetry.raw) but the ingest principal got no Describe/Read ACL on it.',
      'subscribePattern matches new topics of a plant for which only some topics were granted.',
      'The Spark Kafka sink writes alerts back to a plant topic without a Write ACL.',
      'The principal name differs from the one the ACL was granted to (SCRAM user vs. Kerberos principal mapped by sasl.kerberos.principal.to.local.rules on the broker).',
    ],
    diagnostics: [
      'The bracketed list in the message names exactly the denied topics.',
      'Before any exception, the client logs the protocol error per topic in a NetworkClient WARN line: "Error while fetching metadata with correlation id 4 : {plant017.telemetry.raw=TOPIC_AUTHORIZATION_FAILED}" (clients before KAFKA-4374), "The metadata response from the cluster reported a recoverable issue with correlation id 4 : {…}" (newer clients). The decoder reads both.',
      'Ask the plant Kafka team for the ACLs: kafka-acls.sh --bootstrap-server <broker>:9093 --command-config admin.properties --list --topic plant017.telemetry.raw.',
      'Check the broker authorizer log for the denied operation and the principal name the broker resolved.',
    ],
    fixes: [
      {
        title: 'Grant Describe and Read on the plant topics (prefixed ACL covers new topics of the plant)',
        code: 'kafka-acls.sh --bootstrap-server <broker>:9093 --command-config admin.properties --add \\\n  --allow-principal User:svc-databricks-ingest --operation Read --operation Describe \\\n  --topic plant017. --resource-pattern-type prefixed',
        language: 'bash',
      },
    ],
    prevention: [
      'Request topic ACLs as part of plant onboarding, using prefixed ACLs per plant naming convention.',
      'Prefer subscribe with an explicit topic list over broad subscribePattern for plants with mixed ACLs.',
    ],
    related: ['org.apache.kafka.common.errors.GroupAuthorizationException', 'org.apache.kafka.common.errors.ClusterAuthorizationException', 'STREAM_FAILED'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'org.apache.kafka.common.errors.GroupAuthorizationException',
    system: 'Kafka',
    sqlState: null,
    exceptionClass: 'org.apache.kafka.common.errors.GroupAuthorizationException',
    protocolErrors: ['GROUP_AUTHORIZATION_FAILED'],
    message: 'Not authorized to access group: <groupId>',
    alsoMatches: ['Group authorization failed.'],
    versions: 'Kafka clients 0.10+ through 4.x; relevant to Spark 3.3 and earlier, or Spark 3.4+ with spark.sql.streaming.kafka.useDeprecatedOffsetFetching=true, or a fixed kafka.group.id',
    meaning:
      'The principal may read the topic but not use the consumer group. Spark 3.3 and earlier fetch offsets with a KafkaConsumer that joins a generated group (prefix spark-kafka-source, option groupIdPrefix). Since Spark 3.4 the default offset fetching uses the AdminClient and no longer relies on a consumer group, which changes the ACLs a stream needs.',
    causes: [
      'The plant cluster grants group ACLs only for named groups, while Spark generates a new group id per query (spark-kafka-source-<uuid>-…).',
      'A fixed kafka.group.id was set but the ACL covers a different group name.',
      'A job was moved from Spark 3.4+ back to the deprecated offset fetching (or to an old runtime) without group ACLs.',
    ],
    diagnostics: [
      'The group id in the message shows which prefix the ACL must cover.',
      'Check the runtime\'s Spark version and the value of spark.sql.streaming.kafka.useDeprecatedOffsetFetching.',
      'List group ACLs on the plant cluster: kafka-acls.sh --bootstrap-server <broker>:9093 --command-config admin.properties --list --group spark-kafka-source --resource-pattern-type prefixed.',
    ],
    fixes: [
      {
        title: 'Grant Read on a group prefix and make Spark use it',
        code: "# Kafka team\nkafka-acls.sh --bootstrap-server <broker>:9093 --command-config admin.properties --add \\\n  --allow-principal User:svc-databricks-ingest --operation Read --group plant017-ingest --resource-pattern-type prefixed\n# Spark source option: .option(\"groupIdPrefix\", \"plant017-ingest\")",
        language: 'bash',
      },
    ],
    prevention: [
      'Standardise groupIdPrefix per plant and grant a prefixed group ACL once.',
      'Use a fixed kafka.group.id only with one query per id: concurrent queries with the same id interfere with each other.',
    ],
    related: ['org.apache.kafka.common.errors.TopicAuthorizationException'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'org.apache.kafka.common.errors.ClusterAuthorizationException',
    system: 'Kafka',
    sqlState: null,
    exceptionClass: 'org.apache.kafka.common.errors.ClusterAuthorizationException',
    protocolErrors: ['CLUSTER_AUTHORIZATION_FAILED'],
    message: 'Cluster authorization failed.',
    alsoMatches: [],
    versions: 'Kafka clients 0.10+ through 4.x; the idempotent-producer case concerns brokers older than 2.8',
    meaning:
      'The principal lacks a permission on the cluster resource. In pipelines this is mostly the producer side: an idempotent producer asks the broker for a producer id, and brokers before 2.8 require the IdempotentWrite ACL on the cluster for that (KIP-679 made Write on a topic sufficient from 2.8). Admin operations that need cluster rights (creating topics, describing configs) fail with the same class.',
    causes: [
      'The Spark Kafka sink (alerts or enriched events written back to a plant cluster) runs with a Kafka 3.x client, where enable.idempotence defaults to true, against an older plant broker without the IdempotentWrite cluster ACL.',
      'A job creates topics or reads broker configs through the AdminClient without cluster rights.',
    ],
    diagnostics: [
      'Determine whether the failure comes from a writer (writeStream.format("kafka")) or from an admin call in the stack trace.',
      'Ask for the broker version and the cluster ACLs: kafka-acls.sh --bootstrap-server <broker>:9093 --command-config admin.properties --list --cluster.',
    ],
    fixes: [
      {
        title: 'Grant IdempotentWrite on the cluster (brokers < 2.8)',
        code: 'kafka-acls.sh --bootstrap-server <broker>:9093 --command-config admin.properties --add \\\n  --allow-principal User:svc-databricks-ingest --operation IdempotentWrite --cluster',
        language: 'bash',
      },
      {
        title: 'Or disable idempotence for the Spark sink if duplicates are acceptable downstream',
        code: '.option("kafka.enable.idempotence", "false")',
        language: 'python',
      },
    ],
    prevention: [
      'Keep the plant broker version in the plant inventory and test writers against the oldest broker still in service.',
      'Create topics through the plant team\'s provisioning, not from Spark jobs.',
    ],
    related: ['org.apache.kafka.common.errors.TopicAuthorizationException', 'org.apache.kafka.common.errors.TransactionalIdAuthorizationException'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'org.apache.kafka.common.errors.TransactionalIdAuthorizationException',
    system: 'Kafka',
    sqlState: null,
    exceptionClass: 'org.apache.kafka.common.errors.TransactionalIdAuthorizationException',
    protocolErrors: ['TRANSACTIONAL_ID_AUTHORIZATION_FAILED'],
    message: 'Transactional Id authorization failed.',
    alsoMatches: ['Transactional Id authorization failed'],
    versions: 'Kafka clients 0.11+ through 4.x (the trailing period is present in current clients, absent in old ones)',
    meaning:
      'A producer configured with transactional.id was refused Write on that TransactionalId resource. Spark\'s built-in Kafka sink does not use transactions, so this comes from custom producers (for example inside foreachBatch), Kafka Streams or other transactional tools writing to the plant or central cluster.',
    causes: [
      'A foreachBatch writer creates a transactional producer with a transactional.id that has no ACL.',
      'The transactional.id naming changed (e.g. now includes the plant id) and the prefixed ACL no longer matches.',
    ],
    diagnostics: [
      'Find the transactional.id in the producer config dump printed at producer start (ProducerConfig values) in the driver or executor log.',
      'List ACLs: kafka-acls.sh --bootstrap-server <broker>:9093 --command-config admin.properties --list --transactional-id <id>.',
    ],
    fixes: [
      {
        title: 'Grant Write (and Describe) on a transactional-id prefix',
        code: 'kafka-acls.sh --bootstrap-server <broker>:9093 --command-config admin.properties --add \\\n  --allow-principal User:svc-databricks-ingest --operation Write --operation Describe \\\n  --transactional-id plant017-writer --resource-pattern-type prefixed',
        language: 'bash',
      },
    ],
    prevention: ['Derive transactional ids from a documented per-plant prefix and grant the prefix once.'],
    related: ['org.apache.kafka.common.errors.ClusterAuthorizationException'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'org.apache.kafka.common.KafkaException',
    system: 'Kafka',
    sqlState: null,
    exceptionClass: 'org.apache.kafka.common.KafkaException',
    wrapper: true,
    message: 'Failed to construct kafka consumer',
    alsoMatches: [
      'Failed to construct kafka producer',
      'Failed to create new KafkaAdminClient',
      'javax.security.auth.login.LoginException: No LoginModule found for <module>',
      'JAAS config entry not terminated by semi-colon',
      'Login module control flag not specified in JAAS config',
      'Login module control flag is not available in the JAAS config',
      "Invalid login module control flag '<flag>' in JAAS config",
      "Value not specified for key '<key>' in JAAS config",
      'Login module not specified in JAAS config',
      'JAAS config property contains <count> login modules, should be 1 module',
      "Could not find a 'KafkaClient' entry in the JAAS configuration. System property 'java.security.auth.login.config' is not set",
    ],
    versions: 'Kafka clients 2.x–4.x; JAAS parser texts from org.apache.kafka.common.security.JaasConfig and JaasContext',
    meaning:
      'The Kafka client object could not be created from its configuration, so no network traffic happened. The wrapper text says which client failed (consumer, producer, or the AdminClient that Spark 3.4+ uses for offsets); the cause further down names the problem. The JAAS texts are IllegalArgumentExceptions thrown while parsing kafka.sasl.jaas.config; a login module class that is not on the classpath fails in the JDK\'s LoginContext with "No LoginModule found for".',
    causes: [
      'On Databricks the unshaded org.apache.kafka.common.security.plain.PlainLoginModule or …scram.ScramLoginModule is used; the bundled client only has kafkashaded.org.apache.kafka…',
      'A hand-built JAAS string without the final ";", without "required", or with an option that has no value (for example password= followed by an empty secret).',
      'The option was passed as "sasl.jaas.config" instead of "kafka.sasl.jaas.config", so Spark does not hand it to the client and Kafka falls back to the missing JVM-wide KafkaClient JAAS entry.',
      'Two login modules in one sasl.jaas.config value.',
    ],
    diagnostics: [
      'Go to the innermost "Caused by:"; the JAAS and LoginModule texts above are there.',
      'Check that every Kafka option carries the kafka. prefix and that the module name starts with kafkashaded. on Databricks Runtime (drop the prefix on open-source Spark).',
      'Check the secret values are non-empty without printing them: len(dbutils.secrets.get(scope, key)) > 0.',
    ],
    fixes: [
      {
        title: 'Build the JAAS string in one place, quoted and escaped',
        code: 'def _jaas_quote(v: str) -> str:\n    return \'"\' + v.replace("\\\\", "\\\\\\\\").replace(\'"\', \'\\\\"\') + \'"\'\n\nopts["kafka.sasl.jaas.config"] = (\n    "kafkashaded.org.apache.kafka.common.security.plain.PlainLoginModule required "\n    f"username={_jaas_quote(user)} password={_jaas_quote(password)};"\n)',
        language: 'python',
      },
    ],
    prevention: [
      'Use the shared kafka_options() builder for all plants instead of notebook copies of the JAAS string.',
      'Unit-test the builder output: it must end with ";", contain exactly one module and use the kafkashaded. prefix on Databricks.',
    ],
    related: [
      'org.apache.kafka.common.errors.SaslAuthenticationException',
      'javax.security.auth.login.LoginException',
      'org.apache.kafka.common.config.ConfigException',
    ],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'org.apache.kafka.common.config.ConfigException',
    system: 'Kafka',
    sqlState: null,
    exceptionClass: 'org.apache.kafka.common.config.ConfigException',
    message: 'No resolvable bootstrap urls given in bootstrap.servers',
    alsoMatches: [
      'Invalid url in bootstrap.servers: <url>',
      'Invalid port in bootstrap.servers: <url>',
      "Couldn't resolve server <url> from bootstrap.servers as DNS resolution failed for <host>",
    ],
    versions: 'Kafka clients 2.x–4.x, thrown when the client is constructed (Kafka 4.0 still does). Only Kafka 4.4+ clients that opt in with a positive bootstrap.resolve.timeout.ms (KIP-909, marked evolving) resolve bootstrap addresses later and fail from a later call with org.apache.kafka.common.errors.BootstrapResolutionException instead.',
    meaning:
      'None of the host:port entries in kafka.bootstrap.servers could be resolved by DNS from the cluster, so the client was not created. The WARN line "Couldn\'t resolve server …" is logged for each entry before the exception.',
    causes: [
      'The plant broker names exist only in the plant\'s internal DNS, which the Databricks VNet/VPC does not forward to.',
      'A typo or a missing port in kafka.bootstrap.servers (each entry must be host:port, comma-separated without spaces inside the names).',
      'The DNS zone for a new plant was not yet published when the job was onboarded.',
    ],
    diagnostics: [
      'From a %sh cell on the driver: getent hosts kafka-p017-1.plants.example.com; repeat from an executor with a small spark job if the driver resolves it.',
      'Look for the WARN lines naming each unresolved entry in the driver log.',
    ],
    fixes: [
      {
        title: 'Make the plant zone resolvable from the workspace network',
        code: '# check resolution from the cluster\ngetent hosts kafka-p017-1.plants.example.com || echo "not resolvable: add conditional forwarder / private DNS zone"',
        language: 'bash',
      },
    ],
    prevention: [
      'Add a DNS resolution check for every bootstrap host to plant onboarding and to the connection-diagnostics script.',
      'Store bootstrap servers in the plant config block, never typed into notebooks.',
    ],
    related: ['org.apache.kafka.common.KafkaException', 'org.apache.kafka.common.errors.TimeoutException'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'org.apache.kafka.common.errors.TimeoutException',
    system: 'Kafka',
    sqlState: null,
    exceptionClass: 'org.apache.kafka.common.errors.TimeoutException',
    message: 'Timeout expired while fetching topic metadata',
    alsoMatches: [
      'Timed out waiting for a node assignment. Call: <call>',
      'Topic <topic> not present in metadata after <ms> ms.',
      'Partition <partition> of topic <topic> with partition count <count> is not present in metadata after <ms> ms.',
      'Connection to node <node> (<address>) could not be established. Node may not be available.',
      'Connection to node <node> (<address>) terminated during authentication. This may happen due to any of the following reasons: (1) Firewall blocking Kafka TLS traffic (eg it may only allow HTTPS traffic), (2) Transient network issue.',
    ],
    versions: 'Kafka clients 2.x–4.x (consumer metadata text in TopicMetadataFetcher since 3.6, in Fetcher before); AdminClient text used by Spark 3.4+ default offset fetching',
    meaning:
      'The client retried until its timeout without getting an answer it could use. The Kafka client treats network errors as transient and retries, so a wrong address or a blocked port often shows up only as repeated WARN lines and, eventually, one of these timeouts: the consumer text, the AdminClient "node assignment" text (Spark 3.4+ fetches offsets with the AdminClient), or the producer text of the Spark Kafka sink.',
    causes: [
      'Firewall, NSG or routing to the plant data centre missing for the broker ports (the "could not be established" WARN repeats).',
      'Bootstrap succeeds but the brokers advertise listener names that Databricks cannot resolve or reach (the WARN repeats for positive node ids).',
      'A proxy or firewall that only passes HTTPS, or TLS inspection, cuts the TLS stream (the "terminated during authentication" WARN).',
      'The sink writes to a topic that does not exist and auto-creation is disabled on the plant cluster ("not present in metadata").',
    ],
    diagnostics: [
      'Search driver and executor logs for the NetworkClient WARN lines: node -1 means bootstrap; positive ids mean advertised broker addresses.',
      'From the driver: timeout 5 bash -c "</dev/tcp/<broker>/9093" && echo open; then openssl s_client -connect <broker>:9093 -servername <broker> </dev/null.',
      'Compare the advertised broker names in a metadata listing (kcat -L -b <broker>:9093 … lists "broker <id> at <host>:<port>") with what resolves from Databricks.',
    ],
    fixes: [
      {
        title: 'Open the path to every broker, not only the bootstrap address',
        code: 'for h in kafka-p017-1 kafka-p017-2 kafka-p017-3; do\n  timeout 5 bash -c "</dev/tcp/$h.plants.example.com/9093" && echo "$h open" || echo "$h blocked"\ndone',
        language: 'bash',
      },
      {
        title: 'Fail faster while diagnosing (AdminClient and consumer timeouts)',
        code: '.option("kafka.default.api.timeout.ms", "60000")\n.option("kafka.request.timeout.ms", "30000")',
        language: 'python',
      },
    ],
    prevention: [
      'Network checks for all brokers of a plant (DNS, TCP, TLS) in the onboarding runbook and before every firewall change at the plant.',
      'Alert on streams that make no progress (no new batch for N trigger intervals), because network faults often stall instead of failing.',
    ],
    related: [
      'org.apache.kafka.common.config.ConfigException',
      'org.apache.kafka.common.errors.SslAuthenticationException',
      'org.apache.kafka.common.errors.UnknownTopicOrPartitionException',
      'STREAM_FAILED',
    ],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'org.apache.kafka.common.errors.UnknownTopicOrPartitionException',
    system: 'Kafka',
    sqlState: null,
    exceptionClass: 'org.apache.kafka.common.errors.UnknownTopicOrPartitionException',
    protocolErrors: ['UNKNOWN_TOPIC_OR_PARTITION'],
    message: 'This server does not host this topic-partition.',
    alsoMatches: [],
    versions: 'Kafka clients 0.9+ through 4.x; protocol error UNKNOWN_TOPIC_OR_PARTITION (3)',
    meaning:
      'The broker answered that it has no such topic or partition. It is retriable: producers and consumers refresh metadata and retry, so it often appears as WARN lines first and only fails a write after the retries or delivery timeout run out.',
    causes: [
      'The topic name differs between plants (plant017.telemetry.raw vs. plant17.telemetry.raw) and the config block has the wrong one.',
      'The topic was deleted and recreated during a plant cluster migration while the stream was running.',
      'Partition reassignment or a broker restart during plant maintenance (transient).',
    ],
    diagnostics: [
      'List the topics the principal can see: kcat -L -b <broker>:9093 <SASL options> | grep plant017. A missing topic can also mean a missing Describe ACL.',
      'Check with the plant team whether the topic was recreated (new topic id); if it was, the checkpoint still holds offsets of the old topic.',
    ],
    fixes: [
      {
        title: 'Correct the topic name in the plant config; for recreated topics follow the checkpoint restart paths',
        code: '.option("subscribe", "plant017.telemetry.raw")  # name from the plant config block',
        language: 'python',
      },
    ],
    prevention: [
      'Validate topic existence with a bounded batch read before starting the stream.',
      'Agree with plant teams that topic deletion and recreation is a planned change with a pipeline restart.',
    ],
    related: ['org.apache.kafka.common.errors.TopicAuthorizationException', 'org.apache.kafka.common.errors.TimeoutException'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'org.apache.kafka.clients.consumer.OffsetOutOfRangeException',
    system: 'Kafka',
    sqlState: null,
    exceptionClass: 'org.apache.kafka.clients.consumer.OffsetOutOfRangeException',
    message: 'Offsets out of range with no configured reset policy for partitions: <partitions>',
    alsoMatches: ['The requested offset is not within the range of offsets maintained by the server.'],
    versions: 'Kafka clients 0.9+ through 4.x; in Spark, surfaced through the data-loss handling of the Kafka source (KAFKA_DATA_LOSS in Spark 4.0)',
    meaning:
      'The consumer asked for an offset that the broker no longer (or not yet) has, and auto.offset.reset=none forbids jumping. Spark sets auto.offset.reset to none for its executor consumers and handles this itself: with failOnDataLoss=true the query fails with a data-loss error, with false it skips to the earliest available offset. The second text is the broker\'s protocol default, carried by org.apache.kafka.common.errors.OffsetOutOfRangeException.',
    causes: [
      'The stream was down longer than the plant topic\'s retention.ms (weekend outage at a plant with 24 h retention) and the checkpoint points at deleted segments.',
      'The topic was recreated with the same name, so the checkpoint offsets are beyond the new log end.',
      'An unclean leader election on a plant broker truncated the log.',
    ],
    diagnostics: [
      'Compare the checkpoint offsets (latest file in <checkpoint>/offsets) with the earliest and latest offsets of each partition: kafka-get-offsets.sh --bootstrap-server <broker>:9093 --command-config client.properties --topic plant017.telemetry.raw --time -2 (earliest) and --time -1 (latest).',
      'Check the topic retention with the plant team: kafka-configs.sh --describe --entity-type topics --entity-name plant017.telemetry.raw.',
    ],
    fixes: [
      {
        title: 'Do not delete the checkpoint; decide explicitly between accepting the gap and backfilling it',
        code: '# Accept the gap once, document it, then set failOnDataLoss back to true\n.option("failOnDataLoss", "false")',
        language: 'python',
      },
    ],
    prevention: [
      'Set plant topic retention well above the longest expected outage, including weekends and shift handovers.',
      'Alert on maxOffsetsBehindLatest and on the age of the oldest unread offset relative to retention.',
    ],
    related: ['STREAM_FAILED'],
    playbook: 'checkpoint-recovery',
  },
  {
    code: 'org.apache.kafka.common.errors.RecordTooLargeException',
    system: 'Kafka',
    sqlState: null,
    exceptionClass: 'org.apache.kafka.common.errors.RecordTooLargeException',
    protocolErrors: ['MESSAGE_TOO_LARGE'],
    message: 'The message is <size> bytes when serialized which is larger than <maxRequestSize>, which is the value of the max.request.size configuration.',
    alsoMatches: [
      'The message is <size> bytes when serialized which is larger than the maximum request size you have configured with the max.request.size configuration.',
      'The message is <size> bytes when serialized which is larger than the total memory buffer you have configured with the buffer.memory configuration.',
      'The request included a message larger than the max message size the server will accept.',
    ],
    versions: 'Kafka clients 0.9+ through 4.x (the first text is the current wording; older clients print the second)',
    meaning:
      'A producer record is too large. The client-side texts come from the producer before sending (max.request.size, default 1 MB, or buffer.memory); the last text is the broker rejecting a batch above message.max.bytes or the topic\'s max.message.bytes.',
    causes: [
      'The Spark Kafka sink writes a row whose value holds a whole vibration waveform, a camera image or an aggregated batch of OPC UA readings.',
      'to_json over a struct that includes a large array or map (for example the full customExtension map) produces multi-megabyte values.',
      'The client limit was raised but the broker or topic limit was not (or the reverse).',
    ],
    diagnostics: [
      'Measure value sizes before writing: df.select(F.max(F.length("value"))).show() on the DataFrame passed to the Kafka sink.',
      'Compare max.request.size on the writer with the topic\'s max.message.bytes (kafka-configs.sh --describe --entity-type topics --entity-name <topic>).',
    ],
    fixes: [
      {
        title: 'Raise the producer limit together with the topic limit (Kafka team), and compress',
        code: '.option("kafka.max.request.size", "5242880")\n.option("kafka.compression.type", "zstd")',
        language: 'python',
      },
      {
        title: 'Or keep large payloads out of Kafka: write them to a volume or table and send a reference',
        language: 'text',
      },
    ],
    prevention: [
      'Define a maximum event size per plant topic and enforce it in the writer (filter or route oversize rows to a quarantine table).',
      'Keep raw waveforms and images in object storage; Kafka carries identifiers and metadata.',
    ],
    related: ['STREAM_FAILED'],
    playbook: 'performance-degradation',
  },
];
