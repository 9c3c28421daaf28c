/**
 * Status of an indicator in a year against its path (序时进度): 提前实现 / 符合预期 / 滞后.
 *
 * progress ratio = (actual − baseline) / (year's target − baseline), signed by the direction, i.e. the share of
 * the progress required by this year that was made. Open SDG's bands grade it: ≥ 95 % substantial, 60–95 %
 * fair, < 60 % limited (thresholds configurable). The status:
 * - 提前实现 (ahead): the actual already meets the plan's final target, before the target year, and the
 *   plan asks for progress (not merely to hold a level already reached);
 * - 符合预期 (on track): an expected (预期性) indicator whose ratio reaches `onTrack` (95 %); a binding
 *   (约束性) indicator has no tolerance: it must meet the year's target itself;
 * - 滞后 (lagging): otherwise. A target that only holds a level (baseline already meets it: 100 → 100,
 *   98 → ≥98) is on track when met and lagging when missed, whatever the nature.
 * - 无法判断 (unknown): no figure for the year's target (a national target not yet entered), or a bound against the
 *   indicator's direction ("≤90" where higher is better: refused where targets are set, never judged as met).
 */
import { printedFigure, targetText } from './format';
import { atLeastAsGood, boundAgainstDirection, round4, yearlyTargets, type PathInput } from './interpolate';
import { partOfRegionTotal } from './checks';
import { isNumericTarget, type Measure, type Nature, type NumericTarget, type Target } from './schema';

export interface Thresholds {
  /** share of the required progress at or above which an expected indicator is on track (Open SDG 0.95) */
  onTrack: number;
  /** share at or above which progress is "fair" rather than "limited" (Open SDG 0.6) */
  fair: number;
}
export const openSdgThresholds: Thresholds = { onTrack: 0.95, fair: 0.6 };

/**
 * A plan's stored thresholds (indicator_plan.thresholds_json, the one shape `{onTrack, fair}`) as the status code
 * takes them; a missing, malformed or out-of-order figure falls back to Open SDG's. The one reader of that column.
 */
export function thresholdsOf(json: string | null | undefined): Thresholds {
  let t: { onTrack?: unknown; fair?: unknown } = {};
  try {
    t = (json ? JSON.parse(json) : {}) as typeof t;
  } catch {
    return openSdgThresholds;
  }
  const ok = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1;
  const onTrack = ok(t?.onTrack) ? t.onTrack : openSdgThresholds.onTrack;
  const fair = ok(t?.fair) ? t.fair : openSdgThresholds.fair;
  return fair <= onTrack ? { onTrack, fair } : openSdgThresholds;
}

export type Status = 'ahead' | 'on_track' | 'lagging' | 'unknown';
export const statusLabels: Record<Status, string> = {
  ahead: '提前实现',
  on_track: '符合预期',
  lagging: '滞后',
  unknown: '无法判断',
};
export type Band = 'substantial' | 'fair' | 'limited';

export interface StatusInput extends PathInput {
  nature: Nature;
  /** the indicator's unit (%, 个, 亿元), written after each figure of the reason */
  unit: string;
  year: number;
  actual: number;
  /** yearly targets set apart from the interpolation (工作要点, the office's edit, a national figure) */
  overrides?: ReadonlyMap<number, Target>;
  thresholds?: Thresholds;
}

export interface StatusResult {
  status: Status;
  label: string;
  /** the year's target figure the actual was compared with, null when unknown */
  yearTarget: number | null;
  /** share of the required progress made (null for a target that only holds a level, or unknown) */
  ratio: number | null;
  band: Band | null;
  /** one sentence in Chinese saying why */
  reason: string;
}

const fmt = (x: number) => String(round4(x));
/** a figure with its unit, set in the sentence as a 公文 writes it: 96%, 2320个 */
export const withUnit = (x: number | string, unit: string): string => `${typeof x === 'number' ? fmt(x) : x}${unit}`;

