/**
 * The 2022 Hunan provincial assessment scheme (seed 000, 附件4 + 附件2) as a framework data file.
 *
 * Checks: the zod contract, exact totals (integer tenths, never floats), numbering, evaluators against
 * departments.json, verbatim text against the seed, and a golden run of the engine on 14 cities
 * (frameworks/golden/hunan-2022-14-cities.json, 演示数据) whose results were computed by hand.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { framework as frameworkSchema, type Framework } from '../src/shared/scoring/framework-schema';
import { parseScoreInput } from '../src/shared/scoring/errors';
import { scoreFramework } from '../src/shared/scoring/engine';
import { validateFramework } from '../src/shared/scoring/validator';
import type { DepartmentEntry } from '../src/server/modules/frameworks';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');
const seedFile = path.join(seedsDir, '000_bdb2641fca90ea06.txt');
const readJson = (rel: string): unknown => JSON.parse(readFileSync(path.join(repoRoot, rel), 'utf8'));

const raw = readJson('frameworks/hunan-assessment-2022.json');
const fw: Framework = frameworkSchema.parse(raw);

const departments = readJson('frameworks/departments.json') as DepartmentEntry[];

/** a JSON number written with at most one decimal → integer tenths, through its decimal text (no float maths) */
function tenths(x: number): number {
  const m = /^(\d+)(?:\.(\d))?$/.exec(String(x));
  if (!m) throw new Error(`分值 ${x} 不是至多一位小数的非负数`);
  return Number(m[1]) * 10 + Number(m[2] ?? '0');
}
const sumTenths = (xs: number[]) => xs.reduce((a, x) => a + tenths(x), 0);

const section = (code: string) => {
  const s = fw.sections.find((x) => x.code === code);
  if (!s) throw new Error(`no section ${code}`);
  return s;
};
const allItems = fw.sections.flatMap((s) => s.items);
const item = (code: string) => {
  const i = allItems.find((x) => x.code === code);
  if (!i) throw new Error(`no item ${code}`);
  return i;
};

