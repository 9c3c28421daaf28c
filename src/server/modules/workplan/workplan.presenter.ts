/**
 * Rows → response shapes, with the two clocks' lights computed from the shared rules (src/shared/workplan/rules.ts)
 * for a given `today`: the route passes chinaDate(clock()), so a test moves time without waiting.
 */
import { chinaDayOf, dayText } from '../../../shared/deadline';
import {
  DEFAULT_POLICY,
  ESCALATION_LABELS,
  SCHEDULE_LABELS,
  closureWaitsForReports,
  daysBetween,
  effectiveDeadline,
  escalationStage,
  extensionLate,
  extensionOfRow,
  judgedDeadline,
  leadText,
  lightDay,
  periodsByDeadline,
  progressStart,
  reportingPeriods,
  stageWithNotices,
  supervisionEnd,
  supervisionEnded,
  taskLight,
  taskLightOf,
  type Light,
  type LightResult,
  type ReportingPeriod,
  type SupervisionPolicy,
} from '../../../shared/workplan/rules';
import type { DashboardWorkPlan } from '../../../shared/contracts/dashboard';
import type { WorkplanMatrix, WorkplanNotice } from '../../../shared/contracts/workplan';
import { workplanNoticeSubject } from '../../../shared/contracts/docnumbers';
import { UNIT_ROLE_LABELS } from '../../../shared/workplan/schema';
import { CLOSURE_WORKFLOW, EXTENSION_WORKFLOW, TASK_REPORT_WORKFLOW, WORK_PLAN_WORKFLOW, WORK_TASK_WORKFLOW } from '../../../shared/workflow/workplan';
import type { SessionUser } from '../../core/session';
import { abilities, consolidatorOf, ownDeadlineLatest, decideRefusal, isMyTask, leadLockRefusal, mayManage, pendingOfLead, mayReadReport, planNoticeRefusal, reportingOrgs, reportReturnRefusal, type Supervision } from './workplan.policy';
import type { ClosureRow, ExtensionRow, PlanBundle, PlanRow, ReportRow, RevisionRow, TaskRow, UnitRow } from './workplan.queries';

export const policyOf = (plan: PlanRow): SupervisionPolicy => ({ ...DEFAULT_POLICY, ...(JSON.parse(plan.policy_json) as Partial<SupervisionPolicy>) });

/** the task's reporting periods: those ending after the plan's publication (all of the year for a draft) */
export function periodsOf(plan: PlanRow, task: Pick<TaskRow, 'schedule'>): ReportingPeriod[] {
  const from = plan.published_at ? chinaDayOf(plan.published_at) : null;
  return reportingPeriods(plan.year, task.schedule, policyOf(plan).reportDays).filter((p) => !from || p.endOn >= from);
}
/** the periods the task reports: its periods beginning by its deadline in force (periodsByDeadline) */
export const taskPeriodsOf = (plan: PlanRow, task: TaskRow, extensions: ExtensionRow[]): ReportingPeriod[] => periodsByDeadline(periodsOf(plan, task), deadlineOf(task, extensions));
/** periods already begun (and begun by the deadline in force): their report is expected */
export const duePeriodsOf = (plan: PlanRow, task: TaskRow, today: string, extensions: ExtensionRow[]) =>
  plan.status === 'published' ? taskPeriodsOf(plan, task, extensions).filter((p) => p.startOn <= today) : [];

/**
 * periods whose report is owed: those due so far while the task is open. A task asked to be closed (closing) owes none
 * while the office decides (no report is taken then: ensureOpenTask), so nothing falls late, is 催办'd or 通报'd for it;
 * returned, it owes them again.
 */
export const owedPeriodsOf = (plan: PlanRow, task: TaskRow, today: string, extensions: ExtensionRow[]) =>
  task.status === 'open' ? duePeriodsOf(plan, task, today, extensions) : [];

/**
 * Why the task's lead may not ask to close it now (closureWaitsForReports), or null: a consolidated report returned, or
 * one of a period past its date not in. The command refuses with it; the task page shows it in place of the button.
 */
export function closureWaitsOf(plan: PlanRow, task: TaskRow, reports: readonly ReportRow[], extensions: ExtensionRow[], today: string): string | null {
  const label = new Map(periodsOf(plan, task).map((p) => [p.code, p.label]));
  const mine = reports.filter((r) => r.task_id === task.id && r.consolidated === 1);
  const sent = new Set(mine.filter((r) => r.status === 'submitted').map((r) => r.period));
  const unreported = duePeriodsOf(plan, task, today, extensions).filter((p) => p.dueOn < today && !sent.has(p.code)).map((p) => p.label);
  const returned = mine.filter((r) => r.status === 'returned').map((r) => label.get(r.period) ?? r.period);
  return closureWaitsForReports(returned, unreported);
}

/**
 * The period a unit's report form opens on: the earliest one past its date that the unit still owes (a late
 * half-year is what the 催办 is about), else the next one due, else the last; null for a unit that does not report.
 */
