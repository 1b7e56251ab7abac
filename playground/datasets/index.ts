/** Seeded, deterministic manufacturing datasets, generated in the engine and loaded into DuckDB. */
export {datasetColumns, datasetDescriptions, datasetNames, maxDatasetRows, rowPresets} from './catalog';
export type {DatasetColumn, DatasetName, RowPreset} from './catalog';
export {datasetRequestSchema, parseDatasetRequest} from './request';
export type {DatasetRequest, DatasetRequestInput} from './request';
export {datasetChecksumSql, loadDataset} from './load';
export type {DatasetProgress, DatasetSummary} from './load';
