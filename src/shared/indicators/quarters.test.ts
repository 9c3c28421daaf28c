/**
 * Golden tests of the quarterly path (季度序时进度) and a quarter's light, every figure worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { quarterPathValue, quarterStart, quarterStatus, type QuarterPathInput } from './quarters';

const rate = (start: number, yearTarget: number, direction: 'higher' | 'lower' = 'higher'): QuarterPathInput & { unit: string } => ({ start, yearTarget, direction, measure: 'level', unit: '%' });

describe('quarterPathValue', () => {
  it('生活性服务业客户满意度 2023: from 2022’s 78.9 to the path’s 79.108, 0.208 / 4 = 0.052 a quarter', () => {
    const p = rate(78.9, 79.108);
    expect([1, 2, 3, 4].map((q) => quarterPathValue(p, q as 1 | 2 | 3 | 4))).toEqual([78.952, 79.004, 79.056, 79.108]);
  });
  it('国控断面水质 2023: from 96.2 to 97.3, 1.1 / 4 = 0.275 a quarter', () => {
    const p = rate(96.2, 97.3);
    expect([1, 2, 3, 4].map((q) => quarterPathValue(p, q as 1 | 2 | 3 | 4))).toEqual([96.475, 96.75, 97.025, 97.3]);
  });
  it('a start that already meets the year’s target holds that target every quarter (制造业 94.18 against ≥94)', () => {
    const p = rate(94.18, 94);
    expect([1, 2, 3, 4].map((q) => quarterPathValue(p, q as 1 | 2 | 3 | 4))).toEqual([94, 94, 94, 94]);
  });
  it('a stock count rounds toward the better side: 446 → 457 gives 448.75, 451.5, 454.25 → 449, 452, 455, 457', () => {
    const p: QuarterPathInput = { start: 446, yearTarget: 457, direction: 'higher', measure: 'stock' };
    expect([1, 2, 3, 4].map((q) => quarterPathValue(p, q as 1 | 2 | 3 | 4))).toEqual([449, 452, 455, 457]);
  });
  it('lower is better: 10 → 8 gives 9.5, 9, 8.5, 8', () => {
    expect([1, 2, 3, 4].map((q) => quarterPathValue(rate(10, 8, 'lower'), q as 1 | 2 | 3 | 4))).toEqual([9.5, 9, 8.5, 8]);
  });
});

describe('quarterStart', () => {
  it('last year’s accepted figure first, else last year’s target (the baseline in the plan’s first year), else none', () => {
    const f = { year: 2024, baselineYear: 2020, hasBaseline: true, lastActual: null, lastTarget: null };
    expect(quarterStart({ ...f, year: 2023, lastActual: 94.18, lastTarget: 94.166 })).toEqual({ value: 94.18, year: 2022, from: 'actual' });
    expect(quarterStart({ ...f, year: 2021, lastTarget: 93.61 })).toEqual({ value: 93.61, year: 2020, from: 'baseline' });
    expect(quarterStart({ ...f, lastTarget: 94.722 })).toEqual({ value: 94.722, year: 2023, from: 'target' });
    expect(quarterStart(f)).toBeNull();
    // none in or before the baseline year, even with a figure
    expect(quarterStart({ ...f, year: 2020, lastActual: 93, lastTarget: 93 })).toBeNull();
    // without a baseline only last year's accepted figure starts the year
    expect(quarterStart({ ...f, hasBaseline: false, lastTarget: 94.722 })).toBeNull();
    expect(quarterStart({ ...f, hasBaseline: false, lastActual: 95, lastTarget: 94.722 })).toEqual({ value: 95, year: 2023, from: 'actual' });
  });
});

describe('quarterStatus', () => {
  const expected = { ...rate(78.9, 79.108), nature: '预期性' as const };
  it('an expected indicator: share of the quarter’s required progress against 95%; the year’s target met early is 提前实现', () => {
    // Q1 78.93: (78.93 − 78.9) / (78.952 − 78.9) = 0.03 / 0.052 = 0.5769 → 滞后, below 60% (limited)
    expect(quarterStatus({ ...expected, quarter: 1, actual: 78.93 })).toMatchObject({ status: 'lagging', ratio: 0.5769, band: 'limited', yearTarget: 78.952 });
    // Q2 79.05: 0.15 / 0.104 = 1.4423 → 符合预期
    expect(quarterStatus({ ...expected, quarter: 2, actual: 79.05 })).toMatchObject({ status: 'on_track', ratio: 1.4423, label: '符合预期' });
    // Q3 79.2 ≥ 79.108 (the year’s target) before Q4 → 提前实现; 0.3 / 0.156 = 1.9231
    expect(quarterStatus({ ...expected, quarter: 3, actual: 79.2 })).toMatchObject({ status: 'ahead', ratio: 1.9231, label: '提前实现' });
    // Q4 79.2 is the year’s end: no 提前实现, 0.3 / 0.208 = 1.4423 → 符合预期
    expect(quarterStatus({ ...expected, quarter: 4, actual: 79.2 })).toMatchObject({ status: 'on_track', ratio: 1.4423 });
  });
  it('a binding indicator must meet the quarter’s path itself (国控断面水质 2023)', () => {
    const water = { ...rate(96.2, 97.3), nature: '约束性' as const };
    // Q1 96.5 ≥ 96.475: 0.3 / 0.275 = 1.0909
    expect(quarterStatus({ ...water, quarter: 1, actual: 96.5 })).toMatchObject({ status: 'on_track', ratio: 1.0909 });
    // Q2 96.6 < 96.75: 0.4 / 0.55 = 0.7273 → 滞后 (no tolerance, though above 60%)
    const q2 = quarterStatus({ ...water, quarter: 2, actual: 96.6 });
    expect(q2).toMatchObject({ status: 'lagging', ratio: 0.7273, band: 'fair' });
    expect(q2.reason).toBe('约束性指标，第2季度值96.6%未达到季度序时进度96.75%（完成应达进度的72.73%）');
  });
  it('a level to hold: met or not; lower is better is signed', () => {
    const hold = { ...rate(94.18, 94), nature: '预期性' as const };
    expect(quarterStatus({ ...hold, quarter: 2, actual: 94.1 })).toMatchObject({ status: 'on_track', ratio: null });
    expect(quarterStatus({ ...hold, quarter: 2, actual: 93.9 })).toMatchObject({ status: 'lagging', ratio: null });
    // 10 → 8, Q1 path 9.5; 9.6: (10 − 9.6) / (10 − 9.5) = 0.8 → 滞后
    expect(quarterStatus({ ...rate(10, 8, 'lower'), nature: '预期性', quarter: 1, actual: 9.6 })).toMatchObject({ status: 'lagging', ratio: 0.8 });
    // custom thresholds: 0.8 ≥ onTrack 0.75 → 符合预期
    expect(quarterStatus({ ...rate(10, 8, 'lower'), nature: '预期性', quarter: 1, actual: 9.6, thresholds: { onTrack: 0.75, fair: 0.5 } })).toMatchObject({ status: 'on_track' });
  });
});

describe('a quarter whose rounded path is still the start', () => {
  // 78.9 → 78.9001: 0.0001 / 4 a quarter rounds (4 decimals) to nothing by Q1 and Q2: the paths 78.9, 78.9, 78.9001, 78.9001
  const tiny = { ...rate(78.9, 78.9001), nature: '预期性' as const };
  const finite = (r: { ratio: number | null; reason: string }) => {
    expect(r.ratio === null || Number.isFinite(r.ratio)).toBe(true);
    expect(r.reason).not.toMatch(/NaN|Infinity/);
  };
  it('no progress is due by that quarter: judged against the quarter’s path itself, no ratio (never NaN or Infinity)', () => {
    expect([1, 2, 3, 4].map((q) => quarterPathValue(tiny, q as 1 | 2 | 3 | 4))).toEqual([78.9, 78.9, 78.9001, 78.9001]);
    const held = quarterStatus({ ...tiny, quarter: 1, actual: 78.9 });
    expect(held).toMatchObject({ status: 'on_track', ratio: null, band: 'substantial', yearTarget: 78.9 });
    expect(held.reason).toBe('第1季度序时进度与起点78.9%相同（应达进度取整后为零），第1季度值78.9%达到季度序时进度78.9%');
    finite(held);
    const below = quarterStatus({ ...tiny, quarter: 2, actual: 78.85 });
    expect(below).toMatchObject({ status: 'lagging', ratio: null, band: 'limited' });
    expect(below.reason).toBe('第2季度序时进度与起点78.9%相同（应达进度取整后为零），第2季度值78.85%未达到季度序时进度78.9%');
    finite(below);
    // the year's target already met before Q4 is 提前实现, as in any quarter
    const early = quarterStatus({ ...tiny, quarter: 1, actual: 79 });
    expect(early).toMatchObject({ status: 'ahead', ratio: null });
    finite(early);
    // binding, lower is better: 10 → 9.9999
    const lower = { ...rate(10, 9.9999, 'lower'), nature: '约束性' as const };
    const lagging = quarterStatus({ ...lower, quarter: 1, actual: 10.1 });
    expect(lagging).toMatchObject({ status: 'lagging', ratio: null, yearTarget: 10 });
    finite(lagging);
    // Q3 has progress due again (path 78.9001): the ratio as usual, 0.0001 / 0.0001 = 1 (and the year's target met early)
    expect(quarterStatus({ ...tiny, quarter: 3, actual: 78.9001 })).toMatchObject({ status: 'ahead', ratio: 1 });
  });
});
