/**
 * DB43 质量强市（区、县）创建和评价规范 — 表A.1 评分表 (frameworks/db43-quality-city.json).
 *
 * The data file must match the seed character for character: the seed is read at test time
 * (CI clones the repo with shared/ beside it) and table A.1 is re-parsed here, independently of
 * the data file, so every 指标内容 / 分值 / 考核评分方法 is compared with the source.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { framework, type Framework } from '../src/shared/scoring/framework-schema';
import { parseScoreInput, ScoringInputError } from '../src/shared/scoring/errors';
import { scoreFramework } from '../src/shared/scoring/engine';
import { validateFramework } from '../src/shared/scoring/validator';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seedPath = path.resolve(repoRoot, '../shared/seeds/004_7252e7e3900ebd4b.txt');
const rawJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'frameworks/db43-quality-city.json'), 'utf8'));
const fw: Framework = framework.parse(rawJson);

const items = fw.sections.flatMap((s) => s.items.map((i) => ({ ...i, section: s.code })));
const item = (code: string) => {
  const found = items.find((i) => i.code === code);
  if (!found) throw new Error(`no item ${code}`);
  return found;
};
const crit = (code: string, c: string) => {
  const found = item(code).criteria.find((x) => x.code === c);
  if (!found) throw new Error(`no criterion ${code} ${c}`);
  return found;
};

// ---------- the seed, parsed independently ----------
function readSeed(): string {
  if (!fs.existsSync(seedPath)) {
    throw new Error(`种子文件不存在：${seedPath}（CI 须把 shared/ 放在仓库目录旁边）`);
  }
  return fs.readFileSync(seedPath, 'utf8');
}

interface SeedRow {
  group: string;
  title: string;
  points: string;
  method: string;
}

/** Table A.1: each cell starts with a tab; lines without a tab continue the cell (the group column). */
function parseTable(seed: string): SeedRow[] {
  const lines = seed.split('\n');
  const start = lines.indexOf('\t指标项');
  const header = new Set(['指标项', '指标内容', '分值', '考核评分方法']);
  const cells: string[] = [];
  for (const line of lines.slice(start)) {
    if (line.startsWith('\t')) cells.push(line.slice(1));
    else if (line !== '' && !line.startsWith('续表A.1')) cells[cells.length - 1] += line;
  }
  const body = cells.filter((c) => !header.has(c));
  const rows: SeedRow[] = [];
  for (let i = 0; i < body.length; i += 4) {
    rows.push({ group: body[i], title: body[i + 1], points: body[i + 2], method: body[i + 3] });
  }
  return rows;
}

// Expected group totals (table A.1); the 11 groups sum to 1060.
const GROUPS: Array<[string, string, number, number]> = [
  // code, title (table A.1 text), points, number of items
  ['1', '质量发展战略规划', 80, 3],
  ['2', '质量文化', 110, 6],
  ['3', '质量基础保障', 125, 5],
  ['4', '质量工作组织', 160, 8],
  ['5', '质量宏观管理', 110, 4],
  ['6', '产品质量', 90, 4],
  ['7', '工程质量', 95, 6],
  ['8', '服务质量', 95, 6],
  ['9', '环境质量', 30, 1],
  ['10', '成果共享', 105, 4],
  ['11', '制度、方法和机制创新', 60, 3],
];

/** the highest score a criterion's rule can award (before any cap) */
function ruleMax(c: Framework['sections'][number]['items'][number]['criteria'][number]): number {
  const r = c.rule;
  switch (r.type) {
    case 'levels':
      return Math.max(...r.levels);
    case 'rank':
      return Math.max(...r.tiers);
    case 'threshold':
      return Math.max(r.otherwise, ...r.steps.map((s) => s.points));
    default:
      return c.points;
  }
}

