/**
 * The 2023 work plan file against the seed: every task's text is the seed's (page breaks joined), and every
 * task's units are the ones read by hand from its parenthesis (the golden list below, written from the seed,
 * not from the parser). The committed file is what the script cuts today (--check), and the validator's
 * warnings name every ambiguous parenthesis; broken copies give errors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cutWorkPlan, defaultSeedsDir, readDepartments, render, repoRoot, SEED_2023 } from '../../scripts/cut-work-plan';
import { targetSet } from '../../src/shared/indicators/schema';
import { workPlanFile } from '../../src/shared/workplan/schema';
import { parseUnitsText } from '../../src/shared/workplan/units';
import { validateWorkPlan } from '../../src/shared/workplan/validate';

const seed = readFileSync(path.join(defaultSeedsDir, SEED_2023), 'utf8');
const file = readFileSync(path.join(repoRoot, 'frameworks/work-plans/hunan-2023.json'), 'utf8');
const plan = workPlanFile.parse(JSON.parse(file));
const departments = readDepartments();

/** by hand from the seed: number, part, the parenthesis, lead / cooperating / responsible */
const GOLDEN: [number, string, string, string[], string[], string[]][] = [
  [1, '一', '省质强办牵头，各市州、成员单位配合', ['office'], ['all-cities', 'all-departments'], []],
  [2, '一', '省质强办牵头，各市州、成员单位配合', ['office'], ['all-cities', 'all-departments'], []],
  [3, '一', '省市场监管局牵头，各市州、相关成员单位配合', ['samr'], ['all-cities', 'related-departments'], []],
  [4, '一', '市场监管局牵头，各市州、相关成员单位配合', ['samr'], ['all-cities', 'related-departments'], []],
  [5, '一', '省市场监管局牵头，各市州、相关成员单位配合', ['samr'], ['all-cities', 'related-departments'], []],
  [6, '一', '省市场监管局牵头，各市州、相关成员单位配合', ['samr'], ['all-cities', 'related-departments'], []],
  [7, '二', '省工业和信息化厅牵头，各州市、相关成员单位配合', ['miit'], ['all-cities', 'related-departments'], []],
  [8, '二', '省住房城乡建设厅，省交通运输厅、省水利厅，各州市配合', ['housing'], ['transport', 'water', 'all-cities'], []],
  [9, '二', '各市州、各成员单位按职责分工负责', [], [], ['all-cities', 'all-departments']],
  [10, '二', '省生态环境厅牵头，各市州、相关成员单位配合', ['ecology'], ['all-cities', 'related-departments'], []],
  [11, '三', '省市场监管局牵头，各市州、相关成员单位配合', ['samr'], ['all-cities', 'related-departments'], []],
  [12, '三', '省市场监管局牵头，各市州、相关成员单位按职责分工配合', ['samr'], ['all-cities', 'related-departments'], []],
  [13, '三', '省市场监管局牵头，各市州、相关成员单位配合', ['samr'], ['all-cities', 'related-departments'], []],
];

describe('hunan-2023 work plan', () => {
  it('is what the script cuts from the seed today (--check)', () => {
    expect(render(cutWorkPlan(seed, departments))).toBe(file);
  });

  it('has the three parts with their titles as in the seed', () => {
    expect(plan.parts).toEqual([
      { number: '一', title: '聚焦质量强省建设，构筑大质量工作格局' },
      { number: '二', title: '聚焦质量重点领域，开展质量提升行动' },
      { number: '三', title: '聚焦质量监管，守护质量安全底线' },
    ]);
  });

  it("keeps each task's full text as the seed writes it, page breaks joined", () => {
    const flat = seed.replace(/\n/g, '');
    expect(plan.tasks).toHaveLength(13);
    for (const t of plan.tasks) {
      expect(flat).toContain(`${t.number}. ${t.text}`);
      expect(t.text.startsWith(`${t.title}。`)).toBe(true);
    }
    // task 5 crosses a page break: both halves are in its text
    expect(plan.tasks[4]!.text).toContain('地理标志等品牌企业和品牌集群区');
  });

  it("reads every task's units as the golden list written by hand", () => {
    const got = plan.tasks.map((t) => [
      t.number,
      t.part,
      t.unitsText,
      t.units.filter((u) => u.role === 'lead').map((u) => u.ref),
      t.units.filter((u) => u.role === 'cooperating').map((u) => u.ref),
      t.units.filter((u) => u.role === 'responsible').map((u) => u.ref),
    ]);
    expect(got).toEqual(GOLDEN);
  });

  it('links the year\'s main targets instead of copying them', () => {
    const targets = targetSet.parse(JSON.parse(readFileSync(path.join(repoRoot, `frameworks/plan-indicators/${plan.targets}.json`), 'utf8')));
    expect(targets.year).toBe(plan.year);
    expect(file).not.toContain('主要目标是');
  });

  it('warns at every ambiguous parenthesis and nowhere else', () => {
    const v = validateWorkPlan(plan, departments);
    expect(v.errors).toEqual([]);
    expect(v.warnings).toEqual(plan.warnings);
    const at = (n: number) => v.warnings.filter((w) => w.startsWith(`第${n}项`));
    expect(at(8)[0]).toContain('未写“牵头”：按首个单位“省住房城乡建设厅”牵头');
    expect(at(8)[0]).toContain('省交通运输厅、省水利厅也可能是共同牵头单位');
    expect(at(9)).toEqual(['第9项“推进服务质量提档升级”：括号中没有牵头单位，各单位按职责分工负责，由发文的质强办汇总']);
    expect(at(4)).toContain('第4项“加强全面质量管理，夯实质量基础”：“市场监管局”未写“省”字，按“省市场监督管理局”理解');
    expect(at(7).some((w) => w.includes('“各州市”按“各市州”'))).toBe(true);
    expect(at(1)).toEqual([]);
    expect(at(2)).toEqual([]);
    expect(v.warnings.filter((w) => w.includes('相关成员单位'))).toHaveLength(9);
  });

  it('gives errors for broken copies', () => {
    const t0 = plan.tasks[0]!;
    const broken = {
      ...plan,
      tasks: [{ ...t0, units: [{ ...t0.units[0]!, role: 'cooperating' as const }, ...t0.units.slice(1)] }, { ...plan.tasks[2]!, part: '一' as const }],
    };
    const e = validateWorkPlan(broken, departments).errors;
    expect(e).toContain('第1项“强化协调推进”：单位与括号“省质强办牵头，各市州、成员单位配合”的解读不一致');
    expect(e).toContain('第1项“强化协调推进”：没有牵头单位，也没有按职责分工负责的单位');
    expect(e).toContain('第3项“加强考核督查与激励引导”：序号应为2');
    expect(parseUnitsText('省统计局牵头，各市州配合', departments).errors).toEqual(['单位“省统计局”不在成员单位名单中']);
    expect(parseUnitsText('请各地落实', departments).errors).toEqual(['无法识别的牵头、配合单位写法：“请各地落实”']);
  });
});
