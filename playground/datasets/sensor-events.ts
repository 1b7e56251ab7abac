import {Table} from 'apache-arrow';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {bigintColumn, dictionaryColumn, integerColumn, stringMapColumn, timestampColumn, varcharColumn} from './arrow-columns';
import {datasetColumns} from './catalog';
import {chance, fieldHash, fieldSalt, mix32, pick, rowHash, streamKey} from './hash';
import {firmwareVersions, fleet, fleetSize, machineTypes, type Machine} from './machines';
import {defaultMalformedRate, type DatasetRequest} from './request';
import {dayMs, hourMs, isoSeconds, minuteMs, secondMs, spreadOverWindow, windowMs, windowStartMs} from './time';
import type {DatasetWriter} from './writer';

/*
 * Key names stay within 12 characters, as terse as device payloads often are: DuckDB keeps longer
 * strings out of line, and copying a million events' maps gets measurably slower with them.
 */

/** Renders one value from a hash, as a plant would send it: always a string. */
type Render = (hash: number) => string;

/** A customExtension key and how its values look. */
interface ExtensionKey {
  key: string;
  render: Render;
}

function integerValue(min: number, max: number): Render {
  const span = max - min + 1;
  return (hash) => String(min + (hash % span));
}

/** Formats an integer count of 10^-digits units with exactly `digits` decimals, without floating point. */
function formatScaled(scaled: number, digits: number): string {
  const scale = 10 ** digits;
  const magnitude = Math.abs(scaled);
  const whole = Math.floor(magnitude / scale);
  return `${scaled < 0 ? '-' : ''}${whole}.${String(magnitude - whole * scale).padStart(digits, '0')}`;
}

function decimalValue(min: number, max: number, digits: number): Render {
  const scale = 10 ** digits;
  const low = Math.round(min * scale);
  const span = Math.round(max * scale) - low + 1;
  return (hash) => formatScaled(low + (hash % span), digits);
}

function booleanValue(truePercent: number): Render {
  return (hash) => (hash % 100 < truePercent ? 'true' : 'false');
}

function choiceValue(choices: readonly string[]): Render {
  return (hash) => choices[hash % choices.length]!;
}

function codeValue(prefix: string, count: number, width: number): Render {
  return (hash) => `${prefix}${String(hash % count).padStart(width, '0')}`;
}

function timestampValue(fromMs: number, spanMs: number): Render {
  const spanSeconds = spanMs / secondMs;
  return (hash) => isoSeconds(fromMs + (hash % spanSeconds) * secondMs);
}

const configModes = ['auto', 'auto', 'auto', 'auto', 'manual', 'setup'];

/** `config` holds a small JSON object, parseable with TRY_CAST(value AS STRUCT(mode VARCHAR, recipe VARCHAR, slots INTEGER)). */
const configValue: Render = (hash) => {
  const more = mix32(hash);
  return `{"mode":"${configModes[hash % configModes.length]}","recipe":"R-${100 + (more % 100)}","slots":${1 + ((more >>> 8) % 8)}}`;
};

const calibrators = ['QA', 'MAINT', 'VENDOR'];

/** `calibration` holds a JSON object with a signed decimal: {"offset":-0.12,"by":"QA"}. */
const calibrationValue: Render = (hash) =>
  `{"offset":${formatScaled((hash % 61) - 30, 2)},"by":"${calibrators[mix32(hash) % calibrators.length]}"}`;

/**
 * The key whose type the rollout changes: whole numbers before it, two decimals after, so type
 * inference over the whole window sees both.
 */
const vibrationKey = 'vib_mm_s';

