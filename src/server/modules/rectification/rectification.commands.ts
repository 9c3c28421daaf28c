/**
 * 整改事项 supervision (issue 13): the changes. One exported function per change, the change context first; each
 * writes its rows and its audit row in the change's transaction. The rules are the work plan's
 * (src/shared/workplan/rules.ts: progressRefusal, extensionRefusal, escalationStage); states move through
 * transition() with the workflows of src/shared/workflow/rectification.ts; a stale version is a 409.
 * `clock.today` (YYYY-MM-DD, China time) and `clock.at` (an ISO instant) come from the route's clock.
 */
import type { Kysely } from 'kysely';
import { dayText } from '../../../shared/deadline';
import { lostCriteria, lostLine } from '../../../shared/contracts/rectification';
import { keyPointInText } from '../../../shared/contracts/results';
import { ESCALATION_LABELS, addDays, closureWaitsForExtension, daysBetween, escalationStage, extensionRefusal, lateReasonKept, lateReasonRefusal, noticeText, ORDER_ISSUERS } from '../../../shared/workplan/rules';
import { RECTIFICATION_CLOSURE_WORKFLOW, RECTIFICATION_EXTENSION_WORKFLOW, RECTIFICATION_REPORT_WORKFLOW, RECTIFICATION_WORKFLOW } from '../../../shared/workflow/rectification';
import type { Workflow } from '../../../shared/workflow/workflow';
import type { Change } from '../../core/change';
import { badRequest, conflict, forbidden, notFound, type AppError } from '../../core/errors';
import { requestDecided, transition } from '../../core/transition';
import { onDuplicate, UNFORESEEN_DUPLICATE } from '../../db/errors';
import type { Database } from '../../db/schema';
import { indicatorStanding } from '../indicators';
import { reportValues } from '../workplan';
import { answerRefusal, dueOnRefusal, isLive, isOwner, isRaiser, mayEditReport, mayRaiseFromCriterion, openReportOf, ownerRefusal, returnRefusal } from './rectification.policy';
import { SUPERVISION, closureWaitsOfItem, deadlineOf, lastItemChange, lastReport, lateReasonFor, monthsOf, newReportRefusal, periodForReport, reportChange } from './rectification.presenter';
import {
  bumpItemVersion,
  findCycle,
  findRectification,
  findOrg,
  publishedUnitResult,
  rectificationOfSource,
  insertItemClosure,
  insertItemExtension,
  insertItemNotice,
  insertItemReport,
  insertRectification,
  itemClosuresOf,
  itemExtensionsOf,
  itemNoticesOf,
  itemReportsOf,
  lockRectification,
  type ItemReportRow,
  type NewRectification,
  type RectificationRow,
  updateItemReportAt,
} from './rectification.queries';
import { personAt, requesterAt } from '../../core/user-names';
import { chinaDayOf } from '../../../shared/deadline';

import type { Clock } from '../../core/clock';
import { assessmentCriterionLabel, assessmentCriterionRef, indicatorFigureRef } from './rectification.sources';
export type { Clock };

/**
 * The 409 of a change that lost to another on the item (its version moved, or its state, since the page was read):
 * the latest change, who made it and when (lastItemChange), read after the miss so it sees the change that won.
 */
async function itemChanged(c: Change, id: number) {
  const r = await findRectification(c.trx, id);
  if (!r) return notFound('整改事项不存在');
  const [reports, extensions, closures, notices] = [await itemReportsOf(c.trx, [id]), await itemExtensionsOf(c.trx, [id]), await itemClosuresOf(c.trx, [id]), await itemNoticesOf(c.trx, [id])];
  const last = lastItemChange(r, reports, extensions, closures, notices);
  if (!last) return conflict('该整改事项已有新的变动，请刷新后查看最新情况再操作', { version: r.version });
  return conflict(`该整改事项已有新的变动：${await personAt(c.trx, last.by, last.at, c.user.id)}${last.what}。请刷新后查看最新情况再操作`, { version: r.version });
}

/** the 409 of a decision on an extension or closure request decided meanwhile: by whom, how and when (requestDecided) */
async function requestChanged(c: Change, table: 'rectification_extension' | 'rectification_closure', itemId: number, id: number, what: string) {
  if (table === 'rectification_extension') return requestDecided(c.trx, what, RECTIFICATION_EXTENSION_WORKFLOW, (await itemExtensionsOf(c.trx, [itemId])).find((x) => x.id === id), c.user.id);
  return requestDecided(c.trx, what, RECTIFICATION_CLOSURE_WORKFLOW, (await itemClosuresOf(c.trx, [itemId])).find((x) => x.id === id), c.user.id);
}

