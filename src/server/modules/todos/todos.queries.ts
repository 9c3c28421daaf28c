/**
 * 待办: a to-do is addressed to one user, or to every user of a role (optionally within one org unit).
 * Workflows create them with addTodo() in the same transaction as the change that causes them, and close
 * them with closeTodos() when the work is done.
 */
import type { Kysely } from 'kysely';
import type { Database, TodoRow } from '../../db/schema';
import type { Todo } from '../../../shared/contracts/todos';
import type { Role } from '../../../shared/roles';
import type { SessionUser } from '../../core/session';

export interface NewTodo {
  userId?: number;
  orgUnitId?: number;
  role?: Role;
  kind: string;
  title: string;
  detail?: string;
  link?: string;
  dueAt?: string;
  sourceType?: string;
  sourceId?: string;
}

export async function addTodo(db: Kysely<Database>, t: NewTodo): Promise<void> {
  if (t.userId === undefined && t.role === undefined) throw new Error('a to-do needs a user or a role');
  await db
    .insertInto('todo')
    .values({
      user_id: t.userId ?? null,
      org_unit_id: t.orgUnitId ?? null,
      role: t.role ?? null,
      kind: t.kind,
      title: t.title,
      detail: t.detail ?? null,
      link: t.link ?? null,
      due_at: t.dueAt ?? null,
      source_type: t.sourceType ?? null,
      source_id: t.sourceId ?? null,
      status: 'open',
      created_at: new Date().toISOString(),
    })
    .execute();
}

/** Close every open to-do of a kind raised by a source (e.g. all reminders for one declaration). */
export async function closeTodos(
  db: Kysely<Database>,
  by: number,
  where: { kind: string; sourceType: string; sourceId: string },
): Promise<number> {
  const r = await db
    .updateTable('todo')
    .set({ status: 'done', done_at: new Date().toISOString(), done_by: by })
    .where('kind', '=', where.kind)
    .where('source_type', '=', where.sourceType)
    .where('source_id', '=', where.sourceId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function todosFor(db: Kysely<Database>, me: SessionUser) {
  return db.selectFrom('todo').where((eb) =>
    eb.or([
      eb('user_id', '=', me.id),
      eb.and([eb('user_id', 'is', null), eb('role', '=', me.role), eb('org_unit_id', '=', me.orgUnitId)]),
      eb.and([eb('user_id', 'is', null), eb('role', '=', me.role), eb('org_unit_id', 'is', null)]),
    ]),
  );
}

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
