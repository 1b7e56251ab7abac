import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {
  buildKafkaConfig,
  diagnoseKafkaConfig,
  lintJaasConfig,
  maskedSecret,
  saslMechanisms,
  securityProtocols,
  type KafkaClientInput,
  type SaslMechanism,
  type SecurityProtocol,
} from '../../../playground';

const password = 'Pl4nt-S3cret!x';

/** A complete input for a mechanism (credentials for every mechanism, a truststore for TLS). */
function input(protocol: SecurityProtocol, mechanism: SaslMechanism | undefined, extra: Partial<KafkaClientInput> = {}): KafkaClientInput {
  return {
    bootstrapServers: [protocol.endsWith('SSL') ? 'broker-1.plant-a.example:9093' : 'broker-1.plant-a.example:9092'],
    securityProtocol: protocol,
    ...(mechanism ? {saslMechanism: mechanism} : {}),
    ...(mechanism === 'PLAIN' || mechanism?.startsWith('SCRAM') ? {username: {databricksSecret: {scope: 'kafka-plant-a', key: 'sasl-user'}}, password: {databricksSecret: {scope: 'kafka-plant-a', key: 'sasl-password'}}} : {}),
    ...(mechanism === 'GSSAPI' ? {kerberos: {principal: 'svc-ingest@PLANT.EXAMPLE', keytab: '/dbfs/keytabs/svc-ingest.keytab', serviceName: 'kafka'}} : {}),
    ...(mechanism === 'OAUTHBEARER' ? {oauth: {tokenEndpointUrl: 'https://login.plant.example/oauth2/token', clientId: {env: 'KAFKA_CLIENT_ID'}, clientSecret: {databricksSecret: {scope: 'kafka-plant-a', key: 'oauth-secret'}}}} : {}),
    ...(protocol.endsWith('SSL') ? {truststore: {type: 'PKCS12', location: '/dbfs/certs/plant-a-truststore.p12', password: {databricksSecret: {scope: 'kafka-plant-a', key: 'truststore-password'}}}} : {}),
    ...extra,
  };
}

function parsePython(source: string): void {
  execFileSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], {input: source});
}

describe('buildKafkaConfig: every mechanism × protocol pair', () => {
  for (const protocol of securityProtocols) {
    for (const mechanism of [undefined, ...saslMechanisms]) {
      const valid = protocol.startsWith('SASL_') === (mechanism !== undefined);
      it(`${protocol} with ${mechanism ?? 'no mechanism'} is ${valid ? 'built' : 'refused'}`, () => {
        const result = buildKafkaConfig(input(protocol, mechanism));
        expect(result.ok).toBe(valid);
        if (!result.ok) {
          expect(result.problems[0]?.path).toBe('saslMechanism');
          expect(result.problems[0]?.message).toMatch(mechanism ? /does not use SASL/ : /needs a SASL mechanism/);
          return;
        }
        const {outputs} = result;
        expect(Object.keys(outputs.sparkOptions).every((key) => key.startsWith('kafka.'))).toBe(true);
        expect(outputs.sparkOptions['kafka.security.protocol']).toBe(protocol);
        expect(outputs.javaProperties).toContain(`security.protocol=${protocol}`);
        parsePython(outputs.pyspark);
        if (mechanism) {
          const module = {PLAIN: 'kafkashaded.org.apache.kafka.common.security.plain.PlainLoginModule', 'SCRAM-SHA-256': 'kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule', 'SCRAM-SHA-512': 'kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule', GSSAPI: 'com.sun.security.auth.module.Krb5LoginModule', OAUTHBEARER: 'kafkashaded.org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule'}[mechanism];
          expect(outputs.jaas?.startsWith(`${module} required `)).toBe(true);
          expect(outputs.jaas?.endsWith(';')).toBe(true);
          expect(lintJaasConfig(outputs.jaas!, {mechanism, inNotebook: false}).findings).toEqual([]);
          expect(outputs.kcat).toContain(`sasl.mechanisms=${mechanism}`);
        } else {
          expect(outputs.jaas).toBeNull();
        }
      });
    }
  }

  it('refuses a mechanism without its credentials, naming the setting', () => {
    const noPassword = buildKafkaConfig({...input('SASL_SSL', 'SCRAM-SHA-512'), password: undefined});
    expect(noPassword).toEqual({ok: false, problems: [{path: 'password', message: 'SCRAM-SHA-512 needs a username and a password.'}]});
    expect(buildKafkaConfig({...input('SASL_SSL', 'GSSAPI'), kerberos: undefined})).toMatchObject({ok: false, problems: [{path: 'kerberos'}]});
    expect(buildKafkaConfig({...input('SSL', undefined), bootstrapServers: ['broker one:9093']})).toMatchObject({ok: false, problems: [{path: 'bootstrapServers.0', message: expect.stringMatching(/host:port/)}]});
  });

  it('regression: TLS stores left over from SASL_SSL keep the outputs for SASL_PLAINTEXT, without the stores, and the diagnosis says they are ignored', () => {
    const client = {...input('SASL_PLAINTEXT', 'PLAIN'), truststore: {type: 'JKS' as const, location: 'x.jks'}};
    const built = buildKafkaConfig(client);
    expect(built.ok).toBe(true);
    expect(built.ok && Object.keys(built.outputs.sparkOptions).filter((key) => key.includes('truststore'))).toEqual([]);
    expect(diagnoseKafkaConfig(client).map((finding) => finding.path)).toContain('truststore');
  });

  it('uses the unshaded classes on an Apache Kafka client and a service name for Kerberos', () => {
    const result = buildKafkaConfig(input('SASL_SSL', 'OAUTHBEARER', {platform: 'apache'}));
    expect(result.ok && result.outputs.sparkOptions['kafka.sasl.login.callback.handler.class']).toBe('org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler');
    const kerberos = buildKafkaConfig(input('SASL_SSL', 'GSSAPI'));
    expect(kerberos.ok && kerberos.outputs.javaProperties).toContain('sasl.kerberos.service.name=kafka');
    expect(kerberos.ok && kerberos.outputs.jaas).toBe('com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true storeKey=true keyTab="/dbfs/keytabs/svc-ingest.keytab" principal="svc-ingest@PLANT.EXAMPLE";');
  });
});

