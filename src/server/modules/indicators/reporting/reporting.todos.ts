/**
 * The state the to-do rules of plan-indicator reporting (src/shared/workflow/todos.ts, kinds indicators.*) derive
 * from, narrowed to one viewer by the same policy predicates the commands enforce.
 */
import type { Kysely } from 'kysely';
import { lockDate, windowState } from '../../../../shared/indicators/checks';
import type { IndicatorReportingState } from '../../../../shared/workflow/todos';
import type { Database } from '../../../db/schema';
import type { SessionUser } from '../../../core/session';
import { isPlanOffice, isReopened, mayAccept, mayReport, mayReview, maySeePlan, returnBehindLock, unitInPlan } from './reporting.policy';
import { periodLabel } from './reporting.presenter';
import { indicatorScope, indicatorsOfPlans, movingValues, periodsOf, unitsOfPlans, visiblePlans, type PeriodRow } from './reporting.queries';

/**
 * Windows are judged on `today`, the request's day (core/clock.ts), as the commands judge them. Five queries
 * whatever the number of plans and periods (the plans, their periods, indicators and units, and the values that
 * matter: those of open windows, and any still moving).
 */
export async function loadIndicatorTodoState(db: Kysely<Database>, me: SessionUser, today: string): Promise<IndicatorReportingState> {
  const state: IndicatorReportingState = { toReport: [], returned: [], toReopen: [], toReview: [], toAccept: [] };
  const plans = await visiblePlans(db, (p) => maySeePlan(me, p));
  if (plans.length === 0) return state;
  const periods = await periodsOf(db, plans.map((p) => p.id));
  if (periods.length === 0) return state;
  const windowOf = (p: PeriodRow) => ({ opensOn: p.opens_on, closesOn: p.closes_on, lockDays: p.lock_days });
  const openIds = periods.filter((p) => ['open', 'late'].includes(windowState(windowOf(p), today))).map((p) => p.id);
  const indicators = await indicatorsOfPlans(db, plans.map((p) => p.id));
  const units = await unitsOfPlans(db, plans);
  const values = await movingValues(db, periods.map((p) => p.id), openIds);
  const byKey = new Map(values.map((v) => [`${v.period_id}:${v.indicator_id}:${v.org_id}`, v]));
  for (const plan of plans) {
    const planUnits = units.filter((u) => unitInPlan(plan, u));
    const planIndicators = indicators.filter((i) => i.plan_id === plan.id);
    for (const period of periods.filter((p) => p.plan_id === plan.id)) {
      const w = windowOf(period);
      const window = windowState(w, today);
      const label = periodLabel(period);
      let missing = 0;
      let total = 0;
      let review = 0;
      let accept = 0;
      for (const ind of planIndicators) {
        const scope = indicatorScope(ind);
        for (const unit of planUnits) {
          const reviewer = mayReview(me, plan, scope, unit);
          const value = byKey.get(`${period.id}:${ind.id}:${unit.id}`);
          const reopened = isReopened(value);
          const behindLock = !!value && returnBehindLock(value.status, window, reopened);
          if (mayReport(me, plan, scope, unit)) {
            const open = window === 'open' || window === 'late' || reopened;
            if (open) total++;
            if (open && (!value || value.status === 'draft')) missing++;
            if (value?.status === 'returned') state.returned.push({ valueId: value.id, periodId: period.id, label, indicatorName: ind.name, unitName: unit.name, comment: value.return_comment, lockedOn: behindLock ? lockDate(w) : null });
          }
          if (value && behindLock && isPlanOffice(me, plan)) {
            state.toReopen.push({ valueId: value.id, periodId: period.id, label, indicatorName: ind.name, unitName: unit.name, comment: value.return_comment, lockedOn: lockDate(w) });
          }
          if (value?.status === 'submitted' && reviewer) review++;
          if (value?.status === 'reviewed' && mayAccept(me, plan)) accept++;
        }
      }
      if (total > 0) state.toReport.push({ periodId: period.id, label, planTitle: plan.title, missing, total, dueOn: window === 'late' ? lockDate(w) : period.closes_on, late: window === 'late' });
      if (review > 0) state.toReview.push({ periodId: period.id, label, count: review });
      if (accept > 0) state.toAccept.push({ periodId: period.id, label, count: accept });
    }
  }
  return state;
}
