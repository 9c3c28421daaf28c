import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createUserOnServer, resetPasswordOnServer } from './users.commands';
import { login, makeTestApp, named, orgId, raceAgainstHeld, TEST_PASSWORD, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('users, org units, bad input and the audit log on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let sec: Client;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    admin = await login(t.app, 'admin');
    sec = await login(t.app, 'secadmin');
  });
  afterAll(() => t.close());

  const countUsers = async () => Number((await t.db.db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const countAudit = async () => Number((await t.db.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('creates a department user waiting for the security admin, audits it (no password hash), and gives the user a to-do', async () => {
    const samr = await orgId(t.db, 'samr');
    const res = await admin.request('POST', '/api/users', {
      username: 'samr.li',
      displayName: '李四',
      role: 'department',
      orgUnitId: samr,
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ username: 'samr.li', role: 'department', orgUnitName: '省市场监督管理局', status: 'pending' });
    const row = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').executeTakeFirstOrThrow();
    expect(row.username).toBe('admin');
    expect(JSON.parse(row.after_json!)).toMatchObject({ username: 'samr.li', orgUnitName: '省市场监督管理局' });
    expect(row.after_json).not.toMatch(/argon2/);
    // Not usable until the security admin confirms the role and unit: it has no password yet.
    const early = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'samr.li', password: 'Initial#2023' } });
    expect(early.statusCode).toBe(401);
    expect(early.json().message).toBe('用户名或密码错误');
    const review = (await sec.request('GET', '/api/todos')).json.items.find((x: { kind: string }) => x.kind === 'user.review');
    expect(review.title).toBe('账户samr.li（李四）待审核：成员单位工作人员，省市场监督管理局');
    const approved = await sec.request('POST', `/api/users/${res.json.id}/approve`, { version: res.json.version });
    expect(approved.status).toBe(200);
    expect(approved.json.user.status).toBe('active');
    expect((await sec.request('GET', '/api/todos')).json.items.some((x: { kind: string }) => x.kind === 'user.review')).toBe(false);

    const initial: string = approved.json.oneTimePassword;
    const li = await login(t.app, 'samr.li', initial);
    const me = await li.request('GET', '/api/auth/me');
    // told why: the approval of the account issued it (not a reset)
    expect(me.json).toMatchObject({ mustChangePassword: true, passwordChangeReason: 'approval', passwordNotice: expect.stringMatching(/^初始密码已由安全管理员 secadmin于.+审核通过您的账户时生成/) });
    expect(me.json.passwordNotice).not.toContain('重置');
    // the approval dialog showed the security administrator this very text
    expect(approved.json.signInNotice).toBe(me.json.passwordNotice);
    // An initial password may do nothing but be changed.
    expect((await li.request('GET', '/api/todos')).status).toBe(403);
    expect((await li.request('POST', '/api/auth/password', { oldPassword: initial, newPassword: 'Samr.li#2024' })).status).toBe(400);
    expect((await li.request('POST', '/api/auth/password', { oldPassword: initial, newPassword: 'Liszt#2024x' })).status).toBe(200);
    const todos = await t.db.db.selectFrom('todo').select(['title', 'status']).where('user_id', '=', res.json.id).execute();
    expect(todos).toEqual([{ title: expect.stringMatching(/^初始密码已由安全管理员 secadmin于.+审核通过时生成，请修改密码$/), status: 'done' }]);
  });

  it('三员分立: the system administrator sets no password, so it holds no credential for an account it asked for; the security administrator\'s approval issues a one-time password that only allows the change', async () => {
    const office = await orgId(t.db, 'office');
    const ask = { username: 'office.four', displayName: '质强办四', role: 'office', orgUnitId: office };
    // an old client still sending the initial password is told why, in Chinese, and nothing is created
    const users = await countUsers();
    const old = await admin.request('POST', '/api/users', { ...ask, password: 'Initial#2023' });
    expect([old.status, old.json.fields?.[0]?.field]).toEqual([400, 'password']);
    expect(old.json.message).toContain('新建账户不再设定密码：安全管理员审核通过时由系统生成一次性密码');
    expect(await countUsers()).toBe(users);
    const created = await admin.request('POST', '/api/users', ask);
    expect([created.status, created.json.status]).toEqual([201, 'pending']);
    // no sign-in with any password the system administrator knows, before or after the approval
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office.four', password } });
    expect((await attempt('Initial#2023')).statusCode).toBe(401);
    const approved = await sec.request('POST', `/api/users/${created.json.id}/approve`, { version: created.json.version });
    expect(approved.status).toBe(200);
    expect(approved.json.user).toMatchObject({ username: 'office.four', status: 'active' });
    const oneTime: string = approved.json.oneTimePassword;
    expect(oneTime).toMatch(/^.{12,}$/);
    for (const known of ['Initial#2023', TEST_PASSWORD, '']) expect((await attempt(known)).statusCode, known).not.toBe(200);
    // the one-time password signs in only to change it, and says who issued it
    const four = await login(t.app, 'office.four', oneTime);
    const me = (await four.request('GET', '/api/auth/me')).json;
    expect(me).toMatchObject({ mustChangePassword: true });
    expect(me.passwordNotice).toContain('安全管理员 secadmin');
    expect((await four.request('GET', '/api/todos')).status).toBe(403);
    expect((await four.request('POST', '/api/auth/password', { oldPassword: oneTime, newPassword: 'Quality#2024xy' })).status).toBe(200);
    // audited without the password
    const row = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.approve').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(row.after_json!)).toMatchObject({ status: 'active', passwordResetBy: '安全管理员 secadmin' });
    expect(JSON.stringify(row)).not.toContain(oneTime);
    // re-enabled after being disabled: back to review, and the approval issues a new one-time password
    const current = (await admin.request('GET', '/api/users?q=office.four')).json.items[0];
    // 待审核 is not a state the administrator sets: the message names the two that are, each with its code
    const pending = await admin.request('PATCH', `/api/users/${created.json.id}`, { status: 'pending', version: current.version });
    expect([pending.status, pending.json.fields]).toEqual([400, [{ field: 'status', message: '状态应为启用（active）或停用（disabled）' }]]);
    const disabled = await admin.request('PATCH', `/api/users/${created.json.id}`, { status: 'disabled', version: current.version });
    expect(disabled.json.status, disabled.json.message).toBe('disabled');
    const again = await admin.request('PATCH', `/api/users/${created.json.id}`, { status: 'active', version: disabled.json.version });
    expect(again.json.status).toBe('pending');
    const reapproved = await sec.request('POST', `/api/users/${created.json.id}/approve`, { version: again.json.version });
    expect(reapproved.json.oneTimePassword).not.toBe(oneTime);
    const back = await login(t.app, 'office.four', reapproved.json.oneTimePassword);
    expect((await back.request('GET', '/api/auth/me')).json.mustChangePassword).toBe(true);
    // a rejection issues nothing
    const other = await admin.request('POST', '/api/users', { ...ask, username: 'office.five' });
    const rejected = await sec.request('POST', `/api/users/${other.json.id}/reject`, { version: other.json.version });
    expect(rejected.json).toMatchObject({ status: 'disabled' });
    expect(rejected.json.oneTimePassword).toBeUndefined();
  });

  it('三员分立: a password the system administrator typed before approval issued one-time passwords (voided by the migration) signs in no more, and the reset the security administrator is asked for brings the account back', async () => {
    const city = await orgId(t.db, '430100');
    const asked = (await admin.request('POST', '/api/users', { username: 'old.typed', displayName: '旧账户', role: 'unit', orgUnitId: city })).json;
    const approved = (await sec.request('POST', `/api/users/${asked.id}/approve`, { version: asked.version })).json;
    // as the migration leaves such an account: the typed password still in force, voided, the security administrator told
    await t.db.db.updateTable('app_user').set({ password_reset_by: null, password_reset_at: null, password_issued_for: 'voided' }).where('id', '=', asked.id).execute();
    await t.db.db.insertInto('todo').values({ user_id: null, org_unit_id: null, role: 'secadmin', kind: 'user.password.voided', title: '账户old.typed（旧账户）的初始密码由系统管理员设定，已作废，请重置密码', detail: null, link: null, due_at: null, source_type: 'user', source_id: String(asked.id), status: 'open', created_at: new Date().toISOString(), done_at: null, done_by: null }).execute();
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'old.typed', password } });
    // the right password: refused, saying why and what to do (only whoever knows it learns that)
    const right = await attempt(approved.oneTimePassword);
    expect([right.statusCode, right.json().message]).toEqual([403, expect.stringContaining('初始密码由系统管理员设定，已作废')]);
    expect(right.json().message).toContain('请联系安全管理员重置密码');
    const wrong = await attempt('Wrong#2024abc');
    expect([wrong.statusCode, wrong.json().message]).toEqual([401, '用户名或密码错误']);
    // the reset: a one-time password, told as a reset; the security administrator's to-do closes
    const reset = await sec.request('POST', `/api/users/${asked.id}/reset-password`, {});
    expect(reset.status).toBe(200);
    const open = await t.db.db.selectFrom('todo').select('status').where('kind', '=', 'user.password.voided').where('source_id', '=', String(asked.id)).executeTakeFirstOrThrow();
    expect(open.status).toBe('done');
    const back = await login(t.app, 'old.typed', reset.json.oneTimePassword);
    const me = (await back.request('GET', '/api/auth/me')).json;
    expect(me).toMatchObject({ mustChangePassword: true, passwordChangeReason: 'reset', passwordNotice: expect.stringMatching(/^密码已由安全管理员 secadmin于.+重置/) });
    expect(reset.json.signInNotice).toBe(me.passwordNotice);
    expect((await back.request('POST', '/api/auth/password', { oldPassword: reset.json.oneTimePassword, newPassword: 'Oldtyped#2024x' })).status).toBe(200);
    const row = await t.db.db.selectFrom('app_user').select(['password_issued_for', 'must_change_password']).where('id', '=', asked.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ password_issued_for: null, must_change_password: 0 });
  });

  it.each([
    ['a malformed body', '{"username": ', 'application/json', 400, '请求体不是合法的 JSON，请检查格式'],
    ['an unknown field', { username: 'x.y', displayName: 'x', role: 'unit', orgUnitId: 1, admin: true }, undefined, 400, '不允许的字段：admin'],
    ['a wrong type', { username: 'x.y', displayName: 'x', role: 'unit', orgUnitId: '长沙' }, undefined, 400, '请选择所属单位'],
    ['an unknown role', { username: 'x.y', displayName: 'x', role: 'boss', orgUnitId: 1 }, undefined, 400, '角色应为系统管理员（sysadmin）、'],
    ['a security admin account', { username: 'sec.two', displayName: 'x', role: 'secadmin', orgUnitId: 'OFFICE' }, undefined, 403, '三员分立：安全管理员账户只在部署时设立'],
    ['an initial password (issued at approval now)', { username: 'x.y', displayName: 'x', role: 'unit', orgUnitId: 1, password: 'Initial#2023' }, undefined, 400, '新建账户不再设定密码'],
    ['a bad username', { username: 'X Y', displayName: 'x', role: 'unit', orgUnitId: 1 }, undefined, 400, '用户名只能包含'],
    ['a duplicate username', { username: 'office', displayName: 'x', role: 'office', orgUnitId: 'OFFICE' }, undefined, 409, '用户名「office」已被使用，请换一个'],
    ['a unit that does not exist', { username: 'x.y', displayName: 'x', role: 'unit', orgUnitId: 999999 }, undefined, 400, '所属单位999999不存在'],
    ['a unit of the wrong kind', { username: 'x.y', displayName: 'x', role: 'department', orgUnitId: 'CITY' }, undefined, 400, '成员单位工作人员须属于成员单位，「长沙市」是市州'],
  ])('answers %s with a Chinese message and changes nothing', async (_name, body, contentType, status, message) => {
    const office = await orgId(t.db, 'office');
    const city = await orgId(t.db, '430100');
    let payload: unknown = body;
    if (typeof body === 'object') {
      payload = Object.fromEntries(
        Object.entries(body).map(([k, v]) => [k, v === 'OFFICE' ? office : v === 'CITY' ? city : v]),
      );
    }
    const [users, audits] = [await countUsers(), await countAudit()];
    const res = await admin.request('POST', '/api/users', payload, contentType ? { 'content-type': contentType } : {});
    expect(res.status).toBe(status);
    expect(res.json.message).toContain(message);
    if (status === 400 && typeof body === 'object') expect(res.json.fields.length).toBeGreaterThan(0);
    expect(await countUsers()).toBe(users);
    // a refusal (403, or a 400 by a rule: a password set by the system administrator) is itself recorded, as a
    // denied attempt; a mistake in the form is not
    expect(await countAudit()).toBe(audits + (status === 403 || message === '新建账户不再设定密码' ? 1 : 0));
  });

  it('names the field in the message', async () => {
    const res = await admin.request('POST', '/api/users', { username: 'x.y', displayName: '', role: 'unit', orgUnitId: 1 });
    expect(res.json.fields).toEqual([{ field: 'displayName', message: '请填写姓名' }]);
    expect(res.json.message).toBe('填写的内容有误 — 姓名：请填写姓名');
  });

  it('refuses an oversized request with 413', async () => {
    const res = await admin.request('POST', '/api/users', { username: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.json.message).toBe('请求体过大，上限为1024 KB');
  });

  it('gives the second of two editors a conflict with the current value, never a silent overwrite', async () => {
    const list = await admin.request('GET', '/api/users?q=samr.li');
    const u = list.json.items[0];
    // the search ignores the case of Latin letters on both databases (PostgreSQL's LIKE does not by itself)
    expect((await admin.request('GET', '/api/users?q=SAMR.Li')).json.items.map((x: any) => x.id)).toEqual([u.id]);
    expect((await admin.request('GET', '/api/users?q=%25')).json.total).toBe(0);
    const first = await admin.request('PATCH', `/api/users/${u.id}`, { displayName: '李四（一）', version: u.version });
    expect(first.status).toBe(200);
    const second = await admin.request('PATCH', `/api/users/${u.id}`, { displayName: '李四（二）', version: u.version });
    expect(second.status).toBe(409);
    // the administrator's own other window: told it changed it there, and when (the latest change in the audit log)
    expect(second.json.message).toMatch(named('该用户已由您在其他窗口于<T>修改（修改用户），请查看最新内容后重试'));
    expect(second.json.current.displayName).toBe('李四（一）');
    // a colleague's change (the security administrator's role assignment): named, with their unit
    const role = await sec.request('PUT', `/api/users/${u.id}/role`, { role: 'department', version: u.version + 1 });
    expect(role.status).toBe(200);
    const third = await admin.request('PATCH', `/api/users/${u.id}`, { displayName: '李四（三）', version: u.version + 1 });
    expect([third.status, third.json.message]).toEqual([409, expect.stringMatching(named('该用户已由安全管理员（省质强办）于<T>修改（分配角色），请查看最新内容后重试'))]);
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!).displayName).toBe('李四');
    expect(JSON.parse(audit.after_json!).displayName).toBe('李四（一）');
  });

  it('lets only the security admin assign roles (三员分立)', async () => {
    const u = (await admin.request('GET', '/api/users?q=samr.li')).json.items[0];
    expect((await admin.request('PUT', `/api/users/${u.id}/role`, { role: 'expert', version: u.version })).status).toBe(403);
    const ok = await sec.request('PUT', `/api/users/${u.id}/role`, { role: 'expert', version: u.version });
    expect(ok.status).toBe(200);
    expect(ok.json.role).toBe('expert');
    const bad = await sec.request('PUT', `/api/users/${u.id}/role`, { role: 'unit', version: ok.json.version });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('市州/县市区工作人员须属于市州或县市区，「省市场监督管理局」是成员单位');
  });

  it('a username asked for before: the 409 names the account and who asked for it, when', async () => {
    const office = await orgId(t.db, 'office');
    const body = { username: 'asked.twice', displayName: '重名测试', role: 'office', orgUnitId: office };
    expect((await admin.request('POST', '/api/users', body)).status).toBe(201);
    const again = await admin.request('POST', '/api/users', { ...body, displayName: '又一个' });
    expect(again.status).toBe(409);
    expect(again.json.message).toMatch(named('用户名「asked.twice」已是「重名测试」的账户（您在其他窗口于<T>新建），请换一个'));
    expect(again.json.fields).toEqual([{ field: 'username', message: '用户名「asked.twice」已被使用' }]);
  });

  it.runIf(dialect === 'postgres')('two administrators asking for one username at once: the loser is a 409 saying the name is taken, never a 500, nothing of it saved', async () => {
    const office = await orgId(t.db, 'office');
    const { id: _id, ...row } = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'office').executeTakeFirstOrThrow();
    // the other administrator's account, held uncommitted: the request reads no such name, its insert waits on the key
    const res = await raceAgainstHeld(
      t.db,
      (trx) => trx.insertInto('app_user').values({ ...row, username: 'race.same', display_name: '先到的账户' }).execute(),
      () => admin.request('POST', '/api/users', { username: 'race.same', displayName: '后到的账户', role: 'office', orgUnitId: office }),
    );
    expect(res.status).toBe(409);
    expect(res.json.message).toBe('用户名「race.same」已被使用，请换一个');
    expect(await t.db.db.selectFrom('app_user').select('display_name').where('username', '=', 'race.same').execute()).toEqual([{ display_name: '先到的账户' }]);
    await t.db.db.deleteFrom('app_user').where('username', '=', 'race.same').execute();
  });

  it.runIf(dialect === 'postgres')('kaoping user create while an administrator on the web takes the same username: the command says the name is taken and whose it is, never a stack trace', async () => {
    const { id: _id, ...row } = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'office').executeTakeFirstOrThrow();
    const made = await raceAgainstHeld(
      t.db,
      (trx) => trx.insertInto('app_user').values({ ...row, username: 'race.cli', display_name: '网页先建的账户' }).execute(),
      () => createUserOnServer(t.db.db, { username: 'race.cli', displayName: '命令行后建', role: 'auditor', orgCode: 'office' }, 'ops@host'),
    );
    expect(made).toEqual({ problem: '用户名「race.cli」已被使用，请换一个' });
    expect(await t.db.db.selectFrom('app_user').select('display_name').where('username', '=', 'race.cli').execute()).toEqual([{ display_name: '网页先建的账户' }]);
    // and asked for again, afterwards: the same words
    expect(await createUserOnServer(t.db.db, { username: 'race.cli', displayName: '命令行后建', role: 'auditor', orgCode: 'office' }, 'ops@host')).toEqual(made);
    await t.db.db.deleteFrom('app_user').where('username', '=', 'race.cli').execute();
  });

  it.runIf(dialect === 'postgres')('two administrators adding a unit of one code at once: the loser is a 409 naming the unit that holds the code, never a 500', async () => {
    const city = await orgId(t.db, '430600');
    const at = new Date().toISOString();
    // the other administrator's unit, held uncommitted: the request's insert waits on the code and fails on it once the other commits
    const res = await raceAgainstHeld(
      t.db,
      (trx) => trx.insertInto('org_unit').values({ code: '430698', name: '临港新区', short_name: null, kind: 'county', parent_id: city, sort_order: 0, version: 1, created_at: at, updated_at: at }).execute(),
      () => admin.request('POST', '/api/orgs', { code: '430698', name: '临港片区', kind: 'county', parentId: city }),
    );
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ message: '机构代码「430698」已用于「临港新区」，请换一个代码', fields: [{ field: 'code', message: '机构代码「430698」已存在' }] });
    expect(await t.db.db.selectFrom('org_unit').select('name').where('code', '=', '430698').execute()).toEqual([{ name: '临港新区' }]);
    await t.db.db.deleteFrom('org_unit').where('code', '=', '430698').execute(); // the seeded tree's counts below stay
  });

  it('refuses a second unit of one name under one parent, new or renamed (two 长沙市 under 湖南省), with a 409 naming the holder', async () => {
    const province = await orgId(t.db, '430000');
    const changsha = await orgId(t.db, '430100');
    const second = await admin.request('POST', '/api/orgs', { code: '439901', name: '长沙市', kind: 'city', parentId: province });
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({ message: '「湖南省」下已有名为「长沙市」的机构（代码430100），同一上级下的机构名称不能相同', fields: [{ field: 'name', message: '「长沙市」已存在' }] });
    expect(await t.db.db.selectFrom('org_unit').select('code').where('name', '=', '长沙市').execute()).toEqual([{ code: '430100' }]);
    const zhuzhou = await t.db.db.selectFrom('org_unit').select(['id', 'version']).where('code', '=', '430200').executeTakeFirstOrThrow();
    const renamed = await admin.request('PATCH', `/api/orgs/${zhuzhou.id}`, { name: '长沙市', version: zhuzhou.version });
    expect([renamed.status, renamed.json.fields]).toEqual([409, [{ field: 'name', message: '「长沙市」已存在' }]]);
    expect(await t.db.db.selectFrom('org_unit').select('name').where('id', '=', zhuzhou.id).executeTakeFirstOrThrow()).toEqual({ name: '株洲市' });
    // a unit may be saved under its own name, and another parent may hold the name: 长沙市's own 质强办 is not the province's
    const self = await t.db.db.selectFrom('org_unit').select(['version']).where('id', '=', changsha).executeTakeFirstOrThrow();
    expect((await admin.request('PATCH', `/api/orgs/${changsha}`, { name: '长沙市', version: self.version })).status).toBe(200);
    const elsewhere = await admin.request('POST', '/api/orgs', { code: '430199', name: '株洲市', kind: 'county', parentId: changsha });
    expect(elsewhere.status).toBe(201);
    await t.db.db.deleteFrom('org_unit').where('code', '=', '430199').execute();
  });

  it('creates org units under the right parents only, and refuses duplicate codes', async () => {
    const city = await orgId(t.db, '430600');
    const created = await admin.request('POST', '/api/orgs', { code: '430699', name: '示范新区', kind: 'county', parentId: city });
    expect(created.status).toBe(201);
    const dup = await admin.request('POST', '/api/orgs', { code: '430699', name: '示范新区', kind: 'county', parentId: city });
    expect(dup.status).toBe(409);
    expect(dup.json.fields).toEqual([{ field: 'code', message: '机构代码「430699」已存在' }]);
    expect(dup.json.message).toMatch(named('机构代码「430699」已用于「示范新区」（您在其他窗口于<T>新增），请换一个代码'));
    const wrong = await admin.request('POST', '/api/orgs', { code: 'x-1', name: '某县下属', kind: 'city', parentId: created.json.id });
    expect(wrong.status).toBe(400);
    expect(wrong.json.message).toBe('「示范新区」下不能设立市州类机构（允许：质强办、成员单位）');
    const stale = await admin.request('PATCH', `/api/orgs/${created.json.id}`, { name: '示范区', version: 0 });
    expect(stale.status).toBe(409);
    expect(stale.json.current.name).toBe('示范新区');
    expect(stale.json.message).toMatch(named('该机构已由您在其他窗口于<T>新建，请查看最新内容后重试'));
    // the administrator’s two windows on the same version: the second is told it renamed it there, and when
    const renamed = await admin.request('PATCH', `/api/orgs/${created.json.id}`, { name: '示范区', version: created.json.version });
    expect(renamed.status).toBe(200);
    const lost = await admin.request('PATCH', `/api/orgs/${created.json.id}`, { sortOrder: 3, version: created.json.version });
    expect([lost.status, lost.json.message, lost.json.current.name]).toMatchObject([409, expect.stringMatching(named('该机构已由您在其他窗口于<T>修改，请查看最新内容后重试')), '示范区']);
  });

  it('seeds the Hunan tree: the province, 14 cities with offices, 122 counties, member departments and the office', async () => {
    const orgs = (await admin.request('GET', '/api/orgs')).json.items as { code: string; kind: string; name: string }[];
    const by = (k: string) => orgs.filter((o) => o.kind === k);
    expect(by('province').map((o) => o.code)).toEqual(['430000']);
    expect(by('city')).toHaveLength(14);
    expect(by('county').filter((o) => o.code !== '430699')).toHaveLength(122);
    expect(by('office').map((o) => o.name)).toContain('湖南省质量强省领导小组办公室');
    expect(by('office')).toHaveLength(15);
    const deps = by('department').map((o) => o.name);
    for (const name of ['省发展改革委', '省市场监督管理局', '长沙海关', '省药品监督管理局', '省粮食和物资储备局']) expect(deps).toContain(name);
    expect(deps).toHaveLength(19);
  });

  it('lets the auditor search the audit log, and nobody change it', async () => {
    const auditor = await login(t.app, 'auditor');
    const res = await auditor.request('GET', '/api/audit?action=user.&username=admin&pageSize=50');
    expect(res.status).toBe(200);
    expect(res.json.items.length).toBeGreaterThanOrEqual(2);
    expect(res.json.items.every((e: { action: string; username: string }) => e.action.startsWith('user.') && e.username === 'admin')).toBe(true);
    expect((await auditor.request('GET', '/api/audit?from=2020-13-01')).status).toBe(400);
    // No route edits or deletes it ...
    for (const m of ['PUT', 'PATCH', 'DELETE'] as const) expect((await auditor.request(m, '/api/audit')).status).toBe(404);
    // ... and the database itself refuses.
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(t.db.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.db.db)).rejects.toThrow(/append-only/);
  });

  it('三员分立: the system admin cannot move a user to another unit or activate a pending account; the security admin can', async () => {
    const u = (await admin.request('GET', '/api/users?q=samr.li')).json.items[0];
    const ndrc = await orgId(t.db, 'ndrc');
    const move = await admin.request('PATCH', `/api/users/${u.id}`, { orgUnitId: ndrc, version: u.version });
    expect(move.status).toBe(403);
    expect(move.json.message).toBe('调整所属单位须由安全管理员办理（用户管理 → 分配角色与单位），系统管理员不能修改');
    expect((await admin.request('GET', '/api/users?q=samr.li')).json.items[0].orgUnitName).toBe('省市场监督管理局');
    // Nor can it switch off the accounts that watch it.
    for (const name of ['secadmin', 'auditor']) {
      const watcher = (await admin.request('GET', `/api/users?q=${name}`)).json.items.find((x: { username: string }) => x.username === name);
      const off = await admin.request('PATCH', `/api/users/${watcher.id}`, { status: 'disabled', version: watcher.version });
      expect(off.status, name).toBe(403);
      expect(off.json.message).toBe('三员分立：安全管理员、审计管理员的账户不能由系统管理员停用或启用');
      expect((await admin.request('GET', `/api/users?q=${name}`)).json.items.find((x: { username: string }) => x.username === name).status).toBe('active');
      // ... nor rename them or change their phone (their calls would go elsewhere)
      for (const change of [{ displayName: '冒名' }, { phone: '0731-99999999' }]) {
        const edit = await admin.request('PATCH', `/api/users/${watcher.id}`, { ...change, version: watcher.version });
        expect(edit.status, `${name} ${JSON.stringify(change)}`).toBe(403);
        expect(edit.json.message).toContain('三员分立：安全管理员、审计管理员的姓名和联系电话不能由系统管理员修改');
        expect(edit.json.fields[0].field).toBe(Object.keys(change)[0]);
      }
      const now = (await admin.request('GET', `/api/users?q=${name}`)).json.items.find((x: { username: string }) => x.username === name);
      expect([now.displayName, now.phone, now.version]).toEqual([watcher.displayName, watcher.phone, watcher.version]);
    }
    // The same unit is not a move.
    expect((await admin.request('PATCH', `/api/users/${u.id}`, { orgUnitId: u.orgUnitId, phone: '0731-1', version: u.version })).status).toBe(200);

    const city = await orgId(t.db, '430100');
    const created = await admin.request('POST', '/api/users', { username: 'cs.wang', displayName: '王五', role: 'unit', orgUnitId: city });
    expect(created.status).toBe(201);
    const activate = await admin.request('PATCH', `/api/users/${created.json.id}`, { status: 'active', version: created.json.version });
    expect(activate.status).toBe(400);
    expect(activate.json.message).toBe('该账户正等待安全管理员审核角色与所属单位，审核通过后才会启用');
    expect((await admin.request('POST', `/api/users/${created.json.id}/approve`, { version: created.json.version })).status).toBe(403);
    const rejected = await sec.request('POST', `/api/users/${created.json.id}/reject`, { version: created.json.version });
    expect(rejected.status).toBe(200);
    expect(rejected.json.status).toBe('disabled');
    const twice = await sec.request('POST', `/api/users/${created.json.id}/approve`, { version: rejected.json.version });
    expect(twice.status).toBe(409);

    // The security admin moves the user (to a unit the role allows) and the user's sessions end.
    const cur = (await sec.request('GET', '/api/users?q=samr.li')).json.items[0];
    const li = await login(t.app, 'samr.li', 'Liszt#2024x');
    const moved = await sec.request('PUT', `/api/users/${cur.id}/role`, { role: 'department', orgUnitId: ndrc, version: cur.version });
    expect(moved.status).toBe(200);
    expect(moved.json.orgUnitName).toBe('省发展改革委');
    expect((await li.request('GET', '/api/auth/me')).status).toBe(401);
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.role').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toMatchObject({ orgUnitName: '省市场监督管理局' });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ orgUnitName: '省发展改革委' });
  });

  it('三员分立: administrator roles are neither given nor taken away on the web; a rejected account comes back only through review', async () => {
    const office = await orgId(t.db, 'office');
    // the system administrator would choose the auditor's first password: refused (npx kaoping user create)
    const auditor = await admin.request('POST', '/api/users', { username: 'audit.two', displayName: '审计二', role: 'auditor', orgUnitId: office });
    expect(auditor.status).toBe(403);
    expect(auditor.json.message).toContain('npx kaoping user create');
    expect((await admin.request('POST', '/api/users', { username: 'sys.two', displayName: '系统二', role: 'sysadmin', orgUnitId: office })).status).toBe(403);
    // a business account: the security administrator may not promote it (a password it reset, then the auditor's role)
    const req = await admin.request('POST', '/api/users', { username: 'office.two', displayName: '质强办二', role: 'office', orgUnitId: office });
    expect(req.status).toBe(201);
    const ok = await sec.request('POST', `/api/users/${req.json.id}/approve`, { version: req.json.version });
    expect(ok.json.user).toMatchObject({ role: 'office', status: 'active' });
    for (const role of ['auditor', 'sysadmin', 'secadmin']) {
      const up = await sec.request('PUT', `/api/users/${req.json.id}/role`, { role, version: ok.json.user.version });
      expect([up.status, up.json.fields?.[0]?.field], role).toEqual([403, 'role']);
    }
    // nor move the only auditor or system administrator into a business role
    for (const name of ['auditor', 'admin']) {
      const u = (await sec.request('GET', `/api/users?q=${name}`)).json.items.find((x: any) => x.username === name);
      const down = await sec.request('PUT', `/api/users/${u.id}/role`, { role: 'office', orgUnitId: office, version: u.version });
      expect([down.status, down.json.message], name).toEqual([403, expect.stringContaining('不能在网页上改为其他角色')]);
    }
    // nor move them to another office, nor "assign" them the role they hold: either signed the auditor (who watches the
    // security administrator) or the system administrator out at will, and moved them where the server put them
    const cityOffice = (await t.db.db.selectFrom('org_unit').select('id').where('kind', '=', 'office').where('id', '!=', office).orderBy('id').executeTakeFirstOrThrow()).id;
    for (const [name, role] of [['auditor', 'auditor'], ['admin', 'sysadmin']] as const) {
      const watcher = await login(t.app, name);
      const u = (await sec.request('GET', `/api/users?q=${name}`)).json.items.find((x: any) => x.username === name);
      for (const orgUnitId of [cityOffice, undefined]) {
        const moved = await sec.request('PUT', `/api/users/${u.id}/role`, { role, orgUnitId, version: u.version });
        expect([moved.status, moved.json.message, moved.json.fields?.[0]?.field], name).toEqual([
          403,
          `三员分立：${role === 'auditor' ? '审计管理员' : '系统管理员'}的角色与所属单位不在网页上分配（在部署时设立，变更须由服务器运维人员办理）`,
          'role',
        ]);
      }
      expect((await watcher.request('GET', '/api/auth/me')).status, name).toBe(200);
      expect((await sec.request('GET', `/api/users?q=${name}`)).json.items.find((x: any) => x.username === name)).toMatchObject({ orgUnitId: office, version: u.version });
    }
    const self = (await sec.request('GET', '/api/users?q=secadmin')).json.items[0];
    const own = await sec.request('PUT', `/api/users/${self.id}/role`, { role: 'auditor', version: self.version });
    expect(own.status).toBe(403);
    expect(own.json.message).toBe('不能修改自己的角色');
    // rejected by the security administrator: the system administrator's 启用 only asks for a review again
    const asked = await admin.request('POST', '/api/users', { username: 'office.three', displayName: '质强办三', role: 'office', orgUnitId: office });
    const rejected = await sec.request('POST', `/api/users/${asked.json.id}/reject`, { version: asked.json.version });
    expect(rejected.json.status).toBe('disabled');
    const again = await admin.request('PATCH', `/api/users/${asked.json.id}`, { status: 'active', version: rejected.json.version });
    expect([again.status, again.json.status]).toEqual([200, 'pending']);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office.three' } })).statusCode).not.toBe(200);
    const review = (await sec.request('GET', '/api/todos')).json.items.find((x: any) => x.key === `user.review:${asked.json.id}`);
    expect(review).toMatchObject({ title: '账户office.three（质强办三）待审核：质强办工作人员，湖南省质量强省领导小组办公室' });
  });

  it('records denied attempts in the audit log', async () => {
    const leader = await login(t.app, 'leader');
    expect((await leader.request('POST', '/api/users', {})).status).toBe(403);
    const row = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'access.denied').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ username: 'leader', outcome: 'denied', entity_id: 'POST /api/users' });
  });

  it('records a 400 that refuses by a rule (not a mistake in the form) and a signed-in CSRF failure as denied attempts, with the reason and without the body', async () => {
    const find = async (name: string) => (await sec.request('GET', `/api/users?q=${name}`)).json.items.find((x: any) => x.username === name);
    const [sysadmin, secadmin] = [await find('admin'), await find('secadmin')];
    const city = await orgId(t.db, '430100');
    const pending = (await admin.request('POST', '/api/users', { username: 'city.rule', displayName: '规则', role: 'unit', orgUnitId: city })).json;
    const lastRow = () => t.db.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    const attempts: [Client, string, string, unknown, string][] = [
      // an old client (or a person) setting the new account's password: the system administrator would hold a credential
      [admin, 'POST', '/api/users', { username: 'city.pw', displayName: '密码', role: 'unit', orgUnitId: city, password: 'Initial#2023' }, '新建账户不再设定密码'],
      [sec, 'POST', `/api/users/${secadmin.id}/reset-password`, {}, '不能重置自己的密码'],
      [admin, 'PATCH', `/api/users/${sysadmin.id}`, { status: 'disabled', version: sysadmin.version }, '不能停用自己的账户'],
      // enabling an account the security administrator has not reviewed
      [admin, 'PATCH', `/api/users/${pending.id}`, { status: 'active', version: pending.version }, '正等待安全管理员审核'],
    ];
    for (const [who, method, url, body, reason] of attempts) {
      const res = await who.request(method as 'POST', url, body);
      expect([res.status, res.json.message], url).toEqual([400, expect.stringContaining(reason)]);
      const row = await lastRow();
      expect(row, url).toMatchObject({ action: 'access.denied', outcome: 'denied', entity_id: `${method} ${url.replace(/\/\d+/, '/:id')}` });
      expect(JSON.parse(row.after_json!).reason, url).toContain(reason);
      expect(JSON.stringify(row), url).not.toContain('Initial#2023');
    }
    // a mistake in the form is answered, not recorded
    let before = await countAudit();
    const typo = await admin.request('POST', '/api/users', { username: 'city.typo', displayName: '笔误', role: 'city', orgUnitId: 999999 });
    expect([typo.status, await countAudit()]).toEqual([400, before]);

    // a signed-in session's write without its CSRF token (a page of another site posting with the user's cookie):
    // recorded, with the reason and no body
    const ask = { username: 'city.csrf', displayName: '跨站', role: 'unit', orgUnitId: city };
    const users = await countUsers();
    const forged = await admin.request('POST', '/api/users', ask, { 'x-csrf-token': 'forged' });
    expect([forged.status, forged.json.message]).toEqual([403, '安全校验未通过，请刷新页面后重试']);
    let row = await lastRow();
    expect(row).toMatchObject({ action: 'access.denied', outcome: 'denied', username: 'admin', entity_id: 'POST /api/users', path: '/api/users' });
    expect(JSON.parse(row.after_json!)).toEqual({ reason: expect.stringContaining('安全校验未通过') });
    expect(JSON.stringify(row)).not.toContain('city.csrf');
    const missing = await t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin.cookie }, payload: ask });
    expect(missing.statusCode).toBe(403);
    row = await lastRow();
    expect(row).toMatchObject({ action: 'access.denied', username: 'admin' });
    expect(JSON.parse(row.after_json!).reason).toContain('安全校验未通过');
    expect(await countUsers()).toBe(users);

    // without a valid session, nothing is recorded however many are sent (a flood cannot fill the log)
    before = await countAudit();
    for (const cookie of [undefined, 'kp_sid=forged', `${admin.cookie}x`]) {
      for (const body of [ask, { ...ask, password: 'Initial#2023' }]) {
        const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: { ...(cookie ? { cookie } : {}), 'x-csrf-token': 'forged' }, payload: body });
        expect(res.statusCode).toBe(401);
      }
    }
    expect(await countAudit()).toBe(before);
  });

  it('records an administrator refused by the separation rules (三员分立) in the audit log, with the reason', async () => {
    const find = async (name: string) => (await sec.request('GET', `/api/users?q=${name}`)).json.items.find((x: any) => x.username === name);
    const [sysadmin, secadmin, auditor] = [await find('admin'), await find('secadmin'), await find('auditor')];
    const attempts: [Client, string, string, unknown, string][] = [
      [sec, 'POST', `/api/users/${sysadmin.id}/reset-password`, {}, '密码不能由安全管理员重置'],
      [sec, 'PUT', `/api/users/${secadmin.id}/role`, { role: 'auditor', version: secadmin.version }, '不能修改自己的角色'],
      [sec, 'PUT', `/api/users/${auditor.id}/role`, { role: 'office', version: auditor.version }, '不能在网页上改为其他角色'],
      [admin, 'PATCH', `/api/users/${secadmin.id}`, { phone: '13800000000', version: secadmin.version }, '不能由系统管理员修改'],
    ];
    for (const [who, method, url, body, reason] of attempts) {
      const res = await who.request(method as 'POST', url, body);
      expect([res.status, res.json.message], url).toEqual([403, expect.stringContaining(reason)]);
      const row = await t.db.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(row, url).toMatchObject({ action: 'access.denied', outcome: 'denied', path: url, entity_id: `${method} ${url.replace(/\/\d+/, '/:id')}` });
      expect(JSON.parse(row.after_json!).reason, url).toContain(reason);
    }
  });

  it('six password resets of one account at once (a double click): one issues the password, the others get a 409 saying who reset it and when', async () => {
    const made = await admin.request('POST', '/api/users', { username: 'reset.six', displayName: '六次重置', role: 'department', orgUnitId: await orgId(t.db, 'samr') });
    const approved = await sec.request('POST', `/api/users/${made.json.id}/approve`, { version: made.json.version });
    expect(approved.status).toBe(200);
    // each click sends the version the page showed: of six the one that commits first wins, however late the others
    // are read (loaded after its commit, they used to issue a second password that replaced the one already shown)
    const seen = approved.json.user.version;
    const answers = await Promise.all(Array.from({ length: 6 }, () => sec.request('POST', `/api/users/${made.json.id}/reset-password`, { version: seen })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.json.message).toMatch(named('账户reset.six的密码刚由您在其他窗口于<T>重置，一次性密码已显示在该窗口；如需再次重置，请刷新后重试'));
    }
    // the one password shown is the one that signs in
    const won = answers.find((a) => a.status === 200)!;
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'reset.six', password: won.json.oneTimePassword } })).statusCode).toBe(200);
    const audited = await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'user.password.reset').where('entity_id', '=', String(made.json.id)).execute();
    expect(audited).toHaveLength(1);
    // even sent one after the other, a click from the page that showed the old version is told so
    const late = await sec.request('POST', `/api/users/${made.json.id}/reset-password`, { version: seen });
    expect([late.status, late.json.oneTimePassword]).toEqual([409, undefined]);
    expect(late.json.message).toMatch(named('账户reset.six的密码刚由您在其他窗口于<T>重置，一次性密码已显示在该窗口；如需再次重置，请刷新后重试'));
    // a second reset from the page showing the current version is the security administrator's to make
    expect((await sec.request('POST', `/api/users/${made.json.id}/reset-password`, { version: seen + 1 })).status).toBe(200);
    // one made meanwhile on the server's command line (no account): named as the command line, at the same moment format
    expect(await resetPasswordOnServer(t.db.db, 'reset.six', 'ops@host', { oneTimePasswordHours: 72 })).toBeDefined();
    const afterServer = await sec.request('POST', `/api/users/${made.json.id}/reset-password`, { version: seen + 2 });
    expect([afterServer.status, afterServer.json.message]).toEqual([409, expect.stringMatching(named('账户reset.six的密码刚由服务器命令行（ops@host）于<T>重置，一次性密码已显示给重置人；如需再次重置，请刷新后重试'))]);
  });

  it('six approvals of one account at once: one approves it, the others get a 409 saying who decided and when', async () => {
    const made = await admin.request('POST', '/api/users', { username: 'approve.six', displayName: '六次审核', role: 'department', orgUnitId: await orgId(t.db, 'samr') });
    const answers = await Promise.all(Array.from({ length: 6 }, () => sec.request('POST', `/api/users/${made.json.id}/approve`, { version: made.json.version })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.json.message).toMatch(named('该用户已由您在其他窗口于<T>修改（审核通过新账户），请查看最新内容后重试'));
    }
    // even sent one after the other, a click from the page that showed the pending account is told who approved it
    const late = await sec.request('POST', `/api/users/${made.json.id}/approve`, { version: made.json.version });
    expect([late.status, late.json.message]).toEqual([409, expect.stringMatching(named('该用户已由您在其他窗口于<T>修改（审核通过新账户），请查看最新内容后重试'))]);
    const lateReject = await sec.request('POST', `/api/users/${made.json.id}/reject`, { version: made.json.version });
    expect([lateReject.status, lateReject.json.message]).toEqual([409, expect.stringMatching(named('该用户已由您在其他窗口于<T>修改（审核通过新账户），请查看最新内容后重试'))]);
    // from a page showing the account as it is now: it is no longer waiting for review
    const now = await t.db.db.selectFrom('app_user').select('version').where('id', '=', made.json.id).executeTakeFirstOrThrow();
    const current = await sec.request('POST', `/api/users/${made.json.id}/approve`, { version: now.version });
    expect([current.status, current.json.message]).toEqual([409, '账户approve.six不在待审核状态（当前：启用）']);
    // the system administrator's edit from the page read before the approval: told the security administrator approved it
    const edit = await admin.request('PATCH', `/api/users/${made.json.id}`, { displayName: '六次审核（改）', version: made.json.version });
    expect([edit.status, edit.json.message]).toEqual([409, expect.stringMatching(named('该用户已由安全管理员（省质强办）于<T>修改（审核通过新账户），请查看最新内容后重试'))]);
    expect(await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'user.approve').where('entity_id', '=', String(made.json.id)).execute()).toHaveLength(1);
  });

  it('三员分立: a second system administrator disabled and re-enabled on the web is active again at once (never pending), so the security administrator never approves it and never holds its one-time password', async () => {
    const made = await createUserOnServer(t.db.db, { username: 'sys.second', displayName: '系统二', role: 'sysadmin', orgCode: 'office' }, 'ops@host');
    if (!('user' in made)) throw new Error(made.problem);
    // asked for again on the web: the account was made on the command line, by its operator
    const again = await admin.request('POST', '/api/users', { username: 'sys.second', displayName: '系统三', role: 'office', orgUnitId: await orgId(t.db, 'office') });
    expect([again.status, again.json.message]).toEqual([409, expect.stringMatching(named('用户名「sys.second」已是「系统二」的账户（服务器命令行（ops@host）于<T>新建），请换一个'))]);
    const second = await login(t.app, 'sys.second', made.oneTimePassword);
    const off = await admin.request('PATCH', `/api/users/${made.user.id}`, { status: 'disabled', version: made.user.version });
    expect([off.status, off.json.status]).toEqual([200, 'disabled']);
    expect((await second.request('GET', '/api/auth/me')).status).toBe(401);
    // 启用: no review (the security administrator does not review the three administrators' accounts), its password unchanged
    const on = await admin.request('PATCH', `/api/users/${made.user.id}`, { status: 'active', version: off.json.version });
    expect([on.status, on.json.status]).toEqual([200, 'active']);
    expect((await sec.request('GET', '/api/todos')).json.items.some((x: any) => x.key === `user.review:${made.user.id}`)).toBe(false);
    expect((await login(t.app, 'sys.second', made.oneTimePassword)).cookie).toBeTruthy();
    // one left pending by an older version: the security administrator's approval is refused and issues no password
    await t.db.db.updateTable('app_user').set({ status: 'pending', version: on.json.version + 1 }).where('id', '=', made.user.id).execute();
    const approve = await sec.request('POST', `/api/users/${made.user.id}/approve`, { version: on.json.version + 1 });
    expect([approve.status, approve.json.message, approve.json.oneTimePassword]).toEqual([
      403,
      '三员分立：系统管理员的账户不由安全管理员审核（审核通过时生成的一次性密码会让审核人能以其身份登录），由系统管理员直接启用',
      undefined,
    ]);
    expect((await sec.request('POST', `/api/users/${made.user.id}/reject`, { version: on.json.version + 1 })).status).toBe(403);
    // the system administrator turns it on directly
    const back = await admin.request('PATCH', `/api/users/${made.user.id}`, { status: 'active', version: on.json.version + 1 });
    expect([back.status, back.json.status]).toEqual([200, 'active']);
  });

  it('a reset of an account still waiting for review is refused: the approval issues its one-time password, so one issued now would never sign in', async () => {
    const made = await admin.request('POST', '/api/users', { username: 'reset.pending', displayName: '待审重置', role: 'department', orgUnitId: await orgId(t.db, 'samr') });
    const reset = await sec.request('POST', `/api/users/${made.json.id}/reset-password`, {});
    expect([reset.status, reset.json.message, reset.json.oneTimePassword]).toEqual([409, '账户reset.pending正等待审核，尚未启用：审核通过时会生成一次性密码，无需重置', undefined]);
    expect(await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'user.password.reset').where('entity_id', '=', String(made.json.id)).execute()).toEqual([]);
    expect((await sec.request('POST', `/api/users/${made.json.id}/approve`, { version: made.json.version })).status).toBe(200);
  });
});
