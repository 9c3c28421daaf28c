import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { UserSummary } from '../../../shared/contracts/users';
import { ROLE_LABELS, ROLE_ORG_KINDS, ORG_KIND_LABELS, type Role } from '../../../shared/roles';
import { badRequest, notFound } from '../../core/errors';

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
      // The latest lock of any source on this account (see modules/auth/lockout.ts).
      (eb) =>
        eb
          .selectFrom('login_failure')
          .select((f) => f.fn.max('login_failure.locked_until').as('x'))
          .whereRef('login_failure.username', '=', 'app_user.username')
          .as('source_locked_until'),
    ]);
}

type UserQueryRow = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

export const presentUser = (r: UserQueryRow): UserSummary => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  orgUnitId: r.org_unit_id,
  orgUnitName: r.org_name,
  status: r.status,
  lockedUntil: [r.locked_until, r.source_locked_until].filter((t): t is string => !!t && Date.parse(t) > Date.now()).sort().pop() ?? null,
  phone: r.phone,
  lastLoginAt: r.last_login_at,
  version: r.version,
});

export async function loadUser(db: Kysely<Database>, id: number): Promise<UserSummary> {
  const r = await userQuery(db).where('app_user.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(`用户 ${id} 不存在`);
  return presentUser(r);
}

/** A user's unit must exist and be of a kind their role may belong to (e.g. a department user in a department). */
export async function checkOrgForRole(db: Kysely<Database>, orgUnitId: number, role: Role): Promise<void> {
  const org = await db.selectFrom('org_unit').select(['name', 'kind']).where('id', '=', orgUnitId).executeTakeFirst();
  if (!org) {
    throw badRequest(`所属单位 ${orgUnitId} 不存在`, [{ field: 'orgUnitId', message: `单位 ${orgUnitId} 不存在，请从组织机构中选择` }]);
  }
  const kinds = ROLE_ORG_KINDS[role];
  if (!kinds.includes(org.kind)) {
    const msg = `${ROLE_LABELS[role]}须属于${kinds.map((k) => ORG_KIND_LABELS[k]).join('或')}，「${org.name}」是${ORG_KIND_LABELS[org.kind]}`;
    throw badRequest(msg, [{ field: 'orgUnitId', message: msg }]);
  }
}
