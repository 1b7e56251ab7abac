import type {LessonInput} from '../exercise';

/** The 10,000 sensor events the streaming exercise replays (seed 42). */
const sensorEvents = {name: 'sensor_events' as const, rows: 10_000, seed: 42};

/**
 * The bronze stream of one day: 1-hour windows in append mode, triggered every 15 minutes, while
 * PLANT_03's gateway is offline from 02:00 to 08:00 and sends its readings in one burst when it returns.
 */
const outageDay = {
  source: 'sensor_events',
  from: '2026-01-09T00:00:00Z',
  to: '2026-01-10T00:00:00Z',
  triggerIntervalMs: 15 * 60_000,
  query: {kind: 'window', sizeMs: 3_600_000, outputMode: 'append'},
  faults: {outage: {plantId: 'PLANT_03', from: '2026-01-09T02:00:00Z', to: '2026-01-09T08:00:00Z'}},
};

const properties = (lines: string[]) => lines.join('\n');

/** Day 2: Kafka client security for Databricks, checked by the JAAS linter and the client diagnosis, and a watermark on the stream simulator. */
export const dayTwo: LessonInput = {
  id: 'day-2',
  title: 'Day 2 — Security and streaming',
  path: '/docs/tutorials/day-2-security-streaming',
  outcome:
    'Repair a Kafka client configuration for a Databricks cluster (shaded login module, mechanism against protocol, truststore type, host-name verification) and choose a watermark that keeps a plant’s late readings without waiting longer than needed.',
  exercises: [
    {
      kind: 'kafka',
      id: 'shaded-jaas',
      title: 'A JAAS string that works on Databricks',
      prompt:
        'The bronze job for plant PLANT_03 reads from a SCRAM-SHA-512 listener over TLS. Its configuration was copied from an on-premises consumer and fails on the Databricks cluster before it sends a byte. Fix `sasl.jaas.config` so the login module loads on Databricks and Kafka accepts the string. The password stays a placeholder (`{password}`) that the job fills from `dbutils.secrets.get` with an f-string.',
      hints: [
        'Databricks clusters ship the Kafka client relocated: every class under `org.apache.kafka.` is found under `kafkashaded.org.apache.kafka.`.',
        'Kafka reads the value with its own tokenizer: each login module entry ends with `;`.',
        'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-dbx-ingest" password="{password}";',
      ],
      explanation:
        'Databricks Runtime relocates the Kafka client under `kafkashaded.`, so an unshaded class name fails with "No LoginModule found for org.apache.kafka…". Kafka parses sasl.jaas.config with JaasConfig, which refuses an entry that does not end with `;` ("JAAS config entry not terminated by semi-colon"). The same string with `org.apache.kafka.` is right for an Apache Kafka client outside Databricks.',
      platform: 'databricks',
      starter: properties([
        'bootstrap.servers=broker-1.plant-03.example:9093,broker-2.plant-03.example:9093',
        'security.protocol=SASL_SSL',
        'sasl.mechanism=SCRAM-SHA-512',
        'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-dbx-ingest" password="{password}"',
      ]),
      solution: properties([
        'bootstrap.servers=broker-1.plant-03.example:9093,broker-2.plant-03.example:9093',
        'security.protocol=SASL_SSL',
        'sasl.mechanism=SCRAM-SHA-512',
        'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-dbx-ingest" password="{password}";',
      ]),
      required: {'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'SCRAM-SHA-512'},
      failOnRules: ['inline-password'],
      wrongAnswers: [
        {
          answer: properties([
            'bootstrap.servers=broker-1.plant-03.example:9093',
            'security.protocol=SASL_SSL',
            'sasl.mechanism=SCRAM-SHA-512',
            'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-dbx-ingest" password="{password}";',
          ]),
          explains: 'so org.apache.kafka.common.security.scram.ScramLoginModule is not found',
        },
        {
          answer: properties([
            'bootstrap.servers=broker-1.plant-03.example:9093',
            'security.protocol=SASL_SSL',
            'sasl.mechanism=SCRAM-SHA-512',
            'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-dbx-ingest" password="{password}"',
          ]),
          explains: 'JAAS config entry not terminated by semi-colon',
        },
        {
          answer: properties([
            'bootstrap.servers=broker-1.plant-03.example:9093',
            'security.protocol=SASL_SSL',
            'sasl.mechanism=SCRAM-SHA-512',
            'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-dbx-ingest" password="s3cr3t-rotated";',
          ]),
          explains: 'password is written into the code',
        },
      ],
    },
    {
      kind: 'kafka',
      id: 'mechanism-and-protocol',
      title: 'Mechanism, login module and protocol agree',
      prompt:
        'A second plant listener accepts SCRAM-SHA-512 over TLS on port 9093 (`SASL_SSL`). This configuration was assembled from two examples and never authenticates. Make the protocol, the mechanism and the login module agree with the listener; keep `sasl.mechanism=SCRAM-SHA-512`.',
      hints: [
        'A mechanism means nothing without a SASL protocol: with `SSL` the client never starts the SASL handshake.',
        'SCRAM-SHA-256 and SCRAM-SHA-512 both log in with `ScramLoginModule`; `PlainLoginModule` is for the PLAIN mechanism.',
        'security.protocol=SASL_SSL, and sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-dbx-ingest" password="{password}";',
      ],
      explanation:
        'The client picks the mechanism from sasl.mechanism and the credentials from the login module in sasl.jaas.config: they must match (SCRAM-SHA-512 needs ScramLoginModule), and both are ignored unless security.protocol is SASL_SSL or SASL_PLAINTEXT. Against a SASL listener, a client speaking plain TLS only times out; on plant networks use SASL_SSL, never SASL_PLAINTEXT.',
      platform: 'databricks',
      starter: properties([
        'bootstrap.servers=kafka-a.plant-07.example:9093',
        'security.protocol=SSL',
        'sasl.mechanism=SCRAM-SHA-512',
        'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.plain.PlainLoginModule required username="svc-dbx-ingest" password="{password}";',
      ]),
      solution: properties([
        'bootstrap.servers=kafka-a.plant-07.example:9093',
        'security.protocol=SASL_SSL',
        'sasl.mechanism=SCRAM-SHA-512',
        'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-dbx-ingest" password="{password}";',
      ]),
      required: {'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'SCRAM-SHA-512'},
      failOnRules: ['inline-password'],
      wrongAnswers: [
        {
          answer: properties([
            'bootstrap.servers=kafka-a.plant-07.example:9093',
            'security.protocol=SASL_SSL',
            'sasl.mechanism=SCRAM-SHA-512',
            'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.plain.PlainLoginModule required username="svc-dbx-ingest" password="{password}";',
          ]),
          explains: 'sasl.mechanism SCRAM-SHA-512 needs kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule',
        },
        {
          answer: properties([
            'bootstrap.servers=kafka-a.plant-07.example:9093',
            'security.protocol=SSL',
            'sasl.mechanism=SCRAM-SHA-512',
            'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-dbx-ingest" password="{password}";',
          ]),
          explains: 'Timeout expired while fetching topic metadata',
        },
        {
          answer: properties([
            'bootstrap.servers=kafka-a.plant-07.example:9093',
            'security.protocol=SASL_SSL',
            'sasl.mechanism=PLAIN',
            'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.plain.PlainLoginModule required username="svc-dbx-ingest" password="{password}";',
          ]),
          explains: '`sasl.mechanism` is `PLAIN`; the broker listener needs `SCRAM-SHA-512`.',
        },
      ],
    },
    {
      kind: 'kafka',
      id: 'truststore-and-hostname',
      title: 'The plant truststore, verified',
      prompt:
        'PLANT_03 moved its brokers to certificates from the plant CA. Someone got the job running by turning host-name verification off, and the truststore it points at is a PKCS12 file in a Unity Catalog volume. Make the TLS settings right: the type must match the file, and the client must check the broker’s host name again.',
      hints: [
        'A `.p12` file is PKCS12; the client reads the file in the declared `ssl.truststore.type` (JKS when the setting is absent).',
        'An empty `ssl.endpoint.identification.algorithm` switches host-name verification off. `https` is the default since Kafka 2.0: set it, or delete the line.',
        'ssl.truststore.type=PKCS12, and ssl.endpoint.identification.algorithm=https',
      ],
      explanation:
        'A store whose declared type does not match the file fails while the client is created ("Failed to construct kafka consumer"). An empty endpoint identification algorithm accepts any certificate from the plant CA for any host: a man-in-the-middle on the plant network is then enough. The fix for a certificate without the broker’s name is a reissued certificate with every broker host name in its SAN, not switching the check off.',
      platform: 'databricks',
      starter: properties([
        'bootstrap.servers=broker-1.plant-03.example:9093',
        'security.protocol=SASL_SSL',
        'sasl.mechanism=SCRAM-SHA-512',
        'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-dbx-ingest" password="{password}";',
        'ssl.truststore.type=JKS',
        'ssl.truststore.location=/Volumes/mfg_prod/ops/kafka_truststores/plant-03.p12',
        'ssl.endpoint.identification.algorithm=',
      ]),
      solution: properties([
        'bootstrap.servers=broker-1.plant-03.example:9093',
        'security.protocol=SASL_SSL',
        'sasl.mechanism=SCRAM-SHA-512',
        'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-dbx-ingest" password="{password}";',
        'ssl.truststore.type=PKCS12',
        'ssl.truststore.location=/Volumes/mfg_prod/ops/kafka_truststores/plant-03.p12',
        'ssl.endpoint.identification.algorithm=https',
      ]),
      required: {'security.protocol': 'SASL_SSL', 'ssl.truststore.location': '/Volumes/mfg_prod/ops/kafka_truststores/plant-03.p12'},
      failOnRules: ['inline-password', 'endpoint-identification-off'],
      wrongAnswers: [
        {
          answer: properties([
            'bootstrap.servers=broker-1.plant-03.example:9093',
            'security.protocol=SASL_SSL',
            'sasl.mechanism=SCRAM-SHA-512',
            'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-dbx-ingest" password="{password}";',
            'ssl.truststore.type=PKCS12',
            'ssl.truststore.location=/Volumes/mfg_prod/ops/kafka_truststores/plant-03.p12',
            'ssl.endpoint.identification.algorithm=',
          ]),
          explains: 'ssl.endpoint.identification.algorithm is empty',
        },
        {
          answer: properties([
            'bootstrap.servers=broker-1.plant-03.example:9093',
            'security.protocol=SASL_SSL',
            'sasl.mechanism=SCRAM-SHA-512',
            'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="svc-dbx-ingest" password="{password}";',
            'ssl.truststore.location=/Volumes/mfg_prod/ops/kafka_truststores/plant-03.p12',
          ]),
          explains: 'ssl.truststore.type is JKS but /Volumes/mfg_prod/ops/kafka_truststores/plant-03.p12 looks like a PKCS12 file',
        },
        {
          answer: properties(['bootstrap.servers=broker-1.plant-03.example:9093', 'security.protocl=SASL_SSL']),
          explains: 'Line 2: `security.protocl` is not one of the security settings this exercise reads',
        },
      ],
    },
    {
      kind: 'stream',
      id: 'outage-watermark',
      title: 'A watermark that keeps PLANT_03’s late readings',
      prompt:
        'On 9 January, PLANT_03’s gateway lost its connection from 02:00 to 08:00 and sent six hours of readings in one burst when it came back. The silver job counts readings per plant in 1-hour event-time windows (`window(event_ts, "1 hour")`, append mode, a trigger every 15 minutes). Choose the watermark delay, as `withWatermark("event_ts", …)` takes it, so that no PLANT_03 reading is dropped as late, without making every window wait more than 6 hours before it is final.',
      hints: [
        'The burst arrives in one micro-batch. Spark filters its late rows against the watermark the previous batch ran with (IncrementalExecution): the latest event time seen a trigger or two earlier, minus the delay.',
        'A reading is dropped when its window ended at or before that watermark (window.end <= watermark). The oldest outage window is [02:00, 03:00); the other plants keep the event time moving up to the burst at 08:00.',
        'The window ending at 03:00 must still be open at a watermark of about 07:30 minus the delay: 4 hours is not enough, 5 hours is.',
      ],
      explanation:
        'Spark drops a row of a windowed aggregation when its window ended at or before the watermark it filters that batch with (the watermark moves between batches, never within one). A delay just over the outage’s age at its end keeps every reading; each window is then emitted 5 hours after it closes and stays in the state store as long. A longer outage needs a bigger delay or a separate path: land the readings in bronze (which keeps everything) and recompute the affected windows in a batch job.',
      datasets: [sensorEvents],
      spec: outageDay,
      keepPlant: 'PLANT_03',
      maxDelay: '6 hours',
      starter: '10 minutes',
      solution: '5 hours',
      wrongAnswers: [
        {answer: '10 minutes', explains: 'With a watermark of 10 minutes, 5 readings of PLANT_03 are dropped as late.'},
        {answer: '4 hours', explains: 'With a watermark of 4 hours, 1 reading of PLANT_03 is dropped as late.'},
        {answer: '12 hours', explains: 'the task allows at most 6 hours'},
        {answer: 'ten minutes', explains: '`ten minutes` is not a delay withWatermark takes'},
      ],
    },
  ],
};
