/**
 * `kaoping user reset-password <用户名>`: the three administrators' passwords are reset on the server only (the web
 * page refuses them: 三员分立). It prints a one-time password once, which signs in only to change the password;
 * the audit log records the reset by the command line, never the password.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../server/db/connection';
import { migrateToLatest } from '../server/db/migrate';
import { verifyPassword } from '../server/modules/auth/password';
import { seedIfEmpty } from '../server/seed/seed';
import { run, type Io } from './main';

let dir: string;
const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };
const capture = () => {
  const io = { stdout: '', stderr: '', out: (s: string) => void (io.stdout += s), err: (s: string) => void (io.stderr += s) };
  return io as Io & { stdout: string; stderr: string };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaoping-reset-'));
  const db = connect({ url: join(dir, 'kaoping.sqlite') });
  await migrateToLatest(db);
  await seedIfEmpty(db.db, { demo: true, demoPassword: 'Kaoping@2023', assessment: false });
  await db.close();
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = dir;
}, 60_000);

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('kaoping user reset-password', () => {
  it('gives the auditor a one-time password that must be changed first, audited as the command line without the password', async () => {
    const io = capture();
    expect(await run(['user', 'reset-password', 'auditor'], io)).toBe(0);
    expect(io.stdout).toContain('（auditor，审计管理员）的密码');
    // until when it signs in (ONE_TIME_PASSWORD_HOURS, default 72)
    expect(io.stdout).toMatch(/72小时内有效，至\d{4}-\d{2}-\d{2} \d{2}:\d{2}，逾期须重新重置/);
    const otp = io.stdout.trim().split('\n').at(-1)!;
    expect(otp).toMatch(/^[A-Za-z2-9#%+=@]{14}$/);
    const db = connect({ url: join(dir, 'kaoping.sqlite') });
    try {
      const u = await db.db.selectFrom('app_user').selectAll().where('username', '=', 'auditor').executeTakeFirstOrThrow();
      expect(await verifyPassword(u.password_hash, otp)).toBe(true);
      expect(await verifyPassword(u.password_hash, 'Kaoping@2023')).toBe(false);
      expect(u.must_change_password).toBe(1);
      expect(u.password_reset_by).toMatch(/^服务器命令行（.+@.+）$/);
      const row = await db.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.password.reset').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ method: 'CLI', user_agent: 'kaoping CLI', entity_id: String(u.id) });
      expect(JSON.stringify(row)).not.toContain(otp);
    } finally {
      await db.close();
    }
  });

  it('says so when there is no such account, and how to call it when the arguments are wrong', async () => {
    const io = capture();
    expect(await run(['user', 'reset-password', 'nobody'], io)).toBe(2);
    expect(io.stderr).toContain('没有用户名为「nobody」的账户');
    const bad = capture();
    expect(await run(['user', 'reset-password'], bad)).toBe(2);
    expect(bad.stderr).toContain('kaoping user reset-password <用户名>');
  });

  it('changes an administrator\'s name and phone on the server (the web page refuses it), audited as the command line', async () => {
    const io = capture();
    expect(await run(['user', 'update', 'secadmin', '--name', '刘安全', '--phone', '0731-88880000'], io)).toBe(0);
    expect(io.stdout).toBe('已修改secadmin（安全管理员）：姓名刘安全，联系电话0731-88880000\n');
    const db = connect({ url: join(dir, 'kaoping.sqlite') });
    try {
      const u = await db.db.selectFrom('app_user').selectAll().where('username', '=', 'secadmin').executeTakeFirstOrThrow();
      expect([u.display_name, u.phone]).toEqual(['刘安全', '0731-88880000']);
      const row = await db.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.update').where('entity_id', '=', String(u.id)).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ method: 'CLI', path: 'kaoping user update', user_agent: 'kaoping CLI' });
      expect(JSON.parse(row.after_json!)).toMatchObject({ displayName: '刘安全', phone: '0731-88880000' });
    } finally {
      await db.close();
    }
    // a bad phone is refused in Chinese before anything is written; nothing to change is a usage error
    const bad = capture();
    expect(await run(['user', 'update', 'secadmin', '--phone', 'abc'], bad)).toBe(2);
    expect(bad.stderr).toContain('电话号码格式不正确');
    const none = capture();
    expect(await run(['user', 'update', 'secadmin'], none)).toBe(2);
    expect(none.stderr).toContain('请用 --name 或 --phone 指定要修改的内容');
    const unknown = capture();
    expect(await run(['user', 'update', 'nobody', '--name', '某'], unknown)).toBe(2);
    expect(unknown.stderr).toContain('没有用户名为「nobody」的账户');
  });
});

describe('kaoping user create', () => {
  it('makes an audit administrator on the server (the web page refuses it): active, a one-time password, audited as the command line', async () => {
    const io = capture();
    expect(await run(['user', 'create', 'audit.two', '--role', 'auditor', '--name', '审计员二', '--org', 'office'], io)).toBe(0);
    expect(io.stdout).toContain('已新建审计员二（audit.two，审计管理员，');
    const otp = io.stdout.trim().split('\n').at(-1)!;
    expect(otp).toMatch(/^[A-Za-z2-9#%+=@]{14}$/);
    const db = connect({ url: join(dir, 'kaoping.sqlite') });
    try {
      const u = await db.db.selectFrom('app_user').selectAll().where('username', '=', 'audit.two').executeTakeFirstOrThrow();
      expect(u).toMatchObject({ role: 'auditor', status: 'active', must_change_password: 1 });
      expect(await verifyPassword(u.password_hash, otp)).toBe(true);
      const row = await db.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').where('entity_id', '=', String(u.id)).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ method: 'CLI', user_agent: 'kaoping CLI', path: 'kaoping user create' });
      expect(JSON.stringify(row)).not.toContain(otp);
      // no review waits for it: the security administrator is not asked
      expect(await db.db.selectFrom('todo').select('id').where('kind', '=', 'user.review').where('source_id', '=', String(u.id)).execute()).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('says what is wrong and creates nothing', async () => {
    const cases: [string[], string][] = [
      [['user', 'create', 'audit.two', '--role', 'auditor', '--name', '某', '--org', 'office'], '用户名「audit.two」已是「审计员二」的账户（服务器命令行（'],
      [['user', 'create', 'x.y', '--role', 'auditor', '--name', '某', '--org', 'nowhere'], '没有代码为「nowhere」的单位'],
      [['user', 'create', 'x.y', '--role', 'boss', '--name', '某', '--org', 'office'], '角色应为系统管理员（sysadmin）、'],
      [['user', 'create', 'x.y', '--role', 'department', '--name', '某', '--org', 'office'], '成员单位工作人员须属于成员单位'],
    ];
    for (const [argv, message] of cases) {
      const io = capture();
      expect(await run(argv, io), argv.join(' ')).toBe(2);
      expect(io.stderr, argv.join(' ')).toContain(message);
    }
    const missing = capture();
    expect(await run(['user', 'create', 'x.y', '--role', 'auditor'], missing)).toBe(2);
    expect(missing.stderr).toContain('请用 --name 指定姓名');
  });
});
