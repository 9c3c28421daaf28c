/** Sessions live in the database (so several server processes can share one PostgreSQL). */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Role } from '../../shared/roles';
import type { Database, OrgUnitTable } from '../db/schema';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { classifyDbFault } from '../db/errors';
import { headerText } from './validation';
import { watchOf } from '../db/write-watch';
import { AppError } from './errors';

export const SESSION_COOKIE = 'kp_sid';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: number;
  /** the user's unit, read with the session (every cycle-scoped request decides participation by it) */
  org: SessionOrg;
  /** the session may do nothing but change the password (see passwordGate) */
  mustChangePassword: boolean;
  /** why: an initial password, a reset (one-time) password, or an expired one */
  passwordChangeReason?: PasswordChangeReason | null;
  /** who reset the password and when, until the user sets their own */
  passwordResetBy?: string | null;
  passwordResetAt?: string | null;
  sessionId: string;
  csrfToken: string;
}

export interface SessionOrg {
  code: string;
  name: string;
  kind: OrgUnitTable['kind'];
  parentId: number | null;
}

/** A unit as the session carries it (for a user built outside a request: the login answer, the seed, tests). */
export async function sessionOrg(db: Kysely<Database>, orgUnitId: number): Promise<SessionOrg> {
  const o = await db.selectFrom('org_unit').select(['code', 'name', 'kind', 'parent_id']).where('id', '=', orgUnitId).executeTakeFirstOrThrow();
  return { code: o.code, name: o.name, kind: o.kind, parentId: o.parent_id };
}

export type PasswordChangeReason = 'initial' | 'reset' | 'approval' | 'expired';

/**
 * Why a user must change the password first, or null: the flag set at creation (initial), by a reset or by the
 * approval of the account (each issuing a one-time password), or an expired password.
 */
export function passwordChangeReason(
  u: { must_change_password: number; password_reset_at: string | null; password_changed_at: string; password_issued_for?: string | null },
  config: Pick<Config, 'passwordMaxAgeDays'>,
  now = Date.now(),
): PasswordChangeReason | null {
  if (u.must_change_password === 1) return !u.password_reset_at ? 'initial' : u.password_issued_for === 'approval' ? 'approval' : 'reset';
  const days = config.passwordMaxAgeDays;
  if (days && now - Date.parse(u.password_changed_at) > days * 86_400_000) return 'expired';
  return null;
}

/** What a session with a one-time, initial or expired password may still call. */
const PASSWORD_CHANGE_ROUTES = new Set(['GET /api/auth/me', 'POST /api/auth/password', 'POST /api/auth/logout']);

/** The must-change-password gate: such a session may only read itself, change the password, or sign out. */
export function passwordGate(user: SessionUser | null, method: string, url: string): void {
  if (user?.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(`${method} ${url}`)) {
    throw new AppError(403, 'password_change_required', '请先修改密码：当前使用的是初始密码、一次性密码（密码重置或账户审核通过时生成）或已过期的密码');
  }
}

/**
 * Remove sessions past their idle timeout or their absolute lifetime, and failed-login counters that have
 * run out (called on every login, so the tables do not grow without bound).
 */
export async function sweepExpired(db: Kysely<Database>, config: Config, now = Date.now()): Promise<void> {
  const idleCutoff = new Date(now - config.sessionIdleMinutes * 60_000).toISOString();
  const maxCutoff = new Date(now - config.sessionMaxHours * 3_600_000).toISOString();
  await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('last_seen_at', '<', idleCutoff), eb('created_at', '<', maxCutoff)]))
    .execute();
  const nowIso = new Date(now).toISOString();
  const failureCutoff = new Date(now - config.lockoutMinutes * 60_000).toISOString();
  await db
    .deleteFrom('login_failure')
    .where('updated_at', '<', failureCutoff)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
    .execute();
}

declare module 'fastify' {
  interface FastifyRequest {
    sessionUser?: SessionUser | null;
    sessionProblem?: string;
  }
}

// crypto.hash: the one-shot digest (no Hash object per call)
const sha256 = (s: string) => crypto.hash('sha256', s, 'hex');

/**
 * The session id of a cookie's token (its SHA-256, which is all the database keeps), remembered for the tokens
 * seen lately: every signed-in request names its session by it, and hashing the same token again on each request
 * was a measurable part of a read served from memory. The answers of a pure function: an entry is never wrong, only
 * forgotten (all at once, past SESSION_IDS_MAX tokens). Only a token of the shape createSession issues (32 random
 * bytes, base64url: 43 characters) is remembered: any other cookie value is hashed and dropped, so requests with
 * long made-up cookies can neither hold memory nor empty the memo for real sessions at will.
 */
export const SESSION_IDS_MAX = 10_000;
const sessionIds = new Map<string, string>();
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export function sessionIdOf(token: string): string {
  let id = sessionIds.get(token);
  if (id === undefined) {
    id = sha256(token);
    if (!TOKEN_SHAPE.test(token)) return id;
    if (sessionIds.size >= SESSION_IDS_MAX) sessionIds.clear();
    sessionIds.set(token, id);
  }
  return id;
}
/** how many tokens the memo holds (for its tests) */
export const sessionIdsHeld = (): number => sessionIds.size;

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

/** How stale session.last_seen_at may get before a request rewrites it: a minute, or a tenth of a short idle timeout. */
export const lastSeenStepMs = (idleMinutes: number) => Math.min(60_000, idleMinutes * 6_000);

