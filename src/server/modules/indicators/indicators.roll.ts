/**
 * 名录计数 (issue 12): the stock indicators of 专栏1 (4–8: 中华老字号, 鲁班奖, 国家优质工程奖, 中国质量奖, 大禹奖) of the
 * province plan are counted from the honours roll. The roll holds the entries from 2020 on while the plan's baselines
 * are stocks, so the count of a year = the plan's baseline + the roll's entries of the years after the baseline year up
 * to that year; a city's count is its own entries of the same years (no city baseline). Accepted reported values
 * still win: the status uses the count only when no accepted value exists for the year.
 */
import type { Kysely } from 'kysely';
import type { RollCountView, RollDetailView, StatusView } from '../../../shared/contracts/indicators';
import { COUNTED_INDICATORS, kindsOfIndicator, ROLL_RULE } from '../../../shared/honours/kinds';
import type { Database } from '../../db/schema';
import { countHonours, type OrgHonourCount, type StockCount } from '../honours';
import type { PlanAccess } from './indicators.policy';
import { statusOf } from './indicators.presenter';
import { allPlans, indicatorsOf, orgsByIds, type AcceptedValue, type IndicatorDbRow, type PlanRow, type TargetRow } from './indicators.queries';

/** whether an indicator of a plan (of a region of this kind) is counted from the roll */
const rollCounted = (regionKind: string | undefined, ind: IndicatorDbRow): boolean => regionKind === 'province' && COUNTED_INDICATORS.includes(ind.code) && ind.baseline !== null;
export const countedFromRoll = (a: PlanAccess, ind: IndicatorDbRow): boolean => rollCounted(a.region.kind, ind);

/** the roll's counts up to a year, limited to the entries after the plan's baseline year */
async function afterBaseline(db: Kysely<Database>, plan: PlanRow, ind: IndicatorDbRow, upToYear: number): Promise<OrgHonourCount[]> {
  const counts = await countHonours(db, { indicatorCode: ind.code, upToYear });
  return counts.map((c) => {
    const entries = c.entries.filter((e) => e.year > plan.baseline_year);
    return { ...c, count: entries.length, entryIds: entries.map((e) => e.id), entries };
  });
}

function countView(plan: PlanRow, ind: IndicatorDbRow, year: number, entryCount: number, usedForStatus: boolean): RollCountView {
  const baseline = Number(ind.baseline);
  // set in the sentence as a 公文 writes it: 「2020年基期值72项，加名录中2021—2023年的4项」 (a range of years with 一字线)
  const years = year > plan.baseline_year ? (year === plan.baseline_year + 1 ? `${year}年` : `${plan.baseline_year + 1}—${year}年`) : null;
  const start = `${plan.baseline_year}年基期值${baseline}${ind.unit}`;
  const text = years ? `${start}，加名录中${years}的${entryCount}项` : start;
  return { year, value: baseline + entryCount, baseline, baselineYear: plan.baseline_year, entryCount, text, kinds: kindsOfIndicator(ind.code).map((k) => k.code), usedForStatus };
}

/**
 * The count of a roll-counted indicator of the province's plan up to a year, for the honours page's 规划指标计数
 * (registered with the honours module in src/server/routes.ts): the same figure and text as the table's. Null when
 * no plan counts it, or for a year before the plan's baseline year (the baseline is a stock of that year) or after its
 * target year (the plan's count ends with its period; “2021—2026年” under a 2021—2025 plan is no figure of it).
 */
