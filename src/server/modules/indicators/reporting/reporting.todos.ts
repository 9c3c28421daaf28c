/**
 * The state the to-do rules of plan-indicator reporting (src/shared/workflow/todos.ts, kinds indicators.*) derive
 * from, narrowed to one viewer by the same policy predicates the commands enforce.
 */
import type { Kysely } from 'kysely';
import { lockDate, windowState } from '../../../../shared/indicators/checks';
import type { IndicatorReportingState } from '../../../../shared/workflow/todos';
import { INDICATOR_VALUE_EDITABLE } from '../../../../shared/workflow/indicators';
import type { Database } from '../../../db/schema';
import type { SessionUser } from '../../../core/session';
import { reportingToday } from './reporting.commands';
import { mayAccept, mayReport, mayReview, maySeePlan } from './reporting.policy';
import { periodLabel } from './reporting.presenter';
import { indicatorScope, loadPlanData, loadPlans } from './reporting.queries';

/** Windows are judged by the reporting clock (reporting.commands.ts), as the commands judge them. */
export async function loadIndicatorTodoState(db: Kysely<Database>, me: SessionUser): Promise<IndicatorReportingState> {
  const state: IndicatorReportingState = { toReport: [], returned: [], toReview: [], toAccept: [] };
  const today = reportingToday();
  const plans = (await loadPlans(db)).filter((p) => maySeePlan(me, p));
  for (const plan of plans) {
    const data = await loadPlanData(db, plan);
    for (const period of data.periods) {
      const w = { opensOn: period.opens_on, closesOn: period.closes_on, lockDays: period.lock_days };
      const window = windowState(w, today);
      const label = periodLabel(period);
      let missing = 0;
      let total = 0;
      let review = 0;
      let accept = 0;
      for (const ind of data.indicators) {
        const scope = indicatorScope(ind);
        const reviewer = mayReview(me, plan, scope);
        for (const unit of data.units) {
          const value = data.values.find((v) => v.period_id === period.id && v.indicator_id === ind.id && v.org_id === unit.id);
          if (mayReport(me, plan, scope, unit)) {
            const open = window === 'open' || window === 'late' || !!value?.reopen_reason;
            if (open) total++;
            if (open && (!value || value.status === 'draft')) missing++;
            if (value?.status === 'returned' && INDICATOR_VALUE_EDITABLE.includes(value.status)) {
              state.returned.push({ valueId: value.id, periodId: period.id, label, indicatorName: ind.name, unitName: unit.name, comment: value.return_comment });
            }
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
