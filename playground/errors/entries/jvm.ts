import type {ErrorEntryInput} from '../schema';

/**
 * JDK errors that surface inside Kafka and Spark failures: TLS trust and host-name checks, certificate
 * validity, Kerberos login and heap exhaustion. Texts are checked against the OpenJDK sources
 * (sun.security.validator.PKIXValidator, sun.security.provider.certpath, sun.security.util.HostnameChecker,
 * com.sun.security.auth.module.Krb5LoginModule, javax.security.auth.login.LoginContext, HotSpot universe.cpp).
 */
export const jvmErrors: ErrorEntryInput[] = [
  {
    code: 'javax.net.ssl.SSLHandshakeException',
    system: 'JVM/TLS',
    sqlState: null,
    exceptionClass: 'javax.net.ssl.SSLHandshakeException',
    message:
      'PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
    alsoMatches: [
      'sun.security.validator.ValidatorException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
    ],
    versions: 'JDK 8, 11, 17, 21 (JDK 8 keeps the ValidatorException class name in the message); Kafka wraps it as SslAuthenticationException "SSL handshake failed"',
    meaning:
      'The JVM could not build a certificate chain from the broker\'s certificate to any trust anchor in the truststore the Kafka client uses. This is a trust problem on the client side; the credentials were never sent. Kafka\'s own source contains neither text: it comes from the JDK\'s PKIX validator.',
    causes: [
      'No kafka.ssl.truststore.* option was set, so the JVM default cacerts is used, and it does not contain the private plant CA.',
      'The PEM bundle or PKCS12 truststore holds the wrong plant\'s CA, or only the root while the broker sends only its leaf certificate without the intermediate.',
      'The plant issued new broker certificates from a new CA and the truststore was not updated before the switch.',
    ],
    diagnostics: [
      'Show the chain the broker sends: openssl s_client -connect <broker>:9093 -servername <broker> -showcerts </dev/null | grep -E "^ *[0-9]+ s:|^ +i:".',
      'List what the truststore contains: keytool -list -v -keystore plant017-truststore.p12 -storetype PKCS12 | grep -E "Alias|Owner|Valid until".',
      'The issuer (i:) of the highest certificate the broker sends must be present as a trusted entry, or the broker must send the full chain.',
      'For detail, run a test consumer with -Djavax.net.debug=ssl:handshake (never in production jobs: the log gets very large).',
    ],
    fixes: [
      {
        title: 'Pass the full plant CA chain (root plus intermediates) as PEM',
        code: 'opts["kafka.ssl.truststore.type"] = "PEM"\nopts["kafka.ssl.truststore.certificates"] = dbutils.secrets.get("kafka-plant-017", "ca-chain-pem")',
        language: 'python',
      },
      {
        title: 'Or import the plant CA into the plant truststore',
        code: 'keytool -importcert -noprompt -alias plant017-ca-2026 -file plant017-ca-2026.pem \\\n  -keystore plant017-truststore.p12 -storetype PKCS12 -storepass "$TRUSTSTORE_PASSWORD"',
        language: 'bash',
      },
    ],
    prevention: [
      'One truststore per plant, versioned, holding old and new CA during every rotation.',
      'Test new plant certificates against the truststore in a staging job before the plant switches its brokers.',
    ],
    related: [
      'sun.security.provider.certpath.SunCertPathBuilderException',
      'org.apache.kafka.common.errors.SslAuthenticationException',
      'java.security.cert.CertPathValidatorException',
    ],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'sun.security.provider.certpath.SunCertPathBuilderException',
    system: 'JVM/TLS',
    sqlState: null,
    exceptionClass: 'sun.security.provider.certpath.SunCertPathBuilderException',
    message: 'unable to find valid certification path to requested target',
    alsoMatches: [],
    versions: 'JDK 8, 11, 17, 21',
    meaning:
      'The innermost cause of the PKIX failure: the JDK\'s certification path builder searched the certificates it was given and the truststore and found no path to a trust anchor. It says nothing about expiry or host names; those fail with other texts.',
    causes: [
      'The truststore file that the executors read is not the one you inspected (for example an old copy in a volume, or a path that exists only on the driver).',
      'The truststore contains the plant CA of a different site; every plant has its own CA.',
      'Broker sends an incomplete chain and the truststore holds only the root, not the intermediate.',
    ],
    diagnostics: [
      'Check which truststore options the query actually uses (kafka.ssl.truststore.type, .location or .certificates) in the plant config block.',
      'Verify the chain with openssl against exactly the CA file used by the job: openssl s_client -connect <broker>:9093 -servername <broker> -CAfile plant017-ca-chain.pem </dev/null | grep "Verify return code".',
    ],
    fixes: [
      {
        title: 'Point every plant at its own CA chain and restart the stream',
        code: 'opts["kafka.ssl.truststore.type"] = "PKCS12"\nopts["kafka.ssl.truststore.location"] = "/Volumes/mfg_prod/ops/kafka_certs/plant017-truststore.p12"\nopts["kafka.ssl.truststore.password"] = dbutils.secrets.get("kafka-plant-017", "truststore-password")',
        language: 'python',
      },
    ],
    prevention: ['Name truststore files and secret keys after the plant, and check in the onboarding test that the job fails against another plant\'s CA.'],
    related: ['javax.net.ssl.SSLHandshakeException', 'org.apache.kafka.common.errors.SslAuthenticationException'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'java.security.cert.CertificateException',
    system: 'JVM/TLS',
    sqlState: null,
    exceptionClass: 'java.security.cert.CertificateException',
    message: 'No subject alternative DNS name matching <host> found.',
    alsoMatches: [
      'No subject alternative names present',
      'No subject alternative names matching IP address <ip> found',
      'No name matching <host> found',
    ],
    versions: 'JDK 8, 11, 17, 21; fires because Kafka clients default ssl.endpoint.identification.algorithm to https (Kafka 2.0+)',
    meaning:
      'The chain is trusted, but the host name or IP address the client connected to is not in the broker certificate. The JDK\'s HostnameChecker compares the address used in bootstrap.servers (and the advertised broker names) with the certificate\'s subject alternative names.',
    causes: [
      'bootstrap.servers uses an IP address or a load-balancer alias of the plant that is not in the certificate SANs.',
      'The certificate has only a CN and no SAN extension ("No subject alternative names present").',
      'The brokers advertise internal names that differ from the names in their certificates.',
    ],
    diagnostics: [
      'Print the SANs: openssl s_client -connect <broker>:9093 -servername <broker> </dev/null | openssl x509 -noout -ext subjectAltName.',
      'Compare with the host names in kafka.bootstrap.servers and with the advertised broker names from a metadata listing (kcat -L).',
    ],
    fixes: [
      {
        title: 'Connect with a name that is in the certificate',
        code: 'opts["kafka.bootstrap.servers"] = "kafka-p017-1.plants.example.com:9093,kafka-p017-2.plants.example.com:9093"',
        language: 'python',
      },
      {
        title: 'Or have the plant reissue the broker certificates with all bootstrap and advertised names as SANs',
        language: 'text',
      },
    ],
    prevention: [
      'Keep hostname verification on; do not set kafka.ssl.endpoint.identification.algorithm to an empty string.',
      'Include all bootstrap aliases and advertised names in the certificate request template for plant brokers.',
    ],
    related: ['org.apache.kafka.common.errors.SslAuthenticationException', 'javax.net.ssl.SSLHandshakeException'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'java.security.cert.CertPathValidatorException',
    system: 'JVM/TLS',
    sqlState: null,
    exceptionClass: 'java.security.cert.CertPathValidatorException',
    message: 'validity check failed',
    alsoMatches: [
      'PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed',
      'NotAfter: <date>',
      'NotBefore: <date>',
    ],
    versions: 'JDK 8, 11, 17, 21',
    meaning:
      'A certificate in the chain is outside its validity period at the time of the check: expired (cause CertificateExpiredException, "NotAfter: …") or not yet valid (CertificateNotYetValidException, "NotBefore: …"). The chain itself is trusted.',
    causes: [
      'The plant broker certificate or the plant intermediate CA expired, typically one with a one- or two-year lifetime that nobody tracked.',
      'A newly issued certificate is used before its NotBefore time, or a plant broker\'s clock is wrong when it issued or presents the certificate.',
    ],
    diagnostics: [
      'Show the validity of each certificate the broker sends: openssl s_client -connect <broker>:9093 -servername <broker> -showcerts </dev/null | openssl x509 -noout -dates (repeat per certificate).',
      'Check the NotAfter/NotBefore text in the "Caused by:" line for the exact date.',
    ],
    fixes: [
      {
        title: 'Renew the expired certificate on the plant brokers (plant team); no client change is needed if the CA stays the same',
        language: 'text',
      },
    ],
    prevention: [
      'Alert 30 days before expiry of every plant broker certificate and CA, e.g. a daily job that runs openssl x509 -checkend 2592000 against each broker.',
    ],
    related: ['javax.net.ssl.SSLHandshakeException', 'org.apache.kafka.common.errors.SslAuthenticationException'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'javax.security.auth.login.LoginException',
    system: 'JVM/TLS',
    sqlState: null,
    exceptionClass: 'javax.security.auth.login.LoginException',
    message: 'Unable to obtain password from user',
    alsoMatches: [
      'Client not found in Kerberos database (6)',
      'Pre-authentication information was invalid (24)',
      'Clock skew too great (37)',
      'No LoginModule found for <module>',
    ],
    versions: 'JDK 8, 11, 17, 21 (Krb5LoginModule and LoginContext); the KDC may append " - <reason>" to the Kerberos texts',
    meaning:
      'The JAAS login failed before Kafka could authenticate. For GSSAPI, Krb5LoginModule prints "Unable to obtain password from user" when it runs non-interactively and cannot get a key for the principal from the keytab; the numbered texts are Kerberos error codes returned by the KDC. "No LoginModule found for" means the login module class in the JAAS configuration is not on the classpath; on Databricks that is usually an unshaded Kafka module name.',
    causes: [
      'The keytab path in the JAAS string does not exist on the executors, is not readable by the process, or does not contain the principal (wrong realm case, wrong host part).',
      'The keytab is stale: the principal\'s password or key version was changed in the plant\'s Active Directory/KDC (error 24).',
      'Cluster node clocks drift more than the realm tolerance from the KDC (error 37).',
      'The JAAS string names org.apache.kafka.common.security.plain.PlainLoginModule on Databricks, where the bundled client is under kafkashaded.',
    ],
    diagnostics: [
      'On the driver and on an executor: klist -kt /Volumes/mfg_prod/ops/kafka_certs/svc-ingest.keytab must list the exact principal from the JAAS string.',
      'Test the keytab directly: kinit -kt <keytab> <principal> with the same krb5.conf the job uses (java.security.krb5.conf in spark.driver.extraJavaOptions and spark.executor.extraJavaOptions).',
      'Check KDC reachability on port 88 and node time synchronisation.',
    ],
    fixes: [
      {
        title: 'Use the JDK Krb5LoginModule with a keytab readable on every node',
        code: 'opts["kafka.sasl.mechanism"] = "GSSAPI"\nopts["kafka.sasl.kerberos.service.name"] = "kafka"\nopts["kafka.sasl.jaas.config"] = (\n    "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true storeKey=true "\n    \'keyTab="/Volumes/mfg_prod/ops/kafka_certs/svc-ingest.keytab" principal="svc-ingest@PLANT.EXAMPLE.COM";\'\n)',
        language: 'python',
      },
      {
        title: 'Regenerate the keytab after any password or key change of the service principal (plant identity team)',
        language: 'text',
      },
    ],
    prevention: [
      'Treat keytab rotation like password rotation: new keytab in place, stream restarted, then old keys removed.',
      'Run GSSAPI jobs on dedicated job clusters where JVM options and local files are allowed, and test them on the same access mode.',
    ],
    related: ['org.apache.kafka.common.KafkaException', 'org.apache.kafka.common.errors.SaslAuthenticationException'],
    playbook: 'kafka-auth-failures',
  },
  {
    code: 'java.lang.OutOfMemoryError',
    system: 'JVM/TLS',
    sqlState: null,
    exceptionClass: 'java.lang.OutOfMemoryError',
    message: 'Java heap space',
    alsoMatches: ['GC overhead limit exceeded', 'Requested array size exceeds VM limit'],
    versions: 'HotSpot JDK 8, 11, 17, 21; "GC overhead limit exceeded" is raised by collectors that implement UseGCOverheadLimit (Parallel GC); with G1 the heap-space text is the usual one',
    meaning:
      'The JVM could not allocate an object on the heap (or spent almost all its time in GC while reclaiming almost nothing). In Spark, where it happens decides the fix: on the driver it usually ends the whole application; on an executor it kills the executor and the task is retried, and the stage fails after repeated losses.',
    causes: [
      'Driver: collect() or toPandas() on a batch of plant telemetry, a broadcast forced by a hint above spark.sql.autoBroadcastJoinThreshold, or a first micro-batch without maxOffsetsPerTrigger after a long outage.',
      'Executor: row multiplication by explode over the customExtension map, oversized Kafka partitions read into one task, or stateful aggregation without a watermark.',
      '"Requested array size exceeds VM limit": a single value or collected array near 2 GB, for example a huge JSON payload or a groupBy with collect_list per machine.',
    ],
    diagnostics: [
      'Find where it happened: driver log (notebook reports the driver restarting) versus executor stderr and "ExecutorLostFailure" in the failed stage.',
      'Spark UI, failed stage: compare input size and shuffle read of the largest task with the median; check peak execution memory.',
      'For state: numRowsTotal and memoryUsedBytes of the state operators in the streaming query progress.',
    ],
    fixes: [
      {
        title: 'Bound the micro-batch size from Kafka',
        code: '.option("maxOffsetsPerTrigger", "2000000")',
        language: 'python',
      },
      {
        title: 'Move large state off the heap (new checkpoint required)',
        code: 'spark.conf.set("spark.sql.streaming.stateStore.providerClass",\n               "com.databricks.sql.streaming.state.RocksDBStateStoreProvider")  # Databricks\n# open-source Spark: org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider',
        language: 'python',
      },
      {
        title: 'Replace driver-side collection with a write to a Delta table',
        code: 'df.write.mode("append").saveAsTable("ops.plant_debug_sample")  # instead of df.toPandas()',
        language: 'python',
      },
    ],
    prevention: [
      'Always set maxOffsetsPerTrigger on plant streams so a backlog after an outage is processed in bounded batches.',
      'Add a watermark to every stateful aggregation on event time.',
      'Use the staged flattening for MAP-typed extension fields instead of a naive explode.',
    ],
    related: ['UNABLE_TO_ACQUIRE_MEMORY', 'UDF_PYSPARK_USER_CODE_ERROR.MEMORY_LIMIT', 'STREAM_FAILED'],
    playbook: 'out-of-memory-errors',
  },
];
