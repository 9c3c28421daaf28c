// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// 审查无误 of a submitted 自评: the organiser records that it has looked and finds nothing to return (who and when);
// cleared when the 自评 is returned for 补正, so the corrected one is looked at again.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('self_assessment').addColumn('checked_at', 'text').execute();
  await db.schema.alterTable('self_assessment').addColumn('checked_by', 'integer', (c) => c.references('app_user.id')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('self_assessment').dropColumn('checked_by').execute();
  await db.schema.alterTable('self_assessment').dropColumn('checked_at').execute();
}
