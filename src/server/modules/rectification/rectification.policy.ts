/**
 * Who may do what to a 整改事项 (issue 13): pure predicates over loaded rows. The commands call them before changing
 * anything, and abilities() sends the same answers to the browser.
 *
 * - The raiser (the office, or the evaluating department that turned its lost criteria into items) supervises the
 *   item: 催办 / 督办单, extension and closure decisions.
 * - The owner unit reports progress, asks for an extension (before the deadline) and for closure (申请销号).
 * - An office or a leader sees the items of its region: the province's every item, a city's those owned or raised
 *   by the city, its counties or its office (the units under it); a department or a unit the items it owns or raised.
 * - A progress report is the owner's draft until submitted (only the owner sees a draft); the raiser may send the latest
 *   submitted report back (退回) while no other report is being corrected; submitted reports are read-only.
 */
import { can } from '../../../shared/permissions';
import { mayOwnRectification, RECTIFICATION_LIVE, RECTIFICATION_REPORT_EDITABLE } from '../../../shared/workflow/rectification';
import { addDays, latestDueOn, MAX_DUE_YEARS } from '../../../shared/workplan/rules';
import type { SessionUser } from '../../core/session';
import type { ItemLineage, ItemReportRow, RectificationRow } from './rectification.queries';

export const isRaiser = (u: SessionUser, r: RectificationRow): boolean => u.orgUnitId === r.raised_by_org_id && can(u.role, 'rectification.raise');
export const isOwner = (u: SessionUser, r: RectificationRow): boolean => u.orgUnitId === r.owner_org_id && can(u.role, 'workplan.report');
/** the region an office or a leader oversees (a province or city unit itself; an office's the unit above it), or null */
export const overseenRegion = (u: SessionUser): number | null =>
  (u.role === 'office' || u.role === 'leader') && can(u.role, 'workplan.read') ? (u.org.kind === 'province' || u.org.kind === 'city' ? u.orgUnitId : u.org.parentId) : null;
export const mayRead = (u: SessionUser, r: RectificationRow, lineage: ItemLineage): boolean => {
  // the unit's own roles that read items at all: an evaluation expert's account sits in the office's unit but reads no
  // 整改事项 (nor, through this rule, their reports' attachments)
  if (!can(u.role, 'workplan.read')) return false;
  if (u.orgUnitId === r.owner_org_id || u.orgUnitId === r.raised_by_org_id) return true;
  const region = overseenRegion(u);
  return region !== null && (lineage.owner.includes(region) || lineage.raiser.includes(region));
};
/**
 * An item raised at the office's own level (by the office or by a unit under the same province or city: its member
 * departments), from both units' lineages ([itself, parent, grandparent]): what the office's 整改事项通报 covers.
 */
export const raisedAtLevelOf = (office: readonly number[], raiser: readonly number[]): boolean => office[1] !== undefined && raiser[1] === office[1];
export const isLive = (r: RectificationRow): boolean => RECTIFICATION_LIVE.includes(r.status);

/**
 * Why a deadline may not be set for an item today (raising it from any source, or extending it), or null: it must be
 * after today (an item is not born overdue) and within MAX_DUE_YEARS (a slip such as 9999-12-31 would make every
 * item's monthly periods run for millennia, on every list and every user's 待办).
 */
export function dueOnRefusal(dueOn: string, today: string, field = 'dueOn', label = '整改期限'): { field: string; message: string } | null {
  if (dueOn <= today) return { field, message: `${label}须晚于今天（${today}）` };
  const latest = latestDueOn(today);
  if (dueOn > latest) return { field, message: `${label}不能晚于${latest}（最长${MAX_DUE_YEARS}年），请核对日期` };
  return null;
}

/**
 * Why a 整改事项通报 may not carry this 成文日期 (a field problem), or null: within a year of today, either way. The
 * notice states the items as of its date and registers its 文号 for it; a slip such as 1000-01-01 or 9999-12-31 would
 * print (and number) a 公文 of another millennium.
 */
export function noticeDateRefusal(date: string, today: string): { field: string; message: string } | null {
  const earliest = addDays(today, -365);
  const latest = addDays(today, 365);
  if (date >= earliest && date <= latest) return null;
  return { field: 'date', message: `成文日期须在${earliest}至${latest}之间（今天前后一年内），请核对日期` };
}

/**
 * An evaluation's applicant still owes its first answer (the 答复整改情况 to-do): an item of a deduction or on-site
 * finding, open, never answered and without a report. An answered item whose closure was sent back is open again
 * but owes no second answer: its owner goes on with reports (the answer is given once, answerRefusal).
 */
export const answerOwed = (r: RectificationRow, reports: readonly Pick<ItemReportRow, 'rectification_id'>[]): boolean =>
  (r.source_type === 'evaluation' || r.source_type === 'evaluation_site') && r.status === 'open' && r.answer === null && !reports.some((x) => x.rectification_id === r.id);
/** why the applicant may not answer this item (a Chinese sentence), or null */
export const answerRefusal = (r: RectificationRow): string | null => (r.answer !== null ? '该整改事项已答复过整改情况，后续进展请在整改事项页报送' : null);

