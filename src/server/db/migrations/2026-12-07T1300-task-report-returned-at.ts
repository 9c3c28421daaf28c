// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// A work plan progress report's 退回 gets its moment and its returner (returned_at, returned_by), as the 整改事项 reports
// have theirs: 回看 (the plan's lights as of an earlier day, bundleOn) shows a report returned after that day as it
// stood then, submitted, not already 已退回. The last return is kept when the report is submitted again.
// Reports returned before now: the moment and the returner of their last 退回 in the audit log (action
// taskReport.return, written by the return command with the move; its time is the machine's). Where none is recorded
// (rows written directly, as the demo seed did), the report is taken as returned when it was submitted: the earliest
// it can have been, which keeps what 回看 showed before for every day after the submission; the returner stays unknown.
// Nothing is changed that the audit log does not already hold, so no audit row is written.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('work_task_report').addColumn('returned_at', 'text').execute();
  await db.schema.alterTable('work_task_report').addColumn('returned_by', 'integer').execute();
  const lastReturn = (column: 'at' | 'user_id') =>
    sql`(SELECT a.${sql.ref(column)} FROM audit_log a WHERE a.action = 'taskReport.return' AND a.outcome = 'ok' AND a.entity_type = 'work_task_report'
      AND a.entity_id = CAST(work_task_report.id AS TEXT) ORDER BY a.id DESC LIMIT 1)`;
  await db
    .updateTable('work_task_report')
    .set({ returned_at: lastReturn('at'), returned_by: lastReturn('user_id') })
    .execute();
  await db.updateTable('work_task_report').set({ returned_at: sql`submitted_at` }).where('status', '=', 'returned').where('returned_at', 'is', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('work_task_report').dropColumn('returned_by').execute();
  await db.schema.alterTable('work_task_report').dropColumn('returned_at').execute();
}