describe('secrets stay out of outputs', () => {
  const inline: KafkaClientInput = {...input('SASL_SSL', 'SCRAM-SHA-512'), password: {inline: password}, truststore: {type: 'JKS', location: '/dbfs/certs/ts.jks', password: {inline: password}}};

  it('masks inline secrets in every output unless revealed', () => {
    const masked = buildKafkaConfig(inline);
    expect(masked.ok).toBe(true);
    if (masked.ok) {
      const everything = JSON.stringify(masked.outputs);
      expect(everything).not.toContain(password);
      expect(everything).toContain(maskedSecret);
    }
    const revealed = buildKafkaConfig(inline, {reveal: true});
    expect(revealed.ok && revealed.outputs.jaas).toContain(`password="${password}"`);
  });

  it('reads referenced secrets at run time: dbutils.secrets.get in PySpark, secret references elsewhere', () => {
    const result = buildKafkaConfig(input('SASL_SSL', 'SCRAM-SHA-512'));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.outputs.pyspark).toContain('password = dbutils.secrets.get(scope="kafka-plant-a", key="sasl-password")');
      expect(result.outputs.pyspark).toContain('"kafka.sasl.jaas.config": f"kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username=\\"{username}\\" password=\\"{password}\\";"');
      expect(result.outputs.jaas).toContain('password="{{secrets/kafka-plant-a/sasl-password}}"');
    }
  });
});

