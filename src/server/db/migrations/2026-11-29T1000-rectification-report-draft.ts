// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// 整改事项 reports get the work plan's report states (RECTIFICATION_REPORT_WORKFLOW in src/shared/workflow/rectification.ts):
// draft → submitted, submitted → returned (退回, with a reason) → submitted again. A draft has no submitter yet, so
// submitted_by / submitted_at become nullable; each report is versioned (409 on a stale save). At most one report of
// an item is being edited (draft or returned) at a time: a partial unique index. Reports already stored were submitted.
// SQLite cannot drop NOT NULL: the table is rebuilt there with the same ids.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) {
    await db.schema.alterTable('rectification_report').alterColumn('submitted_by', (c) => c.dropNotNull()).execute();
    await db.schema.alterTable('rectification_report').alterColumn('submitted_at', (c) => c.dropNotNull()).execute();
    // draft | submitted | returned
    await db.schema.alterTable('rectification_report').addColumn('status', 'text', (c) => c.notNull().defaultTo('submitted')).execute();
    await db.schema.alterTable('rectification_report').addColumn('return_reason', 'text').execute();
    await db.schema.alterTable('rectification_report').addColumn('returned_by', 'integer').execute();
    await db.schema.alterTable('rectification_report').addColumn('returned_at', 'text').execute();
    await db.schema.alterTable('rectification_report').addColumn('updated_by', 'integer').execute();
    await db.schema.alterTable('rectification_report').addColumn('updated_at', 'text').execute();
    await db.schema.alterTable('rectification_report').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  } else {
    await db.schema
      .createTable('rectification_report_next')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('rectification_id', 'integer', (c) => c.notNull().references('rectification.id'))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('progress', 'integer', (c) => c.notNull())
      .addColumn('progress_reason', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('problems', 'text')
      .addColumn('next_steps', 'text')
      .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
      .addColumn('submitted_by', 'integer')
      .addColumn('submitted_at', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('submitted'))
      .addColumn('return_reason', 'text')
      .addColumn('returned_by', 'integer')
      .addColumn('returned_at', 'text')
      .addColumn('updated_by', 'integer')
      .addColumn('updated_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await sql`INSERT INTO rectification_report_next (id, rectification_id, period, progress, progress_reason, text, problems, next_steps, org_id, submitted_by, submitted_at)
      SELECT id, rectification_id, period, progress, progress_reason, text, problems, next_steps, org_id, submitted_by, submitted_at FROM rectification_report`.execute(db);
    await db.schema.dropTable('rectification_report').execute();
    await db.schema.alterTable('rectification_report_next').renameTo('rectification_report').execute();
    await db.schema.createIndex('rectification_report_item_idx').on('rectification_report').column('rectification_id').execute();
  }
  await db.updateTable('rectification_report').set({ updated_by: sql`submitted_by`, updated_at: sql`submitted_at` }).execute();
  await db.schema
    .createIndex('rectification_report_one_open')
    .on('rectification_report')
    .column('rectification_id')
    .unique()
    .where(sql.ref('status'), 'in', [sql.lit('draft'), sql.lit('returned')])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rectification_report_one_open').execute();
  await db.deleteFrom('rectification_report').where('status', '!=', 'submitted').execute();
  for (const c of ['version', 'updated_at', 'updated_by', 'returned_at', 'returned_by', 'return_reason', 'status']) await db.schema.alterTable('rectification_report').dropColumn(c).execute();
}
