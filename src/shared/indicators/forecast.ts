/**
 * A forecast of the plan year's value from the trend: an ordinary least-squares line through the observed
 * points (the baseline year's figure and every accepted yearly value), evaluated at the target year. Needs
 * at least two distinct years. The line is read within what the indicator's figures can be: never below `floor`
 * (no plan indicator is negative: a falling count does not forecast −3 项), never above `cap` (a rate, 100), and
 * in whole numbers for a count (`whole`: 10.6 项 is no figure anyone reports). The value is given to
 * FORECAST_DECIMALS places here, once, so that the page, the .xlsx and the .docx print the same figure (the sheet
 * showed 95.104 where the report showed 95.1), and whether it reaches the target is judged on that figure. The method
 * is named in `method` so that the page and the report can say how the figure was found.
 */
import { round4 } from './interpolate';

export interface TrendPoint {
  year: number;
  value: number;
}

export interface Forecast {
  year: number;
  value: number;
  /** change per year of the fitted line */
  slope: number;
  /** the years the line was fitted on */
  years: number[];
  method: string;
}

/** a trend read five years ahead is no finer than the figures it was fitted on (93.61, 94.52) */
export const FORECAST_DECIMALS = 2;
const toDecimals = (x: number) => Math.round(x * 10 ** FORECAST_DECIMALS) / 10 ** FORECAST_DECIMALS + 0;

export const FORECAST_METHOD = '最小二乘线性趋势外推（基期值及各年已确认值）';

export function leastSquaresForecast(points: readonly TrendPoint[], year: number, opts: { cap?: number; floor?: number; whole?: boolean } = {}): Forecast | null {
  const byYear = new Map<number, number>();
  for (const p of points) if (Number.isFinite(p.value)) byYear.set(p.year, p.value);
  const xs = [...byYear.keys()].sort((a, b) => a - b);
  if (xs.length < 2) return null;
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = xs.reduce((a, x) => a + byYear.get(x)!, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const x of xs) {
    sxy += (x - mx) * (byYear.get(x)! - my);
    sxx += (x - mx) * (x - mx);
  }
  const slope = sxy / sxx;
  let value = my + slope * (year - mx);
  if (opts.whole) value = Math.round(value);
  if (opts.cap !== undefined && value > opts.cap) value = opts.cap;
  if (opts.floor !== undefined && value < opts.floor) value = opts.floor;
  return { year, value: toDecimals(value), slope: round4(slope), years: xs, method: FORECAST_METHOD };
}
