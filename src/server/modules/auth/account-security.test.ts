/**
 * Issue 8 §4: lock-out that neither a burst of parallel guesses nor a stranger can abuse, the login rate
 * limit, the password policy (username, common passwords, last 5, expiry), one-time passwords after a reset
 * and the must-change-password gate, and session lifetimes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../config';
import { login, makeTestApp, testDialects, TEST_PASSWORD, type TestApp } from '../../test/helpers';

const ids = async (t: TestApp, username: string) =>
  (await t.db.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

describe.each(testDialects())('account security on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { loginAccountFailures: 8, passwordMaxAgeDays: 90 });
  });
  afterAll(() => t.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  const attempt = (username: string, password: string, ip = '127.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

  describe('lock-out', () => {
    it('checks at most LOCKOUT_ATTEMPTS of 40 parallel wrong passwords, then refuses even the right one from that source', async () => {
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt('changsha', `Wrong-pass${i}`, '10.1.0.1')));
      const statuses = results.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 401)).toHaveLength(4);
      expect(results.filter((r) => r.json().message.startsWith('密码连续错误5次'))).toHaveLength(1);
      // the other 35 were never checked: refused as too many at once (429) or, once the fifth failure locked, as locked (423)
      expect(statuses.filter((s) => s === 423 || s === 429)).toHaveLength(36);
      for (const r of results.filter((x) => x.statusCode === 429)) expect(r.json().message).toBe('从当前网络地址同时发起的登录过多，请稍候几秒再试');
      // Exactly five passwords were checked: four plain failures and the one that locked.
      const checked = await t.db.db
        .selectFrom('audit_log')
        .select('after_json')
        .where('action', '=', 'auth.login')
        .where('outcome', '=', 'failed')
        .where('entity_id', '=', String(await ids(t, 'changsha')))
        .execute();
      const after = checked.map((r) => JSON.parse(r.after_json!));
      expect(after.filter((a) => !a.concurrent && (!a.lockedUntil || a.failures === 5))).toHaveLength(5);
      const right = await attempt('changsha', TEST_PASSWORD, '10.1.0.1');
      expect(right.statusCode).toBe(423);
    });

    it('many right passwords at once from one source (one account behind one NAT) never lock it out', async () => {
      const results = await Promise.all(Array.from({ length: 12 }, () => attempt('hengyang', TEST_PASSWORD, '10.9.0.1')));
      const statuses = results.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
      expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
      expect((await attempt('hengyang', TEST_PASSWORD, '10.9.0.1')).statusCode).toBe(200);
      const row = await t.db.db.selectFrom('login_failure').selectAll().where('username', '=', 'hengyang').where('ip', '=', '10.9.0.1').executeTakeFirst();
      expect(row?.locked_until ?? null).toBeNull();
    });

    it('lets the right password in from another source while the attacking source stays locked', async () => {
      expect((await attempt('changsha', TEST_PASSWORD, '10.1.0.2')).statusCode).toBe(200);
      expect((await attempt('changsha', TEST_PASSWORD, '10.1.0.1')).statusCode).toBe(423);
    });

    it('cannot be used to lock the security administrator out', async () => {
      for (let i = 0; i < 6; i++) await attempt('secadmin', 'Wrong-pass1', '10.2.0.1');
      expect((await attempt('secadmin', TEST_PASSWORD, '10.2.0.1')).statusCode).toBe(423);
      expect((await attempt('secadmin', TEST_PASSWORD, '10.2.0.2')).statusCode).toBe(200);
    });

    it('answers an unknown username exactly like a known one, up to and after the lock', async () => {
      const known: { status: number; body: unknown }[] = [];
      const unknown: { status: number; body: unknown }[] = [];
      for (let i = 0; i < 6; i++) {
        const k = await attempt('yueyang', 'Wrong-pass1', '10.3.0.1');
        const u = await attempt('no.such.user', 'Wrong-pass1', '10.3.0.1');
        known.push({ status: k.statusCode, body: { ...(k.json() as object), message: k.json().message.replace(/请于.+后/, '') } });
        unknown.push({ status: u.statusCode, body: { ...(u.json() as object), message: u.json().message.replace(/请于.+后/, '') } });
      }
      expect(known.map((k) => k.status)).toEqual([401, 401, 401, 401, 423, 423]);
      expect(unknown).toEqual(known);
    });

    it('counts an IPv6 source as its /64 (one host holds them all): a new address in the same /64 is no new source, another /64 is', async () => {
      // five wrong passwords, each from another address of one /64: the fifth locks that /64
      const guesses = [];
      for (let i = 1; i <= 5; i++) guesses.push((await attempt('yuelu', 'Wrong-pass1', `2001:db8:1:2::${i}`)).statusCode);
      expect(guesses).toEqual([401, 401, 401, 401, 423]);
      const same = await attempt('yuelu', TEST_PASSWORD, '2001:db8:1:2:abcd:ef01:2345:6789');
      expect([same.statusCode, same.json().message]).toEqual([423, expect.stringMatching(/^登录失败次数过多，已暂停从当前网络地址登录该账户/)]);
      expect((await attempt('yuelu', TEST_PASSWORD, '2001:db8:1:3::1')).statusCode).toBe(200);
      // an IPv4 address written as IPv6 (a dual-stack socket) is that IPv4 address
      for (let i = 0; i < 4; i++) expect((await attempt('miluo', 'Wrong-pass1', '::ffff:10.5.0.1')).statusCode).toBe(401);
      expect((await attempt('miluo', 'Wrong-pass1', '10.5.0.1')).statusCode).toBe(423);
      expect((await attempt('miluo', TEST_PASSWORD, '10.5.0.2')).statusCode).toBe(200);
    });

    it('throttles an account under attack from many sources, but a clean source with the right password still signs in', async () => {
      // LOGIN_ACCOUNT_FAILURES = 8 here: 4 failures from each of two sources.
      for (const ip of ['10.4.0.1', '10.4.0.2']) {
        for (let i = 0; i < 4; i++) expect((await attempt('leader', 'Wrong-pass1', ip)).statusCode).toBe(401);
      }
      const again = await attempt('leader', TEST_PASSWORD, '10.4.0.1');
      expect(again.statusCode).toBe(429);
      expect(again.json().message).toBe('该账户近期登录失败次数过多，请稍后再试，或联系安全管理员');
      // the security administrator hears of it (one to-do, however long the attack lasts)
      const leader = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'leader').executeTakeFirstOrThrow();
      const todos = async () =>
        t.db.db.selectFrom('todo').select(['role', 'title', 'status']).where('kind', '=', 'account.locked').where('source_id', '=', String(leader.id)).execute();
      expect(await todos()).toEqual([{ role: 'secadmin', status: 'open', title: expect.stringMatching(/^账户leader（.+）近\d+分钟内从多个地址登录失败9次，已限制登录$/) }]);
      // A new source gets one guess, then it is throttled too.
      expect((await attempt('leader', 'Wrong-pass1', '10.4.0.3')).statusCode).toBe(401);
      expect((await attempt('leader', 'Wrong-pass2', '10.4.0.3')).statusCode).toBe(429);
      expect((await attempt('leader', TEST_PASSWORD, '10.4.0.9')).statusCode).toBe(200);
      expect(await todos()).toHaveLength(1);
      // the security administrator finds the account by its state, sees why, and clears it
      const sec = await login(t.app, 'secadmin');
      const list = async (status: string) => (await sec.request('GET', `/api/users?status=${status}&pageSize=100`)).json.items as { username: string; throttled: boolean; recentFailures: number }[];
      expect((await list('throttled')).filter((u) => u.username === 'leader').map((u) => [u.throttled, u.recentFailures])).toEqual([[true, 11]]);
      expect((await list('throttled')).every((u) => u.throttled)).toBe(true);
      expect((await list('active')).find((u) => u.username === 'leader')?.throttled).toBe(true);
      expect((await list('locked')).map((u) => u.username)).not.toContain('leader');
      expect((await sec.request('GET', '/api/users?status=frozen')).json.fields).toEqual([{ field: 'status', message: '状态应为启用（active）、停用（disabled）、待审核（pending）、已锁定（locked）或登录受限（throttled）' }]);
      expect((await sec.request('POST', `/api/users/${leader.id}/unlock`, {})).status).toBe(200);
      expect((await list('throttled')).map((u) => u.username)).not.toContain('leader');
      expect((await attempt('leader', TEST_PASSWORD, '10.4.0.1')).statusCode).toBe(200);
    });
  });

  describe('password policy', () => {
    it.each([
      ['the old one again', TEST_PASSWORD, '新密码不能与原密码相同'],
      ['the username inside', 'Expert#2024', '密码不能包含用户名'],
      ['Password1', 'Password1', '该密码过于常见，容易被猜中，请换一个'],
      ['Qwerty123', 'Qwerty123', '该密码过于常见，容易被猜中，请换一个'],
    ])('refuses a new password with %s', async (_n, newPassword, message) => {
      const c = await login(t.app, 'expert');
      const res = await c.request('POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword });
      expect(res.status).toBe(400);
      expect(res.json.fields).toEqual([{ field: 'newPassword', message }]);
    });

    it('refuses any of the last 5 passwords, and allows the sixth back', async () => {
      const c = await login(t.app, 'ndrc');
      const pw = (i: number) => `Cycle#${i}x2024`;
      let current = TEST_PASSWORD;
      for (let i = 1; i <= 5; i++) {
        expect((await c.request('POST', '/api/auth/password', { oldPassword: current, newPassword: pw(i) })).status).toBe(200);
        current = pw(i);
      }
      for (const old of [pw(1), pw(3), pw(4)]) {
        const res = await c.request('POST', '/api/auth/password', { oldPassword: current, newPassword: old });
        expect(res.status).toBe(400);
        expect(res.json.message).toBe('新密码不能与最近5次使用过的密码相同');
      }
      expect((await c.request('POST', '/api/auth/password', { oldPassword: current, newPassword: TEST_PASSWORD })).status).toBe(200);
      expect(await t.db.db.selectFrom('password_history').select('id').where('user_id', '=', await ids(t, 'ndrc')).execute()).toHaveLength(5);
    });

    it('counts the first password (the seeded one) among the last 5: changed and straight back is refused', async () => {
      const c = await login(t.app, 'ecology');
      expect((await c.request('POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'First#Change2024' })).status).toBe(200);
      const back = await c.request('POST', '/api/auth/password', { oldPassword: 'First#Change2024', newPassword: TEST_PASSWORD });
      expect([back.status, back.json.message]).toEqual([400, '新密码不能与最近5次使用过的密码相同']);
    });

    it('forces a change of a password older than PASSWORD_MAX_AGE_DAYS before anything else', async () => {
      const old = new Date(Date.now() - 91 * 86_400_000).toISOString();
      await t.db.db.updateTable('app_user').set({ password_changed_at: old }).where('username', '=', 'samr').execute();
      const c = await login(t.app, 'samr');
      const me = (await c.request('GET', '/api/auth/me')).json;
      expect(me).toMatchObject({ mustChangePassword: true, passwordChangeReason: 'expired', permissions: [] });
      expect(me.passwordNotice).toBe('密码已超过90天未修改，请先修改密码。');
      const blocked = await c.request('GET', '/api/todos');
      expect(blocked.status).toBe(403);
      expect(blocked.json.message).toMatch(/^请先修改密码/);
      expect((await c.request('POST', '/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Fresh#Start2024' })).status).toBe(200);
      expect((await c.request('GET', '/api/todos')).status).toBe(200);
      expect((await c.request('GET', '/api/auth/me')).json.passwordChangeReason).toBeNull();
    });
  });

  describe('reset by the security administrator', () => {
    it('issues a one-time password that can only change the password, and tells the user who reset it and when', async () => {
      const sec = await login(t.app, 'secadmin', TEST_PASSWORD);
      const before = await login(t.app, 'yueyang.office');
      const id = await ids(t, 'yueyang.office');
      const res = await sec.request('POST', `/api/users/${id}/reset-password`, {});
      expect(res.status).toBe(200);
      const otp = res.json.oneTimePassword as string;
      expect(otp).toMatch(/^[A-Za-z2-9#%+=@]{14}$/);
      const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.password.reset').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(JSON.stringify(audit)).not.toContain(otp);
      // Old sessions and the old password end.
      expect((await before.request('GET', '/api/auth/me')).status).toBe(401);
      expect((await attempt('yueyang.office', TEST_PASSWORD, '10.5.0.1')).statusCode).toBe(401);

      const c = await login(t.app, 'yueyang.office', otp);
      const me = (await c.request('GET', '/api/auth/me')).json;
      expect(me).toMatchObject({ mustChangePassword: true, passwordChangeReason: 'reset', permissions: [] });
      expect(me.passwordNotice).toMatch(/^密码已由安全管理员 secadmin于\d{4}-\d{2}-\d{2} \d{2}:\d{2}重置。/);
      for (const [method, url, body] of [
        ['GET', '/api/todos', undefined],
        ['GET', '/api/cycles', undefined],
        ['GET', '/api/frameworks', undefined],
        ['POST', '/api/todos/1/done', {}],
        // the API's description too (it maps every route and parameter)
        ['GET', '/api/openapi.json', undefined],
        ['GET', '/api/docs/json', undefined],
      ] as const) {
        const r = await c.request(method, url, body);
        expect(r.status, `${method} ${url}`).toBe(403);
        expect(r.json.message).toBe('请先修改密码：当前使用的是初始密码、一次性密码（密码重置或账户审核通过时生成）或已过期的密码');
      }
      const other = await login(t.app, 'yueyang.office', otp);
      expect((await other.request('POST', '/api/auth/logout')).status).toBe(200);

      expect((await c.request('POST', '/api/auth/password', { oldPassword: otp, newPassword: 'Yueyang#Own2024' })).status).toBe(200);
      const after = (await c.request('GET', '/api/auth/me')).json;
      expect(after).toMatchObject({ mustChangePassword: false, passwordNotice: null });
      expect(after.permissions).toContain('cycle.read');
      expect((await c.request('GET', '/api/todos')).status).toBe(200);
    });

    it('a one-time password (reset or approval) signs in for ONE_TIME_PASSWORD_HOURS (72) by the request\'s clock; after that it is refused with what to do, audited as a failed sign-in that locks nothing out', async () => {
      const sec = await login(t.app, 'secadmin', TEST_PASSWORD);
      const admin = await login(t.app, 'admin', TEST_PASSWORD);
      const issued = new Date('2027-03-01T02:00:00Z');
      const at = (ms: number) => () => new Date(issued.getTime() + ms);
      const hours72 = 72 * 3_600_000;
      try {
        t.config.now = at(0);
        const id = await ids(t, 'xiangxi');
        const reset = await sec.request('POST', `/api/users/${id}/reset-password`, {});
        expect(reset.status).toBe(200);
        expect(reset.json.validUntil).toBe('2027-03-04T02:00:00.000Z');
        const otp = reset.json.oneTimePassword as string;
        // the security administrator's list says until when it signs in
        const listed = (await sec.request('GET', '/api/users?q=xiangxi')).json.items.find((u: { id: number }) => u.id === id);
        expect(listed).toMatchObject({ oneTimePasswordUntil: '2027-03-04T02:00:00.000Z', oneTimePasswordExpired: false });
        expect((await sec.request('GET', '/api/users?q=secadmin')).json.items[0].oneTimePasswordUntil).toBeNull();

        t.config.now = at(hours72 - 60_000);
        const inTime = await attempt('xiangxi', otp, '10.7.0.1');
        expect(inTime.statusCode).toBe(200);

        t.config.now = at(hours72 + 1000);
        // more refusals than LOCKOUT_ATTEMPTS: the password was right, so the source is never locked out
        for (let i = 0; i < 7; i++) {
          const late = await attempt('xiangxi', otp, '10.7.0.2');
          expect(late.statusCode, `attempt ${i + 1}`).toBe(403);
          expect(late.json().message).toBe(
            '一次性密码已于2027-03-04 10:00过期（有效期72小时），不能再用于登录；请联系安全管理员重新重置密码，用新的一次性密码登录后修改密码',
          );
        }
        const row = await t.db.db.selectFrom('login_failure').selectAll().where('username', '=', 'xiangxi').where('ip', '=', '10.7.0.2').executeTakeFirst();
        expect(row?.failures ?? 0).toBe(0);
        const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.login').orderBy('id', 'desc').executeTakeFirstOrThrow();
        expect([audit.outcome, audit.entity_id]).toEqual(['failed', String(id)]);
        expect(JSON.parse(audit.after_json!)).toMatchObject({ ip: '10.7.0.2', oneTimeExpiredAt: '2027-03-04T02:00:00.000Z' });
        // a wrong password is still only 用户名或密码错误
        expect((await attempt('xiangxi', 'Wrong#Guess2027', '10.7.0.3')).statusCode).toBe(401);
        // the list shows it expired; a new reset issues one valid from now
        expect((await sec.request('GET', '/api/users?q=xiangxi')).json.items[0]).toMatchObject({ oneTimePasswordUntil: '2027-03-04T02:00:00.000Z', oneTimePasswordExpired: true });
        const again = await sec.request('POST', `/api/users/${id}/reset-password`, {});
        expect(again.json.validUntil).toBe(new Date(issued.getTime() + 2 * hours72 + 1000).toISOString());
        expect((await attempt('xiangxi', again.json.oneTimePassword, '10.7.0.2')).statusCode).toBe(200);

        // an approval's one-time password the same, told as the approval's
        t.config.now = at(0);
        const made = await admin.request('POST', '/api/users', { username: 'otp.expiry', displayName: '过期测试', role: 'unit', orgUnitId: (await t.db.db.selectFrom('org_unit').select('id').where('code', '=', '430100').executeTakeFirstOrThrow()).id });
        expect(made.status).toBe(201);
        const approved = await sec.request('POST', `/api/users/${made.json.id}/approve`, { version: made.json.version });
        expect(approved.json.validUntil).toBe('2027-03-04T02:00:00.000Z');
        t.config.now = at(hours72 + 1000);
        const late = await attempt('otp.expiry', approved.json.oneTimePassword, '10.7.0.4');
        expect(late.statusCode).toBe(403);
        expect(late.json().message).toBe(
          '审核通过账户时生成的一次性密码已于2027-03-04 10:00过期（有效期72小时），不能再用于登录；请联系安全管理员重新重置密码，用新的一次性密码登录后修改密码',
        );
        // 三员分立: an administrator's is reset on the server (kaoping user reset-password), not by the security administrator
        const adminRow = () => t.db.db.updateTable('app_user').where('username', '=', 'admin');
        await adminRow().set({ must_change_password: 1, password_issued_for: 'reset', password_reset_at: issued.toISOString(), password_reset_by: '服务器命令行（ops@host）' }).execute();
        try {
          const sys = await attempt('admin', TEST_PASSWORD, '10.7.0.5');
          expect(sys.statusCode).toBe(403);
          expect(sys.json().message).toContain('请联系服务器运维人员运行「npx kaoping user reset-password admin」重新重置密码');
        } finally {
          await adminRow().set({ must_change_password: 0, password_issued_for: null, password_reset_at: null, password_reset_by: null }).execute();
        }
      } finally {
        t.config.now = undefined;
      }
    });

    it('does not let the security administrator reset their own password', async () => {
      const sec = await login(t.app, 'secadmin', TEST_PASSWORD);
      const res = await sec.request('POST', `/api/users/${await ids(t, 'secadmin')}/reset-password`, {});
      expect(res.status).toBe(400);
      expect(res.json.message).toBe('不能重置自己的密码，请通过“修改密码”修改本人密码');
    });

    it('does not let the security administrator reset the auditor’s or the system administrator’s password (it could then sign in as them)', async () => {
      const sec = await login(t.app, 'secadmin', TEST_PASSWORD);
      const hashes = () => t.db.db.selectFrom('app_user').select(['username', 'password_hash', 'must_change_password']).where('username', 'in', ['auditor', 'admin']).orderBy('username').execute();
      const before = await hashes();
      for (const username of ['auditor', 'admin']) {
        const res = await sec.request('POST', `/api/users/${await ids(t, username)}/reset-password`, {});
        expect(res.status, username).toBe(403);
        expect(res.json.message).toContain(`npx kaoping user reset-password ${username}`);
      }
      // nothing changed: both keep their passwords
      expect(await hashes()).toEqual(before);
    });
  });

  describe('sessions', () => {
    it('ends a session SESSION_MAX_HOURS after sign-in however active it is', async () => {
      const c = await login(t.app, 'auditor');
      const id = await ids(t, 'auditor');
      await t.db.db
        .updateTable('session')
        .set({ created_at: new Date(Date.now() - (12 * 60 + 1) * 60_000).toISOString() })
        .where('user_id', '=', id)
        .execute();
      const res = await c.request('GET', '/api/auth/me');
      expect(res.status).toBe(401);
      expect(res.json.message).toBe('本次登录已超过12小时，请重新登录');
      expect(await t.db.db.selectFrom('session').select('id').where('user_id', '=', id).execute()).toHaveLength(0);
    });

    it('removes expired sessions and spent failure counters from the database', async () => {
      const c = await login(t.app, 'office');
      const id = await ids(t, 'office');
      await t.db.db.updateTable('session').set({ last_seen_at: new Date(Date.now() - 3 * 3_600_000).toISOString() }).where('user_id', '=', id).execute();
      await t.db.db
        .insertInto('login_failure')
        .values({ username: 'ghost', ip: '10.9.9.9', failures: 2, locked_until: null, updated_at: new Date(Date.now() - 3_600_000).toISOString() })
        .execute();
      await login(t.app, 'expert');
      expect(await t.db.db.selectFrom('session').select('id').where('user_id', '=', id).execute()).toHaveLength(0);
      expect(await t.db.db.selectFrom('login_failure').select('ip').where('username', '=', 'ghost').execute()).toHaveLength(0);
      expect((await c.request('GET', '/api/auth/me')).status).toBe(401);
    });
  });
});

describe.each(testDialects())('exact idle timeout and the login rate limit on %s', (dialect) => {
  let t: TestApp;
  const overrides: Partial<Config> = { sessionIdleMinutes: 1, loginRateLimitPerMinute: 3 };
  beforeAll(async () => {
    t = await makeTestApp(dialect, overrides);
  });
  afterAll(() => t.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps a user active every 40 s signed in with a 60 s idle timeout, and ends the session 60 s after the last request', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    vi.setSystemTime(start);
    const c = await login(t.app, 'leader');
    for (let s = 40; s <= 200; s += 40) {
      vi.setSystemTime(start + s * 1000);
      expect((await c.request('GET', '/api/auth/me')).status, `at ${s} s`).toBe(200);
    }
    vi.setSystemTime(start + 200_000 + 61_000);
    const res = await c.request('GET', '/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.json.message).toBe('超过1分钟未操作，登录已超时，请重新登录');
  });

  it('limits login attempts per source IP with a Chinese 429, other sources unaffected', async () => {
    const post = (ip: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: TEST_PASSWORD }, remoteAddress: ip });
    for (let i = 0; i < 3; i++) expect((await post('10.7.0.1')).statusCode).toBe(200);
    const limited = await post('10.7.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().message).toMatch(/^登录尝试过于频繁（每分钟最多3次），请\d+秒后再试$/);
    expect((await post('10.7.0.2')).statusCode).toBe(200);
    // the auditor sees the refused source once per window, however many times it knocks
    for (let i = 0; i < 5; i++) expect((await post('10.7.0.1')).statusCode).toBe(429);
    const rows = await t.db.db.selectFrom('audit_log').select(['ip', 'outcome', 'after_json', 'entity_id']).where('action', '=', 'auth.login.rateLimited').execute();
    expect(rows).toEqual([{ ip: '10.7.0.1', outcome: 'denied', entity_id: 'POST /api/auth/login', after_json: expect.stringContaining('"limitPerMinute":3') }]);
  });
});