/**
 * The 409 of a change to a progress report that lost to another (its version or state moved since the page was read):
 * the report's latest change — saved, reported or sent back — who made it and when (reportChange), read after the miss
 * so it sees the change that won. A second 报送 or 退回 of the same report is told it is done already; anything else
 * to refresh.
 */
async function reportChanged(c: Change, itemId: number, reportId: number | undefined, doing: 'save' | 'submit' | 'return') {
  const reports = await itemReportsOf(c.trx, [itemId]);
  const now = reportId === undefined ? reports.at(-1) : reports.find((x) => x.id === reportId);
  if (!now) return notFound('该进展报告不存在，请刷新后查看');
  const last = reportChange(now);
  if (!last) return conflict('该进展报告已有新的变动，请刷新后查看最新内容再操作', { version: now.version });
  const tail =
    doing === 'submit' && now.status === 'submitted' ? '无需再次报送；如需修改，请由提出单位退回' : doing === 'return' && last.what === '退回' ? '无需再次退回' : '请刷新后查看最新内容再操作';
  return conflict(`该进展报告已由${await personAt(c.trx, last.by, last.at, c.user.id)}${last.what}，${tail}`, { version: now.version });
}

/**
 * Raises one item (any source). A second item for the same source and reference is a 409 naming the field, and who
 * raised the first, when, and where it stands. One raised by another request at the same moment (its row not yet
 * committed when this one looked) is refused by the unique key: raisedMeanwhile() around the route's transaction
 * names it after the fact; a raise whose command serialises first (the evaluation's, under the application's lock)
 * needs none.
 */
export async function raiseItem(c: Change, v: NewRectification, field: string): Promise<number> {
  const before = await rectificationOfSource(c.trx, v);
  if (before) throw await alreadyRaised(c.trx, before, field, c.user.id);
  const { id } = await insertRectification(c.trx, v);
  await c.audit({
    action: 'rectification.raise',
    entityType: 'rectification',
    entityId: id,
    after: { source: v.source_type, sourceId: v.source_id, ref: v.source_ref, ownerOrgId: v.owner_org_id, dueOn: v.due_on },
  });
  return id;
}

/**
 * The 409 of an item raised already: its title, who raised it and when, where it stands. The caller's own earlier raise
 * is 您于 … (requesterAt), as every 409 of a thing asked for again says: a page not refreshed or a raise days ago from
 * this window is no other window's.
 */
async function alreadyRaised(
  db: Kysely<Database>,
  item: Pick<RectificationRow, 'title' | 'status' | 'created_by' | 'created_at'>,
  field: string,
  me: number,
): Promise<AppError> {
  const who = await requesterAt(db, item.created_by, item.created_at, me);
  return conflict(`「${item.title}」已由${who}提出整改要求（${RECTIFICATION_WORKFLOW.states[item.status]}），请到整改事项中查看`, undefined, [{ field, message: '已提出' }]);
}

/** An item a raise would make: its source, and the request's field that names it. */
export interface RaiseTarget {
  source: Pick<RectificationRow, 'source_type' | 'source_id' | 'source_ref'>;
  field: string;
}

/**
 * A raise that passed raiseItem's look while an item of the same source, not yet committed, was being raised (a
 * colleague, or the caller's other window): the unique key refused it (the transaction is gone, nothing of it saved)
 * and the 409 names the first of `targets` now raised, who raised it and when, read after the fact. Wraps the route's
 * ctx.tx.
 */
export const raisedMeanwhile = <T>(db: Kysely<Database>, me: number, targets: RaiseTarget[], work: () => Promise<T>): Promise<T> =>
  onDuplicate(work, async () => {
    for (const t of targets) {
      const item = await rectificationOfSource(db, t.source);
      if (item) return alreadyRaised(db, item, t.field, me);
    }
    return conflict(UNFORESEEN_DUPLICATE);
  });

/**
 * What raiseFromAssessment raises: one item a criterion code, in the request's order (the command raises these, and
 * raisedMeanwhile looks them up: each item's source is spelled here once).
 */
