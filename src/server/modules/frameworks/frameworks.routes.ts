import { z } from 'zod';
import { notFound } from '../../core/errors';
import { route } from '../../core/route';

const summary = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  kind: z.enum(['assessment', 'evaluation']),
  totalPoints: z.string(),
});

export const frameworkRoutes = [
  route({
    method: 'GET',
    url: '/api/frameworks',
    access: 'framework.read',
    summary: '指标体系列表',
    tags: ['指标体系'],
    response: z.object({ items: z.array(summary) }),
    handler: async (ctx) => {
      const rows = await ctx.db.selectFrom('framework').select(['id', 'version', 'title', 'kind', 'total_points']).orderBy('id').execute();
      return { items: rows.map((r) => ({ id: r.id, version: r.version, title: r.title, kind: r.kind, totalPoints: r.total_points })) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/frameworks/:id',
    access: 'framework.read',
    summary: '指标体系全文（节点树、分值、评分方法）',
    tags: ['指标体系'],
    params: z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/, { error: '指标体系编号只能包含小写字母、数字和连字符' }) }),
    handler: async (ctx) => {
      const row = await ctx.db.selectFrom('framework').select('content_json').where('id', '=', ctx.params.id).executeTakeFirst();
      if (!row) throw notFound(`指标体系「${ctx.params.id}」不存在`);
      return JSON.parse(row.content_json);
    },
  }),
];
