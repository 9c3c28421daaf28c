#!/usr/bin/env -S npx tsx
/**
 * Cuts the province's 2023 work plan (湖南省质量强省 2023 年工作要点, seed 000 附件3) into
 * frameworks/work-plans/hunan-2023.json: its three parts, its 13 numbered tasks with their full text, and the
 * lead, cooperating or responsible units read from each task's parenthesis (src/shared/workplan/units.ts says
 * how each form is read). The year's 主要目标 are already cut into frameworks/plan-indicators/hunan-2023-targets.json
 * and are linked by id, not copied. The file is checked with the zod contract and the validator
 * (src/shared/workplan/) before it is written; the validator's warnings are the file's `warnings`.
 *
 * The folder is a subfolder on purpose: the framework loader reads frameworks/*.json, not deeper.
 *
 *   npx tsx scripts/cut-work-plan.ts [--seeds <dir>] [--check]
 *
 * --check writes nothing and exits 1 when the committed file differs from what the seed gives.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultSeedsDir, repoRoot, runCut } from './cut-kit';
import { PART_NUMBERS, workPlanFile, type PlanTask, type WorkPlanFile } from '../src/shared/workplan/schema';
import { parseUnitsText, type DepartmentName } from '../src/shared/workplan/units';
import { validateWorkPlan } from '../src/shared/workplan/validate';

export const outDir = path.join(repoRoot, 'frameworks/work-plans');
export const SEED_2023 = '000_bdb2641fca90ea06.txt';
const HEADING = '湖南省质量强省 2023 年工作要点';
const END = '附件 4';

export const readDepartments = (): DepartmentName[] => JSON.parse(readFileSync(path.join(repoRoot, 'frameworks/departments.json'), 'utf8'));

/**
 * The plan's lines from its heading to the next annex: blank lines dropped; a line that starts neither a part
 * ("一、…") nor a task ("1. …") continues the task before it (the seed breaks paragraphs at page ends).
 */
export function cutWorkPlan(seed: string, departments: readonly DepartmentName[]): WorkPlanFile {
  const lines = seed.split('\n').map((l) => l.trim());
  const start = lines.indexOf(HEADING);
  const end = lines.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`种子 000 中找不到“${HEADING}”`);
  const parts: WorkPlanFile['parts'] = [];
  const raw: { number: number; part: WorkPlanFile['parts'][number]['number']; text: string }[] = [];
  for (const line of lines.slice(start + 1, end)) {
    if (!line) continue;
    let m = /^([一二三四五六七八九十])、(.+)$/.exec(line);
    if (m) {
      parts.push({ number: m[1] as (typeof PART_NUMBERS)[number], title: m[2]! });
      continue;
    }
    m = /^(\d+)\.\s*(.+)$/.exec(line);
    if (m) {
      const part = parts[parts.length - 1];
      if (!part) throw new Error(`第 ${m[1]} 项出现在第一部分之前`);
      raw.push({ number: Number(m[1]), part: part.number, text: m[2]! });
      continue;
    }
    const last = raw[raw.length - 1];
    if (!last) continue; // the preamble: 总体要求 and 主要目标 (cut in hunan-2023-targets.json)
    last.text += line;
  }
  const tasks: PlanTask[] = raw.map((r) => {
    const paren = /（([^（）]+)）$/.exec(r.text);
    if (!paren) throw new Error(`第 ${r.number} 项末尾没有括号写明的单位`);
    const title = r.text.slice(0, r.text.indexOf('。'));
    const reading = parseUnitsText(paren[1]!, departments);
    if (reading.errors.length) throw new Error(`第 ${r.number} 项：${reading.errors.join('；')}`);
    return { number: r.number, part: r.part, title, text: r.text, unitsText: paren[1]!, units: reading.units };
  });
  const out: WorkPlanFile = {
    id: 'hunan-2023',
    title: HEADING,
    year: 2023,
    issuer: 'office',
    region: '湖南省',
    source: {
      seed: SEED_2023,
      section: `附件3 ${HEADING}`,
      note: '编者注：正文取自湘质强办发〔2023〕8号附件3，跨页断开的段落已接续；单位由括号解读（src/shared/workplan/units.ts），有取舍之处见 warnings。',
    },
    targets: 'hunan-2023-targets',
    parts,
    warnings: [],
    tasks,
  };
  const v = validateWorkPlan(workPlanFile.parse(out), departments);
  if (v.errors.length) throw new Error(v.errors.join('\n'));
  return workPlanFile.parse({ ...out, warnings: v.warnings });
}

export { render } from './cut-kit';
export { defaultSeedsDir, repoRoot };

runCut(import.meta.url, outDir, (seedsDir) => ({
  'hunan-2023.json': cutWorkPlan(readFileSync(path.join(seedsDir, SEED_2023), 'utf8'), readDepartments()),
}));