/**
 * Why a unit may not be the 责任单位 of an item (a field problem in Chinese), or null: it must be a city, a county or
 * a member department (mayOwnRectification) — the province itself or an office answers no 整改要求.
 */
export function ownerRefusal(org: { name: string; kind: string }, field = 'orgId'): { field: string; message: string } | null {
  if (mayOwnRectification(org.kind)) return null;
  return { field, message: `责任单位不能是${org.name}：整改要求向市州、县市区或成员单位提出，由其报送整改进展；请选择数值滞后的市州、县市区，或就本级数值选择该指标的责任成员单位` };
}

/** the office raises from any lost criterion; an evaluating department from the criteria it scored */
export const mayRaiseFromCriterion = (u: SessionUser, departmentCode: string | null, myOrgCode: string): boolean =>
  can(u.role, 'rectification.raise') && (u.role === 'office' || (departmentCode !== null && departmentCode === myOrgCode));

type ReportState = Pick<ItemReportRow, 'id' | 'rectification_id' | 'status'>;
/** the item's report being written or corrected (a draft or one sent back), at most one */
export const openReportOf = <T extends ReportState>(r: RectificationRow, reports: T[]): T | undefined =>
  reports.find((x) => x.rectification_id === r.id && RECTIFICATION_REPORT_EDITABLE.includes(x.status));
/** the owner edits a draft or a returned report (and its attachments) while the item is live */
export const mayEditReport = (u: SessionUser, r: RectificationRow, report: ReportState): boolean => isLive(r) && isOwner(u, r) && RECTIFICATION_REPORT_EDITABLE.includes(report.status);
/** a draft is the owner's alone; submitted and returned reports are read by whoever reads the item */
export const maySeeReport = (u: SessionUser, r: RectificationRow, lineage: ItemLineage, report: ReportState): boolean =>
  mayRead(u, r, lineage) && (report.status !== 'draft' || u.orgUnitId === r.owner_org_id);
/** The one report the raiser may send back now: the latest submitted, while no report is being corrected. */
export function returnableReport<T extends ReportState>(r: RectificationRow, reports: T[]): T | undefined {
  const mine = reports.filter((x) => x.rectification_id === r.id);
  if (!isLive(r) || openReportOf(r, mine)) return undefined;
  return mine.filter((x) => x.status === 'submitted').at(-1);
}
/** why this report may not be sent back (a Chinese sentence), or null */
export function returnRefusal(u: SessionUser, r: RectificationRow, report: ReportState, reports: ReportState[]): string | null {
  if (!isRaiser(u, r)) return '只有提出整改要求的单位可以退回整改进展';
  if (!isLive(r)) return r.status === 'closed' ? '该整改事项已销号，不能再退回进展报告' : '该整改事项已申请销号，待审核，不能退回进展报告';
  if (report.status !== 'submitted') return report.status === 'returned' ? '该进展报告已退回，待责任单位修改后重新报送' : '该进展报告尚未报送';
  if (openReportOf(r, reports)) return '责任单位正在修改另一份进展报告，待其报送后再审阅';
  if (returnableReport(r, reports)?.id !== report.id) return '只能退回最近一次报送的进展报告';
  return null;
}

/**
 * What the item's page offers `u`: the commands' rules. `reportRefusal` is newReportRefusal (the presenter's, which
 * knows the periods): with no report being written or corrected, the owner's form gives way to it; an extension is asked
 * while none is pending (askExtension refuses a second); `closureWaits` is closureWaitsOfItem, which askClosure refuses with.
 */
export function abilities(
  u: SessionUser,
  r: RectificationRow,
  reports: ReportState[] = [],
  o: { extensions: readonly { status: string }[]; reportRefusal: string | null; closureWaits: string | null; newReportPeriod?: string | null; late?: 'required' | 'optional' | null; lateHint?: string | null } = { extensions: [], reportRefusal: null, closureWaits: null },
) {
  const live = isLive(r);
  const back = isRaiser(u, r) ? returnableReport(r, reports) : undefined;
  const writing = live && isOwner(u, r);
  const reportWaits = writing && !openReportOf(r, reports) ? o.reportRefusal : null;
  return {
    report: writing && reportWaits === null,
    /** the month a new report answers (periodForReport's label), for the form's title; null when a draft or a returned report is open, or none may be written */
    reportPeriod: writing && reportWaits === null && !openReportOf(r, reports) ? (o.newReportPeriod ?? null) : null,
    /** why the owner has no report to write now (every month begun reported), or null */
    reportWaits,
    /** whether the report being written asks for a 逾期原因 (lateReasonFor in the presenter), and what the form says beside it */
    lateReason: writing && reportWaits === null ? (o.late ?? null) : null,
    lateReasonHint: writing && reportWaits === null ? (o.lateHint ?? null) : null,
    askExtension: writing && !o.extensions.some((e) => e.status === 'pending'),
    askClosure: writing,
    /** why 申请销号 waits (closureWaitsOfItem: a report sent back, or a month's report late), for the owner; null otherwise */
    closureWaits: writing ? o.closureWaits : null,
    decide: isRaiser(u, r) && r.status !== 'closed',
    notice: live && isRaiser(u, r),
    returnReportId: back?.id ?? null,
  };
}
