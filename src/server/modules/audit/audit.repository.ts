import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface AuditActor {
  userId: number | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  userAgent: string | null;
  method: string | null;
  path: string | null;
}

export interface AuditRecord {
  action: string;
  entityType?: string;
  entityId?: string | number;
  before?: unknown;
  after?: unknown;
  outcome?: 'ok' | 'denied' | 'failed';
}

const SECRET_KEYS = /password|hash|token|secret/i;

/** JSON with secrets blanked, so a password hash never reaches the audit log. */
export function auditJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (k, v) => (k && SECRET_KEYS.test(k) ? '******' : v));
}

/** Write one audit row. Call it with the same transaction as the change it records. */
export async function writeAudit(db: Kysely<Database>, actor: AuditActor, rec: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
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
    })
    .execute();
}