const keysOfEveryMachine: readonly ExtensionKey[] = [
  {key: 'status', render: choiceValue(['RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'IDLE', 'IDLE', 'SETUP', 'ALARM'])},
  {key: 'temp_c', render: decimalValue(18, 95, 2)},
  {key: 'power_kw', render: decimalValue(0.5, 75, 2)},
  {key: 'uptime_s', render: integerValue(0, 604_800)},
  {key: 'good_count', render: integerValue(0, 5_000)},
  {key: 'scrap_count', render: integerValue(0, 40)},
  {key: 'alarm_code', render: choiceValue(['NONE', 'NONE', 'NONE', 'NONE', 'NONE', 'E-104', 'E-311', 'W-220', 'W-507'])},
  {key: 'operator_id', render: codeValue('OP-', 10_000, 4)},
  {key: 'door_open', render: booleanValue(8)},
  {key: 'config', render: configValue},
  {key: 'calibration', render: calibrationValue},
  {key: 'last_maint', render: timestampValue(windowStartMs - 90 * dayMs, 90 * dayMs)},
];

const motorCurrent: ExtensionKey = {key: 'current_a', render: decimalValue(0.1, 16, 2)};

/** Keys by machine type; test rigs and conveyors share `current_a`. */
const keysByMachineType: Record<string, readonly ExtensionKey[]> = {
  cnc_mill: [
    {key: 'spindle_rpm', render: integerValue(800, 18_000)},
    {key: 'feed_mm_min', render: integerValue(50, 4_000)},
    {key: 'tool_id', render: codeValue('T', 40, 2)},
    {key: 'tool_wear', render: decimalValue(0, 100, 1)},
  ],
  injection_molder: [
    {key: 'melt_temp_c', render: decimalValue(180, 320, 1)},
    {key: 'inj_bar', render: integerValue(400, 2_200)},
    {key: 'mold_temp_c', render: decimalValue(20, 120, 1)},
    {key: 'cycle_time_s', render: decimalValue(8, 65, 2)},
  ],
  test_rig: [
    {key: 'test_program', render: choiceValue(['EOL-FUNC-A', 'EOL-FUNC-B', 'EOL-LEAK', 'EOL-HV'])},
    {key: 'voltage_v', render: decimalValue(11.5, 48.5, 2)},
    motorCurrent,
    {key: 'fixture_id', render: codeValue('FX-', 50, 2)},
  ],
  robot_cell: [
    {key: 'program_no', render: integerValue(1, 64)},
    {key: 'payload_kg', render: decimalValue(0, 25, 2)},
    {key: 'joint_temp_c', render: decimalValue(25, 85, 1)},
    {key: 'path_dev_mm', render: decimalValue(0, 1.5, 3)},
  ],
  conveyor: [
    {key: 'belt_mps', render: decimalValue(0.2, 2.5, 2)},
    {key: 'jam_count', render: integerValue(0, 6)},
    motorCurrent,
  ],
  paint_booth: [
    {key: 'humidity_pct', render: decimalValue(35, 75, 1)},
    {key: 'booth_temp_c', render: decimalValue(18, 32, 1)},
    {key: 'paint_ml', render: integerValue(80, 600)},
    {key: 'film_um', render: integerValue(60, 140)},
  ],
};

/** Keys the new firmware of every machine type adds; no event before the first rollout has them. */
const keysAddedByRollout: readonly ExtensionKey[] = [
  {key: 'edge_ts', render: timestampValue(windowStartMs, windowMs)},
  {key: 'fw_build', render: codeValue('B', 10_000, 4)},
  {key: 'health_score', render: integerValue(0, 100)},
  {key: 'oee_pct', render: decimalValue(35, 98, 1)},
  {key: 'energy_kwh', render: decimalValue(0, 250, 3)},
];

/**
 * The keys a (machine type, firmware) profile can send, vibration first. Profiles are numbered
 * like `firmwareVersions`: type index × 2, plus 1 after the rollout.
 */
const profiles: readonly (readonly ExtensionKey[])[] = machineTypes.flatMap((type) => {
  const before = [...keysOfEveryMachine, ...(keysByMachineType[type.name] ?? [])];
  return [
    [{key: vibrationKey, render: integerValue(0, 12)}, ...before],
    [{key: vibrationKey, render: decimalValue(0, 12, 2)}, ...before, ...keysAddedByRollout],
  ];
});

const keySalts = new Map(profiles.flat().map(({key}) => [key, fieldSalt(key)]));

/** What malformed values look like: missing markers, a decimal comma, an empty string. */
const malformedValues = ['N/A', '12,5', '', '--'];

/** One entry in a hundred has a NULL value (a sensor that reported nothing). */
const nullValuesPerMillion = 10_000;

const fewestKeys = 5;
const mostKeys = 15;

/**
 * How many customExtension maps each machine has per firmware. DuckDB checks every MAP entry it
 * builds for duplicate keys, which costs about 0.4 µs per entry in WebAssembly (4 s for a million
 * events of ten entries), while copying a MAP that is already in a table skips the check. So the
 * loader builds a pool of maps once, one row per (machine, firmware, n) that also carries the
 * machine's plant, line, type and firmware, and each event joins to one row of it. The pool grows
 * with the row count, to 32 maps per machine and firmware: about 40 events per map at a million.
 */
function mapsPerMachineFor(rows: number): number {
  let maps = 4;
  while (maps < 32 && maps * fleetSize * 2 * 40 < rows) {
    maps *= 2;
  }
  return maps;
}

/** The pool row an event of machine `fleetIndex` picks: `n` of its maps for the firmware it runs. */
function poolId(fleetIndex: number, afterRollout: boolean, mapsPerMachine: number, n: number): number {
  return (2 * fleetIndex + (afterRollout ? 1 : 0)) * mapsPerMachine + n;
}

/**
 * The pool: `pool_id`, the machine columns of an event and its customExtension map. Rows for the
 * new firmware exist only for machines whose rollout falls inside the window.
 */
function extensionPool(seed: number, mapsPerMachine: number, malformedPerMillion: number, machinesFrom: number, machinesTo: number): Table {
  const machines = fleet(seed);
  const windowEndMs = windowStartMs + windowMs;
  const stream = streamKey(seed, 'sensor_events.customExtension');
  const poolIds: number[] = [];
  const machineIndexes: number[] = [];
  const firmwareIndexes: number[] = [];
  const rowOffsets: number[] = [0];
  const keys: string[] = [];
  const values: (string | null)[] = [];
  machines.forEach((machine, fleetIndex) => {
    if (fleetIndex < machinesFrom || fleetIndex >= machinesTo) {
      return;
    }
    for (const afterRollout of machine.rolloutMs < windowEndMs ? [false, true] : [false]) {
      const firmwareIndex = 2 * machine.typeIndex + (afterRollout ? 1 : 0);
      const profile = profiles[firmwareIndex]!;
      for (let n = 0; n < mapsPerMachine; n++) {
        const id = poolId(fleetIndex, afterRollout, mapsPerMachine, n);
        const map = rowHash(stream, id);
        const spread = mostKeys - fewestKeys + 1;
        // The smaller of two draws: most events carry 5–9 keys, a few carry up to 15.
        const keyCount = fewestKeys + Math.min(pick(map, spread), pick(mix32(map), spread));
        for (const keyIndex of chooseKeys(map, profile.length, keyCount)) {
          const {key, render} = profile[keyIndex]!;
          const entry = fieldHash(map, keySalts.get(key)!);
          const detail = mix32(entry);
          keys.push(key);
          if (chance(entry, malformedPerMillion)) {
            values.push(malformedValues[detail % malformedValues.length]!);
          } else if (chance(detail, nullValuesPerMillion)) {
            values.push(null);
          } else {
            values.push(render(mix32(detail)));
          }
        }
        poolIds.push(id);
        machineIndexes.push(fleetIndex);
        firmwareIndexes.push(firmwareIndex);
        rowOffsets.push(keys.length);
      }
    }
  });
  const machineColumn = (valueOf: (machine: Machine) => string) => varcharColumn(machineIndexes.map((index) => valueOf(machines[index]!)));
  return new Table({
    pool_id: integerColumn(Int32Array.from(poolIds)),
    plant_id: machineColumn((machine) => machine.plant.plantId),
    line_id: machineColumn((machine) => machine.lineId),
    machine_id: machineColumn((machine) => machine.machineId),
    machine_type: machineColumn((machine) => machine.type.name),
    firmware: dictionaryColumn(firmwareVersions, Int32Array.from(firmwareIndexes)),
    customExtension: stringMapColumn(Int32Array.from(rowOffsets), keys, values),
  });
}

/**
 * Picks `count` of a profile's `keyCount` keys: always the first (vibration), the rest by a
 * partial Fisher–Yates shuffle, returned in profile order as a device would send them.
 */
function chooseKeys(hash: number, keyCount: number, count: number): number[] {
  const indexes = Array.from({length: keyCount - 1}, (_, index) => index + 1);
  let state = hash;
  for (let slot = 0; slot < count - 1; slot++) {
    state = mix32(state + slot);
    const swapWith = slot + pick(state, indexes.length - slot);
    [indexes[slot], indexes[swapWith]] = [indexes[swapWith]!, indexes[slot]!];
  }
  return [0, ...indexes.slice(0, count - 1).sort((a, b) => a - b)];
}

const salts = {
  machine: fieldSalt('machine'),
  jitter: fieldSalt('event_ts'),
  delayBucket: fieldSalt('delay_bucket'),
  delay: fieldSalt('delay'),
  map: fieldSalt('map'),
};

/**
 * How late an event arrives: mostly seconds, some minutes, a few hours, and one in two hundred
 * days late (a gateway that was offline), the long tail late-data handling has to deal with.
 */
function ingestDelayMs(bucketHash: number, delayHash: number): number {
  const bucket = bucketHash % 1_000;
  if (bucket < 850) {
    return 200 + (delayHash % (59 * secondMs));
  }
  if (bucket < 970) {
    return minuteMs + (delayHash % (59 * minuteMs));
  }
  if (bucket < 995) {
    return hourMs + pick(delayHash, 23 * 60 * 60) * secondMs;
  }
  return dayMs + pick(delayHash, 3 * 24 * 60 * 60) * secondMs;
}

/** The columns an event has of its own, plus the `pool_id` that gives it a machine and a map. */
function eventsChunk(seed: number, totalRows: number, mapsPerMachine: number, start: number, count: number): Table {
  const machines = fleet(seed);
  const stream = streamKey(seed, 'sensor_events');
  const eventIds = new Float64Array(count);
  const eventMs = new Float64Array(count);
  const ingestMs = new Float64Array(count);
  const poolIds = new Int32Array(count);
  for (let offset = 0; offset < count; offset++) {
    const eventIndex = start + offset;
    const row = rowHash(stream, eventIndex);
    const fleetIndex = pick(fieldHash(row, salts.machine), machines.length);
    const at = spreadOverWindow(eventIndex, totalRows, fieldHash(row, salts.jitter), 30 * secondMs);
    const afterRollout = at >= machines[fleetIndex]!.rolloutMs;
    eventIds[offset] = eventIndex + 1;
    eventMs[offset] = at;
    ingestMs[offset] = at + ingestDelayMs(fieldHash(row, salts.delayBucket), fieldHash(row, salts.delay));
    poolIds[offset] = poolId(fleetIndex, afterRollout, mapsPerMachine, pick(fieldHash(row, salts.map), mapsPerMachine));
  }
  return new Table({
    event_id: bigintColumn(eventIds),
    event_ts: timestampColumn(eventMs),
    ingest_ts: timestampColumn(ingestMs),
    pool_id: integerColumn(poolIds),
  });
}

/** Columns the staging table holds; the rest come from the pool. */
const eventOwnColumns = new Set(['event_id', 'event_ts', 'ingest_ts']);

/**
 * Loads sensor events: the pool first, then per chunk the events' own columns into a staging
 * table and an INSERT that joins each event to its pool row.
 */
/** Machines whose extension maps are generated and inserted at a time. */
const poolSliceMachines = 100;

export function sensorEventsWriter(engine: SqlEngine, request: DatasetRequest): DatasetWriter {
  const poolName = `${request.name}__pool`;
  const stagingName = `${request.name}__staging`;
  const table = quoteIdentifier(request.name);
  const columns = datasetColumns.sensor_events;
  const selectList = columns
    .map(({name}) => `${eventOwnColumns.has(name) ? 's' : 'p'}.${quoteIdentifier(name)}`)
    .join(', ');
  const malformedPerMillion = Math.round((request.malformedRate ?? defaultMalformedRate) * 1_000_000);
  const mapsPerMachine = mapsPerMachineFor(request.rows);
  return {
    rows: request.rows,
    async writeChunk(start, count) {
      if (start === 0) {
        await engine.query(`CREATE OR REPLACE TABLE ${table} (${columns.map(({name, type}) => `${quoteIdentifier(name)} ${type}`).join(', ')})`);
        // In slices of the fleet: the whole pool for 1M events (32 maps per machine) held the page's main thread for about 240 ms.
        for (let from = 0; from < fleetSize; from += poolSliceMachines) {
          const slice = extensionPool(request.seed, mapsPerMachine, malformedPerMillion, from, from + poolSliceMachines);
          await engine.insertArrow(poolName, slice, from === 0 ? 'create' : 'append');
        }
      }
      await engine.insertArrow(stagingName, eventsChunk(request.seed, request.rows, mapsPerMachine, start, count), 'create');
      await engine.query(
        `INSERT INTO ${table} SELECT ${selectList} FROM ${quoteIdentifier(stagingName)} s JOIN ${quoteIdentifier(poolName)} p USING ("pool_id")`,
      );
    },
    async finish() {
      await engine.query(`DROP TABLE ${quoteIdentifier(stagingName)}; DROP TABLE ${quoteIdentifier(poolName)}`);
    },
  };
}
