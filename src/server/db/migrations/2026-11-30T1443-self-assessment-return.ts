// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// 退回补正 of a submitted 自评: the organiser sends it back to the applicant with a reason (before any expert scores);
// the reason stands until the applicant submits again.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('self_assessment').addColumn('return_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('self_assessment').dropColumn('return_reason').execute();
}
