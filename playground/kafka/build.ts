import * as z from 'zod';
import {pythonString} from '../sql/spark';
import {loginModules, platformClass} from './jaas';
import {kafkaClientSchema, secretsOf, type KafkaClient, type KafkaClientInput, type SecretSource} from './schema';

/** What stands in for a secret's value when outputs are masked. */
export const maskedSecret = '********';

/** A problem that keeps the builder from producing a configuration. */
export interface ConfigProblem {
  path: string;
  message: string;
}

export interface KafkaConfigOutputs {
  /** Java client properties (client.properties for kafka-console-* and admin tools). */
  javaProperties: string;
  /** Spark Structured Streaming options: every Kafka property with the `kafka.` prefix. Secrets appear as described values. */
  sparkOptions: Record<string, string>;
  /** A PySpark reader that gets secrets with dbutils.secrets.get or os.environ at run time. */
  pyspark: string;
  /** The reader's first part alone: the secrets read at run time and the `kafka_options` dict, for jobs that build their own reader. */
  pysparkOptions: string;
  /** The sasl.jaas.config value; null without SASL. */
  jaas: string | null;
  /** kcat (librdkafka) command that lists the cluster's metadata, to test from a shell. */
  kcat: string;
}

export type KafkaConfigResult = {ok: true; client: KafkaClient; outputs: KafkaConfigOutputs} | {ok: false; problems: ConfigProblem[]};

const optionsSchema = z.strictObject({
  /** Show inline secrets as they are; by default every output masks them. */
  reveal: z.boolean().default(false),
});
export type BuildOptions = z.input<typeof optionsSchema>;

/** How a secret appears in text outputs: a reference described, an inline value masked unless revealed. */
function secretText(secret: SecretSource, reveal: boolean): string {
  if ('databricksSecret' in secret) {
    return `{{secrets/${secret.databricksSecret.scope}/${secret.databricksSecret.key}}}`;
  }
  if ('env' in secret) {
    return `\${${secret.env}}`;
  }
  return reveal ? secret.inline : maskedSecret;
}

/** The Python expression that reads a secret at run time. */
function secretPython(secret: SecretSource, reveal: boolean): string {
  if ('databricksSecret' in secret) {
    return `dbutils.secrets.get(scope=${pythonString(secret.databricksSecret.scope)}, key=${pythonString(secret.databricksSecret.key)})`;
  }
  if ('env' in secret) {
    return `os.environ[${pythonString(secret.env)}]`;
  }
  return pythonString(reveal ? secret.inline : maskedSecret);
}

/** A JAAS option value: always double-quoted, with the quote and backslash escaped as StreamTokenizer reads them. */
function jaasValue(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Checks what the schema alone cannot: which settings each mechanism and protocol needs. */
function problemsOf(client: KafkaClient): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const sasl = client.securityProtocol.startsWith('SASL_');
  if (sasl && !client.saslMechanism) {
    problems.push({path: 'saslMechanism', message: `${client.securityProtocol} needs a SASL mechanism: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, GSSAPI or OAUTHBEARER.`});
  }
  if (!sasl && client.saslMechanism) {
    problems.push({path: 'saslMechanism', message: `${client.securityProtocol} does not use SASL, so ${client.saslMechanism} would be ignored: choose SASL_SSL (or SASL_PLAINTEXT), or remove the mechanism.`});
  }
  const mechanism = sasl ? client.saslMechanism : undefined;
  if ((mechanism === 'PLAIN' || mechanism?.startsWith('SCRAM')) && (!client.username || !client.password)) {
    problems.push({path: client.username ? 'password' : 'username', message: `${mechanism} needs a username and a password.`});
  }
  if (mechanism === 'GSSAPI' && !client.kerberos) {
    problems.push({path: 'kerberos', message: 'GSSAPI needs a Kerberos principal and keytab.'});
  }
  if (mechanism === 'OAUTHBEARER' && !client.oauth) {
    problems.push({path: 'oauth', message: 'OAUTHBEARER needs a token endpoint, a client id and a client secret.'});
  }
  return problems;
}

function jaasConfig(client: KafkaClient, secret: (source: SecretSource) => string): string | null {
  const mechanism = client.securityProtocol.startsWith('SASL_') ? client.saslMechanism : undefined;
  if (!mechanism) {
    return null;
  }
  const options: [string, string][] = [];
  if (mechanism === 'PLAIN' || mechanism.startsWith('SCRAM')) {
    options.push(['username', secret(client.username!)], ['password', secret(client.password!)]);
  } else if (mechanism === 'GSSAPI') {
    const kerberos = client.kerberos!;
    options.push(['useKeyTab', 'true'], ['storeKey', 'true'], ['keyTab', jaasValue(kerberos.keytab)], ['principal', jaasValue(kerberos.principal)]);
  } else {
    const oauth = client.oauth!;
    options.push(['clientId', secret(oauth.clientId)], ['clientSecret', secret(oauth.clientSecret)], ...(oauth.scope ? [['scope', jaasValue(oauth.scope)] as [string, string]] : []));
  }
  return `${platformClass(loginModules[mechanism], client.platform)} required ${options.map(([key, value]) => `${key}=${value}`).join(' ')};`;
}

