/**
 * Plan indicators: rows → response shapes (src/shared/contracts/indicators.ts). The arithmetic is the shared
 * pure code (src/shared/indicators: interpolate, status, forecast), so the browser and the exports read the same.
 */
import type { ActualView, CityMatrix, IndicatorRow, PlanView, QuarterCell, QuarterView, RollCountView, StatusView, YearTargetView } from '../../../shared/contracts/indicators';
import {
  indicatorStatus,
  isNumericTarget,
  figureBounds,
  leastSquaresForecast,
  MEASURE_LABELS,
  TARGET_ORIGIN_LABELS,
  targetText,
  thresholdsOf,
  atLeastAsGood,
  CITY_STATUS_RULE,
  cityStatus,
  yearlyTargets,
  QUARTER_PATH_RULE,
  QUARTER_START_LABELS,
  QUARTERS,
  quarterPathValue,
  quarterStart,
  quarterStatus,
  type PathInput,
  type Target,
} from '../../../shared/indicators';
import { abilities, assumedHere, departmentCodes, responsibleAmong, type PlanAccess } from './indicators.policy';
import type { AcceptedValue, IndicatorDbRow, Org, PlanRow, QuarterValue, TargetRow } from './indicators.queries';


export function presentPlan(a: PlanAccess, owner: Org, indicatorCount: number, years: number[]): PlanView {
  const p = a.plan;
  return {
    id: p.id,
    code: p.code,
    title: p.title,
    region: { id: a.region.id, name: a.region.name },
    owner: { id: owner.id, name: owner.name },
    baselineYear: p.baseline_year,
    targetYear: p.target_year,
    thresholds: thresholdsOf(p.thresholds_json),
    indicatorCount,
    years,
    defaultYear: years.length ? years[years.length - 1]! : Math.min(p.baseline_year + 1, p.target_year),
    abilities: abilities(a),
  };
}

export const targetOf = (ind: IndicatorDbRow): Target => JSON.parse(ind.target_json) as Target;

function pathInput(plan: PlanRow, ind: IndicatorDbRow): PathInput | null {
  if (ind.baseline === null) return null;
  return { baseline: Number(ind.baseline), target: targetOf(ind), baselineYear: plan.baseline_year, targetYear: plan.target_year, direction: ind.direction, measure: ind.measure };
}

const overridesOf = (targets: TargetRow[]) => new Map<number, Target>(targets.map((t) => [t.year, JSON.parse(t.target_json) as Target]));

/** every year's target of one indicator, with where it comes from (a stored override carries its reason and version) */
export function pathOf(plan: PlanRow, ind: IndicatorDbRow, targets: TargetRow[]): YearTargetView[] {
  const stored = new Map(targets.map((t) => [t.year, t]));
  const input = pathInput(plan, ind);
  const out: YearTargetView[] = [];
  for (let y = plan.baseline_year; y <= plan.target_year; y++) {
    const s = stored.get(y);
    if (s && y !== plan.baseline_year) {
      const t = JSON.parse(s.target_json) as Target;
      out.push({ year: y, target: t, text: targetText(t), origin: s.origin, originLabel: TARGET_ORIGIN_LABELS[s.origin] ?? s.origin, reason: s.reason, version: s.version });
      continue;
    }
    if (input) {
      const yt = yearlyTargets(input).find((x) => x.year === y)!;
      out.push({ year: y, target: yt.target, text: targetText(yt.target, input), origin: yt.origin, originLabel: TARGET_ORIGIN_LABELS[yt.origin]!, reason: null, version: null });
    } else {
      // no baseline (a city's own plan): only the plan year's target is known
      const t = y === plan.target_year ? targetOf(ind) : null;
      out.push({ year: y, target: t, text: targetText(t), origin: t ? 'plan' : 'unset', originLabel: t ? TARGET_ORIGIN_LABELS.plan! : '基期值未录入，无序时目标', reason: null, version: null });
    }
  }
  return out;
}

/** status of an actual of `year`: against the year's target (metYear) and the path (提前实现 / 符合预期 / 滞后) */
export function statusOf(plan: PlanRow, ind: IndicatorDbRow, targets: TargetRow[], year: number, actual: number): StatusView {
  const input = pathInput(plan, ind);
  const yt = pathOf(plan, ind, targets).find((p) => p.year === year);
  const yearFigure = yt?.target && isNumericTarget(yt.target) ? yt.target.value : null;
  const metYear = yearFigure === null ? null : atLeastAsGood(actual, yearFigure, ind.direction);
  if (!input) {
    return { year, status: 'unknown', label: '无法判断', yearTarget: yearFigure, ratio: null, reason: '基期值未录入，无法计算序时进度', metYear };
  }
  const r = indicatorStatus({ ...input, nature: ind.nature, year, actual, overrides: overridesOf(targets), thresholds: thresholdsOf(plan.thresholds_json) });
  return { year, status: r.status, label: r.label, yearTarget: r.yearTarget, ratio: r.ratio, reason: r.reason, metYear };
}

/** the plan year's value from the trend (baseline and accepted values), and whether it reaches the final target */
export function forecastOf(plan: PlanRow, ind: IndicatorDbRow, values: AcceptedValue[]) {
  const points = values.map((v) => ({ year: v.year, value: v.value }));
  if (ind.baseline !== null) points.push({ year: plan.baseline_year, value: Number(ind.baseline) });
  if (!values.length) return null;
  // read within what a figure of the indicator can be (the bounds values and targets are held to)
  const f = leastSquaresForecast(points, plan.target_year, figureBounds(ind));
  if (!f) return null;
  const t = targetOf(ind);
  const reaches = isNumericTarget(t) ? atLeastAsGood(f.value, t.value, ind.direction) : null;
  return { year: f.year, value: f.value, slope: f.slope, method: f.method, reaches };
}

