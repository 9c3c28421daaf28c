/**
 * The indicator monitoring's read models, built from the queries, the 名录计数 (indicators.roll.ts) and the
 * presenter: the table of a year and one indicator's detail, as the routes answer them, the exports print them and
 * the analysis reports (indicators.analysis.ts) quote them. Not in indicators.queries.ts: the roll count reads
 * through the queries, so the queries cannot read through it.
 */
import type { Kysely } from 'kysely';
import type { IndicatorDetail, IndicatorTable, PlanView } from '../../../shared/contracts/indicators';
import type { Database } from '../../db/schema';
import { yearOf, type PlanAccess } from './indicators.policy';
import { presentDetail, presentTable } from './indicators.presenter';
import { detailInput, indicatorsOf, planOf, tableInput, type IndicatorDbRow } from './indicators.queries';
import { rollCountsOf, rollDetailOf, yearStatuses } from './indicators.roll';

/**
 * The indicator table of one year (also what the exports print), with one quarter's column when asked; with
 * `acceptedBy`, as it stood that day (a report's data taken then: values accepted later are left out).
 */
export async function tableView(db: Kysely<Database>, a: PlanAccess, year?: number, quarter?: number, acceptedBy?: string): Promise<IndicatorTable> {
  const plan = await planOf(db, a);
  const y = yearOf(a, plan, year);
  const t = await tableInput(db, a, y, quarter, acceptedBy);
  return presentTable(a, plan, y, quarter, t, await rollCountsOf(db, a, t.inds, t.values, y));
}

/**
 * One indicator's detail (its path of targets against the accepted values, the cities' figures), as of `acceptedBy`
 * when given; `known` as detailInput takes it.
 */
export async function detailView(db: Kysely<Database>, a: PlanAccess, ind: IndicatorDbRow, acceptedBy?: string, known?: { plan: PlanView; inds: IndicatorDbRow[] }): Promise<IndicatorDetail> {
  const d = await detailInput(db, a, ind, acceptedBy, known);
  // the count of the plan's default year, as the table of that year shows it (its status when no value is accepted)
  const roll = await rollDetailOf(db, a, ind, d.targets, d.regionValues, d.plan.defaultYear, d.cities.map((c) => c.id));
  return presentDetail(a, ind, d, roll, yearStatuses(a.plan, ind, d.targets, d.regionValues, roll));
}

/**
 * The details of the table's indicators that have an accepted value, in the table's order (the charts of the
 * monitoring report and of the analysis reports): the first `max` of them when given, as of `acceptedBy` when given.
 */
export async function detailsOf(db: Kysely<Database>, a: PlanAccess, t: IndicatorTable, o: { max?: number; acceptedBy?: string } = {}): Promise<IndicatorDetail[]> {
  // the plan and its indicators are read once for the table, not again for each detail
  const inds = await indicatorsOf(db, a.plan.id);
  const details: IndicatorDetail[] = [];
  for (const row of t.rows.filter((r) => r.actual).slice(0, o.max)) details.push(await detailView(db, a, inds.find((i) => i.id === row.id)!, o.acceptedBy, { plan: t.plan, inds }));
  return details;
}
