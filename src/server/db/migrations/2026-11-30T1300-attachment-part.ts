// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// 自评资料: the applicant's materials behind its 自评 (DB43 资料评审 reviews the 自评报告 and the materials submitted
// with it) are attached per item of sheet A.1, so an expert finds the evidence beside the item scored. The owner
// (owner_type 'self_assessment', owner_id the application) has parts; `part` names the one a file belongs to (the
// item code, 1.1 …), null for owners without parts (a value, a report).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attachment').addColumn('part', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attachment').dropColumn('part').execute();
}
