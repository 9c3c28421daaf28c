import { idParam, pageOf } from '../../../shared/contracts/common';
import { createUserBody, resetPasswordBody, setRoleBody, updateUserBody, userListQuery, userSummary } from '../../../shared/contracts/users';
import type { Role } from '../../../shared/roles';
import { isUniqueViolation } from '../../db/errors';
import { badRequest, conflict } from '../../http/errors';
import { route } from '../../http/route';
import { hashPassword } from '../auth/password';
import { addTodo } from '../todos/todos.service';
import { checkOrgForRole, loadUser, presentUser, userQuery } from './users.service';

const usernameTaken = (u: string) =>
  conflict(`用户名「${u}」已被使用，请换一个`, undefined, [{ field: 'username', message: `用户名「${u}」已被使用` }]);

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
    summary: '新建用户（初始密码，首次登录须修改）',
    tags: ['用户'],
    body: createUserBody,
    response: userSummary,
    status: 201,
    handler: async (ctx) => {
      const b = ctx.body;
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
              status: 'active',
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
          const after = await loadUser(trx, id);
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
    summary: '修改用户信息、单位或启用/停用',
    tags: ['用户'],
    params: idParam,
    body: updateUserBody,
    response: userSummary,
    handler: async (ctx) => {
      const before = await loadUser(ctx.db, ctx.params.id);
      const { version, ...c } = ctx.body;
      if (c.orgUnitId !== undefined) await checkOrgForRole(ctx.db, c.orgUnitId, before.role);
      if (c.status === 'disabled' && before.id === ctx.me().id) {
        throw badRequest('不能停用自己的账户', [{ field: 'status', message: '不能停用自己的账户' }]);
      }
      return ctx.tx(async (trx, audit) => {
        const r = await trx
          .updateTable('app_user')
          .set({
            ...(c.displayName !== undefined ? { display_name: c.displayName } : {}),
            ...(c.orgUnitId !== undefined ? { org_unit_id: c.orgUnitId } : {}),
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
    summary: '分配角色（安全管理员）',
    tags: ['用户'],
    params: idParam,
    body: setRoleBody,
    response: userSummary,
    handler: async (ctx) => {
      const before = await loadUser(ctx.db, ctx.params.id);
      const role = ctx.body.role as Role;
      await checkOrgForRole(ctx.db, before.orgUnitId, role);
      if (before.id === ctx.me().id) throw badRequest('不能修改自己的角色', [{ field: 'role', message: '不能修改自己的角色' }]);
      return ctx.tx(async (trx, audit) => {
        const r = await trx
          .updateTable('app_user')
          .set({ role, version: ctx.body.version + 1, updated_at: new Date().toISOString() })
          .where('id', '=', before.id)
          .where('version', '=', ctx.body.version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw staleVersion(await loadUser(trx, before.id));
        await trx.deleteFrom('session').where('user_id', '=', before.id).execute();
        const after = await loadUser(trx, before.id);
        await audit({ action: 'user.role', entityType: 'user', entityId: before.id, before: { role: before.role }, after: { role } });
        return after;
      });
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
      return ctx.tx(async (trx, audit) => {
        await trx.updateTable('app_user').set({ locked_until: null, failed_attempts: 0 }).where('id', '=', before.id).execute();
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
    summary: '重置密码（安全管理员；用户下次登录须修改）',
    tags: ['用户'],
    params: idParam,
    body: resetPasswordBody,
    response: userSummary,
    handler: async (ctx) => {
      const before = await loadUser(ctx.db, ctx.params.id);
      const hash = await hashPassword(ctx.body.password);
      return ctx.tx(async (trx, audit) => {
        const now = new Date().toISOString();
        await trx
          .updateTable('app_user')
          .set({ password_hash: hash, must_change_password: 1, password_changed_at: now, locked_until: null, failed_attempts: 0, updated_at: now })
          .where('id', '=', before.id)
          .execute();
        await trx.deleteFrom('session').where('user_id', '=', before.id).execute();
        await addTodo(trx, { userId: before.id, kind: 'password.change', title: '密码已被重置，请修改密码', link: '/account/password' });
        const after = await loadUser(trx, before.id);
        await audit({ action: 'user.password.reset', entityType: 'user', entityId: before.id, after: { passwordChangedAt: now } });
        return after;
      });
    },
  }),
];
