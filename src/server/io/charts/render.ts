/**
 * Charts as PNG for documents (the 反馈意见书 embeds the city's radar and rank charts): ECharts draws the option
 * from src/shared/charts as SVG on the server (no DOM, no canvas), resvg turns the SVG into a PNG with the
 * system's CJK font. The same option is what the browser draws, so a chart looks the same on screen and on paper.
 */
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import type { ChartSpec } from '../../../shared/charts';

/** The face resvg falls back to when a family named in the SVG is not installed (Noto Sans CJK SC is, on the server). */
const DEFAULT_FONT = 'Noto Sans CJK SC';

/** The option as an SVG document of widthPx × heightPx (no animation: the final frame). */
export function renderChartSvg(option: Record<string, unknown>, widthPx: number, heightPx: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: widthPx, height: heightPx });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * The option as a PNG of widthPx × heightPx at `scale` (2: sharp when printed at the width in a document).
 * Returns the PNG bytes.
 */
export function renderChartPng(option: Record<string, unknown>, widthPx: number, heightPx: number, scale = 2): Buffer {
  const svg = renderChartSvg(option, widthPx, heightPx);
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: DEFAULT_FONT, sansSerifFamily: DEFAULT_FONT },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}

/** A chart from src/shared/charts at its own size. */
export const renderChartSpecPng = (spec: ChartSpec, scale = 2): Buffer => renderChartPng(spec.option, spec.width, spec.height, scale);
