/**
 * The states of the creation evaluation of a quality-strong city or county (seed 004 §9–§11, DB43), one table per
 * thing that moves. An evaluation round is run by an organiser (评价组织单位: the provincial office, or a city
 * office for its counties); each applicant's application moves from 申请 through 受理审查, the review and the
 * 综合评价 to 反馈, 公示 and 命名.
 */
import { addDays, daysBetween } from '../deadline';
import { farDateRefusal } from './assessment';
import type { Workflow } from './workflow';

export type RoundStatus = 'open' | 'closed';
export type RoundEvent = 'close' | 'reopen';

export const ROUND_WORKFLOW: Workflow<RoundStatus, RoundEvent> = {
  name: 'evaluationRound',
  states: { open: '受理申请中', closed: '已截止申请' },
  transitions: [
    { from: ['open'], event: 'close', to: 'closed', permission: 'evaluation.manage', label: '截止申请' },
    { from: ['closed'], event: 'reopen', to: 'open', permission: 'evaluation.manage', label: '重新开放申请' },
  ],
};

export type ApplicationStatus = 'draft' | 'submitted' | 'accepted' | 'refused' | 'reviewing' | 'consolidated' | 'reported' | 'acknowledged' | 'publicised' | 'named';
export type ApplicationEvent = 'submit' | 'return' | 'accept' | 'refuse' | 'startReview' | 'consolidate' | 'sendReport' | 'acknowledge' | 'publicise' | 'name';

export const APPLICATION_WORKFLOW: Workflow<ApplicationStatus, ApplicationEvent> = {
  name: 'evaluationApplication',
  states: {
    draft: '草稿',
    submitted: '受理审查中',
    accepted: '已受理',
    refused: '不予受理',
    reviewing: '评审中',
    consolidated: '综合评价完成',
    reported: '已反馈评价报告',
    acknowledged: '申请单位已确认',
    publicised: '公示中',
    named: '已命名',
  },
  transitions: [
    { from: ['draft'], event: 'submit', to: 'submitted', permission: 'evaluation.apply', label: '提交申请' },
    // 退回补正: the organiser sends the application back for missing material (with a reason); not a refusal
    { from: ['submitted'], event: 'return', to: 'draft', permission: 'evaluation.manage', label: '退回补正' },
    { from: ['submitted'], event: 'accept', to: 'accepted', permission: 'evaluation.manage', label: '受理' },
    { from: ['submitted'], event: 'refuse', to: 'refused', permission: 'evaluation.manage', label: '不予受理' },
    { from: ['accepted'], event: 'startReview', to: 'reviewing', permission: 'evaluation.manage', label: '批准评价工作方案，开始评审' },
    { from: ['reviewing'], event: 'consolidate', to: 'consolidated', permission: 'evaluation.review', label: '确认综合评价结果' },
    { from: ['consolidated'], event: 'sendReport', to: 'reported', permission: 'evaluation.manage', label: '反馈评价报告' },
    { from: ['reported'], event: 'acknowledge', to: 'acknowledged', permission: 'evaluation.apply', label: '确认收到评价报告' },
    { from: ['acknowledged'], event: 'publicise', to: 'publicised', permission: 'evaluation.manage', label: '公示' },
    { from: ['publicised'], event: 'name', to: 'named', permission: 'evaluation.manage', label: '命名' },
  ],
};
/**
 * The longest 公示 window, and how far ahead it may begin (days). A window cannot be changed once set and naming waits
 * for its end, so a slip of the year (2062 for 2026) would hold the naming for decades; seed 004 sets no length.
 */
export const PUBLICITY_MAX_DAYS = 30;

/** Why a 公示 window cannot be set (the message, and the form field it is about), or null when it may. */
export interface PublicityRefusal {
  message: string;
  field: 'publicityStart' | 'publicityEnd';
  fieldMessage: string;
}

