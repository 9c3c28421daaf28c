/**
 * Who may do what in work plan supervision: pure predicates over loaded rows. The commands call them before
 * changing anything, and abilities() sends the same answers to the browser.
 *
 * - The issuing office manages its plan (import, edit, publish, 催办 / 督办单, extensions, closure review).
 * - A draft is seen by the issuing office only; a published plan by every role with workplan.read.
 * - A unit of a task (lead, cooperating or responsible; an office named as one too: actsForOwnOrg) signs for it and
 *   reports its own part; the consolidating unit — the lead, or the issuing office where nobody leads — writes the
 *   task's consolidated report, sees the sub-reports, returns them, asks for extensions and for closure. Cooperating
 *   units see the consolidated report.
 * - Once the year's supervision has ended (supervisionRefusal) the plan is a record: no 签收, 报送, 申请延期 or 办结,
 *   milestone change, 催办 or 退回; the office still decides the requests asked before the end.
 */
import { dayText } from '../../../shared/deadline';
import { can } from '../../../shared/permissions';
import { OWN_DEADLINE_RULE, ownDeadlineLatest as sharedOwnDeadlineLatest, returnWaitsForClosure, supervisionEnded, supervisionEndedRefusal, type AfterSupervision } from '../../../shared/workplan/rules';
import { findTransition } from '../../../shared/workflow/workflow';
import { TASK_REPORT_EDITABLE, TASK_REPORT_WORKFLOW } from '../../../shared/workflow/workplan';
import { concealed, conflict, forbidden, notFound, type AppError } from '../../core/errors';
import type { SessionUser } from '../../core/session';
import type { ClosureRow, ExtensionRow, PlanRow, RegionalPlanRow, ReportRow, TaskRow, UnitRow } from './workplan.queries';

/**
 * A plan's supervision as it stands on a day: its year, its end (planEnd in workplan.presenter.ts) and the day — the
 * real today, never a day looked back on (回看), so the page offers what the server would take now.
 */
export interface Supervision {
  year: number;
  end: string;
  today: string;
}

/**
 * Why `action` is not done on the plan's tasks any more, or null: its year's supervision has ended
 * (supervisionEndedRefusal in src/shared/workplan/rules.ts, which says what is refused and what is still decided, and
 * why). The commands answer with it (409) and abilities() is the same rule.
 */
export function supervisionRefusal(s: Supervision, action: AfterSupervision): AppError | null {
  const message = supervisionEndedRefusal(s, action);
  return message ? conflict(message) : null;
}

export const consolidatorOf = (plan: PlanRow, task: Pick<TaskRow, 'lead_org_id'>): number => task.lead_org_id ?? plan.issuer_org_id;

export const isIssuer = (u: SessionUser, plan: PlanRow): boolean => u.orgUnitId === plan.issuer_org_id && can(u.role, 'workplan.manage');
export const mayManage = isIssuer;

/** the region a user works in: a province or city unit itself; an office, a department or a county the unit above it */
const regionOf = (u: SessionUser): number | null => (u.org.kind === 'province' || u.org.kind === 'city' ? u.orgUnitId : u.org.parentId);
/** whether a plan is issued for the user's own region (the province's plan for a province leader or department, a city's for its units) */
export const isOwnRegion = (u: SessionUser, plan: RegionalPlanRow): boolean => plan.issuer_region_id === regionOf(u);
/**
 * a plan that covers the user's region: its own (a city's plan for that city) or the province's, which every city
 * takes part in — never another city's (岳阳市's plan is no business of 长沙市's leader's 驾驶舱)
 */
export const coversRegion = (u: SessionUser, plan: RegionalPlanRow): boolean => isOwnRegion(u, plan) || plan.issuer_region_kind === 'province';
// own region 2, the province's 1, another city's 0
const nearness = (u: SessionUser, p: RegionalPlanRow): number => (isOwnRegion(u, p) ? 2 : coversRegion(u, p) ? 1 : 0);
/**
 * the plans of the user's own region first (the page opens on the first), then the province's, newest first within
 * each group: 长沙市's staff opened the page on 岳阳市's newer plan, not on the province's they report on
 */
