/** Every SQL statement of plan-indicator reporting (periods and values). Kysely only. */
import { sql, type Kysely, type Selectable } from 'kysely';
import { recordedChanges } from '../../../core/audit';
import { indicatorNumbers } from '../../../../shared/indicators/format';
import type { Database, IndicatorPeriodTable, IndicatorTable, IndicatorValueTable } from '../../../db/schema';
import type { IndicatorScope, PlanScope, UnitScope } from './reporting.policy';

export type PeriodRow = Selectable<IndicatorPeriodTable>;
export type ValueRow = Selectable<IndicatorValueTable>;
export type IndicatorRow = Selectable<IndicatorTable>;
export interface PlanRow extends PlanScope {
  code: string;
  title: string;
  baselineYear: number;
  targetYear: number;
  ownerName: string;
  regionName: string;
  /** the plan's status thresholds as stored (thresholds_json, `{onTrack, fair}`; read with thresholdsOf()) */
  thresholdsJson: string;
}
export interface UnitRow extends UnitScope {
  name: string;
  code: string;
}

export async function loadPlans(db: Kysely<Database>, id?: number): Promise<PlanRow[]> {
  let q = db
    .selectFrom('indicator_plan as p')
    .innerJoin('org_unit as r', 'r.id', 'p.region_org_id')
    .innerJoin('org_unit as o', 'o.id', 'p.owner_org_id')
    // a province's plan comes once per city of the province (its regionCityIds), in the same statement
    .leftJoin('org_unit as c', (j) => j.onRef('c.parent_id', '=', 'p.region_org_id').on('c.kind', '=', 'city').on('r.kind', '=', 'province'))
    .select(['p.id', 'p.code', 'p.title', 'p.baseline_year', 'p.target_year', 'p.owner_org_id', 'p.region_org_id', 'r.kind as region_kind', 'r.parent_id as region_parent_id', 'r.name as region_name', 'o.name as owner_name', 'p.thresholds_json', 'c.id as city_id'])
    .orderBy('p.id')
    .orderBy('c.id');
  if (id !== undefined) q = q.where('p.id', '=', id);
  const rows = await q.execute();
  const cities = new Map<number, number[]>();
  for (const r of rows) if (r.city_id !== null) cities.set(r.id, [...(cities.get(r.id) ?? []), r.city_id]);
  return rows.filter((p, i) => i === 0 || rows[i - 1]!.id !== p.id).map((p) => ({
    id: p.id,
    code: p.code,
    title: p.title,
    baselineYear: p.baseline_year,
    targetYear: p.target_year,
    ownerOrgId: p.owner_org_id,
    regionOrgId: p.region_org_id,
    regionKind: p.region_kind,
    regionParentId: p.region_parent_id,
    regionCityIds: cities.get(p.id) ?? [],
    ownerName: p.owner_name,
    regionName: p.region_name,
    thresholdsJson: p.thresholds_json,
  }));
}

/** the plans a viewer sees (the predicate: reporting.policy.ts maySeePlan) */
export const visiblePlans = async (db: Kysely<Database>, sees: (p: PlanRow) => boolean) => (await loadPlans(db)).filter(sees);

export const periodsOf = (db: Kysely<Database>, planIds: number[]) =>
  // each year its annual period first, then its quarters (NULLs sort first on SQLite, last on PostgreSQL: said explicitly)
  planIds.length === 0 ? Promise.resolve([] as PeriodRow[]) : db.selectFrom('indicator_period').selectAll().where('plan_id', 'in', planIds).orderBy('year', 'desc').orderBy(sql`case when quarter is null then 0 else 1 end`).orderBy('quarter').orderBy('id').execute();

export const findPeriod = (db: Kysely<Database>, id: number) => db.selectFrom('indicator_period').selectAll().where('id', '=', id).executeTakeFirst();

/** the plan's period of that year (or quarter), if any, with who opened it and when (a second one names them) */
export const samePeriod = (db: Kysely<Database>, planId: number, year: number, quarter: number | null) => {
  const q = db.selectFrom('indicator_period').select(['id', 'created_by', 'created_at']).where('plan_id', '=', planId).where('year', '=', year);
  return (quarter === null ? q.where('quarter', 'is', null) : q.where('quarter', '=', quarter)).executeTakeFirst();
};

export const insertPeriod = (db: Kysely<Database>, v: Omit<IndicatorPeriodTable, 'id' | 'version'>) =>
  db.insertInto('indicator_period').values({ ...v, version: 1 }).returning('id').executeTakeFirstOrThrow();

export const indicatorsOf = (db: Kysely<Database>, planId: number) => db.selectFrom('indicator').selectAll().where('plan_id', '=', planId).orderBy('code').execute();

/** the indicators of several plans, by code */
export const indicatorsOfPlans = (db: Kysely<Database>, planIds: number[]) => db.selectFrom('indicator').selectAll().where('plan_id', 'in', planIds).orderBy('code').execute();

/** the values of the periods that a to-do may wait on: any still moving (draft, returned, submitted, reviewed), and every value of the open windows */
export const movingValues = (db: Kysely<Database>, periodIds: number[], openIds: number[]) =>
  db
    .selectFrom('indicator_value')
    .selectAll()
    .where('period_id', 'in', periodIds)
    .where((eb) => eb.or([eb('status', 'in', ['draft', 'returned', 'submitted', 'reviewed']), ...(openIds.length ? [eb('period_id', 'in', openIds)] : [])]))
    .execute();

