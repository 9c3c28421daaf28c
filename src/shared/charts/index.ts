/**
 * Chart definitions shared by the browser (src/web/components/EChart.tsx) and the server's PNG rendering for
 * documents (src/server/io/charts/render.ts): one ECharts option per chart, so a chart looks the same on screen
 * and on paper.
 */
export * from './theme';
export { rankingChart, rankingLabel, type RankingBar } from './ranking';
export { domainRadarChart, radarAxisName, type RadarAxis, type RadarSeries } from './radar';
export { yearOnYearChart, yoyAxis, type YoyRow } from './year-on-year';
export { evaluationRadarChart, type EvaluationGroup } from './evaluation';
export { domainRates, resultsRadarChart, resultsRankingChart, resultsYearOnYearChart } from './results';
export { indicatorPathChart, valueAxis, type IndicatorChartInput, type PathSeries } from './indicators';
