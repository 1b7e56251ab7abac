import {kafkaClientSchema, secretsOf, type KafkaClientInput} from './schema';

/** A contradiction or risk in a client configuration, found without a broker. */
export interface KafkaDiagnosis {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  /** The setting it is about, as a path in the configuration. */
  path: string;
  message: string;
  /** Why it matters. */
  why: string;
  fix: string;
  /** The catalog code of the error this would cause, and the text the client would print. */
  wouldCause: {code: string; text: string} | null;
}

const extensionTypes: Record<string, 'JKS' | 'PKCS12' | 'PEM'> = {jks: 'JKS', p12: 'PKCS12', pfx: 'PKCS12', pem: 'PEM', crt: 'PEM', cer: 'PEM'};

/** Listener ports by convention (Apache Kafka docs and most plant brokers); managed services differ. */
const conventionalPorts: Record<string, string[]> = {'9092': ['PLAINTEXT', 'SASL_PLAINTEXT'], '9093': ['SSL', 'SASL_SSL']};

/**
 * Finds contradictions in a client configuration before it reaches a broker: SASL settings with a
 * protocol that does not use them, TLS settings without TLS, a store type that does not match its
 * file, host-name verification switched off, GSSAPI without a service name, a bootstrap port that
 * conventionally speaks another listener, and credentials in clear text. Each names the error it
 * would cause, as the Kafka client or the JDK prints it.
 */
