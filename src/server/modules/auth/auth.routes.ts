/**
 * Sign in, sign out, who am I, change my password. Each handler parses, calls commands (auth.commands.ts),
 * presents (auth.presenter.ts).
 */
import { changePasswordBody, currentUser, loginBody } from '../../../shared/contracts/auth';
import { okResponse } from '../../../shared/contracts/common';
import { route } from '../../core/route';
import { clearSessionCookie, setSessionCookie } from '../../core/session';
import { changeOwnPassword, checkLoginPassword, clearOldPasswordCheck, finishLogin, logout, reserveLogin, reserveOldPasswordCheck, wrongOldPassword } from './auth.commands';
import { presentMe } from './auth.presenter';
import { failureSource } from './lockout';
import { passwordHashOf } from './auth.queries';
import { checkNewPassword, hashBusy, hashPassword, hashQueueFull, verifyPassword } from './password';

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
      // the cleaned address (no control characters, bounded), as the audit row and the session store it; failures
      // count against its source (an IPv6 address's /64)
      const ip = failureSource(ctx.actor().ip || 'unknown');
      const now = new Date();
      // a full password queue refuses before the attempt is counted, so a busy server never moves anyone towards a lock-out
      if (hashQueueFull()) throw hashBusy();
      // Three steps, so that argon2 (~30 ms of CPU) runs outside any transaction and holds no connection or
      // lock: reserve the attempt, verify the password, record the outcome (auth.commands.ts).
      const reserved = await ctx.tx((c) => reserveLogin(c, config, username, ip, now), { auditedLater: true });
      if (reserved.kind === 'error') throw reserved.error;
      const ok = await checkLoginPassword(reserved.user, password);
      const outcome = await ctx.tx((c) => finishLogin(c, config, { username, ip, now, reserved, ok, req: ctx.req, actor: ctx.actor() }));
      if (outcome.kind === 'ok') setSessionCookie(ctx.reply, config, outcome.token);
      if (outcome.kind === 'error') throw outcome.error;
      return presentMe(ctx.deps, outcome.user);
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
    handler: async (ctx) => presentMe(ctx.deps, ctx.me()),
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
      const { config } = ctx.deps;
      const ip = failureSource(ctx.actor().ip || 'unknown');
      const now = new Date();
      if (hashQueueFull()) throw hashBusy();
      // counted before the old password is checked (argon2 outside any transaction), as a sign-in is
      const reserved = await ctx.tx((c) => reserveOldPasswordCheck(c, config, ip, now), { auditedLater: true });
      if ('error' in reserved) throw reserved.error;
      if (!(await verifyPassword(await passwordHashOf(ctx.db, me.id), oldPassword))) {
        throw await ctx.tx((c) => wrongOldPassword(c, config, ip, now, reserved.failures));
      }
      await ctx.tx((c) => clearOldPasswordCheck(c, ip), { auditedLater: true });
      await checkNewPassword(ctx.db, me, oldPassword, newPassword);
      const hash = await hashPassword(newPassword);
      await ctx.tx((c) => changeOwnPassword(c, hash));
      return { ok: true };
    },
  }),
];
