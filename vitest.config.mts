import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Unit tests must not depend on the machine's time zone.
    env: {TZ: 'UTC'},
  },
});
