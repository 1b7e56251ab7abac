import {describe, expect, it} from 'vitest';
import {datasetNames, datasetRequestSchema, maxDatasetRows, parseDatasetRequest, rowPresets} from '../../../playground/datasets';

describe('parseDatasetRequest', () => {
  it('fills in 100k rows and seed 42', () => {
    expect(parseDatasetRequest({name: 'sensor_events'})).toEqual({ok: true, request: {name: 'sensor_events', rows: 100_000, seed: 42}});
  });

  it.each(Object.entries(rowPresets))('takes the preset %s as %i rows', (preset, rows) => {
    expect(parseDatasetRequest({name: 'machines', rows: preset, seed: 7})).toEqual({ok: true, request: {name: 'machines', rows, seed: 7}});
  });

  it('accepts every dataset name, the row limit, seed 0 and the largest seed', () => {
    for (const name of datasetNames) {
      expect(parseDatasetRequest({name, rows: maxDatasetRows, seed: 0}).ok).toBe(true);
    }
    expect(parseDatasetRequest({name: 'plants', rows: 1, seed: 2 ** 31 - 1}).ok).toBe(true);
  });

  it('keeps a malformed rate from 0 to 0.5', () => {
    expect(parseDatasetRequest({name: 'sensor_events', malformedRate: 0.1})).toEqual({
      ok: true,
      request: {name: 'sensor_events', rows: 100_000, seed: 42, malformedRate: 0.1},
    });
    expect(datasetRequestSchema.parse({name: 'sensor_events', malformedRate: 0}).malformedRate).toBe(0);
  });

  const presets = '(presets: 10k, 100k, 1M)';
  const names = 'sensor_events, machines, machine_config_changes, plants or test_results';
  it.each([
    ['too many rows', {name: 'sensor_events', rows: 999_999_999}, `999,999,999 rows is more than this lab can generate in a browser tab: the limit is 5,000,000 rows ${presets}.`],
    ['one row over the limit', {name: 'machines', rows: 5_000_001}, `5,000,001 rows is more than this lab can generate in a browser tab: the limit is 5,000,000 rows ${presets}.`],
    ['zero rows', {name: 'machines', rows: 0}, `0 rows is too few: ask for at least 1 row ${presets}.`],
    ['negative rows', {name: 'machines', rows: -5}, `-5 rows is too few: ask for at least 1 row ${presets}.`],
    ['fractional rows', {name: 'machines', rows: 2.5}, `rows must be a whole number, not 2.5 ${presets}.`],
    ['NaN rows', {name: 'machines', rows: Number.NaN}, 'rows must be a whole number or a preset (10k, 100k, 1M), not NaN.'],
    ['an unknown preset', {name: 'machines', rows: '10K'}, 'rows must be a whole number or a preset (10k, 100k, 1M), not "10K".'],
    ['an unknown dataset', {name: 'sensor_event'}, `There is no dataset "sensor_event": choose ${names}.`],
    ['no dataset', {rows: 10}, `Choose a dataset: ${names}.`],
    ['a fractional seed', {name: 'plants', seed: 1.5}, 'seed must be a whole number from 0 to 2,147,483,647, not 1.5.'],
    ['a negative seed', {name: 'plants', seed: -1}, 'seed must be a whole number from 0 to 2,147,483,647, not -1.'],
    ['a seed over 2^31 - 1', {name: 'plants', seed: 2 ** 31}, 'seed must be a whole number from 0 to 2,147,483,647, not 2,147,483,648.'],
    ['a seed as text', {name: 'plants', seed: '42'}, 'seed must be a whole number from 0 to 2,147,483,647, not "42".'],
    ['too high a malformed rate', {name: 'sensor_events', malformedRate: 0.7}, 'malformedRate must be a share from 0 to 0.5 (0.02 means 2% of values), not 0.7.'],
    ['a misspelt option', {name: 'machines', row: 10}, 'Unknown option "row": a dataset request takes name, rows, seed and malformedRate.'],
    [
      'something that is not an object',
      'sensor_events',
      'A dataset request is an object such as {"name": "sensor_events", "rows": "100k", "seed": 42}; it takes name, rows, seed and malformedRate.',
    ],
    [
      'two problems at once',
      {name: 'machines', rows: 0, seed: -1},
      `0 rows is too few: ask for at least 1 row ${presets}. seed must be a whole number from 0 to 2,147,483,647, not -1.`,
    ],
  ])('refuses %s with a message', (_case, input, message) => {
    expect(parseDatasetRequest(input)).toEqual({ok: false, message});
  });
});