export function indicatorStatus(input: StatusInput): StatusResult {
  const th = input.thresholds ?? openSdgThresholds;
  if (!(th.fair >= 0 && th.fair <= th.onTrack && th.onTrack <= 1)) throw new Error('阈值须满足0 ≤ 一般 ≤ 符合预期 ≤ 1');
  const years = yearlyTargets(input, input.overrides);
  const yt = years.find((y) => y.year === input.year);
  if (!yt) throw new Error(`年份${input.year}不在规划期${input.baselineYear}—${input.targetYear}内`);
  const final = years[years.length - 1]!.target;
  const result = (status: Status, yearTarget: number | null, ratio: number | null, band: Band | null, reason: string): StatusResult => ({
    status,
    label: statusLabels[status],
    yearTarget,
    ratio,
    band,
    reason,
  });
  if (!yt.target || !isNumericTarget(yt.target)) {
    return result('unknown', null, null, null, `${input.year}年目标值尚未确定，无法判断`);
  }
  if (boundAgainstDirection(yt.target, input.direction)) {
    return result('unknown', null, null, null, `${input.year}年目标${targetText(yt.target)}与指标方向相反（${input.direction === 'higher' ? '越高越好' : '越低越好'}），无法判断，请质强办改正该年目标`);
  }
  const { direction, baseline, actual } = input;
  const s = direction === 'higher' ? 1 : -1;
  const target = yt.target.value;
  const finalValue = final && isNumericTarget(final) ? final.value : null;
  const planAsksProgress = finalValue !== null && s * (finalValue - baseline) > 0;
  const metYear = atLeastAsGood(actual, target, direction);
  const u = (x: number | string) => withUnit(x, input.unit);
  const targetShown = u(printedFigure(target, yt.origin, input));

  const required = s * (target - baseline);
  if (required <= 0) {
    // a level to hold: met or not
    if (planAsksProgress && input.year < input.targetYear && atLeastAsGood(actual, finalValue, direction)) {
      return result('ahead', target, null, 'substantial', `实际值${u(actual)}已达到规划目标${u(finalValue)}`);
    }
    return metYear
      ? result('on_track', target, null, 'substantial', `实际值${u(actual)}达到${input.year}年目标${targetShown}`)
      : result('lagging', target, null, 'limited', `实际值${u(actual)}未达到${input.year}年目标${targetShown}`);
  }
  const ratio = round4((s * (actual - baseline)) / required);
  const band: Band = ratio >= th.onTrack ? 'substantial' : ratio >= th.fair ? 'fair' : 'limited';
  const pct = `${fmt(ratio * 100)}%`;
  if (planAsksProgress && input.year < input.targetYear && atLeastAsGood(actual, finalValue, direction)) {
    return result('ahead', target, ratio, band, `实际值${u(actual)}已达到规划目标${u(finalValue)}`);
  }
  if (input.nature === '约束性') {
    return metYear
      ? result('on_track', target, ratio, band, `约束性指标，实际值${u(actual)}达到${input.year}年目标${targetShown}`)
      : result('lagging', target, ratio, band, `约束性指标，实际值${u(actual)}未达到${input.year}年目标${targetShown}（完成序时进度的${pct}）`);
  }
  return ratio >= th.onTrack
    ? result('on_track', target, ratio, band, `完成序时进度的${pct}，不低于${fmt(th.onTrack * 100)}%`)
    : result('lagging', target, ratio, band, `完成序时进度的${pct}，低于${fmt(th.onTrack * 100)}%`);
}

/**
 * how a binding (约束性) indicator is judged, in the words of statusRule and the monitoring page: against its year's
 * target itself, however near its progress (indicatorStatus's 约束性 branch)
 */
export const BINDING_RULE = '约束性指标须达到当年目标，不设容差';

/**
 * The status rule in one sentence, from the plan's thresholds (indicator_plan.thresholds_json): what indicatorStatus()
 * does, in its order — 提前实现 first (the plan's final target met before the target year, binding or not), then the
 * share of the year's required progress (约束性: the year's target itself), else 滞后; no year figure, 无法判断. The one
 * wording of the monitoring page's note, the Excel sheet's note and the Word report; a changed threshold changes all.
 */
export function statusRule(th: Thresholds): string {
  return `状态按序时进度判断：目标年之前已达到规划目标为提前实现；实际进度 ÷ 当年应达进度 ≥ ${fmt(th.onTrack * 100)}%为符合预期，${BINDING_RULE}；否则为滞后；当年目标未定为无法判断。`;
}

/** the target an indicator without a baseline is held to in a year (unbasedStatus): a figure, not a bound against its direction; null: none */
export const unbasedTarget = (t: Target | null, direction: PathInput['direction']): NumericTarget | null => (t && isNumericTarget(t) && !boundAgainstDirection(t, direction) ? t : null);

