/**
 * The session copy in memory (core/session.ts) and what makes it stale (db/write-watch.ts): a burst of requests
 * reads the session once, and every change of the session, its user or the user's unit is seen on the very next
 * request, whichever handle or transaction made it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type KyselyPlugin } from 'kysely';
import { buildApp } from '../app';
import { isSessionRead, login, makeTestApp, testDialects, TEST_PASSWORD, type TestApp } from '../test/helpers';
import type { Db } from '../db/connection';
import { SESSION_COPY_MS } from './session';

describe.each(testDialects())('session copy on %s', (dialect) => {
  let t: TestApp;
  /** the same app, on a handle that counts the statements touching the session table */
  let counted: Awaited<ReturnType<typeof buildApp>>;
  let sessionReads = 0;
  let statements = 0;
  const counter: KyselyPlugin = {
    transformQuery: (a) => {
      statements += 1;
      if (isSessionRead(a.node as never)) sessionReads += 1;
      return a.node;
    },
    transformResult: async (a) => a.result,
  };
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    const db: Db = { ...t.db, db: t.db.db.withPlugin(counter) };
    counted = await buildApp({ config: t.config, db });
  });
  afterAll(async () => {
    await counted.close();
    await t.close();
  });

  it('reads the session once for a burst of requests', async () => {
    const c = await login(counted, 'samr');
    const before = sessionReads;
    for (let i = 0; i < 5; i++) expect((await c.request('GET', '/api/auth/me')).status).toBe(200);
    expect(sessionReads - before).toBe(1);
  });

  it('sees a disabled account on the next request, though the change came through another handle', async () => {
    const c = await login(counted, 'ndrc');
    expect((await c.request('GET', '/api/auth/me')).status).toBe(200);
    await t.db.db.updateTable('app_user').set({ status: 'disabled' }).where('username', '=', 'ndrc').execute();
    const me = await c.request('GET', '/api/auth/me');
    expect(me.status).toBe(401);
    expect(me.json.message).toBe('账户已停用，请联系系统管理员');
    await t.db.db.updateTable('app_user').set({ status: 'active' }).where('username', '=', 'ndrc').execute();
  });

  it('sees a deleted session (inside a transaction) and a changed unit on the next request', async () => {
    const c = await login(counted, 'expert');
    const id = (await c.request('GET', '/api/auth/me')).json.id as number;
    const unit = await t.db.db.selectFrom('app_user').select('org_unit_id').where('id', '=', id).executeTakeFirstOrThrow();
    await t.db.db.updateTable('org_unit').set({ short_name: sql<string>`short_name` }).where('id', '=', unit.org_unit_id).execute(); // a column the session does not read
    await t.db.db.updateTable('org_unit').set({ kind: sql`kind` }).where('id', '=', unit.org_unit_id).execute(); // one it reads
    const before = sessionReads;
    expect((await c.request('GET', '/api/auth/me')).status).toBe(200);
    expect(sessionReads - before).toBe(1);
    await t.db.db.transaction().execute((trx) => trx.deleteFrom('session').where('user_id', '=', id).execute());
    expect((await c.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('auth/me runs no statement while the session is in memory; a renamed unit is in the next answer', async () => {
    const c = await login(counted, 'education');
    const first = await c.request('GET', '/api/auth/me');
    expect(first.status).toBe(200);
    const before = statements;
    const again = await c.request('GET', '/api/auth/me');
    expect(again.status).toBe(200);
    expect(statements - before).toBe(0);
    expect(again.json.orgUnit).toEqual(first.json.orgUnit);
    const unit = first.json.orgUnit as { id: number; name: string };
    await t.db.db.updateTable('org_unit').set({ name: '湖南省教育厅（改名测试）' }).where('id', '=', unit.id).execute();
    try {
      const renamed = await c.request('GET', '/api/auth/me');
      expect(renamed.json.orgUnit).toEqual({ ...first.json.orgUnit, name: '湖南省教育厅（改名测试）' });
    } finally {
      await t.db.db.updateTable('org_unit').set({ name: unit.name }).where('id', '=', unit.id).execute();
    }
  });

  it('signs out through the app: the copy goes with the session', async () => {
    const c = await login(counted, 'samr');
    expect((await c.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await c.request('POST', '/api/auth/logout')).status).toBe(200);
    expect((await c.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('a copy is used for a few seconds at most; a delete of nothing, a new row or a sign-in elsewhere leaves copies valid', async () => {
    expect(SESSION_COPY_MS).toBeLessThanOrEqual(10_000);
    const c = await login(counted, 'samr');
    expect((await c.request('GET', '/api/auth/me')).status).toBe(200);
    const before = sessionReads;
    await t.db.db.deleteFrom('session').where('id', '=', 'no such session').execute();
    const other = await login(t.app, 'ndrc', TEST_PASSWORD); // inserts a session row
    expect((await other.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await c.request('GET', '/api/auth/me')).status).toBe(200);
    expect(sessionReads - before).toBe(0);
  });
});
