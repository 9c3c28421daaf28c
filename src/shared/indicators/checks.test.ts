/** Every hard error and warning of a reported value, and the reporting window, worked by hand. */
import { describe, expect, it } from 'vitest';
import { checkValue, explanationProblem, figureBounds, isLate, lockDate, readTypedValue, windowState, type ValueCheckInput } from './checks';

const period = { year: 2024, label: '2024年度', opensOn: '2026-11-01', closesOn: '2026-12-31', lockDays: 15 };
const manufacturing = { name: '制造业产品质量合格率', unit: '%', nature: '预期性', direction: 'higher', measure: 'level' } as const;
const air = { name: '地级及以上城市空气质量优良天数比率', unit: '%', nature: '约束性', direction: 'higher', measure: 'level' } as const;
const luban = { name: '鲁班奖', unit: '项', nature: '预期性', direction: 'higher', measure: 'stock' } as const;
const input = (over: Partial<ValueCheckInput> = {}): ValueCheckInput => ({
  indicator: manufacturing,
  value: 94.8,
  period,
  plan: { baselineYear: 2020, targetYear: 2025 },
  reports: true,
  unitName: '省市场监管局',
  today: '2026-11-28',
  reopened: false,
  previous: null,
  yearTarget: 94.722,
  ...over,
});

describe('the reporting window', () => {
  it('opens on opens_on, is late after closes_on until closes_on + lock_days, then locks', () => {
    expect(lockDate(period)).toBe('2027-01-15');
    expect(windowState(period, '2026-10-31')).toBe('not_open');
    expect(windowState(period, '2026-11-01')).toBe('open');
    expect(windowState(period, '2026-12-31')).toBe('open');
    expect(windowState(period, '2027-01-01')).toBe('late');
    expect(windowState(period, '2027-01-15')).toBe('late');
    expect(windowState(period, '2027-01-16')).toBe('locked');
    expect(isLate(period, '2026-12-31')).toBe(false);
    expect(isLate(period, '2027-01-02')).toBe(true);
    expect(isLate(period, null)).toBe(false);
  });
});

