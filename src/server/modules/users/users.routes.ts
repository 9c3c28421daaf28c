import { idParam, pageOf } from '../../../shared/contracts/common';
import {
  createUserBody,
  resetPasswordBody,
  resetPasswordResult,
  reviewUserBody,
  setRoleBody,
  updateUserBody,
  userListQuery,
  userSummary,
} from '../../../shared/contracts/users';
import { ROLE_LABELS } from '../../../shared/roles';
import { isUniqueViolation } from '../../db/errors';
import { AppError, badRequest, conflict, forbidden } from '../../core/errors';
import { route } from '../../core/route';
import { chinaDateTime, clearAccount, hashPassword, oneTimePassword, rememberPassword } from '../auth';
import { addTodo, closeTodos } from '../todos';
import { checkOrgForRole, loadUser, presentUser, userQuery } from './users.service';

const usernameTaken = (u: string) =>
  conflict(`用户名「${u}」已被使用，请换一个`, undefined, [{ field: 'username', message: `用户名「${u}」已被使用` }]);

/** 三员分立: a 403 that names the field the caller may not set. */
const refused = (message: string, field: string) => new AppError(403, 'forbidden', message, [{ field, message }]);

const staleVersion = (current: unknown) => conflict('该用户已被他人修改，请查看最新内容后重试', current);

