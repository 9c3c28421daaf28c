/**
 * Requests and responses of 整改事项 supervision (issue 13): items raised from the yearly assessment's lost points,
 * the creation evaluation's deductions and lagging plan indicators, followed up with the work plan's machinery.
 * The report, extension and closure bodies are the work plan's own (one shape, one set of Chinese messages).
 */
import { z } from 'zod';
import { choiceOf, dateOnly, id, idText, text, versionOf, yearOf } from './common';
import { RECTIFICATION_WORKFLOW } from '../workflow/rectification';
import { LIGHT_LABELS } from '../workplan/rules';
import { noDocNumberInLink } from './docnumbers';
import type { NoticeIssuer } from './orgs';
import { askClosureBody, askExtensionBody, decideClosureBody, decideExtensionBody, noticeKind, reason, returnBody, saveReportBody, submitReportBody } from './workplan';

export const RECTIFICATION_SOURCES = ['evaluation', 'evaluation_site', 'assessment', 'indicator'] as const;
export type RectificationSourceType = (typeof RECTIFICATION_SOURCES)[number];
export const RECTIFICATION_SOURCE_LABELS: Record<RectificationSourceType, string> = {
  evaluation: '创建评价扣分',
  evaluation_site: '创建评价现场评审问题',
  assessment: '年度考核失分',
  indicator: '规划指标滞后',
};

/**
 * The first line of an item raised from an assessment criterion: what was lost, as the criterion's kind reads it. A
 * 减分项's score is what it takes off (capped by its maximum), so "5分中得2分" would say the opposite of what
 * happened; a 否决项 names itself.
 */
export function lostLine(c: { role: string; title: string; lost: string; maximum: string; score: string }): string {
  if (c.role === 'veto') return `否决项：${c.title}`;
  if (c.role === 'deduction') return `减分项：减${c.lost}分（本项最多减${c.maximum}分）`;
  return `失分${c.lost}分（${c.maximum}分中得${c.score}分）`;
}

/** A unit's criteria that may become items: points lost (a deduction counts), unanswered, or a veto that struck. */
export function lostCriteria<C extends { code: string; role: string; status: string; lost: string }>(unit: { vetoCodes: readonly string[]; criteria: readonly C[] }): C[] {
  return unit.criteria.filter((c) => c.lost !== '0' || c.status === 'missing' || (c.role === 'veto' && unit.vetoCodes.includes(c.code)));
}


/**
 * a list's or a notice's source filter: one message naming every source (the notice's once left out evaluation_site)
 * as the page's filter does (RECTIFICATION_SOURCE_LABELS), as the light and status filters name theirs
 */
const rectificationSource = choiceOf(RECTIFICATION_SOURCE_LABELS, '来源').optional();
export const rectificationParams = z.strictObject({ id: idText('整改事项编号须为正整数') });
export const rectificationListQuery = z.strictObject({
  source: rectificationSource,
  owner: idText('单位编号须为正整数').optional(),
  light: choiceOf(LIGHT_LABELS, '指示灯').optional(),
  status: choiceOf(RECTIFICATION_WORKFLOW.states, '状态').optional(),
  /** items raised from one source object (a cycle, an indicator, an application) */
  sourceId: idText('来源编号须为正整数').optional(),
});

export const raiseFromAssessmentBody = z.strictObject({
  cycleId: id('考核编号须为正整数'),
  unitId: id('被考核单位编号须为正整数'),
  criterionCodes: z.array(text().max(20), { error: '请选择要整改的失分项目' }).min(1, { error: '请至少选择一个失分项目' }).max(60, { error: '一次最多选择60项' }),
  dueOn: dateOnly('整改期限'),
});
export const raiseFromIndicatorBody = z.strictObject({
  indicatorId: id('指标编号须为正整数'),
  orgId: id('责任单位编号须为正整数'),
  year: yearOf(),
  dueOn: dateOnly('整改期限'),
  detail: text({ error: '请说明整改要求' }).trim().min(5, { error: '整改要求至少5个字' }).max(2000, { error: '整改要求不超过2000字' }),
});

/**
 * the owner's draft (or the returned report being corrected); `version` is the report's, 0 for a new draft. The work
 * plan's report body, 逾期原因 included: a 督办单 on the month asks the owner to 说明逾期原因 as a task's does
 */
export const rectificationReportBody = saveReportBody;
export const rectificationReportParams = z.strictObject({ id: idText('整改事项编号须为正整数'), reportId: idText('进展报告编号须为正整数') });
export const rectificationSubmitReportBody = submitReportBody;
export const rectificationReturnReportBody = returnBody;

/** 整改事项通报: the office's 文号 (e.g. 湘质强办〔2026〕12号) and the date printed on it (default today) */
export const rectificationNoticeQuery = z.strictObject({
  docNumber: noDocNumberInLink,
  date: dateOnly('成文日期').optional(),
  source: rectificationSource,
});
export const rectificationExtensionBody = askExtensionBody;
export const rectificationDecideExtensionBody = decideExtensionBody.omit({ judgeAgainstOriginal: true }).extend({ extensionId: id('延期申请编号须为正整数') });
/** 申请销号 of a 整改事项 asks for 整改完成情况 (the page's label), where a work-plan task's asks for 办结情况 */
export const rectificationClosureBody = askClosureBody.extend({ summary: reason('整改完成情况', 5).meta({ title: '整改完成情况' }) });
export const rectificationDecideClosureBody = decideClosureBody.extend({ closureId: id('销号申请编号须为正整数') });
export const rectificationNoticeBody = z.strictObject({
  version: versionOf(),
  kind: noticeKind,
  text: text().trim().min(5, { error: '催办内容至少5个字' }).max(2000, { error: '催办内容不超过2000字' }).optional(),
});

