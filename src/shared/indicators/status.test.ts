/**
 * Golden tests of 提前实现 / 符合预期 / 滞后, worked by hand: ratio = (actual − baseline) / (year target − baseline).
 */
import { describe, expect, it } from 'vitest';
import type { PathInput } from './interpolate';
import type { Nature, Target } from './schema';
import { statusInYear } from './format';
import { yearlyTargets } from './interpolate';
import { BINDING_RULE, cityStatus, indicatorStatus, openSdgThresholds, statusRule, thresholdsOf, unbasedStatus, type StatusInput } from './status';

const base = { baselineYear: 2020, targetYear: 2025, direction: 'higher', measure: 'level', unit: '%' } as const;
const ind = (baseline: number, target: Target, nature: Nature = '预期性'): Omit<StatusInput, 'year' | 'actual'> & PathInput => ({
  ...base,
  baseline,
  target,
  nature,
});
const manufacturing = ind(93.61, { value: 95 }); // 2023 path 94.444, required 0.834
const air = ind(83, { value: 88 }, '约束性'); // 2023 path 86, required 3

describe('indicatorStatus: expected (预期性) indicator against the path', () => {
  it('on track at or above 95 % of the required progress: 94.5 → 0.89 / 0.834 = 1.0671', () => {
    const r = indicatorStatus({ ...manufacturing, year: 2023, actual: 94.5 });
    expect(r).toMatchObject({ status: 'on_track', label: '符合预期', yearTarget: 94.444, ratio: 1.0671, band: 'substantial' });
  });

  it('lagging below 95 %: 94.40 → 0.79 / 0.834 = 0.9472 (fair); 94.0 → 0.39 / 0.834 = 0.4676 (limited)', () => {
    expect(indicatorStatus({ ...manufacturing, year: 2023, actual: 94.4 })).toMatchObject({ status: 'lagging', label: '滞后', ratio: 0.9472, band: 'fair' });
    const r = indicatorStatus({ ...manufacturing, year: 2023, actual: 94 });
    expect(r).toMatchObject({ status: 'lagging', ratio: 0.4676, band: 'limited' });
    expect(r.reason).toBe('完成序时进度的46.76%，低于95%');
  });

  it('names a year target on the path as the indicator writes its figures: 94.444 → 94.45 (two decimals, up where higher is better), so 94.44 misses what it reads', () => {
    const binding = { ...manufacturing, nature: '约束性' as const };
    expect(indicatorStatus({ ...binding, year: 2023, actual: 94.44 }).reason).toBe('约束性指标，实际值94.44%未达到2023年目标94.45%（完成序时进度的99.52%）');
    expect(indicatorStatus({ ...binding, year: 2023, actual: 94.45 }).reason).toBe('约束性指标，实际值94.45%达到2023年目标94.45%');
  });

  it('ahead when the 2025 target is already met in 2023 (95.2 ≥ 95)', () => {
    expect(indicatorStatus({ ...manufacturing, year: 2023, actual: 95.2 })).toMatchObject({ status: 'ahead', label: '提前实现' });
  });

  it('uses the year override: against 工作要点 ≥94 the required progress is 0.39, and 94.0 is exactly on track', () => {
    const overrides = new Map<number, Target>([[2023, { bound: 'min', value: 94 }]]);
    expect(indicatorStatus({ ...manufacturing, year: 2023, actual: 94, overrides })).toMatchObject({ status: 'on_track', yearTarget: 94, ratio: 1 });
  });

  it('takes configurable thresholds: with 90 % on track, 0.9472 is on track', () => {
    const r = indicatorStatus({ ...manufacturing, year: 2023, actual: 94.4, thresholds: { onTrack: 0.9, fair: 0.5 } });
    expect(r).toMatchObject({ status: 'on_track', band: 'substantial' });
    expect(() => indicatorStatus({ ...manufacturing, year: 2023, actual: 94.4, thresholds: { onTrack: 0.5, fair: 0.9 } })).toThrow('阈值');
  });

  it('scores a 分 indicator the same way: 满意度 77.77 → 80, 2022 path 78.662, 78.5 → 0.73 / 0.892 = 0.8184', () => {
    expect(indicatorStatus({ ...ind(77.77, { value: 80 }), year: 2022, actual: 78.5 })).toMatchObject({ status: 'lagging', yearTarget: 78.662, ratio: 0.8184, band: 'fair' });
  });

  it('mirrors a lower-is-better indicator: 10 → 5, 2022 target 8; 8.1 → 1.9 / 2 = 0.95 on track, 8.5 → 0.75 lagging', () => {
    const low = { ...ind(10, { value: 5 }), direction: 'lower' as const };
    expect(indicatorStatus({ ...low, year: 2022, actual: 8.1 })).toMatchObject({ status: 'on_track', ratio: 0.95 });
    expect(indicatorStatus({ ...low, year: 2022, actual: 8.5 })).toMatchObject({ status: 'lagging', ratio: 0.75, band: 'fair' });
  });
});

