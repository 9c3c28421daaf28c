/**
 * The audit guarantee of core/route.ts: a state-changing route whose change writes no audit row is a 500, and the
 * change is rolled back with it — nothing is saved that the audit log does not show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { login, makeTestApp, openTestCycle, testDialects, type TestApp } from '../test/helpers';
import { verifyChain } from './audit-chain';
import type { Change } from './change';
import { conflict } from './errors';
import { registerRoutes, route } from './route';

describe.each(testDialects())('route audit guarantee on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    const rename = (audited: boolean) =>
      route({
        method: 'POST',
        url: audited ? '/api/__test/rename-audited' : '/api/__test/rename-unaudited',
        access: 'authenticated',
        summary: 'test only',
        tags: ['test'],
        body: z.object({ name: z.string() }),
        handler: (ctx) =>
          ctx.tx(async (c) => {
            await c.trx.updateTable('org_unit').set({ short_name: ctx.body.name }).where('code', '=', '430000').execute();
            if (audited) await c.audit({ action: 'test.rename', entityType: 'org_unit', entityId: '430000' });
            return { ok: true };
          }),
      });
    const remove = route({
      method: 'DELETE',
      url: '/api/__test/things/:id',
      access: 'authenticated',
      summary: 'test only',
      tags: ['test'],
      query: z.object({ version: z.string(), q: z.string().optional() }),
      handler: (ctx) => ctx.tx(async (c) => (await c.audit({ action: 'test.remove', entityType: 'org_unit', entityId: '430000' }), { ok: true })),
    });
    registerRoutes(t.app, { db: t.db, config: t.config }, [rename(false), rename(true), remove]);
  });
  afterAll(() => t.close());

  const shortName = async () =>
    (await t.db.db.selectFrom('org_unit').select('short_name').where('code', '=', '430000').executeTakeFirstOrThrow()).short_name;

  it('refuses a change without its audit row, and keeps what was saved before', async () => {
    const c = await login(t.app, 'office');
    const before = await shortName();
    const r = await c.request('POST', '/api/__test/rename-unaudited', { name: '未审计的改名' });
    expect(r.status).toBe(500);
    expect(r.json.error).toBe('audit_missing');
    expect(await shortName()).toBe(before);
  });

  it('keeps the path of a request in its audit row, never the query string (search words, names, telephone numbers)', async () => {
    const c = await login(t.app, 'office');
    const lastRow = () => t.db.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect((await c.request('DELETE', '/api/__test/things/7?version=3&q=%E5%BC%A0%E4%B8%8913800000000')).status).toBe(200);
    let row = await lastRow();
    expect([row.action, row.path]).toEqual(['test.remove', '/api/__test/things/7']);
    // a denied attempt the same
    expect((await c.request('GET', '/api/users?q=%E5%BC%A0%E4%B8%8913800000000&page=1')).status).toBe(403);
    row = await lastRow();
    expect([row.action, row.path]).toEqual(['access.denied', '/api/users']);
    expect(JSON.stringify(row)).not.toMatch(/13800000000|张三|%E5/);
  });

  it('saves the same change when it is audited', async () => {
    const c = await login(t.app, 'office');
    const r = await c.request('POST', '/api/__test/rename-audited', { name: '已审计的改名' });
    expect(r.status).toBe(200);
    expect(await shortName()).toBe('已审计的改名');
  });
});

describe.each(testDialects())('audit rows made at c.audit, appended at the end of the change, on %s', (dialect) => {
  let t: TestApp;
  let cycle: any;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    const testRoute = (url: string, fn: (c: Change, body: { id: number }) => Promise<unknown>) =>
      route({ method: 'POST', url, access: 'authenticated', summary: 'test only', tags: ['test'], body: z.object({ id: z.number() }), handler: (ctx) => ctx.tx((c) => fn(c, ctx.body)) });
    registerRoutes(t.app, { db: t.db, config: t.config }, [
      testRoute('/api/__test/audit-then-throw', async (c) => {
        await c.trx.updateTable('org_unit').set({ short_name: '不应保存' }).where('code', '=', '430000').execute();
        await c.audit({ action: 'test.thrown', entityType: 'org_unit', entityId: '430000' });
        throw conflict('改动被拒绝');
      }),
      testRoute('/api/__test/audit-three', async (c) => {
        for (const n of ['first', 'second', 'third']) await c.audit({ action: `test.${n}`, entityType: 'org_unit', entityId: n });
        return { ok: true };
      }),
      testRoute('/api/__test/audit-then-delete', async (c, b) => {
        await c.audit({ action: 'test.deleted', entityType: 'declaration', entityId: b.id });
        await c.trx.deleteFrom('declaration').where('id', '=', b.id).execute();
        return { ok: true };
      }),
    ]);
    ({ cycle } = await openTestCycle(t));
  });
  afterAll(() => t.close());
  const rowsOf = (actions: string[]) => t.db.db.selectFrom('audit_log').selectAll().where('action', 'in', actions).orderBy('seq').execute();

  it('a change that audits and then fails leaves neither its change nor its audit row', async () => {
    const c = await login(t.app, 'office');
    const before = (await t.db.db.selectFrom('org_unit').select('short_name').where('code', '=', '430000').executeTakeFirstOrThrow()).short_name;
    const r = await c.request('POST', '/api/__test/audit-then-throw', { id: 1 });
    expect(r.status).toBe(409);
    expect(await rowsOf(['test.thrown'])).toHaveLength(0);
    expect((await t.db.db.selectFrom('org_unit').select('short_name').where('code', '=', '430000').executeTakeFirstOrThrow()).short_name).toBe(before);
    expect(await verifyChain(t.db.db)).toMatchObject({ ok: true });
  });

  it('appends the rows of one change consecutively, in the order they were made', async () => {
    const c = await login(t.app, 'office');
    const [a, b] = await Promise.all([c.request('POST', '/api/__test/audit-three', { id: 1 }), c.request('POST', '/api/__test/audit-three', { id: 2 })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const rows = await rowsOf(['test.first', 'test.second', 'test.third']);
    expect(rows.map((r) => r.action)).toEqual(['test.first', 'test.second', 'test.third', 'test.first', 'test.second', 'test.third']);
    for (const i of [1, 2, 4, 5]) {
      expect(Number(rows[i].seq)).toBe(Number(rows[i - 1].seq) + 1);
      expect(rows[i].request_id).toBe(rows[i - 1].request_id);
      expect(rows[i].at >= rows[i - 1].at).toBe(true);
    }
    expect(await verifyChain(t.db.db)).toMatchObject({ ok: true });
  });

  it("names the cycle of an entity as it was at c.audit, though the change deletes it afterwards", async () => {
    const c = await login(t.app, 'office');
    const decl = await t.db.db.selectFrom('declaration').select(['id', 'cycle_id']).where('cycle_id', '=', cycle.id).executeTakeFirstOrThrow();
    const r = await c.request('POST', '/api/__test/audit-then-delete', { id: decl.id });
    expect(r.status).toBe(200);
    expect(await t.db.db.selectFrom('declaration').select('id').where('id', '=', decl.id).executeTakeFirst()).toBeUndefined();
    const [row] = await rowsOf(['test.deleted']);
    expect(row).toMatchObject({ entity_id: String(decl.id), cycle_id: cycle.id });
    expect(await verifyChain(t.db.db)).toMatchObject({ ok: true });
  });
});

describe('auditJson: secrets blanked, the dates of a password change kept', () => {
  it('blanks passwords, hashes and tokens but keeps when and by whom a password was changed', async () => {
    const { auditJson } = await import('./audit');
    const out = JSON.parse(auditJson({ password: 'x', password_hash: 'h', csrfToken: 't', passwordChangedAt: '2026-11-29T01:00:00Z', passwordResetBy: 'secadmin', password_reset_at: '2026-11-29' })!);
    expect(out).toEqual({ password: '******', password_hash: '******', csrfToken: '******', passwordChangedAt: '2026-11-29T01:00:00Z', passwordResetBy: 'secadmin', password_reset_at: '2026-11-29' });
  });
});