export const assessmentTargets = (body: { cycleId: number; unitId: number; criterionCodes: string[] }): (RaiseTarget & { code: string })[] =>
  [...new Set(body.criterionCodes)].map((code, n) => ({
    code,
    source: { source_type: 'assessment', source_id: body.cycleId, source_ref: assessmentCriterionRef(body.unitId, code) },
    field: `criterionCodes.${n}`,
  }));

/** What raiseFromIndicator raises (the command raises it, raisedMeanwhile looks it up). */
export const indicatorTargets = (body: { indicatorId: number; orgId: number; year: number }): RaiseTarget[] => [
  { source: { source_type: 'indicator', source_id: body.indicatorId, source_ref: indicatorFigureRef(body.orgId, body.year) }, field: 'indicatorId' },
];

/** The applicant's answer to an evaluation deduction (the evaluation checks who may answer). */
export async function answerItem(c: Change, r: RectificationRow, body: { version: number; answer: string }, at: string): Promise<void> {
  const refusal = answerRefusal(r);
  if (refusal) throw conflict(refusal);
  if (r.version !== body.version) throw conflict('该整改事项已被答复或修改，请刷新后查看', { version: r.version });
  await transition(c, { workflow: RECTIFICATION_WORKFLOW, table: 'rectification', key: { id: r.id }, from: r.status, event: 'answer', entityId: r.id, set: { answer: body.answer, answered_by: c.user.id, answered_at: at }, onStale: () => itemChanged(c, r.id) });
}

function ensureLive(r: Pick<RectificationRow, 'status'>, verb: string) {
  if (r.status === 'closed') throw conflict(`该整改事项已销号，不能再${verb}`);
  if (r.status === 'closing') throw conflict(`该整改事项已申请销号，待审核，暂不能${verb}`);
}

/** bumps the item's version (a report, a request or a notice is a change of the item) — 0 rows: someone came first */
async function touch(c: Change, r: RectificationRow, version: number): Promise<void> {
  if (!(await bumpItemVersion(c.trx, r.id, version))) throw await itemChanged(c, r.id);
}

export interface ReportInput {
  /** the report's version, 0 for a new draft */
  version: number;
  progress: number;
  progressReason?: string | null;
  text: string;
  problems?: string | null;
  nextSteps?: string | null;
  /** the 逾期原因: required after a 督办单 on the month the report answers (lateReasonFor) */
  lateReason?: string | null;
}

/**
 * The 逾期原因 the report keeps (lateReasonKept), or a 400 naming the field when a 督办单 on the month it answers asks
 * for one and none is written (lateReasonRefusal, the work plan's rule): on a 保存, and on a 报送 of a draft saved
 * before the 督办单 came.
 */
async function lateReasonChecked(c: Change, r: RectificationRow, months: ReturnType<typeof monthsOf>, report: Pick<ItemReportRow, 'status' | 'period'> | undefined, lateReason: string | null | undefined): Promise<string | null> {
  const late = lateReasonFor(months, await itemNoticesOf(c.trx, [r.id]), report);
  if (!late) return null;
  const refusal = lateReasonRefusal({ dueOn: late.period.dueOn, today: months.today, notices: late.notices, periodLabel: late.period.label, lateReason, issuer: ORDER_ISSUERS.rectification });
  if (refusal) throw badRequest(refusal.message, [refusal]);
  return lateReasonKept(late.ask, lateReason);
}

