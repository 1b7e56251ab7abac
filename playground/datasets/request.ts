import * as z from 'zod';
import {datasetNames, defaultDatasetRows, maxDatasetRows, rowPresets, type DatasetName, type RowPreset} from './catalog';

const maxSeed = 2 ** 31 - 1;
const defaultSeed = 42;
/** The share of sensor-event values sent malformed when a request does not say. */
export const defaultMalformedRate = 0.02;
const maxMalformedRate = 0.5;

/** Writes whole numbers with thousands separators ("5,000,000") without depending on the locale. */
function formatCount(value: number): string {
  if (!Number.isSafeInteger(value)) {
    return String(value);
  }
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ',');
  return value < 0 ? `-${digits}` : digits;
}

/** Shows a rejected input in a message the way the user typed it. */
function describeInput(input: unknown): string {
  if (typeof input === 'string') {
    return JSON.stringify(input);
  }
  if (typeof input === 'number') {
    return formatCount(input);
  }
  if (input === null || input === undefined) {
    return String(input);
  }
  if (typeof input === 'object') {
    return Array.isArray(input) ? 'a list' : 'an object';
  }
  return String(input);
}

function listWithOr(items: readonly string[]): string {
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

const presetList = Object.keys(rowPresets).join(', ');

function datasetNameProblem(input: unknown): string {
  if (input === undefined) {
    return `Choose a dataset: ${listWithOr(datasetNames)}.`;
  }
  return `There is no dataset ${describeInput(input)}: choose ${listWithOr(datasetNames)}.`;
}

function rowsProblem(input: unknown): string {
  if (typeof input !== 'number' || Number.isNaN(input)) {
    return `rows must be a whole number or a preset (${presetList}), not ${describeInput(input)}.`;
  }
  if (input > maxDatasetRows) {
    return `${describeInput(input)} rows is more than this lab can generate in a browser tab: the limit is ${formatCount(maxDatasetRows)} rows (presets: ${presetList}).`;
  }
  if (!Number.isInteger(input)) {
    return `rows must be a whole number, not ${describeInput(input)} (presets: ${presetList}).`;
  }
  return `${describeInput(input)} rows is too few: ask for at least 1 row (presets: ${presetList}).`;
}

function seedProblem(input: unknown): string {
  return `seed must be a whole number from 0 to ${formatCount(maxSeed)}, not ${describeInput(input)}.`;
}

function malformedRateProblem(input: unknown): string {
  return `malformedRate must be a share from 0 to ${maxMalformedRate} (0.02 means 2% of values), not ${describeInput(input)}.`;
}

function requestShapeProblem(issue: {code?: string; keys?: string[]}): string {
  const options = listWithOr(['name', 'rows', 'seed', 'malformedRate']).replace(' or ', ' and ');
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    const unknown = issue.keys.map((key) => JSON.stringify(key)).join(', ');
    return `Unknown option ${unknown}: a dataset request takes ${options}.`;
  }
  return `A dataset request is an object such as {"name": "sensor_events", "rows": "100k", "seed": 42}; it takes ${options}.`;
}

/** Turns a preset name ("1M") into its row count; anything else is checked as a number. */
function presetRows(input: unknown): unknown {
  return typeof input === 'string' && Object.hasOwn(rowPresets, input) ? rowPresets[input as RowPreset] : input;
}

/**
 * A dataset request as the UI or a lab page sends it. `rows` takes a number or a preset name;
 * `malformedRate` is the share of sensor-event values sent malformed, 0.02 unless given (other
 * datasets ignore it).
 */
export const datasetRequestSchema = z.strictObject(
  {
    name: z.enum(datasetNames, {error: (issue) => datasetNameProblem(issue.input)}),
    rows: z
      .preprocess(
        presetRows,
        z
          .number({error: (issue) => rowsProblem(issue.input)})
          .int({error: (issue) => rowsProblem(issue.input), abort: true})
          .min(1, {error: (issue) => rowsProblem(issue.input)})
          .max(maxDatasetRows, {error: (issue) => rowsProblem(issue.input)}),
      )
      .default(defaultDatasetRows),
    seed: z
      .number({error: (issue) => seedProblem(issue.input)})
      .int({error: (issue) => seedProblem(issue.input), abort: true})
      .min(0, {error: (issue) => seedProblem(issue.input)})
      .max(maxSeed, {error: (issue) => seedProblem(issue.input)})
      .default(defaultSeed),
    // Optional without a default, so requests that never mention it compare and serialize as before.
    malformedRate: z
      .number({error: (issue) => malformedRateProblem(issue.input)})
      .min(0, {error: (issue) => malformedRateProblem(issue.input)})
      .max(maxMalformedRate, {error: (issue) => malformedRateProblem(issue.input)})
      .optional(),
  },
  {error: (issue) => requestShapeProblem(issue)},
);

/** A validated request with `rows` and `seed` filled in. */
export type DatasetRequest = z.output<typeof datasetRequestSchema>;

/** What callers may pass: omitted fields take their defaults, `rows` may be a preset name. */
export interface DatasetRequestInput {
  name: DatasetName;
  rows?: number | RowPreset;
  seed?: number;
  malformedRate?: number;
}

/** Validates a request from outside the engine; the message says what to change, in the user's terms. */
export function parseDatasetRequest(
  input: unknown,
): {ok: true; request: DatasetRequest} | {ok: false; message: string} {
  const parsed = datasetRequestSchema.safeParse(input);
  if (parsed.success) {
    return {ok: true, request: parsed.data};
  }
  return {ok: false, message: parsed.error.issues.map((issue) => issue.message).join(' ')};
}
