// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// A work plan progress report gets its 逾期原因 (late_reason): a 督办单 asks the unit to report 并说明逾期原因, and the
// unit's reply says why on the report itself (lateReasonAsk in src/shared/workplan/rules.ts), where the office reads it
// beside the report. Reports written before have none: nothing was asked of them on the form, so nothing is filled in.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('work_task_report').addColumn('late_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('work_task_report').dropColumn('late_reason').execute();
}
