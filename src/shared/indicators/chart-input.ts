/** The chart input of one indicator's detail (the page and the report draw the same chart). */
import type { IndicatorDetail, QuarterView } from '../contracts/indicators';
import type { IndicatorChartInput } from '../charts/indicators';

export function detailChartInput(d: IndicatorDetail): IndicatorChartInput {
  const years = d.path.map((p) => p.year);
  const at = (vals: { year: number; value: number }[]) => years.map((y) => vals.find((v) => v.year === y)?.value ?? null);
  const region = at(d.region.values);
  // the baseline is the region's 2020 figure
  if (d.indicator.baseline !== null) region[0] = d.indicator.baseline;
  return {
    title: `${d.indicator.code}. ${d.indicator.name}（${d.indicator.unit}）`,
    unit: d.indicator.unit,
    years,
    targets: d.path.map((p) => (p.target && 'value' in p.target ? p.target.value : null)),
    region: { name: d.region.org.name, values: region },
    cities: d.cities.map((c) => ({ name: c.org.name, values: at(c.values) })),
  };
}

/**
 * The quarterly chart of one indicator's year: the start (上年末: last year's figure) then the four quarters, the
 * path to the year's target (dashed) against the region's accepted quarter-end values.
 */
export function quarterChartInput(d: IndicatorDetail, q: QuarterView): IndicatorChartInput {
  const start = q.start;
  return {
    title: `${d.indicator.code}. ${d.indicator.name}（${d.indicator.unit}）${q.year}年季度监测`,
    unit: d.indicator.unit,
    years: [q.year - 1, ...q.quarters.map(() => q.year)],
    labels: [`${q.year - 1}年末`, ...q.quarters.map((c) => c.label)],
    targets: [start?.value ?? null, ...q.quarters.map((c) => c.path)],
    region: { name: d.region.org.name, values: [start && start.from === 'actual' ? start.value : null, ...q.quarters.map((c) => c.actual?.value ?? null)] },
    cities: [],
  };
}
