/** The 驾驶舱: cycle rows, their progress and the latest results → DashboardView (pure). */
import type { DashboardResults, DashboardUnit, DashboardView } from '../../../shared/contracts/dashboard';
import type { ResultsView } from '../../../shared/contracts/results';
import { presentCycleSummary, type CycleRow } from '../assessment';
import { emptyProgress, type CycleProgress } from './dashboard.queries';
import { CYCLE_WORKFLOW } from '../../../shared/workflow/assessment';

const TOP_N = 3;

export function presentResults(v: ResultsView): DashboardResults {
  const rate = (u: ResultsView['units'][number], code: string, points: string) => {
    const s = u.sections.find((x) => x.code === code);
    const p = Number(points);
    return s && p > 0 ? Number(s.score) / p : 0;
  };
  const units: DashboardUnit[] = v.units
    .filter((u) => u.total !== null)
    .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.unitCode.localeCompare(b.unitCode))
    .map((u) => ({
      unitId: u.unitId,
      unitCode: u.unitCode,
      unitName: u.unitName,
      total: u.total!,
      rank: u.rank,
      grade: u.grade,
      veto: !!u.veto,
      rates: v.domains.map((d) => rate(u, d.code, d.points)),
    }));
  const withSections = units.filter((u) => v.units.find((x) => x.unitId === u.unitId)!.sections.length > 0);
  return {
    cycleId: v.cycleId,
    year: v.year,
    title: v.title,
    publishedAt: v.publishedAt,
    demo: v.demo,
    domains: v.domains.map((d, i) => ({
      ...d,
      average: withSections.length ? withSections.reduce((s, u) => s + u.rates[i], 0) / withSections.length : 0,
    })),
    units,
    top: units.slice(0, TOP_N),
    bottom: units.length > TOP_N ? units.slice(-Math.min(TOP_N, units.length - TOP_N)) : [],
    previous: v.previous ? { year: v.previous.year, units: v.previous.units.map((u) => ({ unitCode: u.unitCode, total: u.total, rank: u.rank })) } : null,
  };
}

export function presentDashboard(d: {
  year: number | null;
  cycles: CycleRow[];
  cityCycles: (CycleRow & { city_name: string })[];
  offices: Map<number, string>;
  progress: Map<number, CycleProgress>;
  latest: ResultsView | null;
  workPlans: DashboardView['workPlans'];
}): DashboardView {
  return {
    year: d.year,
    cycles: d.cycles.map((c) => ({
      ...presentCycleSummary(c, d.offices.get(c.office_org_id) ?? ''),
      ...(d.progress.get(c.id) ?? emptyProgress()),
      objectionStart: c.objection_start,
      objectionEnd: c.objection_end,
      publishedAt: c.published_at,
    })),
    cityCycles: d.cityCycles.map((c) => {
      const p = d.progress.get(c.id) ?? emptyProgress();
      return {
        cityName: c.city_name,
        officeName: d.offices.get(c.office_org_id) ?? '',
        year: c.year,
        title: c.title,
        status: c.status,
        statusLabel: CYCLE_WORKFLOW.states[c.status],
        scoring: p.scoring,
        objections: p.objections,
        publishedAt: c.published_at,
        demo: c.demo === 1,
      };
    }),
    latest: d.latest ? presentResults(d.latest) : null,
    workPlans: d.workPlans,
  };
}