describe('hunan-assessment-2022: structure', () => {
  it('parses with the zod contract and carries the required header', () => {
    expect(fw.id).toBe('hunan-assessment-2022');
    expect(fw.kind).toBe('assessment');
    expect(fw.totalPoints).toBe(100);
    expect(fw.source.seed).toBe('000_bdb2641fca90ea06.txt');
    expect(fw.source.table).toBe('附件4 2022年度湖南省政府质量工作考核要点; 附件2 加分项');
    expect(fw.source.note).toMatch(/97\.3%/);
    expect(fw.gradeBands).toEqual([
      { grade: 'A', min: 90 },
      { grade: 'B', min: 80 },
      { grade: 'C', min: 60 },
      { grade: 'D', min: 0 },
    ]);
    expect(fw.vetoGrade).toBe('D');
    expect(fw.notApplicablePolicy).toBe('none');
  });

  it('has the five domains D1..D5 with exact totals, then BONUS, DEDUCTION, VETO', () => {
    expect(fw.sections.map((s) => [s.code, s.title, s.role])).toEqual([
      ['D1', '宏观质量', 'base'],
      ['D2', '产品质量', 'base'],
      ['D3', '工程质量', 'base'],
      ['D4', '服务质量', 'base'],
      ['D5', '环境质量', 'base'],
      ['BONUS', '加分项', 'bonus'],
      ['DEDUCTION', '减分项', 'deduction'],
      ['VETO', '否决项', 'veto'],
    ]);
    const expected: Record<string, number> = { D1: 195, D2: 355, D3: 200, D4: 150, D5: 100 };
    for (const [code, t] of Object.entries(expected)) {
      const s = section(code);
      expect(tenths(s.points), code).toBe(t);
      expect(sumTenths(s.items.map((i) => i.points)), `${code} items`).toBe(t);
      expect(sumTenths(s.items.flatMap((i) => i.criteria.map((c) => c.points))), `${code} criteria`).toBe(t);
    }
    const base = fw.sections.filter((s) => s.role === 'base');
    expect(sumTenths(base.map((s) => s.points))).toBe(1000);
    expect(sumTenths(base.flatMap((s) => s.items.flatMap((i) => i.criteria.map((c) => c.points))))).toBe(
      tenths(fw.totalPoints),
    );
  });

  it('numbers the items 1..23 in seed order, criteria a, b, c… in table order, item points = sum of criteria', () => {
    expect(allItems.map((i) => i.code)).toEqual(Array.from({ length: 23 }, (_, k) => String(k + 1)));
    for (const i of allItems) {
      expect(i.criteria.map((c) => c.code)).toEqual(i.criteria.map((_, k) => 'abcdefghijklmnopqrstuvwxyz'[k]));
      expect(sumTenths(i.criteria.map((c) => c.points)), `item ${i.code}`).toBe(tenths(i.points));
    }
    // item 6 belongs to 宏观质量 although the seed's table loses the domain column there
    expect(section('D1').items.map((i) => i.code)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(section('D2').items.map((i) => i.code)).toEqual(['7', '8', '9', '10', '11']);
    expect(section('D3').items.map((i) => i.code)).toEqual(['12', '13', '14']);
    expect(section('D4').items.map((i) => i.code)).toEqual(['15', '16', '17', '18', '19']);
    expect(section('D5').items.map((i) => i.code)).toEqual(['20']);
    expect(item('2').criteria.map((c) => [c.points, c.evaluators])).toEqual([
      [0.5, ['ndrc']],
      [2, ['office']],
      [1, ['miit']],
    ]);
    expect(item('7').criteria.map((c) => [c.points, c.evaluators])).toEqual([
      [14.5, ['samr']],
      [4, ['drugs']],
      [8, ['agriculture']],
    ]);
  });

  it('scores the key points directly, item 20 from measured values, bonus/deduction/veto as specified', () => {
    for (const s of fw.sections.filter((x) => x.role === 'base' && x.code !== 'D5')) {
      for (const i of s.items) for (const c of i.criteria) expect(c.rule, `${i.code}.${c.code}`).toEqual({ type: 'direct', min: 0 });
    }
    const [water, air] = item('20').criteria;
    expect(water.rule).toMatchObject({ type: 'linear', unit: '%', direction: 'higher', target: 97.3, step: 1, deduct: 1, stepPolicy: 'whole' });
    expect(air.rule).toMatchObject({ type: 'linear', unit: '%', direction: 'higher', target: 88, step: 1, deduct: 1, stepPolicy: 'whole' });
    expect([water.points, air.points]).toEqual([5, 5]);

    const bonus = section('BONUS');
    expect(bonus.items.map((i) => i.code)).toEqual(['21']);
    expect(bonus.items[0].criteria.map((c) => [c.code, c.points, c.rule.type])).toEqual([
      ['a', 1, 'boolean'],
      ['b', 0.5, 'boolean'],
      ['c', 0.2, 'boolean'],
    ]);
    expect(tenths(bonus.points)).toBe(17); // cap = sum of all bonuses (the seed sets none)

    const deduction = section('DEDUCTION');
    expect(deduction.items.map((i) => i.code)).toEqual(['22']);
    expect(deduction.items[0].criteria).toHaveLength(1);
    expect(deduction.items[0].criteria[0].rule.type).toBe('direct');
    expect(deduction.points).toBe(5);
    expect(deduction.items[0].criteria[0].points).toBe(5);

    const veto = section('VETO');
    expect(veto.points).toBe(0);
    expect(veto.items.map((i) => i.code)).toEqual(['23']);
    expect(veto.items[0].criteria.map((c) => [c.code, c.points, c.rule.type])).toEqual([['a', 0, 'boolean']]);
  });
});

describe('hunan-assessment-2022: departments', () => {
  it('lists the office and the member departments with unique codes', () => {
    const codes = departments.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const d of departments) expect(d.code).toMatch(/^[a-z][a-z-]*$/);
    expect(departments.find((d) => d.code === 'office')).toMatchObject({
      name: '湖南省质量强省领导小组办公室',
      shortName: '省质强办',
    });
    expect(departments.filter((d) => d.inNotice)).toHaveLength(18);
    expect(departments.find((d) => d.code === 'drugs')).toMatchObject({ name: '省药品监督管理局', inNotice: false });
  });

  it('gives every criterion at least one evaluator that exists in departments.json', () => {
    const known = new Set(departments.map((d) => d.code));
    for (const i of allItems) {
      for (const c of i.criteria) {
        expect(c.evaluators?.length, `${i.code}.${c.code}`).toBeGreaterThan(0);
        for (const e of c.evaluators ?? []) expect(known.has(e), `${i.code}.${c.code} → ${e}`).toBe(true);
      }
    }
  });

  it.runIf(existsSync(seedFile))('matches the 18 member departments named in the notice, in order', () => {
    const seed = readFileSync(seedFile, 'utf8');
    const m = /请(省发展改革委[\s\S]*?)等成员单位/.exec(seed);
    expect(m).not.toBeNull();
    const names = m![1].replace(/\s+/g, '').split('、');
    expect(departments.filter((d) => d.inNotice).map((d) => d.name)).toEqual(names);
  });

  it.runIf(existsSync(seedFile))('resolves every 评价部门 spelling used in 附件4 (name or alias)', () => {
    const seed = readFileSync(seedFile, 'utf8');
    const annex4 = seed.slice(seed.indexOf('2022 年度湖南省政府质量工作考核要点'));
    const byName = new Map<string, string>();
    for (const d of departments) for (const n of [d.name, d.shortName, ...(d.aliases ?? [])]) if (n) byName.set(n, d.code);
    const cells = annex4
      .split('\n')
      .filter((l) => l.includes('\t') && !l.startsWith('考核领域'))
      .map((l) => l.split('\t').filter((c) => c.trim() !== '').at(-1)!.trim());
    expect(cells.length).toBe(27); // 27 table rows: 23 items, item 2 and item 7 with three key points each
    const groups = new Set(['质量强省领导小组办公室，相关成员单位', '质量强省领导小组相关成员单位']);
    for (const cell of cells) expect(byName.has(cell) || groups.has(cell), cell).toBe(true);
    // the Annex 4 export prints a department as the seed spells it there (schemeName, else name): 省发改委, not 省发展改革委
    const printed = new Set(cells);
    for (const code of new Set(allItems.flatMap((i) => i.criteria.flatMap((c) => c.evaluators ?? []))).values()) {
      if (code === 'office') continue; // the cycle's office, named by the export
      const d = departments.find((x) => x.code === code)!;
      expect(printed.has(d.schemeName ?? d.name), `${code}: ${d.schemeName ?? d.name}`).toBe(true);
    }
  });
});

