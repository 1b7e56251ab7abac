import * as z from 'zod';

export const securityProtocols = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export const saslMechanisms = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'GSSAPI', 'OAUTHBEARER'] as const;
export type SecurityProtocol = (typeof securityProtocols)[number];
export type SaslMechanism = (typeof saslMechanisms)[number];

/**
 * Where a secret comes from. A Databricks secret scope and key, or an environment variable, are
 * references: the generated code reads them at run time. `inline` holds the value itself and is
 * meant for a local test broker only; outputs mask it unless the reader asks to see it.
 */
export const secretSchema = z.union([
  z.strictObject({databricksSecret: z.strictObject({scope: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'A secret scope name: letters, digits, _, - and .'), key: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'A secret key: letters, digits, _, - and .')})}),
  z.strictObject({env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'An environment variable name such as KAFKA_PASSWORD.')}),
  z.strictObject({inline: z.string().min(1)}),
]);
export type SecretSource = z.infer<typeof secretSchema>;

const hostPort = z
  .string()
  .trim()
  .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9a-fA-F:]+\]):\d{1,5}$/, 'Write each broker as host:port, such as broker-1.plant-a.example:9093.');

const storeSchema = z.strictObject({
  type: z.enum(['JKS', 'PKCS12', 'PEM']),
  location: z.string().min(1),
  password: secretSchema.optional(),
});

/** One Kafka client's security configuration, as the config builder, the YAML configs and the lab share it. */
export const kafkaClientSchema = z.strictObject({
  /** Where the client runs: Databricks clusters ship a shaded Kafka client (`kafkashaded.` class names). */
  platform: z.enum(['databricks', 'apache']).default('databricks'),
  bootstrapServers: z.array(hostPort).min(1, 'Give at least one bootstrap server.'),
  securityProtocol: z.enum(securityProtocols),
  saslMechanism: z.enum(saslMechanisms).optional(),
  /** PLAIN and SCRAM. */
  username: secretSchema.optional(),
  password: secretSchema.optional(),
  truststore: storeSchema.optional(),
  keystore: storeSchema.extend({keyPassword: secretSchema.optional()}).optional(),
  /** GSSAPI. */
  kerberos: z
    .strictObject({
      principal: z.string().regex(/^[^\s@]+(?:\/[^\s@]+)?@[A-Z0-9.-]+$/, 'A Kerberos principal such as svc-ingest@PLANT.EXAMPLE (the realm in capitals).'),
      keytab: z.string().min(1),
      serviceName: z.string().min(1).optional(),
    })
    .optional(),
  /** OAUTHBEARER with the client-credentials flow (KIP-768, Kafka 3.1+). */
  oauth: z
    .strictObject({
      tokenEndpointUrl: z.url({protocol: /^https?$/, error: 'The token endpoint is an http(s) URL.'}),
      clientId: secretSchema,
      clientSecret: secretSchema,
      scope: z.string().optional(),
    })
    .optional(),
  /** `ssl.endpoint.identification.algorithm`: `https` (the default since Kafka 2.0) checks the broker's host name. */
  endpointIdentification: z.enum(['https', 'none']).default('https'),
  /** Topic for the Spark snippet. */
  topic: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'A Kafka topic name: letters, digits, ., _ and -.').optional(),
});

export type KafkaClientInput = z.input<typeof kafkaClientSchema>;
export type KafkaClient = z.output<typeof kafkaClientSchema>;

/** Every secret a configuration names, wherever it sits (credentials, stores, OAuth client). */
export function secretsOf(client: KafkaClientInput): SecretSource[] {
  return [client.username, client.password, client.truststore?.password, client.keystore?.password, client.keystore?.keyPassword, client.oauth?.clientId, client.oauth?.clientSecret].filter(
    (secret): secret is SecretSource => secret !== undefined,
  );
}
