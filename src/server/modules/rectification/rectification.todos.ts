/**
 * The 整改事项 part of the 待办 state (src/shared/workflow/todos.ts derives the to-dos): every item not yet closed,
 * with its oldest report due soon or late and its stage on the escalation ladder, a progress report or a closure
 * request sent back,
 * and the pending extension and closure requests; and the items whose first answer is owed (答复整改情况), by the
 * same answerOwed that marks them answerPending. Five queries whatever the number of items.
 */
import type { Kysely } from 'kysely';
import { chinaDate } from '../../../shared/deadline';
import type { RectificationItemState, TodoState } from '../../../shared/workflow/todos';
import { daysOverdue, extensionLate, type EscalationStage } from '../../../shared/workplan/rules';
import type { Database } from '../../db/schema';
import { RECTIFICATION_LIVE } from '../../../shared/workflow/rectification';
import { answerOwed } from './rectification.policy';
import { escalationOf, monthsOf } from './rectification.presenter';
import { liveRectifications, loadItemBundle } from './rectification.queries';

export async function loadRectificationTodoState(
  db: Kysely<Database>,
  now: Date,
): Promise<{ items: RectificationItemState[]; answersOwed: TodoState['rectifications'] }> {
  const today = chinaDate(now);
  const items = await liveRectifications(db);
  if (!items.length) return { items: [], answersOwed: [] };
  const b = await loadItemBundle(db, items);
  const answersOwed: TodoState['rectifications'] = [];
  const states = items.map((r): RectificationItemState => {
    const reports = b.reports.filter((x) => x.rectification_id === r.id);
    const closures = b.closures.filter((x) => x.rectification_id === r.id);
    const lastClosure = closures.at(-1);
    const returned = r.status === 'open' && lastClosure?.status === 'returned' && !reports.some((x) => x.submitted_at !== null && x.submitted_at > (lastClosure.decided_at ?? '')) ? lastClosure.decision_reason : null;
    const sentBack = RECTIFICATION_LIVE.includes(r.status) ? reports.find((x) => x.status === 'returned') : undefined;
    const ext = b.extensions.find((x) => x.rectification_id === r.id && x.status === 'pending');
    const pending = closures.find((x) => x.status === 'pending');
    const e = escalationOf(monthsOf(r, b.extensions, reports, today), r, b.notices);
    const owed = answerOwed(r, reports);
    if (owed) answersOwed.push({ id: r.id, applicationId: r.source_id, ownerOrgId: r.owner_org_id, title: r.title, dueOn: r.due_on });
    return {
      id: r.id,
      title: r.title,
      ownerOrgId: r.owner_org_id,
      ownerName: b.names.get(r.owner_org_id) ?? `单位${r.owner_org_id}`,
      raisedByOrgId: r.raised_by_org_id,
      answerPending: owed,
      dueReport: e ? { periodLabel: e.periodLabel, dueOn: e.dueOn, stage: e.stage as EscalationStage, notice: e.notice } : null,
      returnedReason: returned ?? null,
      returnedReport: sentBack ? { id: sentBack.id, reason: sentBack.return_reason ?? '' } : null,
      pendingExtension: ext ? { id: ext.id, newDueOn: ext.new_due_on, fromDueOn: ext.from_due_on, late: extensionLate(ext), daysLate: daysOverdue(ext.from_due_on, today) } : null,
      pendingClosure: pending ? { id: pending.id } : null,
    };
  });
  return { items: states, answersOwed };
}