export function reportPeriodOf(periods: { code: string; dueOn: string }[], today: string, sent: (code: string) => boolean): string | null {
  const owed = periods.find((p) => p.dueOn < today && !sent(p.code));
  return owed?.code ?? periods.find((p) => p.dueOn >= today)?.code ?? periods[periods.length - 1]?.code ?? null;
}

export { extensionLate };
const extensionsFor = (task: TaskRow, extensions: ExtensionRow[]) => extensions.filter((e) => e.task_id === task.id).map(extensionOfRow);
export const deadlineOf = (task: TaskRow, extensions: ExtensionRow[]): string => effectiveDeadline(task.due_on, extensionsFor(task, extensions));

const periodIndex = (plan: PlanRow, task: TaskRow) => new Map(periodsOf(plan, task).map((p, i) => [p.code, i]));

/** the last submitted report of an org on a task (by period), optionally before a period */
export function lastSubmitted(plan: PlanRow, task: TaskRow, reports: ReportRow[], orgId: number, before?: string): ReportRow | null {
  const idx = periodIndex(plan, task);
  const limit = before === undefined ? Infinity : (idx.get(before) ?? Infinity);
  const mine = reports
    .filter((r) => r.task_id === task.id && r.org_id === orgId && r.submitted_at !== null && (idx.get(r.period) ?? -1) < limit)
    .filter((r) => r.status === 'submitted' || before !== undefined);
  mine.sort((a, b) => (idx.get(a.period) ?? 0) - (idx.get(b.period) ?? 0));
  return mine[mine.length - 1] ?? null;
}

/** the last day of the plan's supervision: its last report's or latest deadline's date plus the grace and notice days */
export function planEnd(b: Pick<PlanBundle, 'tasks' | 'extensions'>, plan: PlanRow): string {
  const dates = b.tasks.filter((t) => t.plan_id === plan.id).flatMap((t) => [deadlineOf(t, b.extensions), ...periodsOf(plan, t).slice(-1).map((p) => p.dueOn)]);
  return supervisionEnd(plan.year, dates, policyOf(plan));
}
/** the plan's supervision on `today` (the real today: what may be done now, supervisionRefusal) */
export const supervisionOf = (b: Pick<PlanBundle, 'tasks' | 'extensions'>, plan: PlanRow, today: string): Supervision => ({ year: plan.year, end: planEnd(b, plan), today });
/** the day the plan's lights are computed for: today (or the day asked for), never past the supervision's end */
export const planDay = (b: Pick<PlanBundle, 'tasks' | 'extensions'>, plan: PlanRow, today: string): string => lightDay(today, planEnd(b, plan));

/** whether an instant (ISO) had happened by the end of a China day */
const byDay = (iso: string | null, day: string): boolean => iso !== null && chinaDayOf(iso) <= day;

/** a report as it stood before its first 报送: a draft, neither submitted nor returned */
const unsent = (r: ReportRow): ReportRow => ({ ...r, status: 'draft', submitted_at: null, submitted_by: null, return_reason: null, returned_at: null, returned_by: null });

/**
 * A progress report as it stood at the end of `day`. The row keeps its last 报送 (submitted_at) and its last 退回
 * (returned_at): one returned later stood submitted (or not yet submitted, if that came later too); one submitted again
 * later after a 退回 by the day stood returned. One submitted again later whose last 退回 is later too stood as it did
 * before that 退回, which the row does not keep: it reads as not yet submitted. Its content is the row's (a returned
 * report corrected since shows the corrections).
 */
function reportOn(r: ReportRow, day: string): ReportRow {
  const sent = byDay(r.submitted_at, day);
  const returned = byDay(r.returned_at, day);
  if (r.status === 'returned' && !returned) return sent ? { ...r, status: 'submitted', return_reason: null, returned_at: null, returned_by: null } : unsent(r);
  if (r.status === 'submitted' && !sent) return returned ? { ...r, status: 'returned', submitted_at: null, submitted_by: null } : unsent(r);
  return r;
}

/**
 * The bundle as it stood at the end of `day` (China time), for what is shown as of an earlier day (回看, the 通报 of a
 * day, the analysis report's half-year): a report submitted later is not yet submitted, one returned later is still
 * submitted (reportOn); a closure or an extension asked
 * later is not there, one decided later is still pending; a task closed later is still open (or asking to close); a
 * notice issued later, a 签收 or a milestone done later have not happened. As of today it changes nothing.
 */