/** Saves the owner's draft (a new one, or the draft or returned report being corrected); nothing is submitted. */
export async function saveReport(c: Change, r: RectificationRow, body: ReportInput): Promise<number> {
  const { clock } = c;
  if (!isOwner(c.user, r)) throw forbidden('只有整改责任单位可以填写整改进展');
  ensureLive(r, '报送进展');
  // under the item's lock: of two first saves of a period's draft, the second reads the draft the first made (on
  // PostgreSQL it would otherwise only meet the unique key, after which nothing more can be read in its transaction),
  // and a 申请销号 made meanwhile is seen — no draft is written onto an item 待销号
  ensureLive((await lockRectification(c.trx, r.id)) ?? r, '报送进展');
  const [reports, extensions] = await Promise.all([itemReportsOf(c.trx, [r.id]), itemExtensionsOf(c.trx, [r.id])]);
  const existing = openReportOf(r, reports);
  // the page's draft saved or reported meanwhile, or a draft begun by another: who did it, when
  if ((existing?.version ?? 0) !== body.version) throw await reportChanged(c, r.id, existing?.id, 'save');
  // one report a month: with every month begun reported, the next waits for its month (409, as the page says) —
  // before what the report says is judged, as there is nothing to write now
  const months = monthsOf(r, extensions, reports, clock.today);
  const waits = existing ? null : newReportRefusal(months);
  if (waits) throw conflict(waits);
  const values = { ...reportValues(body, lastReport(r, reports)?.progress ?? null, c.user.id, clock.at), late_reason: await lateReasonChecked(c, r, months, existing, body.lateReason) };
  let id: number;
  if (existing) {
    if (!(await updateItemReportAt(c.trx, existing.id, body.version, values))) throw await reportChanged(c, r.id, existing.id, 'save');
    id = existing.id;
  } else {
    const period = periodForReport(months);
    if (!period) throw badRequest(`整改自${r.started_on ?? chinaDayOf(r.created_at)}起督办，尚无可报送的期次`, [{ field: 'progress', message: '尚未开始' }]);
    ({ id } = await onDuplicate(
      () => insertItemReport(c.trx, { ...values, rectification_id: r.id, period: period.code, org_id: c.user.orgUnitId }),
      // not expected (the item's lock above serialises first saves); kept for a draft inserted outside this command
      () => conflict('本期进展报告已由本单位其他人员同时新建，请刷新后在其基础上修改'),
    ));
  }
  await c.audit({
    action: 'rectificationReport.save',
    entityType: 'rectification_report',
    entityId: id,
    // the 逾期原因 where the report has or had one (a cleared optional reason is seen cleared)
    before: existing ? { progress: existing.progress, text: existing.text, status: existing.status, ...(existing.late_reason ? { lateReason: existing.late_reason } : {}) } : undefined,
    after: { rectificationId: r.id, progress: body.progress, progressReason: values.progress_reason, text: body.text, ...(values.late_reason || existing?.late_reason ? { lateReason: values.late_reason } : {}) },
  });
  return id;
}

function reportOf(reports: ItemReportRow[], reportId: number): ItemReportRow {
  const report = reports.find((x) => x.id === reportId);
  if (!report) throw notFound(`该整改事项没有编号为${reportId}的进展报告`);
  return report;
}

/** The owner submits its draft (or the corrected returned report); a draft answers the oldest period still open. */
export async function submitReport(c: Change, r: RectificationRow, reportId: number, version: number): Promise<void> {
  const { clock } = c;
  if (!isOwner(c.user, r)) throw forbidden('只有整改责任单位可以报送整改进展');
  ensureLive(r, '报送进展');
  // under the item's lock, taken first as saveReport takes it: a save of this report meanwhile is read below (its new
  // version), never reported unseen, and the two never wait on each other's rows in the opposite order
  ensureLive((await lockRectification(c.trx, r.id)) ?? r, '报送进展');
  const [reports, extensions] = await Promise.all([itemReportsOf(c.trx, [r.id]), itemExtensionsOf(c.trx, [r.id])]);
  const report = reportOf(reports, reportId);
  // a version moved since the page was read (saved, reported or sent back meanwhile): who and when, before the state rule
  if (report.version !== version) throw await reportChanged(c, r.id, report.id, 'submit');
  if (!mayEditReport(c.user, r, report)) throw conflict('该进展报告已报送，不能重复报送；如需修改，请由提出单位退回');
  const months = monthsOf(r, extensions, reports, clock.today);
  const period = report.status === 'draft' ? (periodForReport(months)?.code ?? report.period) : report.period;
  // a draft saved before a 督办单 came on its month is not reported without the 逾期原因 the 督办单 asks for
  const lateReason = await lateReasonChecked(c, r, months, report, report.late_reason);
  await transition(c, { workflow: RECTIFICATION_REPORT_WORKFLOW, table: 'rectification_report', key: { id: report.id, version }, from: report.status, event: 'submit', entityId: report.id, set: { period, submitted_by: c.user.id, submitted_at: clock.at }, detail: { rectificationId: r.id, period, progress: report.progress, resubmitted: report.status === 'returned', ...(lateReason ? { lateReason } : {}) }, onStale: () => reportChanged(c, r.id, report.id, 'submit') });
  await touch(c, r, r.version);
}

