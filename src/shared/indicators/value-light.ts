/**
 * The light of a reported plan-indicator value, on the reporting sheet and in the value form alike (the server sends
 * the facts, the form calls the same function as the figure is typed):
 * - a city's value on the region's plan: cityStatus (the region's target of the year);
 * - the region's value of a quarterly period: the quarter's light on the quarter's path (quarters.ts), the same rule
 *   and start as the indicator's quarterly view, so one figure never shows two lights;
 * - the region's value of a year: indicatorStatus on the path;
 * - a value of an indicator without a baseline (a city's own plan): unbasedStatus against the year's target, if any.
 */
import { partOfRegionTotal } from './checks';
import { printedTarget, targetText } from './format';
import { boundAgainstDirection, yearlyTargets, type PathInput } from './interpolate';
import { quarterLight, quarterPathValue, type Quarter, type QuarterStart } from './quarters';
import { isNumericTarget, type Direction, type Nature, type Target } from './schema';
import { cityStatus, indicatorStatus, statusLabels, unbasedStatus, unbasedTarget, type StatusResult, type Thresholds } from './status';

/** what a reported value's light is judged from: the plan's path of the indicator (null: no baseline), the unit, the period */
export interface ValueLightFacts {
  path: (PathInput & { nature: Nature; overrides: [number, Target][] }) | null;
  year: number;
  /** the value is a city's on the region's plan (judged by cityStatus) */
  city: boolean;
  /** the indicator's unit (a city's count or amount is not judged against the region's total: cityStatus) */
  unit: string;
  regionName: string;
  thresholds?: Thresholds;
  /** the region's value of a quarterly period: the quarter, and where its year starts (quarterStart; null: no start) */
  quarter?: { quarter: Quarter; start: QuarterStart | null } | null;
  /** no path (no baseline): the year's target as the monitoring table holds the figure to it (unbasedStatus), and the direction */
  unbased?: { yearTarget: Target | null; direction: Direction } | null;
}

/** the target a value is held to: the year's figure and its text as the tables print it, and a quarterly period's 序时进度 */
export interface ValueTarget {
  figure: number;
  text: string;
  /** the region's value of a quarterly period: the quarter's path figure the light holds it to (null: no start to draw it from) */
  quarter: { quarter: Quarter; figure: number | null } | null;
}

/**
 * The target of the year that valueStatus holds the value to, from the same facts: the form prints it beside the input,
 * the checks compare with it (a constraint missed), so neither names a target the light does not judge by. Null when
 * the light holds the value to none (no figure for the year, a bound against the direction, a city's part of a total).
 */
export function valueTarget(f: ValueLightFacts): ValueTarget | null {
  const p = f.path;
  if (!p) {
    const t = f.unbased ? unbasedTarget(f.unbased.yearTarget, f.unbased.direction) : null;
    return t ? { figure: t.value, text: targetText(t), quarter: null } : null;
  }
  if (f.year <= p.baselineYear || f.year > p.targetYear) return null;
  if (f.city && partOfRegionTotal({ measure: p.measure, unit: f.unit })) return null;
  const yt = yearlyTargets(p, new Map(p.overrides)).find((y) => y.year === f.year);
  if (!yt?.target || !isNumericTarget(yt.target) || boundAgainstDirection(yt.target, p.direction)) return null;
  const q = f.quarter && !f.city ? f.quarter : null;
  const quarter = q ? { quarter: q.quarter, figure: q.start ? quarterPathValue({ start: q.start.value, yearTarget: yt.target.value, direction: p.direction, measure: p.measure }, q.quarter) : null } : null;
  return { figure: yt.target.value, text: printedTarget(yt.target, yt.origin, p), quarter };
}

/** the one figure the light holds a value to, and what it is called in a message */
export interface HeldTarget {
  figure: number;
  /** the figure as the tables print it (≥94, 92.9 for a worked-out 92.82; a quarter's 序时进度 as worked out) */
  text: string;
  /** what the figure is: 「2024年目标」, or 「2024年第2季度序时进度」 for the region's value of a quarterly period */
  name: string;
}

/**
 * The figure valueStatus holds the value to (its StatusResult.yearTarget), from the same facts: the year's target, or
 * on a quarterly period the quarter's 序时进度 (quarterLight judges a quarter's figure by it, never by the year's
 * target). The checks' 约束性 warning compares with it (checkFacts), so the warning and the light never read two
 * targets. Null where the light holds the value to none: no target (valueTarget), or a quarter with no start.
 */
export function heldTarget(f: ValueLightFacts, t: ValueTarget | null = valueTarget(f)): HeldTarget | null {
  if (!t) return null;
  if (!t.quarter) return { figure: t.figure, text: t.text, name: `${f.year}年目标` };
  return t.quarter.figure === null ? null : { figure: t.quarter.figure, text: String(t.quarter.figure), name: `${f.year}年第${t.quarter.quarter}季度序时进度` };
}

/** the target in the value form's words: 「2024年目标 ≥93」, with 「第3季度序时进度 93.5」 for a quarterly period */
export function valueTargetLine(f: Pick<ValueLightFacts, 'year'>, t: ValueTarget): string {
  const quarter = t.quarter?.figure != null ? `，第${t.quarter.quarter}季度序时进度${t.quarter.figure}` : '';
  return `${f.year}年目标${t.text}${quarter}`;
}

export function valueStatus(f: ValueLightFacts, actual: number): StatusResult {
  const p = f.path;
  const level = !p && f.unbased ? unbasedStatus({ year: f.year, yearTarget: f.unbased.yearTarget, direction: f.unbased.direction, unit: f.unit, actual }) : null;
  if (level) return level;
  if (!p || f.year <= p.baselineYear || f.year > p.targetYear) return { status: 'unknown', label: statusLabels.unknown, yearTarget: null, ratio: null, band: null, reason: '无基期值或年份不在规划期内，无法判断' };
  const overrides = new Map(p.overrides);
  const yearTarget = yearlyTargets(p, overrides).find((y) => y.year === f.year);
  if (f.city) {
    return cityStatus({ direction: p.direction, measure: p.measure, unit: f.unit, baseline: p.baseline, final: p.target, yearTarget: yearTarget?.target ?? null, yearTargetOrigin: yearTarget?.origin ?? 'unset', year: f.year, targetYear: p.targetYear, actual, regionName: f.regionName });
  }
  if (f.quarter) {
    const figure = yearTarget?.target && isNumericTarget(yearTarget.target) ? yearTarget.target.value : null;
    return quarterLight({ year: f.year, start: f.quarter.start, yearTarget: figure, direction: p.direction, measure: p.measure, nature: p.nature, unit: f.unit, quarter: f.quarter.quarter, actual, thresholds: f.thresholds });
  }
  return indicatorStatus({ ...p, unit: f.unit, year: f.year, actual, overrides, thresholds: f.thresholds });
}