describe('checkValue: hard errors block', () => {
  it('passes a plain value with neither errors nor warnings', () => {
    expect(checkValue(input())).toEqual({ errors: [], warnings: [] });
  });
  it('not a number', () => {
    for (const value of ['abc', null, Number.NaN, Infinity]) {
      expect(checkValue(input({ value })).errors).toEqual([{ field: 'value', message: '指标「制造业产品质量合格率」的数值须为数字' }]);
    }
  });
  it('a rate above 100 or below 0; a negative count', () => {
    expect(checkValue(input({ value: 101 })).errors).toEqual([{ field: 'value', message: '指标「制造业产品质量合格率」为百分比，数值须在0～100之间（填写的是101）' }]);
    expect(checkValue(input({ value: -0.5 })).errors[0]!.message).toContain('0～100');
    expect(checkValue(input({ value: 100 })).errors).toEqual([]);
    expect(checkValue(input({ indicator: luban, value: -1, yearTarget: null })).errors).toEqual([{ field: 'value', message: '指标「鲁班奖」的数值不能为负数（填写的是-1）' }]);
  });
  it('a figure too large to round is written as typed (1.00e+308), never as Infinity', () => {
    expect(checkValue(input({ value: 1e308 })).errors).toEqual([{ field: 'value', message: '指标「制造业产品质量合格率」为百分比，数值须在0～100之间（填写的是1.00e+308）' }]);
    expect(checkValue(input({ indicator: luban, value: -1e308, yearTarget: null })).errors).toEqual([{ field: 'value', message: '指标「鲁班奖」的数值不能为负数（填写的是-1.00e+308）' }]);
  });
  it('an amount below zero, a count that is not whole, a figure beyond any the plans count', () => {
    const gi = { name: '地理标志商标产品产值', unit: '亿元', nature: '预期性', direction: 'higher', measure: 'level' } as const;
    expect(checkValue(input({ indicator: gi, value: -5, yearTarget: null })).errors).toEqual([{ field: 'value', message: '指标「地理标志商标产品产值」的数值不能为负数（填写的是-5）' }]);
    expect(checkValue(input({ indicator: gi, value: 812.5, yearTarget: null })).errors).toEqual([]);
    expect(checkValue(input({ indicator: luban, value: 2.5, yearTarget: null })).errors).toEqual([{ field: 'value', message: '指标「鲁班奖」为累计数量（项），须为整数（填写的是2.5）' }]);
    // echoed as typed, not rounded to a figure that was not typed
    expect(checkValue(input({ indicator: luban, value: 1.123456789012, yearTarget: null })).errors).toEqual([{ field: 'value', message: '指标「鲁班奖」为累计数量（项），须为整数（填写的是1.123456789012）' }]);
    // 4 places at most, as figures are kept and printed (12.123456789 亿元 was taken and shown in full)
    expect(checkValue(input({ value: 93.61235 })).errors).toEqual([{ field: 'value', message: '指标「制造业产品质量合格率」的数值最多保留4位小数（填写的是93.61235），请按统计口径四舍五入后填写' }]);
    expect(checkValue(input({ value: 93.6124 })).errors).toEqual([]);
    expect(checkValue(input({ indicator: luban, value: 1e308, yearTarget: null })).errors).toEqual([{ field: 'value', message: '指标「鲁班奖」的数值1.00e+308超出合理范围，请核对单位（项）' }]);
    expect(checkValue(input({ indicator: luban, value: 76, yearTarget: null })).errors).toEqual([]);
  });
  it('a figure counted in whole things (项, 个, 家) is whole whatever its measure: a city plan\'s 新增 … 项 (increment), a level in 家', () => {
    const added = { name: '新增主导制定标准', unit: '项', nature: '预期性', direction: 'higher', measure: 'increment' } as const;
    expect(checkValue(input({ indicator: added, value: 2.5, yearTarget: null })).errors).toEqual([{ field: 'value', message: '指标「新增主导制定标准」以“项”计数，须为整数（填写的是2.5）' }]);
    expect(checkValue(input({ indicator: added, value: 1e-300, yearTarget: null })).errors).toEqual([{ field: 'value', message: '指标「新增主导制定标准」以“项”计数，须为整数（填写的是1e-300）' }]);
    expect(checkValue(input({ indicator: { ...added, unit: '家', measure: 'level' }, value: 0.5, yearTarget: null })).errors[0]!.message).toContain('以“家”计数，须为整数');
    expect(checkValue(input({ indicator: added, value: 54, yearTarget: null })).errors).toEqual([]);
    expect(figureBounds(added).whole).toBe(true);
    // an amount or a score is not counted in whole things
    expect(figureBounds({ unit: '亿元', measure: 'increment' }).whole).toBe(false);
  });
  it('a period outside the plan years (the baseline year is not reported)', () => {
    expect(checkValue(input({ period: { ...period, year: 2026, label: '2026年度' } })).errors).toEqual([{ field: 'periodId', message: '填报期2026年度不在规划期2021—2025年内' }]);
    expect(checkValue(input({ period: { ...period, year: 2020, label: '2020年度' } })).errors).toHaveLength(1);
  });
  it('an indicator the unit does not report', () => {
    expect(checkValue(input({ reports: false, unitName: '省发展改革委' })).errors).toEqual([{ field: 'indicatorId', message: '省发展改革委不负责填报指标「制造业产品质量合格率」' }]);
  });
  it('a window not open yet, or locked unless reopened; late is no error', () => {
    expect(checkValue(input({ today: '2026-10-01' })).errors).toEqual([{ field: 'periodId', message: '2024年度填报期2026-11-01才开始' }]);
    expect(checkValue(input({ today: '2027-01-16' })).errors).toEqual([{ field: 'periodId', message: '2024年度填报期已于2027-01-15锁定，需由质强办重新开放后才能填报' }]);
    expect(checkValue(input({ today: '2027-01-16', reopened: true })).errors).toEqual([]);
    expect(checkValue(input({ today: '2027-01-10' })).errors).toEqual([]);
  });
});

