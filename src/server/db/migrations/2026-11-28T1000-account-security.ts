// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// Issue 8 §4 (三员分立 and account security): failed logins per (username, source IP), the last passwords
// of each user, and who reset a user's password when.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());

  // Failed logins are counted per (typed username, source IP): failures from one IP lock that IP out of that
  // username only. Unknown usernames are counted the same way, so the answers do not reveal which exist.
  await db.schema
    .createTable('login_failure')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_failure_pk', ['username', 'ip'])
    .execute();
  await db.schema.createIndex('login_failure_updated_idx').on('login_failure').column('updated_at').execute();

  await db.schema
    .createTable('password_history')
    .addColumn('id', 'integer', id)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_history_user_idx').on('password_history').column('user_id').execute();

  // "密码已由 安全管理员 secadmin 于 … 重置": shown to the user until they set their own password.
  await db.schema.alterTable('app_user').addColumn('password_reset_by', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('password_reset_at', 'text').execute();

  await db.schema.createIndex('session_created_idx').on('session').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('session_created_idx').execute();
  await db.schema.alterTable('app_user').dropColumn('password_reset_at').execute();
  await db.schema.alterTable('app_user').dropColumn('password_reset_by').execute();
  await db.schema.dropTable('password_history').execute();
  await db.schema.dropTable('login_failure').execute();
}
