/**
 * 评分 (scoring): the evaluating departments score every assessed unit on their own criteria; cities upload
 * self-reports; a department submits (locks) its scores; the office watches completeness, reminds and reopens.
 * Answers are the scoring engine's answers (src/shared/scoring/answers.ts); the server checks them with the
 * engine itself, so the messages are the engine's.
 */
import { engineAnswer, id, idText, intText, MAX_DEPARTMENTS, text, versionOf, versionText, z } from './common';
import type { Framework, Rule } from '../scoring/framework-schema';
import { REASON_LABEL } from '../scoring/check';
import { evidenceItem } from './evidence';

const version = versionOf('缺少版本号（新建时为 null，修改时为读取到的版本号）').nullable();

export const scoreCellParams = z.strictObject({
  id: idText('考核工作编号须为正整数'),
  unitId: idText('被考核单位编号须为正整数'),
  itemCode: text().min(1).max(20),
  criterionCode: text().regex(/^[a-z]$/, { error: '评分细则编号须为单个小写字母' }),
});

export const putScoreBody = z.strictObject({
  /** an engine answer: true/false, {level}, {value}, {ratio}, {score} or "na"; checked by the engine */
  answer: engineAnswer(),
  /**
   * 扣分理由 (and any remark): required when the answer loses points (below the criterion's points, a deduction,
   * a veto) — 400 naming 扣分理由 otherwise. Omitted: the stored one is kept.
   */
  comment: text().trim().max(1000, { error: `${REASON_LABEL}不超过1000字` }).nullable().optional().meta({ title: REASON_LABEL }),
  version,
});
export type PutScoreBody = z.infer<typeof putScoreBody>;

export const deleteScoreQuery = z.strictObject({
  version: versionText('缺少版本号'),
});

export const gridQuery = z.strictObject({
  /** office: "score" its own criteria (default while it scores) or "all" criteria read-only (monitoring) */
  view: z.enum(['score', 'all'], { error: '查看范围须为本单位评分或全部（只读）' }).optional(),
  /**
   * A page of the assessed units (rows), with only their cells and self-reports: the office's read-only grid of
   * every criterion is about 8 kB a unit (1 MB at 122 counties). Without pageSize, every unit.
   */
  page: intText('页码须为正整数', 1, 100_000, '页码从1开始，不超过100000').optional(),
  pageSize: intText('每页单位数须为整数', 1, 200, '每页1至200个单位').optional(),
});
export type GridQuery = z.infer<typeof gridQuery>;

export const reopenBody = z.strictObject({
  departmentId: id('部门编号须为正整数', '请选择要重新开放评分的部门'),
  reason: text({ error: '请填写重新开放的原因' })
    .trim()
    .min(2, { error: '重新开放的原因至少2个字' })
    .max(500, { error: '原因不超过500字' }),
});
export type ReopenBody = z.infer<typeof reopenBody>;

export const remindBody = z.strictObject({
  /** omit: every department that has not submitted */
  departmentIds: z.array(id('部门编号须为正整数'), { error: '成员单位须为部门编号列表' }).max(MAX_DEPARTMENTS, { error: `成员单位不超过${MAX_DEPARTMENTS}个` }).optional(),
});

export const submitBody = z.strictObject({});

export const userRef = z.object({ id: z.number(), name: z.string() }).nullable();

/** a stored score: one (unit × criterion) cell of the grid */
export const scoreCell = z.object({
  id: z.number(),
  unitId: z.number(),
  itemCode: z.string(),
  criterionCode: z.string(),
  answer: z.unknown(),
  comment: z.string().nullable(),
  version: z.number(),
  updatedBy: userRef,
  updatedAt: z.string(),
  /** the engine's score for this criterion (exact decimal; for a deduction the amount subtracted) */
  score: z.string().nullable(),
  explanation: z.string().nullable(),
  evidence: z.array(evidenceItem),
});
export type ScoreCell = z.infer<typeof scoreCell>;

export const criterionDef = z.object({
  key: z.string(), // "7.a"
  itemCode: z.string(),
  criterionCode: z.string(),
  sectionCode: z.string(),
  sectionTitle: z.string(),
  role: z.enum(['base', 'bonus', 'deduction', 'veto']),
  itemTitle: z.string(),
  method: z.string().nullable(),
  title: z.string(),
  points: z.number(),
  rule: z.custom<Rule>(),
  evaluators: z.array(z.object({ code: z.string(), name: z.string() })),
  details: z.array(z.object({ text: z.string(), points: z.number() })),
  basis: z.string().nullable(),
  notApplicable: z.string().nullable(),
  /** the caller may score this criterion now */
  editable: z.boolean(),
});
export type CriterionDef = z.infer<typeof criterionDef>;