export function bundleOn(b: PlanBundle, day: string): PlanBundle {
  const closures = b.closures
    .filter((c) => byDay(c.created_at, day))
    .map((c) => (c.status === 'pending' || byDay(c.decided_at, day) ? c : { ...c, status: 'pending' as const, decision_reason: null, decided_by: null, decided_at: null }));
  const tasks = b.tasks.map((t) => {
    if (t.status === 'closed' && byDay(t.closed_at, day)) return t;
    const status = closures.some((c) => c.task_id === t.id && c.status === 'pending') ? ('closing' as const) : ('open' as const);
    return status === t.status ? t : { ...t, status, closed_at: null };
  });
  return {
    ...b,
    tasks,
    closures,
    units: b.units.map((u) => (u.signed_at === null || byDay(u.signed_at, day) ? u : { ...u, signed_at: null, signed_by: null })),
    reports: b.reports.map((r) => reportOn(r, day)),
    extensions: b.extensions
      .filter((e) => byDay(e.created_at, day))
      .map((e) => (e.status === 'pending' || byDay(e.decided_at, day) ? e : { ...e, status: 'pending' as const, decision_reason: null, decided_by: null, decided_at: null, judge_against_original: 0 })),
    notices: b.notices.filter((n) => byDay(n.issued_at, day)),
    milestones: b.milestones.map((m) => (m.done_at === null || byDay(m.done_at, day) ? m : { ...m, done_at: null })),
  };
}

/** a unit's light on a task; `b` as it stood on the day (bundleOn), as the views below pass it */
export function unitLight(b: PlanBundle, plan: PlanRow, task: TaskRow, orgId: number, todayIn: string): LightResult {
  const today = planDay(b, plan, todayIn);
  const mine = b.reports.filter((r) => r.task_id === task.id && r.org_id === orgId);
  const submitted = new Set(mine.filter((r) => r.status === 'submitted').map((r) => r.period));
  const returned = new Set(mine.filter((r) => r.status === 'returned').map((r) => r.period));
  const open = owedPeriodsOf(plan, task, today, b.extensions).filter((p) => !submitted.has(p.code));
  const closure = task.status === 'closing' ? b.closures.find((c) => c.task_id === task.id && c.status === 'pending') : undefined;
  return taskLight(
    {
      today,
      startOn: progressStart(plan.year),
      deadline: deadlineOf(task, b.extensions),
      judgedAgainst: judgedDeadline(task.due_on, extensionsFor(task, b.extensions)),
      closed: task.status === 'closed',
      closing: closure ? { askedOn: chinaDayOf(closure.created_at), label: '办结' } : null,
      openDueDates: open.map((p) => p.dueOn),
      returnedDueDates: open.filter((p) => returned.has(p.code)).map((p) => p.dueOn),
      progress: lastSubmitted(plan, task, b.reports, orgId)?.progress ?? null,
    },
    policyOf(plan),
  );
}

/**
 * a task's light on the day: its consolidating unit's, at least as severe as the worst of its other units'
 * (taskLightOf); `b` as it stood on the day (bundleOn)
 */
export function taskLightFor(b: PlanBundle, plan: PlanRow, task: TaskRow, todayIn: string): LightResult {
  const consolidator = consolidatorOf(plan, task);
  const others = b.units.filter((u) => u.task_id === task.id && u.org_id !== consolidator);
  return taskLightOf(
    unitLight(b, plan, task, consolidator, todayIn),
    others.map((u) => ({ name: b.names.get(u.org_id) ?? `单位${u.org_id}`, light: unitLight(b, plan, task, u.org_id, todayIn) })),
  );
}

const lightView = (l: LightResult) => ({ light: l.light, label: l.label, expected: l.expected, reasons: l.reasons });
const org = (b: PlanBundle, id: number) => ({ id, name: b.names.get(id) ?? `单位${id}` });

/** a task's row with its lights, as it stood on `today` (the day asked for, or today) */
export function taskRowView(all: PlanBundle, plan: PlanRow, row: TaskRow, today: string) {
  const b = bundleOn(all, today);
  const task = b.tasks.find((t) => t.id === row.id) ?? row;
  const consolidator = consolidatorOf(plan, task);
  const light = taskLightFor(b, plan, task, today);
  const units = b.units.filter((u) => u.task_id === task.id);
  return {
    id: task.id,
    number: task.number,
    part: task.part,
    partTitle: task.part_title,
    title: task.title,
    unitsText: task.units_text,
    lead: task.lead_org_id ? org(b, task.lead_org_id) : null,
    consolidator: org(b, consolidator),
    status: task.status,
    statusLabel: WORK_TASK_WORKFLOW.states[task.status],
    dueOn: task.due_on,
    deadline: deadlineOf(task, b.extensions),
    schedule: task.schedule,
    scheduleLabel: SCHEDULE_LABELS[task.schedule],
    progress: lastSubmitted(plan, task, b.reports, consolidator)?.progress ?? null,
    light: lightView(light),
    units: units.map((u) => ({ org: org(b, u.org_id), role: u.role, roleLabel: UNIT_ROLE_LABELS[u.role], signed: u.signed_at !== null, light: lightView(unitLight(b, plan, task, u.org_id, today)) })),
    version: task.version,
  };
}