export function diagnoseKafkaConfig(input: KafkaClientInput): KafkaDiagnosis[] {
  const parsed = kafkaClientSchema.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      rule: 'invalid-setting',
      severity: 'error',
      path: issue.path.join('.'),
      message: issue.message,
      why: 'The configuration cannot be read as it is.',
      fix: 'Correct the setting.',
      wouldCause: null,
    }));
  }
  const client = parsed.data;
  const found: KafkaDiagnosis[] = [];
  const protocol = client.securityProtocol;
  const sasl = protocol.startsWith('SASL_');
  const tls = protocol.endsWith('SSL');

  if (client.saslMechanism && !sasl) {
    found.push({
      rule: 'mechanism-without-sasl',
      severity: 'error',
      path: 'saslMechanism',
      message: `sasl.mechanism is ${client.saslMechanism} but security.protocol is ${protocol}: the client never authenticates.`,
      why: 'Against a SASL listener the broker waits for a SASL handshake that never comes and closes the connection; the client only logs it and times out.',
      fix: `Set security.protocol to ${tls ? 'SASL_SSL' : 'SASL_SSL (or SASL_PLAINTEXT on an unencrypted test listener)'}.`,
      wouldCause: {code: 'org.apache.kafka.common.errors.TimeoutException', text: 'Timeout expired while fetching topic metadata'},
    });
  }
  if (sasl && !client.saslMechanism) {
    found.push({
      rule: 'sasl-without-mechanism',
      severity: 'error',
      path: 'saslMechanism',
      message: `${protocol} without sasl.mechanism: the client uses its default, GSSAPI (Kerberos).`,
      why: 'Without a Kerberos login the client fails while it is created.',
      fix: 'Set sasl.mechanism to the broker listener’s mechanism (SCRAM-SHA-512, PLAIN, …).',
      wouldCause: {code: 'org.apache.kafka.common.KafkaException', text: "Could not find a 'KafkaClient' entry in the JAAS configuration. System property 'java.security.auth.login.config' is not set"},
    });
  }
  if (!tls && (client.truststore || client.keystore)) {
    found.push({
      rule: 'tls-settings-without-tls',
      severity: 'warning',
      path: client.truststore ? 'truststore' : 'keystore',
      message: `A ${client.truststore ? 'truststore' : 'keystore'} is set but security.protocol is ${protocol}: it is ignored and the connection is not encrypted.`,
      why: 'If the broker port speaks TLS, a plaintext client gets no answer it understands and the broker drops the connection during authentication.',
      fix: `Use ${sasl ? 'SASL_SSL' : 'SSL'}, or remove the store.`,
      wouldCause: {code: 'org.apache.kafka.common.errors.TimeoutException', text: 'Connection to node <node> (<address>) terminated during authentication.'},
    });
  }
  for (const [name, store] of [['truststore', client.truststore], ['keystore', client.keystore]] as const) {
    const extension = store?.location.split('.').at(-1)?.toLowerCase() ?? '';
    const implied = extensionTypes[extension];
    if (store && implied && implied !== store.type) {
      found.push({
        rule: 'store-type-mismatch',
        severity: 'error',
        path: `${name}.type`,
        message: `ssl.${name}.type is ${store.type} but ${store.location} looks like a ${implied} file.`,
        why: 'The client reads the file in the declared format, fails, and cannot be created.',
        fix: `Set ssl.${name}.type=${implied}, or convert the file (keytool -importkeystore … -deststoretype ${store.type}).`,
        wouldCause: {code: 'org.apache.kafka.common.KafkaException', text: 'Failed to construct kafka consumer'},
      });
    }
  }
  if (tls && client.endpointIdentification === 'none') {
    found.push({
      rule: 'endpoint-identification-off',
      severity: 'warning',
      path: 'endpointIdentification',
      message: 'ssl.endpoint.identification.algorithm is empty: the client does not check that the certificate belongs to the broker it called.',
      why: 'Any host with a certificate from a CA in the truststore can then pose as the broker and read the SASL exchange and the data: a man-in-the-middle on the plant network is enough. It usually hides a certificate without the broker’s name in its SAN.',
      fix: 'Keep https (the default since Kafka 2.0) and reissue the broker certificates with every broker host name in the subject alternative names.',
      wouldCause: null,
    });
  }
  if (sasl && client.saslMechanism === 'GSSAPI' && !client.kerberos?.serviceName) {
    found.push({
      rule: 'gssapi-without-service-name',
      severity: 'error',
      path: 'kerberos.serviceName',
      message: 'GSSAPI without sasl.kerberos.service.name.',
      why: 'The client cannot name the broker’s Kerberos principal (serviceName/host@REALM) and refuses to start.',
      fix: 'Set sasl.kerberos.service.name to the first part of the broker principal, usually kafka.',
      wouldCause: {code: 'org.apache.kafka.common.KafkaException', text: 'No serviceName defined in either JAAS or Kafka config'},
    });
  }
  for (const server of client.bootstrapServers) {
    const port = server.split(':').at(-1) ?? '';
    const usual = conventionalPorts[port];
    if (usual && !usual.includes(protocol)) {
      found.push({
        rule: 'port-convention',
        severity: 'info',
        path: 'bootstrapServers',
        message: `${server}: port ${port} conventionally serves ${usual.join(' or ')}, and the client speaks ${protocol}.`,
        why: 'A client and listener that speak different protocols fail with timeouts or a connection closed during authentication, never with a clear message. Managed services (Confluent Cloud on 9092, Event Hubs on 9093) have their own conventions: check the broker’s listeners.',
        fix: 'Check the listener map of the plant broker (listeners / advertised.listeners) and use its port for this protocol.',
        wouldCause: {code: 'org.apache.kafka.common.errors.TimeoutException', text: 'Connection to node <node> (<address>) terminated during authentication.'},
      });
    }
  }
  if (protocol === 'SASL_PLAINTEXT' && (client.saslMechanism === 'PLAIN' || client.saslMechanism?.startsWith('SCRAM'))) {
    found.push({
      rule: 'credentials-in-clear',
      severity: 'warning',
      path: 'securityProtocol',
      message: `${client.saslMechanism} over SASL_PLAINTEXT: ${client.saslMechanism === 'PLAIN' ? 'the password crosses the network in clear text' : 'the data and the user name cross the network unencrypted'}.`,
      why: 'Plant networks are shared with OT equipment and contractors; anything unencrypted on them is readable.',
      fix: 'Use SASL_SSL.',
      wouldCause: null,
    });
  }
  const inline = secretsOf(client).filter((secret) => 'inline' in secret).length;
  if (inline > 0) {
    found.push({
      rule: 'inline-secret',
      severity: 'warning',
      path: 'password',
      message: `${inline} secret${inline === 1 ? ' is' : 's are'} written inline.`,
      why: 'Inline values end up in notebooks, job definitions, Git and logs. They are fine for a local test broker only.',
      fix: 'Reference a Databricks secret scope and key (or an environment variable) instead.',
      wouldCause: null,
    });
  }
  return found;
}
