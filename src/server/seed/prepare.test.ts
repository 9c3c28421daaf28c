/**
 * Two server processes starting at once on one empty PostgreSQL database (two instances behind a proxy, restarted
 * together) both prepare it: neither may die on the other's rows, and the data is written once.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Db } from '../db/connection';
import { loadFrameworkDir } from '../modules/frameworks';
import { freshDb, TEST_PASSWORD } from '../test/helpers';
import { prepareData } from './prepare';
import { REPO_ROOT } from '../config';

const pgUrl = process.env.TEST_DATABASE_URL;

describe.runIf(pgUrl)('prepareData: two starts at once on one empty PostgreSQL database', () => {
  const open: Db[] = [];
  afterEach(async () => {
    for (const db of open.splice(0).reverse()) await db.close();
  });

  it('both start; one seeds, the other finds it seeded; nothing is written twice', async () => {
    const first = await freshDb('postgres');
    open.push(first);
    const second = connect({ url: pgUrl!, schema: first.schema, poolSize: 5 });
    open.push(second);
    const frameworks = loadFrameworkDir(path.join(REPO_ROOT, 'frameworks'));
    const opts = { demo: true, demoPassword: TEST_PASSWORD, assessment: false };
    const outcomes = await Promise.allSettled([prepareData(first, frameworks, opts), prepareData(second, frameworks, opts)]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))).toEqual(['ok', 'ok']);
    const seeded = outcomes.map((o) => (o.status === 'fulfilled' ? o.value.seeded : null)).sort();
    expect(seeded).toEqual([false, true]);
    const count = async (db: Db, table: 'framework' | 'org_unit' | 'app_user' | 'indicator') =>
      Number((await db.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count(first, 'framework')).toBe(frameworks.length);
    // as one start alone writes them
    const alone = await freshDb('postgres');
    open.push(alone);
    expect((await prepareData(alone, frameworks, opts)).seeded).toBe(true);
    for (const table of ['org_unit', 'app_user', 'indicator'] as const) expect(await count(first, table)).toBe(await count(alone, table));
  }, 120_000);
});
