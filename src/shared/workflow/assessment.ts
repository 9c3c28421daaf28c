/** The states of the yearly assessment (seed 000), one table per thing that moves. */
import { addDays, chinaDayOf, FAR_DATE_MAX_DAYS } from '../deadline';
import type { Workflow } from './workflow';

export type CycleStatus = 'collecting' | 'scheme' | 'scoring' | 'review' | 'published';
export type CycleEvent = 'closeCollection' | 'reopenCollection' | 'startScoring' | 'openReview' | 'publishResults' | 'publishPreliminary';

export const CYCLE_WORKFLOW: Workflow<CycleStatus, CycleEvent> = {
  name: 'cycle',
  states: {
    collecting: '指标征集中',
    scheme: '方案制定中',
    scoring: '评分中',
    review: '结果公示（异议期）',
    published: '结果已发布',
  },
  transitions: [
    { from: ['collecting'], event: 'closeCollection', to: 'scheme', permission: 'cycle.manage', label: '结束征集，制定方案' },
    { from: ['scheme'], event: 'reopenCollection', to: 'collecting', permission: 'cycle.manage', label: '重新开放征集' },
    // startScoring happens when a scheme version is published (scheme.manage), see scheme workflow.
    { from: ['scheme'], event: 'startScoring', to: 'scoring', permission: 'scheme.manage', label: '发布方案，开始评分' },
    { from: ['scoring'], event: 'openReview', to: 'review', permission: 'cycle.manage', label: '公布初步结果，开放异议' },
    { from: ['review'], event: 'publishResults', to: 'published', permission: 'cycle.manage', label: '发布最终结果' },
    // the office shows the cities the scores of the departments that have submitted, before all have (with a
    // reason); the cycle stays in scoring, the others keep scoring; repeatable (the latest publication counts)
    { from: ['scoring'], event: 'publishPreliminary', to: 'scoring', permission: 'cycle.manage', label: '公布已提交部门的初步结果' },
  ],
};

export type DeclarationStatus = 'draft' | 'submitted' | 'returned' | 'accepted';
export type DeclarationEvent = 'submit' | 'return' | 'accept';

export const DECLARATION_WORKFLOW: Workflow<DeclarationStatus, DeclarationEvent> = {
  name: 'declaration',
  states: { draft: '草稿', submitted: '已提交', returned: '已退回', accepted: '已接收' },
  transitions: [
    { from: ['draft', 'returned'], event: 'submit', to: 'submitted', permission: 'declaration.edit', label: '提交' },
    { from: ['submitted'], event: 'return', to: 'returned', permission: 'declaration.review', label: '退回修改' },
    { from: ['submitted'], event: 'accept', to: 'accepted', permission: 'declaration.review', label: '接收' },
  ],
};
/** A declaration's content may be edited in these states only. */
export const DECLARATION_EDITABLE: readonly DeclarationStatus[] = ['draft', 'returned'];

export type SchemeStatus = 'draft' | 'published' | 'superseded';
export type SchemeEvent = 'publish' | 'supersede';

export const SCHEME_WORKFLOW: Workflow<SchemeStatus, SchemeEvent> = {
  name: 'scheme',
  states: { draft: '草稿', published: '已发布', superseded: '已被新版本取代' },
  transitions: [
    { from: ['draft'], event: 'publish', to: 'published', permission: 'scheme.manage', label: '发布方案' },
    { from: ['published'], event: 'supersede', to: 'superseded', permission: 'scheme.manage', label: '由新版本取代' },
  ],
};

export type SubmissionStatus = 'open' | 'submitted';
export type SubmissionEvent = 'submit' | 'reopen';

export const SCORE_SUBMISSION_WORKFLOW: Workflow<SubmissionStatus, SubmissionEvent> = {
  name: 'scoreSubmission',
  states: { open: '评分中', submitted: '已提交（锁定）' },
  transitions: [
    { from: ['open'], event: 'submit', to: 'submitted', permission: 'score.enter', label: '提交评分' },
    { from: ['submitted'], event: 'reopen', to: 'open', permission: 'score.monitor', label: '重新开放评分' },
  ],
};

export type ObjectionStatus = 'open' | 'upheld' | 'adjusted';
export type ObjectionEvent = 'uphold' | 'adjust' | 'closeAtPublication';

