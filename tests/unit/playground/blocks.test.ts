import {describe, expect, it} from 'vitest';
import {decodeShareState, encodeShareState, isPlaygroundMeta, parsePlaygroundMeta} from '../../../playground';

describe('parsePlaygroundMeta', () => {
  it.each([
    ['playground', {name: 'sensor_events', rows: 100_000, seed: 42}],
    ['playground dataset=sensor_events rows=100000 seed=42', {name: 'sensor_events', rows: 100_000, seed: 42}],
    ['playground dataset=machines rows=10k seed=7', {name: 'machines', rows: 10_000, seed: 7}],
    ['playground rows=1M', {name: 'sensor_events', rows: 1_000_000, seed: 42}],
  ])('reads %j', (meta, dataset) => {
    const parsed = parsePlaygroundMeta(meta);
    expect(parsed).toEqual({ok: true, meta: {dataset}});
  });

  it('keeps an id and a quoted title', () => {
    expect(parsePlaygroundMeta('playground id=key-discovery title="Key discovery"')).toEqual({
      ok: true,
      meta: {dataset: {name: 'sensor_events', rows: 100_000, seed: 42}, id: 'key-discovery', title: 'Key discovery'},
    });
  });

  it.each([
    ['playground rows=999999999', /999,999,999 rows/],
    ['playground dataset=sensors', /sensors/],
    ['playground seed=abc', /seed/i],
    ['playground colour=blue', 'Unknown setting "colour": a playground block takes dataset, rows, seed, with, id, title.'],
    ['playground fast', 'Unexpected word "fast": write settings as key=value (dataset, rows, seed, with, id, title).'],
    ['playground id=has/slash', 'id="has/slash" must be 1-64 letters, digits, "-" or "_".'],
  ])('refuses %j with a precise message', (meta, message) => {
    const parsed = parsePlaygroundMeta(meta);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toMatch(message);
    }
  });

  it('loads further datasets named with `with`, with the same seed and their own or the block\'s rows', () => {
    expect(parsePlaygroundMeta('playground dataset=test_results rows=10k seed=7 with=plants,machines:600')).toEqual({
      ok: true,
      meta: {
        dataset: {name: 'test_results', rows: 10_000, seed: 7},
        withDatasets: [
          {name: 'plants', rows: 10_000, seed: 7},
          {name: 'machines', rows: 600, seed: 7},
        ],
      },
    });
  });

  it.each([
    ['playground dataset=plants with=plants', 'with=plants: plants is already loaded for this block; name each dataset once.'],
    ['playground with=machines:lots', /^with=machines:lots: rows must be a whole number/],
    ['playground with=sensors', /^with=sensors: There is no dataset "sensors"/],
  ])('refuses %j', (meta, message) => {
    const parsed = parsePlaygroundMeta(meta);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toMatch(message);
  });

  it('recognises the playground flag only as a whole word', () => {
    expect(isPlaygroundMeta('playground rows=10k')).toBe(true);
    expect(isPlaygroundMeta('title="playgrounds"')).toBe(false);
    expect(isPlaygroundMeta(undefined)).toBe(false);
  });
});

describe('share links', () => {
  const state = {sql: "SELECT 'Größe ✓' AS label, 1 AS x", dataset: {name: 'machines' as const, rows: 10_000, seed: 3}};

  it('round-trips SQL (with non-ASCII text), dataset, rows and seed', () => {
    const encoded = encodeShareState(state);
    expect(encoded).toMatch(/^[\w-]+$/);
    expect(decodeShareState(encoded)).toEqual({ok: true, state});
  });

  it.each([
    ['a cut-off link', () => encodeShareState(state).slice(0, 17), 'This share link is damaged (it was probably cut off when it was copied).'],
    ['not base64', () => '%%%', 'This share link is damaged (it was probably cut off when it was copied).'],
    ['wrong shape', () => btoa(JSON.stringify({query: 1})), /does not describe a lab \(sql\)/],
    [
      'an absurd size',
      () => btoa(JSON.stringify({sql: 'SELECT 1', dataset: {name: 'sensor_events', rows: 999_999_999, seed: 1}})),
      /This share link asks for data this lab cannot make: 999,999,999 rows/,
    ],
  ])('answers %s with a message', (_case, link, message) => {
    const decoded = decodeShareState(link());
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.message).toMatch(message);
    }
  });
});
