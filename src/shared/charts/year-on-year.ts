/**
 * Year-on-year change: per unit, last cycle's published total beside this one, with the change above the bar.
 * The value axis starts near the lowest score (not at 0), so differences of a few points show; long names
 * (湘西土家族苗族自治州) are rotated and the grid contains its labels, so none is cut.
 */
import { base, CHART_FONT, fmt, MUTED, PREVIOUS, PRIMARY, type ChartSpec } from './theme';

export interface YoyRow {
  name: string;
  previous: number | null;
  current: number | null;
}

/** The value axis: 5 below the lowest score, rounded down to 5 (never below 0), up to the next 5 above the highest (at least 100 when a score reaches it). */
export function yoyAxis(rows: YoyRow[]): { min: number; max: number } {
  const values = rows.flatMap((r) => [r.previous, r.current]).filter((v): v is number => v !== null);
  if (values.length === 0) return { min: 0, max: 100 };
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const min = Math.max(0, Math.floor((lo - 5) / 5) * 5);
  const max = Math.max(min + 10, Math.ceil((hi + 3) / 5) * 5);
  return { min, max };
}

export function yearOnYearChart(rows: YoyRow[], previousYear: number, year: number, title = `${previousYear}与${year}年度总分比较`): ChartSpec {
  const { min, max } = yoyAxis(rows);
  const longest = Math.max(0, ...rows.map((r) => r.name.length));
  const prevName = `${previousYear}年度`;
  const curName = `${year}年度`;
  return {
    width: 760,
    // room under the plot for the rotated names (13 px per character at 45°)
    height: 300 + Math.ceil(longest * 13 * Math.SQRT1_2),
    option: {
      ...base(title),
      legend: { top: 34, data: [prevName, curName], textStyle: { fontFamily: CHART_FONT } },
      tooltip: { trigger: 'axis' },
      grid: { left: 16, right: 16, top: 70, bottom: 12, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisTick: { alignWithLabel: true },
        axisLabel: { interval: 0, rotate: 45, color: '#262626', fontFamily: CHART_FONT },
      },
      yAxis: { type: 'value', name: '总分', scale: true, min, max, splitLine: { lineStyle: { color: '#f0f0f0' } }, axisLabel: { color: MUTED } },
      series: [
        { name: prevName, type: 'bar', barMaxWidth: 14, itemStyle: { color: PREVIOUS }, data: rows.map((r) => (r.previous === null ? '-' : Number(fmt(r.previous)))) },
        {
          name: curName,
          type: 'bar',
          barMaxWidth: 14,
          itemStyle: { color: PRIMARY },
          data: rows.map((r) => {
            if (r.current === null) return '-';
            const delta = r.previous === null ? null : r.current - r.previous;
            return {
              value: Number(fmt(r.current)),
              label:
                delta === null
                  ? { show: false }
                  : { show: true, position: 'top', fontSize: 10, color: delta >= 0 ? '#389e0d' : '#cf1322', formatter: `${delta >= 0 ? '+' : ''}${fmt(delta)}` },
            };
          }),
        },
      ],
    },
  };
}
