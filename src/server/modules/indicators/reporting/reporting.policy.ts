/**
 * Who reports, reviews, accepts and sees which plan-indicator value (issue 12, 数据填报与审核). The route
 * permissions (indicators.report / review / manage in src/shared/permissions.ts) say what a role may do at all;
 * these predicates say on which value. A value is keyed by (period, indicator, unit the value is for).
 *
 * - The province's plan: each member department reports the PROVINCE's value of the indicators in its
 *   departments_json; each city (unit role, org kind city) reports its own value of every indicator.
 * - A city's plan: the city (unit role) reports the city's values.
 * - Review (审核): on the province's plan the responsible department (departments_json), for the province's and the
 *   cities' values alike, or the office where no department is named; on a city's own plan the city's office (the
 *   province's departments do not see a city's own plan, indicators.policy relationTo).
 * - Acceptance (确认), periods, reopening: the office that owns the plan. The office may also return a value.
 * - Seeing: the owner office and the province's leader see all (the office above a city's plan, read-only, all but drafts), a city's leader as its city does; a department its indicators of the province's plan; a city its
 *   own values and the province's, and so does a city's office on the province's plan (read-only). A draft is seen by its reporter and the plan's office only (the content is not
 *   reported until it is submitted).
 * Pure predicates over loaded rows; the commands call them and the abilities sent to the page come from them.
 */
import type { SessionUser } from '../../../core/session';
import { lockDate, windowState, type PeriodWindow } from '../../../../shared/indicators/checks';
import { byWhomWhen, type RecordedChange } from '../../../core/audit';
import { findTransition } from '../../../../shared/workflow/workflow';
import { INDICATOR_VALUE_EDITABLE, INDICATOR_VALUE_WORKFLOW, reopenUnderWay, type IndicatorValueEvent, type IndicatorValueStatus } from '../../../../shared/workflow/indicators';

export interface PlanScope {
  id: number;
  ownerOrgId: number;
  regionOrgId: number;
  /** the region is the province (the province's plan) or a city (a city's own plan) */
  regionKind: 'province' | 'city' | 'county' | 'department' | 'office';
  /** the region's parent unit (a city's plan: the province), whose office supervises the plan */
  regionParentId: number | null;
  /** the region's cities (the province's plan; none for a city's): whose offices read the plan (isCityOfficeBelow) */
  regionCityIds: readonly number[];
}
export interface IndicatorScope {
  id: number;
  departments: string[];
}
/** the unit a value is for */
export interface UnitScope {
  id: number;
  kind: 'province' | 'city' | 'county' | 'department' | 'office';
  parentId: number | null;
}

export type Viewer = Pick<SessionUser, 'role' | 'orgUnitId' | 'org'>;

const isDepartmentOf = (v: Viewer, ind: IndicatorScope) => v.role === 'department' && ind.departments.includes(v.org.code);
export const isPlanOffice = (v: Viewer, plan: PlanScope) => v.role === 'office' && v.orgUnitId === plan.ownerOrgId;
/**
 * The office above a city's own plan (the province's 质强办 over 岳阳市's plan, as indicators.policy relationTo lets
 * it read the plan's pages): it reads the plan's periods and reported values, but neither sets periods, reopens,
 * reviews nor accepts — that is the owner office's (isPlanOffice).
 */
export const isSupervisingOffice = (v: Viewer, plan: PlanScope) =>
  v.role === 'office' && !isPlanOffice(v, plan) && plan.regionKind === 'city' && plan.regionParentId !== null && v.org.parentId === plan.regionParentId;
/**
 * A city's office (岳阳市质强办, whose unit sits under its city) on the province's plan its city reports into — the
 * symmetric case, as indicators.policy relationTo lets every office read the province's plan, and seesAllCities() its
 * city's office read it as the city does: it reads the plan's periods, the province's reported values and its own
 * city's, but neither sets periods, reopens, reviews nor accepts (the province's office, isPlanOffice). Below by the
 * tree itself: the office's city is one of the plan's province's cities — not any office outside the province's own
 * units (another province's office, or a city office of another province, is no office below this plan).
 */
