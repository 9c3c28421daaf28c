// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// A 整改事项's monthly progress report gets its 逾期原因 (late_reason), as a work-plan task's report got its own
// (2026-12-07T1600): a 督办单 on the month asks the owner to report 并说明逾期原因, and the owner's reply says why on the
// report itself (lateReasonAsk in src/shared/workplan/rules.ts), where the raiser reads it under the 督办单. Reports
// written before have none: nothing was asked of them on the form, so nothing is filled in.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rectification_report').addColumn('late_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rectification_report').dropColumn('late_reason').execute();
}