export function planSummaryView(b: PlanBundle, plan: PlanRow, today: string) {
  const then = bundleOn(b, today);
  const tasks = then.tasks.filter((t) => t.plan_id === plan.id);
  const lights: Record<Light, number> = { green: 0, yellow: 0, red: 0, done: 0 };
  for (const t of tasks) lights[taskLightFor(then, plan, t, today).light]++;
  return {
    id: plan.id,
    year: plan.year,
    title: plan.title,
    issuer: org(b, plan.issuer_org_id),
    status: plan.status,
    statusLabel: WORK_PLAN_WORKFLOW.states[plan.status],
    revision: plan.revision,
    schedule: plan.schedule,
    publishedAt: plan.published_at,
    /** the lights are as of this day (today, the day asked for, or the end of supervision) */
    asOf: planDay(b, plan, today),
    supervisionEnd: planEnd(b, plan),
    /** the supervision ended by the day shown (the page says so, and what is no longer taken) */
    ended: supervisionEnded(today, planEnd(b, plan)),
    tasks: tasks.length,
    lights,
    version: plan.version,
  };
}

export function planDetailView(b: PlanBundle, plan: PlanRow, revisions: { revision: number; reason: string; created_at: string }[], u: SessionUser, today: string) {
  const source = JSON.parse(plan.source_json) as { targets: string | null; warnings: string[] };
  return {
    ...planSummaryView(b, plan, today),
    source,
    targets: source.targets ?? null,
    warnings: source.warnings ?? [],
    periods: reportingPeriods(plan.year, plan.schedule, policyOf(plan).reportDays).map((p) => ({ code: p.code, label: p.label, dueOn: p.dueOn })),
    revisions: revisions.map((r) => ({ revision: r.revision, reason: r.reason, createdAt: r.created_at })),
    taskRows: b.tasks.filter((t) => t.plan_id === plan.id).map((t) => taskRowView(b, plan, t, today)),
    abilities: { publish: mayManage(u, plan) && plan.status === 'draft', edit: mayManage(u, plan), manage: mayManage(u, plan), notice: planNoticeRefusal(u, plan) === null },
  };
}

/**
 * A pending extension or closure request's 同意 / 不同意 or 销号 / 退回 on the task page, from the decision commands' own
 * refusal (decideRefusal): offered when it is null; to the office's staff member who asked it, why not (the 403's
 * words). A request decided, or a caller outside the office, is offered and told nothing.
 */
function decideAbility(u: SessionUser, plan: PlanRow, kind: 'extension' | 'closure', request: ExtensionRow | ClosureRow) {
  if (request.status !== 'pending' || plan.status !== 'published') return { abilities: { decide: false }, decideRefusal: null };
  const refusal = decideRefusal(u, plan, kind, request);
  return { abilities: { decide: refusal === null }, decideRefusal: refusal && mayManage(u, plan) ? refusal.message : null };
}

/**
 * A report's 退回 on the task page, from the return command's own refusal (reportReturnRefusal): offered when it is
 * null; where the caller would return this submitted report but may not now (the task asks to close), the 409's words,
 * shown on a disabled button. A 销号 task is a record: nothing is offered or explained there.
 */
function returnAbility(u: SessionUser, plan: PlanRow, task: TaskRow, r: ReportRow, s: Supervision) {
  const refusal = reportReturnRefusal(u, plan, task, r, s);
  const explained = refusal !== null && refusal.status !== 403 && r.status === 'submitted' && task.status !== 'closed';
  return { abilities: { return: refusal === null }, returnRefusal: explained ? refusal.message : null };
}

