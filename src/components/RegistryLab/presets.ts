/** Registered versions of a plant telemetry subject, and candidate next versions to check against them. */
const v1 = {
  type: 'record',
  name: 'MachineReading',
  namespace: 'com.plant.telemetry',
  fields: [
    {name: 'machine_id', type: 'string'},
    {name: 'event_ts', type: {type: 'long', logicalType: 'timestamp-millis'}},
    {name: 'temperature', type: 'int'},
  ],
};
const v2 = {...v1, fields: [...v1.fields, {name: 'humidity_pct', type: 'double', default: 0.0}]};

const withFields = (fields: unknown[]) => JSON.stringify({...v2, fields}, null, 2);

export const registeredVersions = JSON.stringify([v1, v2], null, 2);

export const candidatePresets: {id: string; title: string; schema: string}[] = [
  {id: 'optional-field', title: 'Add an optional field (union with null, default null)', schema: withFields([...v2.fields, {name: 'firmware', type: ['null', 'string'], default: null}])},
  {id: 'promote-temperature', title: 'Promote temperature int → double', schema: withFields(v2.fields.map((field) => (field.name === 'temperature' ? {name: 'temperature', type: 'double'} : field)))},
  {id: 'required-field', title: 'Add a required field without a default', schema: withFields([...v2.fields, {name: 'line_id', type: 'string'}])},
  {id: 'drop-machine-id', title: 'Drop machine_id (no default in the old schema)', schema: withFields(v2.fields.filter((field) => field.name !== 'machine_id'))},
  {
    id: 'humidity-required',
    title: 'Make humidity_pct required (fine for version 2, not for version 1)',
    schema: withFields(v2.fields.map((field) => (field.name === 'humidity_pct' ? {name: 'humidity_pct', type: 'double'} : field))),
  },
];
