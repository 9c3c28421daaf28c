import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, TEST_PASSWORD, type TestApp } from '../../test/helpers';
import { UNKNOWN_USERNAME } from './auth.commands';

describe.each(testDialects())('auth on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(() => t.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: payload as never, headers });

  it('logs in, reports the user with permissions and a CSRF token, and sets an HttpOnly SameSite cookie', async () => {
    const res = await post('/api/auth/login', { username: 'office', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ username: 'office', role: 'office', roleLabel: '质强办工作人员', orgUnit: { code: 'office' } });
    expect(body.permissions).toContain('framework.read');
    expect(body.permissions).not.toContain('audit.read');
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/kp_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('takes a username typed with capitals or spaces around it as the account (usernames are lower case)', async () => {
    const res = await post('/api/auth/login', { username: ' Changsha ', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'changsha', role: 'unit' });
  });

  it('refuses a wrong password and an unknown username with exactly the same answer', async () => {
    const known = await post('/api/auth/login', { username: 'ndrc', password: 'Wrong-pass1' });
    const unknown = await post('/api/auth/login', { username: 'nobody', password: 'Wrong-pass1' });
    expect(known.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(known.json().message).toBe('用户名或密码错误');
    expect(unknown.json()).toEqual(known.json());
  });

  it('locks out a source after 5 failed logins for 15 minutes, even for the right password, and tells the security admin', async () => {
    for (let i = 0; i < 4; i++) expect((await post('/api/auth/login', { username: 'yuelu', password: 'Wrong-pass1' })).statusCode).toBe(401);
    const fifth = await post('/api/auth/login', { username: 'yuelu', password: 'Wrong-pass1' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().message).toBe('密码连续错误5次，已暂停从当前网络地址登录该账户15分钟；如需立即登录，请联系安全管理员解锁');
    const right = await post('/api/auth/login', { username: 'yuelu', password: TEST_PASSWORD });
    expect(right.statusCode).toBe(423);
    expect(right.json().message).toMatch(/^登录失败次数过多，已暂停从当前网络地址登录该账户，请于.+后重试，或联系安全管理员解锁$/);
    const row = await t.db.db.selectFrom('login_failure').selectAll().where('username', '=', 'yuelu').executeTakeFirstOrThrow();
    const minutes = (Date.parse(row.locked_until!) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    const sec = await login(t.app, 'secadmin');
    const todos = await sec.request('GET', '/api/todos');
    expect(todos.json.items.map((x: { title: string }) => x.title)).toContain('账户yuelu（岳麓区质量工作联络员）因密码连续错误已被锁定');

    // The security admin sees the lock, unlocks it; the to-do closes; the user can log in again.
    const list = await sec.request('GET', '/api/users?q=yuelu');
    expect(list.json.items[0].lockedUntil).toBe(row.locked_until);
    const unlocked = await sec.request('POST', `/api/users/${list.json.items[0].id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.json.lockedUntil).toBeNull();
    expect((await sec.request('GET', '/api/todos')).json.items.some((x: { kind: string }) => x.kind === 'account.locked')).toBe(false);
    expect((await post('/api/auth/login', { username: 'yuelu', password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('audits failed and successful logins with who and from where', async () => {
    const rows = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.login').orderBy('id').execute();
    expect(rows.some((r) => r.outcome === 'failed' && r.entity_id !== null)).toBe(true);
    const ok = rows.find((r) => r.outcome === 'ok' && r.username === 'office')!;
    expect(ok.ip).toBeTruthy();
    expect(ok.method).toBe('POST');
    expect(ok.path).toBe('/api/auth/login');
  });

  it('does not keep what was typed as an unknown user name (often a password typed in the wrong box)', async () => {
    const typed = 'Zq7#mistyped-Passw0rd';
    expect((await post('/api/auth/login', { username: typed, password: 'whatever' })).statusCode).toBe(401);
    const rows = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.login').where('outcome', '=', 'failed').orderBy('id', 'desc').execute();
    expect(rows[0].entity_id).toBe(UNKNOWN_USERNAME);
    expect(rows[0].ip).toBeTruthy();
    expect(rows.some((r) => Object.values(r).some((v) => typeof v === 'string' && v.includes('mistyped')))).toBe(false);
    // a known account is still named by its id
    expect((await post('/api/auth/login', { username: 'ndrc', password: 'Wrong-pass1' })).statusCode).toBe(401);
    const ndrc = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'ndrc').executeTakeFirstOrThrow();
    const last = await t.db.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'auth.login').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last.entity_id).toBe(String(ndrc.id));
  });

  it('requires the CSRF token on state-changing requests', async () => {
    const c = await login(t.app, 'leader');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('安全校验未通过，请刷新页面后重试');
    const wrong = await c.request('POST', '/api/auth/logout', undefined, { 'x-csrf-token': 'forged' });
    expect(wrong.status).toBe(403);
    expect((await c.request('GET', '/api/auth/me')).status).toBe(200);
  });

  it('refuses a cross-site login post', async () => {
    const res = await post('/api/auth/login', { username: 'office', password: TEST_PASSWORD }, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
  });

  it('logs out and the session stops working', async () => {
    const c = await login(t.app, 'leader');
    expect((await c.request('POST', '/api/auth/logout')).status).toBe(200);
    const me = await c.request('GET', '/api/auth/me');
    expect(me.status).toBe(401);
    expect(me.json.message).toBe('登录已失效，请重新登录');
  });

  it('ends a session idle for longer than the timeout', async () => {
    const c = await login(t.app, 'expert');
    const old = new Date(Date.now() - 31 * 60_000).toISOString();
    await t.db.db.updateTable('session').set({ last_seen_at: old }).where('user_id', '=', (await c.request('GET', '/api/auth/me')).json.id).execute();
    const me = await c.request('GET', '/api/auth/me');
    expect(me.status).toBe(401);
    expect(me.json.message).toBe('超过30分钟未操作，登录已超时，请重新登录');
  });

  it('records activity at most once a minute: a read within the minute writes nothing, a later one moves last_seen_at', async () => {
    const c = await login(t.app, 'expert');
    const id = (await c.request('GET', '/api/auth/me')).json.id;
    const seen = async () => (await t.db.db.selectFrom('session').select('last_seen_at').where('user_id', '=', id).executeTakeFirstOrThrow()).last_seen_at;
    const recent = new Date(Date.now() - 20_000).toISOString();
    await t.db.db.updateTable('session').set({ last_seen_at: recent }).where('user_id', '=', id).execute();
    expect((await c.request('GET', '/api/auth/me')).status).toBe(200);
    expect(await seen()).toBe(recent);
    const stale = new Date(Date.now() - 2 * 60_000).toISOString();
    await t.db.db.updateTable('session').set({ last_seen_at: stale }).where('user_id', '=', id).execute();
    const before = Date.now();
    expect((await c.request('GET', '/api/auth/me')).status).toBe(200);
    expect(Date.parse(await seen())).toBeGreaterThanOrEqual(before - 5);
  });

  it('changes the password under the policy, and the old one stops working', async () => {
    const c = await login(t.app, 'changsha');
    const weak = await c.request('POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'abcdefgh' });
    expect(weak.status).toBe(400);
    expect(weak.json.fields).toEqual([{ field: 'newPassword', message: '密码须包含大写字母、小写字母、数字、特殊符号中的至少三类' }]);
    const short = await c.request('POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Ab1!' });
    expect(short.json.fields[0].message).toBe('密码长度至少8位');
    const wrongOld = await c.request('POST', '/api/auth/password', { oldPassword: 'Nope-1234', newPassword: 'Newpass#2024' });
    expect(wrongOld.status).toBe(400);
    expect(wrongOld.json.message).toBe('原密码不正确');
    const ok = await c.request('POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Newpass#2024' });
    expect(ok.status).toBe(200);
    expect((await post('/api/auth/login', { username: 'changsha', password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await post('/api/auth/login', { username: 'changsha', password: 'Newpass#2024' })).statusCode).toBe(200);
  });

  it('counts wrong old passwords at 修改密码 like wrong sign-ins: each audited, the fifth ends the session and locks the source', async () => {
    // a session someone else got hold of must not become a way to guess the password without a lock-out
    const c = await login(t.app, 'hengyang');
    for (let i = 1; i <= 4; i++) {
      const wrong = await c.request('POST', '/api/auth/password', { oldPassword: `Guess-${i}abc`, newPassword: 'Newpass#2024' });
      expect([wrong.status, wrong.json.message]).toEqual([400, '原密码不正确']);
    }
    const fifth = await c.request('POST', '/api/auth/password', { oldPassword: 'Guess-5abc', newPassword: 'Newpass#2024' });
    expect(fifth.status).toBe(423);
    expect(fifth.json.message).toContain('原密码连续错误5次');
    expect((await c.request('GET', '/api/auth/me')).status).toBe(401);
    const failed = await t.db.db
      .selectFrom('audit_log')
      .select(['username', 'outcome'])
      .where('action', '=', 'auth.password.change')
      .where('outcome', '=', 'failed')
      .where('username', '=', 'hengyang')
      .execute();
    expect(failed).toHaveLength(5);
    // the source is locked out of the account as after five wrong sign-ins, even with the right password
    expect((await post('/api/auth/login', { username: 'hengyang', password: TEST_PASSWORD })).statusCode).toBe(423);
  });
});
