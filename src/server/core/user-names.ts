import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Users' display names by id (who did what: a lost race's 409, a list's 提交人): the one lookup every module uses.
 * In core, not in the users module, whose commands depend on the to-dos and so on half the modules that ask.
 * Null ids (nobody, or a server command) are left out; the map misses unknown ids.
 */
export async function userNames(db: Kysely<Database>, ids: readonly (number | null | undefined)[]): Promise<Map<number, string>> {
  const list = [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** One user's display name, or 他人 when nobody is recorded (or the account is gone): who the loser of a race hears won. */
export async function nameOrOther(db: Kysely<Database>, id: number | null | undefined): Promise<string> {
  if (typeof id !== 'number') return '他人';
  return (await userNames(db, [id])).get(id) ?? '他人';
}