export const OBJECTION_WORKFLOW: Workflow<ObjectionStatus, ObjectionEvent> = {
  name: 'objection',
  states: { open: '待答复', upheld: '维持原评分', adjusted: '已调整评分' },
  transitions: [
    { from: ['open'], event: 'uphold', to: 'upheld', permission: 'objection.answer', label: '维持原评分' },
    { from: ['open'], event: 'adjust', to: 'adjusted', permission: 'objection.answer', label: '调整评分' },
    // the office confirmed the final publication while the objection was unanswered: the score stands
    { from: ['open'], event: 'closeAtPublication', to: 'upheld', permission: 'cycle.manage', label: '发布最终结果时未答复，维持原评分' },
  ],
};

/**
 * What each phase of a cycle allows besides its own moves (the moves are in CYCLE_WORKFLOW). The server's
 * policy predicates (src/server/modules/assessment/assessment.policy.ts) read these sets, so a phase rule is
 * written once.
 */
export const CYCLE_PHASES = {
  /** departments fill in and submit their declarations */
  declare: ['collecting'],
  /** the office returns or accepts submitted declarations */
  reviewDeclarations: ['collecting', 'scheme'],
  /** the office changes the cycle's dates, contacts and objection window */
  edit: ['collecting', 'scheme', 'scoring', 'review'],
  /** the office edits scheme drafts and publishes versions */
  manageScheme: ['collecting', 'scheme', 'scoring', 'review'],
  /** a later scheme version (not the first) may be published */
  republishScheme: ['scoring', 'review'],
  /** evaluators enter, change and submit scores */
  score: ['scoring'],
  /** the office follows the scoring and reminds */
  monitor: ['scoring', 'review'],
  /** assessed units write their self-reports */
  selfReport: ['collecting', 'scheme', 'scoring'],
  /** assessed units object, evaluators answer */
  objections: ['review'],
  /** results are readable (by everyone allowed to read results) */
  readResults: ['review', 'published'],
  /** the office may publish the submitted departments' scores before all have submitted; then they are readable */
  partialResults: ['scoring'],
  /** the office reads the preliminary results as soon as there are scores to compute them from */
  officeReadResults: ['scoring', 'review', 'published'],
  /**
   * the documents that carry totals, ranks and grades (ranking table, 公示/通报, unit reports, 反馈意见书): once the
   * preliminary results are announced; while scoring, an unscored key point would print as a lost one
   */
  resultDocuments: ['review', 'published'],
  /**
   * a leader of a region the cycle assesses (a city's leader in the province's assessment of the cities, a county's
   * in its city's) takes part as that region does — its own line in detail, the others' totals, its own report —
   * once the results are published; before that the cycle is the assessing office's work, not theirs (a leader
   * above the assessing office reads it at every stage)
   */
  assessedLeaderReads: ['published'],
} as const satisfies Record<string, readonly CycleStatus[]>;
export type CyclePhaseRule = keyof typeof CYCLE_PHASES;
export const phaseAllows = (status: CycleStatus, rule: CyclePhaseRule): boolean => (CYCLE_PHASES[rule] as readonly CycleStatus[]).includes(status);

/** The date a department must submit its declaration by: the cycle's deadline, or the reopened date when later. */
export const declarationDueOn = (deadline: string, reopenedUntil: string | null): string => (reopenedUntil && reopenedUntil > deadline ? reopenedUntil : deadline);

/**
 * Why a department's declaration may not be reopened in the cycle's phase, or null while the call for indicators runs.
 * Once the call has ended, a late department is let in by reopening the call itself first (重新开放征集, from 方案制定中
 * only, on the overview); once the scheme is published the call cannot be reopened at all — the words say which, so
 * no one is sent to look for a 重新开放征集 that is not there. The reopen command refuses with it, and the confirmation
 * of 结束征集 says the same.
 */
export function declarationReopenPhaseRefusal(status: CycleStatus): string | null {
  if (phaseAllows(status, 'declare')) return null;
  if (CYCLE_WORKFLOW.transitions.some((t) => t.event === 'reopenCollection' && t.from.includes(status))) {
    return '指标征集已结束；如需补报，请先在考核「概况」中点「重新开放征集」，再为该单位重新开放申报';
  }
  return `考核已进入「${CYCLE_WORKFLOW.states[status]}」阶段，方案已发布，不能再重新开放指标征集或为成员单位补报`;
}

