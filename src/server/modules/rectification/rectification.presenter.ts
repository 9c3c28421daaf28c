/**
 * Rows → response shapes, with the two clocks of the work plan (src/shared/workplan/rules.ts) applied to an item:
 * monthly progress reports from the month supervision began to the deadline in force, the light from the time and
 * progress clocks, and where the oldest unsubmitted report stands on the 催办 → 督办单 → 通报 ladder. `today` comes
 * from the route's clock (config.now in tests).
 */
import { RECTIFICATION_CLOSURE_WORKFLOW, RECTIFICATION_EXTENSION_WORKFLOW, RECTIFICATION_REPORT_WORKFLOW, RECTIFICATION_WORKFLOW } from '../../../shared/workflow/rectification';
import { NOTICE_STANDING_LABELS, RECTIFICATION_SOURCES, RECTIFICATION_SOURCE_LABELS, type RectificationItemView, type RectificationNotice, type RectificationNoticeStanding, type RectificationSummary } from '../../../shared/contracts/rectification';
import {
  DEFAULT_POLICY,
  ESCALATION_LABELS,
  addDays,
  daysBetween,
  effectiveDeadline,
  escalationStage,
  extensionLate,
  extensionOfRow,
  judgedDeadline,
  closureWaitsForReports,
  lateReasonAsk,
  lateReasonHint,
  type LateReasonAsk,
  ORDER_ISSUERS,
  reportingPeriods,
  taskLight,
  type ReportingPeriod,
} from '../../../shared/workplan/rules';
import type { SessionUser } from '../../core/session';
import { requestDecision } from '../../core/transition';
import { abilities, maySeeReport, openReportOf } from './rectification.policy';
import { lineageOf, type ItemBundle, type ItemClosureRow, type ItemExtensionRow, type ItemNoticeRow, type ItemReportRow, type RectificationRow } from './rectification.queries';
import { sourceOf } from './rectification.sources';
import { chinaDayOf, dayText } from '../../../shared/deadline';

export const SUPERVISION = DEFAULT_POLICY;

export const startOf = (r: RectificationRow): string => r.started_on ?? chinaDayOf(r.created_at);
export const originalDeadline = (r: RectificationRow): string => r.due_on ?? addDays(startOf(r), 60);
const extensionsFor = (r: RectificationRow, extensions: ItemExtensionRow[]) => extensions.filter((e) => e.rectification_id === r.id).map(extensionOfRow);
export const deadlineOf = (r: RectificationRow, extensions: ItemExtensionRow[]): string => effectiveDeadline(originalDeadline(r), extensionsFor(r, extensions));

/** the item's monthly reporting periods: from the month supervision began to the deadline's month */
export function itemPeriods(r: RectificationRow, deadline: string): ReportingPeriod[] {
  const start = startOf(r);
  const out: ReportingPeriod[] = [];
  for (let y = Number(start.slice(0, 4)); y <= Number(deadline.slice(0, 4)); y++) {
    out.push(...reportingPeriods(y, 'monthly', SUPERVISION.reportDays).filter((p) => p.endOn >= start && p.startOn <= deadline));
  }
  return out;
}
/** the item's submitted reports (a draft or a report sent back does not count until it is submitted) */
export const submittedReports = (r: RectificationRow, reports: ItemReportRow[]): ItemReportRow[] => reports.filter((x) => x.rectification_id === r.id && x.status === 'submitted');
/** periods already begun whose report has not come in */
function openPeriods(r: RectificationRow, deadline: string, reports: ItemReportRow[], today: string): ReportingPeriod[] {
  const done = new Set(submittedReports(r, reports).map((x) => x.period));
  return itemPeriods(r, deadline).filter((p) => p.startOn <= today && !done.has(p.code));
}

/**
 * The item's months as one reading, for the rules that ask about them together (a new report's month, whether one may
 * be begun, what 销号 waits for): the deadline in force, every month to the deadline's, and those begun whose report is
 * not in. Worked out once per command or page.
 */
