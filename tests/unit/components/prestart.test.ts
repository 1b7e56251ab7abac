import {describe, expect, it} from 'vitest';
import {nextStartProgress, type StartProgress} from '../../../playground';
import {prestartDatasets, prestartMaxRows, shouldPrestart, type PrestartSignals} from '../../../src/duckdb/prestart';

const ready: PrestartSignals = {near: true, loaded: true, idle: true, started: false, saveData: false, readerPresent: true};

describe('shouldPrestart: when a lab starts the engine before the click', () => {
  it('starts for a lab near view on a loaded, idle page with a reader at it', () => {
    expect(shouldPrestart(ready)).toBe(true);
  });

  it('waits while any signal is missing, starts once, and never when the reader saves data', () => {
    expect(shouldPrestart({...ready, near: false})).toBe(false);
    expect(shouldPrestart({...ready, loaded: false})).toBe(false);
    expect(shouldPrestart({...ready, idle: false})).toBe(false);
    expect(shouldPrestart({...ready, started: true})).toBe(false);
    expect(shouldPrestart({...ready, saveData: true})).toBe(false);
    // A page nobody has touched (a background tab, a crawler, a page-load audit) downloads nothing.
    expect(shouldPrestart({...ready, readerPresent: false})).toBe(false);
  });
});

describe('prestartDatasets: which datasets a speculative start loads', () => {
  it('loads small datasets, once per name, and leaves large ones for the click', () => {
    const small = {name: 'sensor_events' as const, rows: 10_000, seed: 42};
    const large = {name: 'machines' as const, rows: prestartMaxRows + 1, seed: 1};
    const plants = {name: 'plants' as const, rows: 50, seed: 1};
    expect(prestartDatasets([small, large, plants, {...small, rows: 20_000}], new Set())).toEqual([small, plants]);
  });

  it('skips a name that is loaded already or that another lab claimed', () => {
    const small = {name: 'sensor_events' as const, rows: 10_000, seed: 42};
    expect(prestartDatasets([small], new Set(['sensor_events']))).toEqual([]);
  });
});

describe('nextStartProgress: the engine start as the status line shows it', () => {
  it('counts bytes up to the total, then compiling', () => {
    let progress: StartProgress | undefined;
    progress = nextStartProgress(progress, {bytesLoaded: 1_000, bytesTotal: 34_000_000});
    expect(progress).toEqual({step: 'downloading', bytesLoaded: 1_000, bytesTotal: 34_000_000});
    progress = nextStartProgress(progress, {bytesLoaded: 34_000_000, bytesTotal: 34_000_000});
    expect(progress).toEqual({step: 'instantiating', bytesLoaded: 34_000_000});
  });

  it('never moves bytes or steps backwards when reports arrive late', () => {
    const later = nextStartProgress({step: 'downloading', bytesLoaded: 5_000, bytesTotal: 10_000}, {bytesLoaded: 4_000, bytesTotal: 10_000});
    expect(later).toEqual({step: 'downloading', bytesLoaded: 5_000, bytesTotal: 10_000});
    expect(nextStartProgress({step: 'instantiating', bytesLoaded: 10_000}, {bytesLoaded: 9_000, bytesTotal: 10_000})).toEqual({
      step: 'instantiating',
      bytesLoaded: 10_000,
    });
    expect(nextStartProgress({step: 'opening'}, {bytesLoaded: 9_000, bytesTotal: 10_000})).toEqual({step: 'opening'});
  });

  it('treats a missing total, or one below the bytes received (a compressed response), as unknown', () => {
    expect(nextStartProgress(undefined, {bytesLoaded: 2_000, bytesTotal: 0})).toEqual({step: 'downloading', bytesLoaded: 2_000, bytesTotal: undefined});
    expect(nextStartProgress(undefined, {bytesLoaded: 9_000, bytesTotal: 3_000})).toEqual({step: 'downloading', bytesLoaded: 9_000, bytesTotal: undefined});
  });
});
