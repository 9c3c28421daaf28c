/** Per-IP rate limit on POST /api/auth/login (@fastify/rate-limit), answered in Chinese with 429. */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';

export const LOGIN_URL = '/api/auth/login';

/** Call before the routes are registered: the limiter is attached to the login route as it is added. */
export async function registerLoginRateLimit(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(rateLimit, { global: false });
  const limiter = app.rateLimit({
    max: config.loginRateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => req.ip ?? 'unknown',
    errorResponseBuilder: (_req, ctx) =>
      new AppError(429, 'too_many_requests', `登录尝试过于频繁（每分钟最多 ${ctx.max} 次），请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`),
  });
  app.addHook('onRoute', (opts) => {
    const methods = [opts.method].flat();
    if (opts.url === LOGIN_URL && methods.includes('POST')) {
      opts.onRequest = [...[opts.onRequest ?? []].flat(), limiter] as never;
    }
  });
}