export interface ItemMonths {
  deadline: string;
  today: string;
  periods: ReportingPeriod[];
  open: ReportingPeriod[];
  /** the item's reports (this item's only) */
  reports: ItemReportRow[];
}
export function monthsOf(r: RectificationRow, extensions: ItemExtensionRow[], reports: ItemReportRow[], today: string): ItemMonths {
  const deadline = deadlineOf(r, extensions);
  const mine = reports.filter((x) => x.rectification_id === r.id);
  return { deadline, today, periods: itemPeriods(r, deadline), open: openPeriods(r, deadline, mine, today), reports: mine };
}

/** the period a report submitted today answers: the oldest one still open, else the current one */
export function periodForReport(m: ItemMonths): ReportingPeriod | null {
  if (m.open.length) return m.open[0]!;
  return m.periods.filter((p) => p.startOn <= m.today).at(-1) ?? null;
}
/**
 * Why the owner may not begin a report now (Chinese), or null: one report per month, as the work plan takes one per
 * period — every month begun has its report in, so the next is written when its month begins (the month's report is
 * corrected only when the raiser sends it back), and after the deadline's month nothing more is owed: the item is
 * closed (申请销号) or its deadline moved (申请延期). A draft or a returned report being corrected is always open to its
 * owner (openReportOf), whatever this says.
 */
export function newReportRefusal(m: ItemMonths): string | null {
  if (m.open.length) return null;
  const begun = m.periods.filter((p) => p.startOn <= m.today);
  const next = m.periods.find((p) => p.startOn > m.today);
  // nothing begun yet: saveReport's 400 says when supervision starts
  if (!begun.length) return null;
  const last = begun[begun.length - 1]!;
  if (next) return `${last.label}整改进展已报送；${next.label}进展自${dayText(next.startOn)}起报送。如需修改已报送的进展，请由提出单位退回`;
  return `整改期限（${dayText(m.deadline)}）内各月进展均已报送：整改已完成的，请申请销号；尚未完成的，请申请延期`;
}

/**
 * Why the owner may not ask 销号 now (Chinese), or null — the work plan's rule (closureWaitsForReports): a report sent
 * back and not yet reported again, or a month's report past its date not in. While 销号 waits no report is owed, so
 * asking would wipe the late report, its 督办单 and its red; it is reported first.
 */
export function closureWaitsOfItem(m: ItemMonths): string | null {
  const label = new Map(m.periods.map((p) => [p.code, p.label]));
  const returned = m.reports.filter((x) => x.status === 'returned').map((x) => label.get(x.period) ?? x.period);
  const late = m.open.filter((p) => p.dueOn < m.today).map((p) => p.label);
  return closureWaitsForReports(returned, late, { subject: '该整改事项', report: '进展报告', ask: '申请销号' });
}

/**
 * What the report being written owes for lateness: the month it answers — a returned report its own; a draft or a new
 * one the oldest month open, as 报送 sets it (submitReport) — the kinds of notice issued for that month, and whether a
 * 逾期原因 is asked (lateReasonAsk: required after a 督办单, optional when only late). null: no month to answer yet.
 * `notices`: the item's own.
 */
export function lateReasonFor(m: ItemMonths, notices: readonly Pick<ItemNoticeRow, 'period' | 'kind'>[], report: Pick<ItemReportRow, 'status' | 'period'> | undefined): { period: ReportingPeriod; notices: string[]; ask: LateReasonAsk } | null {
  const period = report?.status === 'returned' ? m.periods.find((p) => p.code === report.period) : periodForReport(m);
  if (!period) return null;
  const kinds = notices.filter((n) => n.period === period.code).map((n) => n.kind);
  return { period, notices: kinds, ask: lateReasonAsk({ dueOn: period.dueOn, today: m.today, notices: kinds }) };
}

/** the latest submitted report */
export const lastReport = (r: RectificationRow, reports: ItemReportRow[]): ItemReportRow | null => submittedReports(r, reports).at(-1) ?? null;

/** the oldest unsubmitted report due within the warning days (or past due), with its stage on the ladder */
export function escalationOf(m: ItemMonths, r: RectificationRow, notices: ItemBundle['notices']): RectificationSummary['escalation'] {
  if (r.status !== 'open' && r.status !== 'answered') return null;
  const today = m.today;
  const p = m.open.find((x) => x.dueOn <= addDays(today, SUPERVISION.warnDays));
  if (!p) return null;
  const stage = escalationStage({ dueOn: p.dueOn, submittedOn: null, today }, SUPERVISION);
  const issued = notices.filter((n) => n.rectification_id === r.id && n.period === p.code).map((n) => n.kind);
  // the month's report reported and sent back (退回) is owed again, not 待报送 as if never sent
  const returned = stage === 'due' && m.reports.some((x) => x.period === p.code && x.status === 'returned');
  return { period: p.code, periodLabel: p.label, dueOn: p.dueOn, stage, stageLabel: returned ? '已退回，待重新报送' : ESCALATION_LABELS[stage], notice: issued.includes('order') ? 'order' : issued.includes('reminder') ? 'reminder' : null };
}