/** Every Kafka property of the client, secrets through `secret`. */
function kafkaProperties(client: KafkaClient, secret: (source: SecretSource) => string, jaas: string | null): [string, string][] {
  const properties: [string, string][] = [
    ['bootstrap.servers', client.bootstrapServers.join(',')],
    ['security.protocol', client.securityProtocol],
  ];
  const sasl = client.securityProtocol.startsWith('SASL_');
  if (sasl && client.saslMechanism) {
    properties.push(['sasl.mechanism', client.saslMechanism]);
  }
  if (jaas) {
    properties.push(['sasl.jaas.config', jaas]);
  }
  if (sasl && client.saslMechanism === 'GSSAPI') {
    properties.push(['sasl.kerberos.service.name', client.kerberos?.serviceName ?? 'kafka']);
  }
  if (sasl && client.saslMechanism === 'OAUTHBEARER' && client.oauth) {
    properties.push(
      ['sasl.oauthbearer.token.endpoint.url', client.oauth.tokenEndpointUrl],
      // Kafka clients 3.4+ (the class moved out of `.secured.`, which 4.0 removed); 3.1–3.3 need the `.secured.` name.
      ['sasl.login.callback.handler.class', platformClass('org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler', client.platform)],
    );
  }
  if (client.securityProtocol.endsWith('SSL')) {
    if (client.truststore) {
      properties.push(['ssl.truststore.type', client.truststore.type], ['ssl.truststore.location', client.truststore.location]);
      if (client.truststore.password) {
        properties.push(['ssl.truststore.password', secret(client.truststore.password)]);
      }
    }
    if (client.keystore) {
      properties.push(['ssl.keystore.type', client.keystore.type], ['ssl.keystore.location', client.keystore.location]);
      if (client.keystore.password) {
        properties.push(['ssl.keystore.password', secret(client.keystore.password)]);
      }
      if (client.keystore.keyPassword) {
        properties.push(['ssl.key.password', secret(client.keystore.keyPassword)]);
      }
    }
    properties.push(['ssl.endpoint.identification.algorithm', client.endpointIdentification === 'https' ? 'https' : '']);
  }
  return properties;
}