/**
 * The one rule of a 公示 window (YYYY-MM-DD days, `today` China time): it ends no earlier than it begins, begins no
 * earlier than today (a window already (partly) past is no 公示: naming, which waits for its end, could follow with no
 * notice given) and at most PUBLICITY_MAX_DAYS from today, and lasts at most PUBLICITY_MAX_DAYS days. The server
 * refuses with it; the form's date picker greys out with it (publicityDayOpen).
 */
export function publicityRefusal(start: string, end: string, today: string): PublicityRefusal | null {
  if (end < start) return { message: '公示截止日期不能早于开始日期', field: 'publicityEnd', fieldMessage: '不能早于开始日期' };
  if (start < today) return { message: `公示开始日期不能早于今天（${today}）：公示须在公示期内向社会公开，期满后方可命名`, field: 'publicityStart', fieldMessage: '不能早于今天' };
  const days = daysBetween(start, end) + 1;
  if (days > PUBLICITY_MAX_DAYS) {
    return { message: `公示期最长${PUBLICITY_MAX_DAYS}天，${start}至${end}共${days}天，请检查公示截止日期`, field: 'publicityEnd', fieldMessage: `公示期不能超过${PUBLICITY_MAX_DAYS}天` };
  }
  const latest = addDays(today, PUBLICITY_MAX_DAYS);
  if (start > latest) return { message: `公示开始日期不能晚于${latest}（今天起${PUBLICITY_MAX_DAYS}天内），请检查公示开始日期`, field: 'publicityStart', fieldMessage: `须在今天起${PUBLICITY_MAX_DAYS}天内` };
  return null;
}

/**
 * Whether a day may be picked for a 公示 window, by the same rule: with the other end already picked (either one),
 * whether the two make a window publicityRefusal accepts; alone, whether some accepted window holds it (from today
 * to the last day of a window beginning at the latest start).
 */
export function publicityDayOpen(day: string, other: string | null, today: string): boolean {
  if (other !== null) return publicityRefusal(day < other ? day : other, day < other ? other : day, today) === null;
  const latest = addDays(today, PUBLICITY_MAX_DAYS);
  return publicityRefusal(day < latest ? day : latest, day, today) === null;
}

/** An application's content may be edited by the applicant in these states only. */
export const APPLICATION_EDITABLE: readonly ApplicationStatus[] = ['draft'];

export type ConsultationStatus = 'pending' | 'answered' | 'closed';
export type ConsultationEvent = 'answer' | 'close';

/** 受理审查征求意见: the organiser asks a member department whether a 不予受理 condition applies. */
export const CONSULTATION_WORKFLOW: Workflow<ConsultationStatus, ConsultationEvent> = {
  name: 'eligibilityConsultation',
  states: { pending: '待回复', answered: '已回复', closed: '未回复（已作出受理决定）' },
  transitions: [
    { from: ['pending'], event: 'answer', to: 'answered', permission: 'evaluation.consult', label: '回复意见' },
    // the organiser accepted, returned or refused the application: the question no longer waits on the department
    { from: ['pending'], event: 'close', to: 'closed', permission: 'evaluation.manage', label: '结束征求意见' },
  ],
};

export type PlanStatus = 'draft' | 'approved' | 'superseded';
export type PlanEvent = 'approve' | 'supersede';

/** 评价工作方案: approved, then frozen; a change is a new version (with a reason) that supersedes it. */
export const PLAN_WORKFLOW: Workflow<PlanStatus, PlanEvent> = {
  name: 'evaluationPlan',
  states: { draft: '草稿', approved: '已批准', superseded: '已被新版本取代' },
  transitions: [
    { from: ['draft'], event: 'approve', to: 'approved', permission: 'evaluation.manage', label: '批准评价工作方案' },
    { from: ['approved'], event: 'supersede', to: 'superseded', permission: 'evaluation.manage', label: '由新版本取代' },
  ],
};

export type RecusalStatus = 'pending' | 'cleared' | 'conflicted';
export type RecusalEvent = 'declareNone' | 'declareConflict';