/** the item's light; while its 销号 request waits (closing) no report is owed, as none is taken (ensureLive), and it is not late if asked by its deadline */
export function lightOf(m: ItemMonths, r: RectificationRow, b: Pick<ItemBundle, 'extensions' | 'closures'>) {
  const closure = r.status === 'closing' ? b.closures.find((c) => c.rectification_id === r.id && c.status === 'pending') : undefined;
  return taskLight(
    {
      today: m.today,
      startOn: startOf(r),
      deadline: m.deadline,
      // an extension asked after the deadline (逾期申请延期) keeps lateness on the deadline it missed
      judgedAgainst: judgedDeadline(originalDeadline(r), extensionsFor(r, b.extensions)),
      closed: r.status === 'closed',
      closing: closure ? { askedOn: chinaDayOf(closure.created_at), label: '销号' } : null,
      openDueDates: r.status === 'closing' ? [] : m.open.map((p) => p.dueOn),
      progress: lastReport(r, m.reports)?.progress ?? null,
      label: '整改期限',
    },
    SUPERVISION,
  );
}

/** an item as the list shows it; `months` read once by the caller that needs them too (presentItem) */
export function presentSummary(b: ItemBundle, r: RectificationRow, today: string, months = monthsOf(r, b.extensions, b.reports, today)): RectificationSummary {
  const l = lightOf(months, r, b);
  const name = (id: number) => b.names.get(id) ?? `单位${id}`;
  return {
    id: r.id,
    source: sourceOf(r),
    owner: { id: r.owner_org_id, name: name(r.owner_org_id) },
    raisedBy: { id: r.raised_by_org_id, name: name(r.raised_by_org_id) },
    title: r.title,
    status: r.status,
    statusLabel: RECTIFICATION_WORKFLOW.states[r.status],
    dueOn: originalDeadline(r),
    deadline: months.deadline,
    startedOn: startOf(r),
    progress: lastReport(r, months.reports)?.progress ?? null,
    light: l.light,
    lightLabel: l.label,
    reasons: l.reasons,
    escalation: escalationOf(months, r, b.notices),
    version: r.version,
  };
}

export function presentItem(b: ItemBundle, u: SessionUser, r: RectificationRow, today: string): RectificationItemView {
  const months = monthsOf(r, b.extensions, b.reports, today);
  const periods = new Map(months.periods.map((p) => [p.code, p.label]));
  const mine = <T extends { rectification_id: number }>(rows: T[]) => rows.filter((x) => x.rectification_id === r.id);
  const late = lateReasonFor(months, mine(b.notices), openReportOf(r, months.reports));
  return {
    ...presentSummary(b, r, today, months),
    detail: r.detail,
    answer: r.answer,
    expected: lightOf(months, r, b).expected,
    reports: mine(b.reports).filter((x) => maySeeReport(u, r, lineageOf(b.lineages, r), x)).map((x) => ({
      id: x.id,
      period: x.period,
      periodLabel: periods.get(x.period) ?? x.period,
      progress: x.progress,
      progressReason: x.progress_reason,
      text: x.text,
      problems: x.problems,
      nextSteps: x.next_steps,
      lateReason: x.late_reason,
      status: x.status,
      statusLabel: RECTIFICATION_REPORT_WORKFLOW.states[x.status],
      submittedAt: x.submitted_at,
      updatedAt: x.updated_at,
      returnReason: x.return_reason,
      returnedAt: x.returned_at,
      version: x.version,
    })),
    extensions: mine(b.extensions).map((e) => ({
      id: e.id,
      fromDueOn: e.from_due_on,
      newDueOn: e.new_due_on,
      reason: e.reason,
      status: e.status,
      statusLabel: RECTIFICATION_EXTENSION_WORKFLOW.states[e.status],
      decisionReason: e.decision_reason,
      late: extensionLate(e),
      createdAt: e.created_at,
      version: e.version,
    })),
    closures: mine(b.closures).map((c) => ({ id: c.id, summary: c.summary, status: c.status, statusLabel: RECTIFICATION_CLOSURE_WORKFLOW.states[c.status], decisionReason: c.decision_reason, createdAt: c.created_at, version: c.version })),
    notices: mine(b.notices).map((n) => ({ id: n.id, period: n.period, kind: n.kind, kindLabel: ESCALATION_LABELS[n.kind], text: n.text, replyBy: n.reply_by, issuedAt: n.issued_at })),
    abilities: abilities(u, r, months.reports, { extensions: mine(b.extensions), reportRefusal: newReportRefusal(months), newReportPeriod: periodForReport(months)?.label ?? null, closureWaits: closureWaitsOfItem(months), late: late?.ask ?? null, lateHint: late && lateReasonHint({ ask: late.ask, issuer: ORDER_ISSUERS.rectification, periodLabel: late.period.label, dueOn: late.period.dueOn }) }),
  };
}

