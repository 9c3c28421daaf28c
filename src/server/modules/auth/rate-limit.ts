/**
 * Per-IP rate limit on POST /api/auth/login (@fastify/rate-limit), answered in Chinese with 429. The first refusal of
 * a source in each window is written to the audit log (the auditor sees who hammers the login page); the rest of
 * that window's refusals are not, so a flood cannot turn into a flood of audit rows.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import type { Db } from '../../db/connection';
import { writeAudit } from '../../core/audit';
import { AppError } from '../../core/errors';
import { actorOf } from '../../core/route';
import { failureSource } from './lockout';

export const LOGIN_URL = '/api/auth/login';
const WINDOW_MS = 60_000;
/** sources remembered as already audited in their window; beyond this the memory is cleared of finished windows */
const REMEMBERED_MAX = 10_000;

/** Call before the routes are registered: the limiter is attached to the login route as it is added. */
export async function registerLoginRateLimit(app: FastifyInstance, deps: { db: Db; config: Config }): Promise<void> {
  const { config } = deps;
  await app.register(rateLimit, { global: false });
  const limiter = app.rateLimit({
    max: config.loginRateLimitPerMinute,
    timeWindow: WINDOW_MS,
    keyGenerator: (req) => failureSource(req.ip ?? 'unknown'),
    errorResponseBuilder: (_req, ctx) =>
      new AppError(429, 'too_many_requests', `登录尝试过于频繁（每分钟最多${ctx.max}次），请${Math.ceil(ctx.ttl / 1000)}秒后再试`),
  });
  /** source → when its audited refusal was written */
  const audited = new Map<string, number>();
  const auditOnce = async (req: FastifyRequest) => {
    const ip = failureSource(req.ip ?? 'unknown');
    const now = Date.now();
    if (now - (audited.get(ip) ?? -Infinity) < WINDOW_MS) return;
    if (audited.size >= REMEMBERED_MAX) for (const [k, at] of audited) if (now - at >= WINDOW_MS) audited.delete(k);
    audited.set(ip, now);
    await writeAudit(deps.db.db, actorOf(req, null), {
      action: 'auth.login.rateLimited',
      entityType: 'route',
      entityId: `POST ${LOGIN_URL}`,
      outcome: 'denied',
      after: { ip, limitPerMinute: config.loginRateLimitPerMinute },
    }).catch((e) => req.log.warn({ err: e }, 'login rate limit: audit row not written'));
  };
  const limit = async function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
    try {
      await limiter.call(this, req, reply);
    } catch (e) {
      if (e instanceof AppError && e.status === 429) await auditOnce(req);
      throw e;
    }
  };
  app.addHook('onRoute', (opts) => {
    const methods = [opts.method].flat();
    if (opts.url === LOGIN_URL && methods.includes('POST')) {
      opts.onRequest = [...[opts.onRequest ?? []].flat(), limit] as never;
    }
  });
}
