import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { appendToChain, type AuditContent } from './audit-chain';

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

/** An audit row's content as of now (its time, its cycle read through `db`), to append to the chain now or at the commit. */
export async function auditRow(db: Kysely<Database>, actor: AuditActor, rec: AuditRecord): Promise<AuditContent> {
  return {
    at: new Date().toISOString(),
    user_id: actor.userId,
    username: actor.username,
    role: actor.role,
    ip: actor.ip,
    user_agent: actor.userAgent ? actor.userAgent.slice(0, 300) : null,
    action: rec.action,
    method: actor.method,
    path: actor.path ? actor.path.slice(0, 500) : null,
    entity_type: rec.entityType ?? null,
    entity_id: rec.entityId === undefined ? null : String(rec.entityId),
    before_json: auditJson(rec.before),
    after_json: auditJson(rec.after),
    outcome: rec.outcome ?? 'ok',
    cycle_id: await cycleOf(db, rec),
    request_id: actor.requestId ?? null,
  };
}
