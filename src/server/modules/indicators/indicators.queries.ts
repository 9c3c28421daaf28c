/**
 * Plan indicators (issue 12), the monitoring reads: every SQL statement of the module root (Kysely only). The
 * reporting side (reporting/) keeps its own; both read the same tables.
 */
import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { CityMatrix, CompletenessView, PlanView, QuarterView } from '../../../shared/contracts/indicators';
import { indicatorNumbers } from '../../../shared/indicators/format';
import { figureInForce } from '../../../shared/workflow/indicators';
import type { Database, IndicatorPeriodTable, IndicatorPlanTable, IndicatorTable, IndicatorTargetTable } from '../../db/schema';
import { AppError } from '../../core/errors';
import type { SessionUser } from '../../core/session';
import { presentCompleteness, presentMatrix, presentPlan, quartersOf, statusOf } from './indicators.presenter';
import { indicatorNotFound, planNotFound, relationTo, departmentCodes, responsibleAmong, visibleCities, yearOf, type PlanAccess } from './indicators.policy';

export type PlanRow = Selectable<IndicatorPlanTable>;
export type IndicatorDbRow = Selectable<IndicatorTable>;
export type TargetRow = Selectable<IndicatorTargetTable>;
export type PeriodRow = Selectable<IndicatorPeriodTable>;
export interface Org {
  id: number;
  name: string;
  code: string;
  kind: Database['org_unit']['kind'];
  parent_id: number | null;
}
export interface AcceptedValue {
  indicator_id: number;
  org_id: number;
  year: number;
  value: number;
  demo: boolean;
}

const ORG_COLS = ['id', 'name', 'code', 'kind', 'parent_id'] as const;

export const allPlans = (db: Kysely<Database>): Promise<PlanRow[]> => db.selectFrom('indicator_plan').selectAll().orderBy('id').execute();

export const findPlan = (db: Kysely<Database>, id: number): Promise<PlanRow | undefined> =>
  db.selectFrom('indicator_plan').selectAll().where('id', '=', id).executeTakeFirst();

export const findIndicator = (db: Kysely<Database>, id: number): Promise<IndicatorDbRow | undefined> =>
  db.selectFrom('indicator').selectAll().where('id', '=', id).executeTakeFirst();

export const indicatorsOf = (db: Kysely<Database>, planId: number): Promise<IndicatorDbRow[]> =>
  db.selectFrom('indicator').selectAll().where('plan_id', '=', planId).orderBy('code').execute();

