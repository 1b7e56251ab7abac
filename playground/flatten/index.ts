/**
 * MAP flattening: the 11 steps of the progressive method, the targeted plan and the naive
 * explode-and-pivot baseline, each running on a `SqlEngine` and returning plain data.
 */
export type {SampleSize} from './options';
export {valueTypes} from './value-types';
export type {CastType, JsonField, JsonFieldType, ValueType} from './value-types';
export {columnNameFor, assignColumnNames} from './naming';
export {discoverKeys} from './key-discovery';
export type {DiscoverKeysOptions, DiscoverKeysResult, DiscoveredKey, MissedKey} from './key-discovery';
export {extractKnownKeys} from './extract';
export type {ExtractKnownKeysOptions, ExtractKnownKeysResult, ExtractedColumn} from './extract';
export {applyDefaults} from './defaults';
export type {ApplyDefaultsOptions, ApplyDefaultsResult, DefaultedKey} from './defaults';
export {inferTypes} from './type-inference';
export type {InferTypesOptions, InferTypesResult, InferredKey, TypeCandidate} from './type-inference';
export {parseJsonValues} from './json-values';
export type {ParseJsonValuesOptions, ParseJsonValuesResult, ParsedJsonKey, ParsedField} from './json-values';
export {explodeSubset} from './explode';
export type {ExplodeSubsetOptions, ExplodeSubsetResult} from './explode';
export {partitionBeforeExplode} from './partition';
export type {PartitionBeforeExplodeOptions, PartitionBeforeExplodeResult, PartitionEstimate, Spread} from './partition';
export {updateKeyRegistry} from './registry';
export type {BatchInfo, DriftedKey, RegistryEntry, UpdateKeyRegistryOptions, UpdateKeyRegistryResult} from './registry';
export {appendWithSchemaEvolution} from './append';
export type {AppendWithSchemaEvolutionOptions, AppendWithSchemaEvolutionResult} from './append';
export {optimizeLayout} from './layout';
export type {LayoutStats, OptimizeLayoutOptions, OptimizeLayoutResult, ProbeStats} from './layout';
export {monitorColumnCount, columnCountLevel, deltaStatsColumns} from './monitor';
export type {ColumnCountLevel, MonitorColumnCountOptions, MonitorColumnCountResult} from './monitor';
export {planFlatten, flattenSql, promoteByCoverage} from './plan';
export type {FlattenPlan, FlattenSqlOptions, PlanFlattenOptions, PlannedKey, PromotedPlan} from './plan';
export {naiveFlattenSql} from './naive';
export type {NaiveFlattenOptions} from './naive';
export {compareFlattenPlans, defaultMinCoverage, verdictOf} from './compare';
export type {CompareFlattenOptions, CompareFlattenResult, CompareVerdict, PlanRun, PromotedRun} from './compare';
export {flattenPlanToPySpark, flattenPlanToSparkSql} from './export';
export type {SparkExportOptions} from './export';
export {dropTables, flattenCompareTables, flattenLabStepTables, flattenLabSteps, flattenLabTables, labColumnThreshold, labStepScript, rolloutSplit} from './lab';
export type {FlattenLabOutcome, FlattenLabStep} from './lab';
