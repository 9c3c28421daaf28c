/**
 * The supervision rules of a work plan (督查督办), pure and clock-free: every function takes `today` (YYYY-MM-DD,
 * China time; the server passes chinaDate(clock())), so tests move time by changing an argument, never by waiting.
 *
 * - Reporting periods: a plan reports monthly, quarterly or half-yearly; a period's report is due `reportDays`
 *   after the period ends.
 * - Two clocks, one light: the time clock (a report or the task's deadline due within `warnDays` → yellow, past
 *   due → red) and the progress clock (progress behind 序时进度, the share of the task's time that has passed,
 *   by more than `behindTolerance` points → yellow). The task's time runs from 1 January of the plan's year
 *   (progressStart), not from the plan's publication: a 工作要点 is the year's work (seed 000 附件 3, the 2023 plan
 *   issued on 17 May, is "2023 年工作要点"), its first reporting period begins on 1 January and the work done before
 *   the publication counts in it; "时间过半、任务过半" is the calendar year's half. The light is the worse of the two; a closed task is 'done'.
 * - Escalation of a report not submitted: due (until the due date) → 催办 (after it) → 督办单 (after the plan's
 *   grace days) → listed in the 通报 (when the 督办单 has stood `noticeDays` more days).
 * - Extensions: asked with a reason and a later date; an approved extension moves the deadline, the original stays
 *   on record, and lateness is judged against the original when the office says so. A work-plan task's lead (and a
 *   整改事项's owner) may still ask after the deadline (逾期申请延期: extensionRefusal's lateAllowed): the request is marked as asked late
 *   (askedLate) and, approved, keeps lateness judged against the deadline it missed — the task was already late, an
 *   approval gives it a date to finish by, not an on-time record. Past its deadline without 销号 a task is an 逾期
 *   to-do of its lead and of the office until it is closed, asks to close or is extended.
 * - Progress may not fall below the last report's without a reason.
 */
import { addDays, chinaDate, dayText, daysBetween, isCalendarDate } from '../deadline';
import { asciiDigits } from '../text';

export type Schedule = 'monthly' | 'quarterly' | 'half-yearly';
export const SCHEDULE_LABELS: Record<Schedule, string> = { monthly: '每月', quarterly: '每季度', 'half-yearly': '每半年' };

export interface SupervisionPolicy {
  /** a deadline this many days away (or fewer) turns the time clock yellow */
  warnDays: number;
  /** progress this many points behind 序时进度 (or more) turns the progress clock yellow */
  behindTolerance: number;
  /** a report is due this many days after its period ends */
  reportDays: number;
  /** after the due date plus this many days, a 催办 becomes a 督办单 */
  graceDays: number;
  /** a 督办单 unanswered this many more days lists the unit in the 通报 */
  noticeDays: number;
}

export const DEFAULT_POLICY: SupervisionPolicy = { warnDays: 7, behindTolerance: 10, reportDays: 10, graceDays: 5, noticeDays: 10 };

export type Light = 'green' | 'yellow' | 'red' | 'done';
export const LIGHT_LABELS: Record<Light, string> = { green: '正常', yellow: '预警', red: '逾期', done: '已办结' };
const RANK: Record<Light, number> = { done: 0, green: 1, yellow: 2, red: 3 };
export const worse = (a: Light, b: Light): Light => (RANK[a] >= RANK[b] ? a : b);

export { addDays, daysBetween };

