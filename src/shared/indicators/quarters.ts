/**
 * Quarterly monitoring (季度监测): where the path (序时进度) stands at a quarter's end, and a quarter's light.
 *
 * The rule, linear within the year:
 * - the year starts from last year's accepted figure of the region (实际值), or, when there is none, last year's
 *   target on the path (the baseline in the plan's first year);
 * - the path at the end of quarter q is start + (year's target − start) × q / 4 (rounded to 4 decimals; a stock
 *   count is rounded to whole items toward the better side, as the yearly path is), so Q4 is the year's target;
 * - when the start already meets the year's target there is no progress to make within the year: every quarter's
 *   path is the year's target itself (a level to hold).
 *
 * A quarter's light (the year's thresholds):
 * - 提前实现: before Q4 the value already meets the year's target while the year asks for progress;
 * - a level to hold: 符合预期 when the value meets the quarter's path, else 滞后;
 * - a quarter whose path, once rounded, is still the start (78.9 → 78.9001: 0.000025 a quarter rounds to 78.9 in Q1
 *   and Q2) asks no progress by its end, so there is no share to divide by (it was 0 / 0 = NaN, or ±Infinity): the
 *   value is judged against that quarter's path itself — 符合预期 when it meets it, else 滞后 — with no ratio
 *   (null), as a level to hold is; 提前实现 before Q4 as in any quarter;
 * - otherwise the share of the progress required by the quarter's end, (value − start) / (path − start), signed by
 *   the direction: a binding (约束性) indicator must meet the quarter's path itself; an expected one is 符合预期 at
 *   or above `onTrack` (95%), else 滞后;
 * - 无法判断 when the year's target has no figure yet (a national target not entered) or the year has no start.
 */
import { atLeastAsGood, round4 } from './interpolate';
import type { Direction, Measure, Nature } from './schema';
import { openSdgThresholds, statusLabels, withUnit, type Band, type StatusResult, type Thresholds } from './status';

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

export type QuarterStartFrom = 'actual' | 'target' | 'baseline';
export interface QuarterStart {
  value: number;
  year: number;
  from: QuarterStartFrom;
}

export const QUARTER_START_LABELS: Record<QuarterStartFrom, string> = { actual: '上年确认值', target: '上年目标', baseline: '基期值' };

export const QUARTER_PATH_RULE =
  '季度序时进度：以上年确认值（无确认值时为上年目标，规划首年为基期值）为起点，按季度在年内线性推进至当年目标（第q季度末 = 起点 + (当年目标 − 起点) × q ÷ 4）；起点已达到当年目标的，各季度均以当年目标为准；季度序时进度取整后仍等于起点的（该季度应达进度为零），以该季度序时进度本身判断。第四季度前已达到当年目标为提前实现；约束性指标须达到季度序时进度，预期性指标完成季度应达进度的比例不低于阈值为符合预期，否则为滞后。';

export interface QuarterStartFacts {
  year: number;
  /** the plan's baseline year (no quarter of it or before it has a start) */
  baselineYear: number;
  /** whether the indicator has a baseline figure (without one, only last year's accepted figure can start the year) */
  hasBaseline: boolean;
  /** last year's accepted annual figure of the region, if any */
  lastActual: number | null;
  /** last year's target figure on the path (the baseline in the first year), if any */
  lastTarget: number | null;
}

/**
 * The year's starting point: last year's accepted figure when there is one, else last year's target (the baseline in
 * the first year); none in or before the baseline year, and none from a target when the indicator has no baseline.
 * The indicator's quarterly view and the reporting sheet both start here.
 */
export function quarterStart(f: QuarterStartFacts): QuarterStart | null {
  if (f.year <= f.baselineYear) return null;
  if (f.lastActual !== null) return { value: f.lastActual, year: f.year - 1, from: 'actual' };
  if (!f.hasBaseline || f.lastTarget === null) return null;
  return { value: f.lastTarget, year: f.year - 1, from: f.year - 1 === f.baselineYear ? 'baseline' : 'target' };
}

export interface QuarterPathInput {
  start: number;
  /** the year's target figure */
  yearTarget: number;
  direction: Direction;
  measure: Measure;
}

/** true when the start already meets the year's target (a level to hold within the year) */
export const holdsLevel = (p: QuarterPathInput): boolean => atLeastAsGood(p.start, p.yearTarget, p.direction);

