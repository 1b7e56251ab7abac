/**
 * Slowly changing dimensions: one spec shape for types 1, 2, 3 and 6, merged with MERGE INTO on a
 * `SqlEngine`, an invariants check for type 2 history, and the export to Delta Lake.
 */
export {parseScdSpec, scdColumns} from './spec';
export type {ScdColumns, ScdSpec, ScdSpecInput} from './spec';
export {mergeScd2, rowHashSql} from './scd2';
export type {ScdMergeResult} from './scd2';
export {checkScd2Invariants} from './invariants';
export type {Scd2CheckScope, Scd2InvariantReport, Scd2Violation, Scd2ViolationKind} from './invariants';
export {currentColumn, mergeScd1, mergeScd3, mergeScd6, previousColumn} from './other-types';
export type {Scd6Result, ScdLoadResult} from './other-types';
export {scd2ToDeltaSql, scd2ToPySpark} from './export';
export type {ScdExportOptions} from './export';
export {applyScdLabBatch, keysWithMostVersions, scd2History, scdBatchTable, scdLabBatchInPlace, scdLabDimensions, scdMergeScenario, scdScenarioSteps, stageScdBatch} from './lab';
export type {HistoryVersion, ScdLabBatch, ScdScenarioOptions, ScdScenarioResult, ScdScenarioStep, StagedBatch} from './lab';
