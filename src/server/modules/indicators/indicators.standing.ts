/**
 * How a plan indicator stands for one unit and year, for whoever follows it up (the 整改 module raises an item from
 * a lagging or failing indicator): the accepted value of that unit and year and its status against the plan's path.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SessionUser } from '../../core/session';
import { mayManage } from './indicators.policy';
import { statusOf } from './indicators.presenter';
import { acceptedValues, indicatorAccess, targetsOf } from './indicators.queries';

export interface IndicatorStanding {
  planTitle: string;
  planOwnerOrgId: number;
  code: number;
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
}

export async function indicatorStanding(db: Kysely<Database>, user: SessionUser, indicatorId: number, orgId: number, year: number): Promise<IndicatorStanding> {
  const { a, ind } = await indicatorAccess(db, user, indicatorId);
  const v = (await acceptedValues(db, a.plan.id, { indicatorId: ind.id, orgIds: [orgId] })).find((x) => x.year === year);
  const base = { planTitle: a.plan.title, planOwnerOrgId: a.plan.owner_org_id, code: ind.code, name: ind.name, unit: ind.unit, manages: mayManage(a) };
  if (!v) return { ...base, value: null, status: null, statusLabel: null, reason: null, failing: false };
  const s = statusOf(a.plan, ind, await targetsOf(db, [ind.id]), year, v.value);
  return { ...base, value: v.value, status: s.status, statusLabel: s.label, reason: s.reason, failing: s.metYear === false };
}
