/**
 * The charts of a cycle's results, from the results view: the ranking, a unit's domain radar against the
 * average of the units, and the year-on-year change. The results tab draws them; the documents (the city's
 * 反馈意见书) render the same specs to PNG with renderChartSpecPng (src/server/io/charts).
 */
import { assessedTermOf, type ResultsView, type UnitResultView } from '../contracts/results';
import { domainRadarChart } from './radar';
import { rankingChart } from './ranking';
import { PRIMARY, SECONDARY, toNum, type ChartSpec } from './theme';
import { yearOnYearChart } from './year-on-year';

/** A unit's score rate per domain (score / points, 0..1), in the order of view.domains. */
export const domainRates = (v: ResultsView, u: UnitResultView): number[] =>
  v.domains.map((d) => {
    const s = u.sections.find((x) => x.code === d.code);
    const points = Number(d.points);
    return s && points > 0 ? Number(s.score) / points : 0;
  });

const withTotals = (v: ResultsView) => v.units.filter((u) => u.total !== null);

/** The ranking of every unit with a total (null when fewer than two have one). */
export function resultsRankingChart(v: ResultsView): ChartSpec | null {
  const units = withTotals(v);
  if (units.length < 2) return null;
  return rankingChart(units.map((u) => ({ name: u.unitName, total: toNum(u.total) ?? 0, rank: u.rank, grade: u.grade, veto: !!u.veto })));
}

/** A unit's domain radar, with the average of the units that have domain scores when there are several (null under 3 domains). */
export function resultsRadarChart(v: ResultsView, unitId: number): ChartSpec | null {
  const unit = v.units.find((u) => u.unitId === unitId);
  if (!unit || v.domains.length < 3) return null;
  const scored = withTotals(v).filter((u) => u.sections.length > 0);
  const average = v.domains.map((_, i) => scored.reduce((s, u) => s + domainRates(v, u)[i], 0) / Math.max(1, scored.length));
  return domainRadarChart(v.domains, [
    { name: unit.unitName, values: domainRates(v, unit), color: PRIMARY },
    ...(scored.length > 1 ? [{ name: `各${assessedTermOf(v)}平均`, values: average, color: SECONDARY, dashed: true }] : []),
  ]);
}

/** This year's totals beside the base cycle's (null without a previous cycle). */
export function resultsYearOnYearChart(v: ResultsView): ChartSpec | null {
  const prev = v.previous;
  if (!prev) return null;
  return yearOnYearChart(
    withTotals(v).map((u) => ({
      name: u.unitName,
      current: toNum(u.total),
      previous: toNum(prev.units.find((p) => p.unitCode === u.unitCode)?.total ?? null),
    })),
    prev.year,
    v.year,
  );
}
