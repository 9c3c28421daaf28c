/** The honour kinds list against the plan indicators it feeds (frameworks/plan-indicators/hunan-14th.json, seed 003 专栏1). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COUNTED_INDICATORS, COUNTED_INDICATORS_TEXT, HONOUR_KINDS, INSPECTION_KINDS, kindsOfIndicator, ROLL_COUNT_TEXT, ROLL_RULE, rollCount } from './kinds';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const seedFile = path.resolve(repoRoot, '../shared/seeds/003_756f746d976e3269.txt');
const plan = JSON.parse(readFileSync(path.join(repoRoot, 'frameworks/plan-indicators/hunan-14th.json'), 'utf8')) as { indicators: { code: number; name: string; measure: string }[] };

describe('HONOUR_KINDS', () => {
  it('each counted plan indicator (4–8) is a stock in 专栏1 and is counted from the kind of its name (7 also from its 提名奖)', () => {
    for (const code of COUNTED_INDICATORS) {
      const ind = plan.indicators.find((i) => i.code === code)!;
      expect(ind.measure, ind.name).toBe('stock');
      expect(kindsOfIndicator(code).map((k) => k.name)).toEqual(code === 7 ? [ind.name, `${ind.name}提名奖`] : [ind.name]);
    }
    expect(HONOUR_KINDS.filter((k) => k.planIndicator !== null).map((k) => k.planIndicator).sort()).toEqual([4, 5, 6, 7, 7, 8]);
  });

  // seed 003 第一章 (三), read off by hand: 专栏1's 2020 figure for 中国质量奖 (6) is the award and its 提名奖 together;
  // a count that left the 提名奖 out would add to a baseline that holds them
  const SEED_SENTENCE = '全省共保有中国质量奖1个、中国质量奖提名奖5个';
  it('indicator 7’s 2020 baseline is the seed’s 中国质量奖 plus its 提名奖, so both kinds are counted', () => {
    if (existsSync(seedFile)) expect(readFileSync(seedFile, 'utf8')).toContain(SEED_SENTENCE);
    const [award, nominations] = [...SEED_SENTENCE.matchAll(/(\d+)个/g)].map((m) => Number(m[1]));
    const baseline = (plan.indicators.find((i) => i.code === 7) as unknown as { baseline: number }).baseline;
    expect(award! + nominations!).toBe(baseline);
    expect(kindsOfIndicator(7).map((k) => k.code)).toEqual(['china-quality-award', 'china-quality-award-nomination']);
  });

  it('codes and names are unique; the 督查激励 carry the bonus points of seed 000 (1, 0.5, 0.2)', () => {
    expect(new Set(HONOUR_KINDS.map((k) => k.code)).size).toBe(HONOUR_KINDS.length);
    expect(new Set(HONOUR_KINDS.map((k) => k.name)).size).toBe(HONOUR_KINDS.length);
    expect(INSPECTION_KINDS.map((k) => [k.level, k.inspectionBonus!.points, k.inspectionBonus!.countyLevel])).toEqual([
      ['national', '1', false],
      ['provincial', '0.5', false],
      ['provincial', '0.2', true],
    ]);
  });

  it('名录计数 is said in one set of words: the rule (ROLL_RULE) and the 规划指标计数 tab and route (ROLL_COUNT_TEXT) share the count (rollCount), and name the indicators counted', () => {
    expect(ROLL_RULE).toBe('名录计数（专栏1荣誉类存量指标）= 规划基期值 + 荣誉名录中基期年之后至当年的条目数；市州为本市同期条目数（无市州基期值）。当年有已确认的填报值时以填报值为准，当年无确认值时按名录计数判断状态。');
    expect(ROLL_RULE).toContain(rollCount('当年').province);
    expect(ROLL_COUNT_TEXT).toContain(`全省 = ${rollCount('该年').province}；市州 = ${rollCount('该年').city}`);
    expect(ROLL_RULE).toContain(rollCount('当年').city);
    // 4–8 is the counted codes written as a range: it holds while they run without a gap
    expect(COUNTED_INDICATORS).toEqual(Array.from({ length: COUNTED_INDICATORS.length }, (_, i) => COUNTED_INDICATORS[0]! + i));
    expect(COUNTED_INDICATORS_TEXT).toBe(`4–8（${COUNTED_INDICATORS.map((c) => plan.indicators.find((i) => i.code === c)!.name).join('、')}）`);
    expect(COUNTED_INDICATORS_TEXT).toBe('4–8（中华老字号、鲁班奖、国家优质工程奖、中国质量奖、大禹奖）');
    expect(ROLL_COUNT_TEXT).toContain(COUNTED_INDICATORS_TEXT);
  });
});