describe.runIf(existsSync(seedFile))('hunan-assessment-2022: verbatim text from the seed', () => {
  const seed = existsSync(seedFile) ? readFileSync(seedFile, 'utf8') : '';
  const annex4 = seed.slice(seed.indexOf('附件 4\n'));
  const annex2Line = seed.split('\n').find((l) => l.startsWith('加分项\t激励表彰\t')) ?? '';
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('takes the title from the seed', () => {
    expect(seed).toContain(`\n${fw.title}\n`);
  });

  it('copies every item title and method from 附件4, and each key point followed by its points in the seed', () => {
    for (const i of allItems) {
      // item 6 starts its line: the seed's table loses the domain column there
      const row = new RegExp(`(^|\\t)${esc(`${i.code}. ${i.title}`)}\\t`, 'm');
      expect(row.test(annex4), `item ${i.code}: ${i.title}`).toBe(true);
      if (i.method) expect(annex4.includes(`\t${i.method}\t`), `item ${i.code} method`).toBe(true);
    }
    for (const s of fw.sections.filter((x) => x.role === 'base')) {
      for (const i of s.items) {
        for (const c of i.criteria) {
          // the key point text, then "(3 分)" / "（14.5分）" with the criterion's points
          const re = new RegExp(`${esc(c.title)}[(（]\\s*${esc(String(c.points))}\\s*分[)）]`);
          expect(re.test(annex4), `${i.code}.${c.code}: ${c.title}`).toBe(true);
        }
      }
    }
    expect(item('22').criteria[0].title).toBe(item('22').criteria[0].title.trim());
    for (const code of ['22', '23']) expect(annex4.includes(`\t${item(code).criteria[0].title}\t`), code).toBe(true);
  });

  it('takes the bonus criteria from 附件2, with the points the text states', () => {
    for (const c of item('21').criteria) {
      expect(annex2Line).toContain(c.title);
      expect(c.title.endsWith(`加 ${c.points} 分`), c.title).toBe(true);
    }
  });

  it('spot checks', () => {
    expect(item('1').criteria[0].title).toBe(
      '质量强省工作的组织领导、工作机制及运行情况；加强全面质量管理，开展质量工作考核和“全国质量月活动”，建立政府质量奖励制度。',
    );
    expect(item('7').criteria[1].title).toBe('深入开展药品监管能力建设，全面提升药品质量安全监管能力');
    expect(item('20').criteria[0].title).toBe('辖区内地表水质量达到或好于Ⅲ类水体比例');
    expect(item('20').criteria[1].title).toBe(
      '地级及以上城市空气质量指数(AQI)达到优和良级别(AQI小于等于100)的天数占总天数的比例',
    );
    expect(item('21').criteria[0].title).toBe('2022 年度推进质量工作成效突出地方受国办督查激励的市（州）加 1 分');
    expect(item('22').title).toBe('较大质量安全事故(或事件)');
    for (const t of [
      item('1').criteria[0].title,
      item('7').criteria[1].title,
      item('20').criteria[0].title,
      item('20').criteria[1].title,
      item('21').criteria[0].title,
      item('23').criteria[0].title,
    ]) {
      expect(seed).toContain(t);
    }
  });

  it('states where item 20 targets come from (the seed gives no formula)', () => {
    expect(seed).toContain('地表水国考断面达到或优于三类水质的比例达到 97.3%');
    const plan = path.join(seedsDir, '003_756f746d976e3269.txt');
    if (existsSync(plan)) {
      const text = readFileSync(plan, 'utf8');
      // 专栏1 row 23: indicator, 2020 value 83, 2025 target 88, binding
      expect(text).toMatch(/地级及以上城市空气质量优良天数比率（%）\s+83\s+88\s+约束性/);
    }
    expect(fw.source.note).toContain('空气目标88%取自《湖南省“十四五”质量强省发展规划》专栏1');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Golden run: 14 cities (演示数据, frameworks/golden/hunan-2022-14-cities.json). Every number below was
// computed by hand from the input, not by the engine:
//   item 20 water (target 97.3 %) / air (target 88 %): 5 − whole percentage points short, never below 0
//   total = D1 + D2 + D3 + D4 + D5 + bonus − deduction; grade A ≥ 90, B ≥ 80, C ≥ 60, else D; veto → D.
// ---------------------------------------------------------------------------------------------------------
interface Expected {
  unit: string;
  name: string;
  D1: string;
  D2: string;
  D3: string;
  D4: string;
  D5: string;
  water: string;
  air: string;
  bonus: string;
  deduction: string;
  total: string;
  rank: number;
  grade: string;
  veto: boolean;
}
// prettier-ignore
const GOLDEN: Expected[] = [
  // unit     name                    D1      D2      D3      D4      D5    water air  bonus  ded   total  rank grade veto
  { unit: '430100', name: '长沙市', D1: '19.3', D2: '34.8', D3: '19.4', D4: '14.8', D5: '9', water: '5', air: '4', bonus: '1', deduction: '0', total: '98.3', rank: 1, grade: 'A', veto: false },
  { unit: '430200', name: '株洲市', D1: '18.6', D2: '33.8', D3: '18.9', D4: '14.1', D5: '10', water: '5', air: '5', bonus: '0.7', deduction: '0', total: '96.1', rank: 2, grade: 'A', veto: false },
  { unit: '430300', name: '湘潭市', D1: '17.8', D2: '32.8', D3: '18.3', D4: '13.7', D5: '8', water: '5', air: '3', bonus: '0', deduction: '0', total: '90.6', rank: 5, grade: 'A', veto: false },
  { unit: '430400', name: '衡阳市', D1: '17.2', D2: '31.5', D3: '17.7', D4: '13', D5: '8', water: '3', air: '5', bonus: '0', deduction: '2', total: '85.4', rank: 9, grade: 'B', veto: false },
  { unit: '430500', name: '邵阳市', D1: '16.5', D2: '30.4', D3: '17.2', D4: '12.5', D5: '10', water: '5', air: '5', bonus: '0', deduction: '0', total: '86.6', rank: 7, grade: 'B', veto: false },
  { unit: '430600', name: '岳阳市', D1: '18.7', D2: '34.6', D3: '19.5', D4: '14.7', D5: '2', water: '1', air: '1', bonus: '0', deduction: '0', total: '89.5', rank: 6, grade: 'B', veto: false },
  { unit: '430700', name: '常德市', D1: '17.8', D2: '33', D3: '18.7', D4: '13.8', D5: '10', water: '5', air: '5', bonus: '0', deduction: '0', total: '93.3', rank: 3, grade: 'A', veto: false },
  { unit: '430800', name: '张家界市', D1: '15.8', D2: '29.1', D3: '16.5', D4: '12.8', D5: '10', water: '5', air: '5', bonus: '0', deduction: '0', total: '84.2', rank: 11, grade: 'B', veto: false },
  { unit: '430900', name: '益阳市', D1: '16.6', D2: '31.2', D3: '17.7', D4: '13.1', D5: '7', water: '4', air: '3', bonus: '0', deduction: '0', total: '85.6', rank: 8, grade: 'B', veto: false },
  { unit: '431000', name: '郴州市', D1: '18.2', D2: '33.8', D3: '19', D4: '14.2', D5: '8', water: '3', air: '5', bonus: '0', deduction: '0', total: '93.2', rank: 4, grade: 'A', veto: false },
  { unit: '431100', name: '永州市', D1: '15.8', D2: '29.6', D3: '16.8', D4: '12.2', D5: '10', water: '5', air: '5', bonus: '0', deduction: '0', total: '84.4', rank: 10, grade: 'B', veto: false },
  { unit: '431200', name: '怀化市', D1: '15.1', D2: '28.4', D3: '15.9', D4: '11.5', D5: '10', water: '5', air: '5', bonus: '0', deduction: '0', total: '80.9', rank: 12, grade: 'B', veto: false },
  { unit: '431300', name: '娄底市', D1: '13.4', D2: '25.5', D3: '14.5', D4: '10.4', D5: '0', water: '0', air: '0', bonus: '0', deduction: '0', total: '63.8', rank: 13, grade: 'C', veto: false },
  // 63.3 would be C; the veto forces D. Lowest total, so rank 14 whether or not vetoed units are ranked last.
  { unit: '433100', name: '湘西土家族苗族自治州', D1: '11.5', D2: '21.5', D3: '13.2', D4: '10.1', D5: '7', water: '5', air: '2', bonus: '0', deduction: '0', total: '63.3', rank: 14, grade: 'D', veto: true },
];

const goldenInput = readJson('frameworks/golden/hunan-2022-14-cities.json') as {
  framework: string;
  units: { unit: string; name?: string; answers: Record<string, Record<string, unknown>> }[];
};

describe('hunan-assessment-2022: golden input (演示数据)', () => {
  it('covers the 14 cities of Hunan, every criterion answered', () => {
    expect(goldenInput.framework).toBe(fw.id);
    expect(goldenInput.units.map((u) => [u.unit, u.name])).toEqual(GOLDEN.map((g) => [g.unit, g.name]));
    for (const u of goldenInput.units) {
      for (const i of allItems) {
        expect(Object.keys(u.answers[i.code] ?? {}), `${u.unit} item ${i.code}`).toEqual(i.criteria.map((c) => c.code));
      }
    }
  });

  it('hand-computed domain subtotals add up to the expected totals (integer tenths)', () => {
    for (const g of GOLDEN) {
      const t = (s: string) => tenths(Number(s));
      expect(t(g.water) + t(g.air), g.name).toBe(t(g.D5));
      expect(t(g.D1) + t(g.D2) + t(g.D3) + t(g.D4) + t(g.D5) + t(g.bonus) - t(g.deduction), g.name).toBe(t(g.total));
    }
    const ranked = [...GOLDEN].sort((a, b) => tenths(Number(b.total)) - tenths(Number(a.total)));
    expect(ranked.map((g) => g.rank)).toEqual(GOLDEN.map((_, k) => k + 1));
  });
});

describe('hunan-assessment-2022: engine golden run', () => {
  it('validates without errors; warns where 附件4 names 相关成员单位 as 评价部门 (nobody by name: the office enters the score)', () => {
    const r = validateFramework(fw);
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['2.b', '22.a', '23.a']);
    expect(r.warnings[0].message).toBe(
      '2.b的评价部门，方案原文为「质量强省领导小组办公室，相关成员单位」：相关成员单位未具名，评分由所选的评价部门录入，附件4照录原文；如由具体部门评分，请在评价部门中选择',
    );
    for (const code of ['22', '23']) expect(item(code).criteria[0]).toMatchObject({ evaluators: ['office'], evaluatorsText: '质量强省领导小组相关成员单位' });
  });

  it('scores the 14 cities exactly as computed by hand', () => {
    const results = scoreFramework(fw, parseScoreInput(goldenInput));
    expect(results.units.map((u) => u.unit)).toEqual(GOLDEN.map((g) => g.unit));
    for (const [k, g] of GOLDEN.entries()) {
      const u = results.units[k];
      const sec = (code: string) => u.sections.find((s) => s.code === code)!.score;
      const crit = (code: string) =>
        u.sections.flatMap((s) => s.items.flatMap((i) => i.criteria)).find((c) => c.code === code)!.score;
      expect(
        {
          unit: u.unit,
          name: u.name,
          D1: sec('D1'),
          D2: sec('D2'),
          D3: sec('D3'),
          D4: sec('D4'),
          D5: sec('D5'),
          water: crit('20.a'),
          air: crit('20.b'),
          bonus: u.bonus,
          deduction: u.deduction,
          total: u.total,
          rank: u.rank,
          grade: u.grade,
          veto: u.veto,
        },
        g.name,
      ).toEqual(g);
      expect(u.missing, g.name).toEqual([]);
      expect(u.peerRank, g.name).toBe(g.rank); // one peer group: the 14 cities of Hunan
      expect(sec('BONUS'), g.name).toBe(g.bonus);
      expect(sec('DEDUCTION'), g.name).toBe(g.deduction);
      expect(u.vetoCodes, g.name).toEqual(g.veto ? ['23.a'] : []);
    }
  });
});
