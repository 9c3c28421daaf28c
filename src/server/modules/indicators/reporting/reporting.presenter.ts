/**
 * Rows → response shapes of plan-indicator reporting, and the facts each value's checks and status light are
 * computed from (the unit's last period, the cities' figures, the year's target), all from one PlanData.
 */
import { chinaDate } from '../../../../shared/deadline';
import { checkValue, isLate, lockDate, lockedReturnNotice, windowLabels, windowState, type CheckResult, type ValueCheckInput } from '../../../../shared/indicators/checks';
import { thresholdsOf, type StatusResult } from '../../../../shared/indicators/status';
import { quarterStart, type Quarter, type QuarterStart } from '../../../../shared/indicators/quarters';
import { heldTarget, valueStatus, type HeldTarget, type ValueLightFacts } from '../../../../shared/indicators/value-light';
import { yearlyTargets, type PathInput } from '../../../../shared/indicators/interpolate';
import { printedTarget, targetText } from '../../../../shared/indicators/format';
import { isNumericTarget, type Nature, type Target } from '../../../../shared/indicators/schema';
import { figureInForce, INDICATOR_VALUE_EDITABLE } from '../../../../shared/workflow/indicators';
import { isPlanOffice, isReopened, mayMove, mayReport, maySee, reopenRefusal, returnBehindLock, unitReports, valueStatusLabel, type Viewer } from './reporting.policy';
import { indicatorScope, type IndicatorRow, type PeriodRow, type PlanData, type PlanRow, type UnitRow, type ValueRow } from './reporting.queries';

export const periodLabel = (p: Pick<PeriodRow, 'year' | 'quarter'>) => (p.quarter ? `${p.year}年第${p.quarter}季度` : `${p.year}年度`);

export function periodView(p: PeriodRow, plan: PlanRow, today: string, v: Viewer) {
  const state = windowState({ opensOn: p.opens_on, closesOn: p.closes_on, lockDays: p.lock_days }, today);
  return {
    id: p.id,
    planId: p.plan_id,
    planTitle: plan.title,
    year: p.year,
    quarter: p.quarter,
    label: periodLabel(p),
    opensOn: p.opens_on,
    closesOn: p.closes_on,
    lockDays: p.lock_days,
    lockOn: lockDate({ opensOn: p.opens_on, closesOn: p.closes_on, lockDays: p.lock_days }),
    window: state,
    windowLabel: windowLabels[state],
    version: p.version,
    abilities: { manage: isPlanOffice(v, plan) },
  };
}

/** the path (序时进度) inputs of an indicator, null when it has no baseline (a city's own indicator) */
export interface PathFacts extends PathInput {
  nature: Nature;
  overrides: [number, Target][];
}
export function pathOf(plan: PlanRow, ind: IndicatorRow, data: PlanData): PathFacts | null {
  if (ind.baseline === null) return null;
  return {
    baseline: ind.baseline,
    target: JSON.parse(ind.target_json) as Target,
    baselineYear: plan.baselineYear,
    targetYear: plan.targetYear,
    direction: ind.direction,
    measure: ind.measure,
    nature: ind.nature,
    overrides: [...(data.overrides.get(ind.id) ?? new Map<number, string>())].map(([y, t]) => [y, JSON.parse(t) as Target]),
  };
}

/**
 * A year's target of an indicator: the figure (as the path works it out) and its text as the monitoring tables print
 * it (printedTarget: a figure worked out on the path written as the plan writes its figures, to the stricter side; an
 * override as typed). Null when it has no figure. Only last year's (a quarter's start) is asked here: the target a
 * value is held to, that its form names and its checks compare with, is valueTarget's / heldTarget's (value-light.ts).
 */
export function yearTargetOf(path: PathFacts | null, ind: IndicatorRow, plan: PlanRow, year: number): { figure: number; text: string } | null {
  if (year < plan.baselineYear || year > plan.targetYear) return null;
  if (!path) {
    const t = JSON.parse(ind.target_json) as Target;
    return year === plan.targetYear && isNumericTarget(t) ? { figure: t.value, text: targetText(t) } : null;
  }
  const yt = yearlyTargets(path, new Map(path.overrides)).find((y) => y.year === year);
  if (!yt?.target || !isNumericTarget(yt.target)) return null;
  return { figure: yt.target.value, text: printedTarget(yt.target, yt.origin, path) };
}

/**
 * Where a quarterly period's year starts for the region's value of an indicator (quarterStart): last year's figure in
 * force of its annual period, else last year's target on the path — as the indicator's quarterly view starts it.
 */
