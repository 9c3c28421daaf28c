/**
 * The changes of the auth module: one function each, taking the change context {trx, audit, user} (the
 * login's, on a public route, read no user from it). Passwords are hashed by the caller before
 * the transaction opens.
 */
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import type { AuditActor } from '../../core/audit';
import type { Change } from '../../core/change';
import { AppError, badRequest, forbidden, locked, unauthorized } from '../../core/errors';
import { createSession, destroySession, passwordChangeReason, sessionOrg, sweepExpired, type SessionUser } from '../../core/session';
import type { AppUserRow } from '../../db/schema';
import { ADMIN_ROLES } from '../../../shared/roles';
import { addTodo, closeOwnTodos, hasOpenTodo } from '../todos';
import { clearSource, lockSource, reserveAttempt } from './lockout';
import { dummyHash, oneTimePasswordUntil, rememberPassword, verifyPassword } from './password';
import { chinaDateTime, chinaTime, LOGIN_FAILED } from './auth.presenter';
import { endOtherSessions, markSignedIn, setOwnPassword, userById, userByUsername } from './auth.queries';

export async function logout(c: Change): Promise<void> {
  await destroySession(c.trx, c.user.sessionId);
  await c.audit({ action: 'auth.logout', entityType: 'user', entityId: c.user.id });
}

/** The signed-in user's new password (checked and hashed by the caller); the user's other sessions end. */
export async function changeOwnPassword(c: Change, hash: string): Promise<void> {
  const me = c.user;
  // a password's age is counted on the machine's clock, as the sign-in that checks it (security time: docs/rules.md, Dates and times)
  const now = new Date().toISOString();
  await setOwnPassword(c.trx, me.id, hash, now);
  await rememberPassword(c.trx, me.id, hash, now);
  // Other sessions of this user end; this one stays.
  await endOtherSessions(c.trx, me.id, me.sessionId);
  await closeOwnTodos(c.trx, me.id, 'password.change', now);
  await c.audit({ action: 'auth.password.change', entityType: 'user', entityId: me.id, after: { passwordChangedAt: now } });
}

/**
 * 修改密码 asks for the old password, so a session someone else got hold of could guess it: each attempt is counted
 * against (username, source) like a sign-in (lockout.ts) before the old password is checked. A locked source is refused.
 */
export async function reserveOldPasswordCheck(c: Change, config: Config, ip: string, now: Date): Promise<{ failures: number } | { error: AppError }> {
  const r = await reserveAttempt(c.trx, c.user.username, ip, config, now);
  if (!r.lockedUntil && !r.busy) return { failures: r.failures };
  const error = r.lockedUntil
    ? locked(`登录失败次数过多，已暂停从当前网络地址登录该账户，请于${chinaTime(r.lockedUntil, now)}后重试，或联系安全管理员解锁`)
    : new AppError(429, 'too_many_attempts', '从当前网络地址同时发起的修改密码过多，请稍候几秒再试');
  await c.audit({ action: 'auth.password.change', entityType: 'user', entityId: c.user.id, after: { ip, failures: r.failures }, outcome: 'failed' });
  return { error };
}

/** The old password was right: this source starts over. */
export const clearOldPasswordCheck = (c: Change, ip: string) => clearSource(c.trx, c.user.username, ip);

/**
 * A wrong old password at 修改密码, audited; the LOCKOUT_ATTEMPTS-th locks the source out of the account and ends this
 * session (whoever holds it has to sign in again, which the lock now refuses from here).
 */
export async function wrongOldPassword(c: Change, config: Config, ip: string, now: Date, failures: number): Promise<AppError> {
  const me = c.user;
  if (failures < config.lockoutAttempts) {
    await c.audit({ action: 'auth.password.change', entityType: 'user', entityId: me.id, after: { ip, failures }, outcome: 'failed' });
    return badRequest('原密码不正确', [{ field: 'oldPassword', message: '原密码不正确' }]);
  }
  const until = await lockSource(c.trx, me.username, ip, config, now);
  const user = await userById(c.trx, me.id);
  if (user) await tellSecurityAdmin(c, user, { locked: { ip, until } });
  await destroySession(c.trx, me.sessionId);
  await c.audit({ action: 'auth.password.change', entityType: 'user', entityId: me.id, after: { ip, failures, lockedUntil: until }, outcome: 'failed' });
  return locked(`原密码连续错误${config.lockoutAttempts}次，已退出登录，并暂停从当前网络地址登录该账户${config.lockoutMinutes}分钟；如需立即登录，请联系安全管理员解锁`);
}