export const userRoutes = [
  route({
    method: 'GET',
    url: '/api/users',
    access: 'user.read',
    summary: '用户列表（分页，新建的在前；可按姓名/用户名、角色、单位筛选）',
    tags: ['用户'],
    query: userListQuery,
    response: pageOf(userSummary),
    handler: async (ctx) => {
      const { page, pageSize, q, role, orgUnitId } = ctx.query;
      let query = userQuery(ctx.db);
      if (q) query = query.where((eb) => eb.or([eb('app_user.username', 'like', `%${q}%`), eb('app_user.display_name', 'like', `%${q}%`)]));
      if (role) query = query.where('app_user.role', '=', role);
      if (orgUnitId) query = query.where('app_user.org_unit_id', '=', orgUnitId);
      const [rows, count] = await Promise.all([
        query.orderBy('app_user.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(presentUser), total: Number(count.n), page, pageSize };
    },
  }),
  route({
    method: 'POST',
    url: '/api/users',
    access: 'user.manage',
    summary: '新建用户（系统管理员申请角色与单位，安全管理员审核后启用；初始密码首次登录须修改）',
    tags: ['用户'],
    body: createUserBody,
    response: userSummary,
    status: 201,
    handler: async (ctx) => {
      const b = ctx.body;
      if (b.role === 'secadmin') {
        throw refused('安全管理员账户不能通过用户管理创建（只在部署时设立），请选择其他角色', 'role');
      }
      await checkOrgForRole(ctx.db, b.orgUnitId, b.role);
      const exists = await ctx.db.selectFrom('app_user').select('id').where('username', '=', b.username).executeTakeFirst();
      if (exists) throw usernameTaken(b.username);
      const hash = await hashPassword(b.password);
      const now = new Date().toISOString();
      try {
        return await ctx.tx(async (trx, audit) => {
          const { id } = await trx
            .insertInto('app_user')
            .values({
              username: b.username,
              display_name: b.displayName,
              role: b.role,
              org_unit_id: b.orgUnitId,
              phone: b.phone ?? null,
              password_hash: hash,
              // 三员分立: the role and unit asked for here take effect only when the security administrator approves.
              status: 'pending',
              failed_attempts: 0,
              must_change_password: 1,
              password_changed_at: now,
              version: 1,
              created_at: now,
              updated_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await addTodo(trx, { userId: id, kind: 'password.change', title: '请修改初始密码', link: '/account/password' });
          await rememberPassword(trx, id, hash, now);
          const after = await loadUser(trx, id);
          await addTodo(trx, {
            role: 'secadmin',
            kind: 'user.review',
            title: `新账户 ${after.username}（${after.displayName}）待审核：${ROLE_LABELS[b.role]}，${after.orgUnitName}`,
            detail: '系统管理员新建的账户，确认角色与所属单位后方可登录。',
            link: `/admin/users?q=${encodeURIComponent(after.username)}`,
            sourceType: 'user',
            sourceId: String(id),
          });
          await audit({ action: 'user.create', entityType: 'user', entityId: id, after });
          return after;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw usernameTaken(b.username);
        throw err;
      }
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
      const { version, ...c } = ctx.body;
      if (c.orgUnitId !== undefined && c.orgUnitId !== before.orgUnitId) {
        const msg = '调整所属单位须由安全管理员办理（用户管理 → 分配角色与单位），系统管理员不能修改';
        throw refused(msg, 'orgUnitId');
      }
      if (c.status !== undefined && c.status !== before.status && before.status === 'pending') {
        const msg = '该账户正等待安全管理员审核角色与所属单位，审核通过后才会启用';
        throw badRequest(msg, [{ field: 'status', message: msg }]);
      }
      // 三员分立: the system admin cannot switch off the accounts that watch it (security and audit admins).
      if (c.status !== undefined && c.status !== before.status && (before.role === 'secadmin' || before.role === 'auditor')) {
        throw refused('三员分立：安全管理员、审计管理员的账户不能由系统管理员停用或启用', 'status');
      }
      if (c.status === 'disabled' && before.id === ctx.me().id) {
        throw badRequest('不能停用自己的账户', [{ field: 'status', message: '不能停用自己的账户' }]);
      }
      return ctx.tx(async (trx, audit) => {
        const r = await trx
          .updateTable('app_user')
          .set({
            ...(c.displayName !== undefined ? { display_name: c.displayName } : {}),
            ...(c.phone !== undefined ? { phone: c.phone } : {}),
            ...(c.status !== undefined ? { status: c.status } : {}),
            version: version + 1,
            updated_at: new Date().toISOString(),
          })
          .where('id', '=', before.id)
          .where('version', '=', version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw staleVersion(await loadUser(trx, before.id));
        if (c.status === 'disabled') await trx.deleteFrom('session').where('user_id', '=', before.id).execute();
        const after = await loadUser(trx, before.id);
        await audit({ action: 'user.update', entityType: 'user', entityId: before.id, before, after });
        return after;
      });
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
      const role = ctx.body.role;
      const orgUnitId = ctx.body.orgUnitId ?? before.orgUnitId;
      if (before.id === ctx.me().id) throw badRequest('不能修改自己的角色', [{ field: 'role', message: '不能修改自己的角色' }]);
      if (role === 'secadmin') {
        throw refused('安全管理员角色不能通过接口分配（只在部署时设立）', 'role');
      }
      if (before.role === 'secadmin') throw forbidden('不能修改其他安全管理员的角色或单位');
      await checkOrgForRole(ctx.db, orgUnitId, role);
      return ctx.tx(async (trx, audit) => {
        const r = await trx
          .updateTable('app_user')
          .set({ role, org_unit_id: orgUnitId, version: ctx.body.version + 1, updated_at: new Date().toISOString() })
          .where('id', '=', before.id)
          .where('version', '=', ctx.body.version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw staleVersion(await loadUser(trx, before.id));
        await trx.deleteFrom('session').where('user_id', '=', before.id).execute();
        const after = await loadUser(trx, before.id);
        await audit({
          action: 'user.role',
          entityType: 'user',
          entityId: before.id,
          before: { role: before.role, orgUnitId: before.orgUnitId, orgUnitName: before.orgUnitName },
          after: { role, orgUnitId, orgUnitName: after.orgUnitName },
        });
        return after;
      });
    },
  }),
  ...(['approve', 'reject'] as const).map((decision) =>
    route({
      method: 'POST',
      url: `/api/users/:id/${decision}`,
      access: 'user.security',
      summary: decision === 'approve' ? '审核通过新账户（安全管理员；启用并生效角色与单位）' : '驳回新账户（安全管理员；账户停用）',
      tags: ['用户'],
      params: idParam,
      body: reviewUserBody,
      response: userSummary,
      handler: async (ctx) => {
        const before = await loadUser(ctx.db, ctx.params.id);
        if (before.status !== 'pending') {
          throw conflict(`账户 ${before.username} 不在待审核状态（当前：${before.status === 'active' ? '启用' : '停用'}）`, before);
        }
        if (decision === 'approve') await checkOrgForRole(ctx.db, before.orgUnitId, before.role);
        const now = new Date().toISOString();
        return ctx.tx(async (trx, audit) => {
          const r = await trx
            .updateTable('app_user')
            .set({ status: decision === 'approve' ? 'active' : 'disabled', version: ctx.body.version + 1, updated_at: now })
            .where('id', '=', before.id)
            .where('version', '=', ctx.body.version)
            .where('status', '=', 'pending')
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) === 0) throw staleVersion(await loadUser(trx, before.id));
          await closeTodos(trx, ctx.me().id, { kind: 'user.review', sourceType: 'user', sourceId: String(before.id) });
          const after = await loadUser(trx, before.id);
          await audit({ action: `user.${decision}`, entityType: 'user', entityId: before.id, before, after });
          return after;
        });
      },
    }),
  ),
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
      return ctx.tx(async (trx, audit) => {
        await trx.updateTable('app_user').set({ locked_until: null, failed_attempts: 0 }).where('id', '=', before.id).execute();
        await clearAccount(trx, before.username);
        await trx
          .updateTable('todo')
          .set({ status: 'done', done_at: new Date().toISOString(), done_by: ctx.me().id })
          .where('kind', '=', 'account.locked')
          .where('source_id', '=', String(before.id))
          .where('status', '=', 'open')
          .execute();
        const after = await loadUser(trx, before.id);
        await audit({ action: 'user.unlock', entityType: 'user', entityId: before.id, before: { lockedUntil: before.lockedUntil }, after: { lockedUntil: null } });
        return after;
      });
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
      const me = ctx.me();
      const before = await loadUser(ctx.db, ctx.params.id);
      if (before.id === me.id) throw badRequest('不能重置自己的密码，请通过“修改密码”修改本人密码');
      const oneTime = oneTimePassword();
      const hash = await hashPassword(oneTime);
      const by = `${ROLE_LABELS[me.role]} ${me.username}`;
      return ctx.tx(async (trx, audit) => {
        const now = new Date().toISOString();
        await trx
          .updateTable('app_user')
          .set({
            password_hash: hash,
            must_change_password: 1,
            password_changed_at: now,
            password_reset_by: by,
            password_reset_at: now,
            locked_until: null,
            failed_attempts: 0,
            updated_at: now,
          })
          .where('id', '=', before.id)
          .execute();
        await clearAccount(trx, before.username);
        await trx.deleteFrom('session').where('user_id', '=', before.id).execute();
        await addTodo(trx, {
          userId: before.id,
          kind: 'password.change',
          title: `密码已由 ${by} 于 ${chinaDateTime(now)} 重置，请修改密码`,
          link: '/account/password',
        });
        const after = await loadUser(trx, before.id);
        // The one-time password goes to the caller once and never into the audit log.
        await audit({ action: 'user.password.reset', entityType: 'user', entityId: before.id, after: { passwordChangedAt: now, resetBy: by } });
        return { user: after, oneTimePassword: oneTime };
      });
    },
  }),
];
