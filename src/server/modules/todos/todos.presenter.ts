/** To-do rows → the API's shape. */
import type { Todo } from '../../../shared/contracts/todos';
import type { TodoRow } from '../../db/schema';

export const presentTodo = (r: TodoRow): Todo => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  detail: r.detail,
  link: r.link,
  dueAt: r.due_at,
  status: r.status,
  createdAt: r.created_at,
  doneAt: r.done_at,
});
