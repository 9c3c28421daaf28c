// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// Why a password must be changed, as the user is told: `password_issued_for` says what the one-time password in force
// was issued for — 'reset' (a reset), 'approval' (the security administrator's approval of the account) — or 'voided':
// the password in force was typed by the system administrator when it asked for the account, before approval issued a
// one-time password (2026-11-30, 三员分立), and nobody has changed it since, so the system administrator still knows
// it and could sign in first and set one of its own. Such a password signs in no more (auth: finishLogin); the
// security administrator is given a to-do to reset it. Told apart by what the rows say: the flag to change it still
// set, no reset since (password_reset_at empty), and the account made on the web (its user.create audit row came from
// a browser, not the server's command line, whose one-time password nobody chose; nor the seed's accounts, which have no
// such row). Null: no one-time password in force (the user's own, or a first password from the command line or seed).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('password_issued_for', 'text').execute();
  // one-time passwords issued so far: an approval's to-do says so (审核通过时生成), any other was a reset
  await db
    .updateTable('app_user')
    .set({ password_issued_for: 'reset' })
    .where('must_change_password', '=', 1)
    .where('password_reset_at', 'is not', null)
    .execute();
  await sql`
    UPDATE app_user SET password_issued_for = 'approval'
    WHERE must_change_password = 1 AND password_reset_at IS NOT NULL
      AND EXISTS (SELECT 1 FROM todo WHERE todo.user_id = app_user.id AND todo.kind = 'password.change'
                  AND todo.status = 'open' AND todo.title LIKE ${'%审核通过时生成%'})`.execute(db);
  const typed = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name'])
    .where('must_change_password', '=', 1)
    .where('password_reset_at', 'is', null)
    // only an active account signs in with it: a pending one (and a disabled one, re-enabled through review) gets a
    // one-time password from its approval, which replaces whatever was typed
    .where('status', '=', 'active')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('audit_log')
          .select('audit_log.id')
          .where('audit_log.action', '=', 'user.create')
          .where('audit_log.entity_type', '=', 'user')
          .where('audit_log.entity_id', '=', sql<string>`CAST(app_user.id AS TEXT)`)
          .where((eb) => eb.or([eb('audit_log.method', 'is', null), eb('audit_log.method', '!=', 'CLI')])),
      ),
    )
    .orderBy('id')
    .execute();
  const now = new Date().toISOString();
  for (const u of typed) {
    await db.updateTable('app_user').set({ password_issued_for: 'voided', updated_at: now }).where('id', '=', u.id).execute();
    await db.deleteFrom('session').where('user_id', '=', u.id).execute();
    await db
      .insertInto('todo')
      .values({
        user_id: null,
        org_unit_id: null,
        role: 'secadmin',
        kind: 'user.password.voided',
        title: `账户 ${u.username}（${u.display_name}）的初始密码由系统管理员设定，已作废，请重置密码`,
        detail: '三员分立：该账户新建时的初始密码由系统管理员填写，本人至今未修改，已不能登录。请在用户管理中“重置密码”，把生成的一次性密码当面或电话告知本人。',
        link: `/admin/users?q=${encodeURIComponent(u.username)}`,
        due_at: null,
        source_type: 'user',
        source_id: String(u.id),
        status: 'open',
        created_at: now,
        done_at: null,
        done_by: null,
      })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('todo').where('kind', '=', 'user.password.voided').execute();
  await db.schema.alterTable('app_user').dropColumn('password_issued_for').execute();
}