/** a task's page as `u` sees it on `todayIn` (a day looked back on, or today); what it offers, as of `now` (the real today) */
export function taskDetailView(b: PlanBundle, plan: PlanRow, task: TaskRow, u: SessionUser, todayIn: string, revisionRows: RevisionRow[] = [], names = new Map<number, string>(), now: string = todayIn) {
  const today = planDay(b, plan, todayIn);
  const supervision = supervisionOf(b, plan, now);
  // the form's periods (those begun by the deadline in force); a report's label from all the task's periods
  const periods = taskPeriodsOf(plan, task, b.extensions);
  const label = new Map(periodsOf(plan, task).map((p) => [p.code, p.label]));
  const reports = b.reports.filter((r) => r.task_id === task.id && mayReadReport(u, plan, task, r));
  const orgs = reportingOrgs(plan, task, b.units);
  const submittedKey = new Set(b.reports.filter((r) => r.task_id === task.id && r.status === 'submitted').map((r) => `${r.org_id}:${r.period}`));
  const manage = mayManage(u, plan);
  // the escalation ladder of every unsubmitted report due so far (the office's view)
  const overdue = manage
    ? owedPeriodsOf(plan, task, today, b.extensions).flatMap((p) =>
        orgs
          .filter((o) => !submittedKey.has(`${o}:${p.code}`))
          .map((o) => {
            const stage = escalationStage({ dueOn: p.dueOn, submittedOn: null, today }, policyOf(plan));
            return { org: org(b, o), period: p.code, periodLabel: p.label, dueOn: p.dueOn, stage, stageLabel: ESCALATION_LABELS[stage] };
          })
          .filter((x) => x.stage !== 'due'),
      )
    : [];
  const may = abilities(u, plan, task, b.units, supervision, b.extensions);
  const ownBounds = may.edit && plan.status === 'published' ? { inForce: deadlineOf(task, b.extensions), approved: approvedDeadlineOf(task, revisionRows, b.extensions) } : null;
  return {
    plan: { id: plan.id, title: plan.title, status: plan.status, year: plan.year, issuerId: plan.issuer_org_id, asOf: today, supervisionEnd: supervision.end, ended: supervisionEnded(now, supervision.end) },
    task: { ...taskRowView(b, plan, task, todayIn), text: task.text },
    periods: periods.map((p) => ({ code: p.code, label: p.label, dueOn: p.dueOn })),
    milestones: b.milestones.filter((m) => m.task_id === task.id).map((m) => ({ id: m.id, title: m.title, dueOn: m.due_on, doneAt: m.done_at, version: m.version })),
    reports: reports.map((r) => ({
      id: r.id,
      org: org(b, r.org_id),
      period: r.period,
      periodLabel: label.get(r.period) ?? r.period,
      consolidated: r.consolidated === 1,
      progress: r.progress,
      progressReason: r.progress_reason,
      text: r.text,
      problems: r.problems,
      nextSteps: r.next_steps,
      status: r.status,
      statusLabel: TASK_REPORT_WORKFLOW.states[r.status],
      returnReason: r.return_reason,
      lateReason: r.late_reason,
      submittedAt: r.submitted_at,
      updatedAt: r.updated_at,
      version: r.version,
      ...returnAbility(u, plan, task, r, supervision),
    })),
    extensions: b.extensions
      .filter((e) => e.task_id === task.id)
      .map((e) => ({ id: e.id, org: org(b, e.org_id), fromDueOn: e.from_due_on, newDueOn: e.new_due_on, reason: e.reason, status: e.status, statusLabel: EXTENSION_WORKFLOW.states[e.status], decisionReason: e.decision_reason, judgeAgainstOriginal: e.judge_against_original === 1, late: extensionLate(e), createdAt: e.created_at, version: e.version, ...decideAbility(u, plan, 'extension', e) })),
    closures: b.closures
      .filter((c) => c.task_id === task.id)
      .map((c) => ({ id: c.id, org: org(b, c.org_id), summary: c.summary, status: c.status, statusLabel: CLOSURE_WORKFLOW.states[c.status], decisionReason: c.decision_reason, createdAt: c.created_at, decidedAt: c.decided_at, version: c.version, ...decideAbility(u, plan, 'closure', c) })),
    notices: b.notices
      .filter((n) => n.task_id === task.id && (manage || n.org_id === u.orgUnitId))
      .map((n) => ({ id: n.id, org: org(b, n.org_id), period: n.period, kind: n.kind, kindLabel: ESCALATION_LABELS[n.kind], text: n.text, replyBy: n.reply_by, issuedAt: n.issued_at })),
    overdue,
    revisions: taskRevisionsView(revisionRows, task.id, names),
    abilities: may,
    // why 申请办结 waits (closureWaitsOf), for the lead who may ask; null otherwise
    closureWaits: may.askClosure ? closureWaitsOf(plan, task, b.reports, b.extensions, now) : null,
    // what the edit form says before the units are changed: no new lead while the lead's request is pending (leadLockRefusal)
    leadChangeRefusal: may.edit ? (leadLockRefusal(pendingOfLead(task, b.closures, b.extensions, (id) => b.names.get(id)))?.message ?? null) : null,
    // the latest date the office may set itself, the lead left as it is: the bound ownDeadlineRefusal's 403 names
    // (ownDeadlineLatest); with the deadlines it comes from, for the form to name it, and the rule's words
    // (OWN_DEADLINE_RULE, shared), for the lead it shows
    ownDeadlineLatest: ownBounds ? ownDeadlineLatest(plan, task, task.lead_org_id, ownBounds) : null,
    ownDeadlineBounds: ownBounds,
    myOrg: orgs.includes(u.orgUnitId) ? org(b, u.orgUnitId) : null,
    reportPeriod: orgs.includes(u.orgUnitId) ? reportPeriodOf(periods, today, (code) => submittedKey.has(`${u.orgUnitId}:${code}`)) : null,
  };
}

/** what a revision's change_json holds (written by updateTask) */
export interface RevisionChange {
  taskId: number;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  units: { before: { orgId: number; role: string }[]; after: { orgId: number; role: string }[] } | null;
}
export const revisionChange = (r: Pick<RevisionRow, 'change_json'>): RevisionChange => JSON.parse(r.change_json) as RevisionChange;

