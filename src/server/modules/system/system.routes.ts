import { sql } from 'kysely';
import { z } from 'zod';
import { route } from '../../http/route';

export const systemRoutes = [
  route({
    method: 'GET',
    url: '/api/health',
    access: 'public',
    summary: '健康检查（含数据库连通性）',
    tags: ['系统'],
    response: z.object({ status: z.enum(['ok', 'degraded']), database: z.object({ dialect: z.string(), ok: z.boolean(), latencyMs: z.number() }) }),
    handler: async (ctx) => {
      const t0 = performance.now();
      let ok = true;
      try {
        await sql`select 1`.execute(ctx.db);
      } catch {
        ok = false;
      }
      if (!ok) ctx.reply.code(503);
      return {
        status: ok ? 'ok' : 'degraded',
        database: { dialect: ctx.deps.db.dialect, ok, latencyMs: Math.round((performance.now() - t0) * 100) / 100 },
      };
    },
  }),
];