/** 回避声明: before seeing any material each expert declares no conflict with the applicant, or a conflict. */
export const RECUSAL_WORKFLOW: Workflow<RecusalStatus, RecusalEvent> = {
  name: 'recusal',
  states: { pending: '待声明', cleared: '无利害关系', conflicted: '需回避' },
  transitions: [
    { from: ['pending'], event: 'declareNone', to: 'cleared', permission: 'evaluation.review', label: '声明无利害关系' },
    { from: ['pending'], event: 'declareConflict', to: 'conflicted', permission: 'evaluation.review', label: '声明需回避' },
  ],
};

export type SheetStatus = 'open' | 'submitted';
export type SheetEvent = 'submit' | 'reopenForSite' | 'reassign';

/** An expert's score sheet: open → submitted (document review); reopened on site for revisions, then submitted again. */
export const SHEET_WORKFLOW: Workflow<SheetStatus, SheetEvent> = {
  name: 'expertSheet',
  states: { open: '评分中', submitted: '已提交' },
  transitions: [
    { from: ['open'], event: 'submit', to: 'submitted', permission: 'evaluation.review', label: '提交评分' },
    { from: ['submitted'], event: 'reopenForSite', to: 'open', permission: 'evaluation.review', label: '现场评审修改评分' },
    // a new plan version gave the expert items their submitted sheet does not score: open again for those
    { from: ['submitted'], event: 'reassign', to: 'open', permission: 'evaluation.manage', label: '评分项目调整，重新打开评分表' },
  ],
};

/**
 * A 回避声明 is made while the evaluation is under way: the application accepted (the plan being drawn up) or under
 * review. Once the 综合评价 is confirmed the review is over — a seat still 待声明 then (an expert on the plan without
 * items) took no part, and a declaration would open the applicant's materials to them. The server's refusal, the
 * expert's to-do and the plan page's 回避声明 read this.
 */
export const recusalOpen = (status: ApplicationStatus): boolean => status === 'accepted' || status === 'reviewing';

/** The 回避 relations an expert declares (anchors §1; seed 004 is silent, Chinese evaluation practice). */
export const RECUSAL_RELATIONS: Record<string, string> = {
  employed: '近3年在申请单位（含其下属单位）任职',
  advised: '近3年为申请单位提供咨询、培训或评审材料编写服务',
  relative: '近亲属近3年在申请单位任职',
  dispute: '与申请单位有经济纠纷或其他利害关系',
};

/**
 * The 综合评价 concludes the on-site review: seed 004 evaluates by 资料评审和现场评审结合 and scores some items on what
 * the panel finds on site (10.x 根据现场审核情况), so the team leader confirms once the plan's on-site review has begun
 * (every sheet reopened on site submitted again, as the confirmation asks anyway), not before; confirming inside the
 * window ends it early. A plan names its on-site dates to be approved (SITE_DATES_MISSING among its problems); one
 * approved before that rule without them has no on-site review to conclude, so it waits until a new version names
 * them. The server's 409 and the leader's to-do.
 */
export const consolidationWaitsForSite = (plan: { siteReviewStart: string | null | undefined }, today: string): boolean => !plan.siteReviewStart || today < plan.siteReviewStart;

/** The plan's four dates with their names, in the order the form shows them. */
export const PLAN_SCHEDULE_FIELDS = [
  ['documentReviewStart', '资料评审开始日期'],
  ['documentReviewEnd', '资料评审截止日期'],
  ['siteReviewStart', '现场评审开始日期'],
  ['siteReviewEnd', '现场评审结束日期'],
] as const;

export type PlanScheduleField = (typeof PLAN_SCHEDULE_FIELDS)[number][0];

/**
 * The first day a plan's dates may fall on: the round's year begins. A mistyped year (2015 for a 2025 round) would
 * date the review years before the round, and the 评价报告 with it.
 */
export const planDateEarliest = (year: number): string => `${year}-01-01`;

