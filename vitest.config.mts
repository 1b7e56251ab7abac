import {createRequire} from 'node:module';
import {defineConfig} from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    alias: {
      // DuckDB-WASM's Node bundle is CommonJS and requires apache-arrow's CommonJS build. Tests
      // import the same build, so Arrow classes (Table, Vector) are one set of classes.
      'apache-arrow': require.resolve('apache-arrow'),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Engine tests run real DuckDB-WASM on a shared 2-core machine: allow them time, never retry them.
    testTimeout: 30_000,
    // Unit tests must not depend on the machine's time zone.
    env: {TZ: 'UTC'},
  },
});
