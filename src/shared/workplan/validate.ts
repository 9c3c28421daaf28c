/**
 * Checks a work plan beyond the zod contract: errors (the data cannot be used) and warnings (the seed is
 * ambiguous; a person should look). Each task's parenthesis is read again (units.ts) and must give the units
 * the file holds, so an edited file cannot drift from its text unnoticed. Messages are Chinese.
 *
 * Errors: numbers not 1..n; a part not in the plan's parts or out of order; a text that does not end with its
 * parenthesis; units that differ from the parenthesis's reading; an unknown unit; a task with no lead and no
 * responsible unit. Warnings: every choice the reading made (units.ts).
 */
import { isUnitGroup, type WorkPlanFile } from './schema';
import { parseUnitsText, type DepartmentName } from './units';

export interface ValidationResult {
  errors: string[];
  warnings: string[];
}

export function validateWorkPlan(plan: WorkPlanFile, departments: readonly DepartmentName[]): ValidationResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const codes = new Set(departments.map((d) => d.code));
  const partOrder = plan.parts.map((p) => p.number);
  let lastPart = 0;
  plan.tasks.forEach((task, k) => {
    const at = `第${task.number}项“${task.title}”`;
    if (task.number !== k + 1) errors.push(`${at}：序号应为${k + 1}`);
    const p = partOrder.indexOf(task.part);
    if (p < 0) errors.push(`${at}：所属部分“${task.part}”不在工作要点的部分中`);
    else if (p < lastPart) errors.push(`${at}：所属部分“${task.part}”顺序颠倒`);
    else lastPart = p;
    if (!task.text.endsWith(`（${task.unitsText}）`)) errors.push(`${at}：正文未以括号“（${task.unitsText}）”结尾`);
    const reading = parseUnitsText(task.unitsText, departments);
    for (const e of reading.errors) errors.push(`${at}：${e}`);
    for (const w of reading.warnings) warnings.push(`${at}：${w}`);
    const key = (u: { ref: string; role: string }) => `${u.role}:${u.ref}`;
    if (reading.units.map(key).join('|') !== task.units.map(key).join('|')) {
      errors.push(`${at}：单位与括号“${task.unitsText}”的解读不一致`);
    }
    for (const u of task.units) if (!isUnitGroup(u.ref) && !codes.has(u.ref)) errors.push(`${at}：单位“${u.ref}”不在成员单位名单中`);
    if (!task.units.some((u) => u.role === 'lead' || u.role === 'responsible')) errors.push(`${at}：没有牵头单位，也没有按职责分工负责的单位`);
  });
  return { errors, warnings };
}
