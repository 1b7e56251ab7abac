import {decodeStackTrace, errorCatalog, playbooks} from './errors';
import {diagnoseKafkaConfig, lintJaasConfig, saslMechanisms, type KafkaClientInput, type SaslMechanism} from './kafka';
import {checkCompatibility, parseSparkType, renderErrorChain} from './schema';
import {analyzeEventLog, generateSampleLog, parseEventLog, stageTasks, type SampleLogOptions} from './sparklog';
import {simulateStream} from './streaming';
import type {EventLogChecker, EventLogSummary, IncidentCatalog, KafkaCheckFinding, KafkaChecker, SchemaChecker, StreamChecker, TutorialCheckers} from './tutorials';

/*
 * The tutorials' checkers, composed here because capability folders never import each other: each
 * one calls the real engine function of its capability.
 */

/** The incoming DDL is parsed and checked against the table with `checkCompatibility`. */
export const tutorialSchemaChecker: SchemaChecker = (tableSchema, incomingSchema, options) => {
  const table = parseSparkType(tableSchema);
  if (!table.ok || table.type.kind !== 'struct') {
    throw new RangeError(`The exercise's table schema does not parse: ${table.ok ? 'it is not a struct' : table.error.message}`);
  }
  const incoming = parseSparkType(incomingSchema);
  if (!incoming.ok) {
    const {message, line, column} = incoming.error;
    return {ok: false, parseError: {message, line, column}};
  }
  if (incoming.type.kind !== 'struct') {
    return {ok: false, parseError: {message: 'Write the incoming schema as a list of fields, such as `event_id BIGINT, machine_id STRING`.'}};
  }
  const report = checkCompatibility(table.type, incoming.type, options);
  return {
    ok: true,
    fieldNames: incoming.type.fields.map((field) => field.name),
    accepted: report.accepted,
    error: report.error ? {errorClass: report.error.errorClass, text: renderErrorChain(report.error)} : null,
  };
};

/** The settings of a client.properties file as the kafka capability's client configuration. */
function clientOf(settings: Readonly<Record<string, string>>, platform: 'databricks' | 'apache', jaasOptions: Record<string, string>): KafkaClientInput {
  const store = (prefix: 'truststore' | 'keystore') => {
    const location = settings[`ssl.${prefix}.location`];
    // ssl.<store>.type defaults to JKS in the Kafka client (SslConfigs.DEFAULT_SSL_*STORE_TYPE).
    const type = (settings[`ssl.${prefix}.type`] ?? 'JKS').toUpperCase();
    return location ? {type: type as 'JKS', location} : undefined;
  };
  const principal = jaasOptions.principal;
  const keytab = jaasOptions.keyTab;
  return {
    platform,
    bootstrapServers: (settings['bootstrap.servers'] ?? '').split(',').map((server) => server.trim()).filter(Boolean),
    securityProtocol: (settings['security.protocol'] ?? 'PLAINTEXT').toUpperCase() as KafkaClientInput['securityProtocol'],
    saslMechanism: settings['sasl.mechanism'] as SaslMechanism | undefined,
    truststore: store('truststore'),
    keystore: store('keystore'),
    kerberos: principal && keytab ? {principal, keytab, serviceName: settings['sasl.kerberos.service.name']} : undefined,
    // An empty value switches host-name verification off; https is the default since Kafka 2.0.
    endpointIdentification: settings['ssl.endpoint.identification.algorithm'] === '' ? 'none' : 'https',
  };
}

