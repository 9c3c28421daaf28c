/** User administration: each handler parses, authorises (users.policy.ts), calls one command, presents. */
import { idParam, pageOf } from '../../../shared/contracts/common';
import {
  approveUserResult,
  createUserBody,
  resetPasswordBody,
  resetPasswordResult,
  reviewUserBody,
  setRoleBody,
  updateUserBody,
  userListItem,
  userListQuery,
  userSummary,
} from '../../../shared/contracts/users';
import { ROLE_LABELS } from '../../../shared/roles';
import { route } from '../../core/route';
import { hashPassword, lockoutAt, noPasswordHash, oneTimePassword } from '../auth';
import { approveUser, createUser, rejectUser, resetPassword, setRole, unlockUser, updateUserDetails, usernameHeld, usernameRace } from './users.commands';
import { checkCreate, checkOrgForRole, checkReset, checkReview, checkSetRole, checkUpdate } from './users.policy';
import { presentListItem } from './users.presenter';
import { findOrgUnit, listUsers, loadUser, usernameExists } from './users.queries';

/** The security administrator's decision on an account waiting for review (the version guards against a changed request). */
const review = (decision: 'approve' | 'reject') =>
  ({ method: 'POST' as const, url: `/api/users/:id/${decision}`, access: 'user.security' as const, tags: ['用户'], params: idParam, body: reviewUserBody });

export const userRoutes = [
  route({
    method: 'GET',
    url: '/api/users',
    access: 'user.read',
    summary: '用户列表（分页，新建的在前；可按姓名/用户名、角色、单位、状态筛选；每个账户带锁定期内各来源的登录失败次数）',
    tags: ['用户'],
    query: userListQuery,
    response: pageOf(userListItem),
    handler: async (ctx) => {
      const config = ctx.deps.config;
      const { rows, total } = await listUsers(ctx.db, ctx.query, lockoutAt(config, Date.now()));
      const at = ctx.clock().at;
      return { items: rows.map((r) => presentListItem(r, config, at)), total, page: ctx.query.page, pageSize: ctx.query.pageSize };
    },
  }),
  route({
    method: 'POST',
    url: '/api/users',
    access: 'user.manage',
    summary: '新建用户（系统管理员申请角色与单位，不设密码；安全管理员审核通过时生成一次性密码）',
    tags: ['用户'],
    body: createUserBody,
    response: userSummary,
    status: 201,
    handler: async (ctx) => {
      const b = ctx.body;
      checkCreate(b.role);
      checkOrgForRole(await findOrgUnit(ctx.db, b.orgUnitId), b.orgUnitId, b.role);
      if (await usernameExists(ctx.db, b.username)) throw await usernameHeld(ctx.db, b.username, ctx.me().id);
      const hash = await noPasswordHash();
      return usernameRace(ctx.db, b.username, ctx.me().id, () => ctx.tx((c) => createUser(c, b, hash)));
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/users/:id',
    access: 'user.manage',
    summary: '修改用户姓名、电话或启用/停用（角色与所属单位由安全管理员分配）',
    tags: ['用户'],
    params: idParam,
    body: updateUserBody,
    response: userSummary,
    handler: async (ctx) => {
      const before = await loadUser(ctx.db, ctx.params.id);
      const { version: _version, ...change } = ctx.body;
      checkUpdate(before, change, ctx.me().id);
      return ctx.tx((c) => updateUserDetails(c, before, ctx.body));
    },
  }),
  route({
    method: 'PUT',
    url: '/api/users/:id/role',
    access: 'user.security',
    summary: '分配角色与所属单位（安全管理员）',
    tags: ['用户'],
    params: idParam,
    body: setRoleBody,
    response: userSummary,
    handler: async (ctx) => {
      const before = await loadUser(ctx.db, ctx.params.id);
      const orgUnitId = ctx.body.orgUnitId ?? before.orgUnitId;
      checkSetRole(before, ctx.body.role, ctx.me().id);
      checkOrgForRole(await findOrgUnit(ctx.db, orgUnitId), orgUnitId, ctx.body.role);
      return ctx.tx((c) => setRole(c, before, ctx.body, orgUnitId));
    },
  }),
  route({
    ...review('approve'),
    summary: '审核通过账户（安全管理员；启用并生效角色与单位，生成一次性密码只返回这一次，用户登录后只能修改密码）',
    response: approveUserResult,
    handler: async (ctx) => {
      const before = await loadUser(ctx.db, ctx.params.id);
      checkReview(before, ctx.body.version);
      checkOrgForRole(await findOrgUnit(ctx.db, before.orgUnitId), before.orgUnitId, before.role);
      const oneTime = oneTimePassword();
      const hash = await hashPassword(oneTime);
      return ctx.tx((c) => approveUser(c, before, ctx.body.version, oneTime, hash, ctx.deps.config));
    },
  }),
  route({
    ...review('reject'),
    summary: '驳回账户（安全管理员；账户停用）',
    response: userSummary,
    handler: async (ctx) => {
      const before = await loadUser(ctx.db, ctx.params.id);
      checkReview(before, ctx.body.version);
      return ctx.tx((c) => rejectUser(c, before, ctx.body.version));
    },
  }),
  route({
    method: 'POST',
    url: '/api/users/:id/unlock',
    access: 'user.security',
    summary: '解锁账户（安全管理员）',
    tags: ['用户'],
    params: idParam,
    response: userSummary,
    handler: async (ctx) => {
      const before = await loadUser(ctx.db, ctx.params.id);
      return ctx.tx((c) => unlockUser(c, before));
    },
  }),
  route({
    method: 'POST',
    url: '/api/users/:id/reset-password',
    access: 'user.security',
    summary: '重置密码（安全管理员；生成一次性密码，用户登录后只能修改密码，并被告知由谁何时重置）',
    tags: ['用户'],
    params: idParam,
    body: resetPasswordBody,
    response: resetPasswordResult,
    handler: async (ctx) => {
      const before = await loadUser(ctx.db, ctx.params.id);
      checkReset(before, ctx.me().id);
      const oneTime = oneTimePassword();
      const hash = await hashPassword(oneTime);
      // at the version the page showed: a reset loaded after another committed is that other's double click
      const seen = ctx.body.version === undefined ? before : { ...before, version: ctx.body.version };
      return ctx.tx((c) => resetPassword(c, seen, oneTime, hash, `${ROLE_LABELS[c.user.role]} ${c.user.username}`, c.user.id, ctx.deps.config));
    },
  }),
];
