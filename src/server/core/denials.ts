/**
 * Refusals of a signed-in user, counted per user and minute. Each refusal is a denied attempt in the audit log
 * (access.denied, core/route.ts). A session that keeps calling what it may not (a script probing routes, another
 * unit's objects one id after another) would fill the append-only log with rows no one can take out, so past
 * `deniedPerMinute` refusals in a minute the user gets 429 instead, until the minute is over: the first of those is
 * written once (access.throttled, with the limit), the rest are not. Requests the user may make go on as before.
 *
 * Counted per server process, as the sign-in limit is (modules/auth/rate-limit.ts). A person never comes near the
 * limit: a page asks only for what the role may read, so a refusal follows a click on a stale page at most.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { writeAudit, type AuditActor } from './audit';
import { AppError } from './errors';

const WINDOW_MS = 60_000;
/** users remembered; beyond this, the windows that have ended are forgotten */
const REMEMBERED_MAX = 10_000;

interface Window {
  start: number;
  count: number;
}

/** one count per database handle (each app a test builds starts from nothing) */
const windowsOf = new WeakMap<object, Map<number, Window>>();

/** Where this refusal falls in its user's minute: counted and recorded, the first over the limit, or past it. */
export function countDenial(db: object, userId: number, limit: number, now = Date.now()): { over: 'no' | 'first' | 'again'; retryAfterS: number } {
  let windows = windowsOf.get(db);
  if (!windows) windowsOf.set(db, (windows = new Map()));
  let w = windows.get(userId);
  if (!w || now - w.start >= WINDOW_MS) {
    if (!w && windows.size >= REMEMBERED_MAX) for (const [k, x] of windows) if (now - x.start >= WINDOW_MS) windows.delete(k);
    windows.set(userId, (w = { start: now, count: 0 }));
  }
  w.count += 1;
  const retryAfterS = Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
  return { over: w.count <= limit ? 'no' : w.count === limit + 1 ? 'first' : 'again', retryAfterS };
}

export const tooManyDenials = (limit: number, retryAfterS: number) =>
  new AppError(429, 'too_many_denials', `1分钟内被拒绝的操作已超过${limit}次，请${retryAfterS}秒后再试；如页面显示的内容已过时，请刷新页面`);

/**
 * Record a signed-in user's refused request (the route as declared, and the rule's words when a handler refused it),
 * or, past the minute's limit, answer 429 in its place: the error to throw instead of the refusal, or null.
 */
export async function recordDenial(
  db: Kysely<Database>,
  limit: number,
  actor: AuditActor,
  where: { method: string; url: string },
  reason?: string,
): Promise<AppError | null> {
  const entityId = `${where.method} ${where.url}`;
  if (actor.userId === null) {
    await writeAudit(db, actor, { action: 'access.denied', entityType: 'route', entityId, ...(reason ? { after: { reason } } : {}), outcome: 'denied' });
    return null;
  }
  const { over, retryAfterS } = countDenial(db, actor.userId, limit);
  if (over === 'no') {
    await writeAudit(db, actor, { action: 'access.denied', entityType: 'route', entityId, ...(reason ? { after: { reason } } : {}), outcome: 'denied' });
    return null;
  }
  if (over === 'first') {
    await writeAudit(db, actor, {
      action: 'access.throttled',
      entityType: 'route',
      entityId,
      after: { limitPerMinute: limit, ...(reason ? { reason } : {}) },
      outcome: 'denied',
    });
  }
  return tooManyDenials(limit, retryAfterS);
}
