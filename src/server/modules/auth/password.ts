import crypto from 'node:crypto';
import os from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

// argon2id with OWASP's recommended minimums (19 MiB, 2 iterations).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * At most this many argon2 computations at once (one core left to answer every other request): a storm of
 * logins queues here instead of taking every core from the readers.
 */
const HASH_SLOTS = Math.max(1, os.availableParallelism() - 1);
let busy = 0;
const waiting: (() => void)[] = [];
async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (busy >= HASH_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else busy += 1;
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else busy -= 1;
  }
}

export const hashPassword = (pw: string) => limited(() => hash(pw, OPTIONS));

export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await limited(() => verify(stored, pw));
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal which usernames exist. */
let dummy: Promise<string> | null = null;
export const dummyHash = () => (dummy ??= hashPassword('dummy-password-Aa1!'));

/** How many of a user's most recent passwords may not be used again. */
export const PASSWORD_HISTORY = 5;

/**
 * Refuse a new password equal to the current one or to any of the last PASSWORD_HISTORY passwords
 * (compared by verifying against the stored hashes, which are salted).
 */
export async function isRecentPassword(db: Kysely<Database>, userId: number, pw: string): Promise<boolean> {
  const current = await db.selectFrom('app_user').select('password_hash').where('id', '=', userId).executeTakeFirst();
  const history = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(PASSWORD_HISTORY)
    .execute();
  const hashes = [...(current ? [current.password_hash] : []), ...history.map((h) => h.password_hash)];
  for (const h of new Set(hashes)) if (await verifyPassword(h, pw)) return true;
  return false;
}

/** Remember a password a user chose (not one-time passwords), keeping the newest PASSWORD_HISTORY. */
export async function rememberPassword(db: Kysely<Database>, userId: number, hash: string, now: string): Promise<void> {
  await db.insertInto('password_history').values({ user_id: userId, password_hash: hash, created_at: now }).execute();
  const keep = await db
    .selectFrom('password_history')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(PASSWORD_HISTORY)
    .execute();
  await db
    .deleteFrom('password_history')
    .where('user_id', '=', userId)
    .where('id', 'not in', keep.map((k) => k.id))
    .execute();
}

/**
 * A one-time password for a reset: 14 characters from an alphabet without look-alikes (0/O, 1/l/I), with
 * every character class, so it passes the policy; usable only to sign in and set a new password.
 */
export function oneTimePassword(): string {
  const sets = ['abcdefghjkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '#%+=@'];
  const all = sets.join('');
  const chars = sets.map((s) => s[crypto.randomInt(s.length)]);
  while (chars.length < 14) chars.push(all[crypto.randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
