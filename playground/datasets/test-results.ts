import {Table} from 'apache-arrow';
import {bigintColumn, booleanColumn, dictionaryColumn, doubleColumn, integerColumn, timestampColumn, varcharColumn} from './arrow-columns';
import {fieldHash, fieldSalt, mix32, pick, rowHash, streamKey} from './hash';
import {fleet} from './machines';
import {dayMs, hourMs, minuteMs, secondMs, spreadOverWindow} from './time';

/** A product the test rigs check, with its specification in thousandths of the measured unit. */
interface Product {
  sku: string;
  nominalThousandths: number;
  toleranceThousandths: number;
}

const products: readonly Product[] = [
  {sku: 'ECU-4410', nominalThousandths: 12_000, toleranceThousandths: 250},
  {sku: 'PUMP-220', nominalThousandths: 3_500, toleranceThousandths: 150},
  {sku: 'MTR-075', nominalThousandths: 7_500, toleranceThousandths: 120},
  {sku: 'SNS-T18', nominalThousandths: 10_000, toleranceThousandths: 100},
  {sku: 'VLV-090', nominalThousandths: 900, toleranceThousandths: 60},
  {sku: 'BAT-48V', nominalThousandths: 48_000, toleranceThousandths: 600},
  {sku: 'DRV-5K', nominalThousandths: 5_000, toleranceThousandths: 50},
  {sku: 'HMI-07', nominalThousandths: 350_000, toleranceThousandths: 25_000},
];

/** Shifts by the plant's local hour: A from 06:00, B from 14:00, C from 22:00 to 06:00. */
const shifts = ['A', 'B', 'C'];

/** The shift (index into `shifts`) that covers a UTC instant in a plant `utcOffsetMinutes` from UTC. */
function shiftIndexAt(epochMs: number, utcOffsetMinutes: number): number {
  const localMsOfDay = (((epochMs + utcOffsetMinutes * minuteMs) % dayMs) + dayMs) % dayMs;
  const hour = Math.floor(localMsOfDay / hourMs);
  if (hour >= 6 && hour < 14) {
    return 0;
  }
  return hour >= 14 && hour < 22 ? 1 : 2;
}

const salts = {
  rig: fieldSalt('rig'),
  product: fieldSalt('product'),
  jitter: fieldSalt('test_ts'),
  deviation: fieldSalt('deviation'),
  duration: fieldSalt('duration'),
};

/**
 * How far a unit lands from nominal: the sum of three uniform draws of ±tolerance/2, so most units
 * pass and about one in twenty-five falls outside the limits.
 */
function deviationThousandths(hash: number, toleranceThousandths: number): number {
  const half = Math.floor(toleranceThousandths / 2);
  let deviation = 0;
  let state = hash;
  for (let draw = 0; draw < 3; draw++) {
    state = mix32(state + draw);
    deviation += pick(state, 2 * half + 1) - half;
  }
  return deviation;
}

/** Most tests take 0.8–4.8 s; one in twenty runs long (a retry inside the rig). */
function durationMs(hash: number): number {
  return pick(hash, 100) < 95 ? 800 + pick(mix32(hash), 4_000) : 5 * secondMs + pick(mix32(hash), 25 * secondMs);
}

/** Test results from the fleet's test rigs, `start + 1` to `start + count`. */
export function testResultsChunks(seed: number, totalRows: number): (start: number, count: number) => Table {
  const rigs = fleet(seed).filter((machine) => machine.type.name === 'test_rig');
  const stream = streamKey(seed, 'test_results');
  const serialStream = streamKey(seed, 'test_results.serial_number');
  return (start, count) => {
    const testIds = new Float64Array(count);
    const rigIndexes = new Int32Array(count);
    const productIndexes = new Int32Array(count);
    const serialNumbers: string[] = [];
    const testMs = new Float64Array(count);
    const shiftIndexes = new Int32Array(count);
    const measured = new Float64Array(count);
    const lower = new Float64Array(count);
    const upper = new Float64Array(count);
    const passed = new Uint8Array(count);
    const durations = new Int32Array(count);
    for (let offset = 0; offset < count; offset++) {
      const testIndex = start + offset;
      const row = rowHash(stream, testIndex);
      const rigIndex = pick(fieldHash(row, salts.rig), rigs.length);
      const productIndex = pick(fieldHash(row, salts.product), products.length);
      const product = products[productIndex]!;
      const at = spreadOverWindow(testIndex, totalRows, fieldHash(row, salts.jitter), 30 * secondMs);
      const measuredThousandths =
        product.nominalThousandths + deviationThousandths(fieldHash(row, salts.deviation), product.toleranceThousandths);
      const lowerThousandths = product.nominalThousandths - product.toleranceThousandths;
      const upperThousandths = product.nominalThousandths + product.toleranceThousandths;
      testIds[offset] = testIndex + 1;
      rigIndexes[offset] = rigIndex;
      productIndexes[offset] = productIndex;
      // mix32 is a bijection, so every tested unit has its own serial number.
      serialNumbers.push(`${product.sku.slice(0, 3)}-${mix32(serialStream ^ testIndex).toString(16).toUpperCase().padStart(8, '0')}`);
      testMs[offset] = at;
      shiftIndexes[offset] = shiftIndexAt(at, rigs[rigIndex]!.plant.utcOffsetMinutes);
      // Values are whole thousandths divided once, so a DOUBLE holds the closest value to the decimal.
      measured[offset] = measuredThousandths / 1000;
      lower[offset] = lowerThousandths / 1000;
      upper[offset] = upperThousandths / 1000;
      passed[offset] = measuredThousandths >= lowerThousandths && measuredThousandths <= upperThousandths ? 1 : 0;
      durations[offset] = durationMs(fieldHash(row, salts.duration));
    }
    return new Table({
      test_id: bigintColumn(testIds),
      machine_id: dictionaryColumn(
        rigs.map((rig) => rig.machineId),
        rigIndexes,
      ),
      product_sku: dictionaryColumn(
        products.map((product) => product.sku),
        productIndexes,
      ),
      serial_number: varcharColumn(serialNumbers),
      test_ts: timestampColumn(testMs),
      shift: dictionaryColumn(shifts, shiftIndexes),
      measured_value: doubleColumn(measured),
      lower_limit: doubleColumn(lower),
      upper_limit: doubleColumn(upper),
      passed: booleanColumn(passed),
      duration_ms: integerColumn(durations),
    });
  };
}