/**
 * Why a cycle's declaration deadline (申报截止日期) may not be moved in the cycle's phase, or null while the call for
 * indicators runs. After the call has ended the deadline is the record of the call (the 征集通知 printed it): a late
 * department is let in by reopening the call (重新开放征集, from 方案制定中) and then moving the deadline or reopening
 * its own declaration. The PATCH refuses with it (a 409), and the overview's 修改 is not offered.
 */
export function deadlinePhaseRefusal(status: CycleStatus): string | null {
  if (phaseAllows(status, 'declare')) return null;
  const reopen = CYCLE_WORKFLOW.transitions.some((t) => t.event === 'reopenCollection' && t.from.includes(status));
  return `考核已进入「${CYCLE_WORKFLOW.states[status]}」阶段，指标征集已结束，申报截止日期不能再修改${reopen ? '；如需延长征集，请先在考核「概况」中点「重新开放征集」' : ''}`;
}

/**
 * Why a cycle's declaration deadline may not be set to `deadline` (Chinese, naming the field), or null: not before
 * today — the departments' forms would be locked the moment they were sent, their to-dos saying 申报已截止 — and not
 * before the notice's 发文日期, which would ask for answers before it was issued. Judged when a cycle is opened and when
 * its deadline is moved; a deadline kept as it was is not judged again.
 */
export function cycleDeadlineRefusal(x: { deadline: string; issuedOn: string | null | undefined; today: string }): { field: 'deadline'; message: string } | null {
  if (x.deadline < x.today) return { field: 'deadline', message: `申报截止日期${x.deadline}早于今天（${x.today}）：成员单位将无法申报，请选择今天或以后的日期` };
  if (x.issuedOn && x.deadline < x.issuedOn) return { field: 'deadline', message: `申报截止日期${x.deadline}早于通知的发文日期${x.issuedOn}，请核对日期` };
  const far = farDateRefusal('申报截止日期', x.deadline, x.today);
  return far ? { field: 'deadline', message: far } : null;
}

/**
 * Why a department's declaration may not be reopened until `until` (Chinese, naming the field), or null: not before
 * today (the form would be locked again at once) and within CYCLE_DATE_MAX_DAYS of today. The reopen command refuses
 * with it; the reopen dialog greys those days out with it.
 */
export function reopenUntilRefusal(x: { until: string; today: string }): { field: 'until'; message: string } | null {
  if (x.until < x.today) return { field: 'until', message: `重新开放截止日期${x.until}早于今天（${x.today}），请选择今天或以后的日期` };
  const far = farDateRefusal('重新开放截止日期', x.until, x.today);
  return far ? { field: 'until', message: far } : null;
}

/**
 * How far from today a cycle's dates may lie: the declaration deadline (申报截止日期), a department's reopened date
 * (重新开放截止日期) and the objection window's end. A yearly assessment's dates are weeks or months out; one more than
 * a year out is a slip of the year (2099 for 2026), or a stand-in for "no end" (9999-12-31) that every to-do (如有异议请于
 * 9999年12月31日 前提出), the 征集通知, the 公示 and the 反馈意见书 would print — and nothing could follow it. The same
 * bound as a 评价工作方案's dates (planScheduleRefusal in ./evaluation): one constant, FAR_DATE_MAX_DAYS.
 */
export const CYCLE_DATE_MAX_DAYS = FAR_DATE_MAX_DAYS;

/** The latest day a cycle's date may be set to on `today` (China time): the pickers grey out the days after it. */
export const latestCycleDate = (today: string): string => addDays(today, CYCLE_DATE_MAX_DAYS);

/**
 * Why `day`, the field `label` (its Chinese name), lies too far ahead of today, or null: one sentence for the dates set
 * for work ahead under FAR_DATE_MAX_DAYS — a cycle's (cycleDeadlineRefusal, reopenUntilRefusal) and a 评价工作方案's
 * (planScheduleRefusal in ./evaluation) — and the 异议期's end (objectionWindowRefusal).
 */
