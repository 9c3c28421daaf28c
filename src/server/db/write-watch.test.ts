import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db } from './connection';
import { transaction, watchOf } from './write-watch';
import { makeTestApp, testDialects, type TestApp } from '../test/helpers';

describe.each(testDialects())('write watch on %s', (dialect) => {
  let t: TestApp;
  let d: Db;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    d = t.db;
  });
  afterAll(() => t.close());
  /** the generation of every column of these tables that the tests write */
  const gen = (...tables: string[]) => watchOf(d.db)!.generation(Object.fromEntries(tables.map((t) => [t, ['name', 'csrf_token', 'last_seen_at']])));

  it('an UPDATE raises the columns it sets, a DELETE that touches rows its table, and nothing else', async () => {
    const before = { org: gen('org_unit'), user: gen('app_user'), session: gen('session') };
    await d.db.updateTable('org_unit').set({ name: sql<string>`name` }).where('code', '=', 'samr').execute();
    expect(gen('org_unit')).toBe(before.org + 1);
    expect(watchOf(d.db)!.generation({ org_unit: ['code'] })).toBe(watchOf(d.db)!.generation({}));
    expect(gen('app_user')).toBe(before.user);
    await d.db.updateTable('org_unit').set({ name: 'x' }).where('code', '=', 'no such unit').execute();
    expect(gen('org_unit')).toBe(before.org + 1);
    await d.db.deleteFrom('todo').where('id', '=', -1).execute();
    await d.db.deleteFrom('login_failure').where('username', '=', 'nobody').execute();
    expect(gen('org_unit')).toBe(before.org + 1);
    await d.db.deleteFrom('session').where('id', '=', 'x').execute(); // nothing deleted
    expect(gen('session')).toBe(before.session);
  });

  it('a plain INSERT raises nothing; an upsert raises its table', async () => {
    const user = await d.db.selectFrom('app_user').select('id').executeTakeFirstOrThrow();
    const row = { id: 'watch-test', user_id: user.id, csrf_token: 'c', created_at: '2026-01-01T00:00:00Z', last_seen_at: '2026-01-01T00:00:00Z', ip: null, user_agent: null };
    const before = gen('session');
    const rows = watchOf(d.db)!.generation({ session: '*' });
    await d.db.insertInto('session').values(row).execute();
    expect(gen('session')).toBe(before);
    expect(watchOf(d.db)!.generation({ session: '*' })).toBe(rows + 1); // a read of which rows exist
    await d.db.insertInto('session').values(row).onConflict((oc) => oc.column('id').doUpdateSet({ csrf_token: 'd' })).execute();
    expect(gen('session')).toBe(before + 1);
  });

  it('inside a transaction too; raw SQL that writes raises every table; quietly() raises nothing', async () => {
    const before = gen('session');
    await d.db.transaction().execute((trx) => trx.updateTable('session').set({ csrf_token: 'e' }).where('id', '=', 'watch-test').execute());
    expect(gen('session')).toBe(before + 1);
    const all = gen('app_user');
    await sql`update session set csrf_token = 'f' where id = 'watch-test'`.execute(d.db);
    expect(gen('app_user')).toBe(all + 1);
    await sql`select 1`.execute(d.db);
    expect(gen('app_user')).toBe(all + 1);
    const q = d.db.updateTable('session').set({ last_seen_at: '2026-01-02T00:00:00Z' }).where('id', '=', 'watch-test');
    const quiet = gen('session');
    await d.db.executeQuery(watchOf(d.db)!.quietly(() => q.compile()));
    expect(gen('session')).toBe(quiet);
    await q.execute();
    expect(gen('session')).toBe(quiet + 1);
    // a DELETE that touches rows: every column of the table
    const ip = watchOf(d.db)!.generation({ session: ['ip'] });
    await d.db.deleteFrom('session').where('id', '=', 'watch-test').execute();
    expect(watchOf(d.db)!.generation({ session: ['ip'] })).toBe(ip + 1);
  });
  // (SQLite has no data-modifying WITH)
  if (dialect === 'postgres')
    it('a write in a WITH clause raises its table too, whole (PostgreSQL: the audit chain appends in one such statement)', async () => {
    const user = await d.db.selectFrom('app_user').select('id').executeTakeFirstOrThrow();
    const sessions = gen('session');
    const users = watchOf(d.db)!.generation({ app_user: ['id'] });
    await d.db
      .with('added', (db) =>
        db
          .insertInto('session')
          .values({ id: 'watch-cte', user_id: user.id, csrf_token: 'c', created_at: '2026-01-01T00:00:00Z', last_seen_at: '2026-01-01T00:00:00Z', ip: null, user_agent: null })
          .returning('user_id'),
      )
      .updateTable('app_user')
      .from('added')
      .set({ display_name: sql<string>`display_name` })
      .where('app_user.id', '=', sql<number>`added.user_id`)
      .execute();
    expect(gen('session')).toBe(sessions + 1);
    expect(watchOf(d.db)!.generation({ app_user: ['id'] })).toBe(users + 1); // the UPDATE's table, whole
    await d.db.deleteFrom('session').where('id', '=', 'watch-cte').execute();
  });

  it('requests that miss at once share one read; one that comes after a write reads again', async () => {
    const copies = watchOf(d.db)!.copies<number>('burst-test', { columns: { org_unit: ['name'] }, ttlMs: 1_000, max: 10 });
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const load = async () => {
      const n = ++loads;
      await gate;
      return n;
    };
    const burst = [copies.get('k', load), copies.get('k', load), copies.get('k', load)];
    await d.db.updateTable('org_unit').set({ name: sql<string>`name` }).where('code', '=', 'samr').execute();
    const after = copies.get('k', load); // the write came after the read began: this one cannot share it
    release();
    expect(await Promise.all(burst)).toEqual([1, 1, 1]);
    expect(await after).toBe(2);
    expect(loads).toBe(2);
    const failing = copies.get('x', () => Promise.reject(new Error('database gone')));
    await expect(copies.get('x', async () => 99)).rejects.toThrow('database gone'); // shared, failure included
    await expect(failing).rejects.toThrow('database gone');
    expect(await copies.get('x', async () => 7)).toBe(7); // a failed read leaves nothing behind
  });

  it('a copy is used for at most ttlMs, and only while nothing it depends on was written', async () => {
    const copies = watchOf(d.db)!.copies<number>('ttl-test', { columns: { org_unit: ['name'] }, ttlMs: 1_000, max: 10 });
    let loads = 0;
    const load = async () => ++loads;
    expect(await copies.get('k', load, undefined, 10_000)).toBe(1);
    expect(await copies.get('k', load, undefined, 10_999)).toBe(1); // within the time: the copy
    expect(await copies.get('k', load, undefined, 11_000)).toBe(2); // ttlMs after the read: read again
    expect(await copies.get('k', load, undefined, 11_500)).toBe(2);
    await d.db.updateTable('org_unit').set({ name: sql<string>`name` }).where('code', '=', 'samr').execute();
    expect(await copies.get('k', load, undefined, 11_600)).toBe(3); // a column it read was written
    await d.db.updateTable('org_unit').set({ code: sql<string>`code` }).where('code', '=', 'samr').execute();
    expect(await copies.get('k', load, undefined, 11_700)).toBe(3); // another column: still the copy
    expect(await copies.get('k', load, (v) => v > 3, 11_800)).toBe(4); // a copy keep() refuses is read again
  });

});

