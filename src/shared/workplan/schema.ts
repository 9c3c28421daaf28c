/**
 * A yearly work plan (工作要点) as data: frameworks/work-plans/*.json, cut from the seed text by
 * scripts/cut-work-plan.ts. A plan has numbered tasks in parts (一、二、三); each task keeps its full text and
 * the parenthesis that names its units ("省质强办牵头，各市州、成员单位配合"), read into units with a role:
 * lead (牵头), cooperating (配合), or responsible (按职责分工负责: each for its own share, nobody leads).
 *
 * A unit is a department code of frameworks/departments.json or a group: 'all-cities' (各市州, the 14 cities
 * and prefectures), 'all-departments' (各成员单位 / 成员单位, every member department), 'related-departments'
 * (相关成员单位: the relevant ones, which the text does not name; the office names them on the draft).
 * The year's main targets are not copied: `targets` names the target set in frameworks/plan-indicators/.
 */
import { z } from 'zod';
import { YEAR_MAX, YEAR_MIN } from '../years';

export const UNIT_GROUPS = ['all-cities', 'all-departments', 'related-departments'] as const;
export type UnitGroup = (typeof UNIT_GROUPS)[number];
export const UNIT_GROUP_LABELS: Record<UnitGroup, string> = {
  'all-cities': '各市州',
  'all-departments': '各成员单位',
  'related-departments': '相关成员单位',
};
export const isUnitGroup = (ref: string): ref is UnitGroup => (UNIT_GROUPS as readonly string[]).includes(ref);

export const UNIT_ROLES = ['lead', 'cooperating', 'responsible'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];
export const UNIT_ROLE_LABELS: Record<UnitRole, string> = { lead: '牵头', cooperating: '配合', responsible: '按职责分工负责' };

export const PART_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;

const ref = z.string().regex(/^[a-z][a-z-]*$/, '单位代码须为小写字母与连字符');

export const taskUnit = z.strictObject({
  /** the name as the seed writes it ("市场监管局", "各州市") */
  name: z.string().min(1),
  /** a department code or a group */
  ref,
  role: z.enum(UNIT_ROLES),
});
export type TaskUnit = z.infer<typeof taskUnit>;

export const planTask = z.strictObject({
  number: z.number().int().positive(),
  /** the part's number, 一/二/三 */
  part: z.enum(PART_NUMBERS),
  /** the first sentence, without its full stop ("强化协调推进") */
  title: z.string().min(1),
  /** the task's full text as in the seed (page breaks joined), without "1. ", with the parenthesis */
  text: z.string().min(1),
  /** the parenthesis's content */
  unitsText: z.string().min(1),
  units: z.array(taskUnit).min(1),
});
export type PlanTask = z.infer<typeof planTask>;

export const workPlanFile = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  year: z.number().int().min(YEAR_MIN).max(YEAR_MAX),
  /** the issuing office's org code (departments.json 'office', or a city's office-<code>) */
  issuer: z.string().min(1),
  region: z.string().min(1),
  source: z.strictObject({ seed: z.string().min(1), section: z.string().min(1), note: z.string().optional() }),
  /** the id of the year's main targets in frameworks/plan-indicators/ (主要目标), linked, not copied */
  targets: z.string().nullable(),
  parts: z.array(z.strictObject({ number: z.enum(PART_NUMBERS), title: z.string().min(1) })).min(1),
  warnings: z.array(z.string()),
  tasks: z.array(planTask).min(1),
});
export type WorkPlanFile = z.infer<typeof workPlanFile>;