describe('lintJaasConfig (org.apache.kafka.common.security.JaasConfig and JaasContext)', () => {
  const scram = 'kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule';
  // [what, text, context, rule, the text the finding points at (null: the end of the text), Kafka's own message or a pattern]
  const cases: [string, string, Parameters<typeof lintJaasConfig>[1], string, string | null, string | RegExp][] = [
    ['missing final semicolon', `${scram} required username="u" password="{p}"`, {}, 'not-terminated', '"{p}"', 'JAAS config entry not terminated by semi-colon'],
    ['no control flag', `${scram}`, {}, 'no-control-flag', null, 'Login module control flag not specified in JAAS config'],
    ['invalid control flag', `${scram} mandatory username="u";`, {}, 'invalid-control-flag', 'mandatory', "Invalid login module control flag 'mandatory' in JAAS config"],
    ['option without value', `${scram} required username= ;`, {}, 'missing-value', 'username', "Value not specified for key 'username' in JAAS config"],
    ['option without =', `${scram} required username password="{p}";`, {}, 'missing-value', 'username', "Value not specified for key 'username' in JAAS config"],
    ['empty string', '   ', {}, 'no-login-module', null, 'Login module not specified in JAAS config'],
    ['two login modules', `${scram} required username="u" password="{p}";\n${scram} required username="v" password="{q}";`, {}, 'several-modules', scram, 'JAAS config property contains 2 login modules, should be 1 module'],
    ['unshaded class on Databricks', 'org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="{p}";', {mechanism: 'SCRAM-SHA-512'}, 'unshaded-on-databricks', 'org.apache', /kafkashaded\./],
    ['shaded class outside Databricks', `${scram} required username="u" password="{p}";`, {platform: 'apache'}, 'shaded-outside-databricks', scram, /only on Databricks/],
    ['module of another mechanism', `${scram} required username="u" password="{p}";`, {mechanism: 'PLAIN'}, 'module-mechanism-mismatch', scram, /PLAIN needs kafkashaded\.org\.apache\.kafka\.common\.security\.plain\.PlainLoginModule/],
    ['missing password', `${scram} required username="u";`, {}, 'missing-credential', scram, /needs password/],
    ['keytab path unquoted', 'com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true storeKey=true\n  keyTab=/dbfs/k.keytab principal="s@P.EX";', {mechanism: 'GSSAPI'}, 'lone-slash-comment', '/dbfs', /starts a comment/],
    ['GSSAPI without keytab', 'com.sun.security.auth.module.Krb5LoginModule required principal="svc@PLANT.EXAMPLE";', {mechanism: 'GSSAPI'}, 'missing-keytab', 'com.sun', /useKeyTab=true/],
    ['unterminated quote', `${scram} required username="u"\n  password="{p};\n`, {}, 'unterminated-quote', '"{p};', /not closed on its line/],
    ['password in a notebook', `${scram} required username="u" password="${password}";`, {}, 'inline-password', `"${password}"`, /written into the code/],
    ['duplicate option', `${scram} required username="u" username="v" password="{p}";`, {}, 'duplicate-option', 'username="v"', /set twice/],
  ];
  for (const [what, text, context, rule, pointsAt, message] of cases) {
    const offset = pointsAt === null ? text.length : text.indexOf(pointsAt);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    it(`${what}: ${rule} at ${line}:${column}`, () => {
      const finding = lintJaasConfig(text, context).findings.find((candidate) => candidate.rule === rule);
      expect(finding, JSON.stringify(lintJaasConfig(text, context).findings)).toBeDefined();
      expect([finding!.start, finding!.line, finding!.column]).toEqual([offset, line, column]);
      if (typeof message === 'string') {
        expect(finding!.message).toBe(message);
        expect(finding!.kafkaRefuses).toBe(true);
      } else {
        expect(finding!.message).toMatch(message);
      }
      expect(finding!.fix.length).toBeGreaterThan(0);
    });
  }

  it('accepts what Kafka accepts: single quotes, comments, any case of the flag, lines broken anywhere', () => {
    const text = `// plant A\n${scram} REQUIRED\n  username='svc-ingest' /* rotated 2026-11 */\n  password='{password}';`;
    const result = lintJaasConfig(text, {mechanism: 'SCRAM-SHA-512'});
    expect(result.findings).toEqual([]);
    expect(result.entries).toEqual([{module: scram, flag: 'REQUIRED', options: {username: 'svc-ingest', password: '{password}'}}]);
  });

  it('reads backslash escapes inside quotes as StreamTokenizer does', () => {
    expect(lintJaasConfig(`${scram} required username="a\\"b" password="{p}";`).entries[0]?.options.username).toBe('a"b');
  });
  it('regression: a pasted sasl.jaas.config= key is recognised and the value after it linted, at the same positions', () => {
    for (const key of ['sasl.jaas.config', 'kafka.sasl.jaas.config']) {
      const result = lintJaasConfig(`${key}=${scram} required username="u" password="{p}";`, {mechanism: 'SCRAM-SHA-512'});
      expect(result.findings.map((finding) => [finding.rule, finding.severity, finding.column])).toEqual([['property-key-pasted', 'warning', 1]]);
      expect(result.entries).toEqual([{module: scram, flag: 'required', options: {username: 'u', password: '{p}'}}]);
    }
    const broken = lintJaasConfig(`sasl.jaas.config = ${scram} required username="u" password="{p}"`, {mechanism: 'SCRAM-SHA-512'});
    expect(broken.findings.find((finding) => finding.rule === 'not-terminated')?.message).toBe('JAAS config entry not terminated by semi-colon');
  });

  it('regression: typographic quotes are flagged: Kafka reads them as part of the value', () => {
    const result = lintJaasConfig(`${scram} required username=\u201csvc-ingest\u201d password="{p}";`, {mechanism: 'SCRAM-SHA-512'});
    expect(result.entries[0]?.options.username).toBe('\u201csvc-ingest\u201d');
    const quotes = result.findings.filter((finding) => finding.rule === 'typographic-quote');
    expect(quotes.map((finding) => [finding.severity, finding.column])).toEqual([
      ['error', scram.length + 20],
      ['error', scram.length + 31],
    ]);
  });

  it('regression: errors are listed before warnings', () => {
    const result = lintJaasConfig(`${scram} required username="u" password="s3cret" keyTab=/dbfs/x.keytab`, {mechanism: 'SCRAM-SHA-512'});
    const severities = result.findings.map((finding) => finding.severity);
    expect(severities).toContain('warning');
    expect(severities).toEqual([...severities].sort((a, b) => (a === b ? 0 : a === 'error' ? -1 : 1)));
  });
});