/**
 * A figure of an indicator without a baseline (a city's own plan: its seed gives the targets, not the 2020 figures):
 * there is no path, so no 序时进度 and no 提前实现; but where the year has a target figure — the plan year's, or one
 * the office set — the figure is held against it as a level: 符合预期 when met, 滞后 when missed (constraint or not).
 * Null when the year has no figure to hold it to (the caller says 无法判断 in its words). The one rule of the
 * monitoring table and the reporting sheet's light for such an indicator.
 */
export function unbasedStatus(i: { year: number; yearTarget: Target | null; direction: PathInput['direction']; unit: string; actual: number }): StatusResult | null {
  const t = unbasedTarget(i.yearTarget, i.direction);
  if (!t) return null;
  const r = (status: Status, reason: string): StatusResult => ({ status, label: statusLabels[status], yearTarget: t.value, ratio: null, band: null, reason });
  const shown = `${i.year}年目标${withUnit(targetText(t), i.unit)}（无基期值，不计序时进度）`;
  return atLeastAsGood(i.actual, t.value, i.direction)
    ? r('on_track', `实际值${withUnit(i.actual, i.unit)}达到${shown}`)
    : r('lagging', `实际值${withUnit(i.actual, i.unit)}未达到${shown}`);
}

/**
 * A city's status on the province's plan. The plan has no city baselines, so no 序时进度 of the city's own can be
 * computed (the province's 2020 figure is not the city's): the city's figure is held against the region's target of
 * the year — 提前实现 when it already meets the plan's final target (where the plan asks for progress), 符合预期 when it
 * meets the year's target, 滞后 otherwise, 无法判断 without a year figure. That holds for a rate or a score only: a
 * count or an amount (the province's 2,320 standards, 920 亿元) is the cities' total, so a city's 101 is a part of it,
 * never 滞后 against it — 无法判断, saying why. The one rule of the city matrix, the reporting sheet and the value form.
 */
export const CITY_STATUS_RULE = '市州无基期值，按全省同年目标比较：达到规划目标为提前实现，达到当年目标为符合预期，否则为滞后；当年目标未定为无法判断。数量、金额等总量指标的全省目标是各市州的合计，市州数值不与之比较，为无法判断。';

export interface CityStatusInput {
  direction: PathInput['direction'];
  /** with the unit, whether the region's figure is its cities' total (partOfRegionTotal): then not compared */
  measure: Measure;
  unit: string;
  /** the region's baseline (null: none), only to know whether the plan asks for progress */
  baseline: number | null;
  /** the plan's final target */
  final: Target;
  /** the region's target of the year (interpolated or set apart), null when none */
  yearTarget: Target | null;
  /** where that target comes from (YearTargetOrigin, or a stored target's origin): one worked out on the path ('interpolated') is named as the tables print it (printedFigure) */
  yearTargetOrigin: string;
  year: number;
  targetYear: number;
  actual: number;
  regionName: string;
}

export function cityStatus(i: CityStatusInput): StatusResult {
  const r = (status: Status, yearTarget: number | null, reason: string): StatusResult => ({ status, label: statusLabels[status], yearTarget, ratio: null, band: null, reason });
  if (partOfRegionTotal(i)) {
    return r('unknown', null, `总量指标（${i.unit}），${i.regionName}目标是各市州的合计，市州数值只是其中一部分，不与之比较；市州无本级基期值和目标，无法判断`);
  }
  const yt = i.yearTarget && isNumericTarget(i.yearTarget) && !boundAgainstDirection(i.yearTarget, i.direction) ? i.yearTarget.value : null;
  const final = isNumericTarget(i.final) ? i.final.value : null;
  const asksProgress = final !== null && i.baseline !== null && (i.direction === 'higher' ? final > i.baseline : final < i.baseline);
  if (asksProgress && i.year < i.targetYear && atLeastAsGood(i.actual, final, i.direction)) return r('ahead', yt, `实际值${withUnit(i.actual, i.unit)}已达到规划目标${withUnit(final, i.unit)}`);
  if (yt === null) return r('unknown', null, `${i.year}年目标值尚未确定，无法判断`);
  const rule = `市州无基期值，按${i.regionName}${i.year}年目标比较：`;
  const shown = withUnit(printedFigure(yt, i.yearTargetOrigin, i.baseline === null ? null : { baseline: i.baseline, target: i.final, direction: i.direction }), i.unit);
  return atLeastAsGood(i.actual, yt, i.direction)
    ? r('on_track', yt, `${rule}实际值${withUnit(i.actual, i.unit)}达到目标${shown}`)
    : r('lagging', yt, `${rule}实际值${withUnit(i.actual, i.unit)}未达到目标${shown}`);
}