/** an item's standing in the 通报: closed (销号); 督办 (a 督办单 issued, or past the grace days); overdue (red: a report or the deadline late); open */
export function standingOf(x: RectificationSummary, today: string): RectificationNoticeStanding {
  if (x.status === 'closed') return 'closed';
  if (x.escalation && (x.escalation.notice === 'order' || x.escalation.stage === 'order' || x.escalation.stage === 'notice')) return 'supervised';
  if (x.light === 'red' || x.deadline < today) return 'overdue';
  return 'open';
}

/**
 * A late report as the 通报 says it, in the document's own dates: "2026年10月进展应于2026年11月10日前报送，已逾期20天，
 * 已下发督办单" — what was done, never the ladder's stage label (a bare "催办" reads as if a reminder had gone out,
 * "列入通报" repeats what the 通报 is doing after its standing "督办").
 */
export function lateReportText(e: NonNullable<RectificationSummary['escalation']>, today: string): string {
  const done = e.notice === 'order' ? '，已下发督办单' : e.notice === 'reminder' ? '，已催办' : '';
  return `${e.periodLabel}进展应于${dayText(e.dueOn)}前报送，已逾期${daysBetween(e.dueOn, today)}天${done}`;
}

/** The office's 整改事项通报 as of `today`: the items grouped by source, each with its standing and latest submitted report. */
export function noticeView(b: ItemBundle, issuer: RectificationNotice['issuer'], now: string, o: { docNumber: string | null; date: string | null }): RectificationNotice {
  // the notice speaks as of its own date (a date chosen in the past), never of a later day than it is signed
  const today = o.date && o.date < now ? o.date : now;
  const counts: RectificationNotice['counts'] = { open: 0, overdue: 0, supervised: 0, closed: 0 };
  const order: RectificationNoticeStanding[] = ['supervised', 'overdue', 'open', 'closed'];
  const sources = RECTIFICATION_SOURCES.map((type) => {
    const items = b.items
      .filter((r) => r.source_type === type)
      .map((r) => {
        const x = presentSummary(b, r, today);
        const standing = standingOf(x, today);
        counts[standing]++;
        const last = lastReport(r, b.reports);
        const periods = new Map(itemPeriods(r, x.deadline).map((p) => [p.code, p.label]));
        return {
          title: x.title,
          owner: x.owner.name,
          deadline: x.deadline,
          standing,
          standingLabel: NOTICE_STANDING_LABELS[standing],
          statusLabel: x.statusLabel,
          progress: x.progress,
          latest: last ? `${periods.get(last.period) ?? last.period}进展${last.progress}%：${last.text.split('\n')[0]}` : null,
          escalation: x.escalation && x.escalation.stage !== 'due' ? lateReportText(x.escalation, today) : null,
        };
      })
      .sort((a, c) => order.indexOf(a.standing) - order.indexOf(c.standing));
    return { type, label: RECTIFICATION_SOURCE_LABELS[type], items };
  }).filter((g) => g.items.length > 0);
  return { issuer, docNumber: o.docNumber, date: o.date ?? now, asOf: today, counts, sources, replies: noticeReplies(b, today) };
}