export const isCityOfficeBelow = (v: Viewer, plan: PlanScope) =>
  v.role === 'office' && !isPlanOffice(v, plan) && plan.regionKind === 'province' && v.org.parentId !== null && plan.regionCityIds.includes(v.org.parentId);

/** the unit is one the plan takes values for: its region, or (the province's plan) one of the province's cities */
export function unitInPlan(plan: Pick<PlanScope, 'regionOrgId' | 'regionKind'>, unit: UnitScope): boolean {
  if (unit.id === plan.regionOrgId) return true;
  return plan.regionKind === 'province' && unit.kind === 'city' && unit.parentId === plan.regionOrgId;
}

/**
 * The unit's value of this indicator is reported at all, whoever asks (a fact of the value, for its checks): a
 * city reports its own value of every indicator; the province's value is reported by a responsible department.
 */
export function unitReports(plan: PlanScope, ind: IndicatorScope, unit: UnitScope): boolean {
  if (!unitInPlan(plan, unit)) return false;
  return plan.regionKind === 'province' && unit.id === plan.regionOrgId ? ind.departments.length > 0 : true;
}

/** The viewer reports this indicator's value for this unit. */
export function mayReport(v: Viewer, plan: PlanScope, ind: IndicatorScope, unit: UnitScope): boolean {
  if (!unitReports(plan, ind, unit)) return false;
  if (plan.regionKind === 'province' && unit.id === plan.regionOrgId) return isDepartmentOf(v, ind);
  return v.role === 'unit' && v.org.kind === 'city' && v.orgUnitId === unit.id;
}

/** Why the viewer may not report this value (null: they may). */
export function reportRefusal(v: Viewer, plan: PlanScope, ind: IndicatorScope & { name: string }, unit: UnitScope & { name: string }): string | null {
  if (mayReport(v, plan, ind, unit)) return null;
  if (!unitReports(plan, ind, unit)) return `${unit.name}不负责填报指标「${ind.name}」`;
  return plan.regionKind === 'province' && unit.id === plan.regionOrgId ? `${unit.name}的「${ind.name}」由责任单位填报，不由您填报` : `${unit.name}的「${ind.name}」由${unit.name}填报，不由您填报`;
}

/** The units (of the given candidates) whose value of this indicator the viewer reports. */
export const reportedUnits = (v: Viewer, plan: PlanScope, ind: IndicatorScope, units: readonly UnitScope[]): UnitScope[] =>
  units.filter((u) => mayReport(v, plan, ind, u));

/**
 * The viewer reviews (审核) this indicator's values (of this unit, when given). Nobody checks a figure they reported:
 * the province's own figure is reported by the responsible department, so the plan's office reviews it (the
 * department had an 审核通过 button on its own submission).
 */
export function mayReview(v: Viewer, plan: PlanScope, ind: IndicatorScope, unit?: Pick<UnitScope, 'id'>): boolean {
  return reviewerOf(plan, ind, unit) === 'office' ? isPlanOffice(v, plan) : isDepartmentOf(v, ind);
}

/** A value's state in words: the workflow's, with "待质强办审核" instead of "待部门审核" where the office reviews. */
export function valueStatusLabel(plan: PlanScope, ind: IndicatorScope, unit: Pick<UnitScope, 'id'>, status: IndicatorValueStatus): string {
  return status === 'submitted' && reviewerOf(plan, ind, unit) === 'office' ? '待质强办审核' : INDICATOR_VALUE_WORKFLOW.states[status];
}

/** Who reviews: the responsible departments review the cities' figures of the province's plan; the office the rest. */
export function reviewerOf(plan: PlanScope, ind: IndicatorScope, unit?: Pick<UnitScope, 'id'>): 'office' | 'department' {
  if (plan.regionKind !== 'province' || ind.departments.length === 0) return 'office';
  return unit && unit.id === plan.regionOrgId ? 'office' : 'department';
}

export const mayAccept = (v: Viewer, plan: PlanScope) => isPlanOffice(v, plan);
export const mayManagePeriods = (v: Viewer, plan: PlanScope) => isPlanOffice(v, plan);

