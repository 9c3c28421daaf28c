/**
 * Who may do what to a 整改事项 (issue 13): pure predicates over loaded rows. The commands call them before changing
 * anything, and abilities() sends the same answers to the browser.
 *
 * - The raiser (the office, or the evaluating department that turned its lost criteria into items) supervises the
 *   item: 催办 / 督办单, extension and closure decisions.
 * - The owner unit reports progress, asks for an extension (before the deadline) and for closure (申请销号).
 * - The office and the leaders see every item; a department or a unit the items it owns or raised.
 */
import { can } from '../../../shared/permissions';
import { RECTIFICATION_LIVE } from '../../../shared/workflow/rectification';
import type { SessionUser } from '../../core/session';
import type { RectificationRow } from './rectification.queries';

export const isRaiser = (u: SessionUser, r: RectificationRow): boolean => u.orgUnitId === r.raised_by_org_id && can(u.role, 'rectification.raise');
export const isOwner = (u: SessionUser, r: RectificationRow): boolean => u.orgUnitId === r.owner_org_id && can(u.role, 'workplan.report');
export const seesAll = (u: SessionUser): boolean => (u.role === 'office' || u.role === 'leader') && can(u.role, 'workplan.read');
export const mayRead = (u: SessionUser, r: RectificationRow): boolean => seesAll(u) || u.orgUnitId === r.owner_org_id || u.orgUnitId === r.raised_by_org_id;
export const isLive = (r: RectificationRow): boolean => RECTIFICATION_LIVE.includes(r.status);

/** the office raises from any lost criterion; an evaluating department from the criteria it scored */
export const mayRaiseFromCriterion = (u: SessionUser, departmentCode: string | null, myOrgCode: string): boolean =>
  can(u.role, 'rectification.raise') && (u.role === 'office' || (departmentCode !== null && departmentCode === myOrgCode));

export function abilities(u: SessionUser, r: RectificationRow) {
  const live = isLive(r);
  return {
    report: live && isOwner(u, r),
    askExtension: live && isOwner(u, r),
    askClosure: live && isOwner(u, r),
    decide: isRaiser(u, r) && r.status !== 'closed',
    notice: live && isRaiser(u, r),
  };
}
