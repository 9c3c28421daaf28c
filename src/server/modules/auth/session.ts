/** Sessions live in the database (so several server processes can share one PostgreSQL). */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Config } from '../../config';
import type { Db } from '../../db/connection';
import { classifyDbFault } from '../../db/errors';
import { headerText } from '../../http/validation';

export const SESSION_COOKIE = 'kp_sid';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: string;
  orgUnitId: number;
  mustChangePassword: boolean;
  sessionId: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    sessionUser?: SessionUser | null;
    sessionProblem?: string;
  }
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export async function createSession(
  db: Kysely<Database>,
  userId: number,
  req: FastifyRequest,
): Promise<{ token: string; csrfToken: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const now = new Date().toISOString();
  await db
    .insertInto('session')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      ip: headerText(req.ip, 100),
      user_agent: headerText(req.headers['user-agent']),
    })
    .execute();
  return { token, csrfToken };
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export async function destroySession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/** Resolve the session cookie to a user; expired or unknown sessions are removed and reported. */
export async function authenticate(
  deps: { db: Db; config: Config },
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<SessionUser | null> {
  if (req.sessionUser !== undefined) return req.sessionUser;
  req.sessionUser = null;
  const token = req.cookies?.[SESSION_COOKIE];
  if (!token) return null;
  const db = deps.db.db;
  const id = sha256(token);
  const row = await db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'session.id as sessionId',
      'session.csrf_token',
      'session.last_seen_at',
      'app_user.id',
      'app_user.username',
      'app_user.display_name',
      'app_user.role',
      'app_user.org_unit_id',
      'app_user.status',
      'app_user.must_change_password',
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
  if (!row) {
    clearSessionCookie(reply);
    req.sessionProblem = '登录已失效，请重新登录';
    return null;
  }
  const now = Date.now();
  const idleMs = deps.config.sessionIdleMinutes * 60_000;
  if (now - Date.parse(row.last_seen_at) > idleMs || row.status !== 'active') {
    await destroySession(db, id);
    clearSessionCookie(reply);
    req.sessionProblem =
      row.status !== 'active' ? '账户已停用，请联系系统管理员' : `超过 ${deps.config.sessionIdleMinutes} 分钟未操作，登录已超时，请重新登录`;
    return null;
  }
  // Touch at most once a minute, to keep writes low.
  if (now - Date.parse(row.last_seen_at) > 60_000) {
    // Best effort: while the database cannot be written (busy, read-only, full) reading still works.
    await db
      .updateTable('session')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id', '=', id)
      .execute()
      .catch((e) => {
        const kind = classifyDbFault(e);
        if (kind !== 'busy' && kind !== 'storage') throw e;
      });
  }
  req.sessionUser = {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    orgUnitId: row.org_unit_id,
    mustChangePassword: row.must_change_password === 1,
    sessionId: row.sessionId,
    csrfToken: row.csrf_token,
  };
  return req.sessionUser;
}
