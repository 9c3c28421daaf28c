/** Every SQL statement of the rectification items (整改事项) raised from the creation evaluation. Kysely only. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, RectificationTable } from '../../../db/schema';

export type RectificationRow = Selectable<RectificationTable>;

export const rectificationsOf = (db: Kysely<Database>, applicationId: number) =>
  db.selectFrom('rectification').selectAll().where('source_type', '=', 'evaluation').where('source_id', '=', applicationId).orderBy('id').execute();

export const findRectification = (db: Kysely<Database>, id: number) => db.selectFrom('rectification').selectAll().where('id', '=', id).executeTakeFirst();

export const insertRectification = (db: Kysely<Database>, v: Omit<RectificationTable, 'id' | 'version' | 'status' | 'answer' | 'answered_by' | 'answered_at'>) =>
  db.insertInto('rectification').values({ ...v, status: 'open', answer: null, answered_by: null, answered_at: null, version: 1 }).returning('id').executeTakeFirstOrThrow();
