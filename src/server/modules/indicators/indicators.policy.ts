/**
 * Who sees and changes which plan of indicators (the route permissions in src/shared/permissions.ts say what a
 * role may do at all; this says on which plan):
 * - the province's plan: everyone with indicators.read (offices, member departments, cities and counties, leaders);
 * - a city's own plan: its office, the city and its counties, the offices and leaders above it (the province's);
 * - the plan's owner office changes its yearly targets (indicators.manage);
 * - the region's own figure is seen by every reader of the plan; the cities' figures by the region's office (the
 *   province's: office, office2), the member departments and the region's leaders, while a city or county — and its
 *   leader and its own 质强办 — sees its own city only ("a city reports its own values and sees the province's"):
 *   seesAllCities() / visibleCities(), the one rule for the detail, matrix, completeness, the .docx and the analysis.
 * Pure predicates over loaded objects; the routes and commands call them and abilities() is built from the same.
 */
import { chinaDate } from '../../../shared/deadline';
import { can } from '../../../shared/permissions';
import type { IndicatorValueStatus } from '../../../shared/workflow/indicators';
import { mayOwnRectification } from '../../../shared/workflow/rectification';
import { badRequest, forbidden, notFound, type AppError } from '../../core/errors';
import type { SessionUser } from '../../core/session';
import type { IndicatorDbRow, Org, PlanRow } from './indicators.queries';

export type PlanRelation = 'owner' | 'office' | 'department' | 'unit' | 'leader';

export interface PlanAccess {
  plan: PlanRow;
  user: SessionUser;
  as: PlanRelation;
  region: Org;
  /** the caller's unit and its ancestors, nearest first */
  lineage: Org[];
  /** the request's day (its clock): what the current reporting year is when the plan has no figures yet (defaultYearOf) */
  today: string;
}

/** Who the caller is to a plan, or null (then the plan does not exist for them). */
export function relationTo(user: SessionUser, plan: PlanRow, region: Org, lineage: Org[]): PlanRelation | null {
  const mine = lineage[0];
  if (!mine || !can(user.role, 'indicators.read')) return null;
  const provincial = region.kind === 'province';
  switch (user.role) {
    case 'office':
      if (plan.owner_org_id === mine.id) return 'owner';
      // the province's plan for every office; a city's plan for the office whose region holds the city
      return provincial || mine.parent_id === region.parent_id ? 'office' : null;
    case 'department':
      return provincial ? 'department' : null;
    case 'unit':
      return provincial || lineage.some((o) => o.id === region.id) ? 'unit' : null;
    case 'leader':
      // the province's plan for every leader; a city's plan for its own leaders (the city's, its counties') and the
      // province's — not another city's, whose lineage also reaches the province
      return provincial || lineage.some((o) => o.id === region.id) || mine.id === region.parent_id ? 'leader' : null;
    default:
      return null;
  }
}

export const planNotFound = (id: number): AppError => notFound(`规划（编号${id}）不存在或您无权查看`);
export const indicatorNotFound = (id: number): AppError => notFound(`规划指标（编号${id}）不存在或您无权查看`);

/** the plan's owner office changes its yearly targets */
export const mayManage = (a: PlanAccess): boolean => a.as === 'owner' && can(a.user.role, 'indicators.manage');

export function manageRefusal(a: PlanAccess): AppError | null {
  return mayManage(a) ? null : forbidden(`只有${a.plan.title}的管理单位（质强办）可以调整年度目标`);
}

/**
 * whether the caller sees every city's figures, or only its own city's: not a city or county, nor anyone who sits
 * within one of the units below the region (on the province's plan a city, on a city's own its counties) — a city's
 * leader, and a city's 质强办 (the city's own office, below the city in the org tree) on the province's plan read as
 * their city does. The province's office, leaders and departments see every city; a city's office on its own
 * city's plan (whose region is that city; the office sits beside the counties, not within one) everything.
 */
export const seesAllCities = (a: PlanAccess): boolean =>
  a.as !== 'unit' && !a.lineage.some((o) => (o.kind === 'city' || o.kind === 'county') && o.parent_id === a.region.id);

/** the cities whose figures the caller sees, among the region's cities */
export function visibleCities(a: PlanAccess, cities: Org[]): Org[] {
  if (seesAllCities(a)) return cities;
  return cities.filter((c) => a.lineage.some((o) => o.id === c.id));
}

export function ensure(refusal: AppError | null): void {
  if (refusal) throw refusal;
}

export const abilities = (a: PlanAccess) => ({ manage: mayManage(a), seeCities: seesAllCities(a) });

/** the year a read is asked for: the plan's default year when none is asked, else one inside the plan's period (400) */
export function yearOf(a: PlanAccess, plan: { defaultYear: number }, year: number | undefined): number {
  if (year === undefined) return plan.defaultYear;
  if (year < a.plan.baseline_year || year > a.plan.target_year) {
    throw badRequest(`年份${year}不在规划期${a.plan.baseline_year}—${a.plan.target_year}内`, [{ field: 'year', message: `年份须在${a.plan.baseline_year}至${a.plan.target_year}之间` }]);
  }
  return year;
}

/**
 * Of whom the plan's office may ask a 整改事项 on this indicator (mayOwnRectification, the server's own rule): a city
 * or county for its own figure — the region too, on a city's plan — and a responsible member department for the
 * region's figure (it reports that figure; the province answers to no 整改要求).
 */
export function raiseFor(a: PlanAccess, ind: IndicatorDbRow, cities: Org[], deptsByCode: Map<string, Org>) {
  const own = [a.region, ...cities].filter((o) => mayOwnRectification(o.kind)).map((o) => ({ orgId: o.id, name: o.name, figureOrgId: o.id }));
  const depts = responsibleAmong(a.region, departmentCodes(ind), deptsByCode).map((o) => ({ orgId: o.id, name: `${o.name}（${a.region.name}数值）`, figureOrgId: a.region.id }));
  return [...depts, ...own];
}

/** a value of a reporting period counts as reported once it is no longer a draft (completeness: 已报) */
export const isReported = (v: { status: IndicatorValueStatus }): boolean => v.status !== 'draft';

/** a value submitted after its period closed (China's date): late (completeness: 逾期) */
export const submittedLate = (v: { submitted_at: string | null }, closesOn: string): boolean => !!v.submitted_at && chinaDate(new Date(v.submitted_at)) > closesOn;

/** an indicator's departments as stored: their codes, in the plan's order */
export const departmentCodes = (ind: { departments_json: string }): string[] => JSON.parse(ind.departments_json) as string[];

/** of an indicator's departments (by code, as loaded), those that sit directly under the plan's region: the ones who report its figure */
export function responsibleAmong(region: Pick<Org, 'id'>, codes: readonly string[], byCode: Map<string, Org>): Org[] {
  return codes.map((c) => byCode.get(c)).filter((o): o is Org => !!o && o.kind === 'department' && o.parent_id === region.id);
}

/**
 * Whether the plan shows an indicator's 责任单位 as 「（假定）」: the assignment is an assumption (the seed names no
 * department; the office assumed them) and it is this plan's own — every stored department answers here. A city's plan
 * stores the province's departments of the indicators it shares; it drops them, and the province's assumption with them.
 */
export const assumedHere = (assumed: number, codes: readonly string[], responsible: readonly Org[]): boolean =>
  Number(assumed) === 1 && responsible.length === codes.length;