/** A return: the reviewer while the value waits for review, the plan's office while it waits on either. */
export function mayReturn(v: Viewer, plan: PlanScope, ind: IndicatorScope, status: IndicatorValueStatus, unit?: Pick<UnitScope, 'id'>): boolean {
  if (status === 'submitted') return mayReview(v, plan, ind, unit) || isPlanOffice(v, plan);
  if (status === 'reviewed') return isPlanOffice(v, plan);
  return false;
}

/** a move of a value by its reporter or checkers (the office's 重新开放 is reopenValue's own) */
export type ValueMove = Exclude<IndicatorValueEvent, 'reopen'>;

/**
 * Why the viewer may not make this move on this value's indicator and unit at all, whatever the value's state or
 * version (a 403, said before any 409 about a stale version or a state); null when they may in some state. A return
 * is the reviewer's or the plan office's; which of the two in the value's state is returnRefusal's.
 */
export function moveRefusal(v: Viewer, plan: PlanScope & { ownerName: string }, ind: IndicatorScope & { name: string }, unit: UnitScope & { name: string }, event: ValueMove): string | null {
  switch (event) {
    case 'submit':
      return reportRefusal(v, plan, ind, unit);
    case 'review':
      if (mayReview(v, plan, ind, unit)) return null;
      if (reviewerOf(plan, ind, unit) === 'department') return `「${ind.name}」由责任单位审核`;
      if (plan.regionKind !== 'province' || unit.id !== plan.regionOrgId) return `${unit.name}的「${ind.name}」由${plan.ownerName}审核`;
      // the reporter is told why it may not check its own figure; anyone else who reviews it
      return isDepartmentOf(v, ind) ? `全省的「${ind.name}」由责任单位填报、质强办审核，填报单位不能审核本单位报送的数据` : `全省的「${ind.name}」由${plan.ownerName}审核`;
    case 'accept':
      return mayAccept(v, plan) ? null : `只有${plan.ownerName}可以确认`;
    case 'return':
      return mayReview(v, plan, ind, unit) || isPlanOffice(v, plan) ? null : `只有审核单位或${plan.ownerName}可以退回${unit.name}的「${ind.name}」`;
  }
}

/** Why the viewer may not return the value in its state (a department's review done, it waits on the office); null when they may. */
export function returnRefusal(v: Viewer, plan: PlanScope & { ownerName: string }, ind: IndicatorScope & { name: string }, unit: UnitScope & { name: string }, status: IndicatorValueStatus): string | null {
  if (mayReturn(v, plan, ind, status, unit)) return null;
  return status === 'reviewed' ? `${unit.name}的「${ind.name}」已审核通过，待${plan.ownerName}确认，只有${plan.ownerName}可以退回` : `只有审核单位或${plan.ownerName}可以退回${unit.name}的「${ind.name}」`;
}

/**
 * The viewer may make this move now (the page's review / accept / return buttons): the workflow allows it from the
 * value's state and the move is theirs (moveRefusal, and for a return returnRefusal) — the command's checks, in one.
 */
export function mayMove(v: Viewer, plan: PlanScope & { ownerName: string }, ind: IndicatorScope & { name: string }, unit: UnitScope & { name: string }, event: ValueMove, status: IndicatorValueStatus | null): boolean {
  if (status === null || !findTransition(INDICATOR_VALUE_WORKFLOW, status, event)) return false;
  if (moveRefusal(v, plan, ind, unit, event) !== null) return false;
  return event !== 'return' || returnRefusal(v, plan, ind, unit, status) === null;
}

/**
 * Why the plan's office may not reopen (重新开放) this unit's value now — a 409's words; null when it may. A confirmed
 * value reopens for correction (the workflow's reopen); otherwise only after the lock, a value its unit could still
 * change (none yet, a draft, a returned one) that is not reopened already. The command and the row's button ask this.
 */
export function reopenRefusal(status: IndicatorValueStatus | null, window: 'not_open' | 'open' | 'late' | 'locked', reopened: boolean, names: { period: string; unit: string; indicator: string }): string | null {
  if (status === 'accepted') return null;
  if (status !== null && !INDICATOR_VALUE_EDITABLE.includes(status)) return `该数据当前为「${INDICATOR_VALUE_WORKFLOW.states[status]}」，由审核单位处理，无需重新开放`;
  if (window !== 'locked') return `${names.period}填报期尚未锁定，${names.unit}仍可填报，无需重新开放`;
  if (reopened) return `${names.unit}的「${names.indicator}」已重新开放`;
  return null;
}

