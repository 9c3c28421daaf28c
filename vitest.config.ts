import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files run in parallel, one forked process each. Most of a file's time is spent waiting (on PostgreSQL, on
 * spawned servers and CLIs), so even a 2-core machine runs 3 at once; vitest's default (cores − 1) would be 1.
 * Each file gets its own copy of a template database (src/server/test/templates.ts); the global setup gives the
 * run its template directory and drops the templates at the end.
 */
const workers = Math.max(3, Math.min(os.availableParallelism(), 6));

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'frameworks/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: workers,
    minWorkers: 1,
    globalSetup: ['src/server/test/global-setup.ts'],
  },
});