/**
 * A published task's approved deadline: the lowest 办理期限 it has had since publication (the published one, or an
 * earlier one set by a revision since — an earlier date binds), raised only by the extensions approved. The office's
 * own task is edited no later than this (ownDeadlineRefusal), however many revisions it takes.
 */
export function approvedDeadlineOf(task: TaskRow, revisions: Pick<RevisionRow, 'change_json'>[], extensions: ExtensionRow[]): string {
  const revised = revisions.map(revisionChange).filter((c) => c.taskId === task.id);
  const dues = [task.due_on, ...revised.flatMap((c) => [c.before.dueOn, c.after.dueOn])].filter((d): d is string => typeof d === 'string');
  return deadlineOf({ ...task, due_on: dues.reduce((low, d) => (d < low ? d : low)) }, extensions);
}
/** the org ids a task's revisions name (leads and units), for their names */
export const revisionOrgIds = (rows: Pick<RevisionRow, 'change_json'>[]): number[] =>
  rows.flatMap((r) => {
    const c = revisionChange(r);
    return [c.before.leadOrgId, c.after.leadOrgId, ...(c.units ? [...c.units.before, ...c.units.after].map((u) => u.orgId) : [])].filter((x): x is number => typeof x === 'number');
  });

const REVISED_FIELDS: [key: string, label: string][] = [
  ['title', '任务标题'],
  ['part', '所属部分'],
  ['partTitle', '所属部分标题'],
  ['text', '任务内容'],
  ['dueOn', '办理期限'],
  ['schedule', '报送周期'],
  ['leadOrgId', '牵头单位'],
];

/** a task's revisions, newest first: who, when, why, and each field that changed (before → after, as words) */
export function taskRevisionsView(rows: RevisionRow[], taskId: number, names: Map<number, string>) {
  const name = (id: unknown) => (typeof id === 'number' ? (names.get(id) ?? `单位${id}`) : '无（按职责分工负责）');
  const word = (key: string, v: unknown): string => (key === 'leadOrgId' ? name(v) : key === 'schedule' ? (SCHEDULE_LABELS[v as keyof typeof SCHEDULE_LABELS] ?? String(v ?? '')) : String(v ?? ''));
  const unitsWord = (us: { orgId: number; role: string }[]) => us.map((u) => `${name(u.orgId)}（${UNIT_ROLE_LABELS[u.role as keyof typeof UNIT_ROLE_LABELS] ?? u.role}）`).join('、');
  return rows
    .map((r) => ({ r, c: revisionChange(r) }))
    .filter(({ c }) => c.taskId === taskId)
    .map(({ r, c }) => {
      const changes = REVISED_FIELDS.filter(([k]) => (c.before[k] ?? null) !== (c.after[k] ?? null)).map(([k, label]) => ({ field: k, label, before: word(k, c.before[k]), after: word(k, c.after[k]) }));
      if (c.units) {
        const [before, after] = [unitsWord(c.units.before), unitsWord(c.units.after)];
        if (before !== after) changes.push({ field: 'units', label: '承办单位', before, after });
      }
      return { revision: r.revision, reason: r.reason, createdAt: r.created_at, by: r.by ?? null, changes };
    });
}

/** the task × unit matrix: a column per unit (consolidators first, as they appear), a cell per unit of a task */
export function matrixView(b: PlanBundle, plan: PlanRow, todayIn: string): WorkplanMatrix {
  const today = planDay(b, plan, todayIn);
  const rows = b.tasks.filter((t) => t.plan_id === plan.id).map((t) => taskRowView(b, plan, t, todayIn));
  const columns = new Map<number, string>();
  for (const r of rows) for (const x of [r.consolidator, ...r.units.map((y) => y.org)]) columns.set(x.id, x.name);
  return {
    plan: { id: plan.id, title: plan.title, year: plan.year },
    asOf: today,
    columns: [...columns].map(([id, name]) => ({ id, name })),
    rows: rows.map((r) => ({
      task: { id: r.id, number: r.number, title: r.title },
      lead: leadText(r),
      progress: r.progress,
      light: r.light.light,
      label: r.light.label,
      cells: Object.fromEntries(r.units.map((x) => [String(x.org.id), { light: x.light.light, label: x.light.label, role: x.role, signed: x.signed }])),
    })),
    periods: reportingPeriods(plan.year, plan.schedule, policyOf(plan).reportDays).map((p) => ({ code: p.code, label: p.label, dueOn: p.dueOn })),
  };
}

/** the period a 通报 covers: the one asked for, else the last one ended before the day, else the first one */
export function noticePeriod(plan: PlanRow, day: string, code?: string): ReportingPeriod | null {
  const all = reportingPeriods(plan.year, plan.schedule, policyOf(plan).reportDays);
  if (code !== undefined) return all.find((p) => p.code === code) ?? null;
  return all.filter((p) => p.endOn < day).at(-1) ?? all[0] ?? null;
}