/** The viewer may see this value (status: the value's, when there is one; a draft is its reporter's and the office's). */
export function maySee(v: Viewer, plan: PlanScope, ind: IndicatorScope, unit: UnitScope, status?: IndicatorValueStatus): boolean {
  if (isPlanOffice(v, plan)) return true;
  if (status === 'draft') return mayReport(v, plan, ind, unit);
  if (!maySeePlan(v, plan)) return false;
  if (isSupervisingOffice(v, plan)) return true;
  if (isCityOfficeBelow(v, plan)) return unit.id === plan.regionOrgId || unit.id === v.org.parentId;
  if (v.role === 'leader') return v.org.kind === 'province' || unit.id === plan.regionOrgId || unit.id === v.orgUnitId || unit.id === v.org.parentId;
  if (v.role === 'department') return ind.departments.includes(v.org.code) || mayReview(v, plan, ind);
  if (v.role === 'unit') return unit.id === v.orgUnitId || (plan.regionKind === 'province' && unit.id === plan.regionOrgId);
  return false;
}

/** The viewer sees the plan at all (its periods). */
export function maySeePlan(v: Viewer, plan: PlanScope): boolean {
  if (isPlanOffice(v, plan) || isSupervisingOffice(v, plan) || isCityOfficeBelow(v, plan)) return true;
  // a leader reads as its region does: the province's leader every plan, a city's (or county's) leader the province's and its city's own
  if (v.role === 'leader') return plan.regionKind === 'province' || v.org.kind === 'province' || v.orgUnitId === plan.regionOrgId || v.org.parentId === plan.regionOrgId;
  // a department works on the province's plan; a city's own plan is the city's (indicators.policy relationTo)
  if (v.role === 'department') return plan.regionKind === 'province';
  if (v.role === 'unit') return plan.regionKind === 'province' ? v.org.kind === 'city' && v.org.parentId === plan.regionOrgId : v.orgUnitId === plan.regionOrgId;
  return false;
}

/**
 * A returned value its reporter cannot change: the period is locked and the office has not reopened the value (a
 * return by the reviewer after the lock, or a return the lock overtook). Nobody but 质强办 can move it on (重新开放),
 * so the sheet says so, the reporter's to-do says so, and the office gets a to-do to reopen it.
 */
export const returnBehindLock = (status: IndicatorValueStatus | null, window: 'not_open' | 'open' | 'late' | 'locked', reopened: boolean): boolean =>
  status === 'returned' && window === 'locked' && !reopened;

/** The stored value (if any) is reopened by the office and not yet accepted again (reopenUnderWay): its window stays open. */
export const isReopened = (v: { status: IndicatorValueStatus; reopen_reason: string | null } | undefined): boolean => !!v && reopenUnderWay({ status: v.status, reopenReason: v.reopen_reason });

/**
 * Attachments (附件) of a value: why nobody may add or remove files now, or null. Files follow the value: its
 * reporter changes them while the value is editable (a draft or returned) and the window is open, late or
 * reopened; a submitted, reviewed or accepted value keeps its files as they were.
 */
export function attachmentLock(status: IndicatorValueStatus, window: 'not_open' | 'open' | 'late' | 'locked', reopened: boolean): string | null {
  if (!INDICATOR_VALUE_EDITABLE.includes(status)) return `当前为「${INDICATOR_VALUE_WORKFLOW.states[status]}」，附件不能再增删（退回后可修改）`;
  if (window === 'locked' && !reopened) return '的填报期已锁定，附件不能再增删（需由质强办重新开放）';
  return null;
}

/**
 * A file of a value reopened for correction (重新开放更正) that the confirmed figure was confirmed with — uploaded by
 * its acceptance — stays while the correction is under way: that figure is still in force (monitoring, exports, the
 * lagging to-do read it), so its basis may not go; the correction's own files come and go. The words of the 409, or null.
 */
