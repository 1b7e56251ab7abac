import {Table} from 'apache-arrow';
import {dateColumn, dictionaryColumn, integerColumn, varcharColumn} from './arrow-columns';
import {fieldHash, fieldSalt, mix32, pick, rowHash, streamKey} from './hash';
import {plants, type Plant} from './plants';
import {dayMs, minuteMs, windowMs, windowStartMs} from './time';

/** A kind of machine: who builds it, what it produces per hour and the firmware it moves between. */
export interface MachineType {
  name: string;
  /** Percent of the fleet. */
  share: number;
  makers: readonly {manufacturer: string; models: readonly string[]}[];
  serialPrefix: string;
  /** The firmware every machine runs at the start of the window, and the one the rollout installs. */
  firmwareBefore: string;
  firmwareAfter: string;
  capacityPerHour: {min: number; max: number};
}

/** The machine types, with fictional manufacturers. */
export const machineTypes: readonly MachineType[] = [
  {
    name: 'cnc_mill',
    share: 22,
    makers: [
      {manufacturer: 'Kessler Werkzeugmaschinen', models: ['KVM-500', 'KVM-800']},
      {manufacturer: 'Takumi Machinery', models: ['TM-V40', 'TM-H63']},
    ],
    serialPrefix: 'CNC',
    firmwareBefore: '2.1.0',
    firmwareAfter: '2.2.0',
    capacityPerHour: {min: 20, max: 60},
  },
  {
    name: 'injection_molder',
    share: 18,
    makers: [
      {manufacturer: 'Ostrava Plastics Machinery', models: ['OPM 120', 'OPM 250']},
      {manufacturer: 'Hanwa Injection', models: ['HI-180e', 'HI-300e']},
    ],
    serialPrefix: 'IMM',
    firmwareBefore: '4.0.3',
    firmwareAfter: '4.1.0',
    capacityPerHour: {min: 120, max: 480},
  },
  {
    name: 'test_rig',
    share: 15,
    makers: [
      {manufacturer: 'Veritest Systems', models: ['VT-EOL 3', 'VT-EOL 5']},
      {manufacturer: 'Probus Instruments', models: ['PX-900']},
    ],
    serialPrefix: 'TRG',
    firmwareBefore: '1.8.2',
    firmwareAfter: '1.9.0',
    capacityPerHour: {min: 60, max: 240},
  },
  {
    name: 'robot_cell',
    share: 20,
    makers: [
      {manufacturer: 'Arcline Robotics', models: ['AR-16 Cell', 'AR-25 Cell']},
      {manufacturer: 'Kinemo', models: ['KM-Weld 2']},
    ],
    serialPrefix: 'RBT',
    firmwareBefore: '3.4.1',
    firmwareAfter: '3.5.0',
    capacityPerHour: {min: 40, max: 120},
  },
  {
    name: 'conveyor',
    share: 15,
    makers: [
      {manufacturer: 'Beltway Automation', models: ['BW-300', 'BW-450 Flex']},
      {manufacturer: 'Rollmark', models: ['RM-Modular']},
    ],
    serialPrefix: 'CNV',
    firmwareBefore: '1.2.0',
    firmwareAfter: '1.3.0',
    capacityPerHour: {min: 600, max: 2400},
  },
  {
    name: 'paint_booth',
    share: 10,
    makers: [
      {manufacturer: 'Lumis Finishing', models: ['LF-Booth 2', 'LF-Booth 4']},
      {manufacturer: 'Sprayco', models: ['SC-Robo 7']},
    ],
    serialPrefix: 'PNT',
    firmwareBefore: '5.0.1',
    firmwareAfter: '5.1.0',
    capacityPerHour: {min: 20, max: 80},
  },
];

/** Every firmware version, in a fixed order, for dictionary columns. */
export const firmwareVersions: readonly string[] = machineTypes.flatMap((type) => [type.firmwareBefore, type.firmwareAfter]);

/** How many machines send events, config changes and test results: machines 1 to 400. */
export const fleetSize = 400;

/** Machine types by percentile, so a hash picks a type in proportion to its share. */
const typeByPercentile: readonly number[] = machineTypes.flatMap((type, typeIndex) => Array<number>(type.share).fill(typeIndex));

/** One machine, a pure function of (seed, machine number). */
export interface Machine {
  machineId: string;
  plant: Plant;
  /** The machine's line in its plant, 1 to `plant.lineCount`. */
  lineNumber: number;
  lineId: string;
  typeIndex: number;
  type: MachineType;
  manufacturer: string;
  model: string;
  serialNumber: string;
  installDay: number;
  /** When the rollout moves it to `type.firmwareAfter`; after the window for about three machines in ten. */
  rolloutMs: number;
  capacityPerHour: number;
}

