/**
 * Data quality: rules as data (not null, range, allowed set, regex, uniqueness, references,
 * freshness, completeness, drift) run on a batch in DuckDB, failing rows quarantined with the rule
 * names, Delta constraint semantics per rule, and exports to Delta DDL, PySpark and Great
 * Expectations.
 */
export {parseQualityRules, parseQualityRulesText, isRowRule, rowRuleKinds} from './rules';
export type {BatchRule, QualityRule, QualityRuleInput, RowRule, RuleKind} from './rules';
export {deltaSemantics, deltaCheckViolation, deltaNotNullViolation, deltaNewConstraintViolations} from './delta';
export type {DeltaError, DeltaSemantics} from './delta';
export {runQualityRules, quarantineReasonsColumn} from './run';
export type {QualityRunOptions, QualityRunResult, RuleOutcome} from './run';
export {defaultQualityRules, qualityTables, stageQualityBatch} from './lab';
export type {StagedQualityBatch} from './lab';
export {expectationSuitePath, qualityToDeltaDdl, qualityToExpectationSuite, qualityToPySpark} from './export';
export type {QualityExportOptions} from './export';
