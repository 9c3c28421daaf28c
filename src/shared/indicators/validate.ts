/**
 * Checks a plan and the target sets that refer to it, beyond the zod contract: errors (the data cannot be
 * used) and warnings (the seed is silent or ambiguous; a person should look). Messages are Chinese.
 *
 * Errors: codes not 1..n; a department code not in the list; a target set naming an unknown indicator; a bound
 * against the indicator's direction ("≤" where higher is better).
 * Warnings: a bound the baseline already meets (a level to hold); a national target (no figure); a unit
 * other than % or money for a level (分); a department assumed; a yearly or city target behind the plan's
 * baseline or past its final target; a target set's unit different from the indicator's.
 */
import { boundDirectionMessage } from './format';
import { boundAgainstDirection } from './interpolate';
import { isNumericTarget, type Plan, type TargetSet } from './schema';

export interface ValidationResult {
  errors: string[];
  warnings: string[];
}

export function validatePlan(plan: Plan, departmentCodes: ReadonlySet<string>): ValidationResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  plan.indicators.forEach((ind, k) => {
    const at = `第${ind.code}项“${ind.name}”`;
    if (ind.code !== k + 1) errors.push(`${at}：序号应为${k + 1}`);
    for (const d of ind.departments) if (!departmentCodes.has(d)) errors.push(`${at}：责任单位“${d}”不在成员单位名单中`);
    if (ind.assumed) warnings.push(`${at}：原文未写责任单位，按职责假定`);
    const t = ind.target;
    if ('bound' in t && boundAgainstDirection(t, ind.direction)) errors.push(`${at}：${boundDirectionMessage(ind.name, ind.direction, t)}`);
    if ('bound' in t && (t.bound === 'min' ? ind.baseline >= t.value : ind.baseline <= t.value)) {
      warnings.push(`${at}：基期值${ind.baseline}已满足目标（${t.bound === 'min' ? '≥' : '≤'}${t.value}），按保持处理`);
    }
    if ('kind' in t && t.kind === 'national') warnings.push(`${at}：目标“${t.text}”无数值，待国家下达后录入`);
    if ('kind' in t && t.kind === 'qualitative') warnings.push(`${at}：目标“${t.text}”无数值，无法计算进度`);
    if (ind.measure === 'level' && !['%', '元', '万元', '亿元'].includes(ind.unit)) warnings.push(`${at}：单位为“${ind.unit}”，不是百分比`);
  });
  return { errors, warnings };
}

export function validateTargetSet(set: TargetSet, plan: Plan): ValidationResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (set.plan !== plan.id) errors.push(`目标“${set.title}”对应的规划为${set.plan}，不是${plan.id}`);
  if (set.year < plan.baselineYear || set.year > plan.targetYear) errors.push(`目标年份${set.year}不在规划期${plan.baselineYear}—${plan.targetYear}内`);
  for (const t of set.targets) {
    const ind = plan.indicators.find((i) => i.code === t.indicator);
    if (!ind) {
      errors.push(`“${t.name}”对应的规划指标第${t.indicator}项不存在`);
      continue;
    }
    const at = `“${t.name}”（第${ind.code}项）`;
    if (t.unit !== null && t.unit !== ind.unit) warnings.push(`${at}：单位“${t.unit}”与规划指标的“${ind.unit}”不同`);
    if (!isNumericTarget(t.target)) {
      if (t.target.kind === 'national') warnings.push(`${at}：目标无数值，待国家下达后录入`);
      else warnings.push(`${at}：目标“${t.target.text}”无数值，无法计算进度`);
      continue;
    }
    if ('bound' in t.target && boundAgainstDirection(t.target, ind.direction)) errors.push(`${at}：${boundDirectionMessage(ind.name, ind.direction, t.target)}`);
    const better = (a: number, b: number) => (ind.direction === 'higher' ? a > b : a < b);
    const v = t.target.value;
    if (better(ind.baseline, v)) warnings.push(`${at}：目标${v}低于规划基期值${ind.baseline}`);
    const final = ind.target;
    if (isNumericTarget(final) && better(v, final.value)) warnings.push(`${at}：目标${v}高于规划${plan.targetYear}年目标${final.value}`);
  }
  for (const t of set.unmatched) {
    if (!isNumericTarget(t.target) && t.target.kind === 'qualitative') warnings.push(`“${t.name}”：目标“${t.target.text}”无数值，且不对应规划指标`);
  }
  return { errors, warnings };
}