export const ownRegionFirst = <P extends RegionalPlanRow>(u: SessionUser, plans: P[]): P[] => [...plans].sort((a, b) => nearness(u, b) - nearness(u, a));
/** a plan file is imported by the office that issues it (hunan-2023: the province's; a city office runs its own plan) */
export const mayImport = (u: SessionUser, issuerOrgId: number | undefined): boolean => u.orgUnitId === issuerOrgId && can(u.role, 'workplan.manage');
export const mayReadPlan = (u: SessionUser, plan: PlanRow): boolean => isIssuer(u, plan) || (plan.status === 'published' && can(u.role, 'workplan.read'));
/** an office writes its own yearly plan (a draft first, then its tasks one by one) */
export const mayCreatePlan = (u: SessionUser): boolean => u.org.kind === 'office' && can(u.role, 'workplan.manage');
/** a published plan: frozen, a change to it is a revision with a reason (a draft is edited directly) */
export const isPublished = (plan: Pick<PlanRow, 'status'>): boolean => plan.status === 'published';

/**
 * The roles that act for their own org on a task it is named on (签收, 报送, and as its consolidator 延期 / 办结):
 * department and unit staff (workplan.report), and office staff (workplan.manage) where their office is named — the
 * issuing office where it leads or consolidates, or another office a plan names (a city's 质强办 on a province task).
 * Which tasks: the org rules below (reportingOrgs, consolidatorOf, the task's units).
 */
const actsForOwnOrg = (u: SessionUser): boolean => can(u.role, 'workplan.report') || can(u.role, 'workplan.manage');

/** the orgs that report on a task: its units and the consolidator */
export const reportingOrgs = (plan: PlanRow, task: TaskRow, units: UnitRow[]): number[] => {
  const ids = units.filter((x) => x.task_id === task.id).map((x) => x.org_id);
  const c = consolidatorOf(plan, task);
  return ids.includes(c) ? ids : [c, ...ids];
};

/** a task among the user's own (本单位的督办任务): every task of a plan its office issues, else one its org reports on */
export const isMyTask = (u: SessionUser, plan: PlanRow, task: TaskRow, units: UnitRow[]): boolean => isIssuer(u, plan) || reportingOrgs(plan, task, units).includes(u.orgUnitId);

/** the user's own org reports on the task (department and unit staff; office staff where their office is a unit or consolidates) */
export const mayReportOn = (u: SessionUser, plan: PlanRow, task: TaskRow, units: UnitRow[]): boolean =>
  plan.status === 'published' && actsForOwnOrg(u) && reportingOrgs(plan, task, units).includes(u.orgUnitId);

export const isConsolidator = (u: SessionUser, plan: PlanRow, task: TaskRow): boolean =>
  u.orgUnitId === consolidatorOf(plan, task) && actsForOwnOrg(u);

export const maySign = (u: SessionUser, plan: PlanRow, task: TaskRow, unit: UnitRow | undefined): boolean =>
  plan.status === 'published' && task.status !== 'closed' && !!unit && unit.signed_at === null && actsForOwnOrg(u);

/**
 * A report is seen by its own unit; once reported (报送) also by the consolidator (all sub-reports) and the office, and
 * the consolidated one by every unit and the leaders. A draft is its unit's own until it is 报送 — the task page, its
 * files (workplan.attachments.ts) — as a 整改事项's draft is its owner's (maySeeReport in modules/rectification); a
 * report sent back (退回) stays in view of those who saw it reported.
 */