export function quarterStartOf(data: PlanData, ind: IndicatorRow, path: PathFacts | null, year: number): QuarterStart | null {
  const { plan } = data;
  const annual = data.periods.find((p) => p.year === year - 1 && p.quarter === null);
  const row = annual && data.values.find((x) => x.period_id === annual.id && x.indicator_id === ind.id && x.org_id === plan.regionOrgId);
  const last = row ? figureInForce({ status: row.status, value: row.value, confirmedValue: row.confirmed_value }) : null;
  return quarterStart({ year, baselineYear: plan.baselineYear, hasBaseline: ind.baseline !== null, lastActual: last, lastTarget: yearTargetOf(path, ind, plan, year - 1)?.figure ?? null });
}

/** the year's target of an indicator without a baseline, as the monitoring table takes it: one the office set, else the plan's in its year */
function unbasedTargetOf(data: PlanData, ind: IndicatorRow, year: number): Target | null {
  const stored = year === data.plan.baselineYear ? undefined : data.overrides.get(ind.id)?.get(year);
  if (stored) return JSON.parse(stored) as Target;
  return year === data.plan.targetYear ? (JSON.parse(ind.target_json) as Target) : null;
}

/** what a value's light is judged from (the form gets the same and calls the same valueStatus) */
export function lightFacts(data: PlanData, path: PathFacts | null, period: PeriodRow, ind: IndicatorRow, unit: Pick<UnitRow, 'id'>): ValueLightFacts {
  const { plan } = data;
  const city = unit.id !== plan.regionOrgId;
  return {
    path,
    year: period.year,
    city,
    unit: ind.unit,
    regionName: plan.regionName,
    thresholds: thresholdsOf(plan.thresholdsJson),
    quarter: period.quarter && !city ? { quarter: period.quarter as Quarter, start: quarterStartOf(data, ind, path, period.year) } : null,
    unbased: path ? null : { yearTarget: unbasedTargetOf(data, ind, period.year), direction: ind.direction },
  };
}

/** the status light of a value: 提前实现 / 符合预期 / 滞后 / 无法判断 for the period's year (a city's by cityStatus) */
export const lightOf = (facts: ValueLightFacts, actual: number | null): StatusResult | null => (actual === null ? null : valueStatus(facts, actual));

const REPORTED = new Set(['submitted', 'reviewed', 'accepted']);
/** the figure a check compares with: the reported one (any state after submission), else the confirmed figure still in force */
const comparedFigure = (x: ValueRow): number | null => (REPORTED.has(x.status) && x.value !== null ? x.value : figureInForce({ status: x.status, value: x.value, confirmedValue: x.confirmed_value }));

/**
 * The facts the checks need for (period, indicator, unit), minus the value itself: facts of the value and its unit
 * (who may report it is the policy's reportRefusal, asked by the commands). The commands check with every city's
 * figure; a page shown to `reader` carries only the cities' figures the reader may see (maySee): a city reading the
 * province's row was sent every other city's reported figure, confirmed or not, and the warnings made of them.
 */
export function checkFacts(data: PlanData, period: PeriodRow, ind: IndicatorRow, unit: UnitRow, today: string, existing: ValueRow | undefined, reader?: Viewer): Omit<ValueCheckInput, 'value'> {
  const { plan } = data;
  // a year's annual value is its year-end figure: after its quarters (so 2024's previous is 2023's annual value, 2023 Q1's is 2022's)
  const order = (p: Pick<PeriodRow, 'quarter'>) => p.quarter ?? 5;
  const earlier = data.periods
    .filter((p) => p.id !== period.id && (p.year < period.year || (p.year === period.year && order(p) < order(period))))
    .sort((a, b) => b.year - a.year || order(b) - order(a));
  let previous: ValueCheckInput['previous'] = null;
  for (const p of earlier) {
    const pv = data.values.find((x) => x.period_id === p.id && x.indicator_id === ind.id && x.org_id === unit.id && comparedFigure(x) !== null);
    if (pv) {
      previous = { value: comparedFigure(pv)!, label: periodLabel(p) };
      break;
    }
  }
  const isProvinceValue = plan.regionKind === 'province' && unit.id === plan.regionOrgId;
  const cities = new Map(data.units.filter((u) => u.id !== plan.regionOrgId).map((u) => [u.id, u]));
  // (a figure compared is a reported one, or a confirmed one still in force while its correction is a draft: seen as accepted)
  const seen = (x: ValueRow) => !reader || maySee(reader, plan, indicatorScope(ind), cities.get(x.org_id)!, REPORTED.has(x.status) ? x.status : 'accepted');
  const cityValues = isProvinceValue
    ? data.values.filter((x) => x.period_id === period.id && x.indicator_id === ind.id && cities.has(x.org_id) && comparedFigure(x) !== null && seen(x)).map((x) => comparedFigure(x)!)
    : [];
  return {
    indicator: { name: ind.name, unit: ind.unit, nature: ind.nature, direction: ind.direction, measure: ind.measure },
    period: { year: period.year, label: periodLabel(period), opensOn: period.opens_on, closesOn: period.closes_on, lockDays: period.lock_days },
    plan: { baselineYear: plan.baselineYear, targetYear: plan.targetYear },
    reports: unitReports(plan, indicatorScope(ind), unit),
    unitName: unit.name,
    today,
    reopened: isReopened(existing),
    previous,
    baseline: ind.baseline === null ? null : { value: Number(ind.baseline), year: plan.baselineYear, own: unit.id === plan.regionOrgId, regionName: plan.regionName },
    cityValues,
    // the figure the light holds the value to (heldTarget: the year's target, a quarter's 序时进度), never another
    ...yearTargetFacts(heldTarget(lightFacts(data, pathOf(plan, ind, data), period, ind, unit))),
  };
}

