/**
 * One way to declare an API route. Each route reads top to bottom: authenticate → authorize (the route's
 * permission, from src/shared/permissions.ts) → validate (shared zod schemas) → handler (load, check,
 * change inside ctx.tx with an audit row, present). The same declarations feed the OpenAPI document and
 * the role × route matrix test.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { can, PERMISSIONS, type RouteAccess } from '../../shared/permissions';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import type { Database } from '../db/schema';
import { auditRow, type AuditActor } from './audit';
import { appendToChain, type AuditContent } from './audit-chain';
import { recordDenial } from './denials';
import type { Change } from './change';
import { clockAt, type Clock } from './clock';
import { AppError, forbidden, unauthorized } from './errors';
import { headerText, parseOr400 } from './validation';
import { authenticate, passwordGate, type SessionUser } from './session';
import { transaction } from '../db/write-watch';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Deps {
  db: Db;
  config: Config;
}

export interface RouteContext<B, Q, P> {
  deps: Deps;
  db: Kysely<Database>;
  user: SessionUser | null;
  body: B;
  query: Q;
  params: P;
  req: FastifyRequest;
  reply: FastifyReply;
  /** Who made the request, for its audit rows: the same object on every call (a sign-in names its user in it). */
  actor(): AuditActor;
  /**
   * Run a change in one transaction, handing it the change context {trx, audit, user, clock} (core/change.ts). On a
   * state-changing route the transaction must write its audit row, or it is rolled back with a 500; `auditedLater`
   * is for the rare step that must commit alone and is audited by the request's next transaction (a sign-in's
   * reserved attempt, which must count even if the rest fails).
   */
  tx<T>(fn: (c: Change) => Promise<T>, opts?: { auditedLater?: boolean }): Promise<T>;
  /** The signed-in user, or a 401. */
  me(): SessionUser;
  /** The request's clock (core/clock.ts): config.now when set, the system clock otherwise; read once per request. */
  clock(): Clock;
}

export interface RouteDef<B = unknown, Q = unknown, P = unknown> {
  method: HttpMethod;
  url: string;
  access: RouteAccess;
  summary: string;
  tags: string[];
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  response?: z.ZodType;
  status?: number;
  /** the response is a file or the handler writes the reply itself */
  raw?: boolean;
  /** GET routes that change state (none should) or POST routes that change nothing (e.g. logout of a dead session) */
  auditExempt?: boolean;
  handler(ctx: RouteContext<B, Q, P>): Promise<unknown>;
}

export function route<B = undefined, Q = undefined, P = undefined>(def: RouteDef<B, Q, P>): RouteDef<B, Q, P> {
  return def;
}

/**
 * Who made the request, for its audit rows. The path is kept without its query string: a query carries search words
 * (a person's name, a telephone number typed into 搜索), filters and dates, and the log is append-only and hash-chained,
 * so nothing written there can be taken out again. What a row is about is in its entity and before/after (a download
 * names its file, the audit export its filters), never in the query.
 */
export function actorOf(req: FastifyRequest, user: SessionUser | null): AuditActor {
  return {
    userId: user?.id ?? null,
    username: user?.username ?? null,
    role: user?.role ?? null,
    ip: headerText(req.ip, 100),
    userAgent: headerText(req.headers['user-agent']),
    method: req.method,
    path: headerText(req.url.split('?', 1)[0], 2000) ?? '/',
    requestId: req.id,
  };
}

/**
 * Whether a request's Origin header (when it has one) names this site: scheme, host and port all equal to
 * the request's own (its Host header and protocol; behind a proxy, X-Forwarded-Proto). "null", garbage and
 * another port or scheme are other sites.
 */
