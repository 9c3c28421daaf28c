/**
 * The parts of ECharts the charts in src/shared/charts use, and nothing else (bar, line, radar, their components, the
 * SVG renderer). Only EChart.tsx imports this, dynamically, so ECharts is its own chunk loaded by the first page
 * that draws a chart, never by the login page.
 */
import { init, use as register } from 'echarts/core';
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

register([BarChart, LineChart, RadarChart, GridComponent, LegendComponent, RadarComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export { init };
