import type {CompatibilityContext} from './check';

/** A schema change seen in plant pipelines, ready to check: the table's schema, the incoming one, a context. */
export interface SchemaPreset {
  id: string;
  title: string;
  current: string;
  update: string;
  context: CompatibilityContext;
  mergeSchema: boolean;
}

const readings = `machine_id STRING NOT NULL,
event_ts TIMESTAMP,
plant_id STRING,
temperature INT,
vibration_mm_s DOUBLE,
customExtension MAP<STRING, STRING>,
reading STRUCT<pressure_bar: DOUBLE, flow_l_min: DOUBLE>,
operator_id STRING,
energy_kwh DECIMAL(10,2)`;

/** Replaces one line of the base schema (matched by its column name). */
function changed(column: string, line: string | null): string {
  return readings
    .split('\n')
    .flatMap((existing) => (existing.startsWith(`${column} `) ? (line === null ? [] : [line]) : [existing]))
    .join('\n')
    .replace(/,$/, '');
}

export const schemaPresets: SchemaPreset[] = [
  {
    id: 'temperature-double',
    title: 'Firmware update: temperature INT → DOUBLE',
    current: readings,
    update: changed('temperature', 'temperature DOUBLE,'),
    context: 'delta-write',
    mergeSchema: true,
  },
  {
    id: 'custom-extension-struct',
    title: 'customExtension MAP<STRING, STRING> → MAP<STRING, STRUCT<…>>',
    current: readings,
    update: changed('customExtension', 'customExtension MAP<STRING, STRUCT<value: DOUBLE, unit: STRING>>,'),
    context: 'delta-write',
    mergeSchema: true,
  },
  {
    id: 'nested-field-added',
    title: 'A nested field added: reading.humidity_pct',
    current: readings,
    update: changed('reading', 'reading STRUCT<pressure_bar: DOUBLE, flow_l_min: DOUBLE, humidity_pct: DOUBLE>,'),
    context: 'delta-write',
    mergeSchema: false,
  },
  {
    id: 'field-dropped',
    title: 'A field dropped: operator_id no longer sent',
    current: readings,
    update: changed('operator_id', null),
    context: 'delta-write',
    mergeSchema: false,
  },
  {
    id: 'decimal-precision',
    title: 'Decimal precision raised: energy_kwh DECIMAL(10,2) → DECIMAL(12,2)',
    current: readings,
    update: changed('energy_kwh', 'energy_kwh DECIMAL(12,2)'),
    context: 'delta-type-widening',
    mergeSchema: true,
  },
  {
    id: 'temperature-text',
    title: 'A vendor sends temperature as text',
    current: readings,
    update: changed('temperature', 'temperature STRING,'),
    context: 'delta-merge-evolution',
    mergeSchema: true,
  },
];
