/** The 驾驶舱's work plan card (for the dashboard module): the published plans of the most recent year the caller reads, of the caller's own region where it has one, else the province's (never another city's). */
import type { Kysely } from 'kysely';
import type { DashboardWorkPlan } from '../../../shared/contracts/dashboard';
import type { SessionUser } from '../../core/session';
import type { Database } from '../../db/schema';
import { coversRegion, isOwnRegion, mayReadPlan, ownRegionFirst } from './workplan.policy';
import { dashboardPlanView } from './workplan.presenter';
import { loadPlanBundle, publishedPlans } from './workplan.queries';

export async function workplanDashboard(db: Kysely<Database>, user: SessionUser, today: string): Promise<DashboardWorkPlan[]> {
  const readable = ownRegionFirst(user, (await publishedPlans(db)).filter((p) => mayReadPlan(user, p) && coversRegion(user, p)));
  if (!readable.length) return [];
  const { year } = readable[0];
  const own = isOwnRegion(user, readable[0]);
  const plans = readable.filter((p) => p.year === year && isOwnRegion(user, p) === own);
  const b = await loadPlanBundle(db, plans);
  return plans.map((p) => dashboardPlanView(b, p, today));
}
