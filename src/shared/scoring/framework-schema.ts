/**
 * The framework data-file contract (frameworks/*.json).
 *
 * A framework is a tree: section (domain 考核领域 / group 指标项) → item (考核内容 / 指标内容) → criterion
 * (要点考核内容 / 考核要点, the scored part). Every score the platform shows is computed from this tree by
 * the engine in ./engine.ts. Points and rule parameters are JSON numbers written as decimals (0.5, 14.5);
 * the engine reads them through their decimal text, so they are exact.
 *
 * Codes: sections "1".."n" (DB43 groups; 2022 domains are "D1".."D5", plus "BONUS", "DEDUCTION", "VETO"),
 * items: DB43 "G.I", 2022 "1".."23" (seed numbers); criteria "a", "b", … inside their item.
 * An answer addresses a criterion by item code + criterion code: {"1.3": {"a": {"value": 0.7}}}.
 */
import { z } from 'zod';
import { choiceOf, MAX_DEPARTMENTS } from '../contracts/common';
import { DIRECTION_LABELS } from '../indicators/format';

/** a framework's kind and a section's role as the frameworks page and the scheme editor name them */
export const FRAMEWORK_KIND_LABELS = { assessment: '考核', evaluation: '评价' } as const;
export const SECTION_ROLE_LABELS = { base: '基本分', bonus: '加分项', deduction: '减分项', veto: '否决项' } as const;
const STEP_POLICY_LABELS = { whole: '按整档扣分', proportional: '按比例扣分' } as const;
const NOT_APPLICABLE_POLICY_LABELS = { prorate: '按比例折算总分', none: '不折算' } as const;
const direction = choiceOf(DIRECTION_LABELS, '方向').default('higher');

const num = z.number().finite();
const nonNeg = num.min(0);
/** a scheme's points (the seeds' largest is 160 of DB43's 1060): bounded, so 1e308 is refused, not saved as a draft */
const pts = nonNeg.max(10_000, { error: '分值不超过10000分' });
/** verbatim text, bounded (the seeds' longest title is under 200 characters, a method under 300) */
const words = (max: number) => z.string().min(1).max(max, { error: `不超过${max}个字` });

/** yes/no: met → points, not met → 0. */
export const booleanRule = z.strictObject({ type: z.literal('boolean') });

/** one of the listed levels, by points (e.g. 30/24/18/0). labels[i] describes levels[i] verbatim. */
export const levelsRule = z.strictObject({
  type: z.literal('levels'),
  levels: z.array(nonNeg).min(2),
  labels: z.array(z.string()).optional(),
});

/**
 * thresholds on a measured value: the first step whose bound the value reaches gives its points, else `otherwise`.
 * direction "higher": value ≥ min; "lower": value ≤ max (e.g. a rate that must stay low).
 */
export const thresholdRule = z.strictObject({
  type: z.literal('threshold'),
  unit: z.string(), // '‰', '%', '张/万人', '个' …
  direction,
  steps: z.array(z.strictObject({ bound: num, points: nonNeg })).min(1),
  otherwise: nonNeg.default(0),
  valueRange: z.tuple([num, num]).optional(), // allowed input range, e.g. [0, 100] for a percentage
});

/**
 * linear deduction from a target: value at or beyond `target` earns the criterion's points; each `step`
 * short of it loses `deduct`, never below 0. stepPolicy "whole" counts only full steps (99.1% vs 100% with
 * step 0.5 → 1 step), "proportional" deducts pro rata.
 */
export const linearRule = z.strictObject({
  type: z.literal('linear'),
  unit: z.string(),
  direction,
  target: num,
  step: num.positive(),
  deduct: num.positive(),
  stepPolicy: choiceOf(STEP_POLICY_LABELS, '扣分方式').default('whole'),
  valueRange: z.tuple([num, num]).optional(),
});

/**
 * rank among peers in the same input (居前列 / 中游 / 其余). tiers in order top, middle, rest.
 * Ranking: r = 1 + number of units strictly better; top if r ≤ ceil(n/3), middle if r ≤ ceil(2n/3), else rest.
 * An answer may instead give {"level": points} directly.
 */
export const rankRule = z.strictObject({
  type: z.literal('rank'),
  unit: z.string(),
  direction,
  tiers: z.tuple([nonNeg, nonNeg, nonNeg]),
  tierLabels: z.tuple([z.string(), z.string(), z.string()]).optional(),
  // allowed range of the ranked value, the applicant's and every peer's (5.2.a: a count of enterprises, never negative)
  valueRange: z.tuple([num, num]).optional(),
});

