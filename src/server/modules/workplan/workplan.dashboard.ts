/** The 驾驶舱's work plan card (for the dashboard module): the published plans of the most recent year the caller reads. */
import type { Kysely } from 'kysely';
import type { DashboardWorkPlan } from '../../../shared/contracts/dashboard';
import type { SessionUser } from '../../core/session';
import type { Database } from '../../db/schema';
import { mayReadPlan } from './workplan.policy';
import { dashboardPlanView } from './workplan.presenter';
import { loadPlanBundle, publishedPlans } from './workplan.queries';

export async function workplanDashboard(db: Kysely<Database>, user: SessionUser, today: string): Promise<DashboardWorkPlan[]> {
  const readable = (await publishedPlans(db)).filter((p) => mayReadPlan(user, p));
  if (!readable.length) return [];
  const year = readable[0].year;
  const plans = readable.filter((p) => p.year === year);
  const b = await loadPlanBundle(db, plans);
  return plans.map((p) => dashboardPlanView(b, p, today));
}