export function mayReadReport(u: SessionUser, plan: PlanRow, task: TaskRow, r: ReportRow): boolean {
  if (r.org_id === u.orgUnitId) return true;
  if (r.status === 'draft') return false;
  if (isIssuer(u, plan) || u.orgUnitId === consolidatorOf(plan, task)) return true;
  return r.consolidated === 1 && r.status === 'submitted' && can(u.role, 'workplan.read');
}

/** What a report, extension or closure request asked for by an id that names none is told (「进展报告12不存在」). */
export const rowMissing = (what: string, id: number): AppError => notFound(`${what}${id}不存在`);

/**
 * Why the caller may not 报送 this report, or null: a report it may not read (another unit's draft) is not there for it
 * (the 404 of an unknown id, as for 退回); one it reads but is not its own unit's, or on a task it does not report on, is
 * a 403.
 */
export function reportSubmitRefusal(u: SessionUser, plan: PlanRow, task: TaskRow, r: ReportRow, units: UnitRow[]): AppError | null {
  if (!mayReadReport(u, plan, task, r)) return concealed(rowMissing('进展报告', r.id), '该进展报告尚未报送，只有报送单位可以查看');
  if (r.org_id !== u.orgUnitId || !mayReportOn(u, plan, task, units)) return forbidden('只能报送本单位的进展报告');
  return null;
}

/** the consolidator returns a sub-report; the office returns the consolidated report */
export const mayReturnReport = (u: SessionUser, plan: PlanRow, task: TaskRow, r: ReportRow): boolean =>
  r.consolidated === 1 ? isIssuer(u, plan) : isConsolidator(u, plan, task) && r.org_id !== u.orgUnitId;

/**
 * Why the user may not return (退回) the progress report now, or null: a report it may not read (mayReadReport; a 404
 * as for an unknown id), the returner (mayReturnReport: the lead a
 * sub-report, the office the consolidated one; 403), the task not 销号, the year's supervision not ended
 * (supervisionRefusal: the unit could not report it again), not asking to close (returnWaitsForClosure), and the report
 * reported (TASK_REPORT_WORKFLOW). returnReport answers with it (the version checked after the 403); each
 * report on the task page carries it as abilities.return and, for a submitted report the caller would return, as
 * returnRefusal — so the page offers 退回 exactly when the command takes it.
 */
export function reportReturnRefusal(u: SessionUser, plan: PlanRow, task: TaskRow, r: ReportRow, s: Supervision): AppError | null {
  // a report the caller may not read (another unit's draft) is not there for it: the 404 of an unknown id, not 「尚未报送」
  if (!mayReadReport(u, plan, task, r)) return concealed(rowMissing('进展报告', r.id), '该进展报告尚未报送，只有报送单位可以查看');
  if (!mayReturnReport(u, plan, task, r)) return forbidden(r.consolidated === 1 ? '汇总报告只能由质强办退回' : '分报告只能由牵头单位退回');
  if (task.status === 'closed') return conflict('该任务已销号，不能再退回进展报告');
  const ended = supervisionRefusal(s, 'return');
  if (ended) return ended;
  const waits = returnWaitsForClosure(task.status, r.consolidated === 1);
  if (waits) return conflict(waits);
  if (!findTransition(TASK_REPORT_WORKFLOW, r.status, 'return')) return conflict(r.status === 'returned' ? '该进展报告已退回，待报送单位修改后重新报送' : '该进展报告尚未报送，不能退回');
  return null;
}

/**
 * Why a published task's 办理期限 may not be edited now (a field problem), or null: once the deadline in force has
 * passed, the task is 逾期 on it. Moving it by an edit would wipe that out (the light, the 逾期 to-dos, the 通报); a
 * deadline already missed moves only by 逾期后申请延期 (the lead asks, the office — another staff member for its own
 * task — approves, and lateness stays judged on the missed deadline).
 */
