import { z } from 'zod';
import { route } from '../../core/route';
import { probeDataDir } from './health';

const healthResponse = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  database: z.object({
    dialect: z.string(),
    ok: z.boolean(),
    writable: z.boolean(),
    state: z.enum(['ok', 'busy', 'readonly', 'down']),
    latencyMs: z.number(),
    message: z.string().optional(),
  }),
  dataDir: z.object({ writable: z.boolean(), message: z.string().optional() }),
});

export const systemRoutes = [
  route({
    method: 'GET',
    url: '/api/health',
    access: 'public',
    summary: '健康检查：数据库可否连接与写入、数据目录可否写入（ok 正常；degraded 只能读；down 数据库不可用，HTTP 503）',
    tags: ['系统'],
    response: healthResponse,
    handler: async (ctx) => {
      const [database, dataDir] = await Promise.all([ctx.deps.db.probe(), probeDataDir(ctx.deps.config.dataDir)]);
      const status = !database.ok ? 'down' : database.writable && dataDir.writable ? 'ok' : 'degraded';
      if (status === 'down') ctx.reply.code(503);
      ctx.reply.header('Cache-Control', 'no-store');
      return { status, database: { dialect: ctx.deps.db.dialect, ...database }, dataDir } satisfies z.infer<typeof healthResponse>;
    },
  }),
];