type PlanSchedule = Partial<Record<PlanScheduleField, string | null>>;

/**
 * The first of a plan's dates before the round's year (planDateEarliest), named with the bound, or null. Part of the
 * save's refusal (planScheduleRefusal); a draft stored before that refusal with such a date is held at approval with
 * it (planProblems).
 */
export function planEarlyDate(schedule: PlanSchedule, year: number): { field: PlanScheduleField; message: string } | null {
  const earliest = planDateEarliest(year);
  for (const [field, label] of PLAN_SCHEDULE_FIELDS) {
    const day = schedule[field];
    if (day && day < earliest) return { field, message: `${label}${day}早于评价年度（${year}年）开始：评价工作方案的时间安排不能早于${earliest}，请核对年份` };
  }
  return null;
}

/**
 * Why a plan's dates cannot be saved, or null: the first date before the round's year (planEarlyDate), else the first
 * more than a year from `today` (China time; farDateRefusal, the cycle's dates' bound and words, FAR_DATE_MAX_DAYS),
 * each named with its bound. Seed 004 (§10 评价实施) asks the plan for its 时间安排 but sets no time limit; a plan is
 * drawn up for a review about to be held, so a date more than a year out is a slip of the year (2062 for 2026), and the
 * plan can be revised when the review moves. The server refuses a save with it; the plan form greys those days out
 * with it.
 */
export function planScheduleRefusal(schedule: PlanSchedule, today: string, year: number): { field: PlanScheduleField; message: string } | null {
  const early = planEarlyDate(schedule, year);
  if (early) return early;
  for (const [field, label] of PLAN_SCHEDULE_FIELDS) {
    const far = schedule[field] ? farDateRefusal(label, schedule[field], today) : null;
    if (far) return { field, message: far };
  }
  return null;
}

/** The plan's problem while it lacks the on-site dates (planProblems): the 综合评价 waits on the on-site review. */
export const SITE_DATES_MISSING = '请填写现场评审的起止日期：评价结合资料评审和现场评审进行，现场评审开始后方可确认综合评价';

/** 自评: the applicant fills the sheet, then submits it (locked). */
/** Why an expert cannot score yet (the server's 409, the score sheet's notice): 资料评审 reviews the submitted 自评. */
export const SELF_NOT_SUBMITTED = '申请单位尚未提交自评：资料评审审查的是自评报告及其资料，自评提交后才能评分';

export const SELF_ASSESSMENT_WORKFLOW: Workflow<SheetStatus, 'submit' | 'return'> = {
  name: 'selfAssessment',
  states: { open: '自评中', submitted: '已提交' },
  transitions: [
    { from: ['open'], event: 'submit', to: 'submitted', permission: 'evaluation.apply', label: '提交自评' },
    // 退回补正 (with a reason): only before any expert scores (selfReturnRefusal), since 资料评审 scores the 自评 as submitted
    { from: ['submitted'], event: 'return', to: 'open', permission: 'evaluation.manage', label: '退回补正' },
  ],
};
/** What the organiser, leaders and experts are told of a 自评 returned for 补正 (the applicant's draft again). */
export const SELF_RETURNED_NOTICE = '自评已退回补正：申请单位修改并重新提交后方可查看';

/**
 * The 自评's state as its page and the application list name it: none saved yet (no row: undefined) is 未开始; a 自评 sent
 * back for correction is 已退回补正 until submitted again; a submitted one the organiser has checked (审查无误) is 已提交，已审查.
 */
export const selfStatusLabel = (status: SheetStatus | undefined, returnReason: string | null | undefined, checked = false) =>
  status === undefined ? '未开始' : status === 'open' && returnReason ? '已退回补正' : status === 'submitted' && checked ? '已提交，已审查' : SELF_ASSESSMENT_WORKFLOW.states[status];

// 整改事项 moved to their own module (issue 13): src/shared/workflow/rectification.ts
export { RECTIFICATION_WORKFLOW, type RectificationStatus } from './rectification';
