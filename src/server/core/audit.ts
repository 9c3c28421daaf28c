import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { appendToChain, type AuditContent } from './audit-chain';
import { personLabel, personWhen, YOU_ELSEWHERE } from './user-names';

export interface AuditActor {
  userId: number | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  userAgent: string | null;
  method: string | null;
  path: string | null;
  /** the HTTP request's id (Fastify's req.id, also in its log lines and the X-Request-Id header) */
  requestId?: string | null;
}

export interface AuditRecord {
  action: string;
  entityType?: string;
  entityId?: string | number;
  before?: unknown;
  after?: unknown;
  outcome?: 'ok' | 'denied' | 'failed';
  /** the assessment cycle the row belongs to; found from the entity when not given (see cycleOf) */
  cycleId?: number | null;
}

const CYCLE_TABLES = ['declaration', 'scheme', 'score', 'self_report', 'evidence', 'objection'] as const;

/**
 * Which assessment cycle an audit row belongs to, so the office can read its own cycles' rows:
 * the cycle itself, a composite id that starts with the cycle ("7:12", "7/12/1.2"), or the entity's row.
 */
export async function cycleOf(db: Kysely<Database>, rec: AuditRecord): Promise<number | null> {
  if (rec.cycleId !== undefined) return rec.cycleId;
  const type = rec.entityType;
  const id = rec.entityId === undefined ? null : String(rec.entityId);
  if (!type || !id) return null;
  if (type === 'assessment_cycle') return /^\d+$/.test(id) ? Number(id) : null;
  const prefixed = /^(\d+)[:/]/.exec(id);
  if (prefixed) return Number(prefixed[1]);
  if ((CYCLE_TABLES as readonly string[]).includes(type) && /^\d+$/.test(id)) {
    const row = await (db as Kysely<any>).selectFrom(type).select('cycle_id').where('id', '=', Number(id)).executeTakeFirst();
    return row ? Number(row.cycle_id) : null;
  }
  return null;
}

const SECRET_KEYS = /password|hash|token|secret/i;
/** fields named like a secret that are not one: when a password was changed or reset, and by whom */
const NOT_SECRET = /^password(ChangedAt|ResetAt|ResetBy|ChangeReason)$|^(password_changed_at|password_reset_at|password_reset_by)$/;

/** JSON with secrets blanked, so a password hash never reaches the audit log. */
export function auditJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (k, v) => (k && SECRET_KEYS.test(k) && !NOT_SECRET.test(k) ? '******' : v));
}

/**
 * Write one audit row, chained to the previous one (audit-chain.ts). Call it with the same transaction as the
 * change it records; called outside a transaction (denied attempts, downloads) it opens its own.
 */
export async function writeAudit(db: Kysely<Database>, actor: AuditActor, rec: AuditRecord): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => writeAudit(trx, actor, rec));
    return;
  }
  await appendToChain(db, await auditRow(db, actor, rec));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A text column as the database stores it: half of a UTF-16 pair (an emoji cut by a .slice(), a "\ud800" in a JSON
 * body) becomes U+FFFD, which is what PostgreSQL's driver writes for it (SQLite's writes bytes that read back as
 * three). The row is hashed as stored, so verifyChain, which hashes what it reads back, finds the same hash.
 */
function stored(s: string): string;
function stored(s: string | null | undefined): string | null;
function stored(s: string | null | undefined): string | null {
  return s == null ? null : s.replace(LONE_SURROGATE, '\uFFFD');
}

/** An audit row's content as of now (its time, its cycle read through `db`), to append to the chain now or at the commit. */
export async function auditRow(db: Kysely<Database>, actor: AuditActor, rec: AuditRecord): Promise<AuditContent> {
  return {
    at: new Date().toISOString(),
    user_id: actor.userId,
    username: stored(actor.username),
    role: stored(actor.role),
    ip: stored(actor.ip),
    user_agent: actor.userAgent ? stored(actor.userAgent.slice(0, 300)) : null,
    action: stored(rec.action),
    method: stored(actor.method),
    path: actor.path ? stored(actor.path.slice(0, 500)) : null,
    entity_type: stored(rec.entityType),
    entity_id: rec.entityId === undefined ? null : stored(String(rec.entityId)),
    before_json: auditJson(rec.before),
    after_json: auditJson(rec.after),
    outcome: rec.outcome ?? 'ok',
    cycle_id: await cycleOf(db, rec),
    request_id: stored(actor.requestId),
  };
}

/** one recorded change of an object (its audit row), as recordedChanges reads it and byWhomWhen words it */
export interface RecordedChange {
  action: string;
  at: string;
  after_json: string | null;
  /** the person's account (null for a change without one) */
  userId: number | null;
  /**
   * the person's display name (null when the account is gone), or for a change made on the server's command line
   * (kaoping user create, say: no account) the operator the audit row names, as 服务器命令行（ops@host）; the unit's name
   * and short name (null when there is no unit)
   */
  by: string | null;
  org: string | null;
  orgShort: string | null;
}

/**
 * The latest recorded changes of one object (newest first, at most `limit`, only those by `action` or of the
 * actions starting with `family` when given): the audit row's action, when, its after_json, who and the person's
 * unit (its short name too). What the loser of a race on it is told (who did what, when) is read here, for every
 * module.
 */
