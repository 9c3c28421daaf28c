/**
 * What the quality analysis report (modules/analysis) reads from work plan supervision: for the year's published
 * plans, the tasks counted by light as of a day — the plan's own task lights (taskLightFor: the consolidating unit's,
 * at least as severe as any unit's) for the issuing office, or, for a city, its own light on every task it has a part in.
 */
import type { Kysely } from 'kysely';
import type { Light } from '../../../shared/workplan/rules';
import type { Database } from '../../db/schema';
import { bundleOn, taskLightFor, unitLight } from './workplan.presenter';
import { allPlans, loadPlanBundle } from './workplan.queries';

export interface WorkplanLights {
  planTitle: string;
  issuer: string;
  asOf: string;
  tasks: number;
  lights: Record<Light, number>;
  /** the tasks that are red, number and title, and what the red is called (逾期, or 报送逾期 for a late report alone) */
  overdue: { number: number; title: string; label: string }[];
}

export async function workplanLights(db: Kysely<Database>, o: { year: number; asOf: string; issuerOrgId: number | null; unitOrgId: number | null }): Promise<WorkplanLights[]> {
  const plans = (await allPlans(db)).filter((p) => p.year === o.year && p.status === 'published' && (o.issuerOrgId === null || p.issuer_org_id === o.issuerOrgId));
  if (!plans.length) return [];
  // the lights "截至" the day: what happened after it is not counted
  const b = bundleOn(await loadPlanBundle(db, plans), o.asOf);
  return plans.map((plan) => {
    const lights: Record<Light, number> = { green: 0, yellow: 0, red: 0, done: 0 };
    const overdue: WorkplanLights['overdue'] = [];
    let tasks = 0;
    for (const t of b.tasks.filter((x) => x.plan_id === plan.id)) {
      if (o.unitOrgId !== null && !b.units.some((u) => u.task_id === t.id && u.org_id === o.unitOrgId)) continue;
      const { light: l, label } = o.unitOrgId === null ? taskLightFor(b, plan, t, o.asOf) : unitLight(b, plan, t, o.unitOrgId, o.asOf);
      lights[l]++;
      tasks++;
      if (l === 'red') overdue.push({ number: t.number, title: t.title, label });
    }
    return { planTitle: plan.title, issuer: b.names.get(plan.issuer_org_id) ?? '', asOf: o.asOf, tasks, lights, overdue };
  });
}