/** the first sentence (or the first 80 characters) of a report's text */
const firstLine = (s: string) => {
  const line = s.trim().split(/\n/)[0].trim();
  const stop = line.search(/[。！？]/);
  const cut = stop >= 0 ? line.slice(0, stop + 1) : line;
  return cut.length > 80 ? `${cut.slice(0, 79)}…` : cut;
};

/**
 * 工作要点落实情况通报: the lights of every task as of the day, each task's line from its consolidated report of the
 * period (or the latest submitted one before it), the units late with their report up to the period and where they
 * stand on the escalation ladder (催办 / 督办单 / 列入通报) with the notices issued, the extensions granted and the
 * tasks closed by the day.
 */
export function noticeView(all: PlanBundle, plan: PlanRow, issuer: WorkplanNotice['issuer'], period: ReportingPeriod, todayIn: string): WorkplanNotice {
  const day = planDay(all, plan, todayIn);
  // everything as it stood on the day: a later report, 销号, extension or notice is not in this 通报
  const b = bundleOn(all, day);
  const policy = policyOf(plan);
  const tasks = b.tasks.filter((t) => t.plan_id === plan.id);
  const lights: Record<Light, number> = { green: 0, yellow: 0, red: 0, done: 0 };
  const title = (t: TaskRow) => t.title;
  const taskLines = tasks.map((t) => {
    const row = taskRowView(b, plan, t, day);
    lights[row.light.light]++;
    const own = periodsOf(plan, t);
    const idx = new Map(own.map((p, i) => [p.code, i]));
    // the task's periods ended by the 通报's (its own schedule may differ from the plan's: a half-yearly task's 上半年 in
    // a quarterly plan's 第三季度 通报), as the overdue units below are counted; a later period's report is not this 通报's
    const due = own.filter((p) => p.endOn <= period.endOn).at(-1) ?? null;
    const limit = due ? idx.get(due.code)! : -1;
    const consolidated = b.reports
      .filter((r) => r.task_id === t.id && r.org_id === consolidatorOf(plan, t) && r.status === 'submitted' && (idx.get(r.period) ?? Infinity) <= limit)
      .sort((x, y) => (idx.get(x.period) ?? 0) - (idx.get(y.period) ?? 0))
      .at(-1);
    return {
      number: t.number,
      title: title(t),
      lead: leadText(row),
      progress: consolidated?.progress ?? null,
      light: row.light.light,
      lightLabel: row.light.label,
      statusLabel: row.statusLabel,
      line: consolidated ? firstLine(consolidated.text) : null,
      linePeriod: consolidated ? (own.find((p) => p.code === consolidated.period)?.label ?? consolidated.period) : null,
      duePeriod: due?.label ?? null,
    };
  });
  const number = new Map(tasks.map((t) => [t.id, t]));
  // the 督办单 answered by the day (of a period ended by the 通报's): the unit's one report of that period in (a unit
  // reports a period once, is sent one 督办单 for it: the tables' unique keys), with the 逾期原因 it gave
  const replies: WorkplanNotice['replies'] = b.notices.flatMap((order) => {
    const t = number.get(order.task_id);
    if (order.kind !== 'order' || !t || order.org_id === plan.issuer_org_id) return [];
    const p = periodsOf(plan, t).find((x) => x.code === order.period);
    const r = b.reports.find((x) => x.task_id === t.id && x.org_id === order.org_id && x.period === order.period && x.status === 'submitted');
    if (!p || p.endOn > period.endOn || !r) return [];
    const reportedOn = chinaDayOf(r.submitted_at!);
    return [{ taskNumber: t.number, taskTitle: title(t), org: b.names.get(r.org_id) ?? `单位${r.org_id}`, periodLabel: p.label, dueOn: p.dueOn, orderedOn: chinaDayOf(order.issued_at), reportedOn, daysLate: daysBetween(p.dueOn, reportedOn), lateReason: r.late_reason }];
  });
  const overdue: WorkplanNotice['overdue'] = [];
  for (const t of tasks) {
    const submitted = new Set(b.reports.filter((r) => r.task_id === t.id && r.status === 'submitted').map((r) => `${r.org_id}:${r.period}`));
    for (const p of owedPeriodsOf(plan, t, day, b.extensions).filter((x) => x.endOn <= period.endOn))
      for (const o of reportingOrgs(plan, t, b.units)) {
        // the office does not 通报 itself: its own late reports are for its own follow-up, not for this notice
        if (o === plan.issuer_org_id) continue;
        if (submitted.has(`${o}:${p.code}`)) continue;
        const stage = escalationStage({ dueOn: p.dueOn, submittedOn: null, today: day }, policy);
        if (stage !== 'reminder' && stage !== 'order' && stage !== 'notice') continue;
        const issued = b.notices.filter((n) => n.task_id === t.id && n.org_id === o && n.period === p.code);
        const notices = issued.map((n) => `${ESCALATION_LABELS[n.kind]}（${dayText(chinaDayOf(n.issued_at))}）`);
        // "列入通报（尚未催办）" where the step was reached without any notice, as on the task page
        const stageLabel = stageWithNotices({ stage, stageLabel: ESCALATION_LABELS[stage] }, new Set(issued.map((n) => n.kind)));
        overdue.push({ taskNumber: t.number, taskTitle: title(t), org: b.names.get(o) ?? `单位${o}`, periodLabel: p.label, dueOn: p.dueOn, daysLate: daysBetween(p.dueOn, day), stage, stageLabel, notices });
      }
  }
  const extensions = b.extensions
    .filter((e) => number.has(e.task_id) && e.status === 'approved')
    .map((e) => ({ taskNumber: number.get(e.task_id)!.number, taskTitle: title(number.get(e.task_id)!), org: b.names.get(e.org_id) ?? '', fromDueOn: e.from_due_on, newDueOn: e.new_due_on, reason: e.reason, decidedOn: chinaDayOf(e.decided_at!), judgeAgainstOriginal: e.judge_against_original === 1, late: extensionLate(e) }));
  const closed = tasks
    .filter((t) => t.status === 'closed')
    .map((t) => {
      const c = b.closures.filter((x) => x.task_id === t.id && x.status === 'accepted').at(-1);
      return { taskNumber: t.number, taskTitle: title(t), org: b.names.get(consolidatorOf(plan, t)) ?? '', closedOn: chinaDayOf(t.closed_at!), summary: c?.summary ?? null };
    });
  return {
    plan: { id: plan.id, title: plan.title, year: plan.year },
    issuer,
    period: { code: period.code, label: period.label, dueOn: period.dueOn },
    asOf: day,
    lights,
    tasks: taskLines,
    overdue: overdue.sort((x, y) => x.taskNumber - y.taskNumber || y.daysLate - x.daysLate),
    // by task, then as they came in; one day's replies by period, then unit (a total order: not as the rows happen to lie)
    replies: replies.sort((x, y) => x.taskNumber - y.taskNumber || x.reportedOn.localeCompare(y.reportedOn) || x.dueOn.localeCompare(y.dueOn) || x.org.localeCompare(y.org, 'zh-CN')),
    extensions,
    closed,
  };
}

