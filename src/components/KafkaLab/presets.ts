import {load} from 'js-yaml';
import type {KafkaClientInput} from '@site/playground';
import plain from '@site/docs/01-authentication-security/kafka-sasl-ssl/configs/sasl-plain.yaml?raw';
import scram256 from '@site/docs/01-authentication-security/kafka-sasl-ssl/configs/sasl-scram-256.yaml?raw';
import scram512 from '@site/docs/01-authentication-security/kafka-sasl-ssl/configs/sasl-scram-512.yaml?raw';
import gssapi from '@site/docs/01-authentication-security/kafka-sasl-ssl/configs/kerberos-gssapi.yaml?raw';

/** The lab's presets are the configuration files shown on the page, read as they are. */
export const kafkaPresets: {id: string; title: string; client: KafkaClientInput}[] = [
  {id: 'scram-512', title: 'SCRAM-SHA-512 (plant cluster)', client: load(scram512) as KafkaClientInput},
  {id: 'scram-256', title: 'SCRAM-SHA-256', client: load(scram256) as KafkaClientInput},
  {id: 'plain', title: 'PLAIN (managed service)', client: load(plain) as KafkaClientInput},
  {id: 'gssapi', title: 'GSSAPI (Kerberos)', client: load(gssapi) as KafkaClientInput},
];
