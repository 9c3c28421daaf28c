/**
 * A signed-in user's refusals: each is a denied attempt in the audit log, up to the minute's limit; past it the user
 * gets 429 and the log one access.throttled row, not a row per request. The password-change gate's 403 is recorded
 * like any other refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type TestApp } from '../test/helpers';
import { countDenial } from './denials';
import { concealed, notFound } from './errors';
import { registerRoutes, route } from './route';

describe('countDenial', () => {
  it('counts a user\'s refusals per minute, and starts again when the minute is over', () => {
    const db = {};
    const t0 = 1_000_000;
    expect([1, 2, 3].map((i) => countDenial(db, 7, 3, t0 + i).over)).toEqual(['no', 'no', 'no']);
    expect(countDenial(db, 7, 3, t0 + 10)).toEqual({ over: 'first', retryAfterS: 60 });
    expect(countDenial(db, 7, 3, t0 + 30_001)).toEqual({ over: 'again', retryAfterS: 30 });
    // another user, and another database, have counts of their own
    expect(countDenial(db, 8, 3, t0 + 20).over).toBe('no');
    expect(countDenial({}, 7, 3, t0 + 20).over).toBe('no');
    // a minute after the first refusal the window is new
    expect(countDenial(db, 7, 3, t0 + 1 + 60_000).over).toBe('no');
  });
});

describe.each(testDialects())('signed-in refusals on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { deniedPerMinute: 3 });
    // a file that exists (id 1) but is another unit's, answered as a missing one (id 2) by concealed()
    const file = route({
      method: 'GET',
      url: '/api/__test/files/:id',
      access: 'authenticated',
      summary: 'test only',
      tags: ['test'],
      handler: async (ctx) => {
        const id = (ctx.req.params as { id: string }).id;
        throw id === '1' ? concealed(notFound(`附件 ${id} 不存在`), '您无权查看该附件') : notFound(`附件 ${id} 不存在`);
      },
    });
    registerRoutes(t.app, { db: t.db, config: t.config }, [file]);
  });
  afterAll(() => t.close());

  const rows = (username: string, action: string) =>
    t.db.db.selectFrom('audit_log').selectAll().where('username', '=', username).where('action', '=', action).orderBy('id').execute();

  it('records each refusal up to the limit, then answers 429 with one row for the rest of the minute', async () => {
    const c = await login(t.app, 'samr');
    for (let i = 0; i < 3; i++) expect((await c.request('GET', '/api/users')).status).toBe(403);
    expect(await rows('samr', 'access.denied')).toHaveLength(3);

    const over = await c.request('GET', '/api/users');
    expect(over.status).toBe(429);
    expect(over.json.message).toMatch(/^1分钟内被拒绝的操作已超过3次，请\d+秒后再试/);
    // a refusal by a handler's rule (another unit's things) counts too, and is answered the same
    expect((await c.request('POST', '/api/users', { username: 'x' })).status).toBe(429);
    const throttled = await rows('samr', 'access.throttled');
    expect(throttled).toHaveLength(1);
    expect(JSON.parse(throttled[0].after_json!)).toEqual({ limitPerMinute: 3 });
    expect([throttled[0].entity_id, throttled[0].outcome]).toEqual(['GET /api/users', 'denied']);
    expect(await rows('samr', 'access.denied')).toHaveLength(3);

    // what the user may do goes on as before
    expect((await c.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await c.request('GET', '/api/cycles')).status).toBe(200);
    // and another user is not affected
    const other = await login(t.app, 'education');
    expect((await other.request('GET', '/api/users')).status).toBe(403);
  });

  it('records the 403 of a session that must change its password first, with the gate\'s words', async () => {
    await t.db.db.updateTable('app_user').set({ must_change_password: 1 }).where('username', '=', 'miit').execute();
    const c = await login(t.app, 'miit');
    const r = await c.request('GET', '/api/cycles');
    expect([r.status, r.json.error]).toEqual([403, 'password_change_required']);
    const denied = await rows('miit', 'access.denied');
    expect(denied.map((x) => x.entity_id)).toEqual(['GET /api/cycles']);
    expect(JSON.parse(denied[0].after_json!).reason).toMatch(/^请先修改密码/);
    // what the gate lets through is not a refusal
    expect((await c.request('GET', '/api/auth/me')).status).toBe(200);
    expect(await rows('miit', 'access.denied')).toHaveLength(1);
  });

  it('a refusal answered as a missing object (concealed) is recorded with the rule\'s words, and stays that 404 past the limit', async () => {
    const c = await login(t.app, 'ecology');
    const missing = await c.request('GET', '/api/__test/files/2');
    for (let i = 0; i < 5; i++) {
      const r = await c.request('GET', '/api/__test/files/1');
      // never a 429 (which a missing id does not get): the two stay alike
      expect([r.status, r.json]).toEqual([404, { error: 'not_found', message: '附件 1 不存在' }]);
    }
    expect([missing.status, missing.json]).toEqual([404, { error: 'not_found', message: '附件 2 不存在' }]);
    const denied = await rows('ecology', 'access.denied');
    expect(denied.map((x) => [x.entity_id, JSON.parse(x.after_json!).reason])).toEqual(Array.from({ length: 3 }, () => ['GET /api/__test/files/:id', '您无权查看该附件']));
    expect(await rows('ecology', 'access.throttled')).toHaveLength(1);
  });
});
