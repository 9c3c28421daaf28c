import { canonicalDocNo, choiceOf, id, MAX_DEPARTMENTS, yearOf, pageOf, pageQueryUpTo, sortQuery, statesFilter, text, versionOf, z, dateOnly } from './common';
import { CYCLE_WORKFLOW } from '../workflow/assessment';
import { eventLabels } from '../workflow/workflow';


export const gradeBands = z
  .array(z.strictObject({ grade: text().min(1).max(4), min: z.number().min(0).max(1000) }))
  .min(2, { error: '至少设置两个等级' })
  // one problem per band below: 43,000 bands answered a 400 of 3.9 MB after a second and more
  .max(10, { error: '等级不超过10个' })
  .superRefine((bands, ctx) => {
    if (bands.length > 10) return;
    for (let i = 1; i < bands.length; i++) {
      if (bands[i].min >= bands[i - 1].min) {
        ctx.addIssue({ code: 'custom', path: [i, 'min'], message: `等级${bands[i].grade}的下限须低于${bands[i - 1].grade}` });
      }
    }
  });
export type GradeBands = z.infer<typeof gradeBands>;
export const DEFAULT_BANDS: GradeBands = [
  { grade: 'A', min: 90 },
  { grade: 'B', min: 80 },
  { grade: 'C', min: 60 },
  { grade: 'D', min: 0 },
];

const cycleStatus = z.enum(Object.keys(CYCLE_WORKFLOW.states) as [keyof typeof CYCLE_WORKFLOW.states]);

/** What the caller may do with a cycle; the UI shows buttons from this, never re-deriving permissions. */
export const cycleAbilities = z.object({
  /** how the caller takes part: the assessing office, an invited/evaluating department, an assessed unit, a leader */
  as: z.enum(['office', 'department', 'unit', 'leader']),
  events: z.array(z.string()),
  manage: z.boolean(),
  declare: z.boolean(),
  manageScheme: z.boolean(),
  score: z.boolean(),
  monitor: z.boolean(),
  selfReport: z.boolean(),
  object: z.boolean(),
  answerObjections: z.boolean(),
  readResults: z.boolean(),
  /** the office moves the objection window's end while the cycle is in 异议期 (结果与异议's 修改异议期) */
  changeObjectionEnd: z.boolean(),
  /** the office moves the declaration deadline while the call for indicators runs (概况's 申报截止 修改) */
  changeDeadline: z.boolean(),
});
export type CycleAbilities = z.infer<typeof cycleAbilities>;

export const cycleSummary = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  status: cycleStatus,
  statusLabel: z.string(),
  officeOrgId: z.number(),
  officeName: z.string(),
  deadline: z.string(),
  demo: z.boolean(),
  version: z.number(),
});
export type CycleSummary = z.infer<typeof cycleSummary>;

/** GET /api/cycles: a page of the cycles the caller takes part in, filtered by state, newest year first unless sorted. */
export const cycleListQuery = z.strictObject({
  ...pageQueryUpTo(100),
  status: statesFilter(CYCLE_WORKFLOW.states).optional(),
  sort: sortQuery({ year: '年度' }).default('-year'),
});
export type CycleListQuery = z.input<typeof cycleListQuery>;
export const cycleList = pageOf(cycleSummary);
export type CycleList = z.infer<typeof cycleList>;

export const cycleDetail = cycleSummary.extend({
  baseCycleId: z.number().nullable(),
  noticeNo: z.string().nullable(),
  issuedOn: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  gradeBands,
  objectionStart: z.string().nullable(),
  objectionEnd: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** the office's latest publication of the submitted departments' scores before all had submitted, or null */
  preliminary: z
    .object({ publishedAt: z.string(), reason: z.string(), departments: z.array(z.object({ id: z.number(), name: z.string() })) })
    .nullable(),
  units: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
  departments: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
  abilities: cycleAbilities,
});
export type CycleDetail = z.infer<typeof cycleDetail>;

export const createCycleBody = z
  .strictObject({
    year: yearOf('考核年度'),
    title: text().trim().min(4, { error: '标题至少4个字' }).max(100).optional(),
    /** the previous cycle whose published scheme is the base (prefills declarations) */
    baseCycleId: id('上一年度考核的编号须为正整数').optional(),
    /** or a framework from the library (frameworks/*.json) when there is no previous cycle */
    baseFrameworkId: text().max(100).optional(),
    noticeNo: text().trim().overwrite(canonicalDocNo).max(60).optional(),
    issuedOn: dateOnly('发文日期').optional(),
    deadline: dateOnly('截止日期'),
    contactName: text().trim().max(40).optional(),
    contactPhone: text().trim().max(40).optional(),
    contactEmail: text().trim().email({ error: '邮箱格式不正确' }).max(80).optional(),
    /** org unit ids of the departments that must declare */
    departmentIds: z.array(id('成员单位编号须为正整数')).min(1, { error: '至少选择一个成员单位' }).max(MAX_DEPARTMENTS, { error: `成员单位不超过${MAX_DEPARTMENTS}个` }),
    gradeBands: gradeBands.optional(),
  })
  .refine((b) => (b.baseCycleId === undefined) !== (b.baseFrameworkId === undefined), {
    error: '请选择上一年度考核或指标体系之一作为基础',
    path: ['baseCycleId'],
  });
export type CreateCycleBody = z.infer<typeof createCycleBody>;

export const updateCycleBody = z.strictObject({
  title: text().trim().min(4).max(100).optional(),
  deadline: dateOnly('截止日期').optional(),
  contactName: text().trim().max(40).nullable().optional(),
  contactPhone: text().trim().max(40).nullable().optional(),
  contactEmail: text().trim().email({ error: '邮箱格式不正确' }).max(80).nullable().optional(),
  gradeBands: gradeBands.optional(),
  objectionStart: dateOnly('异议期开始日期').nullable().optional(),
  objectionEnd: dateOnly('异议期结束日期').nullable().optional(),
  version: versionOf(),
});

export const cycleTransitionBody = z.strictObject({
  event: choiceOf(eventLabels(CYCLE_WORKFLOW), '操作'),
  version: versionOf(),
});