describe('checkValue: warnings that need an explanation', () => {
  it('a rate moving more than 5 points from the last period', () => {
    const r = checkValue(input({ value: 99.9, previous: { value: 94.2, label: '2023年度' } }));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([{ field: 'value', code: 'jump', message: '指标「制造业产品质量合格率」较2023年度的94.2上升5.7个百分点（超过5个百分点），请说明原因' }]);
    expect(checkValue(input({ value: 99.2, previous: { value: 94.2, label: '2023年度' } })).warnings).toEqual([]);
  });
  it('before the unit has an earlier value, the province figure is compared with the plan baseline the same way', () => {
    const organic = { name: '有机产品', unit: '个', nature: '预期性', direction: 'higher', measure: 'stock' } as const;
    const baseline = { value: 446, year: 2020, own: true, regionName: '湖南省' };
    const r = checkValue(input({ indicator: organic, value: 100000000, yearTarget: 489, baseline }));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([{ field: 'value', code: 'jump', message: '指标「有机产品」较2020年基期的446上升22421424.6637%（超过10%），请说明原因' }]);
    expect(checkValue(input({ indicator: organic, value: 480, yearTarget: 489, baseline })).warnings).toEqual([]);
    // a rate: points from the baseline; an earlier value, when there is one, is the reference instead
    const rate = { value: 93.61, year: 2020, own: true, regionName: '湖南省' };
    expect(checkValue(input({ value: 99.9, baseline: rate })).warnings.map((w) => w.message)).toEqual(['指标「制造业产品质量合格率」较2020年基期的93.61上升6.29个百分点（超过5个百分点），请说明原因']);
    expect(checkValue(input({ value: 99.9, baseline: rate, previous: { value: 96, label: '2023年度' } })).warnings).toEqual([]);
  });
  it("a city's first value: a count or an amount above the region's baseline total, a score beyond ten times it; rates not compared", () => {
    const organic = { name: '有机产品', unit: '个', nature: '预期性', direction: 'higher', measure: 'stock' } as const;
    const gi = { name: '地理标志商标产品产值', unit: '亿元', nature: '预期性', direction: 'higher', measure: 'level' } as const;
    const city = (value: number) => ({ value, year: 2020, own: false, regionName: '湖南省' });
    expect(checkValue(input({ indicator: organic, unitName: '岳阳市', value: 100000000, yearTarget: null, baseline: city(446) })).warnings).toEqual([
      { field: 'value', code: 'jump', message: '指标「有机产品」填写的100000000个超过湖南省2020年基期值446个（岳阳市的数量只是湖南省合计的一部分），请核对后说明原因' },
    ]);
    expect(checkValue(input({ indicator: organic, unitName: '岳阳市', value: 40, yearTarget: null, baseline: city(446) })).warnings).toEqual([]);
    // an amount (亿元) is a part of the region's total too: a city above the whole province's 2020 figure is a slip
    expect(checkValue(input({ indicator: gi, unitName: '岳阳市', value: 900, yearTarget: null, baseline: city(800) })).warnings.map((w) => w.message)).toEqual([
      '指标「地理标志商标产品产值」填写的900亿元超过湖南省2020年基期值800亿元（岳阳市的数量只是湖南省合计的一部分），请核对后说明原因',
    ]);
    expect(checkValue(input({ indicator: gi, unitName: '岳阳市', value: 120, yearTarget: null, baseline: city(800) })).warnings).toEqual([]);
    // a score (分) is about the region's average: only beyond ten times it (a wrong unit)
    const score = { name: '生活性服务业客户满意度', unit: '分', nature: '预期性', direction: 'higher', measure: 'level' } as const;
    expect(checkValue(input({ indicator: score, unitName: '岳阳市', value: 800, yearTarget: null, baseline: city(77.77) })).warnings.map((w) => w.message)).toEqual([
      '指标「生活性服务业客户满意度」填写的800分超过湖南省2020年基期值77.77分的10倍，请核对单位后说明原因',
    ]);
    expect(checkValue(input({ indicator: score, unitName: '岳阳市', value: 81, yearTarget: null, baseline: city(77.77) })).warnings).toEqual([]);
    expect(checkValue(input({ unitName: '岳阳市', value: 80, baseline: city(93.61) })).warnings).toEqual([]);
  });
  it('a rate typed as a fraction (the wrong unit)', () => {
    expect(checkValue(input({ value: 0.948 })).warnings.map((w) => [w.code, w.message])).toEqual([['unit', '指标「制造业产品质量合格率」以百分数填报（如95表示95%），填写的0.948像是小数，请核对单位']]);
    expect(checkValue(input({ value: 0.948, yearTarget: null })).warnings).toEqual([]);
  });
  it('a count moving more than 10 % relative', () => {
    const r = checkValue(input({ indicator: luban, value: 84, previous: { value: 75, label: '2023年度' }, yearTarget: null }));
    expect(r.warnings.map((w) => w.message)).toEqual(['指标「鲁班奖」较2023年度的75上升12%（超过10%），请说明原因']);
    expect(checkValue(input({ indicator: luban, value: 82, previous: { value: 75, label: '2023年度' }, yearTarget: null })).warnings).toEqual([]);
  });
  it('a province rate more than 5 points from the cities mean; a province stock below the cities sum', () => {
    const r = checkValue(input({ value: 94.8, cityValues: [88, 89, 90] }));
    expect(r.warnings).toEqual([{ field: 'value', code: 'province-vs-cities', message: '指标「制造业产品质量合格率」的全省值94.8与3个市州的平均值89相差较大，请说明原因' }]);
    expect(checkValue(input({ value: 94.8, cityValues: [93, 95, 94] })).warnings).toEqual([]);
    const stock = checkValue(input({ indicator: luban, value: 10, cityValues: [4, 5, 3], yearTarget: null }));
    expect(stock.warnings.map((w) => w.message)).toEqual(['指标「鲁班奖」的全省值10小于3个市州的合计12项，请说明原因']);
  });
  it('a province amount (亿元) is the cities’ total, not their average: below the sum is warned, the sum itself is not', () => {
    const gi = { name: '地理标志商标产品产值', unit: '亿元', nature: '预期性', direction: 'higher', measure: 'level' } as const;
    const cities = [120, 95, 80, 76, 70, 66, 60, 58, 55, 50, 45, 40, 35, 30];
    expect(checkValue(input({ indicator: gi, value: 900, cityValues: cities, yearTarget: 960 })).warnings).toEqual([]);
    expect(checkValue(input({ indicator: gi, value: 700, cityValues: cities, yearTarget: 960 })).warnings.map((w) => w.message)).toEqual([
      '指标「地理标志商标产品产值」的全省值700小于14个市州的合计880亿元，请说明原因',
    ]);
    // a score (分) is not added up: the province's 满意度 is near the cities' mean
    const score = { name: '生活性服务业客户满意度', unit: '分', nature: '预期性', direction: 'higher', measure: 'level' } as const;
    expect(checkValue(input({ indicator: score, value: 79.5, cityValues: [78, 80, 81], yearTarget: 79.1 })).warnings).toEqual([]);
  });
  it('a binding indicator on the wrong side of the year target; an expected one is not warned', () => {
    const r = checkValue(input({ indicator: air, value: 86.5, yearTarget: 87 }));
    expect(r.warnings).toEqual([{ field: 'value', code: 'binding-target', message: '指标「地级及以上城市空气质量优良天数比率」为约束性指标，数值86.5未达到2024年目标87，请说明原因' }]);
    expect(checkValue(input({ indicator: air, value: 87, yearTarget: 87 })).warnings).toEqual([]);
    // the target named as the tables print it when the facts carry that text (a worked-out 86.82 printed 86.9)
    expect(checkValue(input({ indicator: air, value: 86.5, yearTarget: 86.82, yearTargetText: '86.9' })).warnings[0].message).toBe('指标「地级及以上城市空气质量优良天数比率」为约束性指标，数值86.5未达到2024年目标86.9，请说明原因');
    // a quarterly period's value is held to the quarter's 序时进度 its light judges by, and the warning names it so
    expect(checkValue(input({ indicator: air, value: 86.4, yearTarget: 86.5, yearTargetText: '86.5', yearTargetName: '2024年第2季度序时进度' })).warnings[0].message).toBe('指标「地级及以上城市空气质量优良天数比率」为约束性指标，数值86.4未达到2024年第2季度序时进度86.5，请说明原因');
    expect(checkValue(input({ value: 90, yearTarget: 94.722 })).warnings).toEqual([]);
    expect(checkValue(input({ indicator: air, value: 80, yearTarget: null })).warnings).toEqual([]);
  });
  it('an explanation of at least 5 characters is needed when there is a warning', () => {
    const w = checkValue(input({ indicator: air, value: 86.5, yearTarget: 87 })).warnings;
    expect(explanationProblem(w, '')).toEqual({ field: 'explanation', message: '数值有1条提示，提交前请在“情况说明”中写明原因（至少5个字）' });
    expect(explanationProblem(w, '  沙尘 ')).not.toBeNull();
    expect(explanationProblem(w, '受沙尘天气影响较大')).toBeNull();
    expect(explanationProblem([], null)).toBeNull();
  });
});

