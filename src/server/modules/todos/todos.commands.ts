/** The changes a user makes through the to-do module. Each takes the change context {trx, audit, user}. */
import type { DeclarationReminder, Todo } from '../../../shared/contracts/todos';
import { declarationRemindRefusal, REMIND_AGAIN_MINUTES, remindedJustNow } from '../../../shared/workflow/assessment';
import type { Change } from '../../core/change';
import { conflict, notFound } from '../../core/errors';
import { personAt, requestedBy } from '../../core/user-names';
import type { TodoRow } from '../../db/schema';
import { presentTodo } from './todos.presenter';
import { declarationToRemind, DECLARATION_REMIND, findTodo, markDone, remindersOf } from './todos.queries';
import { doneRefusal } from './todos.policy';

/** who marked a done to-do and when (personAt's words; 您在其他窗口 when it was the caller, `me`), null when nobody is recorded */
const doneBy = async (db: Change['trx'], row: TodoRow, me: number): Promise<string | null> =>
  row.done_by !== null && row.done_at ? personAt(db, row.done_by, row.done_at, me) : null;

/** Mark a notice read (work to-dos close themselves when the work is done, see the route). */
export async function completeTodo(c: Change, row: TodoRow): Promise<Todo> {
  const refusal = doneRefusal(row, row.status === 'done' ? await doneBy(c.trx, row, c.user.id) : null);
  if (refusal) throw refusal;
  const now = c.clock.at;
  if (!(await markDone(c.trx, row.id, c.user.id, now))) {
    // another click committed first (PostgreSQL: read again now that it has): say who marked it and when
    const done = await findTodo(c.trx, row.id);
    const why = done && doneRefusal(done, await doneBy(c.trx, done, c.user.id));
    if (why) throw why;
    throw notFound('该待办已不存在，请刷新后查看');
  }
  await c.audit({ action: 'todo.done', entityType: 'todo', entityId: row.id, before: { status: 'open' }, after: { status: 'done' } });
  return presentTodo({ ...row, status: 'done', done_at: now, done_by: c.user.id });
}

/**
 * 催办: the assessing office reminds a department whose declaration is still outstanding (draft or returned,
 * during the call for indicators). Audited; the department's to-do shows "已催办 N 次，最近 …".
 */
export async function remindDeclaration(c: Change, declarationId: number): Promise<DeclarationReminder> {
  const row = await declarationToRemind(c.trx, declarationId);
  const missing = notFound(`申报表${declarationId}不存在或不由本单位组织`);
  if (!row) throw missing;
  // the assessing office only (the rule of assessment.policy: an office acts on its own cycles)
  if (c.user.role !== 'office' || row.office_org_id !== c.user.orgUnitId) throw missing;
  const refusal = declarationRemindRefusal({ status: row.cycle_status, deadline: row.deadline }, { status: row.status, reopenedUntil: row.reopened_until }, c.clock.today);
  if (refusal) throw conflict(refusal);
  const before = await remindersOf(c.trx, row.id);
  // a second 催办 moments after the first (a double click, two windows, a colleague at once) is not another one: the
  // department would read 「已催办 2 次」 for one. Read under the declaration's lock (declarationToRemind), so two sent at
  // once follow each other and the second sees the first.
  // (on the audit rows' own clock, the system's)
  if (before.last && remindedJustNow(before.last.at, Date.now(), before.reopenedAt)) {
    throw conflict(`${row.department_name}的申报已由${requestedBy(before.last, c.user.id)}催办（共${before.count}次），${REMIND_AGAIN_MINUTES}分钟内不再重复催办`);
  }
  const at = new Date().toISOString(); // the audit row's time, which remindersOf reads back as the latest 催办
  await c.audit({
    action: DECLARATION_REMIND,
    entityType: 'declaration',
    entityId: row.id,
    before: { reminders: before.count },
    after: { reminders: before.count + 1, department: row.department_name },
    cycleId: row.cycle_id,
  });
  return { declarationId: row.id, count: before.count + 1, lastAt: at };
}