describe('statusRule: the one sentence of the page, the .xlsx and the .docx, written from the plan\'s thresholds', () => {
  it('names the threshold the status is judged by, as the reasons write it (95%, 90%, 95.5%: not rounded to 96%)', () => {
    expect(statusRule(openSdgThresholds)).toBe('状态按序时进度判断：目标年之前已达到规划目标为提前实现；实际进度 ÷ 当年应达进度 ≥ 95%为符合预期，约束性指标须达到当年目标，不设容差；否则为滞后；当年目标未定为无法判断。');
    const lower = { onTrack: 0.9, fair: 0.6 };
    expect(statusRule(lower)).toContain('≥ 90%为符合预期');
    // 94.4 made 94.72% of the required progress: 滞后 at 95%, 符合预期 at the 90% the sentence then names
    expect(indicatorStatus({ ...manufacturing, year: 2023, actual: 94.4, thresholds: lower }).status).toBe('on_track');
    expect(statusRule({ onTrack: 0.955, fair: 0.6 })).toContain('≥ 95.5%为符合预期');
    expect(indicatorStatus({ ...manufacturing, year: 2023, actual: 94.6, thresholds: { onTrack: 0.955, fair: 0.6 } }).reason).toContain('不低于95.5%');
  });

  it('says what indicatorStatus does: the final target met before the target year is 提前实现, in the target year 符合预期; a binding indicator below its year\'s target lags however near', () => {
    expect(indicatorStatus({ ...manufacturing, year: 2024, actual: 95 }).status).toBe('ahead');
    expect(indicatorStatus({ ...manufacturing, year: 2025, actual: 95 }).status).toBe('on_track');
    // 85.9 against the 86 path: 97% of the required progress, above the 95%, yet 滞后 (不设容差)
    expect(indicatorStatus({ ...air, year: 2023, actual: 85.9 })).toMatchObject({ status: 'lagging', ratio: 0.9667 });
    // the words for it (BINDING_RULE) are the sentence's and the monitoring page's: no tolerance, the year's target itself
    expect(statusRule(openSdgThresholds)).toContain(`，${BINDING_RULE}；`);
    expect(BINDING_RULE).toBe('约束性指标须达到当年目标，不设容差');
    expect(indicatorStatus({ ...air, year: 2023, actual: 86 }).status).toBe('on_track');
    expect(indicatorStatus({ ...air, year: 2023, actual: 85.9, thresholds: { onTrack: 0.5, fair: 0.4 } }).status).toBe('lagging');
  });
});

describe('indicatorStatus: a bound against the direction is never judged as met', () => {
  it('a stored "≤90" on a higher-is-better rate reads 无法判断, not 符合预期 for 94.9', () => {
    const overrides = new Map<number, Target>([[2024, { bound: 'max', value: 90 }]]);
    expect(indicatorStatus({ ...manufacturing, year: 2024, actual: 94.9, overrides })).toMatchObject({
      status: 'unknown',
      yearTarget: null,
      reason: '2024年目标≤90与指标方向相反（越高越好），无法判断，请质强办改正该年目标',
    });
    // the plans' own bounds run with the direction and are judged as before
    const floor = new Map<number, Target>([[2024, { bound: 'min', value: 94 }]]);
    expect(indicatorStatus({ ...manufacturing, year: 2024, actual: 94.9, overrides: floor }).status).toBe('on_track');
  });
});