/** the 驾驶舱's card of a plan: its lights, the red tasks with their reasons, the closed count */
export function dashboardPlanView(b: PlanBundle, plan: PlanRow, todayIn: string): DashboardWorkPlan {
  const day = planDay(b, plan, todayIn);
  const rows = b.tasks.filter((t) => t.plan_id === plan.id).map((t) => taskRowView(b, plan, t, todayIn));
  const lights: Record<Light, number> = { green: 0, yellow: 0, red: 0, done: 0 };
  for (const r of rows) lights[r.light.light]++;
  return {
    id: plan.id,
    year: plan.year,
    title: plan.title,
    issuer: b.names.get(plan.issuer_org_id) ?? '',
    asOf: day,
    tasks: rows.length,
    lights,
    overdue: rows.filter((r) => r.light.light === 'red').map((r) => ({ id: r.id, number: r.number, title: r.title, lead: leadText(r), label: r.light.label, reasons: r.light.reasons })),
    closed: rows.filter((r) => r.status === 'closed').length,
  };
}

/** the caller's own unit on a task (承办单位: its role and 签收), or null */
export const myUnitView = (mine: UnitRow | undefined) => (mine ? { id: mine.id, role: mine.role, signed: mine.signed_at !== null, signedAt: mine.signed_at, version: mine.version } : null);

/** the caller's tasks over the plans it reads (isMyTask), each with its plan and the caller's role on it (its unit's, or lead as the consolidator) */
export function myTaskRows(b: PlanBundle, plans: PlanRow[], u: SessionUser, today: string) {
  return plans.flatMap((plan) =>
    b.tasks
      .filter((t) => t.plan_id === plan.id)
      .filter((t) => isMyTask(u, plan, t, b.units))
      .map((t) => {
        const mine = b.units.find((x) => x.task_id === t.id && x.org_id === u.orgUnitId);
        return { ...taskRowView(b, plan, t, today), plan: { id: plan.id, title: plan.title, year: plan.year }, myRole: mine?.role ?? (consolidatorOf(plan, t) === u.orgUnitId ? 'lead' : null) };
      }),
  );
}

/** the 通报 of one reporting period as a 公文: each reporting period's notice is its own 公文 of the issuing office, with its own 文号 */
export function noticeDocument(plan: PlanRow, issuer: WorkplanNotice['issuer'], period: ReportingPeriod) {
  const title = `${plan.year}年工作要点落实情况通报（${period.label}）`;
  return { officeId: plan.issuer_org_id, officeName: issuer.name, kind: 'workplan_notice' as const, subject: workplanNoticeSubject(plan.id, period.code), title };
}
