// Server-side chart rendering for the document kit: ECharts SVG → PNG (see render.ts).
export { renderChartPng, renderChartSpecPng, renderChartSvg } from './render';
