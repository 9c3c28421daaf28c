/**
 * Annex 1 (考核指标申报表) and Annex 2 (加分项申报表) of seed 000, as a department's declaration content.
 * Drafts save whatever is typed (declarationContent); submitting checks it strictly (see the declarations
 * module), e.g. criteria add up to the key point's points and every key point has a basis.
 */
import { z } from './common';

const points = z
  .number({ error: '分值须为数字' })
  .min(0, { error: '分值不能为负数' })
  .max(100, { error: '分值不能超过 100' })
  .refine((n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, {
    error: '分值最多保留两位小数',
  });

export const declarationCriterion = z.strictObject({
  text: z.string().trim().min(1, { error: '请填写要点考核内容' }).max(500),
  points,
});

export const indicatorRow = z.strictObject({
  /** 考核领域, e.g. 宏观质量 */
  domain: z.string().trim().min(1, { error: '请填写考核领域' }).max(20),
  /** 考核内容, e.g. 实施质量强省战略 */
  item: z.string().trim().min(1, { error: '请填写考核内容' }).max(100),
  /** 考核要点 */
  keyPoint: z.string().trim().min(1, { error: '请填写考核要点' }).max(1000),
  /** 要点考核内容: the scored criteria with their points */
  criteria: z.array(declarationCriterion).max(30),
  /** 分值 of the key point */
  points,
  /** 指标依据 */
  basis: z.string().trim().max(1000),
  /** last year's points for this key point (prefilled), null for a new one */
  lastYearPoints: points.nullable(),
  /** the code of last year's key point this row continues ("7.a"), null for a new one */
  sourceCode: z.string().max(20).nullable(),
  /** why the points exceed last year's (the notice: 原则上不超过) */
  overReason: z.string().trim().max(1000).optional(),
});
export type IndicatorRow = z.infer<typeof indicatorRow>;

export const bonusRow = z.strictObject({
  /** 加分项目, e.g. 激励表彰 / 质量荣誉 */
  project: z.string().trim().min(1, { error: '请填写加分项目' }).max(100),
  /** 加分标准 */
  standard: z.string().trim().min(1, { error: '请填写加分标准' }).max(1000),
  /** 指标依据 */
  basis: z.string().trim().max(1000),
});
export type BonusRow = z.infer<typeof bonusRow>;

export const declarationContent = z.strictObject({
  indicators: z.array(indicatorRow).max(200, { error: '指标不超过 200 条' }),
  bonuses: z.array(bonusRow).max(50, { error: '加分项不超过 50 条' }),
});
export type DeclarationContent = z.infer<typeof declarationContent>;