export const findIndicator = (db: Kysely<Database>, id: number) => db.selectFrom('indicator').selectAll().where('id', '=', id).executeTakeFirst();

export const indicatorScope = (i: IndicatorRow): IndicatorScope => ({ id: i.id, departments: JSON.parse(i.departments_json) as string[] });

/** the yearly target overrides of a plan's indicators, by indicator id then year */
export async function overridesOf(db: Kysely<Database>, indicatorIds: number[]): Promise<Map<number, Map<number, string>>> {
  const out = new Map<number, Map<number, string>>();
  if (indicatorIds.length === 0) return out;
  const rows = await db.selectFrom('indicator_target').select(['indicator_id', 'year', 'target_json']).where('indicator_id', 'in', indicatorIds).execute();
  for (const r of rows) {
    if (!out.has(r.indicator_id)) out.set(r.indicator_id, new Map());
    out.get(r.indicator_id)!.set(r.year, r.target_json);
  }
  return out;
}

/** the units a plan takes values for: its region and (the province's plan) the province's cities */
export async function unitsOf(db: Kysely<Database>, plan: PlanScope): Promise<UnitRow[]> {
  const rows = await db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'kind', 'parent_id'])
    .where((eb) => (plan.regionKind === 'province' ? eb.or([eb('id', '=', plan.regionOrgId), eb.and([eb('parent_id', '=', plan.regionOrgId), eb('kind', '=', 'city')])]) : eb('id', '=', plan.regionOrgId)))
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  const region = rows.filter((r) => r.id === plan.regionOrgId);
  return [...region, ...rows.filter((r) => r.id !== plan.regionOrgId)].map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id }));
}

/** the units of several plans at once: their regions and the province's cities */
export async function unitsOfPlans(db: Kysely<Database>, plans: PlanScope[]): Promise<UnitRow[]> {
  const regions = plans.map((p) => p.regionOrgId);
  const rows = await db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'kind', 'parent_id'])
    .where((eb) => eb.or([eb('id', 'in', regions), eb.and([eb('parent_id', 'in', regions), eb('kind', '=', 'city')])]))
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id }));
}

export async function findUnit(db: Kysely<Database>, id: number): Promise<UnitRow | undefined> {
  const r = await db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind', 'parent_id']).where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id };
}

export const valuesOfPeriods = (db: Kysely<Database>, periodIds: number[]) =>
  periodIds.length === 0 ? Promise.resolve([] as ValueRow[]) : db.selectFrom('indicator_value').selectAll().where('period_id', 'in', periodIds).orderBy('id').execute();

export const findValue = (db: Kysely<Database>, id: number) => db.selectFrom('indicator_value').selectAll().where('id', '=', id).executeTakeFirst();

export const valueAt = (db: Kysely<Database>, periodId: number, indicatorId: number, orgId: number) =>
  db.selectFrom('indicator_value').selectAll().where('period_id', '=', periodId).where('indicator_id', '=', indicatorId).where('org_id', '=', orgId).executeTakeFirst();

/** the cities' values of an indicator in a period (any reported state) */
export const cityValues = (db: Kysely<Database>, periodId: number, indicatorId: number, regionOrgId: number) =>
  db
    .selectFrom('indicator_value as v')
    .innerJoin('org_unit as o', 'o.id', 'v.org_id')
    .select('v.value')
    .where('v.period_id', '=', periodId)
    .where('v.indicator_id', '=', indicatorId)
    .where('o.parent_id', '=', regionOrgId)
    .where('o.kind', '=', 'city')
    .where('v.status', 'in', ['submitted', 'reviewed', 'accepted'])
    .where('v.value', 'is not', null)
    .execute();

export const insertValue = (db: Kysely<Database>, v: Omit<IndicatorValueTable, 'id' | 'version'>) =>
  db.insertInto('indicator_value').values({ ...v, version: 1 }).returning('id').executeTakeFirstOrThrow();

/** update a value's fields if it still has this version and status; false when someone changed it first */
export async function updateValue(db: Kysely<Database>, id: number, version: number, set: Partial<Omit<IndicatorValueTable, 'id' | 'version'>>): Promise<boolean> {
  const r = await db
    .updateTable('indicator_value')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Everything of one plan the reporting pages and checks work from: small (24 indicators × 15 units × periods). */
export interface PlanData {
  plan: PlanRow;
  periods: PeriodRow[];
  indicators: IndicatorRow[];
  /** the number each indicator reads by (indicatorNumbers: the province's 1–24, a city's 1, 2, …), by id */
  numbers: Map<number, number>;
  overrides: Map<number, Map<number, string>>;
  units: UnitRow[];
  values: ValueRow[];
}

export async function loadPlanData(db: Kysely<Database>, plan: PlanRow): Promise<PlanData> {
  const periods = await periodsOf(db, [plan.id]);
  const indicators = await indicatorsOf(db, plan.id);
  return {
    plan,
    periods,
    indicators,
    numbers: indicatorNumbers(indicators),
    overrides: await overridesOf(db, indicators.map((i) => i.id)),
    units: await unitsOf(db, plan),
    values: await valuesOfPeriods(db, periods.map((p) => p.id)),
  };
}

/** The value locked FOR UPDATE inside a transaction (an attachment change re-reads its owner so). */
export const lockValue = (db: Kysely<Database>, id: number) => db.selectFrom('indicator_value').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** The latest change of a value the audit log records (its action, when, who and the person's unit); undefined when none. */
export const lastValueChange = async (db: Kysely<Database>, id: number) => (await recordedChanges(db, 'indicator_value', id))[0];
