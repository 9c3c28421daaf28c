/**
 * The audit chain's v1 row hash written out on its own (migration 2026-11-28T1100, the request id since T1200), not
 * through auditRowHash: a row PostgreSQL hashed in its append statement must hash the same here. Takes a row as read.
 */
import crypto from 'node:crypto';

export const v1RowHash = (r: Record<string, any>): string =>
  crypto
    .createHash('sha256')
    .update(
      JSON.stringify([
        'kaoping-audit-v1', Number(r.seq), r.at, r.user_id === null ? null : Number(r.user_id), r.username, r.role, r.ip, r.user_agent, r.action, r.method, r.path,
        r.entity_type, r.entity_id, r.cycle_id === null ? null : Number(r.cycle_id), r.before_json, r.after_json, r.outcome,
        ...(r.request_id ? [{ requestId: r.request_id }] : []), r.prev_hash,
      ]),
      'utf8',
    )
    .digest('hex');
