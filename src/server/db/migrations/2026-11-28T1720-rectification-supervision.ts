// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// Issue 13, 整改: rectification items (整改事项) become supervised items from every process. The item keeps its
// source (source_type 'evaluation' | 'assessment' | 'indicator', with a label to link back by), gets the day its
// supervision started, a deadline always (items raised without one get 60 days), and the supervision rows of the
// work plan's machinery: progress reports, extensions, closure requests and 催办 / 督办单. States move through
// RECTIFICATION_WORKFLOW and the closure / extension workflows of src/shared/workflow/rectification.ts.
import { type Kysely, PostgresAdapter } from 'kysely';

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  await db.schema.alterTable('rectification').addColumn('source_label', 'text').execute();
  await db.schema.alterTable('rectification').addColumn('started_on', 'text').execute();
  await db.schema.alterTable('rectification').addColumn('closed_at', 'text').execute();
  const rows = (await db.selectFrom('rectification').select(['id', 'created_at', 'due_on']).execute()) as { id: number; created_at: string; due_on: string | null }[];
  for (const r of rows) {
    const started = r.created_at.slice(0, 10);
    await db.updateTable('rectification').set({ started_on: started, due_on: r.due_on ?? addDays(started, 60) }).where('id', '=', r.id).execute();
  }
  await db.schema
    .createTable('rectification_report')
    .addColumn('id', 'integer', id)
    .addColumn('rectification_id', 'integer', (c) => c.notNull().references('rectification.id'))
    // the monthly reporting period the report answers ('2026-10')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('progress_reason', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('problems', 'text')
    .addColumn('next_steps', 'text')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('submitted_by', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectification_report_item_idx').on('rectification_report').column('rectification_id').execute();
  await db.schema
    .createTable('rectification_extension')
    .addColumn('id', 'integer', id)
    .addColumn('rectification_id', 'integer', (c) => c.notNull().references('rectification.id'))
    .addColumn('from_due_on', 'text', (c) => c.notNull())
    .addColumn('new_due_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // pending | approved | refused
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('rectification_extension_item_idx').on('rectification_extension').column('rectification_id').execute();
  await db.schema
    .createTable('rectification_closure')
    .addColumn('id', 'integer', id)
    .addColumn('rectification_id', 'integer', (c) => c.notNull().references('rectification.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    // pending | accepted | returned
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('rectification_closure_item_idx').on('rectification_closure').column('rectification_id').execute();
  await db.schema
    .createTable('rectification_notice')
    .addColumn('id', 'integer', id)
    .addColumn('rectification_id', 'integer', (c) => c.notNull().references('rectification.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    // reminder (催办) | order (督办单)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('reply_by', 'text')
    .addColumn('issued_by', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rectification_notice_once', ['rectification_id', 'period', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['rectification_notice', 'rectification_closure', 'rectification_extension', 'rectification_report']) await db.schema.dropTable(t).execute();
  for (const c of ['closed_at', 'started_on', 'source_label']) await db.schema.alterTable('rectification').dropColumn(c).execute();
}