describe('indicatorStatus: binding (约束性) indicator, no tolerance', () => {
  it('lags at 85.9 against the 2023 path of 86 although 2.9 / 3 = 0.9667 would pass an expected indicator', () => {
    const r = indicatorStatus({ ...air, year: 2023, actual: 85.9 });
    expect(r).toMatchObject({ status: 'lagging', yearTarget: 86, ratio: 0.9667, band: 'substantial' });
    expect(r.reason).toBe('约束性指标，实际值85.9%未达到2023年目标86%（完成序时进度的96.67%）');
    expect(indicatorStatus({ ...air, nature: '预期性', year: 2023, actual: 85.9 }).status).toBe('on_track');
  });

  it('is on track on the path (86) and ahead at the 2025 target (88.2)', () => {
    expect(indicatorStatus({ ...air, year: 2023, actual: 86 })).toMatchObject({ status: 'on_track', ratio: 1 });
    expect(indicatorStatus({ ...air, year: 2023, actual: 88.2 }).status).toBe('ahead');
  });

  it('cannot judge a national target before it is entered; with 2023’s 97.3 %, 96.0 is 2.7 / 4 = 0.675 and lags', () => {
    const water = ind(93.3, { kind: 'national', text: '达到国家考核目标' }, '约束性');
    expect(indicatorStatus({ ...water, year: 2023, actual: 96 })).toMatchObject({ status: 'unknown', label: '无法判断', yearTarget: null, ratio: null });
    const overrides = new Map<number, Target>([[2023, { value: 97.3 }]]);
    expect(indicatorStatus({ ...water, year: 2023, actual: 96, overrides })).toMatchObject({ status: 'lagging', yearTarget: 97.3, ratio: 0.675, band: 'fair' });
  });
});

describe('indicatorStatus: a level to hold (the baseline already meets the target)', () => {
  it('基本药物 100 → 100: 100 is on track, 99.8 lags', () => {
    const drugs = ind(100, { value: 100 });
    expect(indicatorStatus({ ...drugs, year: 2023, actual: 100 })).toMatchObject({ status: 'on_track', ratio: null });
    expect(indicatorStatus({ ...drugs, year: 2023, actual: 99.8 })).toMatchObject({ status: 'lagging', ratio: null, band: 'limited' });
  });

  it('森林覆盖率 59.96 → ≥59 (binding): 59.5 is on track, 58.9 lags; never 提前实现', () => {
    const forest = ind(59.96, { bound: 'min', value: 59 }, '约束性');
    expect(indicatorStatus({ ...forest, year: 2022, actual: 59.5 })).toMatchObject({ status: 'on_track', yearTarget: 59 });
    expect(indicatorStatus({ ...forest, year: 2022, actual: 58.9 }).status).toBe('lagging');
    expect(indicatorStatus({ ...forest, year: 2022, actual: 61 }).status).toBe('on_track');
  });
});

describe('thresholdsOf (the one reader of indicator_plan.thresholds_json)', () => {
  it('reads {onTrack, fair}; a missing, malformed or out-of-order figure falls back to Open SDG’s 0.95 / 0.6', () => {
    expect(thresholdsOf('{"onTrack":0.9,"fair":0.5}')).toEqual({ onTrack: 0.9, fair: 0.5 });
    expect(thresholdsOf('{"onTrack":0.9}')).toEqual({ onTrack: 0.9, fair: 0.6 });
    // the old shape is no longer read: its lagging is not a fair (the 1710 migration rewrote stored rows)
    expect(thresholdsOf('{"ahead":1,"onTrack":0.95,"lagging":0.4}')).toEqual({ onTrack: 0.95, fair: 0.6 });
    expect(thresholdsOf('{"onTrack":0.5,"fair":0.7}')).toEqual({ onTrack: 0.95, fair: 0.6 });
    expect(thresholdsOf('{"onTrack":"x","fair":2}')).toEqual({ onTrack: 0.95, fair: 0.6 });
    expect(thresholdsOf('nope')).toEqual({ onTrack: 0.95, fair: 0.6 });
    expect(thresholdsOf(null)).toEqual({ onTrack: 0.95, fair: 0.6 });
  });
});