/**
 * Signed-in requests come in bursts (a page asks for several things at once), and each must know who asks. So a
 * session that the database just confirmed is kept in memory for a few seconds, and used again while nothing
 * this process wrote could have changed it: a DELETE of session, app_user or org_unit rows, or an UPDATE of a
 * column the read depends on (sign-out, a password change, an account disabled, a role or unit changed, expired
 * sessions swept) makes every copy stale (db/write-watch.ts); a sign-in stamping last_login_at does not. Another
 * process's change (a second server on the same PostgreSQL, the command line tool) is seen after at most
 * SESSION_COPY_MS. A copy only ever says yes: a session the copy finds expired is looked up
 * again before it is refused.
 */
export const SESSION_COPY_MS = 5_000;
/** every column the session read depends on (what it selects and joins by): a change to any makes copies stale */
const SESSION_COLUMNS = {
  session: ['id', 'user_id', 'csrf_token', 'last_seen_at', 'created_at'],
  app_user: ['id', 'org_unit_id', 'username', 'display_name', 'role', 'status', 'must_change_password', 'password_changed_at', 'password_reset_by', 'password_reset_at', 'password_issued_for'],
  org_unit: ['id', 'code', 'name', 'kind', 'parent_id'],
} as const;
const SESSION_COPIES_MAX = 10_000;

type SessionRow = NonNullable<Awaited<ReturnType<typeof readSession>>>;

/**
 * The session and its user, with the session's two times as numbers (ms): a copy in memory is checked against
 * them on every request, so each stored text is parsed once, when it is read.
 */
async function readSession(db: Kysely<Database>, id: string) {
  const row = await db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .innerJoin('org_unit', 'org_unit.id', 'app_user.org_unit_id')
    .select([
      'org_unit.code as org_code',
      'org_unit.name as org_name',
      'org_unit.kind as org_kind',
      'org_unit.parent_id as org_parent_id',
      'session.id as sessionId',
      'session.csrf_token',
      'session.last_seen_at',
      'session.created_at',
      'app_user.id',
      'app_user.username',
      'app_user.display_name',
      'app_user.role',
      'app_user.org_unit_id',
      'app_user.status',
      'app_user.must_change_password',
      'app_user.password_changed_at',
      'app_user.password_reset_by',
      'app_user.password_reset_at',
      'app_user.password_issued_for',
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { last_seen_at, created_at, ...rest } = row;
  return { ...rest, lastSeenAt: Date.parse(last_seen_at), createdAt: Date.parse(created_at) };
}

/** Why the session may not be used any more, or null. */
function sessionProblem(row: SessionRow, config: Config, now: number): string | null {
  const { sessionIdleMinutes, sessionMaxHours } = config;
  return row.status !== 'active'
    ? '账户已停用，请联系系统管理员'
    : now - row.lastSeenAt > sessionIdleMinutes * 60_000
      ? `超过${sessionIdleMinutes}分钟未操作，登录已超时，请重新登录`
      : now - row.createdAt > sessionMaxHours * 3_600_000
        ? `本次登录已超过${sessionMaxHours}小时，请重新登录`
        : null;
}

/** The session row: the copy in memory while it is current and says yes, else the database's. */
function currentSession(deps: { db: Db; config: Config }, id: string, now: number): Promise<SessionRow | undefined> {
  const watch = watchOf(deps.db.db);
  const read = () => readSession(deps.db.db, id);
  if (!watch) return read();
  return watch
    .copies<SessionRow | undefined>('session', { columns: SESSION_COLUMNS, ttlMs: SESSION_COPY_MS, max: SESSION_COPIES_MAX })
    .get(id, read, (row) => !!row && !sessionProblem(row, deps.config, now), now);
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
  const id = sessionIdOf(token);
  const now = Date.now();
  const row = await currentSession(deps, id, now);
  if (!row) {
    clearSessionCookie(reply);
    req.sessionProblem = '登录已失效，请重新登录';
    return null;
  }
  const problem = sessionProblem(row, deps.config, now);
  if (problem) {
    await destroySession(db, id);
    clearSessionCookie(reply);
    req.sessionProblem = problem;
    return null;
  }
  // Every request counts as activity. The row is written at most once per LAST_SEEN_STEP_MS (not on every read),
  // so the idle timeout runs from the last request to within that step: a session may end up to a minute early,
  // never late. The copy in memory is this row, so it is brought up to date here and the write need not make
  // other copies stale (quietly).
  if (now - row.lastSeenAt >= lastSeenStepMs(deps.config.sessionIdleMinutes)) {
    const touch = db.updateTable('session').set({ last_seen_at: new Date(now).toISOString() }).where('id', '=', id);
    const watch = watchOf(db);
    // Best effort: while the database cannot be written (busy, read-only, full) reading still works.
    await db
      .executeQuery(watch ? watch.quietly(() => touch.compile()) : touch.compile())
      .then(() => {
        row.lastSeenAt = now;
      })
      .catch((e) => {
        const kind = classifyDbFault(e);
        if (kind !== 'busy' && kind !== 'storage') throw e;
      });
  }
  const reason = passwordChangeReason(row, deps.config, now);
  req.sessionUser = {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    orgUnitId: row.org_unit_id,
    org: { code: row.org_code, name: row.org_name, kind: row.org_kind, parentId: row.org_parent_id },
    mustChangePassword: reason !== null,
    passwordChangeReason: reason,
    passwordResetBy: row.password_reset_by,
    passwordResetAt: row.password_reset_at,
    sessionId: row.sessionId,
    csrfToken: row.csrf_token,
  };
  return req.sessionUser;
}
