import type { Kysely } from 'kysely';
import { changePasswordBody, currentUser, loginBody, type CurrentUser } from '../../../shared/contracts/auth';
import { okResponse } from '../../../shared/contracts/common';
import { permissionsOf } from '../../../shared/permissions';
import { ROLE_LABELS, type Role } from '../../../shared/roles';
import type { Database } from '../../db/schema';
import { AppError, badRequest, forbidden, locked, unauthorized } from '../../http/errors';
import { route, type Deps } from '../../http/route';
import { addTodo } from '../todos/todos.service';
import { clearSessionCookie, createSession, destroySession, setSessionCookie, type SessionUser } from './session';
import { dummyHash, hashPassword, verifyPassword } from './password';

const chinaTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

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
    permissions: permissionsOf(role),
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
    summary: '登录',
    tags: ['认证'],
    body: loginBody,
    response: currentUser,
    handler: async (ctx) => {
      const { username, password } = ctx.body;
      const { lockoutAttempts, lockoutMinutes } = ctx.deps.config;
      const user = await ctx.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
      const now = new Date();
      const outcome: LoginOutcome = await ctx.tx(async (trx, audit) => {
        const fail = async (error: AppError, after?: unknown) => {
          await audit({ action: 'auth.login', entityType: 'user', entityId: user?.id ?? username, after, outcome: 'failed' });
          return { kind: 'error', error } as const;
        };
        if (!user) {
          await verifyPassword(await dummyHash(), password);
          return fail(unauthorized('用户名或密码错误'), { username });
        }
        if (user.status !== 'active') return fail(forbidden('账户已停用，请联系系统管理员'));
        if (user.locked_until && Date.parse(user.locked_until) > now.getTime()) {
          return fail(locked(`账户已锁定，请于 ${chinaTime(user.locked_until)} 后重试，或联系安全管理员解锁`));
        }
        if (!(await verifyPassword(user.password_hash, password))) {
          const attempts = user.failed_attempts + 1;
          if (attempts >= lockoutAttempts) {
            const until = new Date(now.getTime() + lockoutMinutes * 60_000).toISOString();
            await trx
              .updateTable('app_user')
              .set({ failed_attempts: 0, locked_until: until })
              .where('id', '=', user.id)
              .execute();
            await addTodo(trx, {
              role: 'secadmin',
              kind: 'account.locked',
              title: `账户 ${user.username}（${user.display_name}）因密码连续错误已被锁定`,
              detail: `锁定至 ${chinaTime(until)}；如属本人遗忘密码，可在用户管理中解锁或重置密码。`,
              link: `/admin/users?q=${encodeURIComponent(user.username)}`,
              sourceType: 'user',
              sourceId: String(user.id),
            });
            return fail(locked(`密码连续错误 ${lockoutAttempts} 次，账户已锁定 ${lockoutMinutes} 分钟`), { lockedUntil: until });
          }
          await trx.updateTable('app_user').set({ failed_attempts: attempts }).where('id', '=', user.id).execute();
          return fail(unauthorized(`用户名或密码错误，再错 ${lockoutAttempts - attempts} 次账户将被锁定`), {
            failedAttempts: attempts,
          });
        }
        await trx
          .updateTable('app_user')
          .set({ failed_attempts: 0, locked_until: null, last_login_at: now.toISOString() })
          .where('id', '=', user.id)
          .execute();
        const { token, csrfToken } = await createSession(trx, user.id, ctx.req);
        setSessionCookie(ctx.reply, ctx.deps.config, token);
        ctx.actor.userId = user.id;
        ctx.actor.username = user.username;
        ctx.actor.role = user.role;
        await audit({ action: 'auth.login', entityType: 'user', entityId: user.id });
        return {
          kind: 'ok',
          user: {
            id: user.id,
            username: user.username,
            displayName: user.display_name,
            role: user.role,
            orgUnitId: user.org_unit_id,
            mustChangePassword: user.must_change_password === 1,
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
      const hash = await hashPassword(newPassword);
      await ctx.tx(async (trx, audit) => {
        const now = new Date().toISOString();
        await trx
          .updateTable('app_user')
          .set((eb) => ({
            password_hash: hash,
            must_change_password: 0,
            password_changed_at: now,
            updated_at: now,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', me.id)
          .execute();
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
