/** Every SQL statement of the frameworks module. Kysely only. */
import type { Insertable, Kysely } from 'kysely';
import type { Database, FrameworkTable } from '../../db/schema';

export const listFrameworks = (db: Kysely<Database>) =>
  db.selectFrom('framework').select(['id', 'version', 'title', 'kind', 'total_points']).orderBy('id').execute();

export const findFrameworkContent = (db: Kysely<Database>, id: string) =>
  db.selectFrom('framework').select(['id', 'content_json']).where('id', '=', id).executeTakeFirst();

export const frameworkHash = async (db: Kysely<Database>, id: string) =>
  (await db.selectFrom('framework').select('content_sha256').where('id', '=', id).executeTakeFirst())?.content_sha256;

export async function saveFramework(db: Kysely<Database>, row: Insertable<FrameworkTable>, exists: boolean): Promise<void> {
  const { id, ...rest } = row;
  if (exists) await db.updateTable('framework').set(rest).where('id', '=', id).execute();
  else await db.insertInto('framework').values(row).execute();
}
