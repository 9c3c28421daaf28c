/** User rows → the user summary the API sends. */
import type { UserSummary } from '../../../shared/contracts/users';
import type { UserQueryRow } from './users.queries';

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
