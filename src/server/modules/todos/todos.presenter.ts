/** To-do rows (stored) and derived to-dos → the API's shape. */
import { NOTICE_KINDS, type Todo } from '../../../shared/contracts/todos';
import type { DerivedTodo } from '../../../shared/workflow/todos';
import type { TodoRow } from '../../db/schema';

export const presentTodo = (r: TodoRow): Todo => ({
  key: `todo:${r.id}`,
  id: r.id,
  kind: r.kind,
  title: r.title,
  detail: r.detail,
  link: r.link,
  dueAt: r.due_at,
  status: r.status,
  createdAt: r.created_at,
  doneAt: r.done_at,
  dismissable: r.status === 'open' && NOTICE_KINDS.includes(r.kind),
});

export const presentDerived = (t: DerivedTodo): Todo => ({
  key: t.key,
  id: null,
  kind: t.kind,
  title: t.title,
  detail: t.detail,
  link: t.link,
  dueAt: t.dueAt,
  status: 'open',
  createdAt: null,
  doneAt: null,
  dismissable: false,
});
