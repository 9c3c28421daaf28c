/** Radar of a unit's domain scores as a share of each domain's points (score / points, in %), against the average. */
import { base, CHART_FONT, fmt, type ChartSpec } from './theme';

export interface RadarSeries {
  name: string;
  /** per domain: score / points, 0..1 */
  values: number[];
  color: string;
  dashed?: boolean;
}

export interface RadarAxis {
  title: string;
  points: string;
}

export const radarAxisName = (a: RadarAxis): string => `${a.title}\n（${a.points}分）`;

/** the rings' scale in words, under the title: a radar without it cannot be read as a percentage */
export const RADAR_SCALE = '得分率：中心为0%，每圈20%，外圈为100%';

const withScale = (b: ReturnType<typeof base>) => ({ ...b, title: { ...b.title, subtext: RADAR_SCALE, subtextStyle: { fontFamily: CHART_FONT, fontSize: 11, color: '#8c8c8c' } } });

export function domainRadarChart(axes: RadarAxis[], series: RadarSeries[], title = '各考核领域得分率'): ChartSpec {
  return {
    width: 560,
    height: 440,
    option: {
      ...withScale(base(title)),
      legend: { bottom: 8, data: series.map((s) => s.name), textStyle: { fontFamily: CHART_FONT } },
      tooltip: { trigger: 'item' },
      radar: {
        center: ['50%', '54%'],
        radius: '56%',
        // the points on a second line: a narrow chart (a half-width card, a document column) does not cut the names
        indicator: axes.map((a) => ({ name: radarAxisName(a), max: 100, min: 0 })),
        // five rings of 20% each, named under the title (ECharts labels either every axis or none)
        splitNumber: 5,
        axisName: { color: '#595959', fontFamily: CHART_FONT },
        splitArea: { show: false },
        splitLine: { lineStyle: { color: '#e8e8e8' } },
        axisLine: { lineStyle: { color: '#e8e8e8' } },
      },
      series: [
        {
          name: title,
          type: 'radar',
          symbolSize: 4,
          data: series.map((s) => ({
            name: s.name,
            value: s.values.map((v) => Number(fmt(Math.max(0, Math.min(1, v)) * 100, 1))),
            itemStyle: { color: s.color },
            lineStyle: { color: s.color, width: 2, type: s.dashed ? 'dashed' : 'solid' },
            areaStyle: s.dashed ? undefined : { color: s.color, opacity: 0.18 },
          })),
        },
      ],
    },
  };
}
