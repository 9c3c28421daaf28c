/**
 * 专栏1 “十四五”质量强省主要规划指标 (seed 003) as frameworks/plan-indicators/hunan-14th.json.
 *
 * Checks: the zod contract; every row against a table written here by hand from the seed (independent of the
 * cutter); every row's `source` found in the seed's table in its own layout (one cell a line, group cells
 * split over lines); departments against departments.json; the cutter reproduces the committed files; the
 * validator warnings name every ambiguous place; and the 2020→2025 path of a few rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { plan as planSchema, type Plan, type Target } from '../../src/shared/indicators/schema';
import { yearlyTargets } from '../../src/shared/indicators/interpolate';
import { cutAll, render } from '../../scripts/cut-plan-indicators';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');
const seedFile = path.join(seedsDir, '003_756f746d976e3269.txt');
const hasSeeds = existsSync(seedFile);
const here = (f: string) => path.join(repoRoot, 'frameworks/plan-indicators', f);

const plan: Plan = planSchema.parse(JSON.parse(readFileSync(here('hunan-14th.json'), 'utf8')));
const departments = JSON.parse(readFileSync(path.join(repoRoot, 'frameworks/departments.json'), 'utf8')) as { code: string }[];

const min = (value: number): Target => ({ bound: 'min', value });
/** read off the seed by hand: code, group, name, unit, 2020, 2025, nature */
const EXPECTED: [number, string, string, string, number, Target, string][] = [
  [1, '品牌建设', '地理标志商标产品产值', '亿元', 800, { value: 1000 }, '预期性'],
  [2, '品牌建设', '有机产品', '个', 446, { value: 500 }, '预期性'],
  [3, '品牌建设', '绿色食品', '个', 2494, { value: 2800 }, '预期性'],
  [4, '品牌建设', '中华老字号', '家', 116, { value: 130 }, '预期性'],
  [5, '品牌建设', '鲁班奖', '项', 72, { value: 80 }, '预期性'],
  [6, '品牌建设', '国家优质工程奖', '项', 56, { value: 74 }, '预期性'],
  [7, '品牌建设', '中国质量奖', '项', 6, { value: 12 }, '预期性'],
  [8, '品牌建设', '大禹奖', '项', 3, { value: 5 }, '预期性'],
  [9, '质量基础设施', '主导和参与制定国际、国家和行业标准', '项', 2000, { value: 2400 }, '预期性'],
  [10, '质量基础设施', '省级最高社会公用计量标准', '项', 245, { value: 290 }, '预期性'],
  [11, '质量基础设施', '质量管理体系认证证书保有量', '个', 32878, { value: 35000 }, '预期性'],
  [12, '质量基础设施', '国检中心', '个', 24, { value: 28 }, '预期性'],
  [13, '产品质量', '制造业产品质量合格率', '%', 93.61, { value: 95 }, '预期性'],
  [14, '产品质量', '消费品质量合格率', '%', 90.1, { value: 93.5 }, '预期性'],
  [15, '产品质量', '食品安全评价性抽检合格率', '%', 98, min(98), '预期性'],
  [16, '产品质量', '农产品质量合格率', '%', 99, min(99), '预期性'],
  [17, '产品质量', '基本药物抽验合格率', '%', 100, { value: 100 }, '预期性'],
  [18, '服务质量', '生活性服务业客户满意度', '分', 77.77, { value: 80 }, '预期性'],
  [19, '工程质量', '工程质量一次竣工验收合格率', '%', 99.4, min(99.4), '预期性'],
  [20, '工程质量', '在建水利工程项目质量抽查合格率', '%', 100, { value: 100 }, '预期性'],
  [21, '工程质量', '交通工程项目质量合格率', '%', 95, min(95), '预期性'],
  [22, '生态环境质量', '国控断面Ⅰ—Ⅲ类优良水质比例', '%', 93.3, { kind: 'national', text: '达到国家考核目标' }, '约束性'],
  [23, '生态环境质量', '地级及以上城市空气质量优良天数比率', '%', 83, { value: 88 }, '约束性'],
  [24, '生态环境质量', '森林覆盖率', '%', 59.96, min(59), '约束性'],
];