describe('readTypedValue: a figure as a person types it (a Chinese input method, Excel habits)', () => {
  it('full-width digits, point and per-cent sign, spaces, thousands separators, a trailing % on a rate', () => {
    expect(readTypedValue('93.61', '%')).toEqual({ value: 93.61 });
    expect(readTypedValue('９３．６１', '%')).toEqual({ value: 93.61 });
    expect(readTypedValue(' 93.61% ', '%')).toEqual({ value: 93.61 });
    expect(readTypedValue('９３．０％', '%')).toEqual({ value: 93 });
    expect(readTypedValue('93。61', '%')).toEqual({ value: 93.61 });
    expect(readTypedValue('32,878', '个')).toEqual({ value: 32878 });
    expect(readTypedValue('３２，８７８', '个')).toEqual({ value: 32878 });
    expect(readTypedValue('1 000', '亿元')).toEqual({ value: 1000 });
    expect(readTypedValue('－3', '项')).toEqual({ value: -3 });
    expect(readTypedValue('', '%')).toEqual({ value: null });
    expect(readTypedValue('  ', '%')).toEqual({ value: null });
  });

  it('refuses, saying what to type: a per-cent sign on a figure that is not a rate, a decimal comma, words, two numbers', () => {
    expect(readTypedValue('12.5%', '项')).toEqual({ error: '「12.5%」带百分号，但本指标的单位是“项”，请只填数字，如12.5' });
    expect(readTypedValue('93,61', '%')).toEqual({ error: '「93,61」不是数字：小数点请用“.”，如93.61' });
    expect(readTypedValue('约95', '%')).toEqual({ error: '「约95」不是数字，请只填数值（单位：%），如93.61' });
    expect(readTypedValue('93.6.1', '%')).toEqual({ error: '「93.6.1」不是数字，请只填数值（单位：%），如93.61' });
    expect(readTypedValue('1e5', '个')).toEqual({ error: '「1e5」不是数字，请只填数值（单位：个），如12' });
  });
});
