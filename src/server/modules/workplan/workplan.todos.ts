/**
 * The work plan's part of the 待办 state (src/shared/workflow/todos.ts derives the to-dos): for every open task of
 * a published plan, the units that have not signed, the reports due soon, overdue or sent back (退回) with their
 * escalation stage and the notices issued, pending extensions (marked when asked late), a pending closure request or
 * one sent back (退回) that the lead has not answered yet, and whether the task is past its deadline in force (逾期).
 * Past a plan's supervision (planEnd) only the requests still waiting on the office are kept, until decided.
 */
import type { Kysely } from 'kysely';
import { chinaDate } from '../../../shared/deadline';
import { daysBetween, daysOverdue, escalationStage, supervisionEnded } from '../../../shared/workplan/rules';
import type { WorkplanTaskState } from '../../../shared/workflow/todos';
import type { Database } from '../../db/schema';
import { closureReturnedOf, consolidatorOf, reportingOrgs } from './workplan.policy';
import { deadlineOf, extensionLate, owedPeriodsOf, planEnd, policyOf } from './workplan.presenter';
import { loadPlanBundle, plansForTodos } from './workplan.queries';

export async function loadWorkplanTodoState(db: Kysely<Database>, now: Date): Promise<WorkplanTaskState[]> {
  const today = chinaDate(now);
  // a plan is supervised into the next year at most (its end is checked below); past it, only a request still waiting on
  // the office keeps it here
  const plans = await plansForTodos(db, Number(today.slice(0, 4)) - 1);
  if (!plans.length) return [];
  const b = await loadPlanBundle(db, plans);
  const name = (id: number) => b.names.get(id) ?? `单位${id}`;
  const out: WorkplanTaskState[] = [];
  for (const plan of plans) {
    // a plan past its supervision is a record: it raises no more reminders (签收, 报送, 催办, 逾期, a closure sent back),
    // which the server now refuses (supervisionRefusal), but a request asked of the office and not yet decided still
    // waits on it (its review to-do, until decided: the decisions are still taken)
    const ended = supervisionEnded(today, planEnd(b, plan));
    const policy = policyOf(plan);
    for (const task of b.tasks.filter((t) => t.plan_id === plan.id && t.status !== 'closed')) {
      const pendingExtensions = b.extensions
        .filter((e) => e.task_id === task.id && e.status === 'pending')
        .map((e) => ({ id: e.id, orgName: name(e.org_id), newDueOn: e.new_due_on, fromDueOn: e.from_due_on, late: extensionLate(e), askedBy: e.created_by }));
      const pendingClosure = b.closures.find((c) => c.task_id === task.id && c.status === 'pending');
      const consolidator = consolidatorOf(plan, task);
      const waitsOnOffice = { pendingExtensions, pendingClosure: pendingClosure ? { id: pendingClosure.id, orgName: name(pendingClosure.org_id), askedBy: pendingClosure.created_by } : null };
      const base = { id: task.id, number: task.number, title: task.title, issuerOrgId: plan.issuer_org_id, consolidatorOrgId: consolidator, consolidatorName: name(consolidator), ...waitsOnOffice };
      if (ended) {
        if (pendingExtensions.length || pendingClosure) out.push({ ...base, unsigned: [], dueReports: [], returnedClosure: null, overdue: null });
        continue;
      }
      const reports = b.reports.filter((r) => r.task_id === task.id);
      const notices = b.notices.filter((n) => n.task_id === task.id);
      const dueReports: WorkplanTaskState['dueReports'] = [];
      for (const p of owedPeriodsOf(plan, task, today, b.extensions)) {
        // a report is asked for within the warning days of its due date; one sent back (退回) waits on its unit at once
        const early = daysBetween(today, p.dueOn) > policy.warnDays;
        for (const orgId of reportingOrgs(plan, task, b.units)) {
          const r = reports.find((x) => x.org_id === orgId && x.period === p.code);
          if (r?.status === 'submitted' || (early && r?.status !== 'returned')) continue;
          const issued = notices.filter((n) => n.org_id === orgId && n.period === p.code).map((n) => n.kind);
          dueReports.push({
            orgId,
            orgName: name(orgId),
            period: p.code,
            periodLabel: p.label,
            dueOn: p.dueOn,
            status: r ? r.status : 'missing',
            returnReason: r?.status === 'returned' ? r.return_reason : null,
            stage: escalationStage({ dueOn: p.dueOn, submittedOn: null, today }, policy),
            notice: issued.includes('order') ? 'order' : issued.includes('reminder') ? 'reminder' : null,
          });
        }
      }
      const deadline = deadlineOf(task, b.extensions);
      out.push({
        ...base,
        unsigned: b.units.filter((u) => u.task_id === task.id && u.signed_at === null).map((u) => u.org_id),
        dueReports,
        returnedClosure: closureReturnedOf(plan, task, b.closures, reports),
        overdue: task.status === 'open' && daysOverdue(deadline, today) > 0 ? { deadline, daysLate: daysOverdue(deadline, today) } : null,
      });
    }
  }
  return out;
}