describe('db43-quality-city: contract and totals', () => {
  it('parses with the framework schema and carries the issue’s header fields', () => {
    expect(framework.safeParse(rawJson).success).toBe(true);
    expect(fw.id).toBe('db43-quality-city');
    expect(fw.kind).toBe('evaluation');
    expect(fw.totalPoints).toBe(1060);
    expect(fw.passMark).toBe(800);
    expect(fw.notApplicablePolicy).toBe('prorate');
    expect(fw.source.seed).toBe('004_7252e7e3900ebd4b.txt');
    expect(fw.source.table).toBe('表A.1 质量强市（区、县）评分表');
    expect(fw.gradeBands).toBeUndefined();
  });

  it('has the 11 groups in table order with exact integer totals summing to 1060', () => {
    expect(fw.sections.map((s) => [s.code, s.title, s.points, s.items.length])).toEqual(GROUPS);
    let total = 0;
    for (const s of fw.sections) {
      expect(s.role).toBe('base');
      let sum = 0;
      for (const i of s.items) {
        expect(Number.isInteger(i.points)).toBe(true);
        sum += i.points;
      }
      expect(sum).toBe(s.points);
      total += sum;
    }
    expect(total).toBe(1060);
    expect(total).toBe(fw.totalPoints);
  });

  it('has 50 items coded "G.I" in order, each with criteria a, b, c… whose points sum to the item', () => {
    expect(items).toHaveLength(50);
    for (const s of fw.sections) {
      s.items.forEach((i, n) => {
        expect(i.code).toBe(`${s.code}.${n + 1}`);
        i.criteria.forEach((c, k) => expect(c.code).toBe('abcdefghijklmnopqrstuvwxyz'[k]));
        const sum = i.criteria.reduce((a, c) => a + c.points, 0);
        expect(Number.isInteger(sum)).toBe(true);
        expect(sum, `item ${i.code}`).toBe(i.points);
      });
    }
    expect(item('1.3').title).toBe('为实施质量发展规划、创建质量强市提供经费保障');
    expect(item('7.1').title).toBe('大中型工程一次验收合格率达到 100%');
  });

  it('awards at most the criterion points everywhere except 10.1 and 10.2 (seed: 25 on a 15-point item)', () => {
    const over = items
      .flatMap((i) => i.criteria.map((c) => ({ code: `${i.code}${c.code}`, max: ruleMax(c), points: c.points })))
      .filter((c) => c.max > c.points);
    expect(over).toEqual([
      { code: '10.1a', max: 25, points: 15 },
      { code: '10.2a', max: 25, points: 15 },
    ]);
  });

  it('encodes the scoring rules the standard describes', () => {
    expect(crit('1.1', 'a').rule).toMatchObject({ type: 'levels', levels: [20, 10, 0] });
    expect(item('1.2').criteria.map((c) => [c.points, c.rule.type])).toEqual([
      [10, 'boolean'],
      [10, 'boolean'],
      [10, 'boolean'],
    ]);
    expect(crit('1.3', 'a').rule).toEqual({
      type: 'threshold',
      unit: '‰',
      direction: 'higher',
      steps: [
        { bound: 1, points: 30 },
        { bound: 0.6, points: 20 },
        { bound: 0.3, points: 10 },
      ],
      otherwise: 0,
      valueRange: [0, 1000],
    });
    expect(crit('4.1', 'a').rule).toMatchObject({ type: 'levels', levels: [30, 24, 18, 0] });
    expect(crit('4.7', 'a').rule).toMatchObject({ type: 'levels', levels: [10, 5, 0] });
    expect(crit('7.5', 'a').rule).toMatchObject({ type: 'levels', levels: [10, 5, 0] });
    expect(item('5.1').criteria.map((c) => [c.points, c.rule.type])).toEqual([
      [10, 'boolean'],
      [10, 'boolean'],
      [5, 'boolean'],
      [5, 'boolean'],
    ]);
    expect(crit('5.2', 'a').rule).toMatchObject({ type: 'rank', tiers: [30, 15, 5] });
    expect(crit('5.3', 'a')).toMatchObject({ points: 20, rule: { type: 'boolean' } });
    expect(crit('5.3', 'b')).toMatchObject({
      points: 10,
      rule: { type: 'threshold', steps: [{ bound: 2, points: 10 }, { bound: 1, points: 5 }], otherwise: 0 },
    });
    expect(crit('5.4', 'a').rule).toMatchObject({ type: 'levels', levels: [20, 10, 5] });
    expect(crit('7.1', 'a')).toMatchObject({
      points: 15,
      rule: { type: 'linear', target: 100, step: 0.5, deduct: 1, stepPolicy: 'whole', valueRange: [0, 100] },
    });
    expect(crit('7.2', 'a')).toMatchObject({
      points: 20,
      rule: { type: 'linear', target: 98, step: 0.5, deduct: 1, stepPolicy: 'whole', valueRange: [0, 100] },
    });
    expect(item('8.3').criteria).toHaveLength(1);
    expect(crit('8.3', 'a')).toMatchObject({ points: 20, rule: { type: 'boolean' } });
    expect(item('9.1').criteria).toHaveLength(1);
    expect(crit('9.1', 'a')).toMatchObject({ points: 30, rule: { type: 'boolean' } });
    expect(crit('10.1', 'a').rule).toMatchObject({ type: 'levels', levels: [25, 15, 5, 0] });
    expect(crit('10.2', 'a').rule).toMatchObject({ type: 'levels', levels: [25, 15, 0] });
  });

  it('allows 合理缺项 only on 3.5 b (no port)', () => {
    const na = items.flatMap((i) => i.criteria.filter((c) => c.notApplicable).map((c) => `${i.code}${c.code}`));
    expect(na).toEqual(['3.5b']);
    expect(crit('3.5', 'b').notApplicable).toBe('无口岸的城市，此项为合理缺项');
  });
});