// PostgreSQL only: SQLite's one connection runs nothing else while a transaction is open, so there is no such read
describe.each(testDialects().filter((d) => d === 'postgres'))('write watch and commits on %s', (dialect) => {
  let t: TestApp;
  let d: Db;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    d = t.db;
  });
  afterAll(() => t.close());

  it('a read on another connection while a transaction is open does not outlive its commit', async () => {
    const user = await d.db.selectFrom('app_user').select('id').executeTakeFirstOrThrow();
    await d.db.insertInto('session').values({ id: 'race-test', user_id: user.id, csrf_token: 'old', created_at: '2026-01-01T00:00:00Z', last_seen_at: '2026-01-01T00:00:00Z', ip: null, user_agent: null }).execute();
    const copies = watchOf(d.db)!.copies<string>('race-test', { columns: { session: ['csrf_token'] }, ttlMs: 60_000, max: 10 });
    const read = async () => (await d.db.selectFrom('session').select('csrf_token').where('id', '=', 'race-test').executeTakeFirstOrThrow()).csrf_token;
    await transaction(d.db, async (trx) => {
      await trx.updateTable('session').set({ csrf_token: 'new' }).where('id', '=', 'race-test').execute();
      // another connection, between the UPDATE and the commit: the old row, under counters already raised
      expect(await copies.get('k', read)).toBe('old');
    });
    expect(await copies.get('k', read)).toBe('new');
    await d.db.deleteFrom('session').where('id', '=', 'race-test').execute();
  });
});
