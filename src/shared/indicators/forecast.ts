/**
 * A forecast of the plan year's value from the trend: an ordinary least-squares line through the observed
 * points (the baseline year's figure and every accepted yearly value), evaluated at the target year. Needs
 * at least two distinct years. A rate (unit %) is capped at 100. The method is named in `method` so that the
 * page and the report can say how the figure was found.
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

export const FORECAST_METHOD = '最小二乘线性趋势外推（基期值及各年已确认值）';

export function leastSquaresForecast(points: readonly TrendPoint[], year: number, opts: { cap?: number } = {}): Forecast | null {
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
  if (opts.cap !== undefined && value > opts.cap) value = opts.cap;
  return { year, value: round4(value), slope: round4(slope), years: xs, method: FORECAST_METHOD };
}
