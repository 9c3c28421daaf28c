/** User rows → the user summary the API sends. */
import type { UserSummary } from '../../../shared/contracts/users';
import type { Config } from '../../config';
import { accountThrottled, oneTimePasswordUntil } from '../auth';
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

/** A user of the list, with its failed sign-ins within the lock-out window and its one-time password's deadline as of `at`. */
export function presentListItem(r: UserQueryRow & { recent_failures: number }, config: Pick<Config, 'loginAccountFailures' | 'oneTimePasswordHours'>, at: string) {
  const until = oneTimePasswordUntil(r, config);
  return {
    ...presentUser(r),
    recentFailures: r.recent_failures,
    throttled: accountThrottled(r.recent_failures, config),
    oneTimePasswordUntil: until,
    // as the sign-in judges it (finishLogin): expired from that instant on
    oneTimePasswordExpired: until !== null && at >= until,
  };
}
