/**
 * Plan indicators: rows → response shapes (src/shared/contracts/indicators.ts). The arithmetic is the shared
 * pure code (src/shared/indicators: interpolate, status, forecast), so the browser and the exports read the same.
 */
import type {
  ActualView,
  CityMatrix,
  CompletenessView,
  IndicatorDetail,
  IndicatorRow,
  IndicatorTable,
  PlanView,
  QuarterCell,
  QuarterView,
  RollCountView,
  RollDetailView,
  StatusView,
  YearTargetView,
} from '../../../shared/contracts/indicators';
import { indicatorNumbers, printedTarget } from '../../../shared/indicators/format';
import {
  groups as GROUPS,
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
  unbasedStatus,
  yearlyTargets,
  QUARTER_PATH_RULE,
  QUARTER_START_LABELS,
  QUARTERS,
  quarterPathValue,
  quarterStart,
  quarterLight,
  type PathInput,
  type Target,
} from '../../../shared/indicators';
import type { IndicatorValueStatus } from '../../../shared/workflow/indicators';
import { abilities, assumedHere, departmentCodes, isReported, mayManage, raiseFor, responsibleAmong, submittedLate, type PlanAccess } from './indicators.policy';
import type { AcceptedValue, DetailInput, IndicatorDbRow, Org, PeriodRow, PlanRow, QuarterValue, TableInput, TargetRow } from './indicators.queries';


/**
 * The year a plan's monitoring opens on when none is asked: the latest year with figures in force of its region
 * (`years`); with none yet, the current reporting year — this year, or last year while a 填报期 for last year's figures
 * has opened (`opened`: the years of the plan's periods opened by today; a 2023 annual period opened in January 2024
 * collects 2023) — kept within the plan's years after its base year. (A plan without data once opened on the year after
 * its base year: a city's 2020—2025 plan on 2021, years gone.)
 */
export function defaultYearOf(plan: Pick<PlanRow, 'baseline_year' | 'target_year'>, years: readonly number[], opened: readonly number[], today: string): number {
  const latest = years.at(-1);
  if (latest !== undefined) return latest;
  const thisYear = Number(today.slice(0, 4));
  const current = opened.includes(thisYear) || !opened.includes(thisYear - 1) ? thisYear : thisYear - 1;
  return Math.min(Math.max(current, plan.baseline_year + 1), plan.target_year);
}

