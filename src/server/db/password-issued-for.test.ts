/**
 * The migration 2026-11-30T1441-password-issued-for: what the one-time password in force was issued for (a reset, an
 * approval), and the accounts whose password in force is still the one the system administrator typed when it asked
 * for them (before approval issued one-time passwords): voided, their sessions ended, the security administrator told.
 * Accounts whose users set their own password since, and first passwords from the command line or the seed, are left.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../core/audit';
import { freshDb, testDialects } from '../test/helpers';
import type { Db } from './connection';
import * as migration from './migrations/2026-11-30T1441-password-issued-for';

describe.each(testDialects())('voiding passwords the system administrator typed, on %s', (dialect) => {
  let db: Db;
  const at = '2026-11-01T00:00:00.000Z';
  beforeAll(async () => {
    db = await freshDb(dialect);
  });
  afterAll(() => db.close());

  it('marks one-time passwords by what they were issued for, and voids an administrator-typed one nobody changed', async () => {
    await migration.down(db.db);
    const org = (await db.db.insertInto('org_unit').values({ code: 'o', name: '省质强办', short_name: null, kind: 'office', parent_id: null, sort_order: 0, version: 1, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    const user = async (username: string, mustChange: number, resetAt: string | null) =>
      (
        await db.db
          .insertInto('app_user')
          .values({ username, display_name: username, role: 'office', org_unit_id: org, phone: null, password_hash: 'h', status: 'active', failed_attempts: 0, locked_until: null, must_change_password: mustChange, last_login_at: null, password_changed_at: at, version: 1, created_at: at, updated_at: at, password_reset_by: resetAt ? '安全管理员 secadmin' : null, password_reset_at: resetAt } as never)
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const created = (id: number, method: string) =>
      writeAudit(db.db, { userId: null, username: method === 'CLI' ? 'root@host' : 'admin', role: method === 'CLI' ? null : 'sysadmin', ip: null, userAgent: null, method, path: '/api/users' }, { action: 'user.create', entityType: 'user', entityId: id });
    const todo = (userId: number, title: string) =>
      db.db.insertInto('todo').values({ user_id: userId, org_unit_id: null, role: null, kind: 'password.change', title, detail: null, link: null, due_at: null, source_type: null, source_id: null, status: 'open', created_at: at, done_at: null, done_by: null }).execute();

    const typed = await user('typed', 1, null); // asked for on the web with a typed password, never changed
    await created(typed, 'POST');
    await db.db.insertInto('session').values({ id: 's-typed', user_id: typed, csrf_token: 'c', created_at: at, last_seen_at: at, ip: null, user_agent: null }).execute();
    const changed = await user('changed', 0, null); // the same, but the user set its own since
    await created(changed, 'POST');
    const cli = await user('cli', 1, null); // the server's command line: a one-time password nobody chose
    await created(cli, 'CLI');
    await user('seeded', 1, null); // the seed's administrators: no user.create row
    const approved = await user('approved', 1, at);
    await created(approved, 'POST');
    await todo(approved, `初始密码已由 安全管理员 secadmin 于 2026/11/30 12:00 审核通过时生成，请修改密码`);
    // waiting for review (asked for before or after approvals issued passwords): the approval will issue one, nothing to void
    const pending = await user('pending', 1, null);
    await db.db.updateTable('app_user').set({ status: 'pending' }).where('id', '=', pending).execute();
    await created(pending, 'POST');
    const reset = await user('reset', 1, at);
    await todo(reset, `密码已由 安全管理员 secadmin 于 2026/11/30 12:00 重置，请修改密码`);

    await migration.up(db.db);
    const rows = await db.db.selectFrom('app_user').select(['username', 'password_issued_for', 'must_change_password']).where('org_unit_id', '=', org).orderBy('id').execute();
    expect(rows.map((r) => [r.username, r.password_issued_for])).toEqual([
      ['typed', 'voided'],
      ['changed', null],
      ['cli', null],
      ['seeded', null],
      ['approved', 'approval'],
      ['pending', null],
      ['reset', 'reset'],
    ]);
    expect(await db.db.selectFrom('session').select('id').where('user_id', '=', typed).execute()).toEqual([]);
    const told = await db.db.selectFrom('todo').selectAll().where('kind', '=', 'user.password.voided').execute();
    expect(told).toEqual([expect.objectContaining({ role: 'secadmin', source_type: 'user', source_id: String(typed), status: 'open', title: '账户 typed（typed）的初始密码由系统管理员设定，已作废，请重置密码' })]);
  });
});