/** A shell-quoted argument. */
function shell(value: string): string {
  return /^[A-Za-z0-9_./:=,@+-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

function kcatCommand(client: KafkaClient, secret: (source: SecretSource) => string): string {
  const flags: string[] = ['-L', '-b', client.bootstrapServers.join(','), '-X', `security.protocol=${client.securityProtocol.toLowerCase()}`];
  const sasl = client.securityProtocol.startsWith('SASL_');
  if (sasl && client.saslMechanism) {
    flags.push('-X', `sasl.mechanisms=${client.saslMechanism}`);
    if (client.username && client.password) {
      flags.push('-X', `sasl.username=${secret(client.username)}`, '-X', `sasl.password=${secret(client.password)}`);
    }
    if (client.saslMechanism === 'GSSAPI' && client.kerberos) {
      flags.push('-X', `sasl.kerberos.service.name=${client.kerberos.serviceName ?? 'kafka'}`, '-X', `sasl.kerberos.principal=${client.kerberos.principal}`, '-X', `sasl.kerberos.keytab=${client.kerberos.keytab}`);
    }
    if (client.saslMechanism === 'OAUTHBEARER' && client.oauth) {
      flags.push(
        '-X', 'sasl.oauthbearer.method=oidc',
        '-X', `sasl.oauthbearer.token.endpoint.url=${client.oauth.tokenEndpointUrl}`,
        '-X', `sasl.oauthbearer.client.id=${secret(client.oauth.clientId)}`,
        '-X', `sasl.oauthbearer.client.secret=${secret(client.oauth.clientSecret)}`,
      );
    }
  }
  if (client.securityProtocol.endsWith('SSL')) {
    // librdkafka reads PEM files, not Java keystores.
    flags.push('-X', `ssl.ca.location=${client.truststore?.type === 'PEM' ? client.truststore.location : 'ca.pem'}`);
    flags.push('-X', `ssl.endpoint.identification.algorithm=${client.endpointIdentification === 'https' ? 'https' : 'none'}`);
  }
  const note = client.securityProtocol.endsWith('SSL') && client.truststore && client.truststore.type !== 'PEM' ? `# kcat needs the CA as PEM: keytool -exportcert -rfc -keystore ${client.truststore.location} -alias <ca> -file ca.pem\n` : '';
  return `${note}kcat ${flags.map(shell).join(' ')}`;
}

/** Python that reads the secrets at run time and defines `kafka_options`, every Kafka property with the `kafka.` prefix. */
function pysparkOptionsSnippet(client: KafkaClient, reveal: boolean): string {
  const python = (source: SecretSource) => secretPython(source, reveal);
  const lines: string[] = [];
  if (secretsOf(client).some((secret) => 'env' in secret)) {
    lines.push('import os', '');
  }
  const secretNames = new Map<string, string>();
  const variable = (name: string, source: SecretSource): string => {
    secretNames.set(name, python(source));
    return `{${name}}`;
  };
  const mechanism = client.securityProtocol.startsWith('SASL_') ? client.saslMechanism : undefined;
  let jaas: string | null = null;
  if (mechanism) {
    const module = platformClass(loginModules[mechanism], client.platform);
    if (mechanism === 'PLAIN' || mechanism.startsWith('SCRAM')) {
      jaas = `${module} required username="${variable('username', client.username!)}" password="${variable('password', client.password!)}";`;
    } else if (mechanism === 'GSSAPI') {
      jaas = `${module} required useKeyTab=true storeKey=true keyTab="${client.kerberos!.keytab}" principal="${client.kerberos!.principal}";`;
    } else {
      jaas = `${module} required clientId="${variable('client_id', client.oauth!.clientId)}" clientSecret="${variable('client_secret', client.oauth!.clientSecret)}"${client.oauth!.scope ? ` scope="${client.oauth!.scope}"` : ''};`;
    }
  }
  for (const [name, expression] of secretNames) {
    lines.push(`${name} = ${expression}`);
  }
  const storeSecrets: [string, SecretSource | undefined][] = [
    ['ssl.truststore.password', client.truststore?.password],
    ['ssl.keystore.password', client.keystore?.password],
    ['ssl.key.password', client.keystore?.keyPassword],
  ];
  const properties = kafkaProperties(client, () => '', jaas).filter(([key]) => !storeSecrets.some(([secretKey]) => secretKey === key));
  lines.push('', 'kafka_options = {');
  for (const [key, value] of properties) {
    const literal = key === 'sasl.jaas.config' && secretNames.size > 0 ? `f${pythonString(value)}` : pythonString(value);
    lines.push(`    ${pythonString(`kafka.${key}`)}: ${literal},`);
  }
  for (const [key, source] of storeSecrets) {
    if (source) {
      lines.push(`    ${pythonString(`kafka.${key}`)}: ${python(source)},`);
    }
  }
  lines.push('}');
  return lines.join('\n');
}

function pysparkSnippet(client: KafkaClient, reveal: boolean): string {
  return [
    pysparkOptionsSnippet(client, reveal),
    '',
    'readings = (',
    '    spark.readStream.format("kafka")',
    '    .options(**kafka_options)',
    `    .option("subscribe", ${pythonString(client.topic ?? 'plant.sensor-readings')})`,
    '    .option("startingOffsets", "earliest")',
    '    .load()',
    ')',
  ].join('\n');
}

/**
 * Builds one client's configuration for every tool that needs it: Java properties, Spark options,
 * a PySpark reader that reads secrets at run time, the JAAS string (with the `kafkashaded.` prefix
 * Databricks needs) and a kcat command. Refuses, with the reasons, a configuration a mechanism or
 * protocol cannot work with. Inline secrets are masked unless `reveal` is set.
 */
export function buildKafkaConfig(input: KafkaClientInput, options: BuildOptions = {}): KafkaConfigResult {
  const parsed = kafkaClientSchema.safeParse(input);
  if (!parsed.success) {
    return {ok: false, problems: parsed.error.issues.map((issue) => ({path: issue.path.join('.'), message: issue.message}))};
  }
  const client = parsed.data;
  const problems = problemsOf(client);
  if (problems.length > 0) {
    return {ok: false, problems};
  }
  const {reveal} = optionsSchema.parse(options);
  const secret = (source: SecretSource) => secretText(source, reveal);
  const jaas = jaasConfig(client, (source) => jaasValue(secret(source)));
  const properties = kafkaProperties(client, secret, jaas);
  return {
    ok: true,
    client,
    outputs: {
      javaProperties: properties.map(([key, value]) => `${key}=${value}`).join('\n'),
      sparkOptions: Object.fromEntries(properties.map(([key, value]) => [`kafka.${key}`, value])),
      pyspark: pysparkSnippet(client, reveal),
      pysparkOptions: pysparkOptionsSnippet(client, reveal),
      jaas,
      kcat: kcatCommand(client, secret),
    },
  };
}
