// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// An application may be accepted although a consulted member department found a 不予受理 condition (or has not
// answered): the organiser must then write why, and the 受理通知书 says so instead of "未发现…不予受理情形".
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evaluation_application').addColumn('accept_reason', 'text').execute();
  // what the departments had said at that moment ([text, …]), as the notice prints it
  await db.schema.alterTable('evaluation_application').addColumn('accept_concerns_json', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evaluation_application').dropColumn('accept_concerns_json').execute();
  await db.schema.alterTable('evaluation_application').dropColumn('accept_reason').execute();
}
