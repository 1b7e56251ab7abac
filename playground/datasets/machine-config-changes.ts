import {Table} from 'apache-arrow';
import {bigintColumn, decimalColumn, dictionaryColumn, timestampColumn} from './arrow-columns';
import {chance, fieldHash, fieldSalt, pick, rowHash, streamKey} from './hash';
import {allLineIds, firmwareAt, firmwareVersions, fleet, lineIdOf, type Machine} from './machines';
import {hourMs, minuteMs, secondMs, spreadOverWindow} from './time';

const operations = ['insert', 'update', 'delete'] as const;
type Operation = (typeof operations)[number];
const operatingModes = ['auto', 'manual', 'maintenance', 'setup'];

/** What a machine's configuration looks like after a change; a delete keeps the last values (a before-image). */
interface MachineConfig {
  present: boolean;
  firmware: string;
  /** Whether the machine is on the neighbouring line for a while instead of its own. */
  onNeighbourLine: boolean;
  /** Calibration offset in thousandths, for DECIMAL(6,3). */
  calibrationThousandths: number;
  modeIndex: number;
}

/** One row of the change stream. */
interface ChangeRow {
  changeId: number;
  fleetIndex: number;
  operation: Operation;
  changedMs: number;
  ingestedMs: number;
  config: MachineConfig;
}

/** Two changes in a hundred are delivered twice (an at-least-once producer retrying). */
const duplicatesPerMillion = 20_000;
/** Of the changes to a machine that exists, 0.8% delete it (decommissioned); its next change inserts it again. */
const deletesPerThousand = 8;

const salts = {
  duplicate: fieldSalt('duplicate'),
  machine: fieldSalt('machine'),
  operation: fieldSalt('op'),
  kind: fieldSalt('update_kind'),
  value: fieldSalt('value'),
  delayBucket: fieldSalt('delay_bucket'),
  delay: fieldSalt('delay'),
};

/**
 * How long a change takes to reach the lake: seconds mostly, minutes sometimes, hours for one in
 * fifty. A later change that arrives first is an out-of-order arrival.
 */
function arrivalDelayMs(bucketHash: number, delayHash: number): number {
  const bucket = bucketHash % 100;
  if (bucket < 90) {
    return secondMs + (delayHash % (29 * secondMs));
  }
  if (bucket < 98) {
    return 2 * minuteMs + (delayHash % (18 * minuteMs));
  }
  return hourMs + pick(delayHash, 11 * 60 * 60) * secondMs;
}

/** The next line in the same plant (every plant has at least two). */
function neighbourLineId(machine: Machine): string {
  return lineIdOf(machine.plant, (machine.lineNumber % machine.plant.lineCount) + 1);
}

/**
 * The change stream as a function of its rows, chunk by chunk. Each change depends on the machine's
 * configuration before it, so chunks must be requested in order, starting at 0.
 */
export function configChangesChunks(seed: number, totalRows: number): (start: number, count: number) => Table {
  const machines = fleet(seed);
  const stream = streamKey(seed, 'machine_config_changes');
  const configs = new Map<number, MachineConfig>();
  let lastChangeId = 0;
  let previous: ChangeRow | undefined;

  const nextChange = (rowIndex: number): ChangeRow => {
    const row = rowHash(stream, rowIndex);
    if (previous && chance(fieldHash(row, salts.duplicate), duplicatesPerMillion)) {
      return previous;
    }
    const fleetIndex = pick(fieldHash(row, salts.machine), machines.length);
    const machine = machines[fleetIndex]!;
    // Changes are spread evenly over the window, so change_id order is changed_at order.
    const changedMs = spreadOverWindow(rowIndex, totalRows, 0, 0);
    const valueHash = fieldHash(row, salts.value);
    const before = configs.get(fleetIndex);
    let operation: Operation;
    let config: MachineConfig;
    if (!before?.present) {
      operation = 'insert';
      config = {
        present: true,
        firmware: firmwareAt(machine, changedMs),
        onNeighbourLine: false,
        calibrationThousandths: pick(valueHash, 1_001) - 500,
        modeIndex: 0,
      };
    } else if (pick(fieldHash(row, salts.operation), 1_000) < deletesPerThousand) {
      operation = 'delete';
      config = {...before, present: false};
    } else {
      operation = 'update';
      config = updatedConfig(machine, before, changedMs, fieldHash(row, salts.kind), valueHash);
    }
    configs.set(fleetIndex, config);
    lastChangeId++;
    return {
      changeId: lastChangeId,
      fleetIndex,
      operation,
      changedMs,
      ingestedMs: changedMs + arrivalDelayMs(fieldHash(row, salts.delayBucket), fieldHash(row, salts.delay)),
      config,
    };
  };

  return (start, count) => {
    const rows: ChangeRow[] = [];
    for (let rowIndex = start; rowIndex < start + count; rowIndex++) {
      previous = nextChange(rowIndex);
      rows.push(previous);
    }
    return new Table({
      change_id: bigintColumn(rows.map((change) => change.changeId)),
      machine_id: dictionaryColumn(
        machines.map((machine) => machine.machineId),
        Int32Array.from(rows, (change) => change.fleetIndex),
      ),
      op: dictionaryColumn(operations, Int32Array.from(rows, (change) => operations.indexOf(change.operation))),
      changed_at: timestampColumn(Float64Array.from(rows, (change) => change.changedMs)),
      ingested_at: timestampColumn(Float64Array.from(rows, (change) => change.ingestedMs)),
      firmware: dictionaryColumn(firmwareVersions, Int32Array.from(rows, (change) => firmwareVersions.indexOf(change.config.firmware))),
      line_id: dictionaryColumn(
        allLineIds,
        Int32Array.from(rows, (change) => {
          const machine = machines[change.fleetIndex]!;
          return allLineIds.indexOf(change.config.onNeighbourLine ? neighbourLineId(machine) : machine.lineId);
        }),
      ),
      calibration_offset: decimalColumn(Int32Array.from(rows, (change) => change.config.calibrationThousandths), 6, 3),
      operating_mode: dictionaryColumn(operatingModes, Int32Array.from(rows, (change) => change.config.modeIndex)),
    });
  };
}

/**
 * One update: the firmware rollout when the machine is due, otherwise a calibration, a mode change,
 * a temporary move to the neighbouring line, or (15%) an update that changes nothing.
 */
function updatedConfig(
  machine: Machine, before: MachineConfig, changedMs: number, kindHash: number, valueHash: number): MachineConfig {
  const dueFirmware = firmwareAt(machine, changedMs);
  if (before.firmware !== dueFirmware) {
    return {...before, firmware: dueFirmware};
  }
  const kind = pick(kindHash, 100);
  if (kind < 15) {
    return before;
  }
  if (kind < 55) {
    return {...before, calibrationThousandths: pick(valueHash, 1_001) - 500};
  }
  if (kind < 85) {
    return {...before, modeIndex: (before.modeIndex + 1 + pick(valueHash, operatingModes.length - 1)) % operatingModes.length};
  }
  return {...before, onNeighbourLine: !before.onNeighbourLine};
}