export async function indicatorCounts(db: Kysely<Database>): Promise<Map<number, number>> {
  const rows = await db.selectFrom('indicator').select(['plan_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('plan_id').execute();
  return new Map(rows.map((r) => [r.plan_id, Number(r.n)]));
}

/** stored yearly targets (工作要点 figures, the office's edits) of these indicators */
export async function targetsOf(db: Kysely<Database>, indicatorIds: number[]): Promise<TargetRow[]> {
  if (!indicatorIds.length) return [];
  return db.selectFrom('indicator_target').selectAll().where('indicator_id', 'in', indicatorIds).orderBy('year').execute();
}

export const findTarget = (db: Kysely<Database>, indicatorId: number, year: number): Promise<TargetRow | undefined> =>
  db.selectFrom('indicator_target').selectAll().where('indicator_id', '=', indicatorId).where('year', '=', year).executeTakeFirst();

/**
 * The rows (as `v`) that may have a figure in force: accepted, or under correction with their confirmed figure kept.
 * Which figure is in force is figureInForce() (src/shared/workflow/indicators.ts), applied to each row read.
 */
const mayBeInForce = (eb: ExpressionBuilder<any, any>) => eb.or([eb('v.status', '=', 'accepted'), eb('v.confirmed_value', 'is not', null)]);
const inForce = (r: { status: Database['indicator_value']['status']; value: number | null; confirmed_value: number | null }) =>
  figureInForce({ status: r.status, value: r.value === null ? null : Number(r.value), confirmedValue: r.confirmed_value === null ? null : Number(r.confirmed_value) });

/**
 * the yearly figures in force (annual periods) of a plan's indicators: only accepted figures are monitored, and a
 * confirmed figure under correction stays in force until the correction is accepted
 */
/** `acceptedBy` (YYYY-MM-DD): only values accepted on or before that day, as a report taken that day saw them */
export async function acceptedValues(db: Kysely<Database>, planId: number, opts: { indicatorId?: number; orgIds?: number[]; acceptedBy?: string } = {}): Promise<AcceptedValue[]> {
  if (opts.orgIds && !opts.orgIds.length) return [];
  let q = db
    .selectFrom('indicator_value as v')
    .innerJoin('indicator_period as p', 'p.id', 'v.period_id')
    .select(['v.indicator_id', 'v.org_id', 'p.year', 'v.status', 'v.value', 'v.confirmed_value', 'v.demo'])
    .where('p.plan_id', '=', planId)
    .where('p.quarter', 'is', null)
    .where(mayBeInForce);
  if (opts.indicatorId !== undefined) q = q.where('v.indicator_id', '=', opts.indicatorId);
  if (opts.orgIds) q = q.where('v.org_id', 'in', opts.orgIds);
  if (opts.acceptedBy) q = q.where('v.accepted_at', '<=', `${opts.acceptedBy}T99`);
  const rows = await q.orderBy('p.year').execute();
  return rows.flatMap((r) => {
    const value = inForce(r);
    return value === null ? [] : [{ indicator_id: r.indicator_id, org_id: r.org_id, year: Number(r.year), value, demo: Number(r.demo) === 1 }];
  });
}

export interface QuarterValue {
  indicator_id: number;
  org_id: number;
  year: number;
  quarter: number;
  value: number;
  demo: boolean;
}

/** the quarterly figures in force (quarterly periods) of a plan's indicators for one unit, of one year or all */
export async function acceptedQuarterValues(db: Kysely<Database>, planId: number, orgId: number, opts: { indicatorId?: number; year?: number } = {}): Promise<QuarterValue[]> {
  let q = db
    .selectFrom('indicator_value as v')
    .innerJoin('indicator_period as p', 'p.id', 'v.period_id')
    .select(['v.indicator_id', 'v.org_id', 'p.year', 'p.quarter', 'v.status', 'v.value', 'v.confirmed_value', 'v.demo'])
    .where('p.plan_id', '=', planId)
    .where('p.quarter', 'is not', null)
    .where('v.org_id', '=', orgId)
    .where(mayBeInForce);
  if (opts.indicatorId !== undefined) q = q.where('v.indicator_id', '=', opts.indicatorId);
  if (opts.year !== undefined) q = q.where('p.year', '=', opts.year);
  const rows = await q.orderBy('p.year').orderBy('p.quarter').execute();
  return rows.flatMap((r) => {
    const value = inForce(r);
    return value === null ? [] : [{ indicator_id: r.indicator_id, org_id: r.org_id, year: Number(r.year), quarter: Number(r.quarter), value, demo: Number(r.demo) === 1 }];
  });
}

/** years in which a plan has figures in force of its region: annual periods, or quarterly ones (of one indicator, or any) */
async function regionYears(db: Kysely<Database>, plan: PlanRow, quarterly: boolean, indicatorId?: number): Promise<number[]> {
  let q = db
    .selectFrom('indicator_value as v')
    .innerJoin('indicator_period as p', 'p.id', 'v.period_id')
    .select(['p.year', 'v.status', 'v.value', 'v.confirmed_value'])
    .where('p.plan_id', '=', plan.id)
    .where('p.quarter', quarterly ? 'is not' : 'is', null)
    .where('v.org_id', '=', plan.region_org_id)
    .where(mayBeInForce);
  if (indicatorId !== undefined) q = q.where('v.indicator_id', '=', indicatorId);
  const rows = await q.orderBy('p.year').execute();
  return [...new Set(rows.filter((r) => inForce(r) !== null).map((r) => Number(r.year)))];
}

/** years in which a plan has accepted annual values of its region */
export const acceptedYears = (db: Kysely<Database>, plan: PlanRow): Promise<number[]> => regionYears(db, plan, false);

/** the years a 填报期 of the plan (annual or quarterly) has opened for by `today`, in order */
export async function openedPeriodYears(db: Kysely<Database>, plan: PlanRow, today: string): Promise<number[]> {
  const rows = await db.selectFrom('indicator_period').select('year').distinct().where('plan_id', '=', plan.id).where('opens_on', '<=', today).orderBy('year').execute();
  return rows.map((r) => Number(r.year));
}

/** years in which a plan has accepted quarterly values of its region (of one indicator, or any) */
export const quarterYears = (db: Kysely<Database>, plan: PlanRow, indicatorId?: number): Promise<number[]> => regionYears(db, plan, true, indicatorId);

export async function orgsByIds(db: Kysely<Database>, ids: number[]): Promise<Map<number, Org>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('org_unit').select(ORG_COLS).where('id', 'in', unique).execute();
  return new Map(rows.map((o) => [o.id, o]));
}

export async function orgsByCodes(db: Kysely<Database>, codes: string[]): Promise<Map<string, Org>> {
  const unique = [...new Set(codes)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('org_unit').select(ORG_COLS).where('code', 'in', unique).execute();
  return new Map(rows.map((o) => [o.code, o]));
}

/** the cities under a region (the province's 14), in the org tree's order; a city's plan has none below it here */
export const citiesUnder = (db: Kysely<Database>, regionId: number): Promise<Org[]> =>
  db.selectFrom('org_unit').select(ORG_COLS).where('parent_id', '=', regionId).where('kind', '=', 'city').orderBy('sort_order').execute();

/** the caller's unit and its ancestors, nearest first */
export async function lineageOf(db: Kysely<Database>, user: SessionUser): Promise<Org[]> {
  const out: Org[] = [];
  let id: number | null = user.orgUnitId;
  while (id !== null && out.length < 6) {
    const o: Org | undefined = await db.selectFrom('org_unit').select(ORG_COLS).where('id', '=', id).executeTakeFirst();
    if (!o) break;
    out.push(o);
    id = o.parent_id;
  }
  return out;
}

/** a year's quarters first, then its annual period (the same order on SQLite and PostgreSQL, whose NULLs sort apart) */
export const periodsOf = (db: Kysely<Database>, planId: number): Promise<PeriodRow[]> =>
  db.selectFrom('indicator_period').selectAll().where('plan_id', '=', planId).orderBy('year').orderBy(sql`coalesce(quarter, 5)`).execute();

/** every value of these periods, with what completeness and timeliness need */
export async function valuesOfPeriods(db: Kysely<Database>, periodIds: number[]) {
  if (!periodIds.length) return [];
  const rows = await db.selectFrom('indicator_value as v').select(['v.period_id', 'v.org_id', 'v.indicator_id', 'v.status', 'v.value', 'v.confirmed_value', 'v.submitted_at']).where('v.period_id', 'in', periodIds).execute();
  return rows.map((r) => ({ period_id: r.period_id, org_id: r.org_id, indicator_id: r.indicator_id, status: r.status, submitted_at: r.submitted_at, inForce: inForce(r) !== null }));
}

/** The caller's access to every plan they may see (policy: relationTo), in the plans' order. */
export async function planAccesses(db: Kysely<Database>, user: SessionUser, today: string): Promise<PlanAccess[]> {
  const plans = await allPlans(db);
  const lineage = await lineageOf(db, user);
  const regions = await orgsByIds(db, plans.map((p) => p.region_org_id));
  const out: PlanAccess[] = [];
  for (const plan of plans) {
    const region = regions.get(plan.region_org_id);
    const as = region ? relationTo(user, plan, region, lineage) : null;
    if (region && as) out.push({ plan, user, as, region, lineage, today });
  }
  return out;
}

/** The caller's access to one plan, or a 404 when it does not exist for them. */
export async function planAccess(db: Kysely<Database>, user: SessionUser, planId: number, today: string): Promise<PlanAccess> {
  const plan = await findPlan(db, planId);
  if (!plan) throw planNotFound(planId);
  const region = (await orgsByIds(db, [plan.region_org_id])).get(plan.region_org_id);
  const lineage = await lineageOf(db, user);
  const as = region ? relationTo(user, plan, region, lineage) : null;
  if (!region || !as) throw planNotFound(planId);
  return { plan, user, as, region, lineage, today };
}

/** One indicator and the caller's access to its plan (404 for an indicator of a plan they may not see). */
export async function indicatorAccess(db: Kysely<Database>, user: SessionUser, indicatorId: number, today: string): Promise<{ a: PlanAccess; ind: IndicatorDbRow }> {
  const ind = await findIndicator(db, indicatorId);
  if (!ind) throw indicatorNotFound(indicatorId);
  try {
    return { a: await planAccess(db, user, ind.plan_id, today), ind };
  } catch (e) {
    // a plan the caller may not see hides its indicators as well; a fault of the database stays one (503)
    if (e instanceof AppError && e.status === 404) throw indicatorNotFound(indicatorId);
    throw e;
  }
}

// ------------------------------------------------------------------------------------------------ the monitoring views

/** the plan as its reader sees it: owner, number of indicators, the years with accepted values, the year it opens on */
export async function planOf(db: Kysely<Database>, a: PlanAccess): Promise<PlanView> {
  const owner = (await orgsByIds(db, [a.plan.owner_org_id])).get(a.plan.owner_org_id)!;
  return presentPlan(a, owner, (await indicatorCounts(db)).get(a.plan.id) ?? 0, await acceptedYears(db, a.plan), await openedPeriodYears(db, a.plan, a.today));
}

/** the member departments an indicator names (by code), as loaded */
export async function departmentsOf(db: Kysely<Database>, inds: IndicatorDbRow[]): Promise<Map<string, Org>> {
  return orgsByCodes(db, inds.flatMap(departmentCodes));
}

/**
 * What the indicator table of a year is built from (tableView, indicators.views.ts): the plan's indicators, their
 * stored targets, the region's accepted values (with `acceptedBy`, as they stood that day), the departments, and the
 * region's quarterly values of the year when one quarter's column is asked.
 */
export async function tableInput(db: Kysely<Database>, a: PlanAccess, year: number, quarter?: number, acceptedBy?: string) {
  const inds = await indicatorsOf(db, a.plan.id);
  const targets = await targetsOf(db, inds.map((i) => i.id));
  const values = await acceptedValues(db, a.plan.id, { orgIds: [a.plan.region_org_id], acceptedBy });
  const depts = await departmentsOf(db, inds);
  const quarterValues = quarter === undefined ? [] : await acceptedQuarterValues(db, a.plan.id, a.plan.region_org_id, { year });
  return { inds, targets, values, depts, quarterValues, quarterYears: await quarterYears(db, a.plan) };
}
export type TableInput = Awaited<ReturnType<typeof tableInput>>;

/**
 * What one indicator's detail is built from (detailView, indicators.views.ts): its stored targets, the region's and
 * the visible cities' accepted values (with `acceptedBy`, as they stood that day), its departments and its number.
 * `known`: the plan's view and indicators when the caller already read them (the details of a whole table).
 */
export async function detailInput(db: Kysely<Database>, a: PlanAccess, ind: IndicatorDbRow, acceptedBy?: string, known?: { plan: PlanView; inds: IndicatorDbRow[] }) {
  const plan = known?.plan ?? (await planOf(db, a));
  const targets = await targetsOf(db, [ind.id]);
  const cities = visibleCities(a, await citiesUnder(db, a.region.id));
  const values = await acceptedValues(db, a.plan.id, { indicatorId: ind.id, orgIds: [a.region.id, ...cities.map((c) => c.id)], acceptedBy });
  const regionValues = values.filter((v) => v.org_id === a.region.id);
  const depts = await departmentsOf(db, [ind]);
  const number = indicatorNumbers(known?.inds ?? (await indicatorsOf(db, a.plan.id))).get(ind.id)!;
  return { plan, targets, cities, values, regionValues, depts, number };
}
export type DetailInput = Awaited<ReturnType<typeof detailInput>>;

/** the quarters of one year of an indicator (default: the latest year with quarterly values, else the plan's default year) */
export async function quarterViewOf(db: Kysely<Database>, a: PlanAccess, ind: IndicatorDbRow, year?: number): Promise<QuarterView> {
  const plan = await planOf(db, a);
  const years = await quarterYears(db, a.plan, ind.id);
  const y = year === undefined ? (years[years.length - 1] ?? plan.defaultYear) : yearOf(a, plan, year);
  const targets = await targetsOf(db, [ind.id]);
  const regionValues = await acceptedValues(db, a.plan.id, { indicatorId: ind.id, orgIds: [a.region.id] });
  const quarterValues = await acceptedQuarterValues(db, a.plan.id, a.region.id, { indicatorId: ind.id, year: y });
  return { indicatorId: ind.id, years, ...quartersOf(a.plan, ind, targets, y, regionValues, quarterValues) };
}

/** the city matrix of a year: the visible cities' latest accepted values up to it, with their lights */
export async function matrixView(db: Kysely<Database>, a: PlanAccess, year?: number): Promise<CityMatrix> {
  const plan = await planOf(db, a);
  const y = yearOf(a, plan, year);
  const inds = await indicatorsOf(db, a.plan.id);
  const targets = await targetsOf(db, inds.map((i) => i.id));
  const cities = visibleCities(a, await citiesUnder(db, a.region.id));
  const values = await acceptedValues(db, a.plan.id, { orgIds: cities.map((c) => c.id) });
  return presentMatrix(a, plan, y, inds, targets, cities, values);
}

/** reporting completeness and timeliness of every period of the plan, for the region and the visible cities (presentCompleteness) */
export async function completeness(db: Kysely<Database>, a: PlanAccess): Promise<CompletenessView> {
  const plan = await planOf(db, a);
  const periods = await periodsOf(db, a.plan.id);
  const units = [a.region, ...visibleCities(a, await citiesUnder(db, a.region.id))];
  const values = await valuesOfPeriods(db, periods.map((p) => p.id));
  return presentCompleteness(plan, periods, units, values);
}

/** A binding (约束性) indicator whose region's latest figure in force lags: a to-do for the plan's office and each responsible department. */
export interface LaggingIndicator {
  planId: number;
  planTitle: string;
  ownerOrgId: number;
  /** the plan's region, whose figure lags */
  regionOrgId: number;
  indicatorId: number;
  code: number;
  name: string;
  year: number;
  value: number;
  /** the indicator's unit (%, 个 …), written after the value */
  unit: string;
  reason: string;
  departmentIds: number[];
}

/** Four queries whatever the number of plans (the to-do list reads it on every request of an office or a department). */
export async function laggingBindingIndicators(db: Kysely<Database>): Promise<LaggingIndicator[]> {
  const rows = await db
    .selectFrom('indicator as i')
    .innerJoin('indicator_plan as p', 'p.id', 'i.plan_id')
    .selectAll('i')
    .select(['p.title as plan_title', 'p.code as plan_code', 'p.owner_org_id', 'p.region_org_id', 'p.baseline_year', 'p.target_year', 'p.thresholds_json', 'p.plan_json', 'p.created_at', 'p.version as plan_version'])
    .where('i.nature', '=', '约束性')
    .orderBy('i.plan_id')
    .orderBy('i.code')
    .execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const values = await db
    .selectFrom('indicator_value as v')
    .innerJoin('indicator_period as p', 'p.id', 'v.period_id')
    .innerJoin('indicator_plan as pl', 'pl.id', 'p.plan_id')
    .select(['v.indicator_id', 'p.year', 'v.status', 'v.value', 'v.confirmed_value'])
    .where('v.indicator_id', 'in', ids)
    .whereRef('v.org_id', '=', 'pl.region_org_id')
    .where('p.quarter', 'is', null)
    .where(mayBeInForce)
    .orderBy('p.year')
    .execute()
    .then((rows) => rows.flatMap((v) => {
      const value = inForce(v);
      return value === null ? [] : [{ indicator_id: v.indicator_id, year: v.year, value }];
    }));
  const targets = await targetsOf(db, ids);
  const depts = await orgsByCodes(db, rows.flatMap(departmentCodes));
  const out: LaggingIndicator[] = [];
  for (const r of rows) {
    const mine = values.filter((v) => v.indicator_id === r.id);
    const last = mine[mine.length - 1];
    if (!last) continue;
    const plan: PlanRow = { id: r.plan_id, code: r.plan_code, title: r.plan_title, owner_org_id: r.owner_org_id, region_org_id: r.region_org_id, baseline_year: r.baseline_year, target_year: r.target_year, plan_json: r.plan_json, thresholds_json: r.thresholds_json, created_at: r.created_at, version: r.plan_version };
    const ind: IndicatorDbRow = { id: r.id, plan_id: r.plan_id, code: r.code, group_name: r.group_name, name: r.name, unit: r.unit, baseline: r.baseline, target_json: r.target_json, nature: r.nature, direction: r.direction, measure: r.measure, departments_json: r.departments_json, assumed: r.assumed, note: r.note, source: r.source };
    const year = Number(last.year);
    const value = Number(last.value);
    const s = statusOf(plan, ind, targets.filter((t) => t.indicator_id === r.id), year, value);
    if (s.status !== 'lagging') continue;
    out.push({
      planId: plan.id,
      planTitle: plan.title,
      ownerOrgId: plan.owner_org_id,
      regionOrgId: plan.region_org_id,
      indicatorId: ind.id,
      code: ind.code,
      name: ind.name,
      year,
      value,
      unit: ind.unit ?? '',
      reason: s.reason,
      departmentIds: responsibleAmong({ id: plan.region_org_id }, departmentCodes(ind), depts).map((o) => o.id),
    });
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ the changes' statements

export const orgIdByCode = async (db: Kysely<Database>, code: string): Promise<number | null> =>
  (await db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirst())?.id ?? null;

/** the codes of the plans already in the database (loadIndicatorPlans loads the others) */
export const planCodes = async (db: Kysely<Database>): Promise<string[]> => (await db.selectFrom('indicator_plan').select('code').execute()).map((r) => r.code);

export const insertPlan = (db: Kysely<Database>, row: Insertable<IndicatorPlanTable>) => db.insertInto('indicator_plan').values(row).returning('id').executeTakeFirstOrThrow();

export const insertIndicator = (db: Kysely<Database>, row: Insertable<IndicatorTable>) => db.insertInto('indicator').values(row).execute();

export const indicatorByCode = (db: Kysely<Database>, planId: number, code: number) =>
  db.selectFrom('indicator').select('id').where('plan_id', '=', planId).where('code', '=', code).executeTakeFirstOrThrow();

export const insertTarget = (db: Kysely<Database>, row: Insertable<IndicatorTargetTable>) => db.insertInto('indicator_target').values(row).execute();

/** a year's first stored target; false when one was set meanwhile (the (indicator, year) key) */
export async function insertTargetIfNone(db: Kysely<Database>, row: Insertable<IndicatorTargetTable>): Promise<boolean> {
  const res = await db
    .insertInto('indicator_target')
    .values(row)
    .onConflict((oc) => oc.columns(['indicator_id', 'year']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** change a stored target at the version seen; false when it moved meanwhile */
export async function updateTargetAt(db: Kysely<Database>, id: number, version: number, set: Updateable<IndicatorTargetTable>): Promise<boolean> {
  const res = await db.updateTable('indicator_target').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** remove a stored target at the version seen; false when it moved or went meanwhile */
export async function deleteTargetAt(db: Kysely<Database>, id: number, version: number): Promise<boolean> {
  const res = await db.deleteFrom('indicator_target').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

