/** The datasets a lab can generate, what they are for and the columns each one has. */

/** Names of the generated datasets; each is loaded into a table of the same name. */
export const datasetNames = ['sensor_events', 'machines', 'machine_config_changes', 'plants', 'test_results'] as const;

/** One of `datasetNames`. */
export type DatasetName = (typeof datasetNames)[number];

/** Row counts the UI offers; `rows` also takes these names. */
export const rowPresets = {'10k': 10_000, '100k': 100_000, '1M': 1_000_000} as const;

/** A `rowPresets` name. */
export type RowPreset = keyof typeof rowPresets;

/** Rows generated when a request names none. */
export const defaultDatasetRows = rowPresets['100k'];

/** The largest row count a lab may ask for: 5 million sensor events take about 1.7 GB in DuckDB and 11 s to load. */
export const maxDatasetRows = 5_000_000;

/** A column as DuckDB's DESCRIBE reports it. */
export interface DatasetColumn {
  name: string;
  type: string;
}

/** The columns of each dataset, in table order, with the DuckDB types the loader produces. */
export const datasetColumns: Record<DatasetName, readonly DatasetColumn[]> = {
  sensor_events: [
    {name: 'event_id', type: 'BIGINT'},
    {name: 'plant_id', type: 'VARCHAR'},
    {name: 'line_id', type: 'VARCHAR'},
    {name: 'machine_id', type: 'VARCHAR'},
    {name: 'machine_type', type: 'VARCHAR'},
    {name: 'firmware', type: 'VARCHAR'},
    {name: 'event_ts', type: 'TIMESTAMP'},
    {name: 'ingest_ts', type: 'TIMESTAMP'},
    {name: 'customExtension', type: 'MAP(VARCHAR, VARCHAR)'},
  ],
  machines: [
    {name: 'machine_id', type: 'VARCHAR'},
    {name: 'plant_id', type: 'VARCHAR'},
    {name: 'line_id', type: 'VARCHAR'},
    {name: 'machine_type', type: 'VARCHAR'},
    {name: 'manufacturer', type: 'VARCHAR'},
    {name: 'model', type: 'VARCHAR'},
    {name: 'serial_number', type: 'VARCHAR'},
    {name: 'install_date', type: 'DATE'},
    {name: 'firmware', type: 'VARCHAR'},
    {name: 'capacity_per_hour', type: 'INTEGER'},
  ],
  machine_config_changes: [
    {name: 'change_id', type: 'BIGINT'},
    {name: 'machine_id', type: 'VARCHAR'},
    {name: 'op', type: 'VARCHAR'},
    {name: 'changed_at', type: 'TIMESTAMP'},
    {name: 'ingested_at', type: 'TIMESTAMP'},
    {name: 'firmware', type: 'VARCHAR'},
    {name: 'line_id', type: 'VARCHAR'},
    {name: 'calibration_offset', type: 'DECIMAL(6,3)'},
    {name: 'operating_mode', type: 'VARCHAR'},
  ],
  plants: [
    {name: 'plant_id', type: 'VARCHAR'},
    {name: 'plant_name', type: 'VARCHAR'},
    {name: 'site', type: 'VARCHAR'},
    {name: 'division', type: 'VARCHAR'},
    {name: 'region', type: 'VARCHAR'},
    {name: 'time_zone', type: 'VARCHAR'},
    {name: 'utc_offset_minutes', type: 'INTEGER'},
  ],
  test_results: [
    {name: 'test_id', type: 'BIGINT'},
    {name: 'machine_id', type: 'VARCHAR'},
    {name: 'product_sku', type: 'VARCHAR'},
    {name: 'serial_number', type: 'VARCHAR'},
    {name: 'test_ts', type: 'TIMESTAMP'},
    {name: 'shift', type: 'VARCHAR'},
    {name: 'measured_value', type: 'DOUBLE'},
    {name: 'lower_limit', type: 'DOUBLE'},
    {name: 'upper_limit', type: 'DOUBLE'},
    {name: 'passed', type: 'BOOLEAN'},
    {name: 'duration_ms', type: 'INTEGER'},
  ],
};

/** A title and one or two sentences per dataset, for the UI's dataset picker. */
export const datasetDescriptions: Record<DatasetName, {title: string; description: string}> = {
  sensor_events: {
    title: 'Sensor events',
    description:
      'Machine telemetry over 30 days with a customExtension MAP of 5–15 string values per event. Keys depend on machine type and firmware; a mid-window firmware rollout adds keys and turns vib_mm_s from integers into decimals. Includes malformed values, NULLs and late arrivals.',
  },
  machines: {
    title: 'Machines',
    description:
      'The machine dimension: plant, line, type, manufacturer, model, serial number, install date, current firmware and capacity. The same seed gives the same machines as in the events.',
  },
  machine_config_changes: {
    title: 'Machine config changes',
    description:
      'A change-data-capture stream of machine configuration (firmware, line, calibration offset, operating mode) with exact duplicates, out-of-order arrivals, updates that change nothing, and deletes.',
  },
  plants: {
    title: 'Plants',
    description:
      'Ten plants in a plant → site → division → region hierarchy, each with its IANA time zone and its UTC offset in minutes. Always ten rows.',
  },
  test_results: {
    title: 'Test results',
    description:
      'End-of-line tests from the test rigs: product SKU, unit serial number, measured value against lower and upper limits, pass/fail, shift and duration.',
  },
};