export function presentPlan(a: PlanAccess, owner: Org, indicatorCount: number, years: number[], opened: number[]): PlanView {
  const p = a.plan;
  return {
    id: p.id,
    code: p.code,
    title: p.title,
    region: { id: a.region.id, name: a.region.name },
    cities: a.region.kind === 'province',
    owner: { id: owner.id, name: owner.name },
    baselineYear: p.baseline_year,
    targetYear: p.target_year,
    thresholds: thresholdsOf(p.thresholds_json),
    indicatorCount,
    years,
    defaultYear: defaultYearOf(p, years, opened, a.today),
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
      out.push({ year: y, target: yt.target, text: printedTarget(yt.target, yt.origin, input), origin: yt.origin, originLabel: TARGET_ORIGIN_LABELS[yt.origin]!, reason: null, version: null });
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
    // no baseline: a year with a target figure (the plan year's, one the office set) is judged as a level against it
    const level = unbasedStatus({ year, yearTarget: yt?.target ?? null, direction: ind.direction, unit: ind.unit, actual });
    if (level) return { year, status: level.status, label: level.label, yearTarget: level.yearTarget, ratio: null, reason: level.reason, metYear };
    return { year, status: 'unknown', label: '无法判断', yearTarget: yearFigure, ratio: null, reason: '基期值未录入，无法计算序时进度', metYear };
  }
  const r = indicatorStatus({ ...input, nature: ind.nature, unit: ind.unit, year, actual, overrides: overridesOf(targets), thresholds: thresholdsOf(plan.thresholds_json) });
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
  const start = quarterStart({ year, baselineYear: plan.baseline_year, hasBaseline: ind.baseline !== null, lastActual: last, lastTarget: figureOf(path.find((p) => p.year === year - 1)) });
  const input = start && yearFigure !== null ? { start: start.value, yearTarget: yearFigure, direction: ind.direction, measure: ind.measure } : null;
  const thresholds = thresholdsOf(plan.thresholds_json);
  const quarters: QuarterCell[] = QUARTERS.map((q) => {
    const v = quarterValues.find((x) => x.year === year && x.quarter === q);
    const cellPath = input ? quarterPathValue(input, q) : null;
    let status: StatusView | null = null;
    if (v) {
      const r = quarterLight({ year, start, yearTarget: yearFigure, direction: ind.direction, measure: ind.measure, nature: ind.nature, unit: ind.unit, quarter: q, actual: v.value, thresholds });
      status = { year, status: r.status, label: r.label, yearTarget: yearFigure, ratio: r.ratio, reason: r.reason, metYear: r.status === 'unknown' ? null : atLeastAsGood(v.value, yearFigure!, ind.direction) };
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
    measure: ind.measure,
    unit: ind.unit,
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

/** The indicator table of one year, with one quarter's column when asked (tableView, indicators.views.ts). */
export function presentTable(a: PlanAccess, plan: PlanView, year: number, quarter: number | undefined, t: TableInput, rolls: Map<number, RollCountView>): IndicatorTable {
  const numbers = indicatorNumbers(t.inds);
  const rows = t.inds.map((ind) => {
    const mine = t.targets.filter((x) => x.indicator_id === ind.id);
    const regionValues = t.values.filter((v) => v.indicator_id === ind.id);
    const row = presentIndicator(a.plan, ind, numbers.get(ind.id)!, t.depts, mine, regionValues, year, rolls.get(ind.id) ?? null);
    if (quarter === undefined) return row;
    const q = quartersOf(a.plan, ind, mine, year, regionValues, t.quarterValues.filter((v) => v.indicator_id === ind.id));
    return { ...row, quarter: q.quarters.find((c) => c.quarter === quarter)! };
  });
  const present = new Set(rows.map((r) => r.group));
  return {
    plan,
    year,
    quarter: quarter ?? null,
    quarterYears: t.quarterYears,
    groups: [...GROUPS.filter((g) => present.has(g)), ...[...present].filter((g) => !(GROUPS as readonly string[]).includes(g))],
    rows,
  };
}

/** One indicator: its row (as the plan year's table shows it), target path, the region's and cities' values, statuses by year. */
export function presentDetail(a: PlanAccess, ind: IndicatorDbRow, d: DetailInput, roll: RollDetailView | null, statuses: IndicatorDetail['statuses']): IndicatorDetail {
  const row = presentIndicator(a.plan, ind, d.number, d.depts, d.targets, d.regionValues, a.plan.target_year, roll?.count ?? null);
  return {
    plan: d.plan,
    indicator: row,
    path: pathOf(a.plan, ind, d.targets),
    region: { org: { id: a.region.id, name: a.region.name }, values: d.regionValues.map(actualOf) },
    cities: d.cities.map((c) => ({ org: { id: c.id, name: c.name }, values: d.values.filter((v) => v.org_id === c.id).map(actualOf) })),
    statuses,
    roll,
    abilities: { editTarget: mayManage(a), raiseFor: mayManage(a) ? raiseFor(a, ind, d.cities, d.depts) : [] },
  };
}

/** The city × indicator matrix of a year: each city's latest accepted value up to that year and its light. */
export function presentMatrix(a: PlanAccess, plan: PlanView, year: number, inds: IndicatorDbRow[], targets: TargetRow[], cities: Org[], accepted: AcceptedValue[]): CityMatrix {
  const values = accepted.filter((v) => v.year <= year);
  const withValues = inds.filter((i) => values.some((v) => v.indicator_id === i.id));
  const numbers = indicatorNumbers(inds);
  const pathYear = (ind: IndicatorDbRow) => pathOf(a.plan, ind, targets.filter((t) => t.indicator_id === ind.id)).find((p) => p.year === year)!;
  return {
    plan,
    year,
    indicators: withValues.map((i) => {
      const p = pathYear(i);
      return { id: i.id, code: i.code, number: numbers.get(i.id)!, name: i.name, unit: i.unit, yearTarget: p.target && 'value' in p.target ? p.target.value : null, targetText: p.text };
    }),
    rows: cities.map((c) => ({
      org: { id: c.id, name: c.name },
      cells: withValues.map((ind) => {
        const mine = values.filter((v) => v.org_id === c.id && v.indicator_id === ind.id);
        const last = mine[mine.length - 1];
        if (!last) return { indicatorId: ind.id, value: null, year: null, light: null, demo: false };
        return { indicatorId: ind.id, value: last.value, year: last.year, light: cityLight(a.plan, ind, targets.filter((t) => t.indicator_id === ind.id), last, a.region.name), demo: last.demo };
      }),
    })),
    rule: CITY_LIGHT_RULE,
  };
}

/** expected = reporting units × indicators; reported = not a draft; accepted = with a figure in force (a confirmed one under correction included); late = submitted after closes_on (China's date) */
export function presentCompleteness(
  plan: PlanView,
  periods: PeriodRow[],
  units: Pick<Org, 'id' | 'name'>[],
  values: { period_id: number; org_id: number; status: IndicatorValueStatus; submitted_at: string | null; inForce: boolean }[],
): CompletenessView {
  const n = plan.indicatorCount;
  return {
    plan,
    periods: periods.map((p) => {
      const rows = units.map((u) => {
        const mine = values.filter((v) => v.period_id === p.id && v.org_id === u.id);
        const reported = mine.filter(isReported);
        return {
          org: { id: u.id, name: u.name },
          expected: n,
          reported: reported.length,
          accepted: mine.filter((v) => v.inForce).length,
          late: reported.filter((v) => submittedLate(v, p.closes_on)).length,
        };
      });
      const sum = (k: 'expected' | 'reported' | 'accepted' | 'late') => rows.reduce((s, r) => s + r[k], 0);
      return {
        id: p.id,
        year: p.year,
        quarter: p.quarter,
        label: p.quarter ? `${p.year}年第${p.quarter}季度` : `${p.year}年度`,
        opensOn: p.opens_on,
        closesOn: p.closes_on,
        totals: { expected: sum('expected'), reported: sum('reported'), accepted: sum('accepted'), late: sum('late') },
        units: rows,
      };
    }),
  };
}
