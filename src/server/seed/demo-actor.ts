/**
 * Who and when a demo step acts, for the demo seeds that take their steps through the modules' own commands (a
 * command takes the change context {trx, audit, user, clock}): a demo account as its session user, and the clock of the
 * day the demo says the step was taken.
 */
import type { Transaction } from 'kysely';
import { sessionOrg, type SessionUser } from '../core/session';
import type { Clock } from '../core/clock';
import type { Database } from '../db/schema';

/** a demo account as the session user a command acts for, or undefined where the account is not seeded */
export async function asUser(trx: Transaction<Database>, username: string): Promise<SessionUser | undefined> {
  const u = await trx.selectFrom('app_user').select(['id', 'username', 'display_name', 'role', 'org_unit_id']).where('username', '=', username).executeTakeFirst();
  if (!u) return undefined;
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, orgUnitId: u.org_unit_id, org: await sessionOrg(trx, u.org_unit_id), mustChangePassword: false, sessionId: '', csrfToken: '' };
}

/** a demo step's clock: 10:00 in China on that day */
export const onDay = (day: string): Clock => ({ today: day, at: `${day}T02:00:00.000Z` });
