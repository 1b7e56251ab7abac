import {useMemo, useState, type ReactNode} from 'react';
import CodeBlock from '@theme/CodeBlock';
import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';
import Link from '@docusaurus/Link';
import {
  buildKafkaConfig,
  diagnoseKafkaConfig,
  errorPath,
  lintJaasConfig,
  saslMechanisms,
  secretsOf,
  securityProtocols,
  type KafkaClientInput,
  type SaslMechanism,
  type SecretSource,
  type SecurityProtocol,
} from '@site/playground';
import {useStoredState} from '@site/src/components/SqlPlayground/useStoredState';
import frame from '@site/src/components/LabFrame/styles.module.css';
import {kafkaPresets} from './presets';
import styles from './styles.module.css';
import SqlEditor from '@site/src/components/SqlEditor/Deferred';

const storageKey = 'mdp.kafkaLab';

/** Saved without inline secret values: a secret typed into the lab never reaches browser storage. */
function withoutInlineSecrets(client: KafkaClientInput): KafkaClientInput {
  return JSON.parse(JSON.stringify(client), (key, value: unknown) => (key === 'inline' ? '' : value)) as KafkaClientInput;
}

const brokenJaas = `kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required
  username="svc-ingest-plant-a"
  password="{password}"`;

function SecretField({label, value, onChange}: {label: string; value: SecretSource | undefined; onChange: (value: SecretSource) => void}): ReactNode {
  const kind = value === undefined || 'databricksSecret' in value ? 'databricksSecret' : 'env' in value ? 'env' : 'inline';
  return (
    <fieldset className={`${frame.choice} ${styles.secret}`}>
      <legend>{label}</legend>
      <select aria-label={`${label}: where it comes from`} value={kind} onChange={(event) => onChange(event.target.value === 'env' ? {env: ''} : event.target.value === 'inline' ? {inline: ''} : {databricksSecret: {scope: '', key: ''}})}>
        <option value="databricksSecret">Databricks secret</option>
        <option value="env">environment variable</option>
        <option value="inline">inline (local test broker only)</option>
      </select>
      {value !== undefined && 'databricksSecret' in value && (
        <>
          <input aria-label={`${label}: secret scope`} placeholder="scope" value={value.databricksSecret.scope} onChange={(event) => onChange({databricksSecret: {...value.databricksSecret, scope: event.target.value}})} />
          <input aria-label={`${label}: secret key`} placeholder="key" value={value.databricksSecret.key} onChange={(event) => onChange({databricksSecret: {...value.databricksSecret, key: event.target.value}})} />
        </>
      )}
      {value !== undefined && 'env' in value && <input aria-label={`${label}: variable name`} placeholder="KAFKA_PASSWORD" value={value.env} onChange={(event) => onChange({env: event.target.value})} />}
      {value !== undefined && 'inline' in value && <input type="password" autoComplete="off" aria-label={`${label}: value`} value={value.inline} onChange={(event) => onChange({inline: event.target.value})} />}
    </fieldset>
  );
}

function TextField({label, value, onChange, placeholder}: {label: string; value: string; onChange: (value: string) => void; placeholder?: string}): ReactNode {
  return (
    <label className={styles.field}>
      {label} <input value={value} placeholder={placeholder} onChange={(event) => onChange(event.target.value)} />
    </label>
  );
}

