/**
 * What the quality analysis report (modules/analysis) reads from the plan indicators: the monitoring table of a
 * year and the details (target path and accepted values) of the indicators with data, for the region's own plan
 * when it has accepted data that year, else the province's plan (whose details carry the cities' values) — as the
 * caller may see them.
 */
import type { Kysely } from 'kysely';
import type { IndicatorDetail, IndicatorTable } from '../../../shared/contracts/indicators';
import type { SessionUser } from '../../core/session';
import type { Database } from '../../db/schema';
import type { PlanAccess } from './indicators.policy';
import { planAccesses } from './indicators.queries';
import { detailsOf, tableView } from './indicators.views';

export async function indicatorMonitoring(
  db: Kysely<Database>,
  user: SessionUser,
  regionOrgId: number,
  year: number,
  today: string,
  { maxDetails = 4, acceptedBy }: { maxDetails?: number; acceptedBy?: string } = {},
): Promise<{ table: IndicatorTable; details: IndicatorDetail[]; ownPlan: boolean } | null> {
  const all = await planAccesses(db, user, today);
  const own = all.find((p) => p.plan.region_org_id === regionOrgId);
  const province = all.find((p) => p.region.kind === 'province');
  const tableOf = async (a: PlanAccess) => ({ a, table: await tableView(db, a, Math.min(Math.max(year, a.plan.baseline_year), a.plan.target_year), undefined, acceptedBy) });
  let picked = own ? await tableOf(own) : null;
  if ((!picked || !picked.table.rows.some((r) => r.status)) && province && province !== own) picked = await tableOf(province);
  if (!picked) return null;
  const { a, table } = picked;
  const details = await detailsOf(db, a, table, { max: maxDetails, acceptedBy });
  // ownPlan: the region has a plan of its own (which may have no confirmed data yet, so the province's is shown)
  return { table, details, ownPlan: !!own };
}