/** `lintJaasConfig` on sasl.jaas.config and `diagnoseKafkaConfig` on the whole client configuration. */
export const tutorialKafkaChecker: KafkaChecker = (settings, platform) => {
  const findings: KafkaCheckFinding[] = [];
  const mechanism = settings['sasl.mechanism'];
  const jaas = settings['sasl.jaas.config'];
  const jaasOptions: Record<string, string> = {};
  if (jaas !== undefined) {
    const known = (saslMechanisms as readonly string[]).includes(mechanism ?? '') ? (mechanism as SaslMechanism) : undefined;
    const lint = lintJaasConfig(jaas, {mechanism: known, platform, inNotebook: true});
    Object.assign(jaasOptions, ...lint.entries.map((entry) => entry.options));
    for (const finding of lint.findings) {
      findings.push({rule: finding.rule, severity: finding.severity, setting: 'sasl.jaas.config', message: finding.message, fix: finding.fix, wouldCause: null});
    }
  } else if ((settings['security.protocol'] ?? '').toUpperCase().startsWith('SASL_')) {
    // JaasContext.defaultContext: without sasl.jaas.config and without a JAAS file, the client cannot be created.
    findings.push({
      rule: 'no-jaas-config',
      severity: 'error',
      setting: 'security.protocol',
      message: 'A SASL protocol without sasl.jaas.config: the client has no login module to authenticate with.',
      fix: 'Add sasl.jaas.config with the login module of the mechanism.',
      wouldCause: "java.lang.IllegalArgumentException: Could not find a 'KafkaClient' entry in the JAAS configuration. System property 'java.security.auth.login.config' is not set",
    });
  }
  const settingOf: Record<string, string> = {
    bootstrapServers: 'bootstrap.servers',
    securityProtocol: 'security.protocol',
    saslMechanism: 'sasl.mechanism',
    truststore: 'ssl.truststore.location',
    keystore: 'ssl.keystore.location',
    endpointIdentification: 'ssl.endpoint.identification.algorithm',
    kerberos: 'sasl.kerberos.service.name',
  };
  for (const diagnosis of diagnoseKafkaConfig(clientOf(settings, platform, jaasOptions))) {
    const field = diagnosis.path.split('.')[0] ?? '';
    const setting = diagnosis.path === 'truststore.type' ? 'ssl.truststore.type' : diagnosis.path === 'keystore.type' ? 'ssl.keystore.type' : (settingOf[field] ?? diagnosis.path);
    findings.push({
      rule: diagnosis.rule,
      severity: diagnosis.severity,
      setting,
      message: diagnosis.rule === 'invalid-setting' ? `${setting}: ${diagnosis.message}` : diagnosis.message,
      fix: diagnosis.fix,
      wouldCause: diagnosis.wouldCause ? `${diagnosis.wouldCause.code}: ${diagnosis.wouldCause.text}` : null,
    });
  }
  return findings;
};

/** `decodeStackTrace` for the root cause, and the catalog for its playbook and fixes. */
export const tutorialIncidentCatalog: IncidentCatalog = {
  playbooks,
  decode(log) {
    const decoded = decodeStackTrace(log);
    return {rootCause: decoded.matches[0]?.entry.code ?? null, codes: decoded.matches.map((match) => match.entry.code)};
  },
  entry(code) {
    const entry = errorCatalog.find((candidate) => candidate.code === code);
    return entry ? {playbook: entry.playbook, fixes: entry.fixes.map((fix) => fix.title)} : undefined;
  },
};

/** `simulateStream` with the chosen watermark: whether it starts, and the rows it drops as late per plant. */
export const tutorialStreamChecker: StreamChecker = async (engine, spec, watermarkDelayMs) => {
  const simulation = await simulateStream(engine, {...spec, watermarkDelayMs});
  if (simulation.status === 'refused') {
    const error = simulation.errors[0]!;
    return {ran: false, errorClass: error.errorClass, message: error.message};
  }
  const lateRowsByPlant: Record<string, number> = {};
  for (const batch of simulation.batches) {
    for (const [plant, rows] of Object.entries(batch.lateRowsByPlant)) {
      lateRowsByPlant[plant] = (lateRowsByPlant[plant] ?? 0) + rows;
    }
  }
  return {ran: true, lateRowsByPlant};
};

/** The middle value (the lower of the two middles for an even count), 0 for none. */
function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
}

const eventLogSummaries = new Map<string, EventLogSummary>();

/**
 * `generateSampleLog`, then `parseEventLog` and `analyzeEventLog` as the event-log lab runs them: each
 * stage attempt with its successful tasks' durations and bytes read, and the stages each finding names.
 */
export const tutorialEventLogChecker: EventLogChecker = (log) => {
  const key = JSON.stringify(log);
  const cached = eventLogSummaries.get(key);
  if (cached) return cached;
  const parsed = parseEventLog(generateSampleLog(log as SampleLogOptions));
  const analysis = analyzeEventLog(parsed);
  const stages = analysis.stages.map((stage) => {
    const tasks = stageTasks(parsed, stage.stageId, stage.attemptId).filter((task) => task.status === 'SUCCESS');
    const durations = tasks.map((task) => task.durationMs);
    const reads = tasks.map((task) => task.readBytes ?? 0);
    return {
      stageId: stage.stageId,
      attemptId: stage.attemptId,
      tasks: stage.numTasks,
      medianTaskMs: median(durations),
      maxTaskMs: Math.max(0, ...durations),
      medianReadBytes: median(reads),
      maxReadBytes: Math.max(0, ...reads),
    };
  });
  const findings = analysis.findings.flatMap((finding) => (finding.stageId === undefined ? [] : [{kind: finding.kind, stageId: finding.stageId}]));
  const summary = {stages, findings};
  eventLogSummaries.set(key, summary);
  return summary;
};

/** Every checker the tutorials use. */
export const tutorialCheckers: TutorialCheckers = {
  schema: tutorialSchemaChecker,
  kafka: tutorialKafkaChecker,
  incident: tutorialIncidentCatalog,
  stream: tutorialStreamChecker,
  eventLog: tutorialEventLogChecker,
};
