import type {KafkaExercise} from './exercise';
import type {CheckProblem, CheckResult} from './problems';

/** A finding of the JAAS linter or the client diagnosis, as the injected checker reports it. */
export interface KafkaCheckFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  /** The property it is about (`sasl.jaas.config`, `security.protocol`). */
  setting: string;
  message: string;
  fix: string;
  /** The text the client would fail with, if it fails. */
  wouldCause: string | null;
}

/**
 * The Kafka checks, injected: `playground/tutorial-checks.ts` runs `lintJaasConfig` and
 * `diagnoseKafkaConfig` from the kafka capability, which this folder may not import.
 */
export type KafkaChecker = (settings: Readonly<Record<string, string>>, platform: KafkaExercise['platform']) => KafkaCheckFinding[];

/** The client settings the check reads (Kafka's names, as in a client.properties file). */
export const kafkaSettingNames = [
  'bootstrap.servers',
  'security.protocol',
  'sasl.mechanism',
  'sasl.jaas.config',
  'sasl.kerberos.service.name',
  'ssl.truststore.type',
  'ssl.truststore.location',
  'ssl.truststore.password',
  'ssl.keystore.type',
  'ssl.keystore.location',
  'ssl.keystore.password',
  'ssl.key.password',
  'ssl.endpoint.identification.algorithm',
] as const;

/**
 * Reads a client configuration written as Java properties (`key=value` or `key: value`, `#` and `!`
 * comments, a trailing backslash continues a line) or as Spark options (`kafka.` prefix). The last
 * value of a repeated key wins, as in java.util.Properties.
 */
export function parseKafkaProperties(text: string): {settings: Record<string, string>; lines: Record<string, number>; problems: CheckProblem[]} {
  const settings: Record<string, string> = {};
  const lines: Record<string, number> = {};
  const problems: CheckProblem[] = [];
  const rawLines = text.split(/\r?\n/);
  for (let index = 0; index < rawLines.length; index++) {
    const lineNumber = index + 1;
    let line = rawLines[index]!.trimStart();
    while (/(?:^|[^\\])(?:\\\\)*\\$/.test(line) && index + 1 < rawLines.length) {
      line = line.slice(0, -1) + rawLines[++index]!.trimStart();
    }
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const separator = line.search(/[=:]/);
    if (separator === -1) {
      problems.push({kind: 'kafka-syntax', line: lineNumber, message: `\`${line.trim()}\` has no value: write one setting per line as key=value.`});
      continue;
    }
    const key = line.slice(0, separator).trim().replace(/^kafka\./, '');
    const value = line.slice(separator + 1).trim();
    if (!(kafkaSettingNames as readonly string[]).includes(key)) {
      problems.push({
        kind: 'kafka-syntax',
        line: lineNumber,
        message: `\`${key}\` is not one of the security settings this exercise reads (${kafkaSettingNames.join(', ')}); check its spelling. A client ignores a key it does not know and keeps the default.`,
      });
      continue;
    }
    settings[key] = value;
    lines[key] = lineNumber;
  }
  return {settings, lines, problems};
}

/** Checks a client configuration: it parses, keeps the required settings, and the checks find nothing that fails. */
export function checkKafkaAnswer(exercise: KafkaExercise, answer: string, check: KafkaChecker): CheckResult {
  if (answer.trim() === '') {
    return {passed: false, problems: [{kind: 'empty-answer'}]};
  }
  const {settings, lines, problems} = parseKafkaProperties(answer);
  if (problems.length > 0) {
    return {passed: false, problems};
  }
  for (const [key, expected] of Object.entries(exercise.required)) {
    const actual = settings[key] ?? null;
    if (actual?.toLowerCase() !== expected.toLowerCase()) {
      problems.push({kind: 'kafka-setting', key, expected, actual});
    }
  }
  for (const finding of check(settings, exercise.platform)) {
    if (finding.severity === 'error' || exercise.failOnRules.includes(finding.rule)) {
      const line = lines[finding.setting];
      problems.push({kind: 'kafka-finding', ...finding, ...(line === undefined ? {} : {line})});
    }
  }
  return {passed: problems.length === 0, problems};
}
