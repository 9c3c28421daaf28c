import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files run in parallel, one forked process each, one per core (at least 2: much of a file's time is spent
 * waiting on PostgreSQL and on spawned servers and CLIs); vitest's default, cores − 1, runs a 2-core machine's
 * files one by one. More than one per core makes the time-budget assertions (zip bombs, hostile workbooks) and
 * the PostgreSQL connection timeouts flaky on a busy machine. Each file gets its own copy of a template
 * database (src/server/test/templates.ts); the global setup gives the run its template directory and drops the
 * templates at the end.
 *
 * Files share their worker's loaded modules (`isolate: false`): a file spent about 4 s loading the server (the
 * project's modules, ExcelJS, docx, Fastify, Kysely) before its first test, over half of the suite's time on two
 * cores (778 s isolated, 342 s shared, same machine, both databases). What a module keeps between files is keyed by
 * the database it belongs to (the framework and results caches, the session copies: WeakMaps on the Kysely
 * instance), by content (a framework's parsed text) or is a registry filled at import; a test that fakes the clock
 * or changes process.env restores it. A test that must not share — one that mocks a module — needs its own config.
 */
const workers = Math.max(2, Math.min(os.availableParallelism(), 4));

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'frameworks/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    isolate: false,
    maxWorkers: workers,
    minWorkers: 1,
    globalSetup: ['src/server/test/global-setup.ts'],
  },
});
