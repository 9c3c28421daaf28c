/** The SQL of the auth module (sessions, users' sign-in fields, the password history, the lock-out counters). Kysely only. */
import { sql, type Kysely } from 'kysely';
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

/** The current password's hash and the newest `keep` of the history, newest first. */
export async function recentPasswordHashes(db: Kysely<Database>, userId: number, keep: number): Promise<string[]> {
  const current = await db.selectFrom('app_user').select('password_hash').where('id', '=', userId).executeTakeFirst();
  const history = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(keep)
    .execute();
  return [...(current ? [current.password_hash] : []), ...history.map((h) => h.password_hash)];
}

/** Add a password to a user's history and keep the newest `keep`. */
export async function addToPasswordHistory(db: Kysely<Database>, userId: number, hash: string, now: string, keep: number): Promise<void> {
  await db.insertInto('password_history').values({ user_id: userId, password_hash: hash, created_at: now }).execute();
  const kept = await db
    .selectFrom('password_history')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(keep)
    .execute();
  await db
    .deleteFrom('password_history')
    .where('user_id', '=', userId)
    .where('id', 'not in', kept.map((k) => k.id))
    .execute();
}

/**
 * The lock-out counters (lockout.ts): count one more failure of (username, source) in one atomic upsert, or start
 * afresh when the lock has run out or the failures are older than the window.
 */
export async function reserveFailure(db: Kysely<Database>, username: string, ip: string, nowIso: string, windowStart: string) {
  const stale = sql<boolean>`(login_failure.locked_until IS NOT NULL AND login_failure.locked_until <= ${nowIso})
    OR (login_failure.locked_until IS NULL AND login_failure.updated_at < ${windowStart})`;
  return db
    .insertInto('login_failure')
    .values({ username, ip, failures: 1, locked_until: null, updated_at: nowIso })
    .onConflict((oc) =>
      oc.columns(['username', 'ip']).doUpdateSet({
        failures: sql<number>`CASE WHEN ${stale} THEN 1 ELSE login_failure.failures + 1 END`,
        locked_until: sql<string | null>`CASE WHEN ${stale} THEN NULL ELSE login_failure.locked_until END`,
        updated_at: nowIso,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
}

/** Failures of all sources on a username since the window's start. */
export async function accountFailuresSince(db: Kysely<Database>, username: string, windowStart: string): Promise<number> {
  const total = await db
    .selectFrom('login_failure')
    .select((eb) => eb.fn.sum<number>('failures').as('n'))
    .where('username', '=', username)
    .where('updated_at', '>=', windowStart)
    .executeTakeFirst();
  return Number(total?.n ?? 0);
}

export const setSourceLock = (db: Kysely<Database>, username: string, ip: string, until: string) =>
  db.updateTable('login_failure').set({ locked_until: until }).where('username', '=', username).where('ip', '=', ip).execute();

export const deleteSourceFailures = (db: Kysely<Database>, username: string, ip: string) =>
  db.deleteFrom('login_failure').where('username', '=', username).where('ip', '=', ip).execute();

export const deleteAccountFailures = (db: Kysely<Database>, username: string) => db.deleteFrom('login_failure').where('username', '=', username).execute();
