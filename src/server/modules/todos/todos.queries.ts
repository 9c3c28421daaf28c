/**
 * 待办: a to-do is addressed to one user, or to every user of a role (optionally within one org unit).
 * Workflows create them with addTodo() in the same transaction as the change that causes them, and close
 * them with closeTodos() when the work is done. Every SQL statement of the to-do module is here (Kysely only).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
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

/** Whether an open to-do of a kind is already raised for a source (to keep one open at a time). */
export async function hasOpenTodo(db: Kysely<Database>, where: { kind: string; sourceId: string }): Promise<boolean> {
  const r = await db
    .selectFrom('todo')
    .select('id')
    .where('kind', '=', where.kind)
    .where('source_id', '=', where.sourceId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return !!r;
}

/** Close a user's own open to-dos of a kind (e.g. "change your password" once they have), done by that user. */
export async function closeOwnTodos(db: Kysely<Database>, userId: number, kind: string, now = new Date().toISOString()): Promise<void> {
  await db
    .updateTable('todo')
    .set({ status: 'done', done_at: now, done_by: userId })
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('status', '=', 'open')
    .execute();
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

/** The caller's to-dos in one status, soonest due first (at most 500). */
export const listTodos = (db: Kysely<Database>, me: SessionUser, status: 'open' | 'done') =>
  todosFor(db, me).selectAll().where('status', '=', status).orderBy('due_at', 'asc').orderBy('id', 'desc').limit(500).execute();

export const findMyTodo = (db: Kysely<Database>, me: SessionUser, id: number) => todosFor(db, me).selectAll().where('id', '=', id).executeTakeFirst();

/** Mark one open to-do done; false when someone else did first. */
export async function markDone(db: Kysely<Database>, id: number, by: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('todo')
    .set({ status: 'done', done_at: now, done_by: by })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
