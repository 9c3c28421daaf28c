/** Audit rows → entries, the content shown or hidden by audit.policy.ts for the viewer. */
import type { AuditEntry } from '../../../shared/contracts/audit';
import { actionLabel, objectLabel } from '../../../shared/audit-labels';
import type { AuditRow } from '../../db/schema';
import { showsAuditContent, type AuditViewer } from './audit.policy';
import type { Names } from './audit.queries';

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

export function present(r: AuditRow, viewer: AuditViewer, names: Names): AuditEntry {
  const shown = showsAuditContent(viewer, r);
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    role: r.role,
    ip: r.ip,
    userAgent: r.user_agent,
    action: r.action,
    method: r.method,
    path: r.path,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: shown ? parse(r.before_json) : null,
    after: shown ? parse(r.after_json) : null,
    outcome: r.outcome,
    actionLabel: actionLabel(r.action),
    object: objectLabel(r.entity_type, r.entity_id, names.get(`${r.entity_type}:${r.entity_id}`)),
    contentHidden: !shown,
  };
}
