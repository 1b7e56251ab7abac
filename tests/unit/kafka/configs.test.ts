import {execFileSync} from 'node:child_process';
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {load} from 'js-yaml';
import {describe, expect, it} from 'vitest';
import {buildKafkaConfig, diagnoseKafkaConfig, kafkaClientSchema, lintJaasConfig} from '../../../playground';

const page = join(__dirname, '../../../docs/01-authentication-security/kafka-sasl-ssl');
const configs = readdirSync(join(page, 'configs')).filter((file) => file.endsWith('.yaml'));

describe('the configuration files on the Kafka SASL_SSL page', () => {
  it('are the four of the seed', () => {
    expect(configs.sort()).toEqual(['kerberos-gssapi.yaml', 'sasl-plain.yaml', 'sasl-scram-256.yaml', 'sasl-scram-512.yaml']);
  });

  for (const file of configs) {
    it(`${file} is a valid client configuration that builds, lints clean and has no error in its diagnosis`, () => {
      const client = kafkaClientSchema.parse(load(readFileSync(join(page, 'configs', file), 'utf8')));
      const built = buildKafkaConfig(client);
      expect(built.ok).toBe(true);
      if (built.ok) {
        expect(lintJaasConfig(built.outputs.jaas!, {mechanism: client.saslMechanism, platform: client.platform, inNotebook: false}).findings).toEqual([]);
        expect(JSON.stringify(built.outputs)).not.toMatch(/"inline"/);
      }
      expect(diagnoseKafkaConfig(client).filter((finding) => finding.severity === 'error')).toEqual([]);
    });
  }
});

describe('connection-diagnostics.sh', () => {
  const script = join(page, 'scripts/connection-diagnostics.sh');
  it('is valid bash (bash -n)', () => {
    expect(() => execFileSync('bash', ['-n', script], {encoding: 'utf8'})).not.toThrow();
  });

  it('passes shellcheck (apt-get install -y shellcheck; .ci/run installs it)', () => {
    let report = '';
    try {
      execFileSync('shellcheck', ['--format=gcc', script], {encoding: 'utf8'});
    } catch (error) {
      const failure = error as {code?: string; stdout?: string};
      report = failure.code === 'ENOENT' ? 'shellcheck is not installed: apt-get install -y shellcheck' : (failure.stdout ?? String(error));
    }
    expect(report).toBe('');
  });
});
