import { describe, expect, it } from 'vitest';
import type { IndicatorDetail, QuarterView } from '../contracts/indicators';
import { indicatorPathChart } from '../charts/indicators';
import { quarterChartInput } from './chart-input';

describe('quarterChartInput', () => {
  it('puts last year’s end before the four quarters: the path from the start and the region’s quarter-end values', () => {
    const d = { indicator: { code: 18, name: '生活性服务业客户满意度', unit: '分' }, region: { org: { id: 1, name: '湖南省' } } } as unknown as IndicatorDetail;
    const cell = (quarter: number, path: number, value: number | null) => ({ quarter, label: `第${quarter}季度`, path, actual: value === null ? null : { value, demo: true }, status: null });
    const q: QuarterView = {
      indicatorId: 18,
      year: 2023,
      years: [2023],
      yearTarget: { year: 2023, target: { value: 79.108 }, text: '79.108', origin: 'interpolated', originLabel: '插值', reason: null, version: null },
      start: { value: 78.9, year: 2022, from: 'actual', label: '上年确认值' },
      quarters: [cell(1, 78.952, 78.93), cell(2, 79.004, 79.05), cell(3, 79.056, 79.2), cell(4, 79.108, null)],
      rule: '',
    };
    const input = quarterChartInput(d, q);
    expect(input.labels).toEqual(['2022年末', '第1季度', '第2季度', '第3季度', '第4季度']);
    expect(input.targets).toEqual([78.9, 78.952, 79.004, 79.056, 79.108]);
    expect(input.region).toEqual({ name: '湖南省', values: [78.9, 78.93, 79.05, 79.2, null] });
    // the chart's x axis reads the labels
    expect((indicatorPathChart(input).option as any).xAxis.data).toEqual(input.labels);
    // a start that is last year's target (no accepted value) is not drawn as the region's value
    expect(quarterChartInput(d, { ...q, start: { value: 78.9, year: 2022, from: 'target', label: '上年目标' } }).region.values[0]).toBeNull();
  });
});
