/** The quality analysis report (质量分析报告, DB43 4.8): request and response shapes. */
import { z } from 'zod';
import { PERIOD_PATTERN } from '../analysis/periods';
import { choiceOf, dateOnly, docNumberText, idText, text, versionOf } from './common';

export const SECTION_KEYS = ['indicators', 'assessment', 'evaluation', 'honours', 'workplan', 'outlook'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export const SECTION_TITLES: Record<SectionKey, string> = {
  indicators: '规划指标监测情况',
  assessment: '年度质量工作考核结果及趋势',
  evaluation: '质量强市创建评价',
  honours: '质量荣誉',
  workplan: '工作要点推进情况',
  outlook: '存在问题与下一步工作',
};

const period = text({ error: '请指明半年度' }).regex(PERIOD_PATTERN, { error: '半年度格式应为2023-H1（上半年）或2023-H2（下半年）' });

export const reportParams = z.strictObject({ id: idText('报告编号须为正整数') });
export const sectionParams = z.strictObject({ id: idText('报告编号须为正整数'), section: choiceOf(SECTION_TITLES, '章节') });
export const createReportBody = z.strictObject({ period });
export const sectionTextBody = z.strictObject({
  version: versionOf(),
  text: text({ error: '章节文字须为文本' }).max(20000, { error: '章节文字不超过20000字' }),
  /** the section's text as the writer loaded it: a save at an older version stands when the section itself is unchanged (another writer saved another section meanwhile) */
  base: text({ error: '章节原文须为文本' }).max(20000, { error: '章节文字不超过20000字' }).optional(),
});
export const refreshBody = z.strictObject({ version: versionOf() });
export const issueBody = z.strictObject({
  version: versionOf(),
  docNo: docNumberText('请填写文号'),
  issuedOn: dateOnly('印发日期'),
});

const table = z.object({ title: z.string(), header: z.array(z.string()), rows: z.array(z.array(z.string())) });
const chart = z.object({ caption: z.string(), spec: z.object({ width: z.number(), height: z.number(), option: z.record(z.string(), z.unknown()) }) });
export const sectionData = z.object({ summary: z.string(), tables: z.array(table), charts: z.array(chart) });
export type SectionData = z.infer<typeof sectionData>;
export type SectionTable = z.infer<typeof table>;
export type SectionChart = z.infer<typeof chart>;

/**
 * The report's figures numbered in order across its sections (图1, 图2, … — GB/T 7713.1, as the other documents number
 * theirs), for the .docx and the page alike. A caption is stored without its number; one stored before the numbering
 * began carries 「图：」, dropped here.
 */
export function figureCaptions(sections: readonly { data: Pick<SectionData, 'charts'> }[]): string[][] {
  let k = 0;
  return sections.map((s) => s.data.charts.map((c) => `图${++k} ${c.caption.replace(/^图[：:]\s*/, '')}`));
}

const org = z.object({ id: z.number(), name: z.string() });
export const reportSummary = z.object({
  id: z.number(),
  office: org,
  region: org,
  period: z.string(),
  periodLabel: z.string(),
  status: z.enum(['draft', 'issued']),
  statusLabel: z.string(),
  docNo: z.string().nullable(),
  issuedOn: z.string().nullable(),
  refreshedAt: z.string(),
  version: z.number(),
});
export const reportView = reportSummary.extend({
  title: z.string(),
  sections: z.array(z.object({ key: z.enum(SECTION_KEYS), title: z.string(), data: sectionData, text: z.string() })),
  abilities: z.object({ edit: z.boolean(), issue: z.boolean() }),
});
export type ReportView = z.infer<typeof reportView>;
/** a report in the list, with whether the caller may edit it (its own office's draft): 编辑 or 查看 */
export const reportListItem = reportSummary.extend({ editable: z.boolean() });
export const reportList = z.object({ items: z.array(reportListItem), abilities: z.object({ create: z.boolean() }), periods: z.array(z.object({ code: z.string(), label: z.string() })) });
export const registerView = z.object({
  periods: z.array(z.object({ code: z.string(), label: z.string(), dueOn: z.string() })),
  rows: z.array(
    z.object({
      office: org,
      region: org,
      cells: z.array(z.object({ period: z.string(), status: z.enum(['none', 'draft', 'issued']), reportId: z.number().nullable(), docNo: z.string().nullable(), issuedOn: z.string().nullable(), late: z.boolean() })),
    }),
  ),
  issued: z.number(),
});
export type RegisterView = z.infer<typeof registerView>;
