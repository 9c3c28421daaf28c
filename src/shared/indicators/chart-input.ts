/** The chart input of one indicator's detail (the page and the report draw the same chart). */
import type { IndicatorDetail } from '../contracts/indicators';
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