export function attachmentKept(value: { status: IndicatorValueStatus; confirmed_value: number | null; accepted_at: string | null }, label: string, uploadedAt: string): string | null {
  if (value.status === 'accepted' || value.confirmed_value === null || value.accepted_at === null || uploadedAt > value.accepted_at) return null;
  return `是${label}已确认数值（在用）的附件，更正稿确认之前不能删除；更正的依据请另行上传`;
}

/** the last day a period may close: the contract's last year (beyond it the lock date would leave the calendar) */
export const LAST_CLOSING_DAY = '2100-12-31';

/**
 * Why a period's dates make no sense (null: they do), given the closing day is not before the opening day: it opens
 * before the year it collects (a 2025 period cannot open in 2024), its window runs more than a year, or it closes
 * after LAST_CLOSING_DAY (9999-12-31 made a lock date of +010000-01). `label` names the period (2025年度).
 */
export function periodDatesProblem(p: PeriodWindow & { year: number }, label: string, today: string): { field: 'opensOn' | 'closesOn'; message: string } | null {
  const yearStart = `${p.year}-01-01`;
  if (p.opensOn < yearStart) return { field: 'opensOn', message: `${label}的填报期不能早于${yearStart}开始（填写的是${p.opensOn}）` };
  if (p.closesOn > LAST_CLOSING_DAY) return { field: 'closesOn', message: `填报期的截止日期不能晚于${LAST_CLOSING_DAY}（填写的是${p.closesOn}）` };
  const aYearOn = `${Number(p.opensOn.slice(0, 4)) + 1}${p.opensOn.slice(4)}`;
  if (p.closesOn > aYearOn) return { field: 'closesOn', message: `填报期的截止日期不能晚于开始日期一年以上（开始${p.opensOn}，截止${p.closesOn}）` };
  // a period locked the day it is set takes no figure from anyone (a period cannot be changed once set, and each
  // value would have to be reopened one by one): a slip of the year in the closing date, refused here
  if (windowState(p, today) === 'locked') {
    return { field: 'closesOn', message: `按所填的截止日期和锁定天数，${label}填报期已于${lockDate(p)}锁定，各单位都无法填报；请核对截止日期` };
  }
  return null;
}

const CHANGE_WORDS: Record<string, string> = { save: '保存', submit: '提交', review: '审核通过', accept: '确认', return: '退回', reopen: '重新开放' };

/**
 * The words of a 409 of a change to a value that lost to another (its version or state moved since the page was
 * read): who changed it, for which unit, how and when — as the house's other lost races say it. The same move made
 * twice is told it is done; anything else to refresh and look first.
 */
export function valueChangedMessage(last: RecordedChange | undefined, doing: ValueMove | 'save' | 'reopen', me?: number): string {
  return changeMessage(last?.action.split('.')[1] ?? '', last ? byWhomWhen(last, me) : null, doing);
}

/** valueChangedMessage's words from the winning change's event and who made it when (null: nobody known) */
export function changeMessage(event: string, whoWhen: string | null, doing: ValueMove | 'save' | 'reopen'): string {
  const what = CHANGE_WORDS[event];
  if (!whoWhen || !what) return '该数据已被他人修改，请刷新后重试';
  const tail = doing === event && doing !== 'save' ? `无需再次${what}` : doing === 'save' ? '请刷新后在其基础上修改' : '请刷新后查看最新内容再操作';
  return `该数据已由${whoWhen}${what}，${tail}`;
}

/**
 * A value's latest move read from its own columns, for a value no audit row tells of (the demo's figures, seeded as
 * rows): who submitted, reviewed or accepted it and when, by its state; null where the row does not say (a draft, a return).
 */
export function rowMove(v: { status: IndicatorValueStatus; submitted_by: number | null; submitted_at: string | null; reviewed_by: number | null; reviewed_at: string | null; accepted_by: number | null; accepted_at: string | null }): { event: ValueMove; by: number; at: string } | null {
  const [event, by, at] = v.status === 'submitted' ? (['submit', v.submitted_by, v.submitted_at] as const) : v.status === 'reviewed' ? (['review', v.reviewed_by, v.reviewed_at] as const) : v.status === 'accepted' ? (['accept', v.accepted_by, v.accepted_at] as const) : [null, null, null];
  return event && by !== null && at !== null ? { event, by, at } : null;
}