/** The raiser sends the latest submitted report back with a reason; the owner corrects and submits it again. */
export async function returnReport(c: Change, r: RectificationRow, reportId: number, body: { version: number; reason: string }): Promise<void> {
  const { clock } = c;
  if (!isRaiser(c.user, r)) throw forbidden('只有提出整改要求的单位可以退回整改进展');
  // the item's lock first, as the owner's save and 报送 take it (the report's row, then the item's, would deadlock with them)
  await lockRectification(c.trx, r.id);
  const reports = await itemReportsOf(c.trx, [r.id]);
  const report = reportOf(reports, reportId);
  // a version moved since the page was read (sent back, or corrected and reported again meanwhile): who and when, before the state rules
  if (report.version !== body.version) throw await reportChanged(c, r.id, report.id, 'return');
  const refusal = returnRefusal(c.user, r, report, reports);
  if (refusal) throw conflict(refusal);
  await transition(c, { workflow: RECTIFICATION_REPORT_WORKFLOW, table: 'rectification_report', key: { id: report.id, version: body.version }, from: report.status, event: 'return', entityId: report.id, set: { return_reason: body.reason, returned_by: c.user.id, returned_at: clock.at }, detail: { rectificationId: r.id, period: report.period, reason: body.reason }, onStale: () => reportChanged(c, r.id, report.id, 'return') });
  await touch(c, r, r.version);
}

export async function askExtension(c: Change, r: RectificationRow, body: { newDueOn: string; reason: string }): Promise<number> {
  const { clock } = c;
  if (!isOwner(c.user, r)) throw forbidden('只有整改责任单位可以申请延期');
  ensureLive(r, '申请延期');
  const extensions = await itemExtensionsOf(c.trx, [r.id]);
  // one pending at a time, as a work-plan task's: a second asker (a colleague, a form left open) is told whose request waits
  const pending = extensions.find((e) => e.status === 'pending');
  if (pending) {
    throw conflict(`该整改事项已由${await requesterAt(c.trx, pending.created_by, pending.created_at, c.user.id)}申请延期至${pending.new_due_on}，待提出单位审批`, undefined, [{ field: 'newDueOn', message: '已有延期申请待审批' }]);
  }
  const deadline = deadlineOf(r, extensions);
  const refusal = extensionRefusal({ today: clock.today, deadline, newDueOn: body.newDueOn, reason: body.reason, label: '整改期限', lateAllowed: true });
  if (refusal) throw badRequest(refusal.message, [refusal]);
  const tooLate = dueOnRefusal(body.newDueOn, clock.today, 'newDueOn', '延期后日期');
  if (tooLate) throw badRequest(tooLate.message, [tooLate]);
  await touch(c, r, r.version);
  const { id } = await insertItemExtension(c.trx, { rectification_id: r.id, from_due_on: deadline, new_due_on: body.newDueOn, reason: body.reason, created_by: c.user.id, created_at: clock.at });
  await c.audit({ action: 'rectificationExtension.ask', entityType: 'rectification_extension', entityId: id, after: { rectificationId: r.id, originalDueOn: r.due_on, fromDueOn: deadline, newDueOn: body.newDueOn, reason: body.reason, late: clock.today > deadline } });
  return id;
}

/** the raiser's decision on a pending request: the checks both decisions share, then the request's transition */
async function decideRequest<S extends string, E extends string>(
  c: Change,
  r: RectificationRow,
  req: { id: number; status: S; version: number } | undefined,
  o: { id: number; version: number; yes: boolean; reason?: string; what: string; verb: string; refuse: string; table: 'rectification_extension' | 'rectification_closure'; workflow: Workflow<S, E>; event: E; detail: Record<string, unknown> },
): Promise<void> {
  const { clock } = c;
  if (!isRaiser(c.user, r)) throw forbidden(`只有提出整改要求的单位可以${o.verb}`);
  if (!req) throw notFound(`该整改事项没有编号为${o.id}的${o.what}`);
  if (!o.yes && !o.reason) throw badRequest(`${o.refuse}须写明理由`, [{ field: 'reason', message: '请填写理由' }]);
  const changed = () => requestChanged(c, o.table, r.id, req.id, o.what);
  if (req.version !== o.version) throw await changed();
  await transition(c, { workflow: o.workflow, table: o.table, key: { id: req.id, version: o.version }, from: req.status, event: o.event, entityId: req.id, set: { decision_reason: o.reason ?? null, decided_by: c.user.id, decided_at: clock.at }, detail: o.detail, onStale: changed });
}