describe('db43-quality-city: verbatim against the seed', () => {
  const seed = readSeed();
  const rows = parseTable(seed);

  it('the seed’s table A.1 has 50 rows and the pass mark / total the framework uses', () => {
    expect(rows).toHaveLength(50);
    expect(seed).toContain('评价总分为 1060 分，评价结果按照检查内容和评价要求，800分及以上为合格。');
    expect(seed).toContain('质量强市（区、县）创建和评价规范');
    expect(fw.title).toBe('质量强市（区、县）创建和评价规范');
  });

  it('every item’s title, points and method equal table A.1 character for character', () => {
    let lastTitle = '';
    rows.forEach((r, n) => {
      const i = items[n];
      // a merged 指标内容 cell (11.2, 11.3) is empty in the seed: the item reuses the merge's first text
      if (r.title !== '') lastTitle = r.title;
      expect(i.title, `item ${i.code}`).toBe(lastTitle);
      expect(String(i.points), `item ${i.code}`).toBe(r.points);
      expect(i.method, `item ${i.code}`).toBe(r.method);
    });
  });

  it('group titles are the table’s group cells (page breaks repeat them)', () => {
    const groups: string[] = [];
    for (const r of rows) if (r.group !== '' && r.group !== groups[groups.length - 1]) groups.push(r.group);
    expect(groups).toEqual(fw.sections.map((s) => s.title));
    // the body's chapter headings differ for two groups; the table's text is kept
    expect(seed).toContain('质量发展成果共享');
    expect(seed).toContain('质量工作组织保障');
  });

  it('keeps the seed’s garbled and merged cells as they are', () => {
    expect(item('3.4').title).toBe('  证认可工作， 完善认证认可体系');
    expect(rows[12].title).toBe('  证认可工作， 完善认证认可体系');
    expect(rows[48].title).toBe('');
    expect(rows[49].title).toBe('');
    expect(item('11.2').title).toBe('质量工作在制度、方法或机制应具有示范引领作用和推广价值，');
    expect(item('11.3').title).toBe(item('11.1').title);
  });

  it('every criterion title, level label and tier label is a substring of its item’s method', () => {
    const editorial = /^（评分方法未列此档/; // the implied 0 level of 4.7 and 7.5, marked as editorial
    for (const i of items) {
      for (const c of i.criteria) {
        expect(i.method!.includes(c.title), `${i.code}${c.code} title`).toBe(true);
        if (c.notApplicable) expect(i.method!.includes(c.notApplicable)).toBe(true);
        const labels = c.rule.type === 'levels' ? (c.rule.labels ?? []) : c.rule.type === 'rank' ? (c.rule.tierLabels ?? []) : [];
        if (c.rule.type === 'levels') expect(c.rule.labels).toHaveLength(c.rule.levels.length);
        for (const l of labels) {
          if (editorial.test(l)) continue;
          expect(i.method!.includes(l), `${i.code}${c.code} label ${l}`).toBe(true);
        }
      }
    }
    const editorialLabels = items.flatMap((i) =>
      i.criteria.flatMap((c) => (c.rule.type === 'levels' ? (c.rule.labels ?? []).filter((l) => editorial.test(l)).map(() => i.code) : [])),
    );
    expect(editorialLabels).toEqual(['4.7', '7.5']);
  });

  it('spot checks: criteria text copied verbatim', () => {
    expect(crit('1.2', 'b').title).toBe('每年至少召开一次质量工作部门联席会议并且城市领导出席会议或针对会议研究的质量工作做出指示');
    expect(crit('3.5', 'b').title).toBe('有口岸的城市，至少1个口岸被评为“世界卫生组织口岸核心能力达标单位”，无口岸的城市，此项为合理缺项');
    expect(crit('5.3', 'b').title).toBe('城市万名就业人员拥有质量专业技术人员职业资格证书数达到 2 张以上（10分），证书数达到1张以上（5分），证书数达不足 1 张（0分）');
    expect(crit('7.1', 'a').title).toBe('大中型工程一次验收合格率达到100%的得15分，未达到100%者每下降0．5%减1分，直至0分');
    const l41 = crit('4.1', 'a').rule;
    expect(l41.type === 'levels' && l41.labels?.[1]).toBe('成立了专门的质量强市工作领导机构，机构由副市（县、区）长负责的得24分');
    const r52 = crit('5.2', 'a').rule;
    expect(r52.type === 'rank' && r52.tierLabels).toEqual(['居省内同级城市前列的得 30 分', '居省内同级城市中游的得15分', '其余得5分']);
    for (const t of [crit('1.2', 'b').title, crit('3.5', 'b').title, crit('5.3', 'b').title, crit('7.1', 'a').title]) {
      expect(seed.includes(t)).toBe(true);
    }
  });

  it('the four 不予受理 conditions, without list numbering and trailing punctuation', () => {
    expect(fw.ineligibility).toEqual([
      { code: 'I1', text: '近三年城市发生重大产品质量安全事故，出现系统性、区域性质量安全问题' },
      { code: 'I2', text: '近三年城市出现重大安全生产、污染环境及其他严重违反国家政策等问题' },
      { code: 'I3', text: '近三年城市产业出现严重产品质量问题，被国外通报、退货、索赔并造成严重影响的' },
      { code: 'I4', text: '近三年城市有因质量安全问题导致重大群体性事件的' },
    ]);
    const block = seed.slice(seed.indexOf('有以下情况的不予受理'));
    for (const c of fw.ineligibility!) expect(block.includes(c.text)).toBe(true);
    expect(block).toContain('1. 近三年城市发生重大产品质量安全事故，出现系统性、区域性质量安全问题;');
  });
});