export function passedDeadlineEditRefusal(deadline: string, today: string): { field: string; message: string } | null {
  if (today <= deadline) return null;
  return { field: 'dueOn', message: `办理期限${deadline}已过，不能直接修改（修改会抹去逾期记录）；确需顺延的，请由牵头单位申请延期（逾期后申请），经质强办审批` };
}

/**
 * Why the office may not move a published task's deadline in force from `d.inForce` to `d.next` by an edit (of its
 * 办理期限, or of its lead), or null: on a task it consolidates itself (officeConsolidates: it leads, or nobody does; before or after the edit — taking
 * the lead in the same edit counts), a later deadline would be the office extending its own task with no second
 * person. It goes the way every lead's does: one of the office's staff asks (申请延期, with a reason, on the record),
 * another decides (decideRefusal), so the approval is a second person's. Bringing the deadline earlier stays an edit —
 * it binds the office itself — and a task a department leads keeps the office's revision with a reason (the office is
 * then not judging itself).
 * A task the office consolidates after the edit goes no later than its approved deadline either (`d.approved`,
 * approvedDeadlineOf: the lowest it has had since publication, raised only by approved extensions), not only no later
 * than the one in force: otherwise a few edits — hand the lead to a department, move the date, take the lead back —
 * would extend it all the same.
 * 403: the attempt is audited as a denied one with these words (route()).
 */
export function ownDeadlineRefusal(plan: PlanRow, task: TaskRow, leadId: number | null, d: { inForce: string; approved: string; next: string }): AppError | null {
  const latest = ownDeadlineLatest(plan, task, leadId, d);
  if (latest === null || d.next <= latest) return null;
  return forbidden(`${OWN_DEADLINE_RULE}（本办修改时最晚为${dayText(latest)}）`);
}

/**
 * The latest deadline the office may give a published task by an edit that leaves its lead `leadId`, or null when
 * ownDeadlineRefusal does not bind the edit: the shared rule (ownDeadlineLatest in src/shared/workplan/rules.ts), the
 * bound that refusal applies, which the edit form names before the office tries (the task page's ownDeadlineBounds).
 */
export const ownDeadlineLatest = (plan: PlanRow, task: TaskRow, leadId: number | null, d: { inForce: string; approved: string }): string | null =>
  sharedOwnDeadlineLatest({ published: plan.status === 'published', issuerId: plan.issuer_org_id, leadBefore: task.lead_org_id, leadAfter: leadId, inForce: d.inForce, approved: d.approved });

/** milestones are set, changed and removed by the office or the task's consolidator; only the consolidator marks one done */
export const mayPlanMilestones = (u: SessionUser, plan: PlanRow, task: TaskRow): boolean => mayManage(u, plan) || isConsolidator(u, plan, task);

/**
 * Why the user may not mark a milestone of the task done (确认节点完成), or null: the task's consolidator (the lead, or
 * the issuing office where nobody leads) of a published plan, while the task is not 销号 — a closed task is a record,
 * its milestones stay as they were when it closed — nor once the year's supervision has ended (supervisionRefusal).
 * Asking to close (待销号) does not stop it: the lead may still record
 * a step finished. abilities.milestoneDone is this rule; doneMilestone applies it to the task as read under its lock.
 */
export function milestoneDoneRefusal(u: SessionUser, plan: PlanRow, task: TaskRow, s: Supervision): AppError | null {
  if (!isConsolidator(u, plan, task)) return forbidden('只有牵头单位可以确认节点完成');
  if (plan.status !== 'published') return conflict('工作要点尚未发布，不能确认节点完成');
  if (task.status === 'closed') return conflict('该任务已销号，不能再确认节点完成');
  return supervisionRefusal(s, 'milestoneDone');
}

/**
 * Why the user may not decide the extension (审批延期) or closure request (销号 / 退回) now, or null: the issuing office
 * decides (403 otherwise), and never the person who asked — where the office consolidates a task itself (it leads, or
 * nobody does), one of its staff asks and another decides (403: 不能审批本人提出的…). decideExtension and decideClosure
 * answer with it before anything else; the task page's extensions and closures carry it (abilities.decide, and
 * decideRefusal for the one who asked, so the page says why), and the office's review to-do leaves out the asker.
 */