export const actualOf = (v: AcceptedValue): ActualView => ({ year: v.year, value: v.value, demo: v.demo });

export function presentIndicator(
  plan: PlanRow,
  ind: IndicatorDbRow,
  /** the number it reads by (indicatorNumbers over the plan's indicators) */
  number: number,
  departments: Map<string, Org>,
  targets: TargetRow[],
  regionValues: AcceptedValue[],
  year: number,
  rollCount: RollCountView | null = null,
): IndicatorRow {
  const target = targetOf(ind);
  const upTo = regionValues.filter((v) => v.year <= year);
  const latest = upTo[upTo.length - 1] ?? null;
  // its 责任单位: the departments that answer for the region's figure (responsibleAmong, the raise's and the to-dos'
  // rule). A city's plan stores the province's departments of the indicators it shares (the seed names none of its
  // own); those are not the city's, and neither is the province's assumption about them.
  const codes = departmentCodes(ind);
  const responsible = responsibleAmong({ id: plan.region_org_id }, codes, departments);
  return {
    id: ind.id,
    code: ind.code,
    number,
    group: ind.group_name,
    name: ind.name,
    unit: ind.unit,
    baseline: ind.baseline === null ? null : Number(ind.baseline),
    target,
    targetText: targetText(target),
    nature: ind.nature,
    direction: ind.direction,
    measure: ind.measure,
    measureLabel: MEASURE_LABELS[ind.measure],
    departments: responsible.map((o) => ({ id: o.id, name: o.name })),
    assumed: assumedHere(ind.assumed, codes, responsible),
    note: ind.note,
    yearTarget: pathOf(plan, ind, targets).find((p) => p.year === year)!,
    actual: latest ? actualOf(latest) : null,
    // 名录计数 (专栏1 4–8): the count's status when no accepted value exists for the year
    status: rollCount?.usedForStatus
      ? statusOf(plan, ind, targets, rollCount.year, rollCount.value)
      : latest
        ? statusOf(plan, ind, targets, latest.year, latest.value)
        : null,
    forecast: forecastOf(plan, ind, upTo),
    rollCount,
    quarter: null,
  };
}

const figureOf = (y: YearTargetView | undefined): number | null => (y?.target && isNumericTarget(y.target) ? y.target.value : null);

/**
 * The quarters of one year of an indicator (src/shared/indicators/quarters.ts): the year's target, where the year
 * starts (last year's accepted value of the region, else last year's target), and per quarter the path at its end,
 * the region's accepted value and its light. `regionValues` are the region's accepted annual values.
 */
export function quartersOf(plan: PlanRow, ind: IndicatorDbRow, targets: TargetRow[], year: number, regionValues: AcceptedValue[], quarterValues: QuarterValue[]): Omit<QuarterView, 'indicatorId' | 'years'> {
  const path = pathOf(plan, ind, targets);
  const yt = path.find((p) => p.year === year)!;
  const yearFigure = figureOf(yt);
  const last = regionValues.find((v) => v.year === year - 1)?.value ?? null;
  const start = year > plan.baseline_year && (ind.baseline !== null || last !== null) ? quarterStart(year, plan.baseline_year, last, figureOf(path.find((p) => p.year === year - 1))) : null;
  const input = start && yearFigure !== null ? { start: start.value, yearTarget: yearFigure, direction: ind.direction, measure: ind.measure } : null;
  const thresholds = thresholdsOf(plan.thresholds_json);
  const quarters: QuarterCell[] = QUARTERS.map((q) => {
    const v = quarterValues.find((x) => x.year === year && x.quarter === q);
    const cellPath = input ? quarterPathValue(input, q) : null;
    let status: StatusView | null = null;
    if (v && input) {
      const r = quarterStatus({ ...input, nature: ind.nature, quarter: q, actual: v.value, thresholds });
      status = { year, status: r.status, label: r.label, yearTarget: yearFigure, ratio: r.ratio, reason: r.reason, metYear: atLeastAsGood(v.value, yearFigure!, ind.direction) };
    } else if (v) {
      status = { year, status: 'unknown', label: '无法判断', yearTarget: yearFigure, ratio: null, reason: yearFigure === null ? `${year}年目标值尚未确定，无法判断` : '上年无确认值且无序时目标，无法确定季度起点', metYear: null };
    }
    return { quarter: q, label: `第${q}季度`, path: cellPath, actual: v ? { value: v.value, demo: v.demo } : null, status };
  });
  return { year, yearTarget: yt, start: start ? { ...start, label: QUARTER_START_LABELS[start.from] } : null, quarters, rule: QUARTER_PATH_RULE };
}

/**
 * A city's light in the matrix: the region's path has no city baselines, so a city's latest accepted figure is
 * compared with the region's target of that year (and the plan's final target for 提前实现).
 */
export const CITY_LIGHT_RULE = CITY_STATUS_RULE;

export function cityLight(plan: PlanRow, ind: IndicatorDbRow, targets: TargetRow[], v: AcceptedValue, regionName: string): CityMatrix['rows'][number]['cells'][number]['light'] {
  const yt = pathOf(plan, ind, targets).find((p) => p.year === v.year);
  return cityStatus({
    direction: ind.direction,
    baseline: ind.baseline === null ? null : Number(ind.baseline),
    final: targetOf(ind),
    yearTarget: yt?.target ?? null,
    yearTargetOrigin: yt?.origin ?? 'unset',
    year: v.year,
    targetYear: plan.target_year,
    actual: v.value,
    regionName,
  }).status;
}