const org = z.object({ id: z.number(), name: z.string() });
const light = z.enum(['green', 'yellow', 'red', 'done']);

export const rectificationSummary = z.object({
  id: z.number(),
  source: z.object({ type: z.enum(RECTIFICATION_SOURCES), typeLabel: z.string(), id: z.number(), ref: z.string(), label: z.string(), path: z.string() }),
  owner: org,
  raisedBy: org,
  title: z.string(),
  status: z.enum(['open', 'answered', 'closing', 'closed']),
  statusLabel: z.string(),
  dueOn: z.string(),
  deadline: z.string(),
  startedOn: z.string(),
  progress: z.number().nullable(),
  light,
  lightLabel: z.string(),
  reasons: z.array(z.string()),
  /** where the oldest unsubmitted report stands: 待报送, 催办, 督办单, 列入通报 (null: none due) */
  escalation: z.object({ period: z.string(), periodLabel: z.string(), dueOn: z.string(), stage: z.string(), stageLabel: z.string(), notice: z.enum(['reminder', 'order']).nullable() }).nullable(),
  version: z.number(),
});
export type RectificationSummary = z.infer<typeof rectificationSummary>;

export const rectificationItemView = rectificationSummary.extend({
  detail: z.string(),
  answer: z.string().nullable(),
  expected: z.number(),
  /** submitted and returned reports; the owner also sees its draft */
  reports: z.array(
    z.object({
      id: z.number(),
      period: z.string(),
      periodLabel: z.string(),
      progress: z.number(),
      progressReason: z.string().nullable(),
      text: z.string(),
      problems: z.string().nullable(),
      nextSteps: z.string().nullable(),
      /** the 逾期原因: the owner's reply to a 督办单 on the month (required then), or given of its accord when late */
      lateReason: z.string().nullable(),
      status: z.enum(['draft', 'submitted', 'returned']),
      statusLabel: z.string(),
      submittedAt: z.string().nullable(),
      updatedAt: z.string().nullable(),
      returnReason: z.string().nullable(),
      returnedAt: z.string().nullable(),
      version: z.number(),
    }),
  ),
  extensions: z.array(z.object({ id: z.number(), fromDueOn: z.string(), newDueOn: z.string(), reason: z.string(), status: z.string(), statusLabel: z.string(), decisionReason: z.string().nullable(), late: z.boolean(), createdAt: z.string(), version: z.number() })),
  closures: z.array(z.object({ id: z.number(), summary: z.string(), status: z.string(), statusLabel: z.string(), decisionReason: z.string().nullable(), createdAt: z.string(), version: z.number() })),
  notices: z.array(z.object({ id: z.number(), period: z.string(), kind: z.enum(['reminder', 'order']), kindLabel: z.string(), text: z.string(), replyBy: z.string().nullable(), issuedAt: z.string() })),
  /**
   * lateReason: whether the report being written asks for a 逾期原因 (lateReasonAsk: required after a 督办单 on its month,
   * optional when only late, null not asked); lateReasonHint: what the form says beside it
   */
  abilities: z.object({ report: z.boolean(), reportWaits: z.string().nullable(), reportPeriod: z.string().nullable(), lateReason: z.enum(['required', 'optional']).nullable(), lateReasonHint: z.string().nullable(), askExtension: z.boolean(), askClosure: z.boolean(), closureWaits: z.string().nullable(), decide: z.boolean(), notice: z.boolean(), returnReportId: z.number().nullable() }),
});
export type RectificationItemView = z.infer<typeof rectificationItemView>;
export const rectificationListView = z.object({ items: z.array(rectificationSummary), mayRaise: z.boolean() });

/** 整改事项通报 (.docx): an item's standing in the office's notice */
export type RectificationNoticeStanding = 'open' | 'overdue' | 'supervised' | 'closed';
export const NOTICE_STANDING_LABELS: Record<RectificationNoticeStanding, string> = { open: '整改中', overdue: '逾期', supervised: '督办', closed: '已销号' };
/** what the office's 整改事项通报 says, as of a day: every item the office sees, grouped by source and standing */
export interface RectificationNotice {
  issuer: NoticeIssuer;
  docNumber: string | null;
  /** 成文日期 (the office's choice, default the day of download) */
  date: string;
  /** the standings are as of this day (today) */
  asOf: string;
  counts: Record<RectificationNoticeStanding, number>;
  sources: {
    type: RectificationSourceType;
    label: string;
    items: { title: string; owner: string; deadline: string; standing: RectificationNoticeStanding; standingLabel: string; statusLabel: string; progress: number | null; latest: string | null; escalation: string | null }[];
  }[];
  /**
   * the 督办单 answered by the day: the month's report came in after it, when, how late, and the 逾期原因 it gave (null:
   * reported before the form asked for one)
   */
  replies: { owner: string; title: string; periodLabel: string; dueOn: string; orderedOn: string; reportedOn: string; daysLate: number; lateReason: string | null }[];
}