describe('db43-quality-city: validator', () => {
  it('has no errors and warns exactly about 10.1 and 10.2 (methods award 25 on 15-point items)', () => {
    const report = validateFramework(fw);
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((w) => w.code)).toEqual(['10.1.a', '10.2.a']);
    for (const w of report.warnings) expect(w.message).toContain('25');
  });
});

/**
 * GOLDEN: one whole city answered by hand from the standard (frameworks/golden/db43-city.json, a made-up
 * city). Every expected number below was worked out by hand from table A.1, not taken from the engine:
 *
 *  1 质量发展战略规划   1.1 20 (level 20) · 1.2 10+10+0 = 20 · 1.3 0.7‰ ≥ 0.6‰ → 20                 = 60 / 80
 *  2 质量文化           2.1 5 · 2.2 20 · 2.3 5+5+0 = 10 · 2.4 6+3+3+3+3+2 = 20 · 2.5 10+0+5 = 15 · 2.6 20 = 90 / 110
 *  3 质量基础保障       3.1 0+10 · 3.2 10+10+5+0 = 25 · 3.3 15+0 · 3.4 5+5+5+0+5 = 20
 *                       3.5 5 + 合理缺项 + 5+5+0 = 15 (of 20)                                      = 85 / 120
 *  4 质量工作组织       4.1 24 · 4.2 20 · 4.3 10 · 4.4 20 · 4.5 15 · 4.6 20 · 4.7 5 · 4.8 10+5+0 = 15   = 129 / 160
 *  5 质量宏观管理       5.1 10+10+0+5 = 25 · 5.2 level 15 (中游) · 5.3 20 + (1.4 张/万人 ≥ 1 → 5) = 25 · 5.4 10 = 75 / 110
 *  6 产品质量           6.1 20 · 6.2 5+5+5+5+0 = 20 · 6.3 0+5+5 = 10 · 6.4 25                        = 75 / 90
 *  7 工程质量           7.1 99.0%: 1.0 short = 2 whole steps → 15−2 = 13 · 7.2 97.2%: 0.8 short = 1 whole
 *                       step (1.6 → 1) → 20−1 = 19 · 7.3 10 · 7.4 10+0 · 7.5 5 · 7.6 10                   = 67 / 95
 *  8 服务质量           8.1 12 · 8.2 0+10 · 8.3 20 · 8.4 10 · 8.5 5+0+5 = 10 · 8.6 5+0 = 5               = 67 / 95
 *  9 环境质量           9.1 30                                                                     = 30 / 30
 * 10 成果共享           10.1 level 25 → capped at 15 · 10.2 15 · 10.3 5+0+5 = 10 · 10.4 30+0 = 30          = 70 / 105
 * 11 制度、方法和机制创新 11.1 20 · 11.2 10 · 11.3 20                                              = 50 / 60
 *
 * raw total 798 (below the pass mark!) · maximum 1060 − 5 (3.5 b) = 1055
 * prorated 798 × 1060 / 1055 = 845880 / 1055 = 169176 / 211 = 801.78199… ≥ 800 → 合格
 */
