/**
 * The 文号 register: every 文号 a quality office prints on a 公文 of the platform, the kind of 公文 and what it was
 * printed for. One 文号 names one document of the issuing office (the register's unique indexes decide).
 */
import { z } from 'zod';
import { choiceOf, docNumber, idText, text, versionOf } from './common';

/** the 公文 that carry a 文号, as the register names them to users */
export const DOC_KINDS = {
  cycle_notice: '指标征集通知',
  analysis_report: '质量分析报告',
  results_publicity: '考核初步结果公示',
  results_bulletin: '考核结果通报',
  workplan_notice: '工作要点落实情况通报',
  rectification_notice: '整改事项落实情况通报',
  evaluation_naming: '命名文件',
  // 公文 sent to one unit each: numbered one by one, as the office numbers every 公文 it sends
  results_feedback: '考核反馈意见书',
  results_report: '考核结果报告',
  objection_notice: '异议复核结果告知书',
  evaluation_decision: '受理决定通知书',
  evaluation_report: '创建评价报告',
} as const;
export type DocKind = keyof typeof DOC_KINDS;
export const DOC_KIND_KEYS = Object.keys(DOC_KINDS) as [DocKind, ...DocKind[]];

/**
 * The kinds whose 文号 is registered by downloading the 公文 (the number lives in the register only), and so may be
 * voided there. A call for indicators, an analysis report and a creation evaluation's 命名 keep their 文号 on their own
 * row (set when opening, issuing or naming, printed on every copy): it is not voided here.
 */
export const VOIDABLE_KINDS: readonly DocKind[] = [
  'results_publicity',
  'results_bulletin',
  'workplan_notice',
  'rectification_notice',
  'results_feedback',
  'results_report',
  'objection_notice',
  'evaluation_decision',
  'evaluation_report',
];

export const docNumberParams = z.strictObject({ id: idText('登记编号须为正整数') });
export const voidBody = z.strictObject({
  version: versionOf(),
  reason: text({ error: '请填写作废原因' })
    .trim()
    .min(1, { error: '请填写作废原因', abort: true })
    .min(2, { error: '作废原因至少2个字' })
    .max(500, { error: '作废原因不超过500字' }),
});
/**
 * The body of a numbered 公文's download POSTed from its dialog: the 文号 to register for it and print (the GET at
 * the same address takes none and prints the registered one, so no link registers a number).
 */
export const numberedDownloadBody = z.strictObject({ docNumber: z.string({ error: (iss) => (iss.input === undefined ? '请填写文号' : '文号须为文字') }).pipe(docNumber) });
/** a numbered 公文's download address (GET) carries no 文号: a link must not register one */
export const noDocNumberInLink = z.undefined({ error: '下载地址不带文号（以免链接被预取或爬取时登记文号）：请在下载对话框中填写文号后点「下载」' }).optional();

/** the registered 文号 of one 公文 (the download dialogs prefill it) */
export const currentQuery = z.strictObject({
  kind: choiceOf(DOC_KINDS, '公文种类'),
  subject: text({ error: '请指明公文' }).trim().min(1, { error: '请指明公文' }).max(60, { error: '公文标识不超过60字' }),
});

const person = z.object({ name: z.string(), at: z.string() });
export const docNumberView = z.object({
  id: z.number(),
  office: z.object({ id: z.number(), name: z.string() }),
  docNo: z.string(),
  kind: z.enum(DOC_KIND_KEYS),
  kindLabel: z.string(),
  subject: z.string(),
  title: z.string(),
  /** the page of what it was printed for, or null */
  link: z.string().nullable(),
  registered: person,
  voided: person.extend({ reason: z.string() }).nullable(),
  mayVoid: z.boolean(),
  version: z.number(),
});
export type DocNumberView = z.infer<typeof docNumberView>;
export const docNumberList = z.object({ items: z.array(docNumberView) });
export const currentView = z.object({ docNo: z.string().nullable() });

/** who registers a 文号 for an office's 公文: that office's own staff (the server's registerRefusal; the pages offer the 文号 to them alone) */
export const mayRegisterNumber = (user: { role: string; orgUnitId: number }, officeId: number): boolean => user.role === 'office' && user.orgUnitId === officeId;

/** what a work plan's notice is printed for: the plan and its reporting period (each period's notice is its own 公文) */
export const workplanNoticeSubject = (planId: number, period: string) => `${planId}:${period}`;
/**
 * what a 公文 to one assessed unit is printed for (反馈意见书, 考核结果报告): the cycle, the unit and the stage of the
 * results — the one sent while the results are preliminary and the one after the final results are two 公文, as the
 * 公示 and the 通报 are
 */
export const unitDocSubject = (cycleId: number, unitId: number, stage: 'preliminary' | 'final') => `${cycleId}:${unitId}:${stage}`;
/** what an 异议复核结果告知书 is printed for: the cycle and the objection it answers */
export const objectionNoticeSubject = (cycleId: number, objectionId: number) => `${cycleId}:${objectionId}`;