describe('diagnoseKafkaConfig', () => {
  const rules = (value: KafkaClientInput) => diagnoseKafkaConfig(value).map((finding) => finding.rule);
  it('finds nothing wrong in a complete SASL_SSL configuration', () => {
    expect(diagnoseKafkaConfig(input('SASL_SSL', 'SCRAM-SHA-512'))).toEqual([]);
  });
  const cases: [string, KafkaClientInput, string, string | null][] = [
    ['a mechanism with a protocol that has no SASL', {...input('SSL', undefined), saslMechanism: 'SCRAM-SHA-512'}, 'mechanism-without-sasl', 'org.apache.kafka.common.errors.TimeoutException'],
    ['SASL without a mechanism', {...input('SASL_SSL', 'PLAIN'), saslMechanism: undefined}, 'sasl-without-mechanism', 'org.apache.kafka.common.KafkaException'],
    ['a truststore with PLAINTEXT', {...input('PLAINTEXT', undefined), truststore: {type: 'JKS', location: '/dbfs/ts.jks'}}, 'tls-settings-without-tls', 'org.apache.kafka.common.errors.TimeoutException'],
    ['a JKS type on a .p12 file', {...input('SSL', undefined), truststore: {type: 'JKS', location: '/dbfs/certs/plant-a.p12'}}, 'store-type-mismatch', 'org.apache.kafka.common.KafkaException'],
    ['host-name verification off', {...input('SASL_SSL', 'SCRAM-SHA-512'), endpointIdentification: 'none'}, 'endpoint-identification-off', null],
    ['GSSAPI without a service name', {...input('SASL_SSL', 'GSSAPI'), kerberos: {principal: 'svc@PLANT.EXAMPLE', keytab: '/dbfs/k.keytab'}}, 'gssapi-without-service-name', 'org.apache.kafka.common.KafkaException'],
    ['SASL_SSL on port 9092', {...input('SASL_SSL', 'SCRAM-SHA-512'), bootstrapServers: ['broker-1.plant-a.example:9092']}, 'port-convention', 'org.apache.kafka.common.errors.TimeoutException'],
    ['PLAIN over SASL_PLAINTEXT', input('SASL_PLAINTEXT', 'PLAIN'), 'credentials-in-clear', null],
    ['an inline password', {...input('SASL_SSL', 'SCRAM-SHA-512'), password: {inline: password}}, 'inline-secret', null],
  ];
  for (const [what, value, rule, code] of cases) {
    it(`${what}: ${rule}`, () => {
      expect(rules(value)).toContain(rule);
      const finding = diagnoseKafkaConfig(value).find((candidate) => candidate.rule === rule)!;
      expect(finding.wouldCause?.code ?? null).toBe(code);
      expect(JSON.stringify(finding)).not.toContain(password);
    });
  }
  it('reports settings it cannot read, by path', () => {
    expect(diagnoseKafkaConfig({bootstrapServers: [], securityProtocol: 'SASL_SSL'})).toMatchObject([{rule: 'invalid-setting', path: 'bootstrapServers'}]);
  });
});