export function decideRefusal(u: SessionUser, plan: PlanRow, kind: 'extension' | 'closure', request: Pick<ExtensionRow | ClosureRow, 'created_by'>): AppError | null {
  if (!mayManage(u, plan)) return forbidden(kind === 'extension' ? '只有发文的质强办可以审批延期' : '只有发文的质强办可以审核办结申请');
  if (request.created_by === u.id) return forbidden(kind === 'extension' ? '不能审批本人提出的延期申请，请由质强办其他工作人员审批' : '不能审核本人提出的办结申请，请由质强办其他工作人员审核');
  return null;
}

/**
 * Why the user may not have the 工作要点落实情况通报 of the plan, or null: those with 通报 permission, once the plan is
 * published (a draft has nothing to report on). The plan's abilities.notice is this rule.
 */
export function planNoticeRefusal(u: SessionUser, plan: PlanRow): AppError | null {
  if (!can(u.role, 'workplan.notice')) return forbidden('您的角色不能下载落实情况通报');
  if (plan.status !== 'published') return conflict('工作要点尚未发布，发布后才能通报落实情况');
  return null;
}

/**
 * What the task page offers the user: the commands' rules, and none of the units' changes, 催办 or 督办单 once the
 * year's supervision has ended (supervisionRefusal); the office's decisions (decide) and its revisions (edit) stay.
 */
export function abilities(u: SessionUser, plan: PlanRow, task: TaskRow, units: UnitRow[], s: Supervision, extensions: readonly ExtensionRow[] = []) {
  const own = units.find((x) => x.task_id === task.id && x.org_id === u.orgUnitId);
  const running = !supervisionEnded(s.today, s.end);
  const open = plan.status === 'published' && task.status === 'open' && running;
  return {
    manage: mayManage(u, plan),
    edit: mayManage(u, plan) && task.status !== 'closed',
    sign: running && maySign(u, plan, task, own),
    report: open && mayReportOn(u, plan, task, units),
    consolidate: open && isConsolidator(u, plan, task),
    // one request pending at a time (askExtension refuses a second): the page shows the pending one instead
    askExtension: open && isConsolidator(u, plan, task) && !extensions.some((e) => e.task_id === task.id && e.status === 'pending'),
    askClosure: open && isConsolidator(u, plan, task),
    decide: mayManage(u, plan) && plan.status === 'published',
    notice: running && mayManage(u, plan) && plan.status === 'published' && task.status !== 'closed',
    milestones: task.status === 'open' && running && mayPlanMilestones(u, plan, task),
    milestoneDone: milestoneDoneRefusal(u, plan, task, s) === null,
  };
}

/**
 * The requests of a task that wait on the office and speak for the unit consolidating it now, each with the name of the
 * unit that asked (null when none is pending): its closure request (the task 待销号) and its extension request.
 */
export interface LeadRequests {
  closure: string | null;
  extension: string | null;
}

/** a task's pending requests (LeadRequests) from its rows; name: an org's name */
export function pendingOfLead(task: TaskRow, closures: readonly ClosureRow[], extensions: readonly ExtensionRow[], name: (orgId: number) => string | undefined): LeadRequests {
  const closure = task.status === 'closing' ? closures.find((x) => x.task_id === task.id && x.status === 'pending') : undefined;
  const extension = extensions.find((x) => x.task_id === task.id && x.status === 'pending');
  return {
    closure: task.status === 'closing' ? ((closure && name(closure.org_id)) ?? '牵头单位') : null,
    extension: extension ? (name(extension.org_id) ?? '牵头单位') : null,
  };
}