/** a score entered directly, within [min, criterion points] (the 2022 key points scored by departments). */
export const directRule = z.strictObject({ type: z.literal('direct'), min: nonNeg.default(0) });

export const rule = z.discriminatedUnion('type', [
  booleanRule,
  levelsRule,
  thresholdRule,
  linearRule,
  rankRule,
  directRule,
]);
export type Rule = z.infer<typeof rule>;

/** base: counts toward the total; bonus: added (item cap = its points); deduction: subtracted (cap = points); veto: any criterion met → veto. */
export const nodeRole = choiceOf(SECTION_ROLE_LABELS, '类别');

/**
 * A key point's 评价部门 as department codes, bounded: a draft saved with 40,000 of them (any text) answered every
 * reader of the scheme 3 MB of problems, and its Annex 4 .xlsx printed them in one cell of 268,889 characters, past
 * Excel's 32,767 (a file Excel only opens by repairing it).
 */
const evaluatorCodes = z
  .array(z.string().max(40, { error: '评价部门代码不超过40个字符' }), { error: '评价部门须为部门代码列表' })
  .max(MAX_DEPARTMENTS, { error: `评价部门不超过${MAX_DEPARTMENTS}个` });

export const criterion = z.strictObject({
  code: z.string().regex(/^[a-z]$/, '评分细则编号须为单个小写字母'),
  title: words(1000), // verbatim text of the scored part (key point / criterion)
  points: pts, // maximum; for a veto criterion 0
  rule,
  evaluators: evaluatorCodes.optional(), // department codes (2022 scheme: 评价部门 per key point)
  /**
   * the 评价部门 in the scheme's own words where they name a group no code stands for (seed 附件4: 质量强省领导小组相关成员单位),
   * printed in the Annex 4 table; `evaluators` says who enters the score. Dropped when the evaluators are edited.
   */
  evaluatorsText: words(200).optional(),
  notApplicable: words(500).optional(), // present iff 合理缺项 is allowed: the condition, verbatim
  /** assessment key points: the scored sub-points a department declared (要点考核内容), guidance for scorers */
  details: z.array(z.strictObject({ text: words(1000), points: pts })).optional(),
  /** assessment key points: the documents the indicator rests on (指标依据) */
  basis: z.string().max(2000, { error: '不超过2000个字' }).optional(),
});
export type Criterion = z.infer<typeof criterion>;

export const item = z.strictObject({
  code: z.string().min(1),
  title: words(1000), // 考核内容 / 指标内容, verbatim
  points: pts,
  method: z.string().max(4000, { error: '不超过4000个字' }).optional(), // 考核评分方法 / 考核要点 text, verbatim
  evaluators: evaluatorCodes.optional(),
  criteria: z.array(criterion).min(1),
});
export type Item = z.infer<typeof item>;

export const section = z.strictObject({
  code: z.string().min(1),
  title: words(1000),
  role: nodeRole.default('base'),
  points: pts, // for bonus/deduction: the cap; veto: 0
  items: z.array(item).min(1),
});
export type Section = z.infer<typeof section>;

export const gradeBand = z.strictObject({ grade: z.string().min(1), min: nonNeg });

export const framework = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: words(1000),
  version: z.string().min(1),
  kind: choiceOf(FRAMEWORK_KIND_LABELS, '方案类型'),
  totalPoints: num.positive(),
  source: z.strictObject({ seed: z.string(), table: z.string(), note: z.string().optional() }),
  /** assessment: grade bands, highest first (A ≥ 90, B ≥ 80, C ≥ 60, else D); evaluation: pass mark. */
  gradeBands: z.array(gradeBand).optional(),
  vetoGrade: z.string().optional(), // grade a veto forces, e.g. 'D'
  passMark: nonNeg.optional(),
  /** prorate: total × scale / (scale − points not applicable); none: not-applicable points simply leave the maximum. */
  notApplicablePolicy: choiceOf(NOT_APPLICABLE_POLICY_LABELS, '合理缺项处理').default('none'),
  /** evaluation only: the conditions that bar an application (不予受理情形), verbatim. */
  ineligibility: z.array(z.strictObject({ code: z.string(), text: z.string() })).optional(),
  sections: z.array(section).min(1),
});
export type Framework = z.infer<typeof framework>;
export type FrameworkInput = z.input<typeof framework>;
