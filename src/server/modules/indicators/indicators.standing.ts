/**
 * How a plan indicator stands for one unit and year, for whoever follows it up (the 整改 module raises an item from
 * a lagging or failing indicator): the accepted value of that unit and year and its status against the plan's path.
 * A member department responsible for the indicator answers for the region's own figure (it reports that figure);
 * `answersFor` names whose figure was read.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SessionUser } from '../../core/session';
import { badRequest } from '../../core/errors';
import { departmentCodes, mayManage, responsibleAmong } from './indicators.policy';
import { statusOf } from './indicators.presenter';
import { unitInPlan } from './reporting/reporting.policy';
import { indicatorNumbers } from '../../../shared/indicators/format';
import { acceptedValues, indicatorAccess, indicatorsOf, orgsByCodes, orgsByIds, targetsOf, type Org } from './indicators.queries';

export interface IndicatorStanding {
  planTitle: string;
  planOwnerOrgId: number;
  code: number;
  /** the number it reads by in the plan (indicatorNumbers: a city's 1, 2, …, not its stored key) */
  number: number;
  name: string;
  unit: string;
  /** the caller manages the plan (its office) */
  manages: boolean;
  /** null: no accepted value for that unit and year */
  value: number | null;
  status: 'ahead' | 'on_track' | 'lagging' | 'unknown' | null;
  statusLabel: string | null;
  reason: string | null;
  /** the value misses the year's own target */
  failing: boolean;
  /** the plan's region (the province, or a city on a city's own plan) */
  region: { id: number; name: string; kind: string };
  /** the unit asked about (the 责任单位 an item would be raised for) */
  asked: { id: number; name: string; kind: string };
  /** the unit asked about reports its own figures to the plan (its region, or one of the province's cities: unitInPlan) */
  reportsToPlan: boolean;
  /** whose figure was read: the unit asked, or — for a responsible member department — the region */
  answersFor: { id: number; name: string };
  /** the member departments responsible for the indicator (they answer for the region's figure), in the plan's order */
  responsible: { id: number; name: string }[];
}

/** the departments responsible for an indicator (responsibleAmong), read from the database */
export async function responsibleDepartments(db: Kysely<Database>, region: Org, ind: { departments_json: string }): Promise<Org[]> {
  const codes = departmentCodes(ind);
  return responsibleAmong(region, codes, await orgsByCodes(db, codes));
}

export async function indicatorStanding(db: Kysely<Database>, user: SessionUser, indicatorId: number, orgId: number, year: number, today: string): Promise<IndicatorStanding> {
  const { a, ind } = await indicatorAccess(db, user, indicatorId, today);
  const responsible = await responsibleDepartments(db, a.region, ind);
  const asked = (await orgsByIds(db, [orgId])).get(orgId);
  if (!asked) throw badRequest(`编号为${orgId}的责任单位不存在，请从列表中选择责任单位`, [{ field: 'orgId', message: '单位不存在' }]);
  const answersFor = responsible.some((o) => o.id === orgId) ? a.region : asked;
  const v = (await acceptedValues(db, a.plan.id, { indicatorId: ind.id, orgIds: [answersFor.id] })).find((x) => x.year === year);
  const base = {
    planTitle: a.plan.title,
    planOwnerOrgId: a.plan.owner_org_id,
    code: ind.code,
    number: indicatorNumbers(await indicatorsOf(db, a.plan.id)).get(ind.id)!,
    name: ind.name,
    unit: ind.unit,
    manages: mayManage(a),
    region: { id: a.region.id, name: a.region.name, kind: a.region.kind },
    asked: { id: asked.id, name: asked.name, kind: asked.kind },
    reportsToPlan: unitInPlan({ regionOrgId: a.region.id, regionKind: a.region.kind }, { id: asked.id, kind: asked.kind, parentId: asked.parent_id }),
    answersFor: { id: answersFor.id, name: answersFor.name },
    responsible: responsible.map((o) => ({ id: o.id, name: o.name })),
  };
  if (!v) return { ...base, value: null, status: null, statusLabel: null, reason: null, failing: false };
  const s = statusOf(a.plan, ind, await targetsOf(db, [ind.id]), year, v.value);
  return { ...base, value: v.value, status: s.status, statusLabel: s.label, reason: s.reason, failing: s.metYear === false };
}