export interface ReportingPeriod {
  /** '2023-H1', '2023-Q3', '2023-05' */
  code: string;
  label: string;
  startOn: string;
  endOn: string;
  dueOn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The reporting periods of a year under a schedule, each with its due date. */
export function reportingPeriods(year: number, schedule: Schedule, reportDays: number = DEFAULT_POLICY.reportDays): ReportingPeriod[] {
  const months = schedule === 'monthly' ? 1 : schedule === 'quarterly' ? 3 : 6;
  const out: ReportingPeriod[] = [];
  for (let k = 0; k < 12 / months; k++) {
    const m0 = k * months + 1;
    const m1 = m0 + months - 1;
    const endOn = `${year}-${pad(m1)}-${pad(lastDay(year, m1))}`;
    const code = schedule === 'monthly' ? `${year}-${pad(m0)}` : schedule === 'quarterly' ? `${year}-Q${k + 1}` : `${year}-H${k + 1}`;
    const label = schedule === 'monthly' ? `${year}年${m0}月` : schedule === 'quarterly' ? `${year}年第${'一二三四'[k]}季度` : `${year}年${k === 0 ? '上' : '下'}半年`;
    out.push({ code, label, startOn: `${year}-${pad(m0)}-01`, endOn, dueOn: addDays(endOn, reportDays) });
  }
  return out;
}

/**
 * A task reports the periods that begin by its deadline in force: a period beginning after it is no part of the task's
 * time, so it is neither offered on the report form, nor taken by the server, nor owed (no light, 催办 or 通报 for
 * it) — unless an approved extension moved the deadline past its start. A period under way at the deadline (a task due
 * 31 October reports its fourth quarter, October's work) is the task's last.
 */
export const periodsByDeadline = <P extends Pick<ReportingPeriod, 'startOn'>>(periods: readonly P[], deadline: string): P[] => periods.filter((p) => p.startOn <= deadline);
/** Why a period is not reported on a task with this deadline in force (Chinese, naming the field), or null. */
export const periodAfterDeadline = (p: Pick<ReportingPeriod, 'label' | 'startOn'>, deadline: string): { field: string; message: string } | null =>
  p.startOn > deadline ? { field: 'period', message: `${p.label}自${p.startOn}起，晚于该任务的办理期限${deadline}，不能报送该期进展；确需继续办理的，请先申请延期` } : null;

/** Where a plan's 序时进度 starts: 1 January of its year (not the publication; see the header). */
export const progressStart = (year: number): string => `${year}-01-01`;
/** The rule in words, for the screens that show a 序时进度. */
export const PROGRESS_CLOCK_RULE = '序时进度 = 自当年1月1日起已过的天数 ÷ 至办理期限的总天数（工作要点为全年工作，不从发布日算起）';

/** 序时进度: the share (0–100, whole) of the time from start to deadline that has passed by today. */
export function expectedProgress(startOn: string, deadline: string, today: string): number {
  const total = daysBetween(startOn, deadline);
  if (total <= 0) return today >= deadline ? 100 : 0;
  const share = daysBetween(startOn, today) / total;
  return Math.round(Math.min(1, Math.max(0, share)) * 100);
}

/** The time clock of one due date not yet met. */
export function timeLight(dueOn: string, today: string, policy: Pick<SupervisionPolicy, 'warnDays'> = DEFAULT_POLICY): Light {
  if (today > dueOn) return 'red';
  return daysBetween(today, dueOn) <= policy.warnDays ? 'yellow' : 'green';
}

export interface LightInput {
  today: string;
  /** when the task's time began: 1 January of the plan's year (progressStart), not the plan's publication */
  startOn: string;
  /** the deadline in force (an approved extension's date, else the original) */
  deadline: string;
  /**
   * the date lateness is judged against, where it is earlier than the deadline in force (judgedDeadline): the original
   * (逾期仍按原期限判定) or, after an extension asked late, the deadline it missed — which may be an earlier extension's
   */
  judgedAgainst?: string;
  /** what the deadline is called in the reasons: 办理期限 (a work-plan task, the default) or 整改期限 (a 整改事项) */
  label?: string;
  closed: boolean;
  /**
   * a closure (办结, 销号) asked for and not yet decided: the day it was asked and what it is called. Asked by the
   * deadline (the one lateness is judged against), the task is not late while the office decides; asked after it,
   * it stays late. (No report is owed meanwhile: none is taken, so the caller passes no open due dates.)
   */
  closing?: { askedOn: string; label: string } | null;
  /** due dates of reports not yet submitted (this unit's, or every unit's for the task) */
  openDueDates: readonly string[];
  /**
   * those of openDueDates whose report was sent back (退回) and is not reported again: the reasons say 已退回, not
   * 未报送 — the unit did report, and its page and to-do say the report was returned (the 退回理由 is shown where the
   * report may be read, not in a light every reader of the task sees)
   */
  returnedDueDates?: readonly string[];
  /** the last submitted progress, % (null: none yet) */
  progress: number | null;
}

export interface LightResult {
  light: Light;
  time: Light;
  progress: Light;
  /** 序时进度, % */
  expected: number;
  /**
   * what the light is called: LIGHT_LABELS[light], except a red that comes from a late report alone (the deadline still
   * ahead), 报送逾期 — beside a deadline weeks away, 逾期 read as if the task itself had missed it
   */
  label: string;
  reasons: string[];
}

/** One light for a task or a task's unit, from the two clocks. */
export function taskLight(x: LightInput, policy: SupervisionPolicy = DEFAULT_POLICY): LightResult {
  const expected = expectedProgress(x.startOn, x.deadline, x.today);
  if (x.closed) return { light: 'done', time: 'done', progress: 'done', expected, label: LIGHT_LABELS.done, reasons: ['已销号'] };
  const judged = x.judgedAgainst !== undefined && x.judgedAgainst < x.deadline ? x.judgedAgainst : x.deadline;
  if (x.closing && x.closing.askedOn <= judged) {
    return { light: 'green', time: 'green', progress: 'green', expected, label: LIGHT_LABELS.green, reasons: [`已于${x.closing.askedOn}申请${x.closing.label}，待审核`] };
  }
  const reasons: string[] = [];
  let time: Light = 'green';
  const label = x.label ?? '办理期限';
  const deadlineLight = timeLight(x.deadline, x.today, policy);
  if (deadlineLight === 'red') reasons.push(`已超过${label}${x.deadline}`);
  else if (x.judgedAgainst !== undefined && x.judgedAgainst < x.deadline && x.today > x.judgedAgainst) {
    // extended, but lateness stays on an earlier date (the original, or the deadline a late extension missed): past it
    // the task is late all the same; the reason names that date, not "原" (it need not be the original)
    reasons.push(`已超过${label}${x.judgedAgainst}（已延期至${x.deadline}，逾期仍按该期限判定）`);
    time = 'red';
  } else if (deadlineLight === 'yellow') reasons.push(`${label}${x.deadline}临近`);
  time = worse(time, deadlineLight);
  const missedDeadline = time === 'red';
  const returned = new Set(x.returnedDueDates ?? []);
  for (const due of [...x.openDueDates].sort()) {
    const l = timeLight(due, x.today, policy);
    if (returned.has(due)) reasons.push(l === 'red' ? `${due}应报送的进展已退回，尚未重新报送` : `${due}应报送的进展已退回，待修改后重新报送`);
    else if (l === 'red') reasons.push(`${due}应报送的进展未报送`);
    else if (l === 'yellow') reasons.push(`${due}前须报送进展`);
    time = worse(time, l);
  }
  const progress: Light = (x.progress ?? 0) <= expected - policy.behindTolerance ? 'yellow' : 'green';
  // a task nobody has reported on counts as 0% against the clock, and says so (not "进度 0%", which reads as a report);
  // one whose only report was sent back has no progress in force either, but was reported: not 尚未报送 (the reason
  // before this one already says 已退回, for every returned report is among the open ones)
  const noProgress = returned.size > 0 ? '尚无有效进度' : '尚未报送进度';
  if (progress === 'yellow') reasons.push(x.progress === null ? `${noProgress}，序时进度已达${expected}%` : `进度${x.progress}%落后于序时进度${expected}%`);
  const light = worse(time, progress);
  return { light, time, progress, expected, label: light === 'red' && !missedDeadline ? '报送逾期' : LIGHT_LABELS[light], reasons };
}

/**
 * A task's light: its consolidating unit's (the lead's, or the office's where nobody leads), made as severe as the worst
 * of its other units' — a 配合单位 whose report is late makes the task red, one behind 序时进度 yellow, so the plan's
 * list, its counts, the 驾驶舱 and the 通报 do not show a task green while a unit of it is red. Each unit that makes it
 * worse adds its reasons, named ("汨罗市：2026-10-10应报送的进展未报送"; units alike named together). A red is 逾期 where any red light comes from
 * a missed deadline, else 报送逾期 (taskLight's words).
 */
export function taskLightOf(own: LightResult, units: readonly { name: string; light: LightResult }[]): LightResult {
  const all = [own, ...units.map((u) => u.light)];
  const light = all.reduce<Light>((l, x) => worse(l, x.light), own.light);
  if (light === own.light) return own;
  // units that make it worse for the same reasons are named together (33 units of a province task late alike: one line)
  const byReasons = new Map<string, string[]>();
  for (const u of units.filter((x) => RANK[x.light.light] > RANK[own.light])) {
    const why = u.light.reasons.join('，');
    byReasons.set(why, [...(byReasons.get(why) ?? []), u.name]);
  }
  const reasons = [...own.reasons, ...[...byReasons].map(([why, names]) => `${names.join('、')}：${why}`)];
  const label = light === 'red' && !all.some((x) => x.light === 'red' && x.label === LIGHT_LABELS.red) ? '报送逾期' : LIGHT_LABELS[light];
  return {
    light,
    time: all.reduce<Light>((l, x) => worse(l, x.time), own.time),
    progress: all.reduce<Light>((l, x) => worse(l, x.progress), own.progress),
    expected: own.expected,
    label,
    reasons,
  };
}

export type EscalationStage = 'none' | 'due' | 'reminder' | 'order' | 'notice';
export const ESCALATION_LABELS: Record<EscalationStage, string> = { none: '无需报送', due: '待报送', reminder: '催办', order: '督办单', notice: '列入通报' };

/**
 * A late report's stage as the office reads it: the ladder's step by the days late, and what was issued — so a
 * "列入通报" reached without any 催办 says so instead of reading as if the ladder had been walked.
 */
export const stageWithNotices = (x: { stage: string; stageLabel: string }, issued: ReadonlySet<string>): string =>
  `${x.stageLabel}${issued.has('order') ? '（已下发督办单）' : issued.has('reminder') ? '（已催办）' : x.stage === 'order' || x.stage === 'notice' ? '（尚未催办）' : ''}`;

/**
 * The default text of a 催办 (replyBy null) or of a 督办单, which names the day to report by and asks why it is late.
 * what: "第5项“…”2026年上半年进展应于2026年7月10日前报送"; daysLate: the days since that date. (Not the ladder's label:
 * a 催办 sent late would tell the unit it is already "列入通报".)
 */
export const noticeText = (what: string, daysLate: number, replyBy: string | null): string =>
  replyBy ? `${what}，逾期仍未报送，现下发督办单，请于${dayText(replyBy)}前报送并说明逾期原因。` : `${what}，现已逾期${daysLate}天，请即报送。`;

/**
 * The 逾期原因 on a unit's progress report: its reply to a 督办单. A 督办单 asks the unit to report 并说明逾期原因
 * (noticeText), so a report of a period for which one was issued to the unit must give it ('required': the form marks it,
 * the server refuses a 保存 or 报送 without it, lateReasonRefusal). A report merely past its due date, 催办'd or not, may
 * give one ('optional'): a 催办 asks only 请即报送, and holding its quick reply back for an explanation nobody asked for
 * would delay the very report it presses for — its lateness is on record anyway (the due date, the 报送 date, the 通报).
 * Before the due date there is nothing to explain (null: the field is not shown). notices: the kinds issued to the unit
 * for that period.
 */
export type LateReasonAsk = 'required' | 'optional' | null;
export function lateReasonAsk(x: { dueOn: string; today: string; notices: readonly string[] }): LateReasonAsk {
  if (x.notices.includes('order')) return 'required';
  return x.today > x.dueOn ? 'optional' : null;
}
/**
 * Who issues a 督办单 (and a 催办) on a late report, as the 逾期原因's refusal, its form's hint and the unit's to-do name
 * them: the 质强办 for a work-plan task, its raiser (提出单位) for a 整改事项. The two issuers of the one kind of order.
 */
export const ORDER_ISSUERS = { task: '质强办', rectification: '提出单位' } as const;
/** the clause a late report's refusal, its form's hint and its to-do open with: who issued a 督办单 on which period */
const orderIssued = (issuer: string, periodLabel: string) => `${issuer}已就${periodLabel}进展下发督办单`;
/** the least a 逾期原因 says (the house's length for a written reason, as 工作进展 and 办结情况) */
export const LATE_REASON_MIN = 5;
/**
 * Why a report may not be saved or reported without its 逾期原因 (Chinese, naming the field), or null. The same rule for
 * a work-plan task's report and a 整改事项's monthly report; `issuer` names who issued the 督办单 (质强办 for a task,
 * 提出单位 for a 整改事项, whose raiser issues it).
 */
export function lateReasonRefusal(x: { dueOn: string; today: string; notices: readonly string[]; periodLabel: string; lateReason: string | null | undefined; issuer?: string }): { field: string; message: string } | null {
  if (lateReasonAsk(x) !== 'required' || (x.lateReason ?? '').trim()) return null;
  return { field: 'lateReason', message: `${orderIssued(x.issuer ?? ORDER_ISSUERS.task, x.periodLabel)}，请填写逾期原因（至少${LATE_REASON_MIN}个字），说明未按期报送的原因` };
}
/**
 * What the report form says beside its 逾期原因 (lateReasonAsk's ask), or null when none is asked: required, who issued
 * the 督办单 on which period and that it asks for the reason; optional, when the period's report was due. The same words
 * on a work-plan task's form (the page builds them, `issuer` 质强办) and a 整改事项's (the server's page abilities,
 * `issuer` its raiser; ORDER_ISSUERS), as lateReasonRefusal names the issuer.
 */
export function lateReasonHint(x: { ask: LateReasonAsk; issuer: string; periodLabel: string; dueOn: string }): string | null {
  if (x.ask === 'required') return `${orderIssued(x.issuer, x.periodLabel)}，要求报送进展并说明逾期原因，必填`;
  return x.ask === 'optional' ? `${x.periodLabel}进展应于${x.dueOn}前报送，已逾期，可说明原因` : null;
}
/**
 * What a unit's to-do says a late report owes, in one sentence, by the rule its form and the server apply (`ask`:
 * lateReasonAsk of the period the report answers): after a 督办单 the report with its 逾期原因, which the form asks and the
 * server requires (lateReasonRefusal); after a 催办 only the report; nothing more otherwise (the to-do's title and due
 * date say it). `issuer` names who issued the notices (质强办 for a task, 提出单位 for a 整改事项), `notice` the strongest
 * issued for the period.
 */
export function lateReportOwed(x: { ask: LateReasonAsk; notice: 'reminder' | 'order' | null; periodLabel: string; issuer: string }): string | null {
  if (x.ask === 'required') return `${orderIssued(x.issuer, x.periodLabel)}，请即报送并填写逾期原因（至少${LATE_REASON_MIN}个字），说明未按期报送的原因`;
  return x.notice === 'reminder' ? `${x.issuer}已催办，请即报送` : null;
}
/**
 * The 逾期原因 a report keeps: the written one when the report is asked for one (lateReasonAsk), else none — a report on
 * time has nothing to explain, whatever a form sent.
 */
export const lateReasonKept = (ask: LateReasonAsk, lateReason: string | null | undefined): string | null => (ask ? lateReason?.trim() || null : null);

/** Where an unsubmitted report stands on the escalation ladder today (null submittedOn: not submitted). */
export function escalationStage(
  x: { dueOn: string; submittedOn: string | null; today: string },
  policy: Pick<SupervisionPolicy, 'graceDays' | 'noticeDays'> = DEFAULT_POLICY,
): EscalationStage {
  if (x.submittedOn !== null) return 'none';
  if (x.today <= x.dueOn) return 'due';
  const late = daysBetween(x.dueOn, x.today);
  if (late <= policy.graceDays) return 'reminder';
  if (late <= policy.graceDays + policy.noticeDays) return 'order';
  return 'notice';
}

export interface Extension {
  /** the date asked for */
  newDueOn: string;
  status: 'pending' | 'approved' | 'refused';
  /** the office approved it saying lateness stays judged against the original deadline (逾期仍按原期限判定) */
  judgeAgainstOriginal?: boolean;
  /** the deadline in force when it was asked (from_due_on) */
  fromDueOn?: string;
  /** asked after that deadline had passed (逾期申请延期, askedLate) */
  askedLate?: boolean;
}

/** The deadline in force: the latest approved extension's date, else the original. */
export function effectiveDeadline(original: string, extensions: readonly Extension[]): string {
  return extensions.filter((e) => e.status === 'approved').reduce((d, e) => (e.newDueOn > d ? e.newDueOn : d), original);
}

/**
 * The date lateness is judged against, the earliest of: the deadline in force; the original, once the office approved
 * an extension saying lateness stays judged against it (a later approval without the mark does not silently lift it);
 * and for an extension asked late (逾期申请延期), approved, the deadline in force when it was asked — the one the task
 * had missed (its fromDueOn), which after an earlier on-time extension is that extension's date, not the first one.
 * One rule for the lights, hence the task page, the to-dos' lights and the 通报.
 */
export function judgedDeadline(original: string, extensions: readonly Extension[]): string {
  return extensions
    .filter((e) => e.status === 'approved')
    .reduce((d, e) => {
      const judged = e.askedLate && e.fromDueOn ? e.fromDueOn : e.judgeAgainstOriginal ? original : d;
      return judged < d ? judged : d;
    }, effectiveDeadline(original, extensions));
}

/** the issuing office consolidates a task whose lead is `leadId` itself: it leads it, or nobody does (null) */
export const officeConsolidates = (issuerId: number, leadId: number | null): boolean => (leadId ?? issuerId) === issuerId;

/**
 * What the office's edit form and its 403 say of a deadline the office may not move later itself (ownDeadlineRefusal):
 * the form shows it whenever ownDeadlineLatest binds the lead it shows, so the words and the bound come together.
 */
export const OWN_DEADLINE_RULE = '本办牵头（汇总）的任务，办理期限不能由本办直接延后：确需延期的，请由本办工作人员在任务页申请延期，经质强办其他工作人员审批';

/**
 * The latest 办理期限 the issuing office may give a published task by an edit that leaves its lead `leadAfter` (null:
 * nobody leads), or null when no such bound applies (a draft; a task the office consolidates neither before nor after
 * the edit). On a task it consolidates before or after (officeConsolidates), the office may not move the deadline in
 * force later itself; one it consolidates after the edit goes no later than its approved deadline either (the lowest
 * it has had since publication, raised only by approved extensions), so handing the lead away, moving the date and
 * taking it back extends nothing. The server refuses past it (ownDeadlineRefusal); the edit form names it as the
 * lead field changes.
 */
export function ownDeadlineLatest(x: { published: boolean; issuerId: number; leadBefore: number | null; leadAfter: number | null; inForce: string; approved: string }): string | null {
  if (!x.published) return null;
  const ownAfter = officeConsolidates(x.issuerId, x.leadAfter);
  if (!ownAfter && !officeConsolidates(x.issuerId, x.leadBefore)) return null;
  return ownAfter && x.approved < x.inForce ? x.approved : x.inForce;
}

/**
 * The longest a deadline may be set or moved (a 整改期限 raised or extended, a task's extension): three years from today.
 * A slip such as 9999-12-31 would otherwise become a deadline no one is ever late against (and a 整改事项's monthly
 * periods running for millennia, on every list and every user's 待办).
 */
export const MAX_DUE_YEARS = 3;
/** the last day a deadline set or moved today may fall on (MAX_DUE_YEARS out) */
export const latestDueOn = (today: string): string => addDays(today, MAX_DUE_YEARS * 365);

/**
 * Why an extension may not be asked (Chinese, naming the field), or null. lateAllowed: the deadline may have passed
 * (逾期申请延期); the new date must then lie after today, and the reason says why it is late. Both a work-plan task and
 * a 整改事项 allow it: past its deadline either had no way forward but closure (a 整改事项's monthly reports stop at
 * the deadline's month), and an approval marked late keeps lateness judged against the missed deadline
 * (judgedDeadline), so the item stays 逾期 in the 通报 while it gets a date to finish by.
 */
export function extensionRefusal(x: { today: string; deadline: string; newDueOn: string; reason: string; label?: string; lateAllowed?: boolean }): { field: string; message: string } | null {
  const late = x.today > x.deadline;
  if (late && !x.lateAllowed) return { field: 'newDueOn', message: `${x.label ?? '办理期限'}${x.deadline}已过，不能再申请延期；延期须在期限届满前申请` };
  if (!isCalendarDate(x.newDueOn)) return { field: 'newDueOn', message: '延期后的日期格式应为 YYYY-MM-DD' };
  if (x.newDueOn <= x.deadline) return { field: 'newDueOn', message: `延期后的日期须晚于现行期限${x.deadline}` };
  if (late && x.newDueOn <= x.today) return { field: 'newDueOn', message: `${x.label ?? '办理期限'}${x.deadline}已过，延期后的日期须晚于今天${x.today}` };
  const latest = latestDueOn(x.today);
  if (x.newDueOn > latest) return { field: 'newDueOn', message: `延期后日期不能晚于${latest}（最长${MAX_DUE_YEARS}年），请核对日期` };
  if (!x.reason.trim()) return { field: 'reason', message: late ? '请写明逾期原因和延期理由' : '请填写延期理由' };
  return null;
}

/** An extension asked after the deadline it would move (逾期申请): askedOn, the China day it was asked. */
export const askedLate = (x: { fromDueOn: string; askedOn: string }): boolean => x.askedOn > x.fromDueOn;
/** A stored extension (a work-plan task's or a 整改事项's) asked after the deadline it would move (逾期申请延期). */
export const extensionLate = (e: { from_due_on: string; created_at: string }): boolean => askedLate({ fromDueOn: e.from_due_on, askedOn: chinaDate(new Date(e.created_at)) });
/** A stored extension as the deadline rules read it (effectiveDeadline, judgedDeadline). */
export const extensionOfRow = (e: { new_due_on: string; status: Extension['status']; from_due_on: string; created_at: string; judge_against_original?: number }): Extension => ({
  newDueOn: e.new_due_on,
  status: e.status,
  judgeAgainstOriginal: e.judge_against_original === 1,
  fromDueOn: e.from_due_on,
  askedLate: extensionLate(e),
});

/** The days a task is past its deadline in force today (0: not late). */
export const daysOverdue = (deadline: string, today: string): number => (today > deadline ? daysBetween(deadline, today) : 0);

/**
 * Why a task's milestone may not fall on a date (Chinese, naming the field), or null: a step of the task, so within
 * the plan's year and not after the task's deadline in force (an approved extension moves it).
 */
export function milestoneDateRefusal(x: { year: number; deadline: string; dueOn: string }): { field: string; message: string } | null {
  if (x.dueOn < `${x.year}-01-01`) return { field: 'dueOn', message: `节点期限${x.dueOn}早于工作要点的年度（${x.year}年），请重新选择` };
  if (x.dueOn > x.deadline) return { field: 'dueOn', message: `节点期限${x.dueOn}晚于任务的办理期限${x.deadline}，节点须在办理期限之前完成` };
  return null;
}

/**
 * Who leads a task, in one wording wherever a line names it (the plan page, the task page, the matrix export, the
 * 通报, the 驾驶舱 card): its lead, or for a task without one 按职责分工（省质强办汇总）.
 */
export const leadText = (r: { lead: { name: string } | null; consolidator: { name: string } }): string => r.lead?.name ?? `按职责分工（${r.consolidator.name}汇总）`;

/**
 * A new plan's title that names another year than its 年度 (“岳阳市2027年质量强市工作要点” filed as 2000, the year box
 * clamped or mistyped): the plan would hold its tasks' 办理期限 to the wrong year and be listed under it. A title
 * naming no year, or its own year among others, is left alone. Full-width digits count (２０２７年); a year in Chinese
 * numerals (二〇二七年) is not read.
 */
export function planTitleYearRefusal(year: number, title: string): { field: string; message: string } | null {
  // ２０２７年 (full-width, as an input method types it) names 2027 as 2027年 does
  const named = [...asciiDigits(title).matchAll(/(\d{4})\s*年/g)].map((m) => Number(m[1]));
  if (named.length === 0 || named.includes(year)) return null;
  return { field: 'title', message: `标题写的是${named[0]}年，年度填的是${year}年，请核对年度或标题` };
}

/**
 * Why a task's 办理期限 may not be set to `dueOn` (Chinese, naming the field), or null: within the plan's year. A 工作要点
 * is the year's work — seed 000 附件 3, 湖南省质量强省 2023 年工作要点, gives its tasks no dates of their own, so each runs
 * to the year's end (the import sets 12-31) — and its reporting periods, lights, 通报 and to-dos cover that year. A task
 * whose work runs on past it is given a date within the year (a stage of it) and extended by a 申请延期 (a reason, the
 * original on record), never a later date at the outset: a slip such as 2099 would never be 逾期 and would keep the
 * plan's supervision open for ever. On adding a task and on changing one (a draft or a published plan's revision).
 */
export function taskDueOnRefusal(year: number, dueOn: string): { field: string; message: string } | null {
  const range = `办理期限须在${year}-01-01至${year}-12-31之间`;
  if (dueOn < `${year}-01-01`) return { field: 'dueOn', message: `办理期限${dueOn}不在工作要点的年度内：${range}` };
  if (dueOn > `${year}-12-31`) return { field: 'dueOn', message: `办理期限${dueOn}不在工作要点的年度内：${range}；跨年完成的工作，请按年内的阶段目标设定期限，确需顺延的由牵头单位申请延期` };
  return null;
}

/**
 * Why a task's deadline in force may not become `deadline` (Chinese, naming the field), or null: a milestone still open
 * would then fall after it, which milestoneDateRefusal refuses when the milestone is set. The milestone is moved or
 * removed first.
 */
export function deadlineRefusal(deadline: string, openMilestones: readonly { title: string; dueOn: string }[]): { field: string; message: string } | null {
  const late = openMilestones.find((m) => m.dueOn > deadline);
  return late ? { field: 'dueOn', message: `办理期限${deadline}早于未完成的节点“${late.title}”（期限${late.dueOn}），请先调整或删除该节点` } : null;
}

/**
 * Why a 销号 waits (Chinese), or null: an extension still pending is decided first — on a closed task or item it would
 * wait for ever, on the office's 待办 and with 同意 still open to move a closed deadline. what: "该任务", "该整改事项".
 */
export const closureWaitsForExtension = (what: string, pendingExtension: boolean): string | null =>
  pendingExtension ? `${what}还有一项延期申请待审批，请先审批延期申请（同意或不同意并写明理由），再决定销号` : null;

/**
 * Why a work-plan task's 办结 (or, in `words`, a 整改事项's 销号) may not be asked yet (Chinese), or null: a consolidated
 * (汇总) report stands returned (退回; `returned`, the labels of those periods) — the office asked for it to be
 * corrected, so the lead corrects and reports it again before asking to close — or a consolidated report past its date
 * has not come in (`unreported`, the labels of those periods): a task owes
 * nothing while its 办结 request waits, so asking would wipe a late report, its 催办 and its light; it is reported
 * first. (A period not yet due is not waited for: the 办结情况 says where the task ended.) The server refuses the
 * request with it; the task page shows it in place of the button.
 */
export function closureWaitsForReports(
  returned: readonly string[],
  unreported: readonly string[],
  words: { subject: string; report: string; ask: string } = { subject: '该任务', report: '汇总报告', ask: '申请办结' },
): string | null {
  if (returned.length) return `${words.subject}的${words.report}（${returned.join('、')}）已被退回，请修改后重新报送，再${words.ask}`;
  return unreported.length ? `${words.subject}${unreported.join('、')}的${words.report}已过报送期限仍未报送，请先报送，再${words.ask}` : null;
}

/**
 * Why a progress report may not be returned (退回) now (Chinese), or null: its task is asking to close (办结申请
 * pending). A report returned then could not be corrected (nothing is reported on a closing task) and the closure could
 * still be accepted over it, closing the task on a report the office had sent back. So the closure request is returned
 * first (退回, with its reason), the lead corrects and reports again, then asks to close again. The server refuses with
 * it (409); the task page shows it in place of 退回.
 */
export function returnWaitsForClosure(taskStatus: string, consolidated: boolean): string | null {
  if (taskStatus !== 'closing') return null;
  return consolidated
    ? '该任务已申请办结，待审核：如需退回汇总报告，请先退回办结申请并写明理由，牵头单位修改汇总报告后再申请办结'
    : '该任务已申请办结，待质强办审核，暂不能退回分报告；如需修改，请质强办先退回办结申请';
}

/** Late or on time: against the deadline in force, or — when the office says so — against the original. */
export function isLate(x: { doneOn: string; original: string; extended: string; judgeAgainstOriginal: boolean }): boolean {
  return x.doneOn > (x.judgeAgainstOriginal ? x.original : x.extended);
}

/** Why a progress figure may not be reported (Chinese, naming the field), or null. */
export function progressRefusal(x: { previous: number | null; next: number; reason: string | null | undefined }): { field: string; message: string } | null {
  if (!Number.isInteger(x.next) || x.next < 0 || x.next > 100) return { field: 'progress', message: '进度应为0到100之间的整数（%）' };
  if (x.previous !== null && x.next < x.previous && !(x.reason ?? '').trim()) {
    return { field: 'progressReason', message: `进度${x.next}%低于上次报送的${x.previous}%，请说明下调原因` };
  }
  return null;
}

/**
 * The end of a plan's supervision: the latest of its year's end and its tasks' dates (each task's deadline in force
 * and its last period's due date) plus the grace and notice days, by when every late unit has had its 催办, its 督办单
 * and its place in the 通报. After it the plan is a record: its lights are shown as of that day (not as of a later
 * today, which would only ever add red), it raises no more to-dos and takes no more changes (supervisionEndedRefusal).
 * planEnd in modules/workplan/workplan.presenter.ts gathers a plan's dates.
 */
export function supervisionEnd(year: number, dates: readonly string[], policy: Pick<SupervisionPolicy, 'graceDays' | 'noticeDays'> = DEFAULT_POLICY): string {
  const last = dates.reduce((a, d) => (d > a ? d : a), `${year}-12-31`);
  return addDays(last, policy.graceDays + policy.noticeDays);
}

/**
 * Whether a plan's supervision has ended by `today`: the day after its end (supervisionEnd; on the server, planEnd in
 * modules/workplan/workplan.presenter.ts, which also counts a deadline moved by an approved extension). On the end day
 * itself it still runs.
 */
export const supervisionEnded = (today: string, end: string): boolean => today > end;

/** what is no longer done on a plan's tasks once its supervision has ended (supervisionEndedRefusal) */
export type AfterSupervision = 'sign' | 'report' | 'attach' | 'extension' | 'closure' | 'milestone' | 'milestoneDone' | 'return' | 'notice';
const UNIT_INSTEAD = '仍需推进的工作，请列入下一年度工作要点';
const AFTER_SUPERVISION: Record<AfterSupervision, { verb: string; instead: string }> = {
  sign: { verb: '签收任务', instead: UNIT_INSTEAD },
  report: { verb: '报送进展', instead: `未报送的期次按未报送留档；${UNIT_INSTEAD}` },
  attach: { verb: '增删进展报告的附件', instead: '报告及其附件按该日的情况留档' },
  extension: { verb: '申请延期', instead: UNIT_INSTEAD },
  closure: { verb: '申请办结', instead: `未办结的任务按未办结留档；${UNIT_INSTEAD}` },
  milestone: { verb: '调整任务节点', instead: UNIT_INSTEAD },
  milestoneDone: { verb: '确认节点完成', instead: UNIT_INSTEAD },
  return: { verb: '退回进展报告', instead: '报送单位已不能修改后重新报送，该报告按已报送留档；存在的问题请在下一年度工作要点中跟进' },
  notice: { verb: '催办或下发督办单', instead: '逾期未报送的期次按未报送留档，可在落实情况通报中查看' },
};

/**
 * Why nothing of `action` is done on a plan's task any more (Chinese), or null while its supervision runs. After the
 * end the plan is a record as of that day (its lights, its 通报, its to-dos stop): a report, an extension, a closure
 * request, a 签收 or a milestone changed later would rewrite a year already reported on, and a 催办 or a 退回 would
 * ask a unit for what it can no longer send. What is not refused: the office's decisions on the requests asked before
 * the end (审批延期, 销号 / 退回 of a closure request; they stay on its 待办 until decided), so each request made in
 * time is answered and the year can be closed out — an extension approved then moves the plan's end (planEnd) and its
 * supervision runs again to the new deadline; and reading and the exports. The server answers with it (a 409) and the
 * task page's abilities are the same rule.
 */
export function supervisionEndedRefusal(x: { year: number; end: string; today: string }, action: AfterSupervision): string | null {
  if (!supervisionEnded(x.today, x.end)) return null;
  const { verb, instead } = AFTER_SUPERVISION[action];
  return `${x.year}年度工作要点的督办已于${x.end}结束，不能再${verb}：该年度的落实情况以${x.end}为准，${instead}。`;
}

/** the line a plan's and a task's page show once its supervision has ended (what supervisionEndedRefusal refuses) */
export const supervisionEndedLine = (end: string): string =>
  `本年度督办已于${end}结束，灯按该日计算，不再受理签收、报送、延期申请、办结申请和节点调整，也不再催办；此前已提出的延期和办结申请仍由质强办审批。`;

/** The day a plan's lights are computed for: today, or an earlier day asked for (回看), never past the supervision's end. */
export function lightDay(today: string, end: string | null, asOf?: string | null): string {
  const day = asOf && isCalendarDate(asOf) && asOf < today ? asOf : today;
  return end && day > end ? end : day;
}

/** the kinds of unit a task may be given (not the province itself: its accounts are leaders, who report nothing) */
export const TASK_UNIT_KINDS: readonly string[] = ['city', 'county', 'department', 'office'];

/**
 * Whether a unit lies within a plan's region — the issuing office's parent unit (the province, or a city for a city
 * office's own plan): the region itself or any unit below it. A city's 工作要点 is carried within the city (the city's
 * government, its counties, its own departments and office); another city's unit or a province department is not the
 * city office's to supervise, and would get the city's to-dos. One rule for the server's check and the form's list.
 */
export function withinRegion(orgId: number, regionId: number, parentOf: (id: number) => number | null | undefined): boolean {
  let id: number | null | undefined = orgId;
  for (let depth = 0; id !== null && id !== undefined && depth < 10; depth++) {
    if (id === regionId) return true;
    id = parentOf(id);
  }
  return false;
}
