/**
 * The validator's warning list on the three files: every place the seeds are ambiguous, and no error. And
 * the errors it gives on broken copies (an unknown department, a missing indicator, codes out of order).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { plan as planSchema, targetSet } from '../../src/shared/indicators/schema';
import { validatePlan, validateTargetSet } from '../../src/shared/indicators/validate';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const json = (f: string) => JSON.parse(readFileSync(path.join(repoRoot, f), 'utf8'));
const plan = planSchema.parse(json('frameworks/plan-indicators/hunan-14th.json'));
const y2023 = targetSet.parse(json('frameworks/plan-indicators/hunan-2023-targets.json'));
const yueyang = targetSet.parse(json('frameworks/plan-indicators/yueyang-2025.json'));
const codes = new Set((json('frameworks/departments.json') as { code: string }[]).map((d) => d.code));

describe('validatePlan on hunan-14th', () => {
  const r = validatePlan(plan, codes);
  it('finds no error', () => expect(r.errors).toEqual([]));
  it('warns of 21 assumed departments, 5 bounds already met, the national target and the 分 unit', () => {
    expect(r.warnings.filter((w) => w.endsWith('原文未写责任单位，按职责假定'))).toHaveLength(21);
    expect(r.warnings.filter((w) => !w.endsWith('原文未写责任单位，按职责假定'))).toEqual([
      '第15项“食品安全评价性抽检合格率”：基期值98已满足目标（≥98），按保持处理',
      '第16项“农产品质量合格率”：基期值99已满足目标（≥99），按保持处理',
      '第18项“生活性服务业客户满意度”：单位为“分”，不是百分比',
      '第19项“工程质量一次竣工验收合格率”：基期值99.4已满足目标（≥99.4），按保持处理',
      '第21项“交通工程项目质量合格率”：基期值95已满足目标（≥95），按保持处理',
      '第22项“国控断面Ⅰ—Ⅲ类优良水质比例”：目标“达到国家考核目标”无数值，待国家下达后录入',
      '第24项“森林覆盖率”：基期值59.96已满足目标（≥59），按保持处理',
    ]);
  });
  it('gives errors for an unknown department and codes out of order', () => {
    const broken = { ...plan, indicators: [{ ...plan.indicators[1]!, departments: ['nobody'] }, ...plan.indicators.slice(2)] };
    const e = validatePlan(broken, codes).errors;
    expect(e[0]).toBe('第2项“有机产品”：序号应为1');
    expect(e).toContain('第2项“有机产品”：责任单位“nobody”不在成员单位名单中');
  });
  it('gives an error for a bound against the direction (a ceiling on a higher-is-better rate)', () => {
    const ceiling = { ...plan, indicators: plan.indicators.map((i) => (i.code === 15 ? { ...i, target: { bound: 'max' as const, value: 98 } } : i)) };
    expect(validatePlan(ceiling, codes).errors).toEqual([
      '第15项“食品安全评价性抽检合格率”：“食品安全评价性抽检合格率”越高越好，目标不能设为上限“≤98”：那样更高的实际值反而算未达到、更低的算达到。请改选“下限（≥）”或“确定值”',
    ]);
  });
});

describe('validateTargetSet', () => {
  it('2023 工作要点: behind the baseline (16, 19), past the 2025 target (21), no figure (23, 公共服务)', () => {
    expect(validateTargetSet(y2023, plan)).toEqual({
      errors: [],
      warnings: [
        '“农产品质量安全监测合格率”（第16项）：目标98低于规划基期值99',
        '“建筑工程质量一次竣工验收合格率”（第19项）：目标99低于规划基期值99.4',
        '“交通工程项目质量抽查合格率”（第21项）：目标97高于规划2025年目标95',
        '“全省14个城市环境空气平均优良天数比例”（第23项）：目标无数值，待国家下达后录入',
        '“公共服务质量”：目标“公共服务质量达到满意水平”无数值，且不对应规划指标',
      ],
    });
  });
  it('Yueyang 2025: 农产品 98 below the province’s 99, air 90 above 88, three goals without a figure', () => {
    expect(validateTargetSet(yueyang, plan)).toEqual({
      errors: [],
      warnings: [
        '“农产品质量安全省级例行监测合格率”（第16项）：目标98低于规划基期值99',
        '“环境空气质量优良天数比率”（第23项）：目标90高于规划2025年目标88',
        '“消费品质量合格率”（第14项）：目标“消费品质量合格率有效支撑高品质生活需要”无数值，无法计算进度',
        '“工程质量抽查符合率”：目标“工程质量抽查符合率不断提升”无数值，且不对应规划指标',
        '“服务质量满意度”：目标“服务质量满意度全面提升”无数值，且不对应规划指标',
      ],
    });
  });
  it('gives errors for an unknown indicator, another plan and a year outside it', () => {
    const broken = { ...y2023, plan: 'other', year: 2030, targets: [{ ...y2023.targets[0]!, indicator: 99 }] };
    expect(validateTargetSet(broken, plan).errors).toEqual([
      '目标“湖南省质量强省2023年工作要点 主要目标”对应的规划为other，不是hunan-14th',
      '目标年份2030不在规划期2020—2025内',
      '“制造业产品质量合格率”对应的规划指标第99项不存在',
    ]);
  });
});
