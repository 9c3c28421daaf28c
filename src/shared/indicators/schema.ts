/**
 * Plan indicators (规划指标) as data: frameworks/plan-indicators/*.json, cut from the seed text by
 * scripts/cut-plan-indicators.mjs. A plan sets a baseline (基期值) and a target (目标值) per indicator; a
 * yearly file (工作要点) or a city's plan sets targets of its own. Every row keeps the seed's text in `source`.
 *
 * A target is never a bare number: { value } is an exact figure ("1000", "95.0"), { bound: "min" | "max",
 * value } a floor or ceiling ("≥98", "98%以上"), { kind: "national" } a figure the state sets each year
 * ("达到国家考核目标"), entered when known, { kind: "qualitative" } a goal without a figure.
 */
import { z } from 'zod';

const num = z.number().finite();

export const exactTarget = z.strictObject({ value: num });
export const boundTarget = z.strictObject({ bound: z.enum(['min', 'max'], { error: '目标类型应为下限（min，不低于）或上限（max，不高于）' }), value: num });
export const nationalTarget = z.strictObject({ kind: z.literal('national'), text: z.string().min(1) });
export const qualitativeTarget = z.strictObject({ kind: z.literal('qualitative'), text: z.string().min(1) });
export const target = z.union([exactTarget, boundTarget, nationalTarget, qualitativeTarget]);
export type Target = z.infer<typeof target>;
export type NumericTarget = z.infer<typeof exactTarget> | z.infer<typeof boundTarget>;

export const isNumericTarget = (t: Target): t is NumericTarget => 'value' in t;

export const groups = ['品牌建设', '质量基础设施', '产品质量', '服务质量', '工程质量', '生态环境质量'] as const;
export const nature = z.enum(['预期性', '约束性']);
export type Nature = z.infer<typeof nature>;
/** higher (or lower) is better */
export const direction = z.enum(['higher', 'lower']);
export type Direction = z.infer<typeof direction>;
/**
 * how one year is measured: "level" — the value of the year (a rate at year end, a year's output, a score);
 * "stock" — a count held at year end (awards won so far, certificates in force);
 * "increment" — added since the plan's start (a city's "新增 … 54 项").
 */
export const measure = z.enum(['level', 'stock', 'increment']);
export type Measure = z.infer<typeof measure>;

const departmentCode = z.string().regex(/^[a-z][a-z-]*$/);
const source = z.string().min(1);
/** an editor's note: where the seed is silent or ambiguous, what the platform assumed */
const note = z.string().min(1);

export const planIndicator = z.strictObject({
  code: z.number().int().positive(),
  group: z.enum(groups),
  name: z.string().min(1),
  unit: z.string().min(1),
  baseline: num,
  target,
  nature,
  direction,
  measure,
  departments: z.array(departmentCode).min(1),
  /** true when the seed does not name the responsible department(s) */
  assumed: z.boolean(),
  note: note.optional(),
  /** the seed's row, cells joined by tabs, group cell lines joined */
  source,
});
export type PlanIndicator = z.infer<typeof planIndicator>;

const seedRef = z.strictObject({ seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/), table: z.string().min(1), note: note.optional() });

export const plan = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  region: z.string().min(1),
  baselineYear: z.number().int(),
  targetYear: z.number().int(),
  source: seedRef,
  /** places where the seed is ambiguous and what was made of it */
  warnings: z.array(z.string().min(1)),
  indicators: z.array(planIndicator).min(1),
});
export type Plan = z.infer<typeof plan>;

/** one target of a yearly work plan or a city plan, linked to a plan indicator where it matches one */
export const setTarget = z.strictObject({
  /** the plan indicator's code, or null when it matches none of them */
  indicator: z.number().int().positive().nullable(),
  name: z.string().min(1),
  unit: z.string().min(1).nullable(),
  target,
  measure: measure.optional(),
  note: note.optional(),
  source,
});
export type SetTarget = z.infer<typeof setTarget>;

export const targetSet = z
  .strictObject({
    id: z.string().min(1),
    title: z.string().min(1),
    region: z.string().min(1),
    /** the plan whose indicator codes `indicator` refers to */
    plan: z.string().min(1),
    year: z.number().int(),
    source: seedRef,
    warnings: z.array(z.string().min(1)),
    /** matched to a plan indicator */
    targets: z.array(setTarget),
    /** the seed's other targets, matching none of the plan's indicators */
    unmatched: z.array(setTarget),
  })
  .superRefine((s, ctx) => {
    s.targets.forEach((t, i) => {
      if (t.indicator === null) ctx.addIssue({ code: 'custom', path: ['targets', i, 'indicator'], message: '对应的规划指标不能为空' });
    });
    s.unmatched.forEach((t, i) => {
      if (t.indicator !== null) ctx.addIssue({ code: 'custom', path: ['unmatched', i, 'indicator'], message: '未对应的目标不应有规划指标' });
    });
  });
export type TargetSet = z.infer<typeof targetSet>;