describe('statusInYear: a status shown in the table of another year', () => {
  it('reads as the year\'s own when the years match, else as the earlier year\'s, not counted', () => {
    expect(statusInYear({ year: 2024, label: '符合预期' }, 2024)).toEqual({ current: true, text: '符合预期' });
    expect(statusInYear({ year: 2023, label: '符合预期' }, 2024)).toEqual({ current: false, text: '尚无2024年数据（2023年：符合预期）' });
  });
});

describe('cityStatus: a city held against the region’s year target, named as the tables print it', () => {
  const path = { ...manufacturing, nature: '预期性' as const };
  const city = (actual: number, overrides = new Map<number, Target>()) => {
    const yt = yearlyTargets(path, overrides).find((y) => y.year === 2023)!;
    return cityStatus({ direction: 'higher', measure: 'level', unit: '%', baseline: path.baseline, final: path.target, yearTarget: yt.target, yearTargetOrigin: yt.origin, year: 2023, targetYear: 2025, actual, regionName: '湖南省' });
  };
  it('a target on the path reads as the indicator writes its figures (94.444 → 94.45), as the table prints it', () => {
    expect(city(94.44).reason).toBe('市州无基期值，按湖南省2023年目标比较：实际值94.44%未达到目标94.45%');
    expect(city(94.45)).toMatchObject({ status: 'on_track', reason: '市州无基期值，按湖南省2023年目标比较：实际值94.45%达到目标94.45%' });
  });
  it('a target set apart for the year reads as typed', () => {
    expect(city(94.3, new Map([[2023, { value: 94.444 }]])).reason).toBe('市州无基期值，按湖南省2023年目标比较：实际值94.3%未达到目标94.444%');
  });
  it('a count or an amount is the cities’ total: a city’s part is not judged against it (it was always 滞后)', () => {
    const total = (measure: 'level' | 'stock' | 'increment', unit: string, actual: number) =>
      cityStatus({ direction: 'higher', measure, unit, baseline: 2000, final: { value: 2500 }, yearTarget: { value: 2320 }, yearTargetOrigin: 'interpolated', year: 2024, targetYear: 2025, actual, regionName: '湖南省' });
    expect(total('stock', '项', 101)).toMatchObject({ status: 'unknown', label: '无法判断', yearTarget: null, reason: '总量指标（项），湖南省目标是各市州的合计，市州数值只是其中一部分，不与之比较；市州无本级基期值和目标，无法判断' });
    // even a city figure above the region's final target is no 提前实现
    expect(total('increment', '个', 3000).status).toBe('unknown');
    expect(total('level', '亿元', 12.12).status).toBe('unknown');
    // a score or a rate is compared
    expect(total('level', '分', 2400).status).toBe('on_track');
  });
});

describe('unbasedStatus: an indicator without a baseline (a city’s own plan) held to its year’s target as a level', () => {
  const at = (yearTarget: Target | null, actual: number, direction: 'higher' | 'lower' = 'higher') => unbasedStatus({ year: 2025, yearTarget, direction, unit: '%', actual });
  it('met is 符合预期, missed 滞后, in the indicator’s direction; no ratio, never 提前实现', () => {
    expect(at({ bound: 'min', value: 95 }, 95)).toMatchObject({ status: 'on_track', yearTarget: 95, ratio: null });
    expect(at({ bound: 'min', value: 95 }, 90.5)).toMatchObject({ status: 'lagging', reason: '实际值90.5%未达到2025年目标≥95%（无基期值，不计序时进度）' });
    expect(at({ value: 5 }, 4, 'lower')).toMatchObject({ status: 'on_track' });
    expect(at({ value: 5 }, 6, 'lower')).toMatchObject({ status: 'lagging' });
  });
  it('no figure to hold it to (none, worded, a bound against the direction): null, the caller says 无法判断', () => {
    expect(at(null, 90)).toBeNull();
    expect(at({ kind: 'qualitative', text: '全面提升' }, 90)).toBeNull();
    expect(at({ bound: 'max', value: 95 }, 90)).toBeNull();
  });
});
