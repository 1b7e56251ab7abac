/**
 * The public surface of the playground engine. `src/` and the docs import only from here.
 *
 * The engine is pure TypeScript: it never imports React, Docusaurus or the DOM, so the same
 * code runs in the browser and in Node tests.
 */
export {quoteIdentifier, quoteQualifiedName} from './sql/quote';
export type {SqlEngine, SqlParam} from './sql/engine';
export {openDuckDbEngine} from './sql/duckdb';
export {EngineError, classifyEngineError} from './sql/errors';
export {inlineParams, sqlLiteral} from './sql/inline';
export type {EngineErrorInfo, EngineErrorKind, MissingExtension} from './sql/errors';
export {stringMapColumn} from './datasets/arrow-columns';
export * from './datasets';
export {PlaygroundRuntime, cancelGraceMs, nextStartProgress} from './runtime';
export type {RuntimeStatus, CancelOutcome, DownloadProgress, OpenDatabase, StartProgress} from './runtime';
export {isPlaygroundMeta, parsePlaygroundMeta} from './blocks/meta';
export type {PlaygroundBlockMeta} from './blocks/meta';
export {encodeShareState, decodeShareState, maxShareSqlLength} from './blocks/share';
export type {ShareState} from './blocks/share';
export type {Clock, StepMetrics, StepParam, StepResult} from './lab/step';
/** The platform's names (catalogs, schemas, checkpoint root, metric prefix, topic pattern) and a check for names that contradict them. */
export {findVocabularyViolations, platformTableName, platformVocabulary} from './lab/vocabulary';
export type {VocabularyRule, VocabularyViolation} from './lab/vocabulary';
export * from './flatten';
export * from './scd';
export * from './schema';
export * from './errors';
export * from './kafka';
export * from './streaming';
export * from './alerting';
export * from './cdc';
export * from './quality';
export * from './deploy';
/** Spark event logs read the way the History Server reads them, with findings and samples. */
export * from './sparklog';
/** Spark's sizing rules (file partitions, AQE coalescing and skew join, broadcast, executor memory). */
export * from './lab/spark-sizing';
export * from './tutorials';
/** The tutorials' checkers: each kind's engine function behind the tutorials' injected checker types. */
export {tutorialCheckers, tutorialEventLogChecker, tutorialIncidentCatalog, tutorialKafkaChecker, tutorialSchemaChecker, tutorialStreamChecker} from './tutorial-checks';
