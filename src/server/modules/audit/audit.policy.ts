/**
 * Who reads which audit content (issue 8 §4). The one place the rule lives:
 * - administrative actions (users, org units, sign-in, access, system, audit itself): the auditor reads the
 *   full before/after;
 * - read records (downloads: who read which file): everyone who may see the row reads the file name;
 * - business actions (everything about a cycle: declarations, schemes, scores, self-reports, evidence,
 *   objections, results, to-dos) and anything unknown: the auditor sees who, when, what and the outcome but
 *   not the content; the office that runs the cycle reads its own cycles' business before/after.
 */
export type AuditCategory = 'administrative' | 'read' | 'business';

const ADMINISTRATIVE_FAMILIES = new Set(['auth', 'access', 'user', 'org', 'session', 'role', 'system', 'audit']);

export function auditCategory(action: string): AuditCategory {
  if (action === 'download' || action.startsWith('download.')) return 'read';
  return ADMINISTRATIVE_FAMILIES.has(action.split('.')[0]) ? 'administrative' : 'business';
}

export type AuditViewer =
  | { kind: 'auditor' }
  /** the office, reading the rows of the cycles it runs */
  | { kind: 'office'; cycleIds: ReadonlySet<number> };

export function showsAuditContent(viewer: AuditViewer, row: { action: string; cycle_id: number | null }): boolean {
  const category = auditCategory(row.action);
  if (viewer.kind === 'auditor') return category !== 'business';
  if (row.cycle_id === null || !viewer.cycleIds.has(row.cycle_id)) return false;
  return category !== 'administrative';
}
