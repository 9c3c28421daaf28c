// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// Issue 10: preliminary results published before every department has submitted, and the scheme's record of
// which accepted declarations have been written into it.
// - assessment_cycle.preliminary_published_at / preliminary_reason / preliminary_departments_json: the office's
//   latest early publication (CYCLE_WORKFLOW 'publishPreliminary'): when, why, and the ids of the departments
//   whose submitted scores the cities may then see (a JSON array of org_unit ids). Null until the office does so.
// - scheme.applied_declarations_json: the accepted declarations written into this version, a JSON object
//   { "<declaration id>": <declaration version> }; a new version starts from the published one's. Null = none.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assessment_cycle').addColumn('preliminary_published_at', 'text').execute();
  await db.schema.alterTable('assessment_cycle').addColumn('preliminary_reason', 'text').execute();
  await db.schema.alterTable('assessment_cycle').addColumn('preliminary_departments_json', 'text').execute();
  await db.schema.alterTable('scheme').addColumn('applied_declarations_json', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('scheme').dropColumn('applied_declarations_json').execute();
  await db.schema.alterTable('assessment_cycle').dropColumn('preliminary_departments_json').execute();
  await db.schema.alterTable('assessment_cycle').dropColumn('preliminary_reason').execute();
  await db.schema.alterTable('assessment_cycle').dropColumn('preliminary_published_at').execute();
}
