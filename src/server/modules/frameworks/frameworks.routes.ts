import { z } from 'zod';
import { notFound } from '../../core/errors';
import { route } from '../../core/route';
import { parseStoredFramework, frameworkSummary, presentSummary } from './frameworks.presenter';
import { findFrameworkContent, listFrameworks } from './frameworks.queries';

export const frameworkRoutes = [
  route({
    method: 'GET',
    url: '/api/frameworks',
    access: 'framework.read',
    summary: '指标体系列表',
    tags: ['指标体系'],
    response: z.object({ items: z.array(frameworkSummary) }),
    handler: async (ctx) => ({ items: (await listFrameworks(ctx.db)).map(presentSummary) }),
  }),
  route({
    method: 'GET',
    url: '/api/frameworks/:id',
    access: 'framework.read',
    summary: '指标体系全文（节点树、分值、评分方法）',
    tags: ['指标体系'],
    params: z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/, { error: '指标体系编号只能包含小写字母、数字和连字符' }) }),
    handler: async (ctx) => {
      const row = await findFrameworkContent(ctx.db, ctx.params.id);
      if (!row) throw notFound(`指标体系「${ctx.params.id}」不存在`);
      return parseStoredFramework(row);
    },
  }),
];
