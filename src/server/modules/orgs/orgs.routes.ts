import { z } from 'zod';
import { idParam } from '../../../shared/contracts/common';
import { createOrgBody, orgUnit, updateOrgBody } from '../../../shared/contracts/orgs';
import { notFound } from '../../core/errors';
import { route } from '../../core/route';
import { createOrg, orgTaken, updateOrg } from './orgs.commands';
import { checkPlacement } from './orgs.policy';
import { presentOrg } from './orgs.presenter';
import { findOrg, listOrgs } from './orgs.queries';

export const orgRoutes = [
  route({
    method: 'GET',
    url: '/api/orgs',
    access: 'org.read',
    summary: '组织机构（平铺列表，按 parentId 组成树）',
    tags: ['组织机构'],
    response: z.object({ items: z.array(orgUnit) }),
    handler: async (ctx) => ({ items: (await listOrgs(ctx.db)).map(presentOrg) }),
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
      checkPlacement(b.parentId, parent, b.kind);
      return orgTaken(ctx.db, ctx.me().id, { code: b.code, parentId: b.parentId, name: b.name }, () => ctx.tx((c) => createOrg(c, b, parent ?? null)));
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
      if (!before) throw notFound(`机构${ctx.params.id}不存在`);
      return orgTaken(ctx.db, ctx.me().id, { parentId: before.parent_id, name: ctx.body.name, except: before.id }, () => ctx.tx((c) => updateOrg(c, before, ctx.body)));
    },
  }),
];
