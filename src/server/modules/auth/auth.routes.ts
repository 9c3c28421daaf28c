import type { Kysely } from 'kysely';
import { changePasswordBody, currentUser, loginBody, passwordProblems, type CurrentUser } from '../../../shared/contracts/auth';
import { okResponse } from '../../../shared/contracts/common';
import { permissionsOf } from '../../../shared/permissions';
import { ROLE_LABELS, type Role } from '../../../shared/roles';
import type { Database } from '../../db/schema';
import { AppError, badRequest, forbidden, locked, unauthorized } from '../../core/errors';
import { route, type Deps } from '../../core/route';
import { addTodo } from '../todos/todos.service';
import type { AppUserRow } from '../../db/schema';
import { clearSource, lockSource, reserveAttempt } from './lockout';
import { dummyHash, hashPassword, isRecentPassword, PASSWORD_HISTORY, rememberPassword, verifyPassword } from './password';
import {
  clearSessionCookie,
  createSession,
  destroySession,
  passwordChangeReason,
  setSessionCookie,
  sweepExpired,
  type SessionUser,
} from '../../core/session';

/** A 待办 for the security administrators when a source is locked out of a real account (one open at a time). */
async function tellSecurityAdmin(trx: Kysely<Database>, user: AppUserRow, ip: string, until: string): Promise<void> {
  const open = await trx
    .selectFrom('todo')
    .select('id')
    .where('kind', '=', 'account.locked')
    .where('source_id', '=', String(user.id))
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (open) return;
  await addTodo(trx, {
    role: 'secadmin',
    kind: 'account.locked',
    title: `账户 ${user.username}（${user.display_name}）因密码连续错误已被锁定`,
    detail: `来源地址 ${ip} 已被暂停登录该账户至 ${chinaTime(until)}（其他地址不受影响）；如属本人遗忘密码，可在用户管理中解锁或重置密码。`,
    link: `/admin/users?q=${encodeURIComponent(user.username)}`,
    sourceType: 'user',
    sourceId: String(user.id),
  });
}

const chinaTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "2026/11/28 14:30" in China time. */
export const chinaDateTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

/** The message for a wrong password and for an unknown username: the same, so neither reveals which exists. */
export const LOGIN_FAILED = '用户名或密码错误';

function passwordNotice(u: Pick<SessionUser, 'passwordChangeReason' | 'passwordResetBy' | 'passwordResetAt'>, maxAgeDays: number | null): string | null {
  if (u.passwordResetBy && u.passwordResetAt) {
    return `密码已由 ${u.passwordResetBy} 于 ${chinaDateTime(u.passwordResetAt)} 重置。如非您本人申请，请立即联系安全管理员。`;
  }
  if (u.passwordChangeReason === 'expired') return `密码已超过 ${maxAgeDays} 天未修改，请先修改密码。`;
  if (u.passwordChangeReason === 'initial') return '您正在使用初始密码，请先修改密码。';
  return null;
}

export async function presentMe(db: Kysely<Database>, deps: Deps, u: SessionUser): Promise<CurrentUser> {
  const org = await db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'kind'])
    .where('id', '=', u.orgUnitId)
    .executeTakeFirstOrThrow();
  const role = u.role as Role;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role,
    roleLabel: ROLE_LABELS[role],
    orgUnit: org,
    mustChangePassword: u.mustChangePassword,
    passwordChangeReason: u.passwordChangeReason ?? null,
    passwordNotice: passwordNotice(u, deps.config.passwordMaxAgeDays),
    // Until the password is changed the session may do nothing else, so it is given no permissions.
    permissions: u.mustChangePassword ? [] : permissionsOf(role),
    csrfToken: u.csrfToken,
    idleTimeoutMinutes: deps.config.sessionIdleMinutes,
  };
}

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
      const reserved = await ctx.tx(async (trx, audit) => {
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
      const outcome: LoginOutcome = await ctx.tx(async (trx, audit) => {
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
      const me = ctx.me();
      await ctx.tx(async (trx, audit) => {
        await destroySession(trx, me.sessionId);
        await audit({ action: 'auth.logout', entityType: 'user', entityId: me.id });
      });
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
      const row = await ctx.db.selectFrom('app_user').select('password_hash').where('id', '=', me.id).executeTakeFirstOrThrow();
      if (!(await verifyPassword(row.password_hash, oldPassword))) {
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
      await ctx.tx(async (trx, audit) => {
        const now = new Date().toISOString();
        await trx
          .updateTable('app_user')
          .set((eb) => ({
            password_hash: hash,
            must_change_password: 0,
            password_changed_at: now,
            password_reset_by: null,
            password_reset_at: null,
            updated_at: now,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', me.id)
          .execute();
        await rememberPassword(trx, me.id, hash, now);
        // Other sessions of this user end; this one stays.
        await trx.deleteFrom('session').where('user_id', '=', me.id).where('id', '!=', me.sessionId).execute();
        await trx
          .updateTable('todo')
          .set({ status: 'done', done_at: now, done_by: me.id })
          .where('user_id', '=', me.id)
          .where('kind', '=', 'password.change')
          .where('status', '=', 'open')
          .execute();
        await audit({ action: 'auth.password.change', entityType: 'user', entityId: me.id, after: { passwordChangedAt: now } });
      });
      return { ok: true };
    },
  }),
];