describe('hunan-14th: the 24 indicators', () => {
  it('has the header of 专栏1 and 24 rows numbered 1..24', () => {
    expect(plan).toMatchObject({ id: 'hunan-14th', region: '湖南省', baselineYear: 2020, targetYear: 2025 });
    expect(plan.source.seed).toBe('003_756f746d976e3269.txt');
    expect(plan.indicators.map((i) => i.code)).toEqual(Array.from({ length: 24 }, (_, k) => k + 1));
  });

  it('matches the hand-read table row by row: group, name, unit, 2020, 2025, nature', () => {
    expect(plan.indicators.map((i) => [i.code, i.group, i.name, i.unit, i.baseline, i.target, i.nature])).toEqual(EXPECTED);
  });

  it('encodes ≥ targets as lower bounds and 达到国家考核目标 as a national target, never a plain number', () => {
    const bounds = plan.indicators.filter((i) => i.source.split('\t')[4]!.startsWith('≥')).map((i) => i.code);
    expect(bounds).toEqual([15, 16, 19, 21, 24]);
    for (const i of plan.indicators) {
      const cell = i.source.split('\t')[4]!;
      if (cell.startsWith('≥')) expect(i.target).toEqual({ bound: 'min', value: Number(cell.slice(1)) });
      else if (/^\d/.test(cell)) expect(i.target).toEqual({ value: Number(cell) });
      else expect(i.target).toEqual({ kind: 'national', text: cell });
    }
  });

  it('measures rates and scores as a level and counts of awards, products and standards as a stock', () => {
    const stock = plan.indicators.filter((i) => i.measure === 'stock').map((i) => i.code);
    expect(stock).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const i of plan.indicators) if (i.unit === '%') expect(i.measure).toBe('level');
    expect(plan.indicators.every((i) => i.direction === 'higher')).toBe(true);
  });

  it('names responsible departments from departments.json; only 13, 14 and 16 are named by a seed', () => {
    const codes = new Set(departments.map((d) => d.code));
    for (const i of plan.indicators) for (const d of i.departments) expect(codes, `第${i.code}项 ${d}`).toContain(d);
    expect(plan.indicators.filter((i) => !i.assumed).map((i) => i.code)).toEqual([13, 14, 16]);
    for (const i of plan.indicators) expect(i.note, `第${i.code}项`).toBeTruthy();
    const dep = (code: number) => plan.indicators[code - 1]!.departments;
    expect(dep(13)).toEqual(['samr']);
    expect([dep(22), dep(23), dep(24)]).toEqual([['ecology'], ['ecology'], ['forestry']]);
    expect([dep(5), dep(8), dep(20), dep(21)]).toEqual([['housing'], ['water'], ['water'], ['transport']]);
  });

  it('warns of every ambiguous place: split group cells, bounds already met, the national target, the 分 unit, stock or flow', () => {
    const w = plan.warnings.join('\n');
    for (const code of [1, 9, 13, 18, 19, 22]) expect(w).toContain(`第${code}项：分组单元格`);
    for (const code of [15, 16, 19, 21, 24]) expect(w).toMatch(new RegExp(`第${code}项“[^”]+”：2025年目标“≥`));
    expect(w).toContain('第22项“国控断面Ⅰ—Ⅲ类优良水质比例”：2025年目标为“达到国家考核目标”');
    expect(w).toContain('第18项“生活性服务业客户满意度”：单位为“分”');
    for (const code of [4, 5, 6, 7, 8]) expect(w).toMatch(new RegExp(`第${code}项“[^”]+”：原文未说明是累计数还是当年新增数`));
  });

  it('gives the 2020 → 2025 path: 制造业 94.444 in 2023, 鲁班奖 72 → 80 by whole awards, 森林覆盖率 holds ≥59', () => {
    const path = (code: number) => {
      const i = plan.indicators[code - 1]!;
      return yearlyTargets({ ...i, baselineYear: plan.baselineYear, targetYear: plan.targetYear }).map((y) => y.target);
    };
    expect(path(13)[3]).toEqual({ value: 94.444 });
    // 72 + 8 × k/5 = 73.6, 75.2, 76.8, 78.4 → rounded up
    expect(path(5)).toEqual([72, 74, 76, 77, 79, 80].map((value) => ({ value })));
    expect(path(24)[2]).toEqual({ bound: 'min', value: 59 });
  });
});

describe.runIf(hasSeeds)('hunan-14th: against the seed text', () => {
  const seed = hasSeeds ? readFileSync(seedFile, 'utf8') : '';
  const table = seed.slice(seed.indexOf('专栏1  “十四五”质量强省主要规划指标'), seed.indexOf('第三章'));
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('finds every row of `source` in 专栏1, one cell a line, the group cell written over several lines', () => {
    let group = '';
    for (const i of plan.indicators) {
      const cells = i.source.split('\t');
      expect(cells).toHaveLength(6);
      const groupCell = cells[1]!;
      if (groupCell) group = groupCell;
      expect(group).toBe(i.group);
      const groupRe = [...groupCell].map(esc).join('\\n?');
      const re = new RegExp(`\\n\\t${i.code}\\n\\t${groupRe}\\n\\t${esc(cells[2]!)}\\n\\t${esc(cells[3]!)}\\n\\t${esc(cells[4]!)}\\n\\t${esc(cells[5]!)}\\n`);
      expect(table, `第${i.code}项`).toMatch(re);
      expect(cells[2]).toBe(`${i.name}（${i.unit}）`);
      expect(Number(cells[3])).toBe(i.baseline);
      expect(cells[5]).toBe(i.nature);
    }
  });

  it('keeps the seed figures as written in the source: 90.10, 95.0, ≥99.4', () => {
    expect(plan.indicators[13]!.source).toBe('14\t\t消费品质量合格率（%）\t90.10\t93.5\t预期性');
    expect(plan.indicators[12]!.source).toBe('13\t产品质量\t制造业产品质量合格率（%）\t93.61\t95.0\t预期性');
    expect(plan.indicators[18]!.source).toBe('19\t工程质量\t工程质量一次竣工验收合格率（%）\t99.4\t≥99.4\t预期性');
  });

  it('is what the cutter gives from the seeds, byte for byte, for all three files', () => {
    const files = cutAll(seedsDir);
    expect(Object.keys(files)).toEqual(['hunan-14th.json', 'hunan-2023-targets.json', 'yueyang-2025.json']);
    for (const [name, data] of Object.entries(files)) expect(readFileSync(here(name), 'utf8'), name).toBe(render(data));
  });
});