/**
 * Why no change of the task's units may move its consolidation now, or null: not while a request of the unit
 * consolidating is pending — its closure request (待销号) or its extension request (待审批). The request speaks for that
 * unit's work: the 销号 would close the task on it, an approved extension would set the deadline the new lead is judged
 * by, on a request it never made; so the office decides the request first (销号 or 退回; 同意 or 不同意延期), then changes
 * the lead. The task page's leadChangeRefusal (what the edit form says) is this rule's message.
 */
export function leadLockRefusal(pending: LeadRequests): AppError | null {
  if (pending.closure !== null) {
    return conflict(`${pending.closure}的办结申请待审核：请先销号或退回该申请，再调整牵头单位`, undefined, [{ field: 'units', message: '办结申请待审核，暂不能调整牵头单位' }]);
  }
  if (pending.extension !== null) {
    return conflict(`${pending.extension}的延期申请待审批：请先审批该申请（同意或不同意延期），再调整牵头单位`, undefined, [{ field: 'units', message: '延期申请待审批，暂不能调整牵头单位' }]);
  }
  return null;
}

/**
 * Why a change of the task's units may not move its consolidation to `leadId` (null: nobody leads, the office
 * consolidates), or null: a change that keeps the consolidating unit is free; one that moves it waits for the requests
 * pending (leadLockRefusal). updateTask reads them under the task's lock, which 申请延期 and 申请办结 take too, so a
 * request sent meanwhile is seen.
 */
export function leadChangeRefusal(plan: PlanRow, task: TaskRow, leadId: number | null, pending: LeadRequests): AppError | null {
  if (consolidatorOf(plan, { ...task, lead_org_id: leadId }) === consolidatorOf(plan, task)) return null;
  return leadLockRefusal(pending);
}

/**
 * The closure request sent back (退回) that the task's lead still has to act on (its to-do, with the office's reason), or
 * null: the task's latest closure request, returned, while the task is open (asking again makes a pending one; 销号 ends
 * it), the unit that asked still consolidates (a new lead did not ask), and it has not submitted its 汇总 report since the
 * return — reporting on is going on with the task, as a 整改事项's closure sent back ends with its next report.
 */
export function closureReturnedOf(plan: PlanRow, task: TaskRow, closures: readonly ClosureRow[], reports: readonly ReportRow[]): { id: number; reason: string } | null {
  const last = closures.filter((c) => c.task_id === task.id).at(-1);
  if (task.status !== 'open' || last?.status !== 'returned' || last.org_id !== consolidatorOf(plan, task)) return null;
  const since = last.decided_at ?? last.created_at;
  const reported = reports.some((r) => r.task_id === task.id && r.org_id === last.org_id && r.status === 'submitted' && (r.submitted_at ?? '') > since);
  return reported ? null : { id: last.id, reason: last.decision_reason ?? '' };
}

/**
 * Attachments (附件) of a task report: why nobody may add or remove files now, or null. The files follow the
 * report: editable while it is a draft or returned and the task is open; a submitted report, a task asking to
 * close or closed, or any report once the year's supervision has ended (it can no longer be reported), keeps its files
 * as they were.
 */
export function reportAttachmentLock(task: TaskRow, r: ReportRow, s: Supervision): string | null {
  if (task.status === 'closed') return '所属任务已销号，附件不能再增删';
  const ended = supervisionEndedRefusal(s, 'attach');
  if (ended) return ended;
  if (task.status === 'closing') return '所属任务已申请办结，附件暂不能增删';
  if (!TASK_REPORT_EDITABLE.includes(r.status)) return '已报送，附件不能再增删（退回后可修改）';
  return null;
}

/** the report's own unit adds and removes its files (while reportAttachmentLock is null) */
export const mayAttachToReport = (u: SessionUser, plan: PlanRow, task: TaskRow, units: UnitRow[], r: ReportRow): boolean =>
  r.org_id === u.orgUnitId && mayReportOn(u, plan, task, units);
