/** Every SQL statement of the users module. Kysely only. */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { AppUserUpdate, Database, NewAppUser } from '../../db/schema';
import { containsText } from '../../db/text-search';
import type { UserSummary } from '../../../shared/contracts/users';
import type { Role } from '../../../shared/roles';
import { notFound } from '../../core/errors';
import { presentUser } from './users.presenter';

export function userQuery(db: Kysely<Database>) {
  return db
    .selectFrom('app_user')
    .innerJoin('org_unit', 'org_unit.id', 'app_user.org_unit_id')
    .select([
      'app_user.id',
      'app_user.username',
      'app_user.display_name',
      'app_user.role',
      'app_user.org_unit_id',
      'org_unit.name as org_name',
      'app_user.status',
      'app_user.locked_until',
      'app_user.phone',
      'app_user.last_login_at',
      'app_user.version',
      // whether a one-time password waits, and since when (oneTimePasswordUntil in modules/auth)
      'app_user.must_change_password',
      'app_user.password_issued_for',
      'app_user.password_reset_at',
      // The latest lock of any source on this account (see modules/auth/lockout.ts).
      (eb) =>
        eb
          .selectFrom('login_failure')
          .select((f) => f.fn.max('login_failure.locked_until').as('x'))
          .whereRef('login_failure.username', '=', 'app_user.username')
          .as('source_locked_until'),
    ]);
}

export type UserQueryRow = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

export interface UserFilter {
  page: number;
  pageSize: number;
  q?: string;
  role?: Role;
  orgUnitId?: number;
  status?: 'active' | 'pending' | 'disabled' | 'locked' | 'throttled';
}

/**
 * One page of users, newest first, and the number of all that match; each with its failed sign-ins from all
 * sources since `failuresSince` (the lock-out window), which the 'throttled' filter compares with `throttleAt`.
 */
export async function listUsers(
  db: Kysely<Database>,
  f: UserFilter,
  lockout: { failuresSince: string; throttleAt: number; now: string },
): Promise<{ rows: (UserQueryRow & { recent_failures: number })[]; total: number }> {
  const recentFailures = (eb: ExpressionBuilder<Database & { app_user: Database['app_user'] }, 'app_user'>) =>
    eb
      .selectFrom('login_failure')
      .select((x) => x.fn.coalesce(x.fn.sum<number>('login_failure.failures'), x.lit(0)).as('n'))
      .whereRef('login_failure.username', '=', 'app_user.username')
      .where('login_failure.updated_at', '>=', lockout.failuresSince);
  let query = userQuery(db).select((eb) => recentFailures(eb).as('recent_failures'));
  if (f.status === 'locked') {
    query = query.where((eb) =>
      eb.or([
        eb('app_user.locked_until', '>', lockout.now),
        eb.exists(
          eb.selectFrom('login_failure').select('login_failure.ip').whereRef('login_failure.username', '=', 'app_user.username').where('login_failure.locked_until', '>', lockout.now),
        ),
      ]),
    );
  } else if (f.status === 'throttled') query = query.where((eb) => eb(recentFailures(eb), '>=', lockout.throttleAt));
  else if (f.status) query = query.where('app_user.status', '=', f.status);
  const q = f.q;
  if (q) query = query.where((eb) => eb.or([containsText('app_user.username', q), containsText('app_user.display_name', q)]));
  if (f.role) query = query.where('app_user.role', '=', f.role);
  if (f.orgUnitId) query = query.where('app_user.org_unit_id', '=', f.orgUnitId);
  const [rows, count] = await Promise.all([
    query.orderBy('app_user.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, recent_failures: Number(r.recent_failures ?? 0) })), total: Number(count.n) };
}

/** The user as the API shows it, or a 404. */
export async function loadUser(db: Kysely<Database>, id: number): Promise<UserSummary> {
  const r = await userQuery(db).where('app_user.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(`用户${id}不存在`);
  return presentUser(r);
}

/** the account with this user name, or undefined */
export async function findUserByName(db: Kysely<Database>, username: string): Promise<UserSummary | undefined> {
  const r = await userQuery(db).where('app_user.username', '=', username).executeTakeFirst();
  return r ? presentUser(r) : undefined;
}

export const usernameExists = async (db: Kysely<Database>, username: string) =>
  !!(await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst());

export const findOrgUnitByCode = (db: Kysely<Database>, code: string) =>
  db.selectFrom('org_unit').select(['id', 'name', 'kind']).where('code', '=', code).executeTakeFirst();

export const findOrgUnit = (db: Kysely<Database>, id: number) =>
  db.selectFrom('org_unit').select(['name', 'kind']).where('id', '=', id).executeTakeFirst();

export async function insertUser(db: Kysely<Database>, row: NewAppUser): Promise<number> {
  const { id } = await db.insertInto('app_user').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Update a user at the version the caller saw (and, when given, in the status it expects): false when it moved on. */
export async function updateUserAt(
  db: Kysely<Database>,
  id: number,
  version: number,
  set: AppUserUpdate,
  expectStatus?: 'pending',
): Promise<boolean> {
  let q = db.updateTable('app_user').set(set).where('id', '=', id).where('version', '=', version);
  if (expectStatus) q = q.where('status', '=', expectStatus);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Update a user whatever its version (the security administrator's unlock and reset). */
export const updateUser = (db: Kysely<Database>, id: number, set: AppUserUpdate) =>
  db.updateTable('app_user').set(set).where('id', '=', id).execute();

/** Who last issued the account a one-time password, and when; and when the account last changed. */
export const passwordIssueOf = (db: Kysely<Database>, id: number) =>
  db.selectFrom('app_user').select(['password_reset_by', 'password_reset_at', 'password_issued_for', 'updated_at']).where('id', '=', id).executeTakeFirst();

/** Sign the user out everywhere. */
export const endSessions = (db: Kysely<Database>, userId: number) => db.deleteFrom('session').where('user_id', '=', userId).execute();
