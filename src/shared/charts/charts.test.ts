import { describe, expect, it } from 'vitest';
import { CHART_FONT, domainRadarChart, evaluationRadarChart, indicatorPathChart, rankingChart, valueAxis, yearOnYearChart, yoyAxis, type YoyRow } from '.';

export const CITIES = ['长沙市', '株洲市', '湘潭市', '衡阳市', '邵阳市', '岳阳市', '常德市', '张家界市', '益阳市', '郴州市', '永州市', '怀化市', '娄底市', '湘西土家族苗族自治州'];
const rows: YoyRow[] = CITIES.map((name, i) => ({ name, previous: 78 + i, current: 80 + i * 0.7 }));
type Any = any;

describe('chart definitions', () => {
  it('year-on-year: the value axis does not start at 0 but below the lowest score; every city name is whole and no label is skipped or cut', () => {
    const spec = yearOnYearChart(rows, 2022, 2023);
    const o = spec.option as Any;
    expect(o.yAxis.min).toBe(70);
    expect(o.yAxis.min).toBeGreaterThan(0);
    expect(o.yAxis.min).toBeLessThanOrEqual(78);
    expect(o.yAxis.max).toBeGreaterThanOrEqual(89.1);
    expect(o.xAxis.data).toEqual(CITIES);
    expect(o.xAxis.axisLabel.interval).toBe(0);
    expect(o.xAxis.axisLabel.formatter).toBeUndefined();
    expect(o.xAxis.axisLabel.overflow).toBeUndefined();
    expect(o.grid.containLabel).toBe(true);
    // the height leaves room for the longest rotated name
    expect(spec.height).toBeGreaterThan(yearOnYearChart([{ name: '长沙市', previous: 1, current: 2 }], 2022, 2023).height);
    expect(o.legend.data).toEqual(['2022年度', '2023年度']);
    expect(o.title.text).toBe('2022与2023年度总分比较');
    // the change above the bar: 湘西 80+13×0.7 − 91 = −1.9
    expect(o.series[1].data[13].label.formatter).toBe('-1.9');
    expect(o.series[1].data[0].label.formatter).toBe('+2');
  });

  it('year-on-year axis: a missing year is left out, a score of 0 keeps the axis at 0, no scores give 0–100', () => {
    expect(yoyAxis([{ name: 'a', previous: null, current: 93.2 }])).toEqual({ min: 85, max: 100 });
    expect(yoyAxis([{ name: 'a', previous: 0, current: 50 }]).min).toBe(0);
    expect(yoyAxis([])).toEqual({ min: 0, max: 100 });
    const o = yearOnYearChart([{ name: 'a', previous: null, current: 90 }], 2022, 2023).option as Any;
    expect(o.series[0].data).toEqual(['-']);
    expect(o.series[1].data[0].label.show).toBe(false);
  });

  it('ranking: tied units in the order the results list them (the ranking table above the chart), not by name', () => {
    const o = rankingChart([
      { name: '岳阳楼区', total: 95, rank: 1, grade: 'A', veto: false },
      { name: '湘阴县', total: 90, rank: 2, grade: 'A', veto: false },
      { name: '平江县', total: 90, rank: 2, grade: 'A', veto: false },
      { name: '汨罗市', total: 80, rank: 4, grade: 'B', veto: false },
    ]).option as Any;
    expect(o.yAxis.data).toEqual(['1. 岳阳楼区', '2. 湘阴县', '2. 平江县', '4. 汨罗市']);
  });

  it('ranking: in rank order, every name whole with its rank, a legend per grade present, veto drawn faint', () => {
    const bars = CITIES.map((name, i) => ({ name, total: 95 - i, rank: i + 1, grade: i < 3 ? 'A' : 'B', veto: i === 13 })).reverse();
    const o = rankingChart(bars).option as Any;
    expect(o.yAxis.data[0]).toBe('1. 长沙市');
    expect(o.yAxis.data[13]).toBe('14. 湘西土家族苗族自治州');
    expect(o.yAxis.inverse).toBe(true);
    expect(o.legend.data).toEqual(['A级', 'B级']);
    expect(o.series).toHaveLength(2);
    expect(o.series[0].data[0].value).toBe(95);
    expect(o.series[0].data[3]).toBe('-');
    expect(o.series[1].data[13].itemStyle.opacity).toBeLessThan(0.5);
    expect(o.series[1].data[13].label.formatter).toBe('82 B 否决');
    expect(o.grid.containLabel).toBe(true);
    expect(o.title.text).toBe('总分排名');
  });

  it('radar: one axis per domain with its points, values in % clamped to 0–100, the average dashed', () => {
    const o = domainRadarChart(
      [
        { title: '质量发展', points: '30' },
        { title: '质量安全', points: '40' },
        { title: '质量基础', points: '30' },
      ],
      [
        { name: '长沙市', values: [0.5, 1.2, -0.1], color: '#1677ff' },
        { name: '各市州平均', values: [0.75, 0.8, 0.9], color: '#fa8c16', dashed: true },
      ],
    ).option as Any;
    expect(o.radar.indicator.map((i: Any) => i.name)).toEqual(['质量发展\n（30分）', '质量安全\n（40分）', '质量基础\n（30分）']);
    expect(o.radar.indicator.every((i: Any) => i.max === 100)).toBe(true);
    expect(o.series[0].data[0].value).toEqual([50, 100, 0]);
    expect(o.series[0].data[1].lineStyle.type).toBe('dashed');
    expect(o.legend.data).toEqual(['长沙市', '各市州平均']);
    // the rings read as percentages: five of 20%, said under the title
    expect(o.radar.splitNumber).toBe(5);
    expect(o.title.subtext).toBe('得分率：中心为0%，每圈20%，外圈为100%');
    expect(o.title.text).toBe('各考核领域得分率');
  });

  it('every option names the Chinese font and is plain JSON (no functions), so the server draws what the browser draws', () => {
    for (const spec of [rankingChart([{ name: '长沙市', total: 90, rank: 1, grade: 'A', veto: false }]), yearOnYearChart(rows, 2022, 2023), domainRadarChart([{ title: 'a', points: '1' }], [])]) {
      const o = spec.option as Any;
      expect(o.textStyle.fontFamily).toBe(CHART_FONT);
      expect(o.title.textStyle.fontFamily).toContain('Noto Sans CJK SC');
      // ECharts writes the family into a double-quoted SVG attribute unescaped
      expect(JSON.stringify(o)).not.toContain('\\"');
      expect(JSON.parse(JSON.stringify(o))).toEqual(JSON.parse(JSON.stringify(o, (_k, v) => (typeof v === 'function' ? 'FUNCTION' : v))));
    }
  });

  it('evaluation radar: each group’s score over its points still scored (合理缺项 out), in %; none under three groups', () => {
    const groups = [
      { title: '质量发展战略规划', maximum: '80', score: '70' },
      { title: '质量文化', maximum: '110', score: '110' },
      { title: '质量基础保障', maximum: '120', score: '60' },
    ];
    const spec = evaluationRadarChart(groups, '岳麓区')!;
    const o = spec.option as Any;
    expect(o.radar.indicator.map((i: Any) => i.name)).toEqual(['质量发展战略规划\n（80分）', '质量文化\n（110分）', '质量基础保障\n（120分）']);
    expect(o.series[0].data).toMatchObject([{ name: '岳麓区', value: [87.5, 100, 50] }]);
    expect([spec.width, spec.height]).toEqual([600, 480]);
    expect(evaluationRadarChart(groups.slice(0, 2), '岳麓区')).toBeNull();
  });
  it('a plan indicator’s value axis ends on round ticks, holds every figure, and a percentage stops at 100', () => {
    // 国控断面水质 of the demo: the province 93.3–96.2, the cities 92.15–99.69, the 2023 target 97.3
    const water = [93.3, 95, 96.2, 96, 97.3, 92.15, 99.69, 94.43];
    const a = valueAxis(water, '%');
    expect(a).toEqual({ min: 90, max: 100, interval: 2 });
    // the chart draws that axis
    const o = indicatorPathChart({ title: '国控断面水质', unit: '%', years: [2020, 2021], targets: [93.3, null], region: { name: '湖南省', values: [93.3, 95] }, cities: [{ name: '长沙市', values: [null, 99.69] }, { name: '邵阳市', values: [null, 92.15] }] }).option as Any;
    expect([o.yAxis.min, o.yAxis.max, o.yAxis.interval]).toEqual([90, 100, 2]);
    // 指标22: no target for 2021 (the state sets it): the dashed path leaves that year out rather than draw through it
    expect(o.series[0].data[1]).toBe('-');
    expect(o.series[0].connectNulls).toBe(false);
    expect(o.series[0].symbolSize).toBeGreaterThanOrEqual(8);
    for (const [values, unit] of [[water, '%'], [[78.9, 78.93, 79.05, 79.2, 79.108], '分'], [[0.3, 1.2, 0.8], '%'], [[1203, 1580, 1422], '家'], [[12.5], '%'], [[98, 100], '%'], [[100, 104, 108], '%']] as const) {
      const { min, max, interval } = valueAxis([...values], unit);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(min);
      expect(Math.max(...values)).toBeLessThanOrEqual(max);
      // both ends on the step, about five steps
      for (const end of [min, max]) expect(Math.abs(end / interval - Math.round(end / interval))).toBeLessThan(1e-6);
      expect((max - min) / interval).toBeGreaterThanOrEqual(3);
      expect((max - min) / interval).toBeLessThanOrEqual(12);
      expect(min).toBeGreaterThanOrEqual(0);
      if (unit === '%' && Math.max(...values) <= 100) expect(max).toBeLessThanOrEqual(100);
    }
    // a share over 100 (an index in percent) keeps its room
    expect(valueAxis([100, 104, 108], '%').max).toBeGreaterThan(108);
    expect(valueAxis([], '%')).toEqual({ min: 0, max: 100, interval: 20 });
  });
});