export async function decideExtension(c: Change, r: RectificationRow, body: { extensionId: number; version: number; approve: boolean; reason?: string }): Promise<void> {
  const ext = (await itemExtensionsOf(c.trx, [r.id])).find((e) => e.id === body.extensionId);
  await decideRequest(
    c,
    r,
    ext,
    { id: body.extensionId, version: body.version, yes: body.approve, reason: body.reason, what: '延期申请', verb: '审批延期', refuse: '不同意延期', table: 'rectification_extension', workflow: RECTIFICATION_EXTENSION_WORKFLOW, event: body.approve ? 'approve' : 'refuse', detail: { rectificationId: r.id, originalDueOn: r.due_on, newDueOn: ext?.new_due_on } },
  );
  await touch(c, r, r.version);
}

export async function askClosure(c: Change, r: RectificationRow, body: { version: number; summary: string }): Promise<number> {
  const { clock } = c;
  if (!isOwner(c.user, r)) throw forbidden('只有整改责任单位可以申请销号');
  if (r.status === 'closed') throw conflict('该整改事项已销号');
  // a page read before a change meanwhile (two asks at once among them): who changed what, when
  if (r.version !== body.version) throw await itemChanged(c, r.id);
  if (r.status === 'closing') {
    // asked already on the page it shows (asked again, a colleague): by whom and when, and that nothing is to be done
    const pending = (await itemClosuresOf(c.trx, [r.id])).find((x) => x.status === 'pending');
    if (pending) throw conflict(`该整改事项已由${await requesterAt(c.trx, pending.created_by, pending.created_at, c.user.id)}申请销号，待提出单位审核，无需再次申请`);
  }
  // a report sent back, or a month's report late: reported first (asked, nothing would be owed and it would vanish);
  // read at the version checked above — a report submitted or sent back meanwhile moves it (touch), so the ask is stale
  const [reports, extensions] = await Promise.all([itemReportsOf(c.trx, [r.id]), itemExtensionsOf(c.trx, [r.id])]);
  const waits = closureWaitsOfItem(monthsOf(r, extensions, reports, clock.today));
  if (waits) throw conflict(waits);
  await transition(c, { workflow: RECTIFICATION_WORKFLOW, table: 'rectification', key: { id: r.id, version: body.version }, from: r.status, event: 'ask-close', entityId: r.id, onStale: () => itemChanged(c, r.id) });
  const { id } = await insertItemClosure(c.trx, { rectification_id: r.id, summary: body.summary, created_by: c.user.id, created_at: clock.at });
  await c.audit({ action: 'rectificationClosure.ask', entityType: 'rectification_closure', entityId: id, after: { rectificationId: r.id, summary: body.summary } });
  return id;
}

export async function decideClosure(c: Change, r: RectificationRow, body: { closureId: number; version: number; accept: boolean; reason?: string }): Promise<void> {
  const { clock } = c;
  const closure = (await itemClosuresOf(c.trx, [r.id])).find((x) => x.id === body.closureId);
  // a closed item's pending extension would wait for ever (and stay on the raiser's 待办): it is decided first
  const waits = body.accept && isRaiser(c.user, r) ? closureWaitsForExtension('该整改事项', (await itemExtensionsOf(c.trx, [r.id])).some((e) => e.status === 'pending')) : null;
  if (waits) throw conflict(waits);
  await decideRequest(
    c,
    r,
    closure,
    { id: body.closureId, version: body.version, yes: body.accept, reason: body.reason, what: '销号申请', verb: '审核销号申请', refuse: '退回销号申请', table: 'rectification_closure', workflow: RECTIFICATION_CLOSURE_WORKFLOW, event: body.accept ? 'accept' : 'return', detail: { rectificationId: r.id } },
  );
  await transition(c, {
    workflow: RECTIFICATION_WORKFLOW,
    table: 'rectification',
    key: { id: r.id },
    from: r.status,
    event: body.accept ? 'accept-close' : 'return-close',
    entityId: r.id,
    set: body.accept ? { closed_at: clock.at } : {},
    detail: body.reason ? { reason: body.reason } : undefined,
    onStale: () => itemChanged(c, r.id),
  });
}

