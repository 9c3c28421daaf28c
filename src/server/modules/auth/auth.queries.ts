/** The SQL of the auth module outside the lock-out counters (lockout.ts) and the password history (password.ts). Kysely only. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export const passwordHashOf = async (db: Kysely<Database>, userId: number) =>
  (await db.selectFrom('app_user').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash;

/** Set one's own password: the reset marks and the must-change flag go. */
export async function setOwnPassword(db: Kysely<Database>, userId: number, hash: string, now: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set((eb) => ({
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: now,
      password_reset_by: null,
      password_reset_at: null,
      password_issued_for: null,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', userId)
    .execute();
}

/** End the user's other sessions; the one given stays. */
export const endOtherSessions = (db: Kysely<Database>, userId: number, keepSessionId: string) =>
  db.deleteFrom('session').where('user_id', '=', userId).where('id', '!=', keepSessionId).execute();

export const userByUsername = (db: Kysely<Database>, username: string) => db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();

export const userById = (db: Kysely<Database>, id: number) => db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();

/** A successful sign-in: the old failure counters go. */
export const markSignedIn = (db: Kysely<Database>, userId: number, at: string) =>
  db.updateTable('app_user').set({ failed_attempts: 0, locked_until: null, last_login_at: at }).where('id', '=', userId).execute();