/**
 * A 待办 for the security administrators when a real account is under attack (one open at a time): a source locked
 * out of it, or so many failures from several sources that the account is throttled.
 */
export async function tellSecurityAdmin(
  c: Pick<Change, 'trx' | 'clock'>,
  user: AppUserRow,
  why: { locked: { ip: string; until: string } } | { throttled: { failures: number; minutes: number } },
): Promise<void> {
  if (await hasOpenTodo(c.trx, { kind: 'account.locked', sourceId: String(user.id) })) return;
  const who = `账户${user.username}（${user.display_name}）`;
  await addTodo(c.trx, {
    at: c.clock.at,
    role: 'secadmin',
    kind: 'account.locked',
    ...('locked' in why
      ? {
          title: `${who}因密码连续错误已被锁定`,
          detail: `来源地址${why.locked.ip}已被暂停登录该账户至${chinaTime(why.locked.until, new Date(c.clock.at))}（其他地址不受影响）；如属本人遗忘密码，可在用户管理中解锁或重置密码。`,
        }
      : {
          title: `${who}近${why.throttled.minutes}分钟内从多个地址登录失败${why.throttled.failures}次，已限制登录`,
          detail: `疑似有人从多个网络地址猜测该账户的密码：失败过的地址暂不能再试，未失败过的地址仍可登录。请核实：如属本人遗忘密码，可在用户管理中解锁（清除失败记录）或重置密码；如非本人，请关注审计日志中该账户的登录记录。`,
        }),
    link: `/admin/users?q=${encodeURIComponent(user.username)}`,
    sourceType: 'user',
    sourceId: String(user.id),
  });
}

// ------------------------------------------------------------------------------------------------ signing in
// Three steps, in the order the lock-out needs them (lockout.ts), so that argon2 runs outside any transaction:
// reserveLogin (committed, so concurrent attempts from one source each count, and at most LOCKOUT_ATTEMPTS
// passwords are ever checked before the lock), checkLoginPassword (no transaction), finishLogin.

export type LoginReservation =
  | { kind: 'error'; error: AppError }
  | { kind: 'check'; user: AppUserRow | undefined; failures: number };

export type LoginOutcome =
  | { kind: 'ok'; user: SessionUser; token: string }
  | { kind: 'error'; error: AppError };

/**
 * How a failed sign-in names its account in the audit log: the account's id, or, when no account has the typed
 * name, only that it was unknown. What was typed is not kept: people type their password into the user-name box,
 * and the audit administrator reads this log. The source address is kept, so guessing stays visible.
 */
export const UNKNOWN_USERNAME = '（不存在的用户名）';

const failedLogin = async (c: Change, user: { id: number } | undefined, ip: string, error: AppError, after?: object) => {
  await c.audit({ action: 'auth.login', entityType: 'user', entityId: user?.id ?? UNKNOWN_USERNAME, after: { ip, ...after }, outcome: 'failed' });
  return { kind: 'error', error } as const;
};

/** Step 1: sweep expired sessions, count this attempt for (username, source), refuse a locked or throttled source. */
export async function reserveLogin(c: Change, config: Config, username: string, ip: string, now: Date): Promise<LoginReservation> {
  await sweepExpired(c.trx, config, now.getTime());
  const user = await userByUsername(c.trx, username);
  const r = await reserveAttempt(c.trx, username, ip, config, now);
  if (r.lockedUntil) {
    return failedLogin(c, user, ip, locked(`登录失败次数过多，已暂停从当前网络地址登录该账户，请于${chinaTime(r.lockedUntil, now)}后重试，或联系安全管理员解锁`), {
      failures: r.failures,
      lockedUntil: r.lockedUntil,
    });
  }
  if (r.busy) {
    return failedLogin(c, user, ip, new AppError(429, 'too_many_attempts', '从当前网络地址同时发起的登录过多，请稍候几秒再试'), { failures: r.failures, concurrent: true });
  }
  if (r.throttled) {
    if (user) await tellSecurityAdmin(c, user, { throttled: { failures: r.accountFailures, minutes: config.lockoutMinutes } });
    return failedLogin(c, user, ip, new AppError(429, 'too_many_attempts', '该账户近期登录失败次数过多，请稍后再试，或联系安全管理员'), {
      failures: r.failures,
      throttled: true,
    });
  }
  return { kind: 'check', user, failures: r.failures };
}