/** 催办 after a report's due date; 督办单 after the grace days; for the oldest report not come in. */
export async function issueNotice(c: Change, r: RectificationRow, body: { version: number; kind: 'reminder' | 'order'; text?: string }): Promise<number> {
  const { clock } = c;
  if (!isRaiser(c.user, r)) throw forbidden('只有提出整改要求的单位可以催办或下发督办单');
  if (!isLive(r)) throw conflict(r.status === 'closed' ? '该整改事项已销号，无需催办' : '该整改事项已申请销号，待审核，无需催办');
  const [reports, extensions] = await Promise.all([itemReportsOf(c.trx, [r.id]), itemExtensionsOf(c.trx, [r.id])]);
  const p = monthsOf(r, extensions, reports, clock.today).open[0];
  // one already issued for the month (a double click, a page not refreshed, a colleague): said before the version,
  // which that notice moved, so the caller hears who issued it and when rather than of some change
  const issued = p && (await itemNoticesOf(c.trx, [r.id])).find((n) => n.period === p.code && n.kind === body.kind);
  if (issued) throw conflict(`${p.label}整改进展的${ESCALATION_LABELS[body.kind]}已由${await requesterAt(c.trx, issued.issued_by, issued.issued_at, c.user.id)}发出，请刷新后查看`);
  if (r.version !== body.version) throw await itemChanged(c, r.id);
  if (!p) throw conflict('整改进展均已按期报送，无需催办');
  const stage = escalationStage({ dueOn: p.dueOn, submittedOn: null, today: clock.today }, SUPERVISION);
  if (stage === 'due') throw conflict(`${p.label}的整改进展报送期限为${p.dueOn}，尚未逾期，不能催办`);
  if (body.kind === 'order' && stage === 'reminder') throw conflict(`逾期未满${SUPERVISION.graceDays}天（宽限期），请先催办；宽限期满后才能下发督办单`);
  const what = ESCALATION_LABELS[body.kind];
  const replyBy = body.kind === 'order' ? addDays(clock.today, SUPERVISION.graceDays) : null;
  const text = body.text ?? noticeText(`整改事项“${r.title}”${p.label}进展应于${dayText(p.dueOn)}前报送`, daysBetween(p.dueOn, clock.today), replyBy);
  await touch(c, r, body.version);
  const { id } = await onDuplicate(
    () => insertItemNotice(c.trx, { rectification_id: r.id, period: p.code, kind: body.kind, text, reply_by: replyBy, issued_by: c.user.id, issued_at: clock.at }),
    () => conflict(`已就${p.label}发出过${what}`),
  );
  await c.audit({ action: 'rectificationNotice.issue', entityType: 'rectification_notice', entityId: id, after: { rectificationId: r.id, period: p.code, kind: body.kind, stage } });
  return id;
}


// ---------------------------------------------------------------- raising from the sources

/**
 * The office (or the evaluating department, for the criteria it scored) turns a city's lost criteria of a published
 * yearly assessment into items, one a criterion, owned by the city; a veto counts as lost. The route (modules/
 * assessment, results) has already settled that the caller takes part in the cycle (cycleAccess): anyone else is
 * told it does not exist, whatever its stage, as every read of the cycle says. A department then hears whether a
 * criterion was lost only for the criteria it scored, which it reads in the results anyway.
 */
export async function raiseFromAssessment(c: Change, body: { cycleId: number; unitId: number; criterionCodes: string[]; dueOn: string }): Promise<number[]> {
  const { clock } = c;
  const cycle = await findCycle(c.trx, body.cycleId);
  if (!cycle) throw notFound(`考核${body.cycleId}不存在`);
  if (cycle.status !== 'published') throw conflict('考核结果正式发布后，才能将失分项目转为整改事项');
  const late = dueOnRefusal(body.dueOn, clock.today);
  if (late) throw badRequest(late.message, [late]);
  const unit = await publishedUnitResult(c.trx, cycle.id, body.unitId);
  if (!unit) throw badRequest(`本次考核没有编号为${body.unitId}的被考核单位`, [{ field: 'unitId', message: '被考核单位不存在' }]);
  const me = await findOrg(c.trx, c.user.orgUnitId);
  const lost = lostCriteria(unit);
  const ids: number[] = [];
  for (const { code, field, source } of assessmentTargets(body)) {
    const scored = unit.criteria.find((x) => x.code === code);
    if (!scored) throw badRequest(`本次考核没有考核要点${keyPointInText(code, '')}`, [{ field, message: '请选择本次考核的考核要点' }]);
    const allowed = mayRaiseFromCriterion(c.user, scored.department?.code ?? null, me?.code ?? '');
    if (!allowed) throw forbidden(`考核要点${keyPointInText(code, scored.itemTitle)}不由本单位评分，只有组织考核的质强办或该考核要点的评价部门可以提出整改要求`);
    const line = lost.find((x) => x.code === code);
    if (!line) throw badRequest(`考核要点${keyPointInText(code, scored.itemTitle)}没有失分，无需整改`, [{ field, message: '请选择失分的考核要点' }]);
    const veto = line.role === 'veto';
    const detail = [
      lostLine(line),
      line.explanation ? `评分说明：${line.explanation}` : null,
      line.comment ? `评价部门意见：${line.department?.name ?? ''}${line.department ? '，' : ''}${line.comment}` : null,
    ]
      .filter(Boolean)
      .join('\n');
    ids.push(
      await raiseItem(
        c,
        {
          ...source,
          source_label: assessmentCriterionLabel(cycle.title, unit.unitName, line),
          owner_org_id: unit.unitId,
          raised_by_org_id: c.user.orgUnitId,
          title: `${cycle.year}年度考核第${code}项${veto ? '（否决项）' : ''}：${line.title.replace(/[，,。\s]+$/, '')}`,
          detail,
          due_on: body.dueOn,
          started_on: clock.today,
          created_by: c.user.id,
          created_at: clock.at,
        },
        field,
      ),
    );
  }
  return ids;
}

