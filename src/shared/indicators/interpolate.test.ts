/**
 * Golden tests of the yearly path, every figure worked by hand (the arithmetic is in the comments).
 */
import { describe, expect, it } from 'vitest';
import { interpolateTarget, yearlyTargets, type PathInput } from './interpolate';
import type { Target } from './schema';

const span = { baselineYear: 2020, targetYear: 2025 };
const rate = (baseline: number, target: Target): PathInput => ({ ...span, baseline, target, direction: 'higher', measure: 'level' });

describe('interpolateTarget', () => {
  it('制造业产品质量合格率 93.61 → 95.0: steps of 1.39 / 5 = 0.278, decimals exact', () => {
    const p = rate(93.61, { value: 95 });
    expect(yearlyTargets(p)).toEqual([
      { year: 2020, target: { value: 93.61 }, origin: 'baseline' },
      { year: 2021, target: { value: 93.888 }, origin: 'interpolated' },
      { year: 2022, target: { value: 94.166 }, origin: 'interpolated' },
      { year: 2023, target: { value: 94.444 }, origin: 'interpolated' },
      { year: 2024, target: { value: 94.722 }, origin: 'interpolated' },
      { year: 2025, target: { value: 95 }, origin: 'plan' },
    ]);
  });

  it('a stock count (有机产品 446 → 500, +10.8 a year) is rounded up to whole items', () => {
    const p: PathInput = { ...span, baseline: 446, target: { value: 500 }, direction: 'higher', measure: 'stock' };
    // 456.8, 467.6, 478.4, 489.2
    expect(yearlyTargets(p).map((y) => y.target)).toEqual([{ value: 446 }, { value: 457 }, { value: 468 }, { value: 479 }, { value: 490 }, { value: 500 }]);
  });

  it('interpolates toward a bound and keeps it a bound: 90 → ≥98 gives ≥94.8 in 2023 (90 + 8 × 3/5)', () => {
    expect(interpolateTarget(rate(90, { bound: 'min', value: 98 }), 2023)).toEqual({ year: 2023, target: { bound: 'min', value: 94.8 }, origin: 'interpolated' });
  });

  it('holds a bound the baseline already meets: 森林覆盖率 59.96 → ≥59 is ≥59 every year', () => {
    const p = rate(59.96, { bound: 'min', value: 59 });
    expect(yearlyTargets(p).slice(1).map((y) => y.target)).toEqual(Array(5).fill({ bound: 'min', value: 59 }));
  });

  it('leaves the years of a national target empty until entered; the plan year keeps its text', () => {
    const national: Target = { kind: 'national', text: '达到国家考核目标' };
    const ys = yearlyTargets(rate(93.3, national));
    expect(ys.slice(1, 5).map((y) => [y.target, y.origin])).toEqual(Array(4).fill([null, 'unset']));
    expect(ys[5]).toEqual({ year: 2025, target: national, origin: 'plan' });
    // the 2023 work plan's 97.3% entered as an override
    const withOverride = yearlyTargets(rate(93.3, national), new Map([[2023, { value: 97.3 }]]));
    expect(withOverride[3]).toEqual({ year: 2023, target: { value: 97.3 }, origin: 'override' });
  });

  it('lets an override (工作要点 2023: ≥94) replace the interpolated figure of its year only', () => {
    const ys = yearlyTargets(rate(93.61, { value: 95 }), new Map<number, Target>([[2023, { bound: 'min', value: 94 }]]));
    expect(ys[3]).toEqual({ year: 2023, target: { bound: 'min', value: 94 }, origin: 'override' });
    expect(ys[2]!.target).toEqual({ value: 94.166 });
    expect(ys[4]!.target).toEqual({ value: 94.722 });
  });

  it('walks down for a lower-is-better indicator: 10 → 5 gives 8 in 2022 (10 − 5 × 2/5)', () => {
    const p: PathInput = { ...span, baseline: 10, target: { value: 5 }, direction: 'lower', measure: 'level' };
    expect(interpolateTarget(p, 2022).target).toEqual({ value: 8 });
  });

  it('refuses a year outside the plan, in Chinese', () => {
    expect(() => interpolateTarget(rate(93.61, { value: 95 }), 2026)).toThrow('年份2026不在规划期2020—2025内');
    expect(() => interpolateTarget(rate(93.61, { value: 95 }), 2022.5)).toThrow(/不在规划期/);
  });
});