/** Step 2, outside any transaction: the password against the stored hash (a dummy hash when there is no such user, so both take as long). */
export async function checkLoginPassword(user: AppUserRow | undefined, password: string): Promise<boolean> {
  return user ? verifyPassword(user.password_hash, password) : verifyPassword(await dummyHash(), password).then(() => false);
}

/** What the holder of an expired one-time password is told: when it expired, and who issues a new one. */
function expiredOneTimeMessage(user: AppUserRow, until: string, config: Config): string {
  const what = user.password_issued_for === 'approval' ? '审核通过账户时生成的一次性密码' : '一次性密码';
  // 三员分立: the three administrators' passwords are reset on the server only
  const who = ADMIN_ROLES.includes(user.role)
    ? `请联系服务器运维人员运行「npx kaoping user reset-password ${user.username}」重新重置密码`
    : '请联系安全管理员重新重置密码';
  return `${what}已于${chinaDateTime(until)}过期（有效期${config.oneTimePasswordHours}小时），不能再用于登录；${who}，用新的一次性密码登录后修改密码`;
}

/** Step 3: lock the source or clear it, refuse a disabled or pending account, open the session. */
export async function finishLogin(
  c: Change,
  config: Config,
  a: {
    username: string;
    ip: string;
    now: Date;
    reserved: Extract<LoginReservation, { kind: 'check' }>;
    ok: boolean;
    req: FastifyRequest;
    actor: AuditActor;
  },
): Promise<LoginOutcome> {
  const { username, ip, now, reserved, ok } = a;
  const checked = reserved.user;
  // the row as it is now; a password changed meanwhile makes the checked one stale (a failure)
  const user = checked ? await userById(c.trx, checked.id) : undefined;
  const fail = (error: AppError, after?: object) => failedLogin(c, user, ip, error, after);
  const failures = reserved.failures;
  if (!ok || !user || user.password_hash !== checked?.password_hash) {
    if (failures >= config.lockoutAttempts) {
      const until = await lockSource(c.trx, username, ip, config, now);
      if (user) await tellSecurityAdmin(c, user, { locked: { ip, until } });
      return fail(locked(`密码连续错误${config.lockoutAttempts}次，已暂停从当前网络地址登录该账户${config.lockoutMinutes}分钟；如需立即登录，请联系安全管理员解锁`), {
        failures,
        lockedUntil: until,
      });
    }
    return fail(unauthorized(LOGIN_FAILED), { failures });
  }
  await clearSource(c.trx, username, ip);
  // Only the person who knows the password learns that the account is disabled or waiting for review.
  if (user.status === 'disabled') return fail(forbidden('账户已停用，请联系系统管理员'));
  if (user.status === 'pending') return fail(forbidden('账户的角色与所属单位尚待安全管理员审核，审核通过后方可登录'));
  // 三员分立: a first password the system administrator typed (before approval issued one-time passwords), never
  // changed: it knows it, so it signs in no more (migration 2026-11-30T1441); the security administrator resets it
  if (user.password_issued_for === 'voided') {
    return fail(forbidden('该账户的初始密码由系统管理员设定，已作废（三员分立），不能再用于登录；请联系安全管理员重置密码，用其告知的一次性密码登录'));
  }
  // a one-time password signs in for ONE_TIME_PASSWORD_HOURS; past that it is refused as a disabled account is:
  // only to whoever typed it right, the source cleared above (a right password counts towards no lock-out)
  const until = oneTimePasswordUntil(user, config);
  // the request's clock (c.clock: config.now in tests) is what a one-time password's validity is read against
  if (until && c.clock.at >= until) return fail(forbidden(expiredOneTimeMessage(user, until, config)), { oneTimeExpiredAt: until });
  await markSignedIn(c.trx, user.id, now.toISOString());
  const { token, csrfToken } = await createSession(c.trx, user.id, a.req);
  // the audit row of this request names the user from here on
  a.actor.userId = user.id;
  a.actor.username = user.username;
  a.actor.role = user.role;
  await c.audit({ action: 'auth.login', entityType: 'user', entityId: user.id });
  const reason = passwordChangeReason(user, config, now.getTime());
  return {
    kind: 'ok',
    token,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      orgUnitId: user.org_unit_id,
      org: await sessionOrg(c.trx, user.org_unit_id),
      mustChangePassword: reason !== null,
      passwordChangeReason: reason,
      passwordResetBy: user.password_reset_by,
      passwordResetAt: user.password_reset_at,
      sessionId: '',
      csrfToken,
    },
  };
}