/** The plan's office raises a lagging (or year-target-missing) plan indicator for a unit and year. */
export async function raiseFromIndicator(c: Change, body: { indicatorId: number; orgId: number; year: number; dueOn: string; detail: string }): Promise<number> {
  const { clock } = c;
  const s = await indicatorStanding(c.trx, c.user, body.indicatorId, body.orgId, body.year, clock.today);
  if (!s.manages) throw forbidden('只有规划的质强办可以就规划指标提出整改要求');
  const org = s.asked;
  const notOwner = ownerRefusal(org);
  if (notOwner) throw badRequest(notOwner.message, [{ field: notOwner.field, message: '请选择市州、县市区或该指标的责任成员单位' }]);
  // a member department answers for the region's own figure of an indicator it is responsible for, and for no other
  const forRegion = s.answersFor.id !== org.id;
  if (org.kind === 'department' && !forRegion) {
    const named = s.responsible.length ? `该指标的责任单位是${s.responsible.map((o) => o.name).join('、')}` : '该指标没有责任成员单位';
    throw badRequest(`${org.name}不是该指标的责任单位：成员单位只就其负责指标的${s.region.name}数值整改，${named}`, [{ field: 'orgId', message: '请选择该指标的责任成员单位或数值滞后的市州' }]);
  }
  // a city or county that reports no figure to this plan (长沙市 on 岳阳市's own plan): not "no accepted value"
  if (org.kind !== 'department' && !s.reportsToPlan) {
    throw badRequest(`${org.name}不向《${s.planTitle}》填报数值，不能就该规划的指标对其提出整改`, [{ field: 'orgId', message: `请选择${s.region.kind === 'province' ? '填报数值的市州' : s.region.name}或该指标的责任成员单位` }]);
  }
  const whose = forRegion ? `${s.answersFor.name}（责任单位${org.name}）` : org.name;
  if (s.value === null) throw badRequest(`${s.answersFor.name}${body.year}年该指标没有确认值，无法判断是否滞后`, [{ field: 'year', message: '该年度没有确认值' }]);
  if (s.status !== 'lagging' && !s.failing) throw badRequest(`${s.answersFor.name}${body.year}年该指标${s.statusLabel ?? ''}，未滞后，无需整改`, [{ field: 'year', message: '该年度未滞后' }]);
  const late = dueOnRefusal(body.dueOn, clock.today);
  if (late) throw badRequest(late.message, [late]);
  const [{ source, field }] = indicatorTargets(body);
  const why = `${body.year}年确认值${s.value}${s.unit}，${s.statusLabel ?? ''}${s.failing ? '（未达年度目标）' : ''}${s.reason ? `：${s.reason}` : ''}`;
  return raiseItem(
    c,
    {
      ...source,
      source_label: `${s.planTitle} · 第${s.number}项${s.name} · ${whose}${body.year}年`,
      owner_org_id: body.orgId,
      raised_by_org_id: c.user.orgUnitId,
      title: `规划指标滞后：${s.name}（${whose}${body.year}年）`,
      detail: `${why}\n整改要求：${body.detail}`,
      due_on: body.dueOn,
      started_on: clock.today,
      created_by: c.user.id,
      created_at: clock.at,
    },
    field,
  );
}