const firstInstallDay = 15_340; // 2012-01-01
const lastInstallDay = 20_269; // 2025-06-30
const earliestRolloutMs = windowStartMs + 6 * dayMs;
const rolloutSpreadMinutes = 34 * 24 * 60;

const salts = {
  plant: fieldSalt('plant'),
  line: fieldSalt('line'),
  type: fieldSalt('machine_type'),
  maker: fieldSalt('maker'),
  model: fieldSalt('model'),
  installDay: fieldSalt('install_day'),
  rollout: fieldSalt('rollout'),
  capacity: fieldSalt('capacity'),
};

/** The machine id for machine number `number` (1-based): "M00017". */
function machineIdOf(number: number): string {
  return `M${String(number).padStart(5, '0')}`;
}

/** The id of line `lineNumber` of a plant: "PLANT_03-L2". */
export function lineIdOf(plant: Plant, lineNumber: number): string {
  return `${plant.plantId}-L${lineNumber}`;
}

/** Every line id, plant by plant, for dictionary columns. */
export const allLineIds: readonly string[] = plants.flatMap((plant) =>
  Array.from({length: plant.lineCount}, (_, line) => lineIdOf(plant, line + 1)),
);

/** Derives machines for one seed; machine 17 is the same machine in every dataset. */
function machineFactory(seed: number): (number: number) => Machine {
  const stream = streamKey(seed, 'machines');
  return (number) => {
    const row = rowHash(stream, number);
    const plant = plants[pick(fieldHash(row, salts.plant), plants.length)]!;
    const typeIndex = typeByPercentile[pick(fieldHash(row, salts.type), typeByPercentile.length)]!;
    const type = machineTypes[typeIndex]!;
    const maker = type.makers[pick(fieldHash(row, salts.maker), type.makers.length)]!;
    const lineNumber = 1 + pick(fieldHash(row, salts.line), plant.lineCount);
    const {min, max} = type.capacityPerHour;
    return {
      machineId: machineIdOf(number),
      plant,
      lineNumber,
      lineId: lineIdOf(plant, lineNumber),
      typeIndex,
      type,
      manufacturer: maker.manufacturer,
      model: maker.models[pick(fieldHash(row, salts.model), maker.models.length)]!,
      // mix32 is a bijection, so distinct machine numbers get distinct serial numbers.
      serialNumber: `${type.serialPrefix}-${mix32(stream ^ number).toString(16).toUpperCase().padStart(8, '0')}`,
      installDay: firstInstallDay + pick(fieldHash(row, salts.installDay), lastInstallDay - firstInstallDay + 1),
      rolloutMs: earliestRolloutMs + pick(fieldHash(row, salts.rollout), rolloutSpreadMinutes) * minuteMs,
      capacityPerHour: min + 10 * pick(fieldHash(row, salts.capacity), (max - min) / 10 + 1),
    };
  };
}

/** The machines that send events, config changes and test results. */
export function fleet(seed: number): Machine[] {
  const machineAt = machineFactory(seed);
  return Array.from({length: fleetSize}, (_, index) => machineAt(index + 1));
}

/** The firmware a machine runs at `epochMs`. */
export function firmwareAt(machine: Machine, epochMs: number): string {
  return epochMs >= machine.rolloutMs ? machine.type.firmwareAfter : machine.type.firmwareBefore;
}

/** Machines `start + 1` to `start + count`; `firmware` is what each runs at the end of the window. */
export function machinesChunk(seed: number, start: number, count: number): Table {
  const machineAt = machineFactory(seed);
  const chunk = Array.from({length: count}, (_, offset) => machineAt(start + offset + 1));
  const windowEndMs = windowStartMs + windowMs;
  return new Table({
    machine_id: varcharColumn(chunk.map((machine) => machine.machineId)),
    plant_id: varcharColumn(chunk.map((machine) => machine.plant.plantId)),
    line_id: varcharColumn(chunk.map((machine) => machine.lineId)),
    machine_type: dictionaryColumn(
      machineTypes.map((type) => type.name),
      Int32Array.from(chunk, (machine) => machine.typeIndex),
    ),
    manufacturer: varcharColumn(chunk.map((machine) => machine.manufacturer)),
    model: varcharColumn(chunk.map((machine) => machine.model)),
    serial_number: varcharColumn(chunk.map((machine) => machine.serialNumber)),
    install_date: dateColumn(Int32Array.from(chunk, (machine) => machine.installDay)),
    firmware: varcharColumn(chunk.map((machine) => firmwareAt(machine, windowEndMs))),
    capacity_per_hour: integerColumn(Int32Array.from(chunk, (machine) => machine.capacityPerHour)),
  });
}
