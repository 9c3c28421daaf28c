/** The signed-in user as the API shows it, and the Chinese date texts of the auth messages. */
import type { CurrentUser } from '../../../shared/contracts/auth';
import { chinaMoment, formatChinaMoment } from '../../../shared/deadline';
import { permissionsOf } from '../../../shared/permissions';
import { ROLE_LABELS } from '../../../shared/roles';
import type { Deps } from '../../core/route';
import type { SessionUser } from '../../core/session';

/**
 * "11月28日 14:30" in China time (the year when not the current one), as the to-dos and notices write a moment: the
 * current year is the request's clock's (`now`), not the server's wall clock.
 */
export const chinaTime = (iso: string, now: Date) => formatChinaMoment(iso, now);

/** "2026-11-28 14:30" in China time, as the screens write a moment (the same as formatDateTime in the browser). */
export const chinaDateTime = (iso: string) => chinaMoment(new Date(iso));

/** The message for a wrong password and for an unknown username: the same, so neither reveals which exists. */
export const LOGIN_FAILED = '用户名或密码错误';

/**
 * What a user reads at sign-in after a one-time password was issued to them: `by` (「安全管理员 secadmin」) at `at`.
 * The approval of a new (or re-enabled) account issues its one-time password as a reset does, but is no reset. The
 * approval and reset dialogs show this same text to the administrator (signInNotice in the result).
 */
export function oneTimeNotice(reason: 'approval' | 'reset', by: string, at: string): string {
  return reason === 'approval'
    ? `初始密码已由${by}于${chinaDateTime(at)}审核通过您的账户时生成（一次性密码），请设置您自己的密码。如您并未申请该账户，请立即联系安全管理员。`
    : `密码已由${by}于${chinaDateTime(at)}重置。如非您本人申请，请立即联系安全管理员。`;
}

function passwordNotice(u: Pick<SessionUser, 'passwordChangeReason' | 'passwordResetBy' | 'passwordResetAt'>, maxAgeDays: number | null): string | null {
  if (u.passwordResetBy && u.passwordResetAt) return oneTimeNotice(u.passwordChangeReason === 'approval' ? 'approval' : 'reset', u.passwordResetBy, u.passwordResetAt);
  if (u.passwordChangeReason === 'expired') return `密码已超过${maxAgeDays}天未修改，请先修改密码。`;
  if (u.passwordChangeReason === 'initial') return '您正在使用初始密码，请先修改密码。';
  return null;
}

/** The signed-in user; the unit comes with the session (no read of its own). */
export function presentMe(deps: Deps, u: SessionUser): CurrentUser {
  const role = u.role;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role,
    roleLabel: ROLE_LABELS[role],
    orgUnit: { id: u.orgUnitId, code: u.org.code, name: u.org.name, kind: u.org.kind },
    mustChangePassword: u.mustChangePassword,
    passwordChangeReason: u.passwordChangeReason ?? null,
    passwordNotice: passwordNotice(u, deps.config.passwordMaxAgeDays),
    // Until the password is changed the session may do nothing else, so it is given no permissions.
    permissions: u.mustChangePassword ? [] : permissionsOf(role),
    csrfToken: u.csrfToken,
    idleTimeoutMinutes: deps.config.sessionIdleMinutes,
  };
}
