/**
 * Schema compatibility: Spark types read from DDL or `df.schema.json()`, rendered as Spark SQL and
 * as the Scala names Delta prints in its errors.
 */
export {columnListDdl, quoteFieldName, sameType, scalaTypeName, sqlTypeName, toSparkJson} from './types';
export type {AtomicKind, DecimalType, SparkType, StructField, StructType} from './types';
export {maxSchemaChars, parseSparkType} from './parse';
export type {SchemaParseError, SchemaParseResult} from './parse';
export {checkCompatibility, compatibilityContexts} from './check';
export type {CheckOptions, CompatibilityContext, CompatibilityReport, Finding, Verdict} from './check';
export {renderErrorChain, treeString} from './errors';
export type {SystemError} from './errors';
export {canCastImplicitly, canUpCast, typeWideningSupport} from './rules';
export type {WideningSupport} from './rules';
export * from './avro';
export {conversionSql, resolveIncompatibilities} from './resolve';
export type {Resolution, ResolutionKind, ResolveOptions} from './resolve';
export {runCastDemo} from './cast-demo';
export type {CastDemoColumn, CastDemoOptions, CastDemoResult} from './cast-demo';
export {schemaPresets} from './presets';
export type {SchemaPreset} from './presets';
