/**
 * Sign in, sign out, who am I, change my password. Each handler parses, calls one command (auth.commands.ts),
 * presents (auth.presenter.ts). The login keeps its steps here, in the order the lock-out needs them
 * (lockout.ts): reserve the attempt, check the password, clear or lock the source, open the session.
 */
import { changePasswordBody, currentUser, loginBody, passwordProblems } from '../../../shared/contracts/auth';
import { okResponse } from '../../../shared/contracts/common';
import { AppError, badRequest, forbidden, locked, unauthorized } from '../../core/errors';
import { route } from '../../core/route';
import { createSession, clearSessionCookie, passwordChangeReason, setSessionCookie, sweepExpired, type SessionUser } from '../../core/session';
import { changeOwnPassword, logout, tellSecurityAdmin } from './auth.commands';
import { chinaTime, LOGIN_FAILED, presentMe } from './auth.presenter';
import { passwordHashOf } from './auth.queries';
import { clearSource, lockSource, reserveAttempt } from './lockout';
import { dummyHash, hashPassword, isRecentPassword, PASSWORD_HISTORY, verifyPassword } from './password';

type LoginOutcome =
  | { kind: 'ok'; user: SessionUser }
  | { kind: 'error'; error: AppError };

export const authRoutes = [
  route({
    method: 'POST',
    url: '/api/auth/login',
    access: 'public',
    summary: '登录（失败按“用户名 + 来源地址”计数锁定；每个来源地址限速）',
    tags: ['认证'],
    body: loginBody,
    response: currentUser,
    handler: async (ctx) => {
      const { username, password } = ctx.body;
      const { config } = ctx.deps;
      // the cleaned address (no control characters, bounded), as the audit row and the session store it
      const ip = ctx.actor.ip || 'unknown';
      const now = new Date();
      // Three steps, so that argon2 (~30 ms of CPU) runs outside any transaction and holds no connection or
      // lock: (1) reserve this attempt (committed, so concurrent attempts from one source each count, and at
      // most LOCKOUT_ATTEMPTS passwords are ever checked before the lock, see lockout.ts); (2) verify the
      // password; (3) record the outcome (lock, session, audit) in a second short transaction.
      const reserved = await ctx.tx(async ({ trx, audit }) => {
        await sweepExpired(trx, config, now.getTime());
        const user = await trx.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
        const r = await reserveAttempt(trx, username, ip, config, now);
        const refuse = async (error: AppError, after: object) => {
          await audit({ action: 'auth.login', entityType: 'user', entityId: user?.id ?? username, after: { ip, ...after }, outcome: 'failed' });
          return { kind: 'error', error } as const;
        };
        if (r.lockedUntil) {
          return refuse(locked(`登录失败次数过多，已暂停从当前网络地址登录该账户，请于 ${chinaTime(r.lockedUntil)} 后重试，或联系安全管理员解锁`), {
            failures: r.failures,
            lockedUntil: r.lockedUntil,
          });
        }
        if (r.throttled) {
          return refuse(new AppError(429, 'too_many_attempts', '该账户近期登录失败次数过多，请稍后再试，或联系安全管理员'), { failures: r.failures, throttled: true });
        }
        return { kind: 'check', user, failures: r.failures } as const;
      });
      if (reserved.kind === 'error') throw reserved.error;
      const checked = reserved.user;
      const ok = checked ? await verifyPassword(checked.password_hash, password) : await verifyPassword(await dummyHash(), password).then(() => false);
      const outcome: LoginOutcome = await ctx.tx(async ({ trx, audit }) => {
        // the row as it is now; a password changed meanwhile makes the checked one stale (a failure)
        const user = checked ? await trx.selectFrom('app_user').selectAll().where('id', '=', checked.id).executeTakeFirst() : undefined;
        const fail = async (error: AppError, after?: unknown) => {
          await audit({ action: 'auth.login', entityType: 'user', entityId: user?.id ?? username, after: { ip, ...(after as object) }, outcome: 'failed' });
          return { kind: 'error', error } as const;
        };
        const failures = reserved.failures;
        if (!ok || !user || user.password_hash !== checked?.password_hash) {
          if (failures >= config.lockoutAttempts) {
            const until = await lockSource(trx, username, ip, config, now);
            if (user) await tellSecurityAdmin(trx, user, ip, until);
            return fail(
              locked(`密码连续错误 ${config.lockoutAttempts} 次，已暂停从当前网络地址登录该账户 ${config.lockoutMinutes} 分钟；如需立即登录，请联系安全管理员解锁`),
              { failures, lockedUntil: until },
            );
          }
          return fail(unauthorized(LOGIN_FAILED), { failures });
        }
        await clearSource(trx, username, ip);
        // Only the person who knows the password learns that the account is disabled or waiting for review.
        if (user.status === 'disabled') return fail(forbidden('账户已停用，请联系系统管理员'));
        if (user.status === 'pending') return fail(forbidden('账户的角色与所属单位尚待安全管理员审核，审核通过后方可登录'));
        await trx
          .updateTable('app_user')
          .set({ failed_attempts: 0, locked_until: null, last_login_at: now.toISOString() })
          .where('id', '=', user.id)
          .execute();
        const { token, csrfToken } = await createSession(trx, user.id, ctx.req);
        setSessionCookie(ctx.reply, config, token);
        ctx.actor.userId = user.id;
        ctx.actor.username = user.username;
        ctx.actor.role = user.role;
        await audit({ action: 'auth.login', entityType: 'user', entityId: user.id });
        const reason = passwordChangeReason(user, config, now.getTime());
        return {
          kind: 'ok',
          user: {
            id: user.id,
            username: user.username,
            displayName: user.display_name,
            role: user.role,
            orgUnitId: user.org_unit_id,
            mustChangePassword: reason !== null,
            passwordChangeReason: reason,
            passwordResetBy: user.password_reset_by,
            passwordResetAt: user.password_reset_at,
            sessionId: '',
            csrfToken,
          },
        } as const;
      });
      if (outcome.kind === 'error') throw outcome.error;
      return presentMe(ctx.db, ctx.deps, outcome.user);
    },
  }),

  route({
    method: 'POST',
    url: '/api/auth/logout',
    access: 'authenticated',
    summary: '退出登录',
    tags: ['认证'],
    response: okResponse,
    handler: async (ctx) => {
      await ctx.tx((c) => logout(c));
      clearSessionCookie(ctx.reply);
      return { ok: true };
    },
  }),

  route({
    method: 'GET',
    url: '/api/auth/me',
    access: 'authenticated',
    summary: '当前用户、权限与 CSRF 令牌',
    tags: ['认证'],
    response: currentUser,
    handler: async (ctx) => presentMe(ctx.db, ctx.deps, ctx.me()),
  }),

  route({
    method: 'POST',
    url: '/api/auth/password',
    access: 'authenticated',
    summary: '修改本人密码',
    tags: ['认证'],
    body: changePasswordBody,
    response: okResponse,
    handler: async (ctx) => {
      const me = ctx.me();
      const { oldPassword, newPassword } = ctx.body;
      const stored = await passwordHashOf(ctx.db, me.id);
      if (!(await verifyPassword(stored, oldPassword))) {
        throw badRequest('原密码不正确', [{ field: 'oldPassword', message: '原密码不正确' }]);
      }
      if (oldPassword === newPassword) {
        throw badRequest('新密码不能与原密码相同', [{ field: 'newPassword', message: '新密码不能与原密码相同' }]);
      }
      const problem = passwordProblems(newPassword, me.username);
      if (problem) throw badRequest(problem, [{ field: 'newPassword', message: problem }]);
      if (await isRecentPassword(ctx.db, me.id, newPassword)) {
        const msg = `新密码不能与最近 ${PASSWORD_HISTORY} 次使用过的密码相同`;
        throw badRequest(msg, [{ field: 'newPassword', message: msg }]);
      }
      const hash = await hashPassword(newPassword);
      await ctx.tx((c) => changeOwnPassword(c, hash));
      return { ok: true };
    },
  }),
];