export function sameOrigin(req: Pick<FastifyRequest, 'headers' | 'protocol'>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  if (typeof origin !== 'string' || !host) return false;
  let theirs: URL;
  let ours: URL;
  try {
    theirs = new URL(origin);
    ours = new URL(`${req.protocol}://${host}`);
  } catch {
    return false;
  }
  return theirs.protocol === ours.protocol && theirs.hostname === ours.hostname && theirs.port === ours.port;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A denied attempt (越权访问) in the audit log: the route as declared, and the rule that refused it when a handler did.
 * Throws the refusal, or the 429 that takes its place once the user's minute holds too many (core/denials.ts).
 */
const denied = async (deps: Pick<Deps, 'db' | 'config'>, actor: AuditActor, def: { method: string; url: string }, refusal: unknown, reason?: string): Promise<never> => {
  throw (await recordDenial(deps.db.db, deps.config.deniedPerMinute, actor, def, reason)) ?? refusal;
};

/** A state-changing route that wrote no audit row: a bug of ours (500), never the caller's. */
const auditMissing = (def: { method: string; url: string }) => new AppError(500, 'audit_missing', `内部错误：${def.method} ${def.url}未写审计日志`);

/**
 * The one sign-in gate: the session (401 saying why there is none), the user named on every later log line of the
 * request, then the password-change gate (a session with an initial, one-time or expired password does nothing but
 * change it). Every non-public route() passes it, and so do the few handlers that are not route()s (app.ts: the API
 * description and its browsable UI), so the rule lives here only. `where` is the route as declared (its method and
 * URL pattern, which the password gate's allow-list names); `notSignedIn` the 401's words when there is no session.
 */
export async function requireSignedIn(
  deps: Pick<Deps, 'db' | 'config'>,
  req: FastifyRequest,
  reply: FastifyReply,
  where: { method: string; url: string },
  notSignedIn = '请先登录',
): Promise<SessionUser> {
  const user = await authenticate(deps, req, reply);
  if (!user) throw unauthorized(req.sessionProblem ?? notSignedIn);
  // every later log line of this request (errors included) names the user beside the request id
  // (pino: added to the request's own logger, not a new child logger per request)
  const log = req.log as typeof req.log & { setBindings?: (b: object) => void };
  if (log.setBindings) log.setBindings({ userId: user.id });
  else req.log = req.log.child({ userId: user.id });
  try {
    passwordGate(user, where.method, where.url);
  } catch (e) {
    // a session that must change its password first calls something else: the page never does (it shows only the
    // password form), so this is a script or a hand-typed request, recorded like any refusal
    return denied(deps, actorOf(req, user), where, e, (e as Error).message);
  }
  return user;
}

export function registerRoutes(app: FastifyInstance, deps: Deps, routes: RouteDef<any, any, any>[]): void {
  for (const def of routes) {
    app.route({
      method: def.method,
      url: def.url,
      handler: async (req, reply) => {
        // Public routes (login, health) need no session: health must answer even when the session table cannot be read.
        const user = def.access === 'public' ? null : await requireSignedIn(deps, req, reply, def);
        // who made the request, made when first asked for (an audit row, a denial, a handler): an allowed read needs none
        let actor: AuditActor | undefined;
        const actorOfRequest = () => (actor ??= actorOf(req, user));

        if (user && def.access !== 'public') {
          if (STATE_CHANGING.has(def.method)) {
            const token = req.headers['x-csrf-token'];
            if (typeof token !== 'string' || token !== user.csrfToken) {
              // A signed-in session's write without its token: a stale page, or another site posting with the
              // user's cookie. Recorded (the reason only: neither the token sent nor the body), as a denied attempt;
              // a request without a valid session got its 401 above and leaves no row, so no flood fills the log.
              const sent = token !== undefined && token !== '';
              await denied(deps, actorOfRequest(), def, forbidden('安全校验未通过，请刷新页面后重试'), sent ? '安全校验未通过：请求所带的防跨站令牌（x-csrf-token）与本次登录的不符' : '安全校验未通过：请求未带防跨站令牌（x-csrf-token）');
            }
          }
          if (def.access !== 'authenticated' && !can(user.role, def.access)) {
            await denied(deps, actorOfRequest(), def, forbidden(`您的角色没有「${PERMISSIONS[def.access].label}」权限`));
          }
        } else if (STATE_CHANGING.has(def.method)) {
          // Public state-changing routes (login): refuse cross-site form posts.
          if (!sameOrigin(req)) throw forbidden('不接受来自其他站点的请求，请从本系统的登录页登录');
        }

        // A signed-in user refused by a rule — a 403 (三员分立, whose object it is) or a 400 marked as a rule's
        // (one's own account, a field a contract refuses: ruleRefusal(), refusedField()) — is a denied attempt like a
        // missing permission: the audit log names it with the rule's words, on its own connection since nothing is changed.
        // A refusal answered as a 404 (concealed()) is recorded with the rule's words, and stays the 404 past the minute's
        // limit too: a 429 there, where a missing id still gets its 404, would tell the two apart (the log stays bounded:
        // past the limit recordDenial writes nothing more).
        const recordRefusal = async (e: unknown): Promise<never> => {
          if (user && e instanceof AppError && e.concealedReason !== null) {
            await recordDenial(deps.db.db, deps.config.deniedPerMinute, actorOfRequest(), def, e.concealedReason);
            throw e;
          }
          if (user && e instanceof AppError && (e.status === 403 || (e.status === 400 && e.rule))) await denied(deps, actorOfRequest(), def, e, e.message);
          throw e;
        };
        let body, query, params;
        try {
          body = def.body ? parseOr400(def.body, req.body ?? {}, 'body') : undefined;
          query = def.query ? parseOr400(def.query, req.query ?? {}, 'query') : undefined;
          params = def.params ? parseOr400(def.params, req.params ?? {}, 'params') : undefined;
        } catch (e) {
          return recordRefusal(e);
        }

        let audited = false;
        let clock: Clock | undefined;
        const clockOfRequest = () => (clock ??= clockAt(deps.config.now?.() ?? new Date()));
        const ctx: RouteContext<any, any, any> = {
          deps,
          db: deps.db.db,
          user,
          body,
          query,
          params,
          req,
          reply,
          actor: actorOfRequest,
          me: () => {
            if (!user) throw unauthorized();
            return user;
          },
          clock: clockOfRequest,
          // A change without its audit row is refused inside its transaction, so it is rolled back: nothing is
          // saved that the audit log does not show (the check after the handler covers writes outside ctx.tx).
          // Each row is made when the change calls audit() (its time, its cycle as it is then) and appended to the
          // chain after the change's last statement, just before the commit: on PostgreSQL the chain's lock is then
          // held for the append and the COMMIT only, not for the rest of the change (audit-chain.ts).
          tx: (fn, opts) =>
            transaction(deps.db.db, async (trx) => {
              const rows: AuditContent[] = [];
              const result = await fn({
                trx,
                audit: async (rec) => {
                  audited = true;
                  rows.push(await auditRow(trx, actorOfRequest(), rec));
                },
                get user() {
                  if (!user) throw unauthorized();
                  return user;
                },
                clock: clockOfRequest(),
              });
              if (STATE_CHANGING.has(def.method) && !rows.length && !def.auditExempt && !opts?.auditedLater) throw auditMissing(def);
              for (const row of rows) await appendToChain(trx, row);
              return result;
            }),
        };
        const result = await def.handler(ctx).catch(recordRefusal);
        if (STATE_CHANGING.has(def.method) && !audited && !def.auditExempt) {
          throw auditMissing(def);
        }
        if (def.raw) return reply;
        if (reply.statusCode === 200 && def.status) reply.code(def.status);
        return result;
      },
    });
  }
}
