/**
 * The 驾驶舱's reads: how far each cycle has come (declarations, scoring submissions, objections — counted for
 * all the cycles at once, one grouped query each) and the latest published results (the frozen text the
 * results route serves, built once and cached). A fixed number of queries whatever the number of cycles.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SessionUser } from '../../core/session';
import type { ResultsView } from '../../../shared/contracts/results';
import { cycleAccess, followedCityCycles, publishedResultsText, visibleCycles, type CycleRow } from '../assessment';
import { workplanDashboard } from '../workplan';

export interface CycleProgress {
  declarations: { total: number; submitted: number; accepted: number };
  scoring: { total: number; submitted: number };
  objections: { open: number; total: number };
}

export const emptyProgress = (): CycleProgress => ({
  declarations: { total: 0, submitted: 0, accepted: 0 },
  scoring: { total: 0, submitted: 0 },
  objections: { open: 0, total: 0 },
});

/** Per cycle id: its declarations, scoring submissions and objections by state (three grouped queries). */
export async function progressOf(db: Kysely<Database>, cycleIds: number[]): Promise<Map<number, CycleProgress>> {
  const out = new Map(cycleIds.map((id) => [id, emptyProgress()]));
  if (!cycleIds.length) return out;
  const count = (n: unknown) => Number(n);
  const decl = await db
    .selectFrom('declaration')
    .select(['cycle_id', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('cycle_id', 'in', cycleIds)
    .groupBy(['cycle_id', 'status'])
    .execute();
  for (const r of decl) {
    const p = out.get(r.cycle_id)!.declarations;
    p.total += count(r.n);
    if (r.status === 'submitted' || r.status === 'accepted') p.submitted += count(r.n);
    if (r.status === 'accepted') p.accepted += count(r.n);
  }
  const subs = await db
    .selectFrom('score_submission')
    .select(['cycle_id', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('cycle_id', 'in', cycleIds)
    .groupBy(['cycle_id', 'status'])
    .execute();
  for (const r of subs) {
    const p = out.get(r.cycle_id)!.scoring;
    p.total += count(r.n);
    if (r.status === 'submitted') p.submitted += count(r.n);
  }
  const objs = await db
    .selectFrom('objection')
    .select(['cycle_id', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('cycle_id', 'in', cycleIds)
    .groupBy(['cycle_id', 'status'])
    .execute();
  for (const r of objs) {
    const p = out.get(r.cycle_id)!.objections;
    p.total += count(r.n);
    if (r.status === 'open') p.open += count(r.n);
  }
  return out;
}

/** The cycles on the 驾驶舱: those of the most recent year, and any earlier one not yet published. */
export function currentCycles(visible: CycleRow[]): { year: number | null; cycles: CycleRow[] } {
  if (!visible.length) return { year: null, cycles: [] };
  const year = Math.max(...visible.map((c) => c.year));
  return { year, cycles: visible.filter((c) => c.year === year || c.status !== 'published') };
}

/** The city offices' cycles on the 驾驶舱 of the province's leaders and office: per office, as currentCycles picks the caller's own. */
export function currentCityCycles<C extends CycleRow>(all: C[]): C[] {
  const shown = new Set<number>();
  for (const office of new Set(all.map((c) => c.office_org_id))) for (const c of currentCycles(all.filter((x) => x.office_org_id === office)).cycles) shown.add(c.id);
  return all.filter((c) => shown.has(c.id));
}

/** The latest published cycle's results as the caller sees them (totals only), or null. */
export async function latestPublished(db: Kysely<Database>, user: SessionUser, visible: CycleRow[], today: string): Promise<ResultsView | null> {
  const latest = visible.find((c) => c.status === 'published');
  if (!latest) return null;
  const text = await publishedResultsText(db, await cycleAccess(db, user, latest.id, today), 'totals');
  return JSON.parse(text.bytes.toString('utf8')) as ResultsView;
}

/** `today` (China date) is the day the work plans' lights are for */
export async function loadDashboard(db: Kysely<Database>, user: SessionUser, today: string) {
  const visible = await visibleCycles(db, user); // newest first
  const { year, cycles } = currentCycles(visible);
  const offices = new Map(
    (await db.selectFrom('org_unit').select(['id', 'name']).where('kind', '=', 'office').execute()).map((o) => [o.id, o.name] as const),
  );
  const cityCycles = currentCityCycles(await followedCityCycles(db, user));
  const progress = await progressOf(db, [...cycles, ...cityCycles].map((c) => c.id));
  const latest = await latestPublished(db, user, visible, today);
  const workPlans = await workplanDashboard(db, user, today);
  return { year, cycles, cityCycles, offices, progress, latest, workPlans };
}
