/**
 * A plan indicator's path against its actuals: the yearly targets (序时进度, dashed), the region's accepted values
 * (bold) and each city's (thin, muted), years on the x axis from the baseline to the plan year. The value axis
 * starts near the lowest figure so that movements of a few tenths of a percent show.
 */
import { base, CHART_FONT, fmt, MUTED, PRIMARY, SECONDARY, type ChartSpec } from './theme';

export interface PathSeries {
  name: string;
  /** one figure per year (null: none) */
  values: (number | null)[];
}

export interface IndicatorChartInput {
  title: string;
  unit: string;
  years: number[];
  /** the x axis' labels when they are not the years themselves (the quarterly view: 上年末, 第1季度 …) */
  labels?: string[];
  /** the yearly target figures (null where the year has none: a national target not entered) */
  targets: (number | null)[];
  region: PathSeries;
  cities: PathSeries[];
}

const CITY_COLORS = ['#95de64', '#5cdbd3', '#69b1ff', '#b37feb', '#ff85c0', '#ffc069', '#ff9c6e', '#bae637', '#85a5ff', '#ffd666', '#36cfc9', '#f759ab', '#9254de', '#73d13d'];

/**
 * The value axis: a little room around the figures, bounds on a round step (1, 2 or 5 × a power of ten, about five
 * intervals) so that the ends read like the ticks between them, never below zero for figures that are not, and never
 * above 100 for a percentage that is not (a share cannot pass 100%).
 */
export function valueAxis(values: number[], unit: string): { min: number; max: number; interval: number } {
  if (!values.length) return { min: 0, max: 100, interval: 20 };
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max((hi - lo) * 0.15, 0.5);
  const raw = (hi - lo + 2 * pad) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const interval = [1, 2, 5, 10].map((m) => m * magnitude).find((step) => step >= raw * (1 - 1e-9))!;
  const round = (n: number) => Number(n.toFixed(6));
  let min = round(Math.floor((lo - pad) / interval) * interval);
  let max = round(Math.ceil((hi + pad) / interval) * interval);
  if (lo >= 0 && min < 0) min = 0;
  if (unit === '%' && hi <= 100 && max > 100) max = 100;
  return { min, max, interval: round(interval) };
}

export function indicatorPathChart(input: IndicatorChartInput): ChartSpec {
  const all = [...input.targets, ...input.region.values, ...input.cities.flatMap((c) => c.values)].filter((v): v is number => v !== null);
  const { min, max, interval } = valueAxis(all, input.unit);
  const data = (vs: (number | null)[]) => vs.map((v) => (v === null ? '-' : Number(fmt(v, 4))));
  const targetName = '目标路径（序时进度）';
  return {
    width: 760,
    height: 440,
    option: {
      ...base(input.title),
      legend: { bottom: 4, left: 'center', itemWidth: 18, itemGap: 8, textStyle: { fontFamily: CHART_FONT, fontSize: 11 } },
      tooltip: { trigger: 'axis' },
      grid: { left: 16, right: 24, top: 56, bottom: 96, containLabel: true },
      xAxis: { type: 'category', data: input.labels ?? input.years.map((y) => `${y}`), boundaryGap: false, axisLabel: { color: '#262626', fontFamily: CHART_FONT } },
      yAxis: { type: 'value', name: input.unit, min, max, interval, splitLine: { lineStyle: { color: '#f0f0f0' } }, axisLabel: { color: MUTED } },
      series: [
        // a year without a target (待国家下达后录入) is a gap in the path, not a line drawn through it to the next target;
        // a target alone between such years (指标22's 2023) is then a point, so its mark is large enough to see
        { name: targetName, type: 'line', data: data(input.targets), connectNulls: false, symbol: 'rect', symbolSize: 8, lineStyle: { type: 'dashed', width: 2, color: SECONDARY }, itemStyle: { color: SECONDARY } },
        { name: input.region.name, type: 'line', data: data(input.region.values), symbolSize: 8, lineStyle: { width: 3, color: PRIMARY }, itemStyle: { color: PRIMARY }, label: { show: true, position: 'top', fontSize: 10, color: PRIMARY } },
        ...input.cities.map((c, i) => ({
          name: c.name,
          type: 'line',
          data: data(c.values),
          symbolSize: 4,
          lineStyle: { width: 1, color: CITY_COLORS[i % CITY_COLORS.length] },
          itemStyle: { color: CITY_COLORS[i % CITY_COLORS.length] },
        })),
      ],
    },
  };
}
