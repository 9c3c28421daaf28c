import type { Kysely } from 'kysely';
import { chinaMoment } from '../../shared/deadline';
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

/**
 * How the loser of a race is told who won it: the person and, in brackets, their unit's short name (唐碧辉（省质强办）);
 * the unit alone when no person is recorded, 他人 when nothing is. Every lost race's 409 names people this way
 * (byWhomWhen in core/audit.ts adds the time).
 */
export const personLabel = (by: string | null | undefined, unit: string | null | undefined): string =>
  by && unit && by !== unit ? `${by}（${unit}）` : (by || unit || '他人');

/**
 * One user, as personLabel names them (唐碧辉（省质强办）), or `orElse` (他人 unless told, a unit's name say) when nobody
 * is recorded or the account is gone.
 */
export async function personOf(db: Kysely<Database>, id: number | null | undefined, orElse = '他人'): Promise<string> {
  const row = await namedPerson(db, id);
  return row ? personLabel(row.by, row.orgShort ?? row.org) : orElse;
}

/** one user's display name and unit (its name and short name), as personLabel reads them; undefined for nobody or an account gone */
async function namedPerson(db: Kysely<Database>, id: number | null | undefined): Promise<Omit<Requester, 'userId' | 'at'> | undefined> {
  if (typeof id !== 'number') return undefined;
  return db
    .selectFrom('app_user as u')
    .leftJoin('org_unit as o', 'o.id', 'u.org_unit_id')
    .select(['u.display_name as by', 'o.name as org', 'o.short_name as orgShort'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

/** Someone, as personLabel names them, and when they did it: 唐碧辉（省质强办）于 2026-12-01 10:00 (China time). */
export const personWhen = (person: string, at: string | Date): string => `${person}于${chinaMoment(new Date(at))}`;

/** the caller's own change, in a race it lost to itself (two windows, one account): 您在其他窗口于 2026-12-01 10:00 */
export const YOU_ELSEWHERE = '您在其他窗口';

/**
 * Who changed a row and when, from the row's own columns (its updated_by / updated_at, say), in the words of
 * byWhomWhen: 唐碧辉（省质强办）于 2026-12-01 10:00; 他人 (or `orElse`) when nobody is recorded; 您在其他窗口于 … when it
 * was `me`; the person alone when the row holds no time. `me` is the caller (undefined only for a change no signed-in
 * user makes, the command line's): it is a required argument, so no lost race can forget to tell the caller it lost to
 * their own other window.
 */
export async function personAt(db: Kysely<Database>, id: number | null | undefined, at: string | Date | null, me: number | undefined, orElse?: string): Promise<string> {
  const who = me !== undefined && id === me ? YOU_ELSEWHERE : await personOf(db, id, orElse);
  return at === null ? who : personWhen(who, at);
}

/**
 * who did something and when, as requestedBy reads them: the account (null: none recorded), the person's display name
 * and unit when read with it (a recorded change's, RecordedChange in core/audit.ts; absent or null: 他人), the time
 */
export interface Requester {
  userId: number | null | undefined;
  by?: string | null;
  org?: string | null;
  orgShort?: string | null;
  at: string | Date;
}

/**
 * Who did already what the caller asks for again, and when — a request that still waits, a 催办 within its hold or one
 * already sent for the period: 您于 2026-12-01 10:00 when it was the caller (from another window a moment ago, or from
 * this one: a double click, a page not refreshed, days ago — 您在其他窗口 would be wrong for those), else as personAt
 * and byWhomWhen name people (唐碧辉（省质强办）于 …). Every 催办's 409 names the sender with it. From a person read
 * already (a recorded change: several departments held by their 催办 at once are named from the rows that hold them);
 * requesterAt reads the person by id.
 */
export const requestedBy = (r: Requester, me: number): string => personWhen(r.userId === me ? '您' : personLabel(r.by, r.orgShort ?? r.org), r.at);

/** requestedBy for a person known by id only (a row's created_by / created_at, say): the person is read unless it is the caller */
export const requesterAt = async (db: Kysely<Database>, id: number | null | undefined, at: string, me: number): Promise<string> =>
  requestedBy({ userId: id, at, ...(id === me ? {} : await namedPerson(db, id)) }, me);