/** The Kafka client builder: a form, live outputs for every tool, the diagnosis and a JAAS linter. */
export default function KafkaLab(): ReactNode {
  const [client, setClient] = useStoredState<KafkaClientInput>(storageKey, kafkaPresets[0]!.client, {restore: (saved) => saved as KafkaClientInput, toStored: withoutInlineSecrets});
  const [reveal, setReveal] = useState(false);
  const [jaas, setJaas] = useState(brokenJaas);
  const change = (next: Partial<KafkaClientInput>) => setClient((previous) => ({...previous, ...next}));

  const built = useMemo(() => buildKafkaConfig(client, {reveal}), [client, reveal]);
  const diagnosis = useMemo(() => diagnoseKafkaConfig(client), [client]);
  const sasl = client.securityProtocol.startsWith('SASL_');
  const tls = client.securityProtocol.endsWith('SSL');
  const mechanism = sasl ? client.saslMechanism : undefined;
  const lint = useMemo(() => lintJaasConfig(jaas, {mechanism, platform: client.platform ?? 'databricks'}), [jaas, mechanism, client.platform]);
  const hasInline = secretsOf(client).some((secret) => 'inline' in secret);

  return (
    <section className={frame.frame} aria-label="Kafka client configuration builder" id="kafka-lab">
      <div className={styles.row}>
        <label>
          Preset{' '}
          <select
            value={kafkaPresets.find((preset) => JSON.stringify(preset.client) === JSON.stringify(client))?.id ?? 'custom'}
            onChange={(event) => {
              const preset = kafkaPresets.find((candidate) => candidate.id === event.target.value);
              if (preset) {
                setClient(preset.client);
              }
            }}
          >
            {kafkaPresets.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.title}
              </option>
            ))}
            <option value="custom" disabled>
              Your configuration
            </option>
          </select>
        </label>
        <label>
          Runs on{' '}
          <select value={client.platform ?? 'databricks'} onChange={(event) => change({platform: event.target.value as 'databricks' | 'apache'})}>
            <option value="databricks">Databricks (kafkashaded client)</option>
            <option value="apache">Apache Kafka client</option>
          </select>
        </label>
        <label>
          Security protocol{' '}
          <select value={client.securityProtocol} onChange={(event) => change({securityProtocol: event.target.value as SecurityProtocol})}>
            {securityProtocols.map((protocol) => (
              <option key={protocol}>{protocol}</option>
            ))}
          </select>
        </label>
        {sasl && (
          <label>
            SASL mechanism{' '}
            <select value={client.saslMechanism ?? ''} onChange={(event) => change({saslMechanism: (event.target.value || undefined) as SaslMechanism | undefined})}>
              <option value="">(none)</option>
              {saslMechanisms.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className={styles.row}>
        <TextField label="Bootstrap servers" value={client.bootstrapServers.join(',')} onChange={(text) => change({bootstrapServers: text.split(',').map((server) => server.trim()).filter(Boolean)})} placeholder="broker-1.plant-a.example:9093" />
        <TextField label="Topic" value={client.topic ?? ''} onChange={(text) => change({topic: text || undefined})} />
      </div>
      {(mechanism === 'PLAIN' || mechanism?.startsWith('SCRAM')) && (
        <div className={styles.row}>
          <SecretField label="Username" value={client.username} onChange={(username) => change({username})} />
          <SecretField label="Password" value={client.password} onChange={(password) => change({password})} />
        </div>
      )}
      {mechanism === 'GSSAPI' && (
        <div className={styles.row}>
          <TextField label="Principal" value={client.kerberos?.principal ?? ''} onChange={(principal) => change({kerberos: {keytab: '', ...client.kerberos, principal}})} placeholder="svc-ingest@PLANT.EXAMPLE" />
          <TextField label="Keytab" value={client.kerberos?.keytab ?? ''} onChange={(keytab) => change({kerberos: {principal: '', ...client.kerberos, keytab}})} />
          <TextField label="Service name" value={client.kerberos?.serviceName ?? ''} onChange={(serviceName) => change({kerberos: {principal: '', keytab: '', ...client.kerberos, serviceName: serviceName || undefined}})} placeholder="kafka" />
        </div>
      )}
      {mechanism === 'OAUTHBEARER' && (
        <div className={styles.row}>
          <TextField
            label="Token endpoint"
            value={client.oauth?.tokenEndpointUrl ?? ''}
            onChange={(tokenEndpointUrl) => change({oauth: {clientId: {env: 'KAFKA_CLIENT_ID'}, clientSecret: {databricksSecret: {scope: '', key: ''}}, ...client.oauth, tokenEndpointUrl}})}
          />
          <SecretField label="Client id" value={client.oauth?.clientId} onChange={(clientId) => change({oauth: {tokenEndpointUrl: '', clientSecret: {databricksSecret: {scope: '', key: ''}}, ...client.oauth, clientId}})} />
          <SecretField label="Client secret" value={client.oauth?.clientSecret} onChange={(clientSecret) => change({oauth: {tokenEndpointUrl: '', clientId: {env: ''}, ...client.oauth, clientSecret}})} />
        </div>
      )}
      {!tls && (client.truststore || client.keystore) && (
        <p className={styles.hint} role="note">
          {client.securityProtocol} does not use TLS, so the store below is left out of the outputs (Kafka would ignore it).{' '}
          <button type="button" className="button button--secondary button--sm" onClick={() => change({truststore: undefined, keystore: undefined})}>
            Remove the stores
          </button>
        </p>
      )}
      {(tls || client.truststore) && (
        <div className={styles.row}>
          <label>
            Truststore type{' '}
            <select value={client.truststore?.type ?? ''} onChange={(event) => change({truststore: event.target.value ? {location: '', ...client.truststore, type: event.target.value as 'JKS' | 'PKCS12' | 'PEM'} : undefined})}>
              <option value="">(the JVM's default)</option>
              <option>JKS</option>
              <option>PKCS12</option>
              <option>PEM</option>
            </select>
          </label>
          {client.truststore && <TextField label="Truststore location" value={client.truststore.location} onChange={(location) => change({truststore: {...client.truststore!, location}})} />}
          {client.truststore && client.truststore.type !== 'PEM' && <SecretField label="Truststore password" value={client.truststore.password} onChange={(password) => change({truststore: {...client.truststore!, password}})} />}
          <label>
            <input type="checkbox" checked={(client.endpointIdentification ?? 'https') === 'https'} onChange={(event) => change({endpointIdentification: event.target.checked ? 'https' : 'none'})} /> verify the broker&apos;s host name
          </label>
        </div>
      )}

      {!built.ok ? (
        <div role="alert" className={styles.problems}>
          <p>The configuration cannot work yet:</p>
          <ul>
            {built.problems.map((problem) => (
              <li key={`${problem.path}-${problem.message}`}>
                <code>{problem.path || 'configuration'}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          {hasInline && (
            <label className={styles.reveal}>
              <input type="checkbox" checked={reveal} onChange={(event) => setReveal(event.target.checked)} /> Show inline secrets in the outputs
            </label>
          )}
          <Tabs groupId="kafka-output" queryString={false}>
            <TabItem value="spark" label="Spark options">
              <CodeBlock language="properties">{Object.entries(built.outputs.sparkOptions).map(([key, value]) => `${key}=${value}`).join('\n')}</CodeBlock>
            </TabItem>
            <TabItem value="pyspark" label="PySpark">
              <CodeBlock language="python">{built.outputs.pyspark}</CodeBlock>
            </TabItem>
            <TabItem value="java" label="Java properties">
              <CodeBlock language="properties">{built.outputs.javaProperties}</CodeBlock>
            </TabItem>
            <TabItem value="jaas" label="JAAS">
              <CodeBlock language="text">{built.outputs.jaas ?? '# No SASL: this protocol has no JAAS configuration.'}</CodeBlock>
            </TabItem>
            <TabItem value="kcat" label="kcat">
              <CodeBlock language="bash">{built.outputs.kcat}</CodeBlock>
            </TabItem>
          </Tabs>
          <p className={styles.hint}>
            Secret references appear as <code>{'{{secrets/scope/key}}'}</code> (Databricks&apos; syntax for cluster Spark configuration) and <code>${'{VARIABLE}'}</code>; the PySpark reader
            reads them at run time with <code>dbutils.secrets.get</code>. Nothing you type here leaves this tab, and inline secrets are not saved.
          </p>
        </>
      )}

      <h4>Diagnosis</h4>
      {diagnosis.length === 0 ? (
        <p role="status">No contradiction found in this configuration.</p>
      ) : (
        <ul aria-label="Diagnosis" className={styles.findings}>
          {diagnosis.map((finding) => (
            <li key={`${finding.rule}-${finding.path}-${finding.message}`} className={styles[finding.severity]}>
              <strong>{finding.severity}</strong>: {finding.message} {finding.why} <em>Fix:</em> {finding.fix}
              {finding.wouldCause && (
                <>
                  {' '}
                  It would end in <Link to={errorPath(finding.wouldCause.code)}>{finding.wouldCause.code.split('.').at(-1)}</Link>: <code>{finding.wouldCause.text}</code>
                </>
              )}
            </li>
          ))}
        </ul>
      )}

      <h4>Lint a JAAS string</h4>
      <p className={styles.hint}>
        Paste a <code>sasl.jaas.config</code> value. It is read as Kafka&apos;s own parser reads it, against the mechanism and platform chosen above; where Kafka would refuse it, the message is
        Kafka&apos;s.
      </p>
      <div className={frame.editor}>
        <SqlEditor value={jaas} onChange={setJaas} label="JAAS configuration to lint" markers={lint.findings.map((finding) => ({line: finding.line, column: finding.column, message: finding.message}))} />
      </div>
      {lint.findings.length === 0 ? (
        <p>Kafka accepts this JAAS string, and it fits the mechanism and platform.</p>
      ) : (
        <ul aria-label="JAAS findings" className={styles.findings}>
          {lint.findings.map((finding) => (
            <li key={`${finding.rule}-${finding.start}`} className={styles[finding.severity]}>
              Line {finding.line}, column {finding.column}: <strong>{finding.severity}</strong> {finding.kafkaRefuses ? 'Kafka refuses it: ' : ''}
              {finding.kafkaRefuses ? <code>{finding.message}</code> : finding.message} <em>Fix:</em> {finding.fix}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