export function farDateRefusal(label: string, day: string, today: string): string | null {
  const latest = latestCycleDate(today);
  return day > latest ? `${label}不能晚于${latest}（今天起一年内），${day}已超出，请核对年份` : null;
}

/**
 * Why an objection window may not be set (Chinese, naming the field), or null. When the cycle enters the objection
 * phase (`opening`) the window must not have closed already; while it is in it (`review`), the window may be moved
 * but not cleared — a cycle in 异议期 without an end would show 「至 —」 and let no one object — and its end, when moved
 * (`endMoved`), not to a day already past, which would close the window the moment it is saved (today is allowed: the
 * window includes its last day); at any time its end lies within CYCLE_DATE_MAX_DAYS of today, refused in the words of
 * every cycle date's bound (farDateRefusal). Judged by 公布初步结果 and by a change of the window's dates.
 */
export function objectionWindowRefusal(x: { start: string | null; end: string | null; today: string; opening?: boolean; review?: boolean; endMoved?: boolean }): { field: 'objectionStart' | 'objectionEnd'; message: string } | null {
  if (x.review && !x.start) return { field: 'objectionStart', message: '异议期进行中，开始日期不能清空；如需调整，请改为新的开始日期' };
  if (x.review && !x.end) return { field: 'objectionEnd', message: '异议期进行中，须有结束日期（各被考核单位据此提出异议，结束后方可发布最终结果）；如需延长，请改为新的结束日期' };
  if (x.opening && x.end && x.end < x.today) return { field: 'objectionEnd', message: `异议期结束日期${x.end}已过，各被考核单位将无法提出异议，请选择今天（${x.today}）或以后的日期` };
  if (x.review && x.endMoved && x.end && x.end < x.today)
    return { field: 'objectionEnd', message: `异议期结束日期${x.end}早于今天（${x.today}），保存后异议期将立即结束，各被考核单位不能再提出异议。请选择今天或以后的日期；如需尽早结束异议期，请选择今天（当日仍可提出异议）` };
  const far = x.end ? farDateRefusal('异议期结束日期', x.end, x.today) : null;
  return far ? { field: 'objectionEnd', message: far } : null;
}

/**
 * A cycle in 异议期 stored before objectionWindowRefusal (2c1e6122) without a real end: none, or one a year or more out
 * (9999-12-31 for "no end"). Reads treat its window as not yet set — the office's to-do asks for the end, the assessed
 * units and the 公示 are not told 「9999年12月31日前」 — until the office sets one (the same rule judges that change).
 */
export function objectionEndUnsettled(c: { status: CycleStatus; objectionStart: string | null; objectionEnd: string | null }, today: string): boolean {
  return c.status === 'review' && objectionWindowRefusal({ start: c.objectionStart, end: c.objectionEnd, today, review: true })?.field === 'objectionEnd';
}

/** The objection window's end as every read shows it: null (「结束日期待定」) when it is no real end (objectionEndUnsettled). */
export function objectionEndShown(c: { status: CycleStatus; objectionStart: string | null; objectionEnd: string | null }, today: string): string | null {
  return objectionEndUnsettled(c, today) ? null : c.objectionEnd;
}

/**
 * The objection window as the cycle's 概况 says it, true on `today`: 未设置; its days (the end as objectionEndShown
 * reads it), 「（已结束）」 once its last day has passed; and, when the final results were published before its end
 * (发布最终结果 is taken during 异议期 and ends it), the window it was meant to be and the day it ended — not a window
 * still running for objections no one may raise any more.
 */
export function objectionWindowText(c: { status: CycleStatus; objectionStart: string | null; objectionEnd: string | null; publishedAt: string | null }, today: string): string {
  if (!c.objectionStart && !c.objectionEnd) return '未设置';
  const start = c.objectionStart ?? '开始日期未设置';
  const published = c.status === 'published' && c.publishedAt ? chinaDayOf(c.publishedAt) : null;
  if (published && c.objectionEnd && published < c.objectionEnd) return `原定${start}至${c.objectionEnd}；最终结果已于${published}提前发布，异议期随之结束`;
  const end = objectionEndShown(c, today);
  const days = `${start}至${end ?? '结束日期未设置'}`;
  return end && end < today ? `${days}（已结束）` : days;
}

