import { z } from 'zod';
import { idParam } from '../../../shared/contracts/common';
import { createOrgBody, orgUnit, updateOrgBody } from '../../../shared/contracts/orgs';
import { ORG_KIND_LABELS } from '../../../shared/roles';
import { isUniqueViolation } from '../../db/errors';
import { badRequest, conflict, notFound } from '../../core/errors';
import { route } from '../../core/route';
import { CHILD_KINDS, findOrg, presentOrg } from './orgs.service';

export const orgRoutes = [
  route({
    method: 'GET',
    url: '/api/orgs',
    access: 'org.read',
    summary: '组织机构（平铺列表，按 parentId 组成树）',
    tags: ['组织机构'],
    response: z.object({ items: z.array(orgUnit) }),
    handler: async (ctx) => {
      const rows = await ctx.db.selectFrom('org_unit').selectAll().orderBy('sort_order').orderBy('code').execute();
      return { items: rows.map(presentOrg) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/orgs',
    access: 'org.manage',
    summary: '新增机构',
    tags: ['组织机构'],
    body: createOrgBody,
    response: orgUnit,
    status: 201,
    handler: async (ctx) => {
      const b = ctx.body;
      const parent = b.parentId === null ? null : await findOrg(ctx.db, b.parentId);
      if (b.parentId !== null && !parent) {
        throw badRequest(`上级机构 ${b.parentId} 不存在`, [{ field: 'parentId', message: `上级机构 ${b.parentId} 不存在` }]);
      }
      const allowed = CHILD_KINDS[parent ? parent.kind : 'root'];
      if (!allowed.includes(b.kind)) {
        const msg = `「${parent ? parent.name : '顶层'}」下不能设立${ORG_KIND_LABELS[b.kind]}类机构（允许：${allowed.map((k) => ORG_KIND_LABELS[k as keyof typeof ORG_KIND_LABELS]).join('、') || '无'}）`;
        throw badRequest(msg, [{ field: 'kind', message: msg }]);
      }
      const now = new Date().toISOString();
      try {
        return await ctx.tx(async ({ trx, audit }) => {
          const row = await trx
            .insertInto('org_unit')
            .values({
              code: b.code,
              name: b.name,
              short_name: b.shortName ?? null,
              kind: b.kind,
              parent_id: b.parentId,
              sort_order: b.sortOrder ?? 0,
              version: 1,
              created_at: now,
              updated_at: now,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await audit({ action: 'org.create', entityType: 'org_unit', entityId: row.id, after: presentOrg(row) });
          return presentOrg(row);
        });
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw conflict(`机构代码「${b.code}」已存在`, undefined, [{ field: 'code', message: `机构代码「${b.code}」已存在` }]);
        }
        throw err;
      }
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/orgs/:id',
    access: 'org.manage',
    summary: '修改机构名称、简称或排序',
    tags: ['组织机构'],
    params: idParam,
    body: updateOrgBody,
    response: orgUnit,
    handler: async (ctx) => {
      const before = await findOrg(ctx.db, ctx.params.id);
      if (!before) throw notFound(`机构 ${ctx.params.id} 不存在`);
      const { version, ...changes } = ctx.body;
      return ctx.tx(async ({ trx, audit }) => {
        const r = await trx
          .updateTable('org_unit')
          .set({
            ...(changes.name !== undefined ? { name: changes.name } : {}),
            ...(changes.shortName !== undefined ? { short_name: changes.shortName } : {}),
            ...(changes.sortOrder !== undefined ? { sort_order: changes.sortOrder } : {}),
            version: version + 1,
            updated_at: new Date().toISOString(),
          })
          .where('id', '=', before.id)
          .where('version', '=', version)
          .returningAll()
          .executeTakeFirst();
        if (!r) {
          const current = await findOrg(trx, before.id);
          throw conflict('该机构已被他人修改，请查看最新内容后重试', current && presentOrg(current));
        }
        await audit({ action: 'org.update', entityType: 'org_unit', entityId: r.id, before: presentOrg(before), after: presentOrg(r) });
        return presentOrg(r);
      });
    },
  }),
];