/** the 督办单 the owners answered by `today` (the 通报's day): the month's report in after it, with its 逾期原因 */
function noticeReplies(b: ItemBundle, today: string): RectificationNotice['replies'] {
  return b.items
    .flatMap((r) => {
      const periods = new Map(itemPeriods(r, deadlineOf(r, b.extensions)).map((p) => [p.code, p]));
      return b.notices
        .filter((n) => n.rectification_id === r.id && n.kind === 'order' && chinaDayOf(n.issued_at) <= today)
        .flatMap((n) => {
          const report = b.reports.find((x) => x.rectification_id === r.id && x.period === n.period && x.status === 'submitted' && x.submitted_at !== null && chinaDayOf(x.submitted_at) <= today);
          const p = periods.get(n.period);
          if (!report || !p) return [];
          const reportedOn = chinaDayOf(report.submitted_at!);
          return [{ owner: b.names.get(r.owner_org_id) ?? `单位${r.owner_org_id}`, title: r.title, periodLabel: p.label, dueOn: p.dueOn, orderedOn: chinaDayOf(n.issued_at), reportedOn, daysLate: daysBetween(p.dueOn, reportedOn), lateReason: report.late_reason }];
        });
    })
    // as they came in; one day's by month, unit, then item (a total order, as the work plan's 通报 lists its replies)
    .sort((x, y) => x.reportedOn.localeCompare(y.reportedOn) || x.dueOn.localeCompare(y.dueOn) || x.owner.localeCompare(y.owner, 'zh-CN') || x.title.localeCompare(y.title, 'zh-CN'));
}

/** one change of an item that moved its version: when (ISO), by whom (a user id), what, in words after 于 <时间> */
export interface ItemChange {
  at: string;
  by: number | null;
  what: string;
}

/**
 * The latest change that moved the item's version (what a 409 of a lost race names): an answer, a report submitted or
 * sent back, an extension asked or decided, a closure asked or decided, a 催办 or 督办单. A draft saved does not move
 * the item, so it is not named. null when none is recorded (an item only raised).
 */
export function lastItemChange(r: RectificationRow, reports: readonly ItemReportRow[], extensions: readonly ItemExtensionRow[], closures: readonly ItemClosureRow[], notices: readonly ItemNoticeRow[]): ItemChange | null {
  const all: (ItemChange | null)[] = [
    r.answered_at ? { at: r.answered_at, by: r.answered_by, what: '答复了整改情况' } : null,
    ...reports.flatMap((x) => [x.submitted_at ? { at: x.submitted_at, by: x.submitted_by, what: '报送了整改进展' } : null, x.returned_at ? { at: x.returned_at, by: x.returned_by, what: '退回了整改进展' } : null]),
    ...extensions.flatMap((x) => [{ at: x.created_at, by: x.created_by, what: `申请延期至${x.new_due_on}` }, requestDecision(RECTIFICATION_EXTENSION_WORKFLOW, x)]),
    ...closures.flatMap((x) => {
      const d = requestDecision(RECTIFICATION_CLOSURE_WORKFLOW, x);
      return [{ at: x.created_at, by: x.created_by, what: '申请销号' }, d && x.status === 'returned' ? { ...d, what: '退回了销号申请' } : d];
    }),
    ...notices.map((x) => ({ at: x.issued_at, by: x.issued_by, what: x.kind === 'order' ? '下发了督办单' : '催办' })),
  ];
  return all.filter((x): x is ItemChange => x !== null).reduce<ItemChange | null>((a, x) => (!a || x.at > a.at ? x : a), null);
}

/**
 * The latest change of one progress report (what a 409 of a lost race on it names): reported (报送), sent back (退回),
 * or saved (a draft, or a returned report being corrected after the return).
 */
export function reportChange(x: ItemReportRow): ItemChange | null {
  if (x.status === 'submitted' && x.submitted_at) return { at: x.submitted_at, by: x.submitted_by, what: '报送' };
  if (x.status === 'returned' && x.returned_at && !(x.updated_at && x.updated_at > x.returned_at)) return { at: x.returned_at, by: x.returned_by, what: '退回' };
  return x.updated_at ? { at: x.updated_at, by: x.updated_by, what: '保存' } : null;
}
