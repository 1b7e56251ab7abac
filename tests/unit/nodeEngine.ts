import {afterAll, beforeAll} from 'vitest';
import type {SqlEngine} from '../../playground';
import {openNodeEngine} from '../../playground/node';

/**
 * One real DuckDB-WASM engine for a test file: opened before its tests, closed after them.
 * Register further setup with `beforeAll` after this call; it runs once the engine is open.
 */
export function nodeEngineForFile(openTimeoutMs = 30_000): SqlEngine {
  let opened: SqlEngine | undefined;
  beforeAll(async () => {
    opened = await openNodeEngine();
  }, openTimeoutMs);
  afterAll(async () => {
    await opened?.close();
  });
  const current = (): SqlEngine => {
    if (!opened) {
      throw new Error('The test engine is only open inside the tests of this file.');
    }
    return opened;
  };
  return {
    query: (sql, params) => current().query(sql, params),
    insertArrow: (name, table, mode) => current().insertArrow(name, table, mode),
    cancel: () => current().cancel(),
    close: () => current().close(),
  };
}