export async function rollStockCount(db: Kysely<Database>, indicatorCode: number, upToYear: number): Promise<StockCount | null> {
  const plans = await allPlans(db);
  const regions = await orgsByIds(db, plans.map((p) => p.region_org_id));
  for (const plan of plans) {
    // the plan counts its stock within its period only: a 2026 鲁班奖 is no part of the “十四五” plan's 2021—2025 count
    if (upToYear < plan.baseline_year || upToYear > plan.target_year) continue;
    const ind = (await indicatorsOf(db, plan.id)).find((i) => i.code === indicatorCode && rollCounted(regions.get(plan.region_org_id)?.kind, i));
    if (!ind) continue;
    const counts = await afterBaseline(db, plan, ind, upToYear);
    const view = countView(plan, ind, upToYear, counts.find((c) => c.level === 'province')?.count ?? 0, false);
    return { baseline: view.baseline, baselineYear: view.baselineYear, entryCount: view.entryCount, value: view.value, text: view.text, counts };
  }
  return null;
}

const hasAccepted = (values: AcceptedValue[], year: number) => values.some((v) => v.year === year);

/** 名录计数 of one year for every counted indicator of the plan (indicator id → count) */
export async function rollCountsOf(db: Kysely<Database>, a: PlanAccess, inds: IndicatorDbRow[], values: AcceptedValue[], year: number): Promise<Map<number, RollCountView>> {
  const out = new Map<number, RollCountView>();
  for (const ind of inds.filter((i) => countedFromRoll(a, i))) {
    const province = (await afterBaseline(db, a.plan, ind, year)).find((c) => c.level === 'province');
    const mine = values.filter((v) => v.indicator_id === ind.id && v.org_id === a.region.id);
    out.set(ind.id, countView(a.plan, ind, year, province?.count ?? 0, !hasAccepted(mine, year)));
  }
  return out;
}

/** the count with its entries, year by year, and per city (the indicator detail) */
export async function rollDetailOf(
  db: Kysely<Database>,
  a: PlanAccess,
  ind: IndicatorDbRow,
  targets: TargetRow[],
  regionValues: AcceptedValue[],
  year: number,
  cityIds: number[],
): Promise<RollDetailView | null> {
  if (!countedFromRoll(a, ind)) return null;
  const counts = await afterBaseline(db, a.plan, ind, year);
  const province = counts.find((c) => c.level === 'province');
  const cities = counts.filter((c) => c.level === 'city');
  const cityOf = new Map<number, { id: number; name: string }>();
  for (const c of cities) for (const id of c.entryIds) cityOf.set(id, { id: c.orgId, name: c.orgName });
  const entries = province?.entries ?? [];
  const series = [];
  for (let y = a.plan.baseline_year + 1; y <= year; y++) {
    const value = Number(ind.baseline) + entries.filter((e) => e.year <= y).length;
    series.push({ year: y, value, status: statusOf(a.plan, ind, targets, y, value) });
  }
  const kinds = kindsOfIndicator(ind.code).map((k) => k.code);
  return {
    count: countView(a.plan, ind, year, entries.length, !hasAccepted(regionValues, year)),
    entries: entries.map((e) => ({ id: e.id, awardee: e.awardee, year: e.year, city: cityOf.get(e.id) ?? null })),
    series,
    cities: cities.filter((c) => cityIds.includes(c.orgId)).map((c) => ({ org: { id: c.orgId, name: c.orgName }, count: c.count })),
    link: `/honours?${new URLSearchParams(kinds.length === 1 ? { kind: kinds[0]! } : {}).toString()}`,
    rule: ROLL_RULE,
  };
}

/**
 * The status of each year (the indicator detail): an accepted value's where the region has one for the year, else the
 * roll count's (the same rule as the table's row, whose count is `usedForStatus` only without an accepted value).
 */
export function yearStatuses(plan: PlanRow, ind: IndicatorDbRow, targets: TargetRow[], regionValues: AcceptedValue[], roll: RollDetailView | null): { year: number; status: StatusView }[] {
  const byYear = new Map<number, StatusView>();
  for (const v of regionValues) byYear.set(v.year, statusOf(plan, ind, targets, v.year, v.value));
  for (const s of roll?.series ?? []) if (!hasAccepted(regionValues, s.year)) byYear.set(s.year, s.status);
  return [...byYear].sort(([a], [b]) => a - b).map(([year, status]) => ({ year, status }));
}
