/** The one change a user makes to a to-do: mark it done. Takes the change context {trx, audit, user}. */
import type { Todo } from '../../../shared/contracts/todos';
import type { Change } from '../../core/change';
import { conflict } from '../../core/errors';
import type { TodoRow } from '../../db/schema';
import { presentTodo } from './todos.presenter';
import { markDone } from './todos.queries';

export async function completeTodo(c: Change, row: TodoRow): Promise<Todo> {
  const now = new Date().toISOString();
  if (!(await markDone(c.trx, row.id, c.user.id, now))) throw conflict('该待办已被他人办结');
  await c.audit({ action: 'todo.done', entityType: 'todo', entityId: row.id, before: { status: 'open' }, after: { status: 'done' } });
  return presentTodo({ ...row, status: 'done', done_at: now, done_by: c.user.id });
}
