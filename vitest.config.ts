import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Loading the real datasets and running notebooks takes seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // 2-core machine: DuckDB already uses both cores inside one test file.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