/** the path (序时进度) at the end of quarter q */
export function quarterPathValue(p: QuarterPathInput, quarter: Quarter): number {
  if (holdsLevel(p)) return p.yearTarget;
  const raw = round4(p.start + ((p.yearTarget - p.start) * quarter) / 4);
  if (p.measure !== 'stock') return raw;
  return p.direction === 'higher' ? Math.ceil(raw - 1e-9) : Math.floor(raw + 1e-9);
}

export interface QuarterStatusInput extends QuarterPathInput {
  nature: Nature;
  /** the indicator's unit, written after each figure of the reason */
  unit: string;
  quarter: Quarter;
  actual: number;
  thresholds?: Thresholds;
}

const fmt = (x: number) => String(round4(x));

export function quarterStatus(input: QuarterStatusInput): StatusResult {
  const th = input.thresholds ?? openSdgThresholds;
  const { actual, direction, quarter, yearTarget, start } = input;
  const path = quarterPathValue(input, quarter);
  const q = `第${quarter}季度`;
  const u = (x: number) => withUnit(x, input.unit);
  const result = (status: StatusResult['status'], ratio: number | null, band: Band | null, reason: string): StatusResult => ({ status, label: statusLabels[status], yearTarget: path, ratio, band, reason });
  if (holdsLevel(input)) {
    return atLeastAsGood(actual, path, direction)
      ? result('on_track', null, 'substantial', `${q}值${u(actual)}达到当年目标${u(yearTarget)}`)
      : result('lagging', null, 'limited', `${q}值${u(actual)}未达到当年目标${u(yearTarget)}`);
  }
  const s = direction === 'higher' ? 1 : -1;
  const due = s * (path - start);
  const metPath = atLeastAsGood(actual, path, direction);
  // no progress due by the quarter's end (its rounded path is the start): no share to divide by, see the rule above
  const ratio = due > 0 ? round4((s * (actual - start)) / due) : null;
  const band: Band = ratio === null ? (metPath ? 'substantial' : 'limited') : ratio >= th.onTrack ? 'substantial' : ratio >= th.fair ? 'fair' : 'limited';
  if (quarter < 4 && atLeastAsGood(actual, yearTarget, direction)) {
    return result('ahead', ratio, band, `${q}值${u(actual)}已达到当年目标${u(yearTarget)}`);
  }
  if (ratio === null) {
    const why = `${q}序时进度与起点${u(start)}相同（应达进度取整后为零），`;
    return metPath
      ? result('on_track', null, band, `${why}${q}值${u(actual)}达到季度序时进度${u(path)}`)
      : result('lagging', null, band, `${why}${q}值${u(actual)}未达到季度序时进度${u(path)}`);
  }
  const pct = `${fmt(ratio * 100)}%`;
  if (input.nature === '约束性') {
    return metPath
      ? result('on_track', ratio, band, `约束性指标，${q}值${u(actual)}达到季度序时进度${u(path)}`)
      : result('lagging', ratio, band, `约束性指标，${q}值${u(actual)}未达到季度序时进度${u(path)}（完成应达进度的${pct}）`);
  }
  return ratio >= th.onTrack
    ? result('on_track', ratio, band, `${q}完成应达进度的${pct}，不低于${fmt(th.onTrack * 100)}%（序时进度${u(path)}）`)
    : result('lagging', ratio, band, `${q}完成应达进度的${pct}，低于${fmt(th.onTrack * 100)}%（序时进度${u(path)}）`);
}

export interface QuarterLightInput {
  year: number;
  /** where the year starts (quarterStart), null when it has none */
  start: QuarterStart | null;
  /** the year's target figure, null when it has none (a national target not entered) */
  yearTarget: number | null;
  direction: Direction;
  measure: Measure;
  nature: Nature;
  /** the indicator's unit, written after each figure of the reason */
  unit: string;
  quarter: Quarter;
  actual: number;
  thresholds?: Thresholds;
}

/**
 * A quarterly figure's light: quarterStatus, or 无法判断 saying why (no figure for the year's target, no start). The
 * indicator's quarterly view and a quarterly period's reporting sheet both ask here.
 */
export function quarterLight(i: QuarterLightInput): StatusResult {
  const unknown = (reason: string): StatusResult => ({ status: 'unknown', label: statusLabels.unknown, yearTarget: null, ratio: null, band: null, reason });
  if (i.yearTarget === null) return unknown(`${i.year}年目标值尚未确定，无法判断`);
  if (!i.start) return unknown('上年无确认值且无序时目标，无法确定季度起点');
  return quarterStatus({ start: i.start.value, yearTarget: i.yearTarget, direction: i.direction, measure: i.measure, nature: i.nature, unit: i.unit, quarter: i.quarter, actual: i.actual, thresholds: i.thresholds });
}