/**
 * Why the office's 催办 of a declaration would ask for what the department cannot do now, or null: the call for
 * indicators is over, the declaration is in (submitted or accepted), or its due date has passed (the declaration is
 * locked; the office reopens it instead, which sends the department its own to-do). The 催办 command refuses with it
 * (409) and the declaration's actions.remind is its absence, so the page offers 催办 exactly when it would be taken.
 */
export function declarationRemindRefusal(
  cycle: { status: CycleStatus; deadline: string },
  d: { status: DeclarationStatus; reopenedUntil: string | null },
  today: string,
): string | null {
  if (!phaseAllows(cycle.status, 'declare')) return '指标征集已结束，无需催办';
  if (!DECLARATION_EDITABLE.includes(d.status)) return `申报表当前状态为「${DECLARATION_WORKFLOW.states[d.status]}」，无需催办`;
  if (today > declarationDueOn(cycle.deadline, d.reopenedUntil)) return '申报已截止，该单位已不能提交，催办后也无法办理；如需补报，请先「重新开放」（该单位会在待办中收到通知）';
  return null;
}

/**
 * Why a scheme version may not be published in the cycle's state, or null: the first publication starts the scoring
 * (the cycle's startScoring, from 方案制定中 only: the call for indicators ends first), a later one replaces the
 * version in force while scoring or under review. The command refuses with it; the editor greys 发布方案 and says it.
 */
export function schemePublishRefusal(status: CycleStatus, first: boolean): string | null {
  if (first) {
    if (CYCLE_WORKFLOW.transitions.some((t) => t.event === 'startScoring' && t.from.includes(status))) return null;
    return status === 'collecting' ? '请先结束指标征集（进入「方案制定中」），再发布方案' : `当前状态为「${CYCLE_WORKFLOW.states[status]}」，不能首次发布方案`;
  }
  return phaseAllows(status, 'republishScheme') ? null : `当前状态为「${CYCLE_WORKFLOW.states[status]}」，不能发布新版本`;
}

/** how long after a 催办 of a declaration another is refused as the same one sent twice (a double click, two windows, a batch right after a single one) */
export const REMIND_AGAIN_MINUTES = 10;

/**
 * whether a department last reminded at `lastAt` (of its declaration, or of its scoring) was reminded too recently for
 * another 催办, at `nowMs` (the system's clock, as the audit rows'). A 重新开放 starts afresh: a 催办 sent before the
 * office last reopened it (`reopenedAt`, the reopening's audit time; null if never) holds nothing — the department has
 * new work, and the office reminds it of that.
 */
export const remindedJustNow = (lastAt: string | null | undefined, nowMs: number, reopenedAt: string | null | undefined): boolean =>
  !!lastAt && nowMs - Date.parse(lastAt) < REMIND_AGAIN_MINUTES * 60_000 && !(reopenedAt && Date.parse(reopenedAt) >= Date.parse(lastAt));

/** A department's scores may be changed while its submission is in these states only. */
export const SUBMISSION_EDITABLE: readonly SubmissionStatus[] = ['open'];
/** A scheme version may be edited in these states only. */
export const SCHEME_EDITABLE: readonly SchemeStatus[] = ['draft'];
/** An objection (and its evidence) awaits an answer in these states. */
export const OBJECTION_PENDING: readonly ObjectionStatus[] = ['open'];

/**
 * Whether a unit may object to a key point, given its latest objection on it in the cycle (a cycle has one objection
 * period): not while that one awaits its answer ('pending'), nor once the review upheld the score ('upheld' — also
 * closed as 维持原评分 at publication): the 复核结果 is the answer to that score, and its 复核结果告知书 is not
 * reopened by a second objection. A score the review adjusted is a new score, set by the department after the
 * objection; the unit may object to what it still loses by the same rule (each adjustment is answered like the first:
 * upheld ends it). The server refuses by it (repeatObjectionRefusal),
 * the results page offers 提出异议 by it.
 */
export const objectionAgainBlock = (latest: { status: ObjectionStatus } | undefined): 'pending' | 'upheld' | null =>
  !latest ? null : OBJECTION_PENDING.includes(latest.status) ? 'pending' : latest.status === 'upheld' ? 'upheld' : null;
