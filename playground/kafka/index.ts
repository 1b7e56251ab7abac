/** Kafka client security: the configuration schema, the builder, the JAAS linter and the diagnosis. */
export {kafkaClientSchema, saslMechanisms, secretSchema, secretsOf, securityProtocols} from './schema';
export type {KafkaClient, KafkaClientInput, SaslMechanism, SecretSource, SecurityProtocol} from './schema';
export {buildKafkaConfig, maskedSecret} from './build';
export type {BuildOptions, ConfigProblem, KafkaConfigOutputs, KafkaConfigResult} from './build';
export {lintJaasConfig, loginModules, platformClass} from './jaas';
export type {JaasFinding, JaasLintContext, JaasLintResult} from './jaas';
export {diagnoseKafkaConfig} from './diagnose';
export type {KafkaDiagnosis} from './diagnose';
