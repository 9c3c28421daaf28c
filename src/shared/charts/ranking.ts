/** Ranking bar chart: one horizontal bar per unit, in rank order, coloured by grade, with a legend of the grades. */
import { base, CHART_FONT, fmt, GRADE_COLORS, gradeColor, MUTED, NO_GRADE_COLOR, type ChartSpec } from './theme';

export interface RankingBar {
  name: string;
  total: number;
  rank: number | null;
  grade: string | null;
  veto: boolean;
}

const ROW = 28;

export const rankingLabel = (b: RankingBar): string => `${b.rank ?? '—'}. ${b.name}`;

export function rankingChart(bars: RankingBar[], title = '总分排名'): ChartSpec {
  // by rank; tied units keep the order they come in (the results' own, as the ranking table lists them): a sort by
  // name put 平江县 above 湘阴县 in the chart under a table that listed them the other way round
  const sorted = [...bars].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
  const grades = [...Object.keys(GRADE_COLORS).filter((g) => sorted.some((b) => b.grade === g)), ...(sorted.some((b) => !b.grade || !GRADE_COLORS[b.grade]) ? ['—'] : [])];
  const max = Math.max(100, Math.ceil(Math.max(0, ...sorted.map((b) => b.total)) / 10) * 10);
  const height = 90 + sorted.length * ROW;
  // one series per grade, stacked, so the legend names the grades; a unit has a value only in its grade's series
  const series = grades.map((g) => ({
    name: g === '—' ? '未定级' : `${g}级`,
    type: 'bar',
    stack: 'rank',
    barMaxWidth: 18,
    itemStyle: { color: g === '—' ? NO_GRADE_COLOR : gradeColor(g), borderRadius: 3 },
    label: { show: true, position: 'right', color: '#262626', fontFamily: CHART_FONT },
    data: sorted.map((b) =>
      (b.grade && GRADE_COLORS[b.grade] ? b.grade : '—') === g
        ? {
            value: Number(fmt(b.total)),
            itemStyle: { opacity: b.veto ? 0.45 : 0.9 },
            label: { formatter: `${fmt(b.total)}${b.grade ? ` ${b.grade}` : ''}${b.veto ? ' 否决' : ''}` },
          }
        : '-',
    ),
  }));
  return {
    width: 720,
    height,
    option: {
      ...base(title),
      legend: { top: 34, data: series.map((s) => s.name), textStyle: { fontFamily: CHART_FONT } },
      grid: { left: 12, right: 72, top: 64, bottom: 16, containLabel: true },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', min: 0, max, splitLine: { lineStyle: { color: '#f0f0f0' } }, axisLabel: { color: MUTED } },
      yAxis: { type: 'category', inverse: true, data: sorted.map(rankingLabel), axisTick: { show: false }, axisLabel: { interval: 0, color: '#262626' } },
      series,
    },
  };
}