export const recordedChanges = async (db: Kysely<Database>, entityType: string, entityId: number | string, o: { limit?: number; action?: string; family?: string } = {}): Promise<RecordedChange[]> => {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('app_user as u', 'u.id', 'a.user_id')
    .leftJoin('org_unit as o', 'o.id', 'u.org_unit_id')
    .select(['a.action', 'a.at', 'a.after_json', 'a.user_id as userId', 'u.display_name as by', 'o.name as org', 'o.short_name as orgShort', 'a.method', 'a.username as operator'])
    .where('a.entity_type', '=', entityType)
    .where('a.entity_id', '=', String(entityId))
    .where('a.outcome', '=', 'ok');
  if (o.action !== undefined) q = q.where('a.action', '=', o.action);
  if (o.family !== undefined) q = q.where('a.action', 'like', `${o.family}.%`);
  const rows = await q.orderBy('a.id', 'desc').limit(o.limit ?? 1).execute();
  return rows.map(({ method, operator, ...r }) => ({ ...r, by: r.by ?? (method === 'CLI' && operator ? commandLine(operator) : null) }));
};

/** how many times one action was recorded of one object, and when last (what recordedTallies reads of each) */
export interface RecordedTally {
  entityId: string;
  action: string;
  count: number;
  lastAt: string;
}

/**
 * What the audit log recorded of many objects of one type, in one statement whatever their number: for each object and
 * each of `actions`, how many times it was done and when last (a pair never recorded is absent; no ids, no statement).
 * A read that asks this of several rows at once (the to-do state's 催办 of every outstanding declaration, a batch
 * 催办's 重新开放 of the departments it holds) keeps its statements fixed so.
 */
export async function recordedTallies(db: Kysely<Database>, entityType: string, entityIds: readonly (number | string)[], actions: readonly string[]): Promise<RecordedTally[]> {
  if (!entityIds.length || !actions.length) return [];
  const rows = await db
    .selectFrom('audit_log')
    .select(['entity_id', 'action', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('at').as('last')])
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', entityIds.map(String))
    .where('action', 'in', [...actions])
    .where('outcome', '=', 'ok')
    .groupBy(['entity_id', 'action'])
    .execute();
  return rows.map((r) => ({ entityId: String(r.entity_id), action: r.action, count: Number(r.n), lastAt: String(r.last) }));
}

/**
 * The latest change by `action` of each of many objects of one type, read in one statement: its time and after_json,
 * by entity id (those never changed so are absent; no ids, no statement). The reason of each outstanding declaration's
 * latest 重新开放, say.
 */
export async function latestRecorded(db: Kysely<Database>, entityType: string, entityIds: readonly (number | string)[], action: string): Promise<Map<string, Pick<RecordedChange, 'at' | 'after_json'>>> {
  if (!entityIds.length) return new Map();
  const rows = await db
    .selectFrom('audit_log')
    .select(['entity_id', 'at', 'after_json'])
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', entityIds.map(String))
    .where('action', '=', action)
    .where('outcome', '=', 'ok')
    .orderBy('id')
    .execute();
  // in the order they were written: each object's last row is its latest
  return new Map(rows.map((r) => [String(r.entity_id), { at: r.at, after_json: r.after_json }]));
}

/**
 * The latest `limit` rows of one action in an assessment cycle, newest first: which object each recorded and what it
 * held before. For an object whose id is gone with it (a cleared score, found by what its row held), the rows to look
 * through before asking recordedChanges of the one found.
 */
export async function recordedInCycle(db: Kysely<Database>, cycleId: number, action: string, limit: number): Promise<{ entityId: string | null; before_json: string | null }[]> {
  return db
    .selectFrom('audit_log')
    .select(['entity_id as entityId', 'before_json'])
    .where('cycle_id', '=', cycleId)
    .where('action', '=', action)
    .where('outcome', '=', 'ok')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The file name this user's deletion of a file recorded (its audit row's before.fileName), or null when they have
 * not deleted it. A second 删除 that arrives after the first has committed finds no row; with this it gets the same
 * 409 (已经删除) as one that raced the first, and nobody else learns the name of a file that is gone. The audit row is
 * written in the deletion's transaction, so it is there as soon as the row is not.
 */
export async function ownDeletedFile(db: Kysely<Database>, entityType: string, entityId: number, action: string, userId: number): Promise<string | null> {
  const r = await db
    .selectFrom('audit_log')
    .select('before_json')
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', String(entityId))
    .where('action', '=', action)
    .where('user_id', '=', userId)
    .where('outcome', '=', 'ok')
    .executeTakeFirst();
  if (!r?.before_json) return null;
  const before = JSON.parse(r.before_json) as { fileName?: unknown };
  return typeof before.fileName === 'string' ? before.fileName : null;
}

/** who made a change on the server's command line (the audit row's operator, user@host): 服务器命令行（ops@host） */
export const commandLine = (operator: string): string => `服务器命令行（${operator}）`;

/**
 * who made a recorded change, of which unit, and when: "唐碧辉（省质强办）于 2024-08-01 10:00" (personLabel's words);
 * "您在其他窗口于 …" when the change was `me`'s own (the caller's other window). `me` is required (undefined only where
 * no signed-in user makes the change), as in personAt.
 */
export const byWhomWhen = (c: Pick<RecordedChange, 'at' | 'by' | 'org' | 'orgShort' | 'userId'>, me: number | undefined): string => personWhen(byWhom(c, me), c.at);

/** who made a recorded change, of which unit, without the moment (byWhomWhen's person: a list of who changed what) */
export const byWhom = (c: Pick<RecordedChange, 'by' | 'org' | 'orgShort' | 'userId'>, me: number | undefined): string =>
  me !== undefined && c.userId === me ? YOU_ELSEWHERE : personLabel(c.by, c.orgShort ?? c.org);
