/**
 * The to-do state of the quality analysis report: for a quality office, its report for the last ended half-year
 * while not issued (the rule in src/shared/workflow/todos.ts shows it with its due day; it closes itself once the
 * report is issued).
 */
import type { Kysely } from 'kysely';
import { dueOnOf, halfYear, lastEndedPeriod } from '../../../shared/analysis/periods';
import { chinaDate } from '../../../shared/deadline';
import type { AnalysisDueState } from '../../../shared/workflow/todos';
import type { SessionUser } from '../../core/session';
import type { Database } from '../../db/schema';
import { findOrg, findReportOf } from './analysis.queries';

export async function loadAnalysisTodoState(db: Kysely<Database>, me: SessionUser, now: Date): Promise<AnalysisDueState[]> {
  if (me.role !== 'office' || me.org.parentId === null) return [];
  const region = await findOrg(db, me.org.parentId);
  if (!region || (region.kind !== 'province' && region.kind !== 'city')) return [];
  const period = lastEndedPeriod(chinaDate(now));
  const r = await findReportOf(db, me.orgUnitId, period);
  if (r?.status === 'issued') return [];
  return [{ officeOrgId: me.orgUnitId, period, periodLabel: halfYear(period).label, dueOn: dueOnOf(period), reportId: r?.id ?? null }];
}