const yearTargetFacts = (t: HeldTarget | null) => ({ yearTarget: t?.figure ?? null, yearTargetText: t?.text ?? null, yearTargetName: t?.name ?? null });

export function runChecks(facts: Omit<ValueCheckInput, 'value'>, value: unknown): CheckResult {
  return checkValue({ ...facts, value });
}

/** One row: an (indicator, unit) of a period, with its value when someone saved one. */
export function rowView(data: PlanData, period: PeriodRow, ind: IndicatorRow, unit: UnitRow, value: ValueRow | undefined, v: Viewer, today: string, names: Map<number, string>) {
  const { plan } = data;
  const scope = indicatorScope(ind);
  const named = { ...scope, name: ind.name };
  const path = pathOf(plan, ind, data);
  const light = lightFacts(data, path, period, ind, unit);
  const facts = checkFacts(data, period, ind, unit, today, value, v);
  const status = value?.status ?? null;
  const reporter = mayReport(v, plan, scope, unit);
  const window = windowState(facts.period, today);
  const windowOpen = window === 'open' || window === 'late' || facts.reopened;
  const editable = status === null || INDICATOR_VALUE_EDITABLE.includes(status);
  const checks = value && value.value !== null ? runChecks(facts, value.value) : { errors: [], warnings: [] };
  return {
    key: `${period.id}:${ind.id}:${unit.id}`,
    periodId: period.id,
    indicator: { id: ind.id, code: ind.code, number: data.numbers.get(ind.id)!, name: ind.name, unit: ind.unit, group: ind.group_name, nature: ind.nature, departments: scope.departments },
    unit: { id: unit.id, name: unit.name, isRegion: unit.id === plan.regionOrgId },
    value: value
      ? {
          id: value.id,
          value: value.value,
          sourceDoc: value.source_doc,
          explanation: value.explanation,
          status: value.status,
          statusLabel: valueStatusLabel(plan, scope, unit, value.status),
          returnComment: value.return_comment,
          reopenReason: value.reopen_reason,
          late: isLate(facts.period, value.submitted_at ? chinaDate(new Date(value.submitted_at)) : null),
          submittedBy: value.submitted_by ? (names.get(value.submitted_by) ?? null) : null,
          submittedAt: value.submitted_at,
          reviewedAt: value.reviewed_at,
          acceptedAt: value.accepted_at,
          /** while a correction is under way: the confirmed figure still in force (已确认，在用) and its acceptance */
          confirmed: value.status !== 'accepted' && value.confirmed_value !== null ? { value: value.confirmed_value, acceptedAt: value.accepted_at, acceptedBy: value.accepted_by ? (names.get(value.accepted_by) ?? null) : null } : null,
          updatedAt: value.updated_at,
          version: value.version,
        }
      : null,
    light: lightOf(light, value?.value ?? null),
    checks,
    /** a returned value behind the lock: why its reporter cannot change it (质强办 must reopen it), else null */
    lockedReturn: returnBehindLock(status, window, facts.reopened) ? lockedReturnNotice(facts.period.label, lockDate(facts.period)) : null,
    /** what the form needs to run the same checks and the same light as the reporter types */
    facts: { ...facts, ...light },
    abilities: {
      edit: reporter && editable && windowOpen,
      submit: reporter && !!value && editable && windowOpen,
      // the command's own checks (moveRefusal, returnRefusal) over the workflow table
      review: mayMove(v, plan, named, unit, 'review', status),
      accept: mayMove(v, plan, named, unit, 'accept', status),
      return: mayMove(v, plan, named, unit, 'return', status),
      reopen: isPlanOffice(v, plan) && reopenRefusal(status, window, facts.reopened, { period: facts.period.label, unit: unit.name, indicator: ind.name }) === null,
    },
  };
}
export type RowView = ReturnType<typeof rowView>;
