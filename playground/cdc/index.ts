/**
 * Change data capture: a seeded Debezium change stream from MES tables, applied to a target in
 * micro-batches with MERGE and compared with the source's true state after every batch, and the
 * export of the chosen options to Delta Lake.
 */
export {changeStreamEventsProblem, generateChangeStream, envelopeJson} from './stream';
export type {ChangeStreamOptions, ChangeStreamSummary} from './stream';
export {sourceTables, topicOf} from './source';
export type {SourceColumn, SourceTable} from './source';
export {cdcBatchesProblem, parseCdcSpec} from './spec';
export type {CdcSpec, CdcSpecInput} from './spec';
export {applyChangeBatch, applyChanges, checkConvergence, resetCdcTarget} from './apply';
export type {CdcBatchResult, CdcDependencies, Convergence, Difference, DifferenceKind, Scd2Merge} from './apply';
export {cdcChangesView, cdcToDeltaSql, cdcToPySpark} from './export';
export type {CdcExportOptions} from './export';
export {cdcBenchmark, measureCdc} from './benchmark';
export type {CdcMeasurement} from './benchmark';
