import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Answer, UnitInput } from './answers';
import { scoreFramework } from './engine';
import { difference, show, TEXT, tightened, withUnit } from './explain';
import { framework as frameworkSchema, type Criterion, type Framework } from './framework-schema';
import { rat } from './rational';
import { MINI, syntheticDb43 } from './test/fixtures';

describe('explain', () => {
  // issue 3's example read "低 1.0%"; a gap between two percentages is counted in 个百分点, as the framework's own rule
  // says (每低于目标1个百分点扣1分): "低 1.4%" would be 1.4% of the target
  it('writes the issue example with the gap of two percentages in 个百分点', () => {
    expect(TEXT.linearShort(withUnit(show(rat(99), 1), '%'), withUnit(show(rat(100)), '%'), '低', difference(show(rat(1), 1), '%'), '2', '13', false)).toBe(
      '99.0%比100%低1.0个百分点，扣2分，得13分',
    );
  });
  it('says a gap in 个百分点, 个千分点, or the unit itself', () => {
    expect(difference('1.4', '%')).toBe('1.4个百分点');
    expect(difference('0.2', '‰')).toBe('0.2个千分点');
    expect(difference('2', '张/万人')).toBe('2张/万人');
    expect(difference('3', '')).toBe('3');
  });
  it('shows numbers exactly when short, approximately otherwise', () => {
    expect(show(rat(7, 10))).toBe('0.7');
    expect(show(rat(1, 3))).toBe('≈0.3333');
    expect(withUnit('2', '张/万人')).toBe('2张/万人');
    expect(withUnit('0.7', '‰')).toBe('0.7‰');
  });
  it('quotes a level\'s verbatim label without the spaces between Chinese and a figure', () => {
    expect(tightened('未建立质量投诉信息平台的得 0 分')).toBe('未建立质量投诉信息平台的得0分');
    expect(tightened('质量投诉热线畅通有效的得15 分； 建立了')).toBe('质量投诉热线畅通有效的得15分； 建立了');
    expect(tightened('10 分')).toBe('10分');
  });
});

// ─── house style over everything the engine says ────────────────────────────────────────────────────────────────

/** A half-width space between a Chinese character and a figure, either way round: the house style has none. */
const SPACED = /[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]/;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as T;
const loadFramework = (name: string): Framework => frameworkSchema.parse(readJson(`frameworks/${name}.json`));

/** Answers that reach every explanation a criterion can give: missing, 合理缺项, each level, each bound and just short of it, … */
function variants(c: Criterion, role: string): Array<Answer | undefined> {
  const r = c.rule;
  const range = r.type === 'threshold' || r.type === 'linear' || r.type === 'rank' ? r.valueRange : undefined;
  const clamp = (v: number) => Math.round(Math.min(range?.[1] ?? Infinity, Math.max(range?.[0] ?? -Infinity, v)) * 100) / 100;
  const out: Array<Answer | undefined> = [undefined];
  if (c.notApplicable !== undefined) out.push('na');
  switch (r.type) {
    case 'boolean':
      out.push(true, false);
      break;
    case 'levels':
      out.push(...r.levels.map((level) => ({ level })));
      break;
    case 'threshold': {
      const short = r.direction === 'lower' ? 0.1 : -0.1;
      for (const s of r.steps) out.push({ value: clamp(s.bound) }, { value: clamp(s.bound + short) });
      const scale = r.unit.includes('‰') ? 1000 : r.unit.includes('%') ? 100 : 1;
      out.push({ ratio: [Math.round(r.steps[0].bound * 1000), 1000 * scale] });
      break;
    }
    case 'linear': {
      const short = r.direction === 'lower' ? r.step : -r.step;
      out.push({ value: clamp(r.target) }, { value: clamp(r.target + short * 1.3) }, { value: clamp(r.target + short * 1000) });
      break;
    }
    case 'rank':
      out.push({ value: 1 }, { value: 5 }, { value: 9 }, ...r.tiers.map((level) => ({ level })));
      break;
    case 'direct':
      out.push({ score: c.points }, { score: r.min ?? 0 }, { score: Math.round(c.points * 5) / 10 });
      break;
  }
  return role === 'veto' ? out.filter((a) => typeof a !== 'object') : out;
}

/** Units that between them give every criterion each of its variants (unit k takes variant k of each). */
function everyVariant(fw: Framework): UnitInput[] {
  const lists = fw.sections.flatMap((s) => s.items.flatMap((it) => it.criteria.map((c) => ({ item: it.code, c, vs: variants(c, s.role ?? 'base') }))));
  const n = Math.max(...lists.map((l) => l.vs.length));
  return Array.from({ length: n }, (_, k) => {
    const answers: Record<string, Record<string, Answer>> = {};
    for (const { item, c, vs } of lists) {
      const a = vs[k % vs.length];
      answers[item] ??= {};
      if (a !== undefined) answers[item][c.code] = a;
    }
    return { unit: `U${k}`, peerGroup: 'g', answers };
  });
}

function explanations(fw: Framework, units: UnitInput[]): string[] {
  return scoreFramework(fw, { units }).units.flatMap((u) => u.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.map((c) => c.explanation))));
}

describe('explanations keep the house style: no half-width space between Chinese and a figure', () => {
  const hunan = loadFramework('hunan-assessment-2022');
  const db43 = loadFramework('db43-quality-city');
  const cases: Array<[string, Framework, UnitInput[]]> = [
    ['the 2022 assessment, golden answers of the 14 cities', hunan, readJson<{ units: UnitInput[] }>('frameworks/golden/hunan-2022-14-cities.json').units],
    ['the 2022 assessment, every answer kind', hunan, everyVariant(hunan)],
    ['DB43, the golden city', db43, readJson<{ units: UnitInput[] }>('frameworks/golden/db43-city.json').units],
    ['DB43, every answer kind', db43, everyVariant(db43)],
    ['the test framework (capped levels, rank, 合理缺项), every answer kind', MINI, everyVariant(MINI)],
    ['the synthetic DB43 shape, every answer kind', syntheticDb43(), everyVariant(syntheticDb43())],
  ];

  it.each(cases)('%s', (_name, fw, units) => {
    const said = explanations(fw, units);
    expect(said.length).toBeGreaterThan(0);
    expect(said.filter((s) => SPACED.test(s))).toEqual([]);
  });

  it('reaches every kind of explanation', () => {
    const said = cases.flatMap(([, fw, units]) => explanations(fw, units)).join('\n');
    for (const kind of [/^未填报$/m, /^合理缺项，本项\d/m, /^符合，得\d/m, /^不符合，得0分$/m, /^触发否决$/m, /分档（.+），得/, /^直接评分，得\d/m, /^加\d/m, /^减\d/m, /档，得\d/, /未达到/, /个百分点，扣\d/, /扣完为止/, /同组\d+个单位中排第\d+名/, /^评定为(前列|中游|其余)，/m, /；按评分方法得\d+分，超过分值\d+分，按\d+分计$/m, /^\d+\/\d+ = /m]) {
      expect(said, String(kind)).toMatch(kind);
    }
  });
});