const GOLDEN_SECTIONS: Array<[string, number, number]> = [
  ['1', 60, 80],
  ['2', 90, 110],
  ['3', 85, 120],
  ['4', 129, 160],
  ['5', 75, 110],
  ['6', 75, 90],
  ['7', 67, 95],
  ['8', 67, 95],
  ['9', 30, 30],
  ['10', 70, 105],
  ['11', 50, 60],
];

describe('db43-quality-city: golden city', () => {
  const golden = JSON.parse(fs.readFileSync(path.join(repoRoot, 'frameworks/golden/db43-city.json'), 'utf8'));

  it('the golden input is well-formed and answers every criterion', () => {
    const input = parseScoreInput(golden);
    expect(input.framework).toBe(fw.id);
    expect(input.units).toHaveLength(1);
    const answered = Object.entries(input.units[0].answers).flatMap(([i, a]) => Object.keys(a).map((c) => `${i}.${c}`));
    const all = items.flatMap((i) => i.criteria.map((c) => `${i.code}.${c.code}`));
    expect(answered.sort()).toEqual([...all].sort());
  });

  it('scores to the hand-computed subtotals, total, maximum, prorated total and pass', () => {
    const [u] = scoreFramework(fw, golden).units;
    expect(u.missing).toEqual([]);
    expect(u.sections.map((s) => [s.code, Number(s.score), Number(s.maximum)])).toEqual(GOLDEN_SECTIONS);
    // the hand sums add up
    expect(GOLDEN_SECTIONS.reduce((a, s) => a + s[1], 0)).toBe(798);
    expect(GOLDEN_SECTIONS.reduce((a, s) => a + s[2], 0)).toBe(1055);

    expect(u.score).toBe('798');
    expect(u.notApplicablePoints).toBe('5');
    expect(u.maximum).toBe('1055');
    expect(u.scale).toBe('1060');
    expect(u.totalExact).toBe('169176/211'); // 798 × 1060 / 1055 in lowest terms
    expect(Number(u.prorated)).toBeCloseTo(801.781991, 6);
    expect(Number(u.total)).toBeCloseTo(801.781991, 6);
    expect(u.ineligible).toBe(false);
    expect(u.veto).toBe(false);
    expect(u.passed).toBe(true); // 798 raw would fail; prorated 801.78 ≥ 800 passes
  });

  it('scores the rule-driven items as worked out by hand', () => {
    const [u] = scoreFramework(fw, golden).units;
    const byItem = new Map(u.sections.flatMap((s) => s.items.map((i) => [i.code, i] as const)));
    const score = (code: string) => Number(byItem.get(code)!.score);
    expect(score('1.3')).toBe(20); // 0.7‰
    expect(score('5.2')).toBe(15); // level 15 (中游)
    expect(score('5.3')).toBe(25); // 20 + 1.4 张/万人 → 5
    expect(score('7.1')).toBe(13); // 99.0%
    expect(score('7.2')).toBe(19); // 97.2%
    expect(score('3.5')).toBe(15);
    expect(Number(byItem.get('3.5')!.maximum)).toBe(20);
    expect(byItem.get('3.5')!.criteria.find((c) => c.code === '3.5.b')!.status).toBe('na');
    expect(score('10.1')).toBe(15); // level 25, capped at the item's 15 points
    expect(byItem.get('10.1')!.criteria[0].capped).toBe(true);
  });

  it('applies the bounds the method text gives (以上 / 达到 include the bound; whole 0.5% steps)', () => {
    const one = (answers: Record<string, Record<string, unknown>>) => {
      const [u] = scoreFramework(fw, { framework: fw.id, units: [{ unit: 'x', answers: answers as never }] }).units;
      return Object.fromEntries(u.sections.flatMap((s) => s.items.map((i) => [i.code, Number(i.score)])));
    };
    // 1.3 as a ratio of 专项经费 to 一般预算收入: 3/10000 is exactly 0.3‰ → 10; just below → 0
    expect(one({ '1.3': { a: { ratio: [3, 10000] } } })['1.3']).toBe(10);
    expect(one({ '1.3': { a: { ratio: [2999, 10000000] } } })['1.3']).toBe(0);
    expect(one({ '1.3': { a: { value: 1 } } })['1.3']).toBe(30);
    expect(one({ '5.3': { a: false, b: { value: 2 } } })['5.3']).toBe(10);
    expect(one({ '5.3': { a: false, b: { value: 0.99 } } })['5.3']).toBe(0);
    expect(one({ '7.1': { a: { value: 100 } } })['7.1']).toBe(15);
    expect(one({ '7.1': { a: { value: 99.5 } } })['7.1']).toBe(14);
    expect(one({ '7.1': { a: { value: 92.5 } } })['7.1']).toBe(0);
    expect(one({ '7.2': { a: { value: 99.3 } } })['7.2']).toBe(20);
    expect(one({ '7.2': { a: { value: 97.5 } } })['7.2']).toBe(19);
    expect(one({ '7.2': { a: { value: 88 } } })['7.2']).toBe(0);
  });

  it('refuses 合理缺项 where the standard does not allow it, and the four ineligibility conditions bar a pass', () => {
    const unit = golden.units[0];
    const naElsewhere = { ...golden, units: [{ ...unit, answers: { ...unit.answers, '3.5': { ...unit.answers['3.5'], a: 'na' } } }] };
    expect(() => scoreFramework(fw, naElsewhere)).toThrow(ScoringInputError);
    const barred = { ...golden, units: [{ ...unit, ineligibility: { ...unit.ineligibility, I3: true } }] };
    const [b] = scoreFramework(fw, barred).units;
    expect(b.ineligible).toBe(true);
    expect(b.ineligibilityCodes).toEqual(['I3']);
    expect(b.passed).toBe(false);
  });
});