export const selfReportItem = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  itemCode: z.string(),
  text: z.string(),
  version: z.number(),
  updatedBy: userRef,
  updatedAt: z.string(),
  evidence: z.array(evidenceItem),
});
export type SelfReportItem = z.infer<typeof selfReportItem>;

export const submissionInfo = z.object({
  departmentId: z.number(),
  status: z.enum(['open', 'submitted']),
  statusLabel: z.string(),
  submittedAt: z.string().nullable(),
  reopenReason: z.string().nullable(),
});
export type SubmissionInfo = z.infer<typeof submissionInfo>;

export const scoringGrid = z.object({
  cycleId: z.number(),
  view: z.enum(['score', 'all']),
  /** the caller may change scores now (scoring phase, its submission open) */
  editable: z.boolean(),
  submission: submissionInfo.nullable(),
  /** the published scheme reduced to the criteria shown (for the engine's live totals in the browser) */
  framework: z.custom<Framework>(),
  criteria: z.array(criterionDef),
  /** the units of the page asked for (every unit without pageSize) */
  units: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
  /** all assessed units of the cycle, and the page shown (1 and the unit count without pageSize) */
  unitTotal: z.number(),
  page: z.number(),
  pageSize: z.number(),
  cells: z.array(scoreCell),
  selfReports: z.array(selfReportItem),
});
export type ScoringGrid = z.infer<typeof scoringGrid>;

/** a 409 on a score: the other person's stored value */
export const scoreConflict = scoreCell.nullable();

export const progressCell = z.object({ unitId: z.number(), scored: z.number(), total: z.number() });
export const progressDepartment = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  /** the cycle's own office, scoring its own key points: it scores under 本单位评分, nobody 催办s it */
  own: z.boolean(),
  criteria: z.array(z.string()),
  status: z.enum(['open', 'submitted']),
  statusLabel: z.string(),
  submittedAt: z.string().nullable(),
  reopenReason: z.string().nullable(),
  lastActivity: z.string().nullable(),
  scored: z.number(),
  total: z.number(),
  cells: z.array(progressCell),
});
export type ProgressDepartment = z.infer<typeof progressDepartment>;
export const scoringProgress = z.object({
  cycleId: z.number(),
  units: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
  departments: z.array(progressDepartment),
  scored: z.number(),
  total: z.number(),
  submitted: z.number(),
});
export type ScoringProgress = z.infer<typeof scoringProgress>;

export const remindResult = z.object({
  reminded: z.array(z.object({ departmentId: z.number(), name: z.string(), missingUnits: z.array(z.string()) })),
  /** not reminded again: reminded in the last REMIND_AGAIN_MINUTES (`by`: who and when, 唐碧辉（省质强办）于 …) */
  held: z.array(z.object({ departmentId: z.number(), name: z.string(), by: z.string() })),
});

export const selfReportQuery = z.strictObject({
  unitId: idText('被考核单位编号须为正整数').optional(),
});
export const selfReportParams = z.strictObject({
  id: idText('考核工作编号须为正整数'),
  itemCode: text().min(1).max(20),
});
export const putSelfReportBody = z.strictObject({
  text: text({ error: '请填写自评说明' })
    .trim()
    .min(1, { error: '自评说明不能为空' })
    .max(5000, { error: '自评说明不超过5000字' }),
  version,
});
export type PutSelfReportBody = z.infer<typeof putSelfReportBody>;

export const selfReportList = z.object({
  /** the items a unit may report on (the current scheme's key items) */
  items: z.array(z.object({ code: z.string(), title: z.string(), sectionTitle: z.string() })),
  reports: z.array(selfReportItem),
  editable: z.boolean(),
});
export type SelfReportList = z.infer<typeof selfReportList>;

/** the scoring sheet's upload: how many scores were written, how many rows changed nothing */
export const sheetUploadResult = z.object({ saved: z.number(), unchanged: z.number() });
export type SheetUploadResult = z.infer<typeof sheetUploadResult>;
