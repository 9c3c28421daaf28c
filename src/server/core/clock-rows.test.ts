/**
 * A change dates the rows it writes by the request's clock (config.now when set), as it judges its day rules:
 * an account, a unit, a to-do, a cycle, a declaration saved "on 1 June 2024" say 1 June 2024, not the machine's day.
 * (The audit row's time, sessions and sign-in lock-outs keep the machine's clock: they record and limit what
 * really happens; docs/rules.md, Dates and times.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, openTestCycle, orgId, testDialects, type TestApp } from '../test/helpers';

describe.each(testDialects())('rows dated by the request clock on %s', (dialect) => {
  let t: TestApp;
  const now = new Date('2024-06-01T02:00:00.000Z');
  const AT = now.toISOString();
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now });
  });
  afterAll(() => t.close());

  const todosOf = (sourceType: string, sourceId: string | number) =>
    t.db.db.selectFrom('todo').select(['kind', 'created_at', 'done_at']).where('source_type', '=', sourceType).where('source_id', '=', String(sourceId)).orderBy('id').execute();

  it('an account: created, its review to-do raised and closed, approved with a one-time password', async () => {
    const admin = await login(t.app, 'admin');
    const sec = await login(t.app, 'secadmin');
    const created = await admin.request('POST', '/api/users', { username: 'samr.clock', displayName: '钟六', role: 'department', orgUnitId: await orgId(t.db, 'samr') });
    expect(created.status).toBe(201);
    const user = () => t.db.db.selectFrom('app_user').select(['created_at', 'updated_at', 'password_reset_at']).where('id', '=', created.json.id).executeTakeFirstOrThrow();
    expect(await user()).toMatchObject({ created_at: AT, updated_at: AT });
    const approved = await sec.request('POST', `/api/users/${created.json.id}/approve`, { version: created.json.version });
    expect(approved.status).toBe(200);
    expect(await todosOf('user', created.json.id)).toEqual([{ kind: 'user.review', created_at: AT, done_at: AT }]);
    expect(await user()).toEqual({ created_at: AT, updated_at: AT, password_reset_at: AT });
    expect(approved.json.validUntil).toBe('2024-06-04T02:00:00.000Z');
    const own = await t.db.db.selectFrom('todo').select('created_at').where('user_id', '=', created.json.id).where('kind', '=', 'password.change').executeTakeFirstOrThrow();
    expect(own.created_at).toBe(AT);
  });

  it('a unit: created and renamed', async () => {
    const admin = await login(t.app, 'admin');
    const created = await admin.request('POST', '/api/orgs', { code: '430698', name: '时钟新区', kind: 'county', parentId: await orgId(t.db, '430600') });
    expect(created.status).toBe(201);
    const renamed = await admin.request('PATCH', `/api/orgs/${created.json.id}`, { name: '时钟区', version: created.json.version });
    expect(renamed.status).toBe(200);
    const row = await t.db.db.selectFrom('org_unit').select(['created_at', 'updated_at']).where('id', '=', created.json.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ created_at: AT, updated_at: AT });
  });

  it('an assessment cycle, its declarations and their to-dos, a saved declaration, the collection closed', async () => {
    const { office, cycle } = await openTestCycle(t, { departments: ['samr', 'ndrc'] });
    const cycleRow = () => t.db.db.selectFrom('assessment_cycle').select(['created_at', 'updated_at']).where('id', '=', cycle.id).executeTakeFirstOrThrow();
    expect(await cycleRow()).toEqual({ created_at: AT, updated_at: AT });
    const samr = await login(t.app, 'samr');
    const mine = (await samr.request('GET', `/api/cycles/${cycle.id}/declarations`)).json.items[0];
    expect(await todosOf('declaration', mine.id)).toEqual([{ kind: 'declaration.fill', created_at: AT, done_at: null }]);
    const cur = (await samr.request('GET', `/api/declarations/${mine.id}`)).json;
    const saved = await samr.request('PUT', `/api/declarations/${mine.id}`, { content: cur.content, version: cur.version });
    expect(saved.status).toBe(200);
    const decl = await t.db.db.selectFrom('declaration').select('updated_at').where('id', '=', mine.id).executeTakeFirstOrThrow();
    expect(decl).toEqual({ updated_at: AT });
    const closed = await office.request('POST', `/api/cycles/${cycle.id}/transition`, { event: 'closeCollection', version: cycle.version });
    expect(closed.status).toBe(200);
    expect(await todosOf('declaration', mine.id)).toEqual([{ kind: 'declaration.fill', created_at: AT, done_at: AT }]);
    expect((await cycleRow()).updated_at).toBe(AT);
  });
});
